"""No cross-item cue on every course we have: the flagship and the blind probe courses.

A key of one item shown as a wrong answer in another (as an option, or as the term a
false statement swaps in) tells a trainee who meets both which one is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.quiz import generate_items
from tall_teach.quiz.text import contains_term
from tall_teach.reader.course import read_course

ROOT = Path(__file__).resolve().parents[2]
COURSES = [ROOT / "content/t-all-adults",
           *sorted((ROOT / "tests/fixtures").glob("probes*/*/course.yaml"))]  # fmt: skip


@pytest.mark.parametrize("course_path", [c if c.is_dir() else c.parent for c in COURSES],
                         ids=lambda p: p.name)  # fmt: skip
def test_no_items_key_is_another_items_wrong_answer(course_path: Path) -> None:
    course, _ = read_course(course_path)
    course, _ = generate_items(course)
    items = [i for i in course.items if i.key_term]
    for item in items:
        key_option = next(o.text for o in item.options if o.correct)
        for other in items:
            if other.id == item.id or not other.key_term:
                continue
            for option in item.options:
                if option.correct:
                    continue
                shown = (option.text.casefold() == other.key_term.casefold()
                         or (item.kind == "statement" and contains_term(option.text, other.key_term)
                             and not contains_term(key_option, other.key_term)))  # fmt: skip
                assert not shown, f"{item.id} offers '{other.key_term}', the key of {other.id}"


def test_an_adjective_made_from_a_name_shows_the_name() -> None:
    """Round 70: an authored option "The statue follows the proportions of the Polykleitan
    canon" above the item asking for Polykleitos."""
    from tall_teach.quiz.messages import _named_adjective

    assert _named_adjective("the proportions of the Polykleitan canon", "Polykleitos")
    assert _named_adjective("a Darwinian account", "Darwin")
    assert _named_adjective("Euclidean geometry", "Euclid")
    assert not _named_adjective("the canon of proportions", "Polykleitos")
    assert not _named_adjective("Paris is the capital", "Paris Commune")
