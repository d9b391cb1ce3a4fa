"""Classical item analysis: facility, discrimination, option rates, KR-20 (formulas in docs).

Pure functions over a Cohort; docs/item-analysis.md writes each formula out with its
reference, and the tests recompute them independently with numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tall_teach.analysis.match import NO_ANSWER, Cohort
from tall_teach.model import QuizItem

GROUP_SHARE = 0.27  # Kelley (1939): upper and lower 27 % of total scores
NONFUNCTIONING = 0.05  # a distractor chosen by fewer than 5 % of examinees


@dataclass(frozen=True)
class OptionRate:
    text: str
    correct: bool
    rate: float  # share of all examinees of the item who chose it
    upper: int  # how many of the upper group chose it
    lower: int


@dataclass(frozen=True)
class ItemStats:
    item_id: str
    n: int
    facility: float
    discrimination: float | None  # corrected item-total point-biserial (item vs rest)
    upper_lower: float | None  # p(upper 27 %) - p(lower 27 %)
    options: tuple[OptionRate, ...]
    no_answer: float
    nonfunctioning: tuple[str, ...]
    miskey: tuple[str, ...]  # distractors the upper group chose more often than the key


@dataclass(frozen=True)
class QuizStats:
    n: int  # learners who answered every analysed item
    k: int
    mean: float | None
    sd: float | None  # sample standard deviation (n - 1) of total scores
    kr20: float | None
    sem: float | None


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def group_size(n: int) -> int:
    """27 % of n, rounded half up, at least 1."""
    return max(1, math.floor(GROUP_SHARE * n + 0.5))


def totals(cohort: Cohort) -> list[int]:
    """Each learner's number of right answers over the items they answered."""
    keys = {item.id: item.key_index for item in cohort.items}
    return [sum(1 for item_id, chosen in answers.items() if chosen == keys[item_id])
            for answers in cohort.learners]


def item_statistics(cohort: Cohort) -> list[ItemStats]:
    total = totals(cohort)
    return [s for item in cohort.items if (s := _item(cohort, item, total)) is not None]


def _item(cohort: Cohort, item: QuizItem, total: list[int]) -> ItemStats | None:
    item_id, key = item.id, item.key_index
    takers = [i for i, answers in enumerate(cohort.learners) if item_id in answers]
    n = len(takers)
    if n == 0:
        return None
    chosen = [cohort.learners[i][item_id] for i in takers]
    scores = [1 if c == key else 0 for c in chosen]
    rest = [total[i] - s for i, s in zip(takers, scores, strict=True)]
    ranked = sorted(range(n), key=lambda j: -total[takers[j]])  # stable: file order on ties
    size = group_size(n)
    upper, lower = ranked[:size], ranked[-size:]
    options = tuple(
        OptionRate(o.text, o.correct, chosen.count(index) / n,
                   sum(chosen[j] == index for j in upper), sum(chosen[j] == index for j in lower))
        for index, o in enumerate(item.options))
    upper_lower = None
    if n >= 2:
        upper_lower = (sum(scores[j] for j in upper) - sum(scores[j] for j in lower)) / size
    key_upper = options[key].upper
    return ItemStats(
        item_id=item_id, n=n, facility=sum(scores) / n,
        discrimination=pearson([float(s) for s in scores], [float(r) for r in rest]),
        upper_lower=upper_lower, options=options, no_answer=chosen.count(NO_ANSWER) / n,
        nonfunctioning=tuple(o.text for o in options if not o.correct
                             and o.rate < NONFUNCTIONING),
        miskey=tuple(o.text for o in options if not o.correct and o.upper > key_upper),
    )


def quiz_statistics(cohort: Cohort) -> QuizStats:
    """Mean, SD, KR-20 and SEM over the learners who answered every analysed item."""
    ids = [item.id for item in cohort.items
           if any(item.id in answers for answers in cohort.learners)]
    keys = {item.id: item.key_index for item in cohort.items}
    complete = [a for a in cohort.learners if all(i in a for i in ids)]
    n, k = len(complete), len(ids)
    if n < 2 or k < 2:
        return QuizStats(n, k, None, None, None, None)
    scores = [[1 if a[i] == keys[i] else 0 for i in ids] for a in complete]
    sums = [sum(row) for row in scores]
    mean = sum(sums) / n
    variance = sum((s - mean) ** 2 for s in sums) / n  # population variance, as in KR-20
    sd = math.sqrt(sum((s - mean) ** 2 for s in sums) / (n - 1))
    pq = sum(p * (1 - p) for p in (sum(row[j] for row in scores) / n for j in range(k)))
    kr20 = k / (k - 1) * (1 - pq / variance) if variance > 0 else None
    sem = sd * math.sqrt(1 - kr20) if kr20 is not None and kr20 <= 1 else None
    return QuizStats(n, k, mean, sd, kr20, sem)
