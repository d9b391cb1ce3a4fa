"""Charts drawn as hand-written SVG from Chart blocks: the same numbers the deck plots.

Bold marks, direct data labels with units, a legend only for more than one series,
the theme's palette. Every mark carries `data-value` (the exact float) so tests can
check the picture against the chart data; labels print the shortest exact form.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape as html_escape

from tall_teach.model import Chart

WIDTH = 400
FONT_SIZE = 13
CHAR_EM = 0.5  # advance of a lower-case Carlito/Calibri glyph, in em (a safe over-estimate)
NO_SPACE_UNITS = ("%", "‰", "°", "°C", "°F")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML-escaped text without the control characters XML cannot hold at all."""
    return html_escape(_NOT_XML.sub("", text))


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """Colours (hex without #) and the font stack charts are drawn with."""

    series: tuple[str, ...]
    text: str
    muted: str
    grid: str
    font_family: str
    emphasis: tuple[int, ...] = ()  # categories in the second colour: the compared one(s)


def format_value(value: float) -> str:
    """The shortest text that is exactly the authored number (60.0 -> "60", 57.1 -> "57.1")."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def value_label(value: float, unit: str) -> str:
    """A data label with its unit: "57.1%", "12 months"."""
    text = format_value(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in NO_SPACE_UNITS else f"{text} {unit}"


def _char_em(char: str) -> float:
    if char.isupper() or char in "%&@MW":
        return 0.64
    if char.isdigit():
        return 0.51
    if char in " .,:;'|!il":
        return 0.26
    return CHAR_EM


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Estimated advance width of `text` (Carlito-like metrics, slightly generous)."""
    width = sum(_char_em(c) for c in text) * size
    return width * 1.05 if bold else width


def wrap_label(text: str, max_width: float, size: float = FONT_SIZE) -> list[str]:
    """Greedy word wrap by estimated width; a single long word stays on its own line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


def _num(value: float) -> str:
    """Coordinates rounded to 0.01 so output bytes are stable and small."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(
    x: float, y: float, content: str, *, anchor: str = "start", cls: str = "",
    fill: str = "", weight: str = "", size: float = FONT_SIZE,
) -> str:
    attrs = [f'x="{_num(x)}"', f'y="{_num(y)}"', f'font-size="{_num(size)}"']
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if cls:
        attrs.append(f'class="{cls}"')
    if fill:
        attrs.append(f'fill="#{fill}"')
    if weight:
        attrs.append(f'font-weight="{weight}"')
    return f"<text {' '.join(attrs)}>{escape(content)}</text>"


def _multiline(
    x: float, y: float, lines: list[str], *, anchor: str, fill: str, size: float = FONT_SIZE,
) -> str:
    """Several lines of text as stacked <text> elements (tspans render unevenly in some viewers)."""
    step = size * 1.15
    return "".join(
        _text(x, y + i * step, line, anchor=anchor, cls="category-label", fill=fill, size=size)
        for i, line in enumerate(lines)
    )


def _mark_attrs(series: int, category: int, value: float) -> str:
    return f'class="mark" data-series="{series}" data-category="{category}" data-value="{value!r}"'


def _colour(style: ChartStyle, index: int) -> str:
    return style.series[index % len(style.series)]


def _pie_colour(style: ChartStyle, ci: int) -> str:
    """A slice: one colour a category, or, when one is compared, it against the rest."""
    return _mark_colour(style, 0, ci) if style.emphasis else _colour(style, ci)


def _mark_colour(style: ChartStyle, si: int, ci: int) -> str:
    """A bar's or slice's colour: the compared category in the second colour (one series),
    as the deck draws it; otherwise the series' own."""
    if style.emphasis:
        return style.series[min(1, len(style.series) - 1) if ci in style.emphasis else 0]
    return _colour(style, si)


def _value_domain(chart: Chart) -> tuple[float, float]:
    values = [v for s in chart.series for v in s.values] or [0.0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    if high - low < 1e-300:  # all zero, or so small that scaling would overflow
        high = low + 1.0
    return low, high


def _line_domain(chart: Chart) -> tuple[float, float]:
    """Like a spreadsheet's automatic axis: a line chart of values that all sit far from
    zero (the smallest at least 5/6 of the largest) starts just below them, so the lines
    do not run flat along the top; bars and columns always start at zero."""
    values = [v for s in chart.series for v in s.values]
    if not values or min(values) <= 0:
        return _value_domain(chart)
    low, high = min(values), max(values)
    if low < high * 5 / 6 or high < 1e-100:  # a denormal span would scale to infinity
        return _value_domain(chart)
    span = high - low or abs(high) * 0.1 or 1.0
    step = 10 ** math.floor(math.log10(span / 2))
    return max(0.0, (math.floor(low / step) - 1) * step), high


def _legend(chart: Chart, style: ChartStyle, top: float, width: float) -> tuple[str, float]:
    """Swatches and series names wrapped across the width; returns markup and its height."""
    if len(chart.series) < 2:
        return "", 0.0
    parts: list[str] = []
    x, y, row = 0.0, top + FONT_SIZE, FONT_SIZE * 1.5
    for index, series in enumerate(chart.series):
        item = 16 + text_width(series.name) + 14
        if x > 0 and x + item > width:
            x, y = 0.0, y + row
        parts.append(
            f'<rect class="swatch" x="{_num(x)}" y="{_num(y - 10)}" width="11" height="11" '
            f'fill="#{_colour(style, index)}"/>'
        )
        parts.append(_text(x + 16, y, series.name, cls="legend-label", fill=style.text))
        x += item
    markup = f'<g class="legend">{"".join(parts)}</g>'
    return markup, y - top + FONT_SIZE * 0.8


def _bar_chart(
    chart: Chart, style: ChartStyle, top: float, width: float
) -> tuple[str, float]:
    """Horizontal bars, one group per category, value labels at the bar ends."""
    label_width = min(
        width * 0.36, max((text_width(c) for c in chart.categories), default=0.0)
    ) + 4
    labels_right = [max(text_width(value_label(v, chart.unit), bold=True) for v in s.values or [0])
                    for s in chart.series]
    right_room = max(labels_right or [0]) + 6
    plot_left, plot_right = label_width + 8, width - right_room
    low, high = _value_domain(chart)
    scale = (plot_right - plot_left) / (high - low)
    zero = plot_left + (0 - low) * scale
    bar_h, gap = 18.0, 12.0
    group_h = bar_h * len(chart.series)
    parts: list[str] = []
    y = top
    for ci, category in enumerate(chart.categories):
        lines = wrap_label(category, label_width)
        group = max(group_h, len(lines) * FONT_SIZE * 1.15)
        text_top = y + group / 2 - (len(lines) - 1) * FONT_SIZE * 1.15 / 2 + FONT_SIZE * 0.35
        parts.append(_multiline(plot_left - 8, text_top, lines, anchor="end", fill=style.text))
        for si, series in enumerate(chart.series):
            value = series.values[ci]
            x0, x1 = sorted((zero, zero + value * scale))
            by = y + (group - group_h) / 2 + si * bar_h
            parts.append(
                f'<rect {_mark_attrs(si, ci, value)} x="{_num(x0)}" y="{_num(by + 1)}" '
                f'width="{_num(x1 - x0)}" height="{_num(bar_h - 2)}" '
                f'fill="#{_mark_colour(style, si, ci)}"/>'
            )
            label = value_label(value, chart.unit)
            lx, anchor = (x1 + 4, "start") if value >= 0 else (x0 - 4, "end")
            parts.append(_text(lx, by + bar_h / 2 + FONT_SIZE * 0.35, label, anchor=anchor,
                               cls="value-label", fill=style.text, weight="bold"))
        y += group + gap
    parts.append(
        f'<line class="axis" x1="{_num(zero)}" y1="{_num(top - 4)}" x2="{_num(zero)}" '
        f'y2="{_num(y - gap + 4)}" stroke="#{style.muted}" stroke-width="1"/>'
    )
    return "".join(parts), y - gap - top


def _category_axis(
    chart: Chart, style: ChartStyle, left: float, band: float, baseline: float
) -> tuple[str, float]:
    """Category names centred under their bands; returns markup and the height used."""
    parts: list[str] = []
    used = 0.0
    for ci, category in enumerate(chart.categories):
        lines = wrap_label(category, band - 6)
        cx = left + band * (ci + 0.5)
        parts.append(_multiline(cx, baseline + FONT_SIZE + 4, lines, anchor="middle",
                                fill=style.text))
        used = max(used, len(lines) * FONT_SIZE * 1.15 + 6)
    return "".join(parts), used


def _column_chart(
    chart: Chart, style: ChartStyle, top: float, width: float
) -> tuple[str, float]:
    """Vertical columns grouped by category, value labels above each column."""
    plot_h = 170.0
    label_room = FONT_SIZE + 6
    low, high = _value_domain(chart)
    scale = (plot_h - label_room * (2 if low < 0 else 1)) / (high - low)
    zero = top + label_room + high * scale
    count = max(1, len(chart.categories))
    band = width / count
    inner = band * 0.78
    col_w = inner / max(1, len(chart.series))
    parts: list[str] = []
    for ci in range(len(chart.categories)):
        for si, series in enumerate(chart.series):
            value = series.values[ci]
            x = band * ci + (band - inner) / 2 + si * col_w
            y0, y1 = sorted((zero, zero - value * scale))
            parts.append(
                f'<rect {_mark_attrs(si, ci, value)} x="{_num(x + 1)}" y="{_num(y0)}" '
                f'width="{_num(max(col_w - 2, 0.5))}" height="{_num(y1 - y0)}" '
                f'fill="#{_mark_colour(style, si, ci)}"/>'
            )
            label = value_label(value, chart.unit)
            ly = y0 - 5 if value >= 0 else y1 + FONT_SIZE + 2
            size = FONT_SIZE if text_width(label) <= col_w + 6 else FONT_SIZE * 0.8
            parts.append(_text(x + col_w / 2, ly, label, anchor="middle", cls="value-label",
                               fill=style.text, weight="bold", size=size))
    baseline = top + plot_h
    parts.append(
        f'<line class="axis" x1="0" y1="{_num(zero)}" x2="{_num(width)}" y2="{_num(zero)}" '
        f'stroke="#{style.muted}" stroke-width="1"/>'
    )
    axis, used = _category_axis(chart, style, 0.0, band, baseline)
    parts.append(axis)
    return "".join(parts), plot_h + used


def _line_chart(
    chart: Chart, style: ChartStyle, top: float, width: float
) -> tuple[str, float]:
    """One polyline per series with point markers and labels (top series above, others below)."""
    plot_h = 170.0
    room = FONT_SIZE + 8
    low, high = _line_domain(chart)
    scale = (plot_h - 2 * room) / (high - low)
    count = max(1, len(chart.categories))
    band = width / count

    def point(ci: int, value: float) -> tuple[float, float]:
        return band * (ci + 0.5), top + room + (high - value) * scale

    parts = [
        f'<line class="axis" x1="0" y1="{_num(point(0, low)[1])}" x2="{_num(width)}" '
        f'y2="{_num(point(0, low)[1])}" stroke="#{style.grid}" stroke-width="1"/>'
    ]
    for si, series in enumerate(chart.series):
        coords = " ".join(
            f"{_num(x)},{_num(y)}" for x, y in (point(ci, v) for ci, v in enumerate(series.values))
        )
        parts.append(f'<polyline class="line" points="{coords}" fill="none" '
                     f'stroke="#{_colour(style, si)}" stroke-width="3" stroke-linejoin="round"/>')
    for ci in range(len(chart.categories)):
        ranked = sorted(range(len(chart.series)), key=lambda s: -chart.series[s].values[ci])
        for rank, si in enumerate(ranked):
            value = chart.series[si].values[ci]
            x, y = point(ci, value)
            parts.append(f'<circle {_mark_attrs(si, ci, value)} cx="{_num(x)}" cy="{_num(y)}" '
                         f'r="4.5" fill="#{_colour(style, si)}"/>')
            ly = y - 9 if rank == 0 else y + FONT_SIZE + 6
            parts.append(_text(x, ly, value_label(value, chart.unit), anchor="middle",
                               cls="value-label", fill=_colour(style, si) if len(chart.series) > 1
                               else style.text, weight="bold"))
    axis, used = _category_axis(chart, style, 0.0, band, top + plot_h)
    parts.append(axis)
    return "".join(parts), plot_h + used


def _pie_chart(
    chart: Chart, style: ChartStyle, top: float, width: float
) -> tuple[str, float]:
    """The first series as slices clockwise from 12 o'clock, labelled "Category: value".

    Labels sit beside their slice; where small slices crowd them, labels on the same
    side are pushed apart and joined to their slice by a short leader line.
    """
    values = chart.series[0].values if chart.series else ()
    total = sum(v for v in values if v > 0) or 1.0
    radius = 78.0
    cx, cy = width / 2, top + radius + 30
    parts: list[str] = []
    bottom = 2 * radius + 60
    labels: list[tuple[float, float, float, str]] = []  # cos, sin, y of the label, text
    angle = -math.pi / 2
    for ci, value in enumerate(values):
        sweep = 2 * math.pi * max(value, 0) / total
        parts.append(_slice(cx, cy, radius, angle, sweep, _pie_colour(style, ci),
                            _mark_attrs(0, ci, value)))
        middle = angle + sweep / 2
        cos, sin = math.cos(middle), math.sin(middle)
        label = f"{chart.categories[ci]}: {value_label(value, chart.unit)}"
        labels.append((cos, sin, cy + sin * (radius + 12), label))
        angle += sweep
    drawn: dict[int, str] = {}  # category index -> its label (and leader), kept in order
    for right in (True, False):
        side = sorted((i for i, lab in enumerate(labels) if (lab[0] >= 0) == right),
                      key=lambda i: labels[i][2])
        for i, y in zip(side, _spread([labels[i][2] for i in side]), strict=True):
            cos, sin, wanted, label = labels[i]
            lx = cx + cos * (radius + 12)
            leader = ""
            if abs(y - wanted) > 1:
                ex, ey = cx + cos * (radius + 2), cy + sin * (radius + 2)
                lx = cx + (1 if right else -1) * (radius + 14)
                leader = (f'<polyline points="{_num(ex)},{_num(ey)} {_num(lx)},{_num(y)}" '
                          f'fill="none" stroke="#{style.muted}" stroke-width="0.8"/>')
                lx += 3 if right else -3
            drawn[i] = leader + _text(lx, y + FONT_SIZE * 0.35, label,
                                      anchor="start" if right else "end", cls="value-label",
                                      fill=style.text, weight="bold")
            bottom = max(bottom, y - top + FONT_SIZE)
    parts.extend(drawn[i] for i in sorted(drawn))
    return "".join(parts), bottom


def _spread(ys: list[float], gap: float = FONT_SIZE * 1.2) -> list[float]:
    """Label baselines in the same order, at least `gap` apart: crowded ones pushed down."""
    out: list[float] = []
    for y in ys:
        out.append(max(y, out[-1] + gap) if out else y)
    return out


def _slice(
    cx: float, cy: float, r: float, start: float, sweep: float, colour: str, attrs: str
) -> str:
    if sweep >= 2 * math.pi - 1e-9:
        return f'<circle {attrs} cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}" fill="#{colour}"/>'
    x0, y0 = cx + r * math.cos(start), cy + r * math.sin(start)
    x1, y1 = cx + r * math.cos(start + sweep), cy + r * math.sin(start + sweep)
    large = 1 if sweep > math.pi else 0
    path = (f"M{_num(cx)},{_num(cy)} L{_num(x0)},{_num(y0)} "
            f"A{_num(r)},{_num(r)} 0 {large} 1 {_num(x1)},{_num(y1)} Z")
    return f'<path {attrs} d="{path}" fill="#{colour}" stroke="#FFFFFF" stroke-width="1.5"/>'


DRAWERS = {
    "bar": _bar_chart,
    "column": _column_chart,
    "line": _line_chart,
    "pie": _pie_chart,
}


def chart_description(chart: Chart) -> str:
    """The chart's data as a sentence, for screen readers (<desc>)."""
    parts: list[str] = []
    for series in chart.series[:1] if chart.type == "pie" else chart.series:
        pairs = ", ".join(
            f"{c}: {value_label(v, chart.unit)}"
            for c, v in zip(chart.categories, series.values, strict=False)
        )
        parts.append(f"{series.name}: {pairs}" if series.name else pairs)
    return "; ".join(parts)


def chart_svg(chart: Chart, style: ChartStyle, element_id: str, width: int = WIDTH) -> str:
    """The chart as an inline <svg> element (safe markup; every text is escaped).

    `width` is the drawing's coordinate width: a narrower drawing for a chart in a
    column keeps its labels as large on paper as those of a full-width chart.
    """
    drawer = DRAWERS.get(chart.type, _column_chart)
    legend, legend_h = _legend(chart, style, 0.0, width)
    top = legend_h + (8 if legend_h else 4)
    body, body_h = drawer(chart, style, top, width)
    height = math.ceil(top + body_h + 6)
    title_id, desc_id = f"{element_id}-title", f"{element_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{escape(chart.type)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{escape(style.font_family)}">'
        f'<title id="{title_id}">{escape(chart.title or "Chart")}</title>'
        f'<desc id="{desc_id}">{escape(chart_description(chart))}</desc>'
        f"{legend}{body}</svg>"
    )
