"""One authored slide into pages: which layout, what goes where, what continues.

Blocks are grouped into segments (a run of text, a take-home list, one visual,
a columns block). A text segment beside one chart, figure or placeholder makes
a two-content page; otherwise segments stack top to bottom in the content
area, text in the body placeholder, and what does not fit moves on to a
continuation page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import zip_longest

from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Columns,
    Figure,
    Paragraph,
    Placeholder,
    Question,
    Slide,
    Strong,
    Table,
    TakeHome,
)
from tall_teach.quizkit import option_letter
from tall_teach.writers.pptx.context import EMU_PER_INCH, GAP, PlanContext
from tall_teach.writers.pptx.specs import Slot, TextBlock
from tall_teach.writers.pptx.template import EMU_PER_PT, Box, TextFrame
from tall_teach.writers.pptx.text import Para, Run, inline_runs, text_paras
from tall_teach.writers.pptx.visuals import (
    chart_spec,
    figure_box_spec,
    picture_spec,
    table_height,
    table_pieces,
)

FLEX_MIN = {"Chart": 2.4, "Figure": 1.8, "Placeholder": 1.5}  # inches a visual needs at least


@dataclass
class Segment:
    kind: str  # text | visual | columns
    paras: tuple[Para, ...] = ()
    block: Block | None = None


@dataclass
class Page:
    kind: str
    slots: list[Slot] = field(default_factory=list)


def segments(blocks: tuple[Block, ...]) -> list[Segment]:
    """Consecutive text blocks merge; questions go to the quiz, not the slide."""
    found: list[Segment] = []
    pending: list[Paragraph | BulletList] = []

    def flush() -> None:
        if pending:
            paras = text_paras(pending)
            if paras:
                found.append(Segment("text", paras))
            pending.clear()

    for block in blocks:
        if isinstance(block, Paragraph | BulletList):
            pending.append(block)
            continue
        flush()
        if isinstance(block, TakeHome):
            checks = tuple(Para(inline_runs(m.inlines), 0, "check") for m in block.messages)
            found.append(Segment("text", checks))
        elif isinstance(block, Columns):
            found.append(Segment("columns", block=block))
        elif not isinstance(block, Question):
            found.append(Segment("visual", block=block))
    flush()
    if not found:  # a "Check yourself" slide: its questions are what the class sees
        found = [Segment("text", question_paras(b)) for b in blocks if isinstance(b, Question)]
    return found


def only_questions(blocks: tuple[Block, ...]) -> bool:
    """The slide shows nothing but authored questions: they are put on it (elsewhere the
    slide's content would answer them, so they stay in the quiz)."""
    return any(isinstance(b, Question) for b in blocks) and not segments(
        tuple(b for b in blocks if not isinstance(b, Question))
    )


def question_paras(question: Question) -> tuple[Para, ...]:
    """The stem, then the options lettered A, B, C…, without the answer."""
    stem = Para(inline_runs(question.stem), 0, "none")
    options = tuple(
        Para((Run(f"{option_letter(n)}. ", bold=True), *inline_runs(choice.inlines)), 0, "none")
        for n, choice in enumerate(question.choices)
    )
    return (stem, *options)


def compose_slide(slide: Slide, ctx: PlanContext) -> list[Page]:
    """Pages for one content slide, in order."""
    segs = segments(slide.blocks)
    if not segs:
        return [Page("title_only")]
    paired = pair_page(segs, ctx)
    if paired is not None:
        return [paired]
    pages: list[Page] = []
    run: list[Segment] = []
    for seg in segs:
        if seg.kind == "columns":
            pages += stacked_pages(run, ctx)
            run = []
            pages += columns_pages(seg.block, ctx)  # type: ignore[arg-type]
        else:
            run.append(seg)
    return pages + stacked_pages(run, ctx)


def pairable(seg: Segment) -> bool:
    return seg.kind == "text" or (
        seg.kind == "visual" and isinstance(seg.block, Chart | Figure | Placeholder)
    )


def pair_page(segs: list[Segment], ctx: PlanContext) -> Page | None:
    """Text beside a visual (or two visuals side by side) on a two-content slide."""
    if len(segs) != 2 or not all(pairable(s) for s in segs) or all(s.kind == "text" for s in segs):
        return None
    frames = ctx.template.layout("two_content").bodies
    if len(frames) < 2:
        return None
    slots: list[Slot] = []
    ordered = sorted(segs, key=lambda s: s.kind != "text")  # one convention: text left
    for seg, frame in zip(ordered, frames, strict=False):
        if seg.kind == "text":
            block = fit_whole(seg.paras, frame, ctx)
            if block is None:
                return None
            height = ctx.body.height(block.paras, frame, block.size, block.floor) * EMU_PER_PT
            height += frame.insets[1] + frame.insets[3]
            slots.append(Slot(block, frame.with_box(balanced(frame.box, math.ceil(height)))))
        else:
            slots.append(visual_slot(seg.block, frame.box, ctx))
    return Page("two_content", slots)


def fit_whole(paras: tuple[Para, ...], frame: TextFrame, ctx: PlanContext) -> TextBlock | None:
    base, floor = ctx.size("body"), ctx.size("body_min")
    size = ctx.body.largest_size(
        paras, frame, base, floor, frame.inner_height_pt, ctx.size("body_shrink")
    )
    return TextBlock(paras, size, floor) if size is not None else None


def visual_slot(block: Block | None, box: Box, ctx: PlanContext) -> Slot:
    """A chart, picture or figure box filling `box` (tables are planned by rows instead)."""
    if isinstance(block, Chart):
        content = chart_spec(block, ctx, box)
    elif isinstance(block, Figure):
        content = picture_spec(block, box, ctx)
    else:
        content = figure_box_spec(block, box, ctx)  # type: ignore[arg-type]
    return Slot(content, TextFrame(box, (0, 0, 0, 0)))


@dataclass
class _Item:
    """Something placed on a stacked page before its final position is known."""

    segment: Segment
    height: int  # EMU; for flexible visuals the least they need
    flexible: bool
    content: object = None


class _Stacker:
    """Stacks segments top to bottom in one frame, opening pages as they fill."""

    def __init__(self, frame: TextFrame, ctx: PlanContext) -> None:
        self.frame, self.ctx = frame, ctx
        self.pages: list[list[_Item]] = [[]]

    def used(self) -> int:
        items = self.pages[-1]
        return sum(i.height for i in items) + GAP * len(items)

    def room(self) -> int:
        return self.frame.box.h - self.used()

    def room_pt(self) -> float:
        """The room left for text, inside the frame's insets, in points."""
        return (self.room() - self.frame.insets[1] - self.frame.insets[3]) / EMU_PER_PT

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])

    def add_text(self, paras: tuple[Para, ...]) -> None:
        if any(i.segment.kind == "text" for i in self.pages[-1]):
            self.new_page()  # one body placeholder per page
        base, floor = self.ctx.size("body"), self.ctx.size("body_min")
        shrink, fitter = self.ctx.size("body_shrink"), self.ctx.body
        size = fitter.largest_size(paras, self.frame, base, floor, self.room_pt(), shrink)
        if size is None and self.pages[-1]:
            self.new_page()
            size = fitter.largest_size(paras, self.frame, base, floor, self.room_pt(), shrink)
        if size is not None:
            self._place_text(paras, size)
            return
        for piece in fitter.split(paras, self.frame, base, floor, self.frame.inner_height_pt):
            self.new_page()
            self._place_text(piece, base)

    def _place_text(self, paras: tuple[Para, ...], size: float) -> None:
        floor = self.ctx.size("body_min")
        height = self.ctx.body.height(paras, self.frame, size, floor) * EMU_PER_PT
        height += self.frame.insets[1] + self.frame.insets[3]
        block = TextBlock(paras, size, floor)
        self.pages[-1].append(_Item(Segment("text", paras), math.ceil(height), False, block))

    def add_visual(self, seg: Segment) -> None:
        if isinstance(seg.block, Table):
            self._add_table(seg)
            return
        least = int(FLEX_MIN[type(seg.block).__name__] * EMU_PER_INCH)
        if self.pages[-1] and self.room() < least:
            self.new_page()
        self.pages[-1].append(_Item(seg, least, True))

    def _add_table(self, seg: Segment) -> None:
        table: Table = seg.block  # type: ignore[assignment]
        box = self.frame.box
        pieces = table_pieces(table, box, self.room(), self.ctx)
        if self.pages[-1] and len(pieces[0].rows) < min(3, len(table.rows)):
            self.new_page()
            pieces = table_pieces(table, box, self.room(), self.ctx)
        for n, piece in enumerate(pieces):
            if n:
                self.new_page()
            self.pages[-1].append(_Item(seg, table_height(piece), False, piece))

    def layout(self) -> list[list[Slot]]:
        pages = [items for items in self.pages if items]
        return [self._layout_page(items, len(pages) == 1) for items in pages]

    def _layout_page(self, items: list[_Item], balance: bool) -> list[Slot]:
        """Fixed items keep their height; flexible visuals share what is left. A lone short
        text is `balance`d (not on continuations: their text starts where the first's does)."""
        box = self.frame.box
        flex = [i for i in items if i.flexible]
        fixed = sum(i.height for i in items if not i.flexible)
        spare = box.h - fixed - GAP * (len(items) - 1)
        share = spare // len(flex) if flex else 0
        slots, y = [], box.y
        for n, item in enumerate(items):
            last = n == len(items) - 1
            height = share if item.flexible else item.height
            if item.segment.kind == "text" and (last or len(items) == 1) and not flex:
                height = box.bottom - y  # a lone or last text keeps the rest of the frame
            here = Box(box.x, y, box.w, height)
            if balance and len(items) == 1 and not item.flexible:  # a short text or table
                here = balanced(box, item.height)
            if item.flexible:
                slots.append(visual_slot(item.segment.block, here, self.ctx))
            elif item.segment.kind == "text":
                slots.append(Slot(item.content, self.frame.with_box(here)))  # type: ignore[arg-type]
            else:
                slots.append(Slot(item.content, TextFrame(here, (0, 0, 0, 0))))  # type: ignore
            y += height + GAP
        return slots


BALANCE_BELOW = 0.6  # a text using less of its frame than this is set in the optical centre
OPTICAL = 0.4  # of the spare height goes above the text, the rest below


def balanced(frame: Box, height: int) -> Box:
    """Short text on a slide of its own: a box just its height, a little above the middle
    of the frame (not stuck under the title with the lower half of the slide empty)."""
    if height >= frame.h * BALANCE_BELOW:
        return frame
    top = frame.y + int((frame.h - height) * OPTICAL)
    return Box(frame.x, top, frame.w, frame.bottom - top - int((frame.h - height) * (1 - OPTICAL)))


def stack(segs: list[Segment], frame: TextFrame, ctx: PlanContext) -> list[list[Slot]]:
    stacker = _Stacker(frame, ctx)
    for seg in segs:
        if seg.kind == "text":
            stacker.add_text(seg.paras)
        elif seg.kind == "visual":
            stacker.add_visual(seg)
    return stacker.layout()


def stacked_pages(segs: list[Segment], ctx: PlanContext) -> list[Page]:
    pages = []
    for slots in stack(segs, ctx.content_frame(), ctx):
        has_text = any(isinstance(s.content, TextBlock) for s in slots)
        pages.append(Page("content" if has_text else "title_only", slots))
    return pages


def heading_of(blocks: tuple[Block, ...]) -> Paragraph | None:
    """A column that opens with a wholly bold paragraph has a heading (comparison layout)."""
    first = blocks[0] if blocks else None
    if (
        isinstance(first, Paragraph)
        and len(first.inlines) == 1
        and isinstance(first.inlines[0], Strong)
    ):
        return first
    return None


def columns_pages(columns: Columns, ctx: PlanContext) -> list[Page]:
    """Two columns side by side; a longer column continues on the next page."""
    cols = columns.columns
    if len(cols) != 2:
        ctx.warn(columns.source, f"{len(cols)} columns: slides show two; they follow one another")
        flat = [seg for col in cols for seg in segments(col.blocks)]
        return stacked_pages(flat, ctx)
    headings = [heading_of(c.blocks) for c in cols]
    kind = "comparison" if all(headings) else "two_content"
    geometry = ctx.template.layout(kind)
    if len(geometry.bodies) < 2:
        kind, geometry = "two_content", ctx.template.layout("two_content")
    per_column = []
    for col, heading, frame in zip(cols, headings, geometry.bodies, strict=False):
        blocks = col.blocks[1:] if kind == "comparison" and heading else col.blocks
        per_column.append(stack(segments(blocks), frame, ctx))
    head_slots = heading_slots(headings, geometry.headings, ctx) if kind == "comparison" else []
    pages = []
    for left, right in zip_longest(*per_column, fillvalue=[]):
        pages.append(Page(kind, [*head_slots, *left, *right]))
    return pages


def heading_slots(
    headings: list[Paragraph | None], frames: tuple[TextFrame, ...], ctx: PlanContext
) -> list[Slot]:
    slots = []
    for heading, frame in zip(headings, frames, strict=False):
        paras = text_paras([heading]) if heading else ()
        size = ctx.flat.largest_size(
            paras, frame, ctx.size("body"), ctx.size("body_min"), frame.inner_height_pt
        ) or ctx.size("body_min")
        slots.append(Slot(TextBlock(paras, size, ctx.size("body_min"), "heading"), frame))
    return slots
