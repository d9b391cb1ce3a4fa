"""Hostile-suite fixtures: one real build of the good course, copied as 'the previous outputs'."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .kit import COURSE_NAME, GOOD_COURSE, build_args, leftovers, run_cli, snapshot


@pytest.fixture(scope="session")
def good_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/course/ of a real CLI build of the good course (built once per test process).

    Every case is copied to <tmp>/<case>/course, so this folder is byte for byte what
    building the good version of any case into its out folder produces.
    """
    work = tmp_path_factory.mktemp("good")
    course = work / COURSE_NAME
    shutil.copytree(GOOD_COURSE, course)
    run = run_cli(build_args(course, work / "out"))
    assert run.status == 0, run.stderr
    out = work / "out" / COURSE_NAME
    assert not leftovers(out)
    return out


@pytest.fixture
def previous_build(good_outputs: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A fresh out root holding the good build's outputs, and their bytes."""
    out_root = tmp_path / "out"
    shutil.copytree(good_outputs, out_root / COURSE_NAME)
    return out_root, snapshot(out_root / COURSE_NAME)
