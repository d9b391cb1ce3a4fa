"""Faults while writing: an unwritable output folder, a full disk, Ctrl+C at any moment.

Each must end with a clear message, no traceback, no staged *.tmp left, and every output
either the previous version or a complete new one (never a mix inside one file).
The builds run through the real CLI in a subprocess; disk-full and exactly-timed Ctrl+C
are injected by faulty_build.py in that subprocess.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .kit import (
    COURSE_NAME,
    GOOD_COURSE,
    HERE,
    Run,
    build_args,
    cli_env,
    gen_many_items,
    leftovers,
    run_cli,
    snapshot,
)

pytestmark = pytest.mark.xdist_group("hostile-faults")
FAULTY_BUILD = HERE / "faulty_build.py"
CHEAP = ("dump", "quiz")  # every file still goes through the same staged writing


def run_faulty(fault: str, n: int, args: list[str]) -> Run:
    done = subprocess.run([sys.executable, str(FAULTY_BUILD), fault, str(n), "--", *args],
                          capture_output=True, text=True, timeout=120, env=cli_env(), check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def second_edition(tmp_path: Path) -> Path:
    """The good course with a new title: every output differs from the previous build."""
    course = tmp_path / "second" / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    config = course / "course.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "title: Brewing tea", "title: Brewing tea, second edition"), encoding="utf-8")
    return course


def expected_new_outputs(course: Path, good_outputs: Path, tmp_path: Path,
                         only: tuple[str, ...] = ()) -> dict[str, bytes]:
    """What an undisturbed build of `course` over the previous outputs writes."""
    out_root = tmp_path / "reference"
    shutil.copytree(good_outputs, out_root / COURSE_NAME)
    run = run_cli(build_args(course, out_root, only))
    assert run.status == 0, run.stderr
    return snapshot(out_root / COURSE_NAME)


def assert_clean_failure(run: Run, wanted: str) -> None:
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown, shown[-3000:]
    assert run.status != 0
    assert wanted in run.stderr, run.stderr


# --- the output folder cannot be written ---------------------------------------------------


def test_an_out_folder_under_a_regular_file_fails_clearly_even_as_root(tmp_path: Path) -> None:
    """chmod does not stop root; a path through a regular file fails for everyone (ENOTDIR)."""
    course = tmp_path / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should go\n", encoding="utf-8")
    run = run_cli(build_args(course, blocker / "build", CHEAP))
    assert_clean_failure(run, f"cannot write {blocker}/build/{COURSE_NAME}/")
    assert blocker.read_text(encoding="utf-8") == "a file where the output folder should go\n"
    assert leftovers(tmp_path) == []


def test_an_out_folder_under_a_regular_file_says_what_to_do(tmp_path: Path) -> None:
    course = tmp_path / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x\n", encoding="utf-8")
    run = run_cli(build_args(course, blocker / "build", CHEAP))
    assert "--out" in run.stderr, run.stderr


def test_a_read_only_file_system_fails_with_what_to_do(tmp_path: Path) -> None:
    """/sys refuses new folders even to root in a container (EPERM or EROFS)."""
    probe = Path("/sys/tall-teach-probe")
    try:
        probe.mkdir()
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EROFS, errno.EACCES):
            pytest.skip(f"/sys gives {errno.errorcode.get(exc.errno)} here")
    else:
        probe.rmdir()
        pytest.skip("/sys is writable on this machine")
    course = tmp_path / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    run = run_cli(build_args(course, probe, CHEAP))
    assert_clean_failure(run, "permission denied; choose a writable folder with --out")


def test_an_output_path_taken_by_a_folder_changes_nothing(
    tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]]
) -> None:
    out_root, _ = previous_build
    out = out_root / COURSE_NAME
    (out / "quiz" / "moodle.xml").unlink()
    (out / "quiz" / "moodle.xml").mkdir()
    (out / "quiz" / "moodle.xml" / "kept.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(out)
    run = run_cli(build_args(second_edition(tmp_path), out_root, CHEAP))
    assert_clean_failure(run, "moodle.xml")
    assert leftovers(out_root) == []
    assert snapshot(out) == before


# --- the disk fills up -----------------------------------------------------------------------


@pytest.mark.parametrize(("fault", "n"), [("enospc-fsync", 1), ("enospc-fsync", 5),
                                          ("enospc-mkstemp", 3)])
def test_a_full_disk_keeps_every_previous_output(
    fault: str, n: int, tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]]
) -> None:
    out_root, before = previous_build
    run = run_faulty(fault, n, build_args(second_edition(tmp_path), out_root, CHEAP))
    assert_clean_failure(run, "the disk is full; free some space and build again")
    assert snapshot(out_root / COURSE_NAME) == before
    assert leftovers(out_root) == []


# --- Ctrl+C -------------------------------------------------------------------------------------


def test_ctrl_c_while_staging_keeps_every_previous_output(
    tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]]
) -> None:
    out_root, before = previous_build
    run = run_faulty("sigint-fsync", 3, build_args(second_edition(tmp_path), out_root, CHEAP))
    assert_interrupted(run)
    assert snapshot(out_root / COURSE_NAME) == before
    assert leftovers(out_root) == []


@pytest.mark.slow
def test_ctrl_c_while_renaming_finishes_the_new_outputs_then_stops(
    tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]], good_outputs: Path
) -> None:
    out_root, before = previous_build
    course = second_edition(tmp_path)
    new = expected_new_outputs(course, good_outputs, tmp_path)
    run = run_faulty("sigint-replace", 2, build_args(course, out_root))
    assert_interrupted(run, "the new outputs were already in place")
    after = snapshot(out_root / COURSE_NAME)
    cache = ".tall-teach-cache.json"  # written after the outputs: old until a build completes
    assert {k: v for k, v in after.items() if k != cache} == {
        k: v for k, v in new.items() if k != cache}
    assert after[cache] in (before[cache], new[cache])
    assert leftovers(out_root) == []


def assert_interrupted(run: Run, outputs: str = "previous outputs kept") -> None:
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown, shown[-3000:]
    assert run.status == 130, shown[-2000:]
    assert f"interrupted; nothing half-written, {outputs}" in run.stderr


def slow_course(tmp_path: Path) -> Path:
    """A course whose build takes tens of seconds: 10,000 bullet items on one slide."""
    course = tmp_path / "slow" / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    gen_many_items(course)
    return course


def interrupt_after(args: list[str], delay: float) -> Run:
    """Start the CLI, press Ctrl+C after `delay` s (SIGINT to its process group, as a terminal
    does, so a forked writer process gets it too)."""
    process = subprocess.Popen([sys.executable, "-m", "tall_teach", *args], text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
                               start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return Run(process.returncode, stdout, stderr)


@pytest.mark.slow
def test_ctrl_c_during_a_long_build_stops_clearly_and_keeps_the_previous_outputs(
    tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]]
) -> None:
    out_root, before = previous_build
    started = time.perf_counter()
    run = interrupt_after([*build_args(slow_course(tmp_path), out_root), "--force"], 2.5)
    assert time.perf_counter() - started < 15, "Ctrl+C did not stop the build promptly"
    assert_interrupted(run)
    assert snapshot(out_root / COURSE_NAME) == before
    assert leftovers(out_root, tmp_path) == []


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.6, 1.2, 1.8, 2.4])
def test_ctrl_c_at_any_moment_leaves_each_output_old_or_new(
    delay: float, tmp_path: Path, previous_build: tuple[Path, dict[str, bytes]],
    good_outputs: Path
) -> None:
    """Whatever the moment: old or new outputs, never a mix of the two, never a torn file."""
    out_root, before = previous_build
    course = second_edition(tmp_path)
    new = expected_new_outputs(course, good_outputs, tmp_path)
    run = interrupt_after(build_args(course, out_root), delay)
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown, shown[-3000:]
    finished = re.search(r"built \d+, skipped 0", run.stdout) is not None
    # Ctrl+C after the build finished can reach Python while it shuts down, when SIGINT is
    # back to its default action: the process then dies by the signal (the shell shows 130).
    allowed = (0, 130, -signal.SIGINT) if finished else (130,)
    assert run.status in allowed, shown[-2000:]
    kept_old = "interrupted; nothing half-written, previous outputs kept" in run.stderr
    all_new = finished or "interrupted; nothing half-written, the new outputs were already in " \
        "place" in run.stderr
    assert kept_old != all_new, shown[-2000:]  # exactly one story is told
    after = snapshot(out_root / COURSE_NAME)
    cache = ".tall-teach-cache.json"
    outputs = sorted(set(after) - {cache})
    wanted = before if kept_old else new
    differ = [k for k in outputs if after[k] != wanted.get(k)]
    assert differ == [] and set(outputs) == set(wanted) - {cache}, (
        f"{'old' if kept_old else 'new'} outputs expected; these differ: {differ}; "
        f"{shown[-1500:]}")
    assert leftovers(out_root) == []


# --- a second build in the same process (tall-teach watch) --------------------------------


def test_the_deck_renders_twice_in_one_process(tmp_path: Path) -> None:
    from tall_teach.pipeline import render_one
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme

    course, _ = read_course(GOOD_COURSE)
    theme = load_theme(course.theme, GOOD_COURSE)
    first, _ = render_one("tall_teach.writers.pptx", course, theme)
    second, _ = render_one("tall_teach.writers.pptx", course, theme)
    assert first == second
