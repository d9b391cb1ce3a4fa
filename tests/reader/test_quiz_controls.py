"""Authors' quiz controls: message attributes and glossary sub-kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.errors import ContentError
from tall_teach.model import QuizControls, TakeHome
from tall_teach.reader import read_module_text

from .helpers import errors_of, write_files


def messages(text: str):  # type: ignore[no-untyped-def]
    module, _ = read_module_text(text, "modules/m.md", known_keys=set())
    return [m for s in module.slides for b in s.blocks if isinstance(b, TakeHome)
            for m in b.messages]  # fmt: skip


def test_a_message_takes_its_id_and_quiz_controls_from_trailing_attributes() -> None:
    (message,) = messages(
        '## T\n\n::: takehome\n- **A** is X {#a-id .noquiz distractors="B; C D" exclude="E"}\n:::\n'
    )
    assert message.id == "a-id"
    assert message.controls == QuizControls(False, ("B", "C D"), ("E",))
    assert message.inlines[-1].text == " is X"  # type: ignore[union-attr]


def test_braces_that_are_not_attributes_stay_in_the_message() -> None:
    (message,) = messages("## T\n\n::: takehome\n- Sets like {1, 2} stay text\n:::\n")
    assert message.controls == QuizControls()
    assert "{1, 2}" in message.inlines[-1].text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("attributes", "said"),
    [("{.noquizz}", "did you mean '.noquiz'"), ('{distractor="B"}', "did you mean 'distractors'")],
)
def test_an_unknown_control_is_an_error_at_the_message_line(attributes: str, said: str) -> None:
    with pytest.raises(ContentError) as caught:
        read_module_text(f"## T\n\n::: takehome\n- one\n- **A** {attributes}\n:::\n",
                         "modules/m.md", known_keys=set())  # fmt: skip
    (error,) = caught.value.diagnostics
    assert error.source is not None and error.source.line == 5
    assert said in error.message


COURSE = {
    "course.yaml": "title: T\nmodules: [modules/m.md]\n",
    "modules/m.md": "## S\n\n- text\n",
}


def test_a_glossary_category_may_hold_sub_kinds(tmp_path: Path) -> None:
    from .helpers import read_ok

    glossary = ("drug:\n  terms: [aspirin]\n  BTK inhibitor: [ibrutinib, acalabrutinib]\n"
                "  chemotherapy: [cytarabine]\ngene: [TP53]\n")  # fmt: skip
    course, _ = read_ok(write_files(tmp_path, {**COURSE, "glossary.yaml": glossary}))
    assert course.glossary.categories == (
        ("drug", ("aspirin",)),
        ("drug/BTK inhibitor", ("ibrutinib", "acalabrutinib")),
        ("drug/chemotherapy", ("cytarabine",)),
        ("gene", ("TP53",)),
    )
    assert course.glossary.category_of("Ibrutinib") == "drug/BTK inhibitor"
    assert set(course.glossary.terms_under("drug")) == {"aspirin", "ibrutinib",
                                                         "acalabrutinib", "cytarabine"}


def test_a_glossary_sub_kind_of_the_wrong_shape_is_an_error_at_its_line(tmp_path: Path) -> None:
    glossary = "drug:\n  chemotherapy: cytarabine\n"
    (error,) = errors_of(write_files(tmp_path, {**COURSE, "glossary.yaml": glossary}))
    assert error.source is not None and error.source.line == 2
    assert "sub-kinds" in error.message
