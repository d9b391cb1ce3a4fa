"""Pandoc habits: `# Heading` with slide content, `slide_level`, and TeX math."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .helpers import MINIMAL_CONFIG, errors_of, read_ok

PANDOC_HABIT = "# First topic\n\n- a point\n- another point\n\n# Second topic\n\n- more\n"


def test_a_section_heading_with_bullets_under_it_is_a_warning_at_its_line(
    course_dir: Callable[..., Path],
) -> None:
    course, warnings = read_ok(course_dir(module=PANDOC_HABIT))
    found = [w for w in warnings if "section divider" in w.message]
    assert [(w.source.path, w.source.line) for w in found] == [
        ("modules/one.md", 1), ("modules/one.md", 6)]
    assert "(line 3)" in found[0].message and "slide_level: 1" in found[0].message
    assert [s.kind for s in course.slides()] == ["section", "section"]


def test_a_section_with_one_subtitle_paragraph_is_not_warned(
    course_dir: Callable[..., Path],
) -> None:
    _, warnings = read_ok(course_dir(module="# Part one\n\nWhat this part covers\n\n## A\n\nx\n"))
    assert not [w for w in warnings if "section divider" in w.message]


def test_slide_level_1_makes_each_hash_heading_a_slide(course_dir: Callable[..., Path]) -> None:
    config = MINIMAL_CONFIG + "slide_level: 1\n"
    module = PANDOC_HABIT + "\n## A subheading inside the slide\n\ntext\n"
    course, warnings = read_ok(course_dir({"course.yaml": config}, module=module))
    assert not [w for w in warnings if "section divider" in w.message]
    slides = list(course.slides())
    assert [(s.kind, s.id) for s in slides] == [
        ("content", "one/first-topic"), ("content", "one/second-topic")]
    assert len(slides[1].blocks) == 3  # the list, the bold subheading, the paragraph


def test_slide_level_outside_1_and_2_is_an_error_at_its_line(
    course_dir: Callable[..., Path],
) -> None:
    config = MINIMAL_CONFIG + "slide_level: 3\n"
    errors = errors_of(course_dir({"course.yaml": config}))
    assert [(e.source.line, e.message) for e in errors] == [
        (4, "'slide_level' must be from 1 to 2, not 3")]


def test_tex_math_is_a_warning_at_its_line_and_money_is_not(
    course_dir: Callable[..., Path],
) -> None:
    module = ("## Formulas\n\n- Energy: $E = mc^2$\n- It costs $5 and $10\n\n$$\n"
              "\\frac{a}{b}\n$$\n")
    _, warnings = read_ok(course_dir(module=module))
    math = [(w.source.line, w.message[:20]) for w in warnings if "TeX math" in w.message]
    assert math == [(3, "'$E = mc^2$' looks l"), (6, "'$$' looks like TeX ")]
