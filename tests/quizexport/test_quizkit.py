"""The helpers every quiz export shares: ids, letters, category paths, feedback text."""

from __future__ import annotations

import re

from tall_teach.quizkit import (
    category_name,
    category_path,
    items_by_module,
    ncname,
    option_feedback,
    option_letter,
    source_line,
    stable_int,
    text_to_html,
    xml_safe,
)

from .quizexport_fixtures import hostile_course

NCNAME_SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def test_ncname_keeps_an_id_that_is_already_safe() -> None:
    assert ncname("tt-m01-cloze-1") == "tt-m01-cloze-1"


def test_ncname_makes_any_text_letter_first_without_dots_colons_or_spaces() -> None:
    for raw in ["1abc", "a:b", "a.b", "a b", "", "ünï", "-x", "_x"]:
        assert NCNAME_SAFE.match(ncname(raw)), raw


def test_ncname_never_merges_two_ids_that_clean_to_the_same_text() -> None:
    assert ncname("a:b") != ncname("a.b")


def test_option_letters_run_from_a() -> None:
    assert [option_letter(i) for i in range(5)] == ["A", "B", "C", "D", "E"]


def test_stable_int_is_stable_and_in_range() -> None:
    value = stable_int("deck", "course")
    assert value == stable_int("deck", "course")
    assert (1 << 30) <= value < (1 << 31)
    assert value != stable_int("deck", "other-course")


def test_text_to_html_escapes_markup_and_keeps_line_breaks() -> None:
    assert text_to_html("<b>&\nx") == "&lt;b&gt;&amp;<br>x"


def test_xml_safe_drops_control_characters_xml_cannot_carry() -> None:
    assert xml_safe("a\x00b\x0bc\r\nd") == "abc\nd"


def test_category_names_double_slashes_as_moodle_expects() -> None:
    assert category_name("R/R T-ALL") == "R//R T-ALL"
    assert category_name("/lead") == " //lead"
    assert category_name("trail/") == "trail// "


def test_category_path_is_course_then_module() -> None:
    course = hostile_course()
    assert category_path(course, "Overview") == f"$course$/top/{course.title}/Overview"


def test_source_line_names_the_slide_and_its_short_citations() -> None:
    course = hostile_course()
    item = course.items[0]
    assert (
        source_line(item, course) == "Slide: Take-home messages. Source: Bassan R et al, JCO 2018."
    )


def test_unknown_citation_keys_are_skipped_in_the_source() -> None:
    course = hostile_course()
    rtl = next(i for i in course.items if i.id == "tt-m02-rtl")
    assert "missing-key" not in source_line(rtl, course)


def test_option_feedback_falls_back_to_a_plain_right_or_wrong_line() -> None:
    item = next(i for i in hostile_course().items if i.id == "tt-m02-relapse-cloze")
    assert option_feedback(item, item.options[2]) == "Correct."
    assert option_feedback(item, item.options[0]).endswith("30-35%")


def test_items_are_grouped_by_module_in_order() -> None:
    groups = items_by_module(hostile_course().items)
    assert [g[0] for g in groups] == ["m01", "m02"]
    assert sum(len(g[2]) for g in groups) == len(hostile_course().items)
