"""Quiz generation: take-home messages become checked single-best-answer items.

The pipeline calls `generate_items(course)` (items = authored + generated, and
warnings for messages that lost items) and, for `tall-teach check`,
`coverage(course)` (a warning at every take-home message without an item).
"""

from tall_teach.quiz.generate import coverage, generate_items

__all__ = ["coverage", "generate_items"]
