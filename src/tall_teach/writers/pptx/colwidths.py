"""Table column widths that fill the frame and wrap as few lines as they can.

Every column is at least as wide as its longest word. When the cells' unwrapped
widths fit, columns get them (and share the spare); when they do not, a short
column ("10 mg once daily") should not wrap in every row so that one long notes
column can stay on one line: widths are moved between columns, a step at a time,
while that lowers the table's total number of lines (moves of several steps too,
so that a column a little short of one line per row gets there), from two
starting points: width shared by need, and short columns whole first.
"""

from __future__ import annotations

from collections.abc import Sequence

from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.template import EMU_PER_PT
from tall_teach.writers.pptx.text import Run

EMU_PER_INCH = 914400
CELL_PAD_X = int(0.09 * EMU_PER_INCH)
STEPS = 48  # width moves in 1/48 of the table's width
MAX_MOVES = 96

Cells = tuple[tuple[Run, ...], ...]


def column_widths(
    columns: Sequence[Sequence[tuple[Run, ...]]],
    total: int,
    size: float,
    measurer: Measurer,
    strict: bool,
) -> list[int] | None:
    """Widths in EMU adding up to `total`, one per column (header cell first in each).

    None when `strict` and the longest words do not fit side by side at this size.
    """
    pad = 2 * CELL_PAD_X + 2  # EMU: the integer widths keep the room they were given
    least = [
        max(measurer.widest_word(c, size) for c in col) * EMU_PER_PT / 0.97 + pad for col in columns
    ]
    natural = [
        max(measurer.natural_width(c, size) for c in col) * EMU_PER_PT + pad for col in columns
    ]
    if sum(least) > total:
        if strict:
            return None
        return fill_widths([w / sum(least) * total for w in least], total)
    if sum(natural) <= total:
        return fill_widths([w * total / sum(natural) for w in natural], total)
    spare = total - sum(least)
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    shared = [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]
    lines = _LineCounter(columns, size, measurer)
    seeds = (shared, water_fill(natural, least, total))
    best = min((fewest_lines(lines, seed, least) for seed in seeds), key=lines.total)
    return fill_widths(best, total)


def water_fill(natural: Sequence[float], least: Sequence[float], total: int) -> list[float]:
    """Narrow columns get their whole natural width while it is within an even share
    of what is left; the wide ones share the rest by need (every one its longest word)."""
    widths = list(least)
    left = set(range(len(natural)))
    remaining = float(total)
    for col in sorted(left, key=lambda c: natural[c]):
        others = sum(least[c] for c in left if c != col)
        if natural[col] > remaining / len(left) or remaining - natural[col] < others:
            break
        widths[col] = natural[col]
        remaining -= natural[col]
        left.discard(col)
    wants = {c: natural[c] - least[c] for c in left}
    spare = remaining - sum(least[c] for c in left)
    for col in left:
        widths[col] = least[col] + spare * wants[col] / (sum(wants.values()) or 1.0)
    return widths


def fewest_lines(
    lines: _LineCounter, widths: Sequence[float], least: Sequence[float]
) -> list[float]:
    """Starting from `widths`, move width between columns while the rows' lines drop."""
    step = sum(widths) / STEPS
    current = list(widths)
    cost = lines.total(current)
    for _ in range(MAX_MOVES):
        best = None
        for trial in moves(current, least, step):
            trial_cost = lines.total(trial)
            if trial_cost < cost and (best is None or trial_cost < best[0]):
                best = (trial_cost, trial)
        if best is None:
            break
        cost, current = best
    return current


def moves(widths: list[float], least: Sequence[float], step: float) -> list[list[float]]:
    """Every way to move 1, 2, 4 or 8 steps of width from one column to another."""
    found = []
    for size in (step, 2 * step, 4 * step, 8 * step):
        for give in range(len(widths)):
            if widths[give] - size < least[give]:
                continue
            for take in range(len(widths)):
                if take != give:
                    trial = list(widths)
                    trial[give] -= size
                    trial[take] += size
                    found.append(trial)
    return found


class _LineCounter:
    """Lines per row for a set of column widths; each column's counts cached by width."""

    def __init__(
        self, columns: Sequence[Sequence[tuple[Run, ...]]], size: float, measurer: Measurer
    ) -> None:
        self.columns, self.size, self.measurer = columns, size, measurer
        self.cache: dict[tuple[int, int], tuple[int, ...]] = {}

    def column(self, index: int, width: float) -> tuple[int, ...]:
        key = (index, round(width))
        if key not in self.cache:
            inner = (width - 2 * CELL_PAD_X) / EMU_PER_PT
            self.cache[key] = tuple(
                self.measurer.line_count(c, inner, self.size) if c else 1
                for c in self.columns[index]
            )
        return self.cache[key]

    def total(self, widths: Sequence[float]) -> int:
        counts = [self.column(i, w) for i, w in enumerate(widths)]
        return sum(max(row) for row in zip(*counts, strict=True))


def fill_widths(widths: Sequence[float], total: int) -> list[int]:
    """Integer EMU widths that add up to exactly `total`."""
    floors = [int(w) for w in widths]
    floors[-1] += total - sum(floors)
    return floors
