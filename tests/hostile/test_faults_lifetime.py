"""Faults around a build's lifetime: the forked worker dies with a killed build, and a file
saved while a build runs never leaves outputs that are stale for good.

Real CLI processes; the mid-build edit is injected by faulty_build.py (edit-render), which
appends a line to the module right after a render, before the outputs are written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .kit import COURSE_NAME, GOOD_COURSE, HERE, build_args, cli_env, gen_many_items, run_cli

pytestmark = pytest.mark.xdist_group("hostile-faults")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    """Running and not a zombie (a zombie waits only for its parent to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.slow
def test_kill_9_of_the_build_ends_its_worker_without_a_traceback(tmp_path: Path) -> None:
    course = tmp_path / "slow" / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    gen_many_items(course)  # tens of seconds of rendering: the worker is busy when killed
    env = {**cli_env(), "TALL_TEACH_JOBS": "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tall_teach", *build_args(course, tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        workers: list[int] = []
        while not workers and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            workers = _children(process.pid)
        assert workers, "the build never forked its worker"
        time.sleep(0.5)  # the worker is rendering now
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=30)  # EOF only once the worker is gone too
        gone = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < gone:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "the worker outlived the killed build"
        assert "Traceback" not in stderr, stderr[-3000:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for worker in _children(process.pid):
            os.kill(worker, signal.SIGKILL)


def _build_editing(course: Path, out: Path, renders: int) -> subprocess.CompletedProcess[str]:
    env = {**cli_env(), "TALL_TEACH_TEST_EDIT": str(course / "modules" / "one.md")}
    return subprocess.run(
        [sys.executable, str(HERE / "faulty_build.py"), "edit-render", str(renders), "--",
         *build_args(course, out, ("dump",))],
        capture_output=True, text=True, timeout=180, env=env, check=False)


def _model_text(out: Path) -> str:
    return json.dumps(json.loads((out / COURSE_NAME / "model.json").read_text("utf-8")))


def test_a_file_saved_during_the_build_is_built_again_from_the_new_version(
    tmp_path: Path
) -> None:
    course = tmp_path / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    out = tmp_path / "out"
    run = _build_editing(course, out, renders=1)
    assert run.returncode == 0, run.stderr
    assert "modules/one.md: note: changed while the build was reading or rendering it: " \
        "built again from the new version" in run.stderr, run.stderr
    assert "saved during render 1" in _model_text(out)
    again = run_cli(build_args(course, out, ("dump",)))
    assert "up to date" in again.stdout, again.stdout + again.stderr


def test_a_file_that_keeps_changing_is_never_called_up_to_date(tmp_path: Path) -> None:
    course = tmp_path / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    out = tmp_path / "out"
    run = _build_editing(course, out, renders=3)
    assert run.returncode == 0, run.stderr
    assert "the next build will redo it" in run.stderr, run.stderr
    assert "saved during render 3" not in _model_text(out)
    again = run_cli(build_args(course, out, ("dump",)))
    assert "up to date" not in again.stdout, again.stdout
    assert "saved during render 3" in _model_text(out)
    third = run_cli(build_args(course, out, ("dump",)))
    assert "up to date" in third.stdout, third.stdout + third.stderr
