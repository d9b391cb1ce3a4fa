"""Distractor filters: nothing the message itself says, nor an echo of it."""

from __future__ import annotations

from tall_teach.quiz.distractors import apart, generic_words, usable

DRUGS = ["ACE inhibitors", "ARBs", "thiazide diuretics", "calcium channel blockers",
         "beta blockers"]
MEASURES = ["ambulatory monitoring", "home monitoring", "office measurement"]


def test_a_candidate_echoing_a_distinctive_word_beside_the_key_is_refused() -> None:
    message = "Confirm the diagnosis with ambulatory monitoring or home readings"
    generic = generic_words(MEASURES)
    assert not usable("home monitoring", "ambulatory monitoring", message, generic)
    assert usable("office measurement", "ambulatory monitoring", message, generic)


def test_words_shared_by_several_terms_of_the_category_do_not_count_as_echoes() -> None:
    message = "Thiazide diuretics, ACE inhibitors, ARBs and calcium channel blockers are first-line"
    generic = generic_words(DRUGS)
    assert "blockers" in generic
    assert usable("beta blockers", "thiazide diuretics", message, generic)
    assert not usable("calcium channel blockers", "thiazide diuretics", message, generic)


def test_the_key_in_another_spelling_is_never_a_distractor() -> None:
    assert not usable("allo HSCT", "allo-HSCT", "Consolidated with allo-HSCT")
    assert not usable("Allo-hsct", "allo-HSCT", "Consolidated with allo-HSCT")


def test_a_term_nested_in_one_already_taken_waits_while_others_are_left() -> None:
    ranked = ["Dara-Ven-CAGE", "CAGE", "HCVAD", "BFM"]
    assert apart(ranked, 3) == ["Dara-Ven-CAGE", "HCVAD", "BFM"]
    assert apart(ranked, 4) == ranked  # nothing else left: the nested one fills the gap
    assert apart(["CAGE", "HCVAD"], 1) == ["CAGE"]
