"""Review decisions on quiz items, as `quiz-review.yaml` states them (typed, stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from tall_teach.model.quiz import Option
from tall_teach.model.source import SourceRef

DECISIONS = ("approved", "rejected", "edited")


@dataclass(frozen=True, slots=True)
class ItemReview:
    """One item's entry in quiz-review.yaml.

    `hash` is the item's review hash when it was reviewed: a generated item whose
    hash differs now changed since (its message or options) and is pending again.
    `decision` is "" for an entry that only lists distractors to `avoid` (written by
    `tall-teach analyze` for non-functioning ones). `stem` and `options` are the
    reviewer's version of an "edited" item. `source` is the entry's line.
    """

    item_id: str
    source: SourceRef
    decision: str = ""
    by: str = ""
    at: str = ""
    hash: str = ""
    stem: str = ""
    options: tuple[Option, ...] = ()
    avoid: tuple[str, ...] = ()  # distractors the generator should not offer again
    note: str = ""
