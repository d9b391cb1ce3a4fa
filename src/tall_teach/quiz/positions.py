"""Delivery order: the key's position balanced over the quiz, distractors in a seeded order.

Positions are dealt like cards: items with the same number of options, sorted by
id, take their key positions from consecutive seeded permutations of 0..n-1, so
over any n consecutive items every position is used once and the counts differ
by at most one. Ids (not list positions) decide the order, so editing a message's
text changes nothing for other items; adding or removing an item shifts the
positions of the items sorted after it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable

from tall_teach.quiz.templates import Draft


def balanced_positions(items: Iterable[tuple[str, int, bool]], seed: int) -> dict[str, int]:
    """A wanted key index for each (id, option count, numeric) item.

    Numeric items form their own groups: their options stay in ascending order, so
    they can only approach the wanted index by choosing values below or above the key.
    """
    groups: dict[tuple[int, bool], list[str]] = defaultdict(list)
    for item_id, count, numeric in items:
        groups[(count, numeric)].append(item_id)
    positions: dict[str, int] = {}
    for (count, numeric), ids in sorted(groups.items()):
        deal: list[int] = []
        for block in range(-(-len(ids) // count)):
            perm = list(range(count))
            random.Random(f"{seed}:key-positions:{count}:{numeric}:{block}").shuffle(perm)
            deal.extend(perm)
        positions.update(zip(sorted(ids), deal, strict=False))
    return positions


def option_count(draft: Draft) -> int:
    if draft.fixed:
        return len(draft.fixed)
    if draft.layouts:
        return len(draft.layouts[0])
    return 1 + len(draft.distractors)


def delivery_order(draft: Draft, position: int, seed: int) -> tuple[tuple[str, bool], ...]:
    """The options as delivered: (text, correct), the key at `position` where possible."""
    if draft.fixed:
        return draft.fixed
    if draft.layouts:
        layout = draft.layouts[min(position, len(draft.layouts) - 1)]
        return tuple((text, text == draft.key) for text in layout)
    distractors = list(draft.distractors)
    random.Random(f"{seed}:{draft.id}").shuffle(distractors)
    texts = [*distractors[:position], draft.key, *distractors[position:]]
    return tuple((text, text == draft.key) for text in texts)
