"""The contrast a message draws is left out of its stem: what the key is *not*, in the
words that define the other options, lets a trainee strike them without the lecture."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tall_teach.quiz import generate_items
from tall_teach.quiz.contrast import without_contrast

from .conftest import course_with, msg


def test_a_trailing_contrast_clause_is_left_out() -> None:
    text = ("Legal-rational authority rests on rules and offices rather than on custom "
            "or a leader's personal qualities")  # fmt: skip
    assert without_contrast(text, ["Legal-rational authority"]) == (
        "Legal-rational authority rests on rules and offices")
    assert without_contrast("The seasons are caused by the axial tilt, not by the distance "
                            "from the Sun", []) == "The seasons are caused by the axial tilt"


def test_an_opening_contrast_clause_is_left_out_and_the_rest_capitalised() -> None:
    assert without_contrast("Unlike a federation, a unitary state keeps sovereignty at the "
                            "centre", []) == "A unitary state keeps sovereignty at the centre"


def test_a_contrast_holding_a_bold_term_or_leaving_too_little_stays() -> None:
    text = "Prices follow demand rather than cost"
    assert without_contrast(text, ["cost"]) == text
    assert without_contrast("Use rules, not custom", []) == "Use rules, not custom"
    # "not" inside the clause is no contrast clause: it is what the message says
    assert without_contrast("A unitary state is not a federation", []) == (
        "A unitary state is not a federation")


@given(st.text(max_size=80))
def test_the_stem_text_is_the_message_or_a_shorter_part_of_it(text: str) -> None:
    out = without_contrast(text, [])
    assert len(out) <= len(text)
    words = set(out.casefold().split())
    assert words <= set(text.casefold().split()) | {w.capitalize().casefold() for w in words}


def test_the_generated_stem_asks_without_the_contrast_and_explains_with_it() -> None:
    course = course_with([msg("**Nelarabine** is given as consolidation rather than as "
                              "first induction in the trial")])  # fmt: skip
    course, _ = generate_items(course)
    item = next(i for i in course.items if i.key_term)
    assert "rather than" not in item.stem
    assert "rather than" in item.explanation


def test_a_contrast_set_off_by_commas_leaves_the_sentence_whole() -> None:
    text = "Cardiac muscle cells in adults, unlike skeletal muscle, cannot be tetanised"
    assert without_contrast(text, []) == "Cardiac muscle cells in adults cannot be tetanised"
    # a clause that goes on after a comma is not cut short of what follows
    text = "Tariffs raise prices rather than output, which hurts consumers"
    assert without_contrast(text, []) == text


def test_a_full_stop_after_the_contrast_does_not_keep_it() -> None:
    text = ("Metaethics asks what moral claims mean and whether they can be true, rather "
            "than which actions are right.")
    assert without_contrast(text, ["Metaethics"]) == (
        "Metaethics asks what moral claims mean and whether they can be true")
