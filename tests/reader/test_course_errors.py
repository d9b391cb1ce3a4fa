"""course.yaml problems: each is an error at its line, with a message saying what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .helpers import errors_of, located, read_ok

CourseDir = Callable[..., Path]


def config(body: str) -> dict[str, str]:
    return {"course.yaml": body}


def test_an_unknown_key_names_its_line_and_the_nearest_valid_key(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\nsubtitel: S\nmodules: [modules/one.md]\n"))
    (error,) = errors_of(root)
    assert (error.source.path, error.source.line) == ("course.yaml", 2)
    assert error.message.startswith(
        "unknown key 'subtitel' in course.yaml; did you mean 'subtitle'?"
    )


def test_modules_that_are_not_a_list_are_an_error(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\nmodules: modules/one.md\n"))
    (error,) = errors_of(root)
    assert located([error]) == [("course.yaml", 2)]
    assert "'modules' must be a list of file paths" in error.message


def test_a_missing_title_and_missing_modules_are_both_reported(course_dir: CourseDir) -> None:
    root = course_dir(config("subtitle: only this\n"))
    messages = [e.message for e in errors_of(root)]
    assert any("needs 'modules:'" in m for m in messages)
    assert any("needs 'title'" in m for m in messages)


def test_a_listed_module_that_does_not_exist_is_an_error_at_its_listing(
    course_dir: CourseDir,
) -> None:
    root = course_dir(config("title: T\nmodules:\n  - modules/one.md\n  - modules/two.md\n"))
    (error,) = errors_of(root)
    assert located([error]) == [("course.yaml", 4)]
    assert "module 'modules/two.md' does not exist" in error.message


def test_a_date_that_is_not_yyyy_mm_dd_is_an_error(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\ndate: 23/11/2026\nmodules: [modules/one.md]\n"))
    (error,) = errors_of(root)
    assert located([error]) == [("course.yaml", 2)]
    assert "'date' must be a date written YYYY-MM-DD" in error.message


def test_an_impossible_date_is_one_clear_error(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\ndate: 2026-13-01\nmodules: [modules/one.md]\n"))
    (error,) = errors_of(root)
    assert "'date' must be a date written YYYY-MM-DD" in error.message


def test_quiz_and_handout_settings_are_checked_key_by_key(course_dir: CourseDir) -> None:
    root = course_dir(config(
        "title: T\nmodules: [modules/one.md]\n"
        "handout:\n  layout: slides\n  papr: a4\n"
        "quiz:\n  seed: x\n  options: 7\n  per_message: -1\n  formats: [html, moodel]\n"
    ))
    errors = {(e.source.line, e.message.split(":")[0].split(";")[0]) for e in errors_of(root)}
    assert errors == {
        (4, "'layout' must be one of notes, outline, not 'slides'"),
        (5, "unknown key 'papr' in the handout settings"),
        (7, "'seed' must be a whole number, not text"),
        (8, "'options' must be from 3 to 5, not 7"),
        (9, "'per_message' must be at least 0, not -1"),
        (10, "unknown quiz format 'moodel'"),
    }


def test_a_yaml_syntax_error_points_at_the_problem_line(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\nmodules:\n  - modules/one.md\n bad: [unclosed\n"))
    (error,) = errors_of(root)
    assert error.source.path == "course.yaml"
    assert error.source.line in (4, 5)
    assert error.message.startswith("YAML syntax error")


def test_a_tab_in_yaml_indentation_is_a_clear_error(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\nmodules:\n\t- modules/one.md\n"))
    (error,) = errors_of(root)
    assert located([error]) == [("course.yaml", 3)]
    assert "tab" in error.message and "spaces" in error.message


def test_a_folder_without_course_yaml_says_how_to_start(tmp_path: Path) -> None:
    (error,) = errors_of(tmp_path)
    assert error.source.path == "course.yaml"
    assert "no course.yaml" in error.message and "tall-teach new" in error.message


def test_single_values_and_defaults_are_accepted(course_dir: CourseDir) -> None:
    root = course_dir(config("title: T\nauthors: One Author\ndate: '2026-01-02'\n"
                             "modules: [modules/one.md]\n"))
    course, warnings = read_ok(root)
    assert course.authors == ("One Author",)
    assert course.date == "2026-01-02"
    assert (course.language, course.theme, course.id) == ("en", "default", "course")
    assert warnings == []


def test_yes_and_no_stay_words_where_text_is_expected(course_dir: CourseDir) -> None:
    root = course_dir({**config("title: No\nmodules: [modules/one.md]\nglossary: g.yaml\n"),
                       "g.yaml": "molecule: [NO, CO]\n"})
    course, _ = read_ok(root)
    assert course.title == "No"
    assert course.glossary.terms("molecule") == ("NO", "CO")


def test_a_glossary_category_that_is_not_a_list_is_an_error(course_dir: CourseDir) -> None:
    root = course_dir({**config("title: T\nmodules: [modules/one.md]\nglossary: g.yaml\n"),
                       "g.yaml": "drug: [a, b]\ngene: NOTCH1\n"})
    (error,) = errors_of(root)
    assert located([error]) == [("g.yaml", 2)]
    assert "glossary category 'gene' must be a list of terms" in error.message


def test_every_error_in_every_file_is_reported_at_once(course_dir: CourseDir) -> None:
    root = course_dir({
        **config("title: T\ntheem: x\nmodules: [modules/one.md, modules/two.md]\n"),
        "modules/one.md": "## A [@nokey]\n",
        "modules/two.md": "## B\n\n::: note\nx\n:::\n",
    })
    assert located(errors_of(root)) == [
        ("course.yaml", 2), ("modules/one.md", 1), ("modules/two.md", 3)
    ]
