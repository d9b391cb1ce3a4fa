"""Hedged messages: only clear signs of an open question or a guess count."""

from __future__ import annotations

import pytest

from tall_teach.quiz.hedges import hedge


@pytest.mark.parametrize("text", [
    "Cellular therapies may cure more patients in the near future (dual targeting? others?)",
    "It is hypothesised that the marker predicts relapse",
    "Whether the drug helps remains to be seen",
    "The mechanism is unclear",
])  # fmt: skip
def test_open_questions_and_guesses_are_hedged(text: str) -> None:
    assert hedge(text)


@pytest.mark.parametrize("text", [
    "The p-value is the probability, computed assuming the null hypothesis is true, of a "
    "result at least as extreme as the one observed",
    "Rejecting a null hypothesis that is in fact true is a Type I error",
    "Metformin may cause lactic acidosis",
])  # fmt: skip
def test_facts_are_not_hedged(text: str) -> None:
    assert hedge(text) == ""
