"""Module problems: each error names the file, the line and what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tall_teach.errors import ContentError, Diagnostic
from tall_teach.reader import read_module_text

from .helpers import errors_of, located

KEYS = {"smith2020", "jones2021"}


def module_errors(text: str) -> list[Diagnostic]:
    with pytest.raises(ContentError) as caught:
        read_module_text(text, "modules/m.md", known_keys=KEYS)
    return caught.value.diagnostics


def only_error(text: str) -> tuple[int, str]:
    (error,) = module_errors(text)
    assert error.source is not None and error.source.path == "modules/m.md"
    return error.source.line, error.message


def test_an_empty_module_is_an_error() -> None:
    line, message = only_error("\n  \n")
    assert line == 1 and "module modules/m.md is empty" in message


def test_a_module_with_only_front_matter_has_no_slides() -> None:
    _line, message = only_error("---\nid: x\n---\n")
    assert "has no slides" in message


def test_an_unknown_front_matter_key_suggests_the_nearest() -> None:
    line, message = only_error("---\nid: x\ntitel: T\n---\n\n## S\n")
    assert line == 3
    assert message.startswith("unknown key 'titel' in the module front matter; did you mean "
                              "'title'?")


def test_unclosed_front_matter_is_an_error() -> None:
    line, message = only_error("---\nid: x\ntitle: T\n\n## S\n")
    assert line == 1 and "never closed" in message


def test_an_unknown_citation_key_suggests_the_nearest_known_key() -> None:
    line, message = only_error("## Slide\n\n- one\n- two [@smith2021]\n")
    assert line == 4
    assert message == ("unknown citation key 'smith2021': add it to the bibliography or fix the "
                       "key; did you mean 'smith2020'?")


def test_an_unknown_citation_on_a_continuation_line_points_at_that_line() -> None:
    line, _ = only_error("## Slide\n\nA paragraph\nover lines [@nobody]\n")
    assert line == 4


def test_a_chart_series_of_the_wrong_length_is_named() -> None:
    text = ("## C\n\n```chart\ntype: bar\ncategories: [ORR, CR]\nseries:\n"
            "  - name: All patients\n    values: [1, 2, 3]\n```\n")
    line, message = only_error(text)
    assert line == 8
    assert message.startswith("series 'All patients' has 3 values but there are 2 categories")


def test_a_chart_value_with_a_unit_says_to_move_the_unit() -> None:
    text = ("## C\n\n```chart\ntype: bar\ncategories: [ORR]\nseries:\n"
            "  - name: All\n    values: [57.1%]\n```\n")
    line, message = only_error(text)
    assert line == 8
    assert "drop the unit and put it in 'unit:'" in message


def test_chart_keys_and_types_are_checked() -> None:
    text = ("## C\n\n```chart\ntype: pies\ncategories: [A, B]\ncolour: red\nseries:\n"
            "  - name: One\n    values: [1, 2]\n```\n")
    errors = {(e.source.line, e.message.split(";")[0].split(" (")[0])
              for e in module_errors(text)}
    assert errors == {
        (4, "'type' must be one of bar, column, line, pie, not 'pies'"),
        (6, "unknown key 'colour' in the chart"),
    }


def test_a_pie_chart_has_one_series() -> None:
    text = ("## C\n\n```chart\ntype: pie\ncategories: [A, B]\nseries:\n"
            "  - name: One\n    values: [1, 2]\n  - name: Two\n    values: [3, 4]\n```\n")
    line, message = only_error(text)
    assert line == 6 and message.startswith("a pie chart has exactly one series, not 2")


def test_a_chart_without_type_or_categories_says_what_is_missing() -> None:
    text = "## C\n\n```chart\nseries:\n  - name: One\n    values: [1]\n```\n"
    messages = [e.message for e in module_errors(text)]
    assert any("needs 'type: bar'" in m for m in messages)
    assert any("needs 'categories:'" in m for m in messages)


def test_a_chart_source_must_be_known_citations() -> None:
    text = ("## C\n\n```chart\ntype: bar\ncategories: [A]\nseries:\n"
            "  - name: One\n    values: [1]\nsource: \"@nobody\"\n```\n")
    line, message = only_error(text)
    assert line == 9 and "unknown citation key 'nobody'" in message


@pytest.mark.parametrize(
    ("choices", "wanted"),
    [
        ("- [ ] a\n- [ ] b\n", "exactly one correct choice '[x]', this one has 0"),
        ("- [x] a\n- [x] b\n", "exactly one correct choice '[x]', this one has 2"),
        ("- [x] a\n", "at least 2 choices"),
    ],
)
def test_a_question_needs_exactly_one_correct_choice(choices: str, wanted: str) -> None:
    line, message = only_error(f"## Q\n\n::: question\nStem?\n{choices}:::\n")
    assert line == 3 and wanted in message


def test_a_choice_without_a_checkbox_is_an_error_at_its_line() -> None:
    line, message = only_error("## Q\n\n::: question\nStem?\n- [x] a\n- b\n:::\n")
    assert line == 6 and message.startswith("each choice is one task-list item")


def test_an_empty_takehome_block_is_an_error() -> None:
    line, message = only_error("## T\n\n::: takehome\n:::\n")
    assert line == 3 and message.startswith("empty take-home block")


def test_a_takehome_block_holds_only_a_list() -> None:
    line, message = only_error("## T\n\n::: takehome\nA paragraph\n:::\n")
    assert line == 4 and "holds exactly one list" in message


def test_an_unknown_block_class_suggests_the_nearest() -> None:
    line, message = only_error("## S\n\n::: note\ntext\n:::\n")
    assert line == 3 and message.startswith("unknown block '::: note'; did you mean 'notes'?")


def test_an_unclosed_block_is_an_error_at_its_opening() -> None:
    line, message = only_error("## S\n\n::: notes\ntext\n")
    assert line == 3 and "is never closed" in message


def test_a_stray_closing_fence_is_an_error() -> None:
    line, message = only_error("## S\n\ntext\n\n:::\n")
    assert line == 5 and "closes no open block" in message


def test_a_column_outside_columns_is_an_error() -> None:
    line, message = only_error("## S\n\n::: column\ntext\n:::\n")
    assert line == 3 and "must sit inside ':::: columns'" in message


def test_duplicate_module_ids_are_errors_at_both_modules(course_dir: Callable[..., Path]) -> None:
    root = course_dir({
        "course.yaml": "title: T\nmodules: [modules/one.md, modules/two.md]\n",
        "modules/one.md": "---\nid: same\n---\n\n## A\n",
        "modules/two.md": "---\ntitle: Two\nid: same\n---\n\n## B\n",
    })
    errors = errors_of(root)
    assert located(errors) == [("modules/one.md", 2), ("modules/two.md", 3)]
    assert "module id 'same' is also used by modules/two.md" in errors[0].message


def test_invalid_utf8_names_the_file_and_line(course_dir: Callable[..., Path]) -> None:
    root = course_dir(module=b"## A\n\nfine\ncaf\xe9 latin-1\n")
    (error,) = errors_of(root)
    assert located([error]) == [("modules/one.md", 4)]
    assert "is not valid UTF-8 (byte 0xe9 at offset 14)" in error.message


def test_a_missing_image_is_an_error_at_its_line(course_dir: Callable[..., Path]) -> None:
    root = course_dir(module="## A\n\n![Alt](figures/none.png)\n")
    (error,) = errors_of(root)
    assert located([error]) == [("modules/one.md", 3)]
    assert error.message.startswith("image 'figures/none.png' does not exist")


def test_an_unclosed_code_fence_is_an_error_instead_of_swallowing_the_module() -> None:
    line, message = only_error("## S\n\n```chart\ntype: bar\n\n## Next slide\n\ntext\n")
    assert line == 3 and message.startswith("the ``` block opened here is never closed")


def test_a_misspelt_image_name_suggests_the_file_next_to_it(
    course_dir: Callable[..., Path],
) -> None:
    from .helpers import png_bytes

    root = course_dir({"figures/survival-curve.png": png_bytes()},
                      "## A\n\n![Alt](figures/survival-curve.pgn)\n")
    (error,) = errors_of(root)
    assert error.message.endswith("did you mean 'figures/survival-curve.png'?")


@pytest.mark.parametrize(("text", "line", "says"), [
    ("## A slide\n\n- text\n\n#\n\n## Next\n\n- more\n", 5, "'#' with no title"),
    ("## A slide\n\n- text\n\n##   \n\n- untitled\n", 5, "'##' with no title"),
])
def test_a_heading_without_text_is_a_warning_at_its_line(text: str, line: int, says: str) -> None:
    _module, warnings = read_module_text(text, "modules/m.md", known_keys=KEYS)
    assert [(w.source.line, says in w.message) for w in warnings if w.source] == [(line, True)]


def test_an_objective_with_a_colon_says_to_quote_it() -> None:
    # two writers of round 53 wrote "Describe the central government: sultan, …" and were
    # told only that the item "must be text, not a mapping"
    line, message = only_error("---\nid: x\nobjectives:\n  - Describe the court: sultan and "
                               "palace\n---\n\n## S\n\n- a\n")
    assert line == 4
    assert "not a mapping" in message and "quotes" in message
