"""The review state of each item: its hash, whether its review still holds, the filter."""

from __future__ import annotations

import difflib
import hashlib
import json
from collections import Counter
from dataclasses import replace

from tall_teach.errors import Diagnostic
from tall_teach.model import Course, ItemReview, QuizItem, SourceRef

REVIEW_FILE = "quiz-review.yaml"
DELIVERED = frozenset({"", "authored", "approved", "edited"})
PENDING = frozenset({"pending", "stale"})


def item_hash(item: QuizItem) -> str:
    """What a reviewer judged: the message, the stem and the options with their key.

    Option order is left out (the quiz seed only orders options), so a new seed does
    not undo reviews; any change of wording, key or distractor does.
    """
    options = sorted((o.text, o.correct) for o in item.options)
    text = json.dumps([item.message, item.stem, options], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def status_of(item: QuizItem, review: ItemReview | None) -> str:
    """authored, approved, edited, rejected, pending (never reviewed) or stale (changed)."""
    if review is None or not review.decision:
        return "authored" if item.kind == "authored" else "pending"
    if review.hash != item_hash(item):
        return "stale"
    return review.decision


def _edited(item: QuizItem, review: ItemReview) -> QuizItem:
    return replace(item, stem=review.stem or item.stem, options=review.options or item.options,
                   status="edited")


def apply_reviews(course: Course) -> tuple[Course, list[Diagnostic]]:
    """Items with their review status; edits applied, rejected items gone; and warnings."""
    by_id = {r.item_id: r for r in course.reviews}
    items: list[QuizItem] = []
    warnings: list[Diagnostic] = []
    for item in course.items:
        review = by_id.get(item.id)
        status = status_of(item, review)
        if status == "stale" and review is not None:
            warnings.append(_stale_warning(item, review))
        if status == "rejected":
            continue
        items.append(_edited(item, review) if status == "edited" and review
                     else replace(item, status=status))
    warnings += _unknown_ids(course)
    counts = Counter(i.status for i in items)
    pending = counts["pending"] + counts["stale"]
    if course.quiz.review == "required" and pending:
        warnings.append(Diagnostic("warning", SourceRef("course.yaml", 0), (
            f"{pending} of {len(items)} quiz items are pending review (quiz: review: required "
            "keeps them out of the LMS exports, Anki and the printable quiz): run "
            "tall-teach review on this course")))
    return replace(course, items=tuple(items)), warnings


def _stale_warning(item: QuizItem, review: ItemReview) -> Diagnostic:
    who = f" by {review.by}" if review.by else ""
    when = f" on {review.at[:10]}" if review.at else ""
    return Diagnostic("warning", review.source, (
        f"'{item.id}' changed since it was {review.decision}{who}{when} (its message or "
        "options differ): it is pending review again"))


def _unknown_ids(course: Course) -> list[Diagnostic]:
    known = [i.id for i in course.items]
    found = set(known)
    warnings = []
    for review in course.reviews:
        if review.item_id in found:
            continue
        near = difflib.get_close_matches(review.item_id, known, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else " (the item may have been removed)"
        warnings.append(Diagnostic("warning", review.source,
                                   f"no quiz item has the id '{review.item_id}'{hint}"))
    return warnings


def deliverable(course: Course) -> Course:
    """The items the LMS exports, Anki and the printable quiz get.

    With `quiz: {review: required}` only authored and approved (or edited) items;
    otherwise every item left after rejections.
    """
    if course.quiz.review != "required":
        return course
    return replace(course, items=tuple(i for i in course.items if i.status in DELIVERED))


def review_counts(course: Course) -> dict[str, int]:
    """How many items are in each review state (for the review page and messages)."""
    return dict(Counter(i.status or "authored" for i in course.items))


def review_rows(course: Course) -> list[tuple[QuizItem, str, ItemReview | None]]:
    """Every generated item (rejected ones too) with its status and review entry."""
    by_id = {r.item_id: r for r in course.reviews}
    return [(item, status_of(item, by_id.get(item.id)), by_id.get(item.id))
            for item in course.items]
