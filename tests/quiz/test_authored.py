"""Authored `::: question` blocks become QuizItems exported with the generated ones."""

from __future__ import annotations

from tall_teach.quiz import generate_items

from .conftest import course_with, msg, question, question_slide


def authored_items(*questions):
    slides = [question_slide(q) for q in questions]
    course = course_with(
        [msg("Options at relapse are mainly **chemotherapy**")], extra_slides=slides
    )
    course, warnings = generate_items(course)
    return [i for i in course.items if i.kind == "authored"], warnings


ETP_STEM = "With Dara-Ven-CAGE in R/R T-ALL/T-LBL, which subgroup had the higher remission rate?"
ETP = question(
    ETP_STEM,
    [("ETP", True), ("non-ETP", False), ("T-LBL", False), ("CNS-positive", False)],
    id="car-t/q:etp remission",
    explanation="Remission was higher in ETP than in non-ETP (100% vs 44.4%).",
)


def test_an_authored_question_becomes_an_item_with_its_own_wording() -> None:
    (item,), warnings = authored_items(ETP)
    assert warnings == []
    assert item.id == "tt-q-car-t-q-etp-remission"
    assert (
        item.stem
        == "With Dara-Ven-CAGE in R/R T-ALL/T-LBL, which subgroup had the higher remission rate?"
    )
    assert sorted(o.text for o in item.options) == ["CNS-positive", "ETP", "T-LBL", "non-ETP"]
    assert item.options[item.key_index].text == "ETP"
    assert item.explanation.startswith("Remission was higher in ETP than in non-ETP")
    assert "Check yourself" in item.explanation and "Bassan R et al, JCO 2018" in item.explanation
    assert item.citations == ("bassan2018",) and item.slide_title == "Check yourself"


def test_authored_items_come_after_generated_ones_and_are_shuffled_deterministically() -> None:
    """Last, so that their explanations (read after answering) come after the generated
    items whose keys they may name."""
    slides = [question_slide(ETP)]
    course = course_with(
        [msg("Options at relapse are mainly **chemotherapy**")], extra_slides=slides
    )
    first = generate_items(course)[0].items
    assert [i.kind for i in first] == ["cloze", "authored"]
    assert first == generate_items(course)[0].items


def test_numeric_authored_options_are_listed_in_ascending_order() -> None:
    q = question(
        "About what proportion of adult T-ALL patients still relapse?",
        [("50-55%", False), ("30-35%", True), ("10-15%", False), ("70-75%", False)],
    )
    (item,), _ = authored_items(q)
    assert item.numeric
    assert [o.text for o in item.options] == ["10-15%", "30-35%", "50-55%", "70-75%"]


def test_an_authored_question_that_breaks_a_rule_is_kept_with_a_warning() -> None:
    q = question(
        "Which drug was NOT part of CAGE?",
        [("venetoclax", True), ("cytarabine", False), ("etoposide", False)],
        id="neg",
    )
    (item,), warnings = authored_items(q)
    assert item.id == "tt-q-neg"
    (warning,) = warnings
    assert warning.severity == "warning" and "negative-stem" in warning.message
    assert warning.source is not None and warning.source.path == "modules/q.md"
