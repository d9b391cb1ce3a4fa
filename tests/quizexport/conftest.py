"""Fixtures for the quiz export tests: the hostile course, the theme, real courses if present."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tall_teach.model import Course
from tall_teach.theme import Theme, load_theme

from .quizexport_fixtures import MINI_COURSE, TALL_COURSE, hostile_course


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme("default")


@pytest.fixture(scope="session")
def course() -> Course:
    return hostile_course()


def _generator_available() -> bool:
    try:
        from tall_teach.quiz import generate_items  # noqa: F401
        from tall_teach.reader import read_course  # noqa: F401
    except ImportError:
        return False
    return True


def _real_course_dirs(tmp_root: Path) -> list[tuple[str, Path]]:
    from tall_teach.scaffold import create_course

    found = [("scaffold", create_course(tmp_root, "scaffold", today=date(2026, 1, 15)))]
    for name, folder in (("mini", MINI_COURSE), ("t-all", TALL_COURSE)):
        if (folder / "course.yaml").is_file():
            found.append((name, folder))
    return found


@pytest.fixture(scope="session")
def real_courses(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Course]]:
    """The starter course, the mini-course fixture and T-ALL, read, with items generated."""
    if not _generator_available():
        pytest.skip("reader or quiz generator not available yet")
    from tall_teach.quiz import generate_items
    from tall_teach.reader import read_course

    courses = []
    for name, folder in _real_course_dirs(tmp_path_factory.mktemp("courses")):
        course, _ = read_course(folder)
        course, _ = generate_items(course)
        if course.items:
            courses.append((name, course))
    if not courses:
        pytest.skip("no real course produced quiz items")
    return courses
