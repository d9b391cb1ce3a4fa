"""Comparison items: how a message says one thing stands to another, asked among the other
two relations; words that are no comparison there are never asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.quiz.comparisons import NoComparison, conflict, find_comparison, says
from tall_teach.quiz.generate import generate_items
from tall_teach.reader.course import read_course

from .conftest import course_with, msg, text_slide

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("message", "word", "wrong"),
    [
        ("A monopoly charges a price above marginal cost", "above", ("below", "equal to")),
        ("A luxury has an income elasticity of demand greater than 1", "greater than",
         ("less than", "equal to")),
        ("At the equilibrium price the quantity demanded equals the quantity supplied", "equals",
         ("exceeds", "is less than")),
        ("Venous pressure stays low while arterial pressure exceeds it", "exceeds",
         ("equals", "is less than")),
    ],
)  # fmt: skip
def test_the_relation_and_the_other_two_in_the_same_form(
    message: str, word: str, wrong: tuple[str, str]
) -> None:
    found = find_comparison(message)
    assert (found.word, found.wrong) == (word, wrong)
    assert "_____" in found.stem(message) and word not in found.stem(message)


@pytest.mark.parametrize(
    "message",
    [
        "Stop metformin when the eGFR falls below 30",  # "falls equal to 30" would not read
        "Alcohols boil far above alkanes of the same mass",  # "far equal to"
        "See the above table",
        "The income elasticity of demand of a luxury is the greater",  # no second term
        "Insulin is a hormone",
        "A monopoly raises its price",  # a change, not a comparison
    ],
)
def test_words_that_are_no_comparison_are_never_asked(message: str) -> None:
    with pytest.raises(NoComparison):
        find_comparison(message)


def test_another_relation_of_the_same_subject_and_things_is_a_conflict() -> None:
    found = find_comparison("A monopoly charges a price above marginal cost")
    terms = ["marginal cost", "marginal revenue", "monopoly"]
    # "its marginal revenue is below price" compares other things
    assert not conflict(found, [("bullet", "A monopoly's marginal revenue is below price")],
                        ["monopoly"], terms)  # fmt: skip
    assert conflict(found, [("bullet", "A monopoly sets its price below marginal cost")],
                    ["monopoly"], terms)  # fmt: skip
    # the same relation again is support; another subject is no conflict
    assert not conflict(found, [("row", "Monopoly | price above marginal cost")], ["monopoly"])
    assert not conflict(found, [("row", "Perfect competition: price equals marginal cost")],
                        ["monopoly"], terms)  # fmt: skip
    # "perfect competition" holds no "monopoly"; a longer term holding the subject is
    # another term: "monopolistic competition" is not "monopoly"
    assert says("price = MC", "equal") and not says("price = MC", "above")


def test_comparison_items_on_a_course_whose_terms_come_in_pairs() -> None:
    """Microeconomics pairs its terms: the cloze declines for want of a second wrong term,
    and the comparison the message gives is asked instead."""
    course, _ = read_course(ROOT / "tests/fixtures/probes2/microeconomics")
    course, _ = generate_items(course)
    items = {i.id: i for i in course.items if i.kind == "comparison"}
    item = items["tt-structures-monopoly-comparison"]
    assert item.stem.startswith("A monopoly charges a price _____ marginal cost")
    assert sorted(o.text for o in item.options) == ["Above", "Below", "Equal to"]
    assert [o.text for o in item.options if o.correct] == ["Above"]
    for found in items.values():
        key = next(o.text for o in found.options if o.correct)
        filled = found.stem.split(" Which of the following")[0].replace("_____", key.lower())
        assert filled.rstrip(".").casefold() == found.message.rstrip(".").casefold()
    # "At the equilibrium price the quantity demanded _____": "equilibrium" sounds like
    # "equals" and like no wrong option
    assert "tt-structures-equilibrium-price-comparison" not in items


def test_an_either_way_span_is_no_comparison() -> None:
    """"lies above or below the mean" names both sides: "below or below" would be asked."""
    with pytest.raises(NoComparison):
        find_comparison("A z-score states how many standard deviations a value lies above or "
                        "below the mean")  # fmt: skip
    assert find_comparison("A monopoly charges a price above marginal cost").word == "above"


def test_an_offset_and_a_formula_are_no_comparisons() -> None:
    """"a half step below the tonic": "a half step equal to the tonic" does not read;
    "CPU time equals a × b × c" is an equation: its form says "equals"."""
    for text in ("The harmonic minor raises the seventh, a half step below the tonic",
                 "The minor tonic lies a minor third below the major tonic",
                 "The well sits 10 m below the road",
                 "CPU time equals instruction count × CPI × clock cycle time",
                 "The net force on a body equals its mass times its acceleration",
                 "Kinetic energy equals ½mv², so doubling the speed quadruples it",
                 "The net work on a body equals the change in its kinetic energy"):  # fmt: skip
        with pytest.raises(NoComparison):
            find_comparison(text)
    assert find_comparison("A monopoly charges a price above marginal cost").word == "above"
    assert find_comparison("In perfect competition price equals marginal cost").word == "equals"


def test_above_or_below_a_pronoun_is_a_place_not_a_comparison() -> None:
    # "the layer equal to it" means nothing: no comparison item on a position
    with pytest.raises(NoComparison, match="is a place"):
        find_comparison("In undisturbed deposits a lower layer was laid down before the "
                        "layer above it")


def test_a_comparison_is_asked_only_where_the_course_gives_another_relation() -> None:
    # "exceeds the area" is the fact flipped: no one who read the stem picks it
    flipped = course_with([msg("**Boundary work** equals the area under the process curve on a "
                               "P-V diagram, so it depends on the path")])  # fmt: skip
    assert not [i for i in generate_items(flipped)[0].items if i.kind == "comparison"]
    # the course sets another market beside it at another relation: both wrong ones live
    live = course_with(
        [msg("A **monopoly** charges a price above marginal cost")],
        extra_slides=[text_slide("s/mkt", "Market structures", [
            "Under perfect competition the price is equal to marginal cost"])],
    )  # fmt: skip
    assert [i for i in generate_items(live)[0].items if i.kind == "comparison"]


def test_a_message_that_says_the_relation_twice_gets_no_comparison() -> None:
    course = course_with(
        [msg("A **heat pump** delivers more heat than the work it uses, so its coefficient of "
             "performance is greater than 1")],
        extra_slides=[text_slide("s/eng", "Heat engines", [
            "A heat engine's efficiency is less than 1: its coefficient of performance "
            "is lower"])],
    )  # fmt: skip
    assert not [i for i in generate_items(course)[0].items if i.kind == "comparison"]
