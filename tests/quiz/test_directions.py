"""Direction items: the way a message says something moves or compares, asked among the
other ways; words meant another way are never asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.quiz.directions import NoDirection, conflict, find_direction, says
from tall_teach.quiz.generate import generate_items
from tall_teach.reader.course import read_course

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("message", "word", "wrong"),
    [
        ("When income rises, the demand for an inferior good falls", "falls",
         ("rises", "does not change")),
        ("The law of demand: other things equal, a higher price lowers the quantity demanded",
         "lowers", ("raises", "does not change")),
        ("SGLT2 inhibitors reduce heart failure hospitalisation", "reduce",
         ("increase", "do not change")),
        ("A monopoly charges a price above marginal cost", "above", ("below", "equal to")),
        ("A luxury has an income elasticity of demand greater than 1", "greater than",
         ("less than", "equal to")),
        ("At the equilibrium price the quantity demanded equals the quantity supplied", "equals",
         ("exceeds", "is less than")),
        ("Cortisol rises sharply after waking", "rises", ("falls", "does not change")),
        ("The outcome of adults treated with a pediatric-inspired approach has improved",
         "improved", ("worsened", "not changed")),
    ],
)  # fmt: skip
def test_the_way_and_the_other_ways_in_the_same_form(
    message: str, word: str, wrong: tuple[str, str]
) -> None:
    found = find_direction(message)
    assert (found.word, found.wrong) == (word, wrong)
    assert "_____" in found.stem(message) and word not in found.stem(message).split()


@pytest.mark.parametrize(
    "message",
    [
        "The parser raises an exception on a bad token",  # another sense of "raises"
        "Tax incidence: the burden falls more on the less elastic side of the market",
        "NaBH4 reduces aldehydes to primary alcohols",  # a conversion
        "A rise in price is passed on to buyers",  # a noun
        "Statins are given to lower the risk of a second infarct",  # an infinitive
        "Metformin does not raise the risk of hypoglycaemia",  # negated
        "Alcohols boil far higher than alkanes",  # a comparison with two ways only
        "Stop metformin when the eGFR falls below 30",  # "falls equal to 30" would not read
        "A lower dose suits frail adults",  # an adjective
        "Insulin is a hormone",
        "Mortality has fallen by half",  # "has not changed by half" would not read
        "Metformin lowers HbA1c by 1-1.5%",
        "The yield has improved the margin",
    ],
)  # fmt: skip
def test_words_meant_another_way_are_never_asked(message: str) -> None:
    with pytest.raises(NoDirection):
        find_direction(message)


def test_the_way_after_a_leading_condition_is_asked() -> None:
    """"When income rises, …": the condition is given; what follows is the fact."""
    assert find_direction("If the price rises, the quantity supplied rises").start > 20


def test_another_way_of_the_same_subject_and_thing_is_a_conflict() -> None:
    way = find_direction("When demand is elastic, a rise in price lowers total revenue")
    texts = [("bullet", "With elastic demand a price rise raises total revenue in the short run")]
    assert conflict(way, texts, ["elastic"])
    # "unit elastic" is another term: what the course says of it is no conflict
    texts = [("bullet", "With unit elastic demand a price rise leaves total revenue unchanged")]
    assert not conflict(way, texts, ["elastic"], ["unit elastic"])
    # the same way said again is support, not a conflict
    texts = [("bullet", "Elastic demand: a higher price lowers total revenue")]
    assert not conflict(way, texts, ["elastic"])
    # another subject entirely
    texts = [("bullet", "With inelastic demand a price rise raises total revenue")]
    assert not conflict(way, texts, ["elastic"])


def test_says_reads_every_form() -> None:
    assert says("revenue is unchanged", "same") and says("it does not change", "same")
    assert says("the price fell", "down") and not says("the price fell", "up")


def test_direction_items_on_a_course_whose_terms_come_in_pairs() -> None:
    """Microeconomics pairs its terms (normal and inferior goods): the cloze declines for
    want of a second wrong term, and the message's direction is asked instead."""
    course, _ = read_course(ROOT / "tests/fixtures/probes2/microeconomics")
    course, _ = generate_items(course)
    items = {i.id: i for i in course.items if i.kind == "direction"}
    item = items["tt-structures-inferior-good-direction"]
    assert item.stem.startswith("When income rises, the demand for an inferior good _____.")
    assert sorted(o.text for o in item.options) == ["Does not change", "Falls", "Rises"]
    assert [o.text for o in item.options if o.correct] == ["Falls"]
    for found in items.values():
        key = next(o.text for o in found.options if o.correct)
        filled = found.stem.split(" Which of the following")[0].replace("_____", key.lower())
        assert filled.rstrip(".").casefold() == found.message.rstrip(".").casefold()
    # "its marginal revenue is below price" is not "a price above marginal cost"
    assert "tt-structures-monopoly-direction" in items


def test_a_comparison_with_another_term_is_no_conflict() -> None:
    way = find_direction("A monopoly charges a price above marginal cost")
    texts = [("bullet", "A monopoly's marginal revenue is below price")]
    terms = ["marginal cost", "marginal revenue", "monopoly"]
    assert not conflict(way, texts, ["monopoly"], terms)
    texts = [("bullet", "A monopoly sets its price below marginal cost in the short run")]
    assert conflict(way, texts, ["monopoly"], terms)
