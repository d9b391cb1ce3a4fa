"""Writing quiz-review.yaml: one decision or avoid-list at a time, atomically.

The file is rewritten whole from the typed entries (sorted by item id, so a diff
shows one entry changing); comments a person added are not kept, which the file's
header says.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from tall_teach.model import Course, ItemReview, Option, QuizItem
from tall_teach.review.state import REVIEW_FILE, item_hash

HEADER = """\
# Review decisions for this course's quiz items, by item id (tall-teach review writes
# this file; you may edit it by hand: tall-teach check validates it).
# decision: approved | rejected | edited (then stem and options hold the edited item)
# hash: the item as it was reviewed; when its message or options change it is pending again.
# avoid: distractors the generator should not offer again for this item.
# Comments you add here are not kept when tall-teach rewrites the file.
"""


def now_utc() -> str:
    """When a decision was taken, to the second, in UTC (stored, never in an output)."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def entry_data(review: ItemReview) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("decision", "by", "at", "hash", "stem"):
        if getattr(review, key):
            data[key] = getattr(review, key)
    if review.options:
        data["options"] = [{"text": o.text, **({"correct": True} if o.correct else {})}
                           for o in review.options]
    if review.avoid:
        data["avoid"] = list(review.avoid)
    if review.note:
        data["note"] = review.note
    return data


def review_yaml(reviews: list[ItemReview]) -> str:
    import yaml

    items = {r.item_id: entry_data(r) for r in sorted(reviews, key=lambda r: r.item_id)}
    body = yaml.safe_dump({"items": items}, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)
    return HEADER + body


def save_reviews(course_dir: Path, reviews: list[ItemReview]) -> None:
    from tall_teach.outputs import write_atomic

    write_atomic(Path(course_dir) / REVIEW_FILE, review_yaml(reviews).encode("utf-8"))


def decided(course: Course, item: QuizItem, decision: str, by: str, at: str,
            stem: str = "", options: tuple[Option, ...] = ()) -> list[ItemReview]:
    """The course's reviews with `item`'s decision replaced; `item` as generated (unedited)."""
    old = course.review_of(item.id)
    entry = ItemReview(
        item_id=item.id, source=old.source if old else item.source, decision=decision, by=by,
        at=at, hash=item_hash(item), stem=stem if decision == "edited" else "",
        options=options if decision == "edited" else (),
        avoid=old.avoid if old else (), note=old.note if old else "",
    )
    return [r for r in course.reviews if r.item_id != item.id] + [entry]


def with_avoided(course: Course, avoid: dict[str, list[str]]) -> list[ItemReview]:
    """The course's reviews with distractors added to each item's `avoid` list."""
    from dataclasses import replace

    reviews = {r.item_id: r for r in course.reviews}
    for item_id, texts in avoid.items():
        old = reviews.get(item_id) or ItemReview(item_id=item_id, source=course.source)
        merged = tuple(dict.fromkeys([*old.avoid, *texts]))
        reviews[item_id] = replace(old, avoid=merged)
    return list(reviews.values())
