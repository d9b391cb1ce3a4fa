"""course.yaml `id:`: what a course stays when its folder is copied or renamed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .helpers import errors_of, located, read_ok

CourseDir = Callable[..., Path]


def test_the_identity_is_the_written_id_else_a_slug_of_the_title(course_dir: CourseDir) -> None:
    titled = course_dir({"course.yaml": "title: 'T-ALL in Adults: 2026 Update'\n"
                         "modules: [modules/one.md]\n"})
    course, _ = read_ok(titled)
    assert (course.id, course.identity) == ("course", "t-all-in-adults-2026-update")
    written = course_dir({"course.yaml": "id: t-all.2026_v2\ntitle: Anything\n"
                          "modules: [modules/one.md]\n"})
    assert read_ok(written)[0].identity == "t-all.2026_v2"


def test_a_title_without_latin_letters_is_its_own_identity(course_dir: CourseDir) -> None:
    root = course_dir({"course.yaml": "title: 血液学\nmodules: [modules/one.md]\n"})
    assert read_ok(root)[0].identity == "血液学"


def test_an_id_with_other_characters_is_an_error_at_its_line(course_dir: CourseDir) -> None:
    root = course_dir({"course.yaml": "title: T\nid: my course!\nmodules: [modules/one.md]\n"})
    (error,) = errors_of(root)
    assert located([error]) == [("course.yaml", 2)]
    assert error.message.startswith("course id 'my course!' may hold only letters, digits")
