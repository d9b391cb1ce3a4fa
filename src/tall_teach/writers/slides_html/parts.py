"""One planned slot (text, table, chart, picture, figure box) as an HTML fragment.

Every position and size comes from the deck plan (EMU -> pt: the page is the slide,
960 x 540 pt), so the HTML wraps and splits where the deck does. All course text is
escaped here; the template only places the fragments.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape
from pathlib import Path

from tall_teach.htmlkit.svgchart import FONT_SIZE, ChartStyle, chart_svg
from tall_teach.model import Chart, Series, SourceRef
from tall_teach.writers.pptx.measure import level_size
from tall_teach.writers.pptx.specs import (
    ChartSpec,
    FigureBoxSpec,
    PictureSpec,
    Slot,
    StatTilesSpec,
    TableSpec,
    TextBlock,
)
from tall_teach.writers.pptx.template import EMU_PER_PT, Box, LevelStyle, TextFrame
from tall_teach.writers.pptx.text import Para, Run
from tall_teach.writers.pptx.visuals import (
    CELL_PAD_X,
    CELL_PAD_Y,
    figure_caption,
    fit_picture,
)

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}
BULLETS = ("•", "–")  # the template's bullet characters, alternating by level
CHECK = "✓"


def pt(emu: int) -> str:
    """EMU as a CSS length in points, short and stable ("43.2pt")."""
    return f"{round(emu / EMU_PER_PT, 2):g}pt"


def box_style(box: Box, insets: Sequence[int] = (0, 0, 0, 0)) -> str:
    left, top, right, bottom = insets
    return (
        f"left:{pt(box.x)};top:{pt(box.y)};width:{pt(box.w)};height:{pt(box.h)};"
        f"padding:{pt(top)} {pt(right)} {pt(bottom)} {pt(left)}"
    )


def runs_html(runs: Sequence[Run]) -> str:
    """Styled runs; links only for the safe schemes the planner kept."""
    out: list[str] = []
    for run in runs:
        if run.line_break:
            out.append("<br>")
            continue
        text = escape(run.text, quote=False)
        if run.code:
            text = f"<code>{text}</code>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.url:
            text = f'<a href="{escape(run.url)}" rel="noopener noreferrer">{text}</a>'
        out.append(text)
    return "".join(out)


class TextStyle:
    """How paragraphs of one text block are sized and spaced (the deck's rules)."""

    def __init__(self, block: TextBlock, levels: Sequence[LevelStyle], line_height: float):
        self.block, self.levels, self.line_height = block, levels, line_height

    def style(self, para: Para, first: bool) -> str:
        level = self.levels[min(para.level, len(self.levels) - 1)]
        size = para.size or level_size(self.block.size, para.level, self.block.floor)
        before = para.space_before if para.space_before >= 0 else self.block.space_before
        if before < 0:
            before = level.space_before
        margin = level.margin if para.bullet != "none" else 0
        return (
            f"font-size:{size:g}pt;line-height:{self.line_height * level.line_spacing:.4g};"
            f"margin-top:{0 if first else before:g}pt;padding-left:{pt(margin)};"
            f"--hang:{pt(-level.indent if para.bullet != 'none' else 0)}"
        )


def paras_html(paras: Sequence[Para], style: TextStyle) -> str:
    """Paragraphs and (nested) lists as real <p>, <ul>, <ol> and <li> elements."""
    out: list[str] = []
    i = 0
    while i < len(paras):
        if paras[i].bullet == "none":
            out.append(f'<p style="{style.style(paras[i], i == 0)}">{runs_html(paras[i].runs)}</p>')
            i += 1
            continue
        j = i
        while j < len(paras) and paras[j].bullet != "none":
            j += 1
        out.append(list_html(paras[i:j], style, i == 0))
        i = j
    return "".join(out)


def list_html(items: Sequence[Para], style: TextStyle, first: bool) -> str:
    """Items at the shallowest level become <li>; deeper ones nest inside the last."""
    base = min(p.level for p in items)
    tag = "ol" if items[0].bullet == "number" else "ul"
    parts: list[str] = []
    open_item = False
    k = 0
    while k < len(items):
        para = items[k]
        if para.level > base:
            end = k
            while end < len(items) and items[end].level > base:
                end += 1
            nested = list_html(items[k:end], style, False)
            if open_item:  # the deck indents every level from the frame, not from its parent
                back = style.levels[min(base, len(style.levels) - 1)].margin
                nested = nested.replace(">", f' style="margin-left:-{pt(back)}">', 1)
            parts.append(nested if open_item else f"<li class=bare>{nested}</li>")
            k = end
            continue
        if open_item:
            parts.append("</li>")
        mark = marker(para)
        parts.append(
            f'<li style="{style.style(para, first and k == 0)}" data-mark="{escape(mark)}">'
            f"{runs_html(para.runs)}"
        )
        open_item = True
        k += 1
    if open_item:
        parts.append("</li>")
    return f"<{tag} class=level-{base}>{''.join(parts)}</{tag}>"


def marker(para: Para) -> str:
    if para.bullet == "number":
        return f"{para.number}."
    if para.bullet == "check":
        return CHECK
    return BULLETS[para.level % 2]


def text_slot(slot: Slot, block: TextBlock, levels: Sequence[LevelStyle], lh: float) -> str:
    role = "heading" if block.role == "heading" else block.role
    tag = "h3" if role == "heading" else "div"
    body = paras_html(block.paras, TextStyle(block, levels, lh))
    if tag == "h3":  # a comparison heading: one line of text, a real heading
        body = " ".join(runs_html(p.runs) for p in block.paras)
        size = block.paras[0].size if block.paras and block.paras[0].size else block.size
        return (
            f'<h3 class="slot heading" style="{box_style(slot.frame.box, slot.frame.insets)};'
            f'font-size:{size:g}pt">{body}</h3>'
        )
    return (
        f'<div class="slot text {role}" style="{box_style(slot.frame.box, slot.frame.insets)}">'
        f"{body}</div>"
    )


def table_slot(spec: TableSpec, box: Box) -> str:
    cols = "".join(f'<col style="width:{pt(w)}">' for w in spec.col_widths)
    pad = f"padding:{pt(CELL_PAD_Y)} {pt(CELL_PAD_X)}"
    rows = []
    for r, cells in enumerate([spec.header, *spec.rows]):
        tag = "th" if r == 0 else "td"
        scope = ' scope="col"' if r == 0 else ""
        aligns = [spec.aligns[c] if c < len(spec.aligns) else "left" for c in range(len(cells))]
        cells_html = "".join(
            f'<{tag}{scope} style="{pad};text-align:{aligns[c]}">{runs_html(runs)}</{tag}>'
            for c, runs in enumerate(cells)
        )
        height = spec.row_heights[r] if r < len(spec.row_heights) else 0
        rows.append(f'<tr style="height:{pt(height)}">{cells_html}</tr>')
    head, body = rows[0], "".join(rows[1:])
    caption = (
        f'<caption style="font-size:{spec.caption_size:g}pt">{escape(spec.caption)}</caption>'
        if spec.caption else ""
    )
    width = sum(spec.col_widths)
    return (
        f'<div class="slot table" style="{box_style(box)}">'
        f'<table style="width:{pt(width)};font-size:{spec.size:g}pt"'
        f' aria-label="{escape(spec.alt)}">'
        f"{caption}<colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody>"
        "</table></div>"
    )


def chart_slot(spec: ChartSpec, box: Box, style: ChartStyle, element_id: str) -> str:
    """The handout's SVG chart drawn at a width that gives its labels the deck's size."""
    chart = Chart(
        spec.kind, spec.title, spec.unit, spec.categories,
        tuple(Series(name, values) for name, values in spec.series), (), SourceRef(""),
    )
    width = max(200, round(box.w / EMU_PER_PT * FONT_SIZE / spec.size))
    title = (
        f'<p class="chart-title" style="font-size:{spec.size:g}pt">{escape(spec.title)}</p>'
        if spec.title else ""
    )
    return (
        f'<figure class="slot chart" style="{box_style(box)}">{title}'
        f'<div class="chart-box">'
        f'{chart_svg(chart, replace(style, emphasis=spec.emphasis), element_id, width)}</div>'
        "</figure>"
    )


ImageLoader = Callable[[str], tuple[str, tuple[int, int]]]


def picture_slot(spec: PictureSpec, box: Box, load: ImageLoader) -> str:
    uri, pixels = load(spec.path)
    pixels = spec.pixels if spec.pixels[0] else pixels
    where = fit_picture(pixels, Box(box.x, box.y, box.w, box.h - spec.caption_height))
    caption = ""
    if spec.caption:
        below = Box(box.x, where.bottom, box.w, spec.caption_height)
        caption = (
            f'<p class="slot caption" style="{box_style(below)};font-size:{spec.caption_size:g}pt">'
            f"{escape(spec.caption)}</p>"
        )
    return (
        f'<img class="slot picture" style="{box_style(where)}" src="{uri}"'
        f' alt="{escape(spec.alt)}">'
        f"{caption}"
    )


def figure_box_slot(spec: FigureBoxSpec, box: Box, source_label: str, lh: float) -> str:
    """The deck's figure slot: a framed empty area with its label, the caption line under
    it (the author's description is in the speaker notes, not on the slide)."""
    slot = Box(box.x, box.y, box.w, box.h - spec.caption_height)
    label = escape(f"{spec.label}: {spec.caption}".strip(": "))
    line = figure_caption(spec.caption, spec.source, spec.source_label or source_label)
    caption = ""
    if line:
        below = Box(box.x, slot.bottom, box.w, spec.caption_height)
        caption = (
            f'<p class="slot caption" style="{box_style(below)};font-size:{spec.size:g}pt">'
            f"{escape(line)}</p>"
        )
    return (
        f'<div class="slot figure-box" role="img" aria-label="{label}"'
        f' style="{box_style(slot)};font-size:{spec.size:g}pt;line-height:{lh:.4g}">'
        f'<p class="label">{escape(spec.label.upper())}</p></div>{caption}'
    )


def image_loader() -> ImageLoader:
    """An absolute image path -> (data: URI, pixel size); the HTML needs nothing beside it."""

    def load(path: str) -> tuple[str, tuple[int, int]]:
        file = Path(path)
        data = file.read_bytes()
        mime = IMAGE_TYPES.get(file.suffix.lower(), "application/octet-stream")
        size = (0, 0)
        if mime != "image/svg+xml":
            from PIL import Image

            with Image.open(file) as image:
                size = image.size
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", size or (1, 1)

    return load


def slot_html(slot: Slot, ctx: SlotContext) -> str:
    content, box = slot.content, slot.frame.box
    if isinstance(content, TextBlock):
        return text_slot(slot, content, ctx.levels, ctx.line_height)
    if isinstance(content, ChartSpec):
        ctx.charts += 1
        return chart_slot(content, box, ctx.chart_style, f"chart-{ctx.charts}")
    if isinstance(content, TableSpec):
        return table_slot(content, box)
    if isinstance(content, PictureSpec):
        return picture_slot(content, box, ctx.load_image)
    if isinstance(content, StatTilesSpec):
        return stat_tiles_html(content)
    return figure_box_slot(content, box, ctx.source_label, ctx.line_height)


def stat_tiles_html(spec: StatTilesSpec) -> str:
    """The deck's stat tiles: the number large with its unit, the label, the tile's source."""
    from tall_teach.writers.pptx.stats import BAR, Stat, unit_size, value_runs

    tiles = []
    small = unit_size(spec.value_size)
    for tile in spec.tiles:
        stat = Stat(tile.value, tile.unit, tile.label, tile.qualifier, tile.source)
        top = "".join(
            f'<span style="font-size:{spec.value_size if number else small:g}pt">'
            f"{escape(text)}</span>"
            for text, number in value_runs(stat)
        )
        source = (f'<p class="source" style="font-size:{spec.source_size:g}pt">'
                  f"{escape(tile.source)}</p>" if tile.source else "")
        tiles.append(
            f'<div class="slot stat-tile" style="{box_style(tile.box)};padding:0 16pt;'
            f'border-left-width:{pt(BAR)}">'
            f'<p class="value">{top}</p>'
            f'<p class="label" style="font-size:{spec.label_size:g}pt">{escape(tile.label)}</p>'
            f"{source}</div>"
        )
    return "".join(tiles)


class SlotContext:
    """What every slot of a deck shares: template levels, fonts' line height, styles."""

    def __init__(
        self,
        levels: Sequence[LevelStyle],
        line_height: float,
        chart_style: ChartStyle,
        source_label: str,
    ) -> None:
        self.levels, self.line_height = levels, line_height
        self.chart_style, self.source_label = chart_style, source_label
        self.load_image = image_loader()
        self.charts = 0


def frame_style(frame: TextFrame) -> str:
    return box_style(frame.box, frame.insets)


# The deck's progress strip on dividers (writers/pptx/draw.add_progress), in EMU.
PROGRESS_TOP, PROGRESS_H, PROGRESS_GAP = 457200, 54864, 91440


def progress_html(progress: tuple[int, int], width: int) -> str:
    """One segment per section across the top of a divider, this one taller and in the
    second accent, placed as the deck places it; read out as "Section n of N"."""
    current, total = progress
    if not total:
        return ""
    left = width // 12
    step = (width - 2 * left + PROGRESS_GAP) // total
    marks = []
    for n in range(1, total + 1):
        height = PROGRESS_H * (2 if n == current else 1)
        box = Box(left + (n - 1) * step, PROGRESS_TOP - height // 2, step - PROGRESS_GAP, height)
        here = " here" if n == current else ""
        marks.append(f'<span class="progress-mark{here}" style="{box_style(box)}"></span>')
    return (
        f'<div class="progress"><span class="visually-hidden">Section {current} of {total}'
        f'</span>{"".join(marks)}</div>'
    )
