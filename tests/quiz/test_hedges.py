"""Hedged messages: only clear signs of an open question or a guess count."""

from __future__ import annotations

import pytest

from tall_teach.quiz.hedges import hedge


@pytest.mark.parametrize("text", [
    "Cellular therapies may cure more patients in the near future (dual targeting? others?)",
    "It is hypothesised that the marker predicts relapse",
    "Whether the drug helps remains to be seen",
    "The mechanism is unclear",
    "Gene therapy will replace transplants in the future",
])  # fmt: skip
def test_open_questions_and_guesses_are_hedged(text: str) -> None:
    assert hedge(text)


@pytest.mark.parametrize("text", [
    "The p-value is the probability, computed assuming the null hypothesis is true, of a "
    "result at least as extreme as the one observed",
    "Rejecting a null hypothesis that is in fact true is a Type I error",
    "Metformin may cause lactic acidosis",
    # the future as the thing taught (a corporate-finance writer), no forecast
    "The time value of money means that a dollar today is worth more than a dollar "
    "received in the future, because it can be invested to earn a return",
])  # fmt: skip
def test_facts_are_not_hedged(text: str) -> None:
    assert hedge(text) == ""


def test_a_question_quoted_as_an_example_is_no_hedge() -> None:
    # a semantics course's message (round 49): the question is the example, not the claim
    text = ("An indirect speech act performs one illocution through the form of another, "
            "as Can you pass the salt? makes a request with a question")
    assert hedge(text) == ""
    assert hedge("Cellular therapies may cure more patients (dual targeting? others?)")
    assert hedge("Is the effect durable?")


def test_uncertainty_as_the_fact_taught_is_no_hedge() -> None:
    # a climate-policy course (round 49): the uncertain quantity is the lesson
    assert hedge("A carbon tax makes the price certain but leaves the quantity of emissions "
                 "uncertain") == ""
    assert hedge("It remains unclear whether the effect lasts")
    assert hedge("The mechanism is still uncertain")
