"""Every quiz export: same course, same bytes; and only its own files under quiz/."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from tall_teach.model import Course
from tall_teach.theme import Theme

FAST_WRITERS = ("quiz_html", "moodle", "gift", "qti", "anki")
EXPECTED_FILES = {
    "quiz_html": ["quiz/quiz.html"],
    "moodle": ["quiz/moodle.xml"],
    "gift": ["quiz/quiz.gift"],
    "qti": ["quiz/qti.zip"],
    "anki": ["quiz/.anki-notes.json", "quiz/hostile-course.apkg"],
    "quiz_pdf": ["quiz/answer-key.pdf", "quiz/quiz.pdf"],
}


def writer(name: str) -> ModuleType:
    return importlib.import_module(f"tall_teach.writers.{name}")


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES))
def test_each_writer_renders_only_its_own_files(name: str, course: Course, theme: Theme) -> None:
    assert sorted(writer(name).render(course, theme)) == EXPECTED_FILES[name]


@pytest.mark.parametrize("name", FAST_WRITERS)
def test_two_renders_of_the_hostile_course_are_byte_identical(
    name: str, course: Course, theme: Theme
) -> None:
    assert writer(name).render(course, theme) == writer(name).render(course, theme)


def test_two_renders_of_the_real_courses_are_byte_identical(
    real_courses: list[tuple[str, Course]], theme: Theme
) -> None:
    for course_name, real in real_courses:
        for name in (*FAST_WRITERS, "quiz_pdf"):
            first = writer(name).render(real, theme)
            assert first == writer(name).render(real, theme), (course_name, name)
