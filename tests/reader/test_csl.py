"""`csl:` in course.yaml: full references formatted by citeproc-py in a CSL style."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tall_teach.transforms.citations import STYLES_DIR, footer_text, vancouver

from .helpers import MINIMAL_CONFIG, errors_of, read_ok

REFERENCES = """references:
  - id: smith2020
    type: article-journal
    author: [{family: Smith, given: Ann}, {family: Jones, given: Bob}]
    title: A neutral example
    container-title: Example Journal
    volume: "12"
    issue: "3"
    page: 45-67
    issued: {date-parts: [[2020]]}
"""
MODULE = "## A slide [@smith2020]\n\nSome text.\n"


def course_with(course_dir: Callable[..., Path], csl: str | None) -> Path:
    config = MINIMAL_CONFIG + (f"csl: {csl}\n" if csl else "")
    return course_dir({"course.yaml": config, "references.yaml": REFERENCES}, module=MODULE)


def test_without_csl_the_entry_is_vancouver_as_before(course_dir: Callable[..., Path]) -> None:
    course, _ = read_ok(course_with(course_dir, None))
    ref = course.references[0]
    assert ref.formatted == ""
    assert vancouver(ref) == ("Smith A, Jones B. A neutral example. Example Journal. "
                              "2020;12(3):45-67.")


def test_a_bundled_style_formats_the_full_entry_and_the_footer_keeps_its_short_form(
    course_dir: Callable[..., Path],
) -> None:
    course, _ = read_ok(course_with(course_dir, "apa"))
    ref = course.references[0]
    assert vancouver(ref) == ("Smith, A., & Jones, B. (2020). A neutral example. "
                              "Example Journal, 12(3), 45–67.")
    assert footer_text(["smith2020"], course) == "Smith A et al, Example Journal 2020"


def test_a_numeric_style_leaves_the_numbering_to_the_writers(
    course_dir: Callable[..., Path],
) -> None:
    course, _ = read_ok(course_with(course_dir, "ieee"))
    assert course.references[0].formatted.startswith("A. Smith and B. Jones, ")


def test_a_csl_file_in_the_course_is_used(course_dir: Callable[..., Path]) -> None:
    root = course_with(course_dir, "styles/house.csl")
    (root / "styles").mkdir()
    shutil.copy(STYLES_DIR / "nature.csl", root / "styles" / "house.csl")
    course, _ = read_ok(root)
    assert course.references[0].formatted.startswith("Smith, A. & Jones, B. A neutral example.")


def test_an_unknown_style_is_an_error_at_its_line_naming_the_nearest(
    course_dir: Callable[..., Path],
) -> None:
    errors = errors_of(course_with(course_dir, "apa7"))
    assert [(e.source.path, e.source.line) for e in errors] == [("course.yaml", 4)]
    assert "unknown citation style 'apa7'" in errors[0].message
    assert "did you mean 'apa'" in errors[0].message


def test_a_style_that_declares_entities_is_refused(course_dir: Callable[..., Path]) -> None:
    root = course_with(course_dir, "evil.csl")
    (root / "evil.csl").write_text('<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM '
                                   '"file:///etc/passwd">]>\n<style>&x;</style>\n')
    errors = errors_of(root)
    assert "may not declare a DOCTYPE or entities" in errors[0].message
    assert (errors[0].source.path, errors[0].source.line) == ("course.yaml", 4)
