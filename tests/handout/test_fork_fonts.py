"""A forked process keeps the font configurations it inherits, whoever forked it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_every_forked_child_keeps_the_shared_fonts_it_inherits(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from tall_teach.htmlkit import pdf

    shared = {("css",): ("fetcher", "config", [])}
    monkeypatch.setattr(pdf, "_SHARED", shared)
    monkeypatch.setattr(pdf, "_INHERITED", [])
    pid = os.fork()
    if pid == 0:  # the child: kept before anything of its own ran
        kept = pdf._INHERITED
        os._exit(0 if kept == [shared] else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pdf._INHERITED == []  # not in the parent


MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_build_leaves_no_font_folder_in_the_temporary_folder(tmp_path: Path, jobs: str) -> None:
    """WeasyPrint's font folders, removed by every process that made them (the early
    lane, the chunks' worker, the footers' worker), without waiting for a collection."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    course = tmp_path / "mini-course"
    shutil.copytree(MINI, course)
    env = {**os.environ, "TMPDIR": str(temporary), "TALL_TEACH_JOBS": jobs}
    for _ in range(2):  # cold, then a one-module edit
        run = subprocess.run([sys.executable, "-m", "tall_teach", "build", str(course),
                              "--out", str(tmp_path / "out")], capture_output=True, text=True,
                             env=env, timeout=300, check=False)
        assert run.returncode == 0, run.stderr
        assert [p.name for p in temporary.iterdir() if p.name.startswith("weasyprint")] == []
        module = sorted((course / "modules").glob("*.md"))[0]
        module.write_text(module.read_text(encoding="utf-8") + "\n- One more point\n",
                          encoding="utf-8")


def test_a_forked_process_removes_its_own_font_folders_not_those_it_inherited() -> None:
    from tall_teach.htmlkit import pdf

    with pdf.sharing_fonts():
        pdf.render_paged("<p>x</p>", stylesheets=("@font-face { font-family: A; src: "
                                                 "local(DejaVu Sans) }",))
        inherited = [made() for _, made in pdf._MADE if made() is not None]
        folders = [c._folder for c in inherited if c._folder]
        assert folders
        pid = os.fork()
        if pid == 0:
            pdf.render_paged("<p>y</p>")  # a configuration of its own, outside the shared
            with pdf.sharing_fonts():
                pdf.render_paged("<p>y</p>", stylesheets=("p { color: red }",))
                pdf.drop_shared_fonts()
            pdf.remove_font_folders()
            os._exit(0 if all(f.is_dir() for f in folders) else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert all(f.is_dir() for f in folders)  # still the parent's
    assert not any(f.exists() for f in folders)  # removed when the sharing ended
