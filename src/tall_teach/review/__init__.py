"""Review of quiz items: quiz-review.yaml decisions applied to the model, stored, served.

`apply_reviews(course)` sets each item's review status, applies edits and drops
rejected items (with warnings for unknown ids, stale reviews and, when the course
requires review, the number still pending). `deliverable(course)` is what the LMS
exports, Anki and the printable quiz receive.
"""

from tall_teach.review.state import apply_reviews, deliverable, item_hash, review_counts

__all__ = ["apply_reviews", "deliverable", "item_hash", "review_counts"]
