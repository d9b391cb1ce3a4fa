"""Which data labels a chart can carry in its box without labels overlapping.

A label sits on every bar, column or point when there is room for it; where
there is not (many series in a narrow box, lines that run close together), a
line chart keeps only the labels at its right-hand end, and otherwise the
labels give way to a value axis with light gridlines, as a designer would do.
The plot area is estimated from the box the way PowerPoint and LibreOffice
lay out a chart: the title on top, the legend at the bottom, axis labels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from tall_teach.writers.pptx.template import EMU_PER_PT, Box

GAP_WIDTH = 0.6  # the gap between bar groups, as a share of one bar (charts.style_series)
SERIES_STEP = 1.1  # bar centre to bar centre inside a group (10% apart)
LINE = 1.25  # a label's height as a multiple of its size
PADDING = 14.0  # points the renderers keep around the plot area
VALUE_AXIS = 44.0  # points the value axis labels take when shown (line charts)
CATEGORY_SHARE = 0.4  # a bar chart's category names take at most this share of the width

Width = Callable[[str, float], float]  # text, size -> points (bold)


@dataclass(frozen=True)
class ChartText:
    """What is written on a chart, for estimating its plot area."""

    kind: str
    title: str
    categories: Sequence[str]
    series: Sequence[Sequence[float]]
    labels: Sequence[Sequence[str]]  # each value as its label shows it
    size: float
    suffix: str = ""  # the unit after each value


def label_mode(chart: ChartText, box: Box, width: Width) -> str:
    """ "all", "last" (a line chart's right-hand ends) or "none"."""
    if chart.kind == "pie" or not chart.categories or not chart.series:
        return "all"
    plot_w, plot_h = plot_area(chart, box, width)
    if chart.kind == "line":
        return line_mode(chart, plot_w, plot_h, width)
    return "all" if bars_fit(chart, plot_w, plot_h, width) else "none"


def value_ticks(chart: ChartText, box: Box, width: Width) -> tuple[float, float]:
    """A bar chart's value axis runs across: a round step few enough for its labels to sit
    side by side unrotated, and the top it reaches; (0, 0) leaves both to the renderer."""
    values = [v for series in chart.series for v in series]
    if chart.kind != "bar" or not values or min(values) < 0 or max(values) <= 0:
        return 0.0, 0.0
    plot_w, _ = plot_area(chart, box, width)
    top = max(values)
    for step in nice_steps(top):
        ticks = -(-top // step)
        widest = width(f"{ticks * step:g}{chart.suffix}", chart.size)
        if (ticks + 1) * (widest + 14) <= plot_w:
            return step, ticks * step
    return 0.0, 0.0


def nice_steps(top: float) -> list[float]:
    """Round steps (1, 2, 2.5, 5 times a power of ten) from fine to coarse for 0..top."""
    power = 10.0 ** (math.floor(math.log10(top)) - 1)
    steps = [m * power * 10**k for k in range(3) for m in (1.0, 2.0, 2.5, 5.0)]
    return [step for step in steps if top / step <= 10]


def plot_area(chart: ChartText, box: Box, width: Width) -> tuple[float, float]:
    """The plot area's width and height in points, roughly."""
    size = chart.size
    w, h = box.w / EMU_PER_PT - 2 * PADDING, box.h / EMU_PER_PT - 2 * PADDING
    if chart.title:
        lines = max(1, -(-width(chart.title, size + 2) // max(w, 1.0)))
        h -= lines * (size + 2) * LINE + 6
    if len(chart.series) > 1:
        h -= size * LINE + 8  # the legend
    widest = max((width(c, size) for c in chart.categories), default=0.0)
    if chart.kind == "bar":
        w -= min(widest + 8, w * CATEGORY_SHARE)
    else:
        lines = 1 if widest <= w / len(chart.categories) else 2
        h -= lines * size * LINE + 4
    if chart.kind == "line":
        w -= VALUE_AXIS
    return max(w, 1.0), max(h, 1.0)


def bars_fit(chart: ChartText, plot_w: float, plot_h: float, width: Width) -> bool:
    """Every bar's label fits beside its neighbours' and clears the plot's edge."""
    n = len(chart.series)
    span = plot_h if chart.kind == "bar" else plot_w
    bar = span / (len(chart.categories) * (n + GAP_WIDTH))
    pitch = bar * (SERIES_STEP if n > 1 else 1 + GAP_WIDTH)
    texts = [t for labels in chart.labels for t in labels]
    widest = max((width(t, chart.size) for t in texts), default=0.0)
    across = chart.size * LINE if chart.kind == "bar" else widest + 4
    if across > pitch:
        return False
    if chart.kind == "bar":  # the label follows the longest bar: room for it on the right
        return widest + 6 <= plot_w * (1 - 1 / 1.18)
    return True


def line_mode(chart: ChartText, plot_w: float, plot_h: float, width: Width) -> str:
    values = [v for series in chart.series for v in series]
    low, high = min(0.0, *values), max(0.0, *values)
    scale = plot_h / ((high - low) * 1.1 or 1.0)
    height = chart.size * LINE
    step = plot_w / len(chart.categories)
    widest = max((width(t, chart.size) for labels in chart.labels for t in labels), default=0.0)
    columns = list(zip(*chart.series, strict=False))
    if widest + 4 <= step and all(apart(col, scale, height) for col in columns):
        return "all"
    ends = [series[-1] for series in chart.series if series]
    last = max((width(labels[-1], chart.size) for labels in chart.labels if labels), default=0.0)
    if last + 6 <= step / 2 + PADDING and apart(ends, scale, height):
        return "last"
    return "none"


def apart(values: Sequence[float], scale: float, height: float) -> bool:
    """Labels at these values, `scale` points per unit, do not overlap vertically."""
    ordered = sorted(values)
    return all((b - a) * scale >= height for a, b in pairwise(ordered))
