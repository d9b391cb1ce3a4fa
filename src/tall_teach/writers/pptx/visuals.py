"""Planning charts, tables, pictures and figure boxes: sizes, splits and alt text."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from tall_teach.model import (
    Block,
    Chart,
    Figure,
    Placeholder,
    Series,
    SourceRef,
    Table,
    chart_emphasis,
    placeholder_caption,
    plain_text,
)
from tall_teach.transforms.citations import footer_text
from tall_teach.writers.pptx.chartfit import ChartText, label_mode, value_ticks
from tall_teach.writers.pptx.charts import chart_title, format_number, label_text, unit_suffix
from tall_teach.writers.pptx.colwidths import CELL_PAD_X, column_widths
from tall_teach.writers.pptx.context import EMU_PER_INCH, PlanContext
from tall_teach.writers.pptx.fit import size_ladder
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.specs import ChartSpec, FigureBoxSpec, PictureSpec, Slot, TableSpec
from tall_teach.writers.pptx.template import EMU_PER_PT, Box, TextFrame
from tall_teach.writers.pptx.text import Para, Run, inline_runs, plain, text_paras

CELL_PAD_Y = int(0.04 * EMU_PER_INCH)
MAX_COLUMNS = 6  # more columns than this on a slide gets a warning
MAX_ZOOM = 2.0  # a picture is drawn at most this many times its 96-dpi size
LOW_DPI = 96  # pictures shown coarser than this get a warning
CHART_NAMES = {"bar": "Bar", "column": "Column", "line": "Line", "pie": "Pie"}
_NUMERIC = re.compile(r"^[<>≤≥~±+\-−]?\s*\d[\d.,]*\s*(%|[a-zA-Zµ/]{0,6})?$")

Cells = tuple[tuple[Run, ...], ...]


def chart_spec(chart: Chart, ctx: PlanContext, box: Box | None = None) -> ChartSpec:
    kind = chart.type if chart.type in CHART_NAMES else "column"
    if kind != chart.type:
        ctx.warn(chart.source, f"unknown chart type {chart.type!r}; drawn as a column chart")
    series = tuple((s.name, tuple(float(v) for v in s.values)) for s in chart.series)
    if kind == "pie" and len(series) > 1:
        ctx.warn(chart.source, "a pie chart shows one series; only the first is drawn")
        series = series[:1]
    spec = ChartSpec(
        kind,
        chart.title,
        chart.unit,
        tuple(chart.categories),
        series,
        chart_alt(kind, chart.title, chart.unit, chart.categories, series),
        ctx.size("chart"),
    )
    return spec if box is None else fit_labels(spec, box, ctx)


def fit_labels(spec: ChartSpec, box: Box, ctx: PlanContext) -> ChartSpec:
    """The data labels that fit the chart in `box`, else a readable value axis (chartfit)."""
    text = ChartText(
        spec.kind,
        chart_title(spec),
        spec.categories,
        tuple(values for _, values in spec.series),
        tuple(tuple(label_text(v, spec) for v in values) for _, values in spec.series),
        spec.size,
        unit_suffix(spec),
    )
    width = partial(bold_width, ctx.measurer)
    mode = label_mode(text, box, width)
    step, top = value_ticks(text, box, width) if mode == "none" else (0.0, 0.0)
    return replace(spec, labels=mode, axis_step=step, axis_max=top)


def emphasise_charts(slots: list[Slot], blocks: tuple[Block, ...]) -> list[Slot]:
    """The compared category stands out where the slide says so (model.chart_emphasis: a
    category the slide's text writes in bold): drawn in the second accent."""
    result = []
    for slot in slots:
        spec = slot.content
        if isinstance(spec, ChartSpec) and spec.kind != "line" and len(spec.series) == 1:
            shown = Chart(spec.kind, spec.title, spec.unit, spec.categories,
                          tuple(Series(n, v) for n, v in spec.series), (), SourceRef(""))
            marked = chart_emphasis(shown, blocks)
            if marked:
                slot = replace(slot, content=replace(spec, emphasis=marked))
        result.append(slot)
    return result


def bold_width(measurer: Measurer, text: str, size: float) -> float:
    return measurer.width(text, size, "bold")


def chart_alt(
    kind: str,
    title: str,
    unit: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
) -> str:
    """Says what the chart shows: its kind, title, and every value with its category."""
    parts = [f"{CHART_NAMES[kind]} chart" + (f": {title}" if title else "") + "."]
    for name, values in series:
        labelled = zip(categories, values, strict=False)
        pairs = ", ".join(f"{c} {format_number(v)}{unit}" for c, v in labelled)
        parts.append(f"{name}: {pairs}." if name else f"{pairs}.")
    return " ".join(parts)


def picture_spec(figure: Figure, box: Box, ctx: PlanContext) -> PictureSpec:
    alt = figure.alt.strip() or plain_text(figure.caption)
    if not figure.alt.strip():
        ctx.warn(figure.source, f"figure {figure.path} has no alt text; its caption is used")
    caption = plain(inline_runs(figure.caption))
    size = ctx.size("caption")
    height = caption_height(caption, box, size, ctx)
    path = os.path.join(ctx.course.root, figure.path)
    pixels = (figure.width, figure.height) if figure.width and figure.height else (0, 0)
    if pixels[0]:
        shown = fit_picture(pixels, Box(box.x, box.y, box.w, box.h - height))
        dpi = pixels[0] / (shown.w / EMU_PER_INCH)
        if dpi < LOW_DPI:
            ctx.warn(
                figure.source,
                f"figure {figure.path} is {pixels[0]} px wide: it shows at "
                f"{dpi:.0f} dpi on the slide; a larger image would look sharper",
            )
    return PictureSpec(path, alt or figure.path, caption, size, height, pixels)


def fit_picture(pixels: tuple[int, int], box: Box) -> Box:
    """The image's aspect ratio inside `box`, centred across, at the top; never blown up
    past twice its size at 96 dpi (a small image stays small rather than blurred)."""
    width, height = pixels
    largest = MAX_ZOOM * EMU_PER_INCH / 96
    scale = min(box.w / width, box.h / height, largest)
    w, h = int(width * scale), int(height * scale)
    return Box(box.x + (box.w - w) // 2, box.y, w, h)


def caption_height(caption: str, box: Box, size: float, ctx: PlanContext) -> int:
    if not caption:
        return 0
    frame = TextFrame(box, (0, 0, 0, 0))
    height = ctx.flat.height([Para((Run(caption, italic=True),), 0, "none")], frame, size, size)
    return math.ceil(height * EMU_PER_PT) + int(0.08 * EMU_PER_INCH)


def figure_box_spec(block: Placeholder, box: Box, ctx: PlanContext) -> FigureBoxSpec:
    """A figure slot: the box less a caption line (short caption, source) under it; the
    author's description goes to the notes and to `check`'s list of figures to insert."""
    source = footer_text(block.citations, ctx.course)
    blocks = [b for b in block.blocks if type(b).__name__ in ("Paragraph", "BulletList")]
    paras = text_paras(blocks)  # type: ignore[arg-type]
    caption = placeholder_caption(block)
    source_label = ctx.settings.label("source")
    size = ctx.size("caption")
    if caption and caption_height(figure_caption(caption, source, source_label), box, size, ctx) > (
        caption_height(caption, box, size, ctx)
    ):
        source = ""  # one line at most: a long source stays in the slide's footer only
    height = caption_height(figure_caption(caption, source, source_label), box, size, ctx)
    described = " ".join(plain(p.runs) for p in paras)
    cited = footer_text(block.citations, ctx.course)
    where = f" (source: {cited})" if cited else ""
    ctx.note(block.source, f"figure to insert: {described}{where}")
    return FigureBoxSpec(
        ctx.settings.label("figure_to_insert"), paras, source, size, caption, height, source_label
    )


def figure_caption(caption: str, source: str, source_label: str) -> str:
    """The one line under a figure slot, as measured and as drawn."""
    if caption and source:
        return f"{caption} · {source_label}: {source}"
    return caption or (f"{source_label}: {source}" if source else "")


def most_words(total: int, fits: Callable[[int], bool]) -> int:
    """The largest count of words, 0 to `total`, for which `fits` holds (binary search:
    fitting is monotone in the words kept). 0 when not even one word fits."""
    low, high = 0, total
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


def is_numeric(runs: Sequence[Run]) -> bool:
    text = plain(runs).replace("\u2009", "").replace("\u00a0", "")
    return bool(text) and bool(_NUMERIC.match(text))


def column_aligns(table: Table, rows: Sequence[Cells]) -> tuple[str, ...]:
    """Authored alignment wins; otherwise a column of numbers is right-aligned."""
    aligns = []
    for col in range(len(table.header)):
        authored = table.aligns[col] if col < len(table.aligns) else ""
        cells = [row[col] for row in rows if col < len(row) and row[col]]
        numeric = bool(cells) and all(is_numeric(c) for c in cells)
        aligns.append(authored or ("right" if numeric else "left"))
    return tuple(aligns)


def table_pieces(table: Table, frame: Box, first_room: int, ctx: PlanContext) -> list[TableSpec]:
    """The table as pieces that each fit (header repeated), at the largest size that works."""
    header: Cells = tuple(inline_runs(c, Run("", bold=True)) for c in table.header)
    width = len(header)
    rows = [pad_row(tuple(inline_runs(c) for c in row), width) for row in table.rows]
    if any(len(row) > width for row in table.rows):
        ctx.warn(table.source, "a table row has more cells than the header; extra cells dropped")
    if width > MAX_COLUMNS:
        ctx.warn(
            table.source,
            f"a table of {width} columns: slides read best with at most "
            f"{MAX_COLUMNS}; consider splitting it",
        )
    aligns = column_aligns(table, rows)
    caption = plain(inline_runs(table.caption))
    base, floor = ctx.size("table"), ctx.size("body_min")
    for size in size_ladder(base, floor):
        columns = list(zip(*[header, *rows], strict=True))
        widths = column_widths(columns, frame.w, size, ctx.measurer, strict=size > floor)
        if widths is not None:
            break
    cap_h = caption_height(caption, frame, ctx.size("caption"), ctx)
    header_h = row_height(header, widths, size, ctx)
    room = frame.h - cap_h - header_h
    fitted = [fit_row(r, widths, size, room, ctx) for r in rows]
    if fitted != rows:
        ctx.warn(
            table.source,
            "a table cell is too long for a slide: the deck shows its beginning, ending "
            "in '…' (the handout keeps it whole); shorten the cell",
        )
        rows = fitted
    heights = [header_h] + [row_height(r, widths, size, ctx) for r in rows]
    groups = split_rows(
        heights[0], heights[1:], [first_room - cap_h, frame.h - cap_h], ctx.settings.table_max_rows
    )
    if any(heights[0] + sum(heights[1:][i] for i in g) > frame.h - cap_h for g in groups):
        ctx.warn(table.source, "a table row is taller than the slide; shorten its cells")
    name = caption or "Table"
    specs = []
    for n, group in enumerate(groups):
        part = f" (rows {group[0] + 1}-{group[-1] + 1} of {len(rows)})" if len(groups) > 1 else ""
        columns = ", ".join(plain(c) for c in header)
        alt = f"{name}{part}: columns {columns}."
        specs.append(
            TableSpec(
                header,
                tuple(rows[i] for i in group),
                aligns,
                tuple(widths),
                (heights[0], *(heights[1:][i] for i in group)),
                size,
                alt,
                caption if n == 0 else "",
                cap_h if n == 0 else 0,
                ctx.size("caption"),
            )
        )
    return specs


def fit_row(row: Cells, widths: Sequence[int], size: float, room: int, ctx: PlanContext) -> Cells:
    """The row as it is when it fits `room`; else each cell too tall for it cut to the most
    words that fit, ending in an ellipsis (a row cannot be split over slides).

    A row is as tall as its tallest cell, so each cell is fitted on its own: measuring the
    whole row for every trial cut made a 500-column table quadratic (minutes).
    """
    cells = list(row)
    for col, (cell, width) in enumerate(zip(row, widths, strict=True)):
        if row_height((cell,), (width,), size, ctx) <= room:
            continue

        def fits(words: int, original: Cells = cell, width: int = width) -> bool:
            return row_height((cut_runs(original, words),), (width,), size, ctx) <= room

        cells[col] = cut_runs(cell, most_words(len(plain(cell).split()), fits))
    return tuple(cells)


def cut_runs(runs: tuple[Run, ...], words: int) -> tuple[Run, ...]:
    """The first `words` words of styled runs, then "…" (styles kept)."""
    out: list[Run] = []
    left = words
    for run in runs:
        if run.line_break:
            if left > 0:
                out.append(run)
            continue
        parts = re.findall(r"\s*\S+", run.text)
        if len(parts) <= left:
            out.append(run)
            left -= len(parts)
            continue
        out.append(replace(run, text="".join(parts[:left]).rstrip() + "…"))
        return tuple(r for r in out if r.text or r.line_break)
    return runs  # every word fits


def pad_row(row: Cells, width: int) -> Cells:
    return tuple(row[:width]) + ((),) * max(0, width - len(row))


def row_height(cells: Cells, widths: Sequence[int], size: float, ctx: PlanContext) -> int:
    pitch = ctx.measurer.line_pitch(size)
    lines = max(
        ctx.measurer.line_count(c, (w - 2 * CELL_PAD_X) / EMU_PER_PT, size) if c else 1
        for c, w in zip(cells, widths, strict=True)
    )
    return math.ceil(lines * pitch * EMU_PER_PT) + 2 * CELL_PAD_Y


def split_rows(
    header: int, heights: Sequence[int], rooms: Sequence[int], max_rows: int
) -> list[list[int]]:
    """Row indexes per piece: header + rows within the room, at most `max_rows` rows,
    balanced so the last piece is not a stub."""
    pieces = _greedy_rows(header, heights, rooms, max_rows)
    if len(pieces) > 1:
        most = math.ceil(len(heights) / len(pieces))
        balanced = _even_rows(header, heights, rooms, len(pieces)) or _greedy_rows(
            header, heights, rooms, most
        )
        if len(balanced) == len(pieces):
            pieces = balanced
    return pieces


def _even_rows(
    header: int, heights: Sequence[int], rooms: Sequence[int], count: int
) -> list[list[int]] | None:
    """`count` pieces whose row counts differ by one at most (22 rows: 5, 5, 4, 4, 4),
    or None when one of them would not fit its room."""
    size, extra = divmod(len(heights), count)
    pieces, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        room = rooms[0] if n == 0 else rooms[1]
        if header + sum(heights[start:end]) > room:
            return None
        pieces.append(list(range(start, end)))
        start = end
    return pieces


def _greedy_rows(
    header: int, heights: Sequence[int], rooms: Sequence[int], max_rows: int
) -> list[list[int]]:
    pieces: list[list[int]] = [[]]
    used = header
    for i, height in enumerate(heights):
        room = rooms[0] if len(pieces) == 1 else rooms[1]
        current = pieces[-1]
        if current and (used + height > room or len(current) >= max_rows):
            pieces.append([])
            used = header
        pieces[-1].append(i)
        used += height
    if not pieces[0]:
        pieces = pieces[1:] or [[]]
    return pieces


def table_height(spec: TableSpec) -> int:
    return sum(spec.row_heights) + spec.caption_height
