"""A copy of the mini course per test: review decisions are written into the course folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizexport.test_browser_quiz import browser  # noqa: F401  (the system Chromium, shared)

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "water"
    shutil.copytree(MINI, target)
    return target


def set_review(course_dir: Path, mode: str) -> None:
    path = course_dir / "course.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  per_message: 1\n", f"  per_message: 1\n  review: {mode}\n"),
                    encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
