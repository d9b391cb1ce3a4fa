"""Quiz items as every quiz writer sees them, generated or authored alike."""

from __future__ import annotations

from dataclasses import dataclass

from tall_teach.model.source import SourceRef


@dataclass(frozen=True, slots=True)
class Option:
    """An answer option, plain text; `feedback` says why it is right or wrong."""

    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class QuizItem:
    """A single-best-answer item, options already in their delivery order.

    `id` is stable and NCName-safe (letter first, no spaces or colons): it derives
    from the source message or question block, never from a position.
    `kind` is "cloze", "statement" or "authored". `numeric` items keep their
    options in ascending order and must not be reshuffled by an LMS.
    """

    id: str
    kind: str
    stem: str
    options: tuple[Option, ...]
    explanation: str
    module_id: str
    module_title: str
    slide_id: str
    slide_title: str
    citations: tuple[str, ...]
    source: SourceRef
    message: str = ""  # the full take-home message (empty for authored items)
    key_term: str = ""
    numeric: bool = False
    message_id: str = ""  # the source Message's id; one flashcard per message
    rationale: str = ""  # the explanation proper, without the slide and source line
    where: str = ""  # "Slide: <title>. Source: <short citations>."
    # Why the generator built the item this way: key term, candidates kept and rejected
    # (with the course text that rejected them). Empty for authored items.
    reasons: tuple[str, ...] = ()
    # The module's title is shown above the item unless it names the key ("Router" under
    # "Routing"): then the item goes without a label rather than without its question.
    shows_module: bool = True
    # Review state set by review.apply_reviews: "authored", "approved", "edited",
    # "pending" (never reviewed) or "stale" (changed since its review); "" before.
    status: str = ""

    @property
    def key_index(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True, slots=True)
class QuizDecline:
    """A take-home message the generator made no item from, and why (for the quiz report)."""

    message_id: str
    message: str
    source: SourceRef
    reasons: tuple[str, ...]
    # the author's own question that asks this fact: the quiz covers it, no item repeats it
    asked_by: str = ""
