"""Authored `::: question` blocks as drafts, exported with the generated items.

Options keep the author's wording. They are shuffled like generated items (key
position balanced over the quiz) unless every option is a number of one unit:
then they are listed in ascending order and the item is marked numeric, so LMS
exports turn shuffling off for it.
"""

from __future__ import annotations

from tall_teach.model import Question, plain_text
from tall_teach.quiz.assemble import Origin, citations_of
from tall_teach.quiz.numbers import parse_quantity
from tall_teach.quiz.templates import Draft
from tall_teach.quiz.text import ncname_part
from tall_teach.quiz.walk import Place

CORRECT = "Correct."
INCORRECT = "Not the best answer; see the explanation."


def authored_id(question: Question) -> str:
    """A letter-first id of letters, digits, '-' and '_', derived from the question's id."""
    return f"tt-q-{ncname_part(question.id)}"


def authored_draft(place: Place, question: Question) -> tuple[Draft, Origin]:
    options = [(plain_text(c.inlines), c.correct) for c in question.choices]
    keys = [text for text, correct in options if correct]
    feedback = tuple((t, CORRECT if ok else INCORRECT) for t, ok in options)
    origin = Origin(
        place=place,
        source=question.source,
        message="",
        citations=citations_of(place, question.citations),
        rationale=plain_text(question.explanation),
    )
    base = {
        "id": authored_id(question),
        "kind": "authored",
        "stem": plain_text(question.stem),
        "key_term": "",
        "feedback": feedback,
    }
    ascending = _ascending_if_numeric(options)
    if ascending is not None:
        key = keys[0] if keys else ""
        return Draft(**base, key=key, distractors=(), fixed=ascending, numeric=True), origin
    if len(keys) != 1:  # kept as written; the one-key check reports it
        return Draft(**base, key="", distractors=(), fixed=tuple(options)), origin
    distractors = tuple(t for t, ok in options if not ok)
    return Draft(**base, key=keys[0], distractors=distractors), origin


def _ascending_if_numeric(options: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...] | None:
    """The options sorted by value when all are numbers (or ranges) of one unit."""
    parsed = [parse_quantity(text) for text, _ in options]
    if not parsed or any(q is None for q in parsed):
        return None
    units = {(q.canonical_unit, q.is_range) for q in parsed if q is not None}
    if len(units) != 1:
        return None
    ranked = sorted(zip(parsed, options, strict=True), key=lambda p: p[0].mid if p[0] else 0)
    return tuple(option for _, option in ranked)
