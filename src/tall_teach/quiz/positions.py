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
import re
from collections import defaultdict
from collections.abc import Iterable

from tall_teach.quiz.numbers import NUMBER_WORDS
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
    counted = _in_count_order([draft.key, *distractors])
    if counted:  # "One puff", "Two puffs": counts read in order, as numeric items do
        return tuple((text, text == draft.key) for text in counted)
    random.Random(f"{seed}:{draft.id}").shuffle(distractors)
    texts = [*distractors[:position], draft.key, *distractors[position:]]
    return tuple((text, text == draft.key) for text in texts)


_COUNT = re.compile(r"^\s*(\d+(?:\.\d+)?|[A-Za-z]+)\s+(.+?)\s*$")


def _in_count_order(texts: list[str]) -> list[str] | None:
    """The options ascending when each is a count of one thing ("2 working days", "5
    working days"; "One puff", "Two puffs"), which the number parser does not know as a
    unit: an author's own wrong answers, shuffled, read "5 / 2 / 10 / 20" (an educator
    pass). None otherwise."""
    ranked: list[tuple[float, str]] = []
    things: set[str] = set()
    for text in texts:
        match = _COUNT.match(text)
        if not match:
            return None
        number, thing = match.group(1), match.group(2).casefold()
        if number.casefold() in NUMBER_WORDS:
            value = float(NUMBER_WORDS.index(number.casefold()))
        elif number[0].isdigit():
            value = float(number)
        else:
            return None
        head, _, rest = thing.partition(" ")
        things.add(f"{head.removesuffix('s')} {rest}".strip())
        ranked.append((value, text))
    if len(things) != 1 or len({v for v, _ in ranked}) != len(ranked):
        return None
    return [text for _, text in sorted(ranked)]
