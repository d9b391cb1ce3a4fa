"""Stat tiles: a slide whose point is a few key numbers shows them as tiles, not bullets.

A slide qualifies when its text is one plain list of 1 to 4 items and every item is a
number with a short label, either way round: "94% D28 MRD-negative CR", "2-year OS
**42.7%**", "Median follow-up 27 months", "N=19". Only what the item writes is shown:
the number and its unit as written (a qualifier such as "about" kept), the rest of the
item as the label, the item's own citation as the tile's source. Anything else on the
slide (a paragraph, a table, a second list) keeps it a bullet slide; one chart, figure
or placeholder may stand beside the tiles. A bare year ("1789: ...") is a date, not a
statistic.

Planning here is pure; `add_stat_tiles` draws the plan with python-pptx (lazy import).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Cite,
    Figure,
    Inline,
    Placeholder,
    Question,
    Slide,
    plain_text,
)
from tall_teach.transforms.citations import footer_text
from tall_teach.writers.pptx.compose import Page, visual_slot
from tall_teach.writers.pptx.context import EMU_PER_INCH, PlanContext
from tall_teach.writers.pptx.specs import Slot, StatTile, StatTilesSpec
from tall_teach.writers.pptx.template import EMU_PER_PT, Box, TextFrame
from tall_teach.writers.pptx.text import Para, Run, clean

MIN_TILES, MAX_TILES = 1, 4
MAX_LABEL_WORDS = 7
MAX_LABEL_LINES = 3
VALUE_SIZES = (60.0, 54.0, 48.0, 44.0, 40.0, 36.0, 32.0, 28.0)
UNIT_RATIO = 0.6  # a unit or qualifier beside the value, at this share of its size
GAP = int(0.25 * EMU_PER_INCH)  # between tiles
PAD = int(0.22 * EMU_PER_INCH)  # inside a tile
BAR = int(0.09 * EMU_PER_INCH)  # the accent bar along a tile's left edge
WIDE = int(8 * EMU_PER_INCH)  # an area this wide takes the tiles in one row
LABEL_GAP = 6.0  # points between the value and the label

_QUALIFIER = r"(?P<qual>(?:about|approximately|approx\.|around|nearly|almost|over|under|up to|" \
    r"more than|less than|fewer than|at least|~|≈|<|>|≤|≥)\s*)?"
_VALUE = r"(?P<value>[+\-−]?\d[\d,.]*(?:\s?[-–/]\s?\d[\d,.]*)?)"
_UNIT = (
    r"(?P<unit>%|‰|×|°C|x\b|(?:months?|mo|years?|yrs?|yr|weeks?|wk|days?|hours?|h|min|sec|s|"
    r"ms|kg|mg|µg|mcg|g|mL|L|mmol/L|mmol/mol|mg/dL|kb|Mb|bits?|bytes?|KB|MB|GB|TB|"
    r"Mbit/s|Gbit/s|million|billion)\b)?"
)
_LEADING = re.compile(rf"^{_QUALIFIER}{_VALUE}\s?{_UNIT}(?=[\s:,;]|$)[\s:,;–—-]*(?P<label>.*)$",
                      re.IGNORECASE)
_TRAILING = re.compile(rf"^(?P<label>.*?)(?:\s*[:=]\s*|\s+){_QUALIFIER}{_VALUE}\s?{_UNIT}\.?$",
                       re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[<>≤≥~±+\-−]?\d[\d.,%/–-]*$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Stat:
    """One key number as an item writes it."""

    value: str
    unit: str
    label: str
    qualifier: str = ""
    source: str = ""


def parse_stat(text: str) -> Stat | None:
    """A number with a short label, either way round; None when the item is not one."""
    text = " ".join(text.split()).strip().rstrip(".")
    for pattern in (_LEADING, _TRAILING):
        match = pattern.match(text)
        if match is None:
            continue
        value = match["value"].strip()
        label = match["label"].strip(" :,;–—-")
        words = label.split()
        if (
            not words
            or len(words) > MAX_LABEL_WORDS
            or (_YEAR.match(value) and not match["unit"])
            or any(_BARE_NUMBER.match(w.strip(",;:()")) for w in words)
        ):
            continue
        return Stat(value, (match["unit"] or "").strip(), label, (match["qual"] or "").strip())
    return None


def item_text(inlines: tuple[Inline, ...]) -> tuple[str, tuple[str, ...]]:
    """An item's words without its citations, and the citation keys it carries."""
    keys = tuple(k for i in inlines if isinstance(i, Cite) for k in i.keys)
    return plain_text(tuple(i for i in inlines if not isinstance(i, Cite))), keys


def slide_stats(blocks: tuple[Block, ...], ctx: PlanContext) -> tuple[list[Stat], list[Block]]:
    """The stats of a stat slide and the one visual beside them; ([], []) otherwise."""
    shown = [b for b in blocks if not isinstance(b, Question)]
    lists = [b for b in shown if isinstance(b, BulletList)]
    visuals = [b for b in shown if isinstance(b, Chart | Figure | Placeholder)]
    if len(lists) != 1 or len(visuals) > 1 or len(lists) + len(visuals) != len(shown):
        return [], []
    items = lists[0].items
    if lists[0].ordered or not MIN_TILES <= len(items) <= MAX_TILES:
        return [], []
    stats = []
    for item in items:
        text, keys = item_text(item.inlines)
        stat = parse_stat(text) if not item.children else None
        if stat is None:
            return [], []
        source = footer_text(keys, ctx.course) if keys else ""
        stats.append(Stat(stat.value, stat.unit, stat.label, stat.qualifier, source))
    if not any(s.unit for s in stats):  # counts alone ("N=19") are not a slide's point
        return [], []
    return stats, visuals


def value_runs(stat: Stat) -> list[tuple[str, bool]]:
    """(text, is_the_number) pieces of a tile's top line, as drawn."""
    pieces = []
    if stat.qualifier:
        pieces.append((f"{stat.qualifier} ", False))
    pieces.append((stat.value, True))
    if stat.unit:
        pieces.append((stat.unit if stat.unit in ("%", "‰", "×") else f" {stat.unit}", False))
    return pieces


def value_width(stat: Stat, size: float, ctx: PlanContext) -> float:
    """Points the top line takes: the number bold at `size`, the rest at the unit's size."""
    small = unit_size(size)
    return sum(
        ctx.measurer.width(text, size if number else small, "bold")
        for text, number in value_runs(stat)
    )


def unit_size(size: float) -> float:
    return max(18.0, round(size * UNIT_RATIO))


def label_para(stat: Stat) -> Para:
    return Para((Run(clean(stat.label)),), 0, "none")


def source_para(stat: Stat) -> Para:
    return Para((Run(clean(stat.source), italic=True),), 0, "none")


def grid(count: int, area: Box) -> tuple[int, int]:
    """(columns, rows): one row in a wide area; in a half-width one, one column for two
    tiles and two columns for three or four."""
    if area.w >= WIDE:
        return count, 1
    columns = 1 if count <= 2 else 2
    return columns, math.ceil(count / columns)


def tiles_spec(stats: list[Stat], area: Box, ctx: PlanContext) -> StatTilesSpec | None:
    """Tiles filling `area`'s width, one value size and one label size for all, as large as
    fit; the grid set a little above the middle of the area. None when nothing fits at
    the floor (the slide stays a list)."""
    columns, rows = grid(len(stats), area)
    tile_w = (area.w - GAP * (columns - 1)) // columns
    inner = TextFrame(Box(0, 0, tile_w - 2 * PAD - BAR, area.h), (0, 0, 0, 0))
    floor, body = ctx.size("body_min"), ctx.size("body")
    for value_size in VALUE_SIZES:
        if any(value_width(s, value_size, ctx) > inner.inner_width_pt for s in stats):
            continue
        for label_size in (body, *(s for s in (24.0, 20.0, floor) if s < body)):
            height = tile_height(stats, inner, value_size, label_size, ctx)
            if height is None or rows * height + GAP * (rows - 1) > area.h:
                continue
            return place_tiles(stats, area, (columns, rows), (tile_w, height),
                               (value_size, label_size, floor))
    return None


def tile_height(stats: list[Stat], inner: TextFrame, value_size: float, label_size: float,
                ctx: PlanContext) -> int | None:
    """The tallest tile's height in EMU, or None when a label needs too many lines."""
    tallest = 0.0
    pitch = ctx.measurer.line_pitch(label_size)
    for stat in stats:
        label = ctx.flat.height([label_para(stat)], inner, label_size, label_size)
        if label > MAX_LABEL_LINES * pitch + 1:
            return None
        source = ctx.flat.height([source_para(stat)], inner, ctx.size("body_min"),
                                 ctx.size("body_min")) if stat.source else 0.0
        tallest = max(tallest, ctx.measurer.line_pitch(value_size) + LABEL_GAP + label + source)
    return math.ceil(tallest * EMU_PER_PT * 1.08) + 2 * PAD


def place_tiles(stats: list[Stat], area: Box, shape: tuple[int, int], size: tuple[int, int],
                sizes: tuple[float, float, float]) -> StatTilesSpec:
    (columns, rows), (tile_w, tile_h) = shape, size
    height = rows * tile_h + GAP * (rows - 1)
    top = area.y + int((area.h - height) * 0.4)  # the optical centre, as short text is set
    tiles = []
    for n, stat in enumerate(stats):
        row, column = divmod(n, columns)
        box = Box(area.x + column * (tile_w + GAP), top + row * (tile_h + GAP), tile_w, tile_h)
        tiles.append(StatTile(stat.value, stat.unit, stat.label, stat.source, box,
                              stat.qualifier))
    alt = "; ".join(f"{s.label}: {''.join(t for t, _ in value_runs(s)).strip()}" for s in stats)
    return StatTilesSpec(tuple(tiles), sizes[0], sizes[1], sizes[2], alt)


def add_stat_tiles(slide: Any, spec: StatTilesSpec) -> list[Any]:
    """One editable rounded rectangle a tile, in the theme's colours: the number large in
    the accent colour with its unit, the label under it, the tile's own source last."""
    return [add_tile(slide, tile, spec) for tile in spec.tiles]


def add_tile(slide: Any, tile: StatTile, spec: StatTilesSpec) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import theme_color

    box = tile.box
    add_bar(slide, box)  # first: read after the title, behind nothing
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.x + BAR, box.y, box.w - BAR, box.h)
    stat = Stat(tile.value, tile.unit, tile.label, tile.qualifier, tile.source)
    top_line = "".join(t for t, _ in value_runs(stat)).strip()
    shape.name = f"Stat tile: {top_line}"
    shape._element.nvSpPr.cNvPr.set("descr", f"{tile.label}: {top_line}")
    plain_style(shape)
    shape.fill.solid()
    theme_color(shape.fill, "BACKGROUND_2")
    shape.line.fill.background()
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = PAD
    frame.margin_right = frame.margin_top = frame.margin_bottom = PAD
    first = frame.paragraphs[0]
    first.alignment = PP_ALIGN.LEFT
    for text, number in value_runs(stat):
        run = first.add_run()
        run.text = text
        run.font.size = Pt(spec.value_size if number else unit_size(spec.value_size))
        run.font.bold = True
        theme_color(run.font, "ACCENT_1")
    add_line(frame, tile.label, spec.label_size, "TEXT_1", space=LABEL_GAP)
    if tile.source:
        add_line(frame, tile.source, spec.source_size, "TEXT_1", italic=True)
    return shape


def add_line(frame: Any, text: str, size: float, color: str, space: float = 0.0,
             italic: bool = False) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import theme_color

    paragraph = frame.add_paragraph()
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.space_before = Pt(space)
    run = paragraph.add_run()
    run.text = clean(text)
    run.font.size = Pt(size)
    run.font.italic = italic or None
    theme_color(run.font, color, 0.25 if italic else 0.0)


def add_bar(slide: Any, box: Box) -> Any:
    """The accent bar along the tile's left edge, beside it (decorative)."""
    from pptx.enum.shapes import MSO_SHAPE

    from tall_teach.writers.pptx.draw import decorative
    from tall_teach.writers.pptx.richtext import theme_color

    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.x, box.y, BAR, box.h)
    bar.name = "Stat tile bar"
    plain_style(bar)
    bar.fill.solid()
    theme_color(bar.fill, "ACCENT_1")
    bar.line.fill.background()
    decorative(bar)
    return bar


def plain_style(shape: Any) -> None:
    """No theme shadow or style colours: everything on the shape is set here."""
    style = shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        shape._element.remove(style)


def stat_page(slide: Slide, ctx: PlanContext) -> Page | None:
    """The slide as tiles (beside its one visual, text-side left), or None: a list."""
    stats, visuals = slide_stats(slide.blocks, ctx) if slide.kind == "content" else ([], [])
    if not stats:
        return None
    if visuals:
        frames = ctx.template.layout("two_content").bodies
        if len(frames) < 2:
            return None
        spec = tiles_spec(stats, frames[0].box, ctx)
        if spec is None:
            return None
        tiles = Slot(spec, TextFrame(frames[0].box, (0, 0, 0, 0)))
        return Page("two_content", [tiles, visual_slot(visuals[0], frames[1].box, ctx)])
    frame = ctx.content_frame()
    spec = tiles_spec(stats, frame.box, ctx)
    return Page("title_only", [Slot(spec, TextFrame(frame.box, (0, 0, 0, 0)))]) if spec else None
