"""Slide blocks to template views: escaped HTML fragments and plain fields, nothing else.

The templates decide the markup around each view; every piece of course text has
already been escaped here (inlines through htmlkit.inline, plain strings by Jinja).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import ClassVar

from markupsafe import Markup

from tall_teach.htmlkit.inline import inlines_to_html
from tall_teach.htmlkit.svgchart import ChartStyle, chart_svg
from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Columns,
    Figure,
    Inline,
    Paragraph,
    Placeholder,
    Table,
    TakeHome,
    chart_emphasis,
    placeholder_caption,
    plain_text,
)
from tall_teach.transforms.citations import only_labels_its_citation


@dataclass(frozen=True, slots=True)
class SourceView:
    """A numbered short citation that links to its entry in the reference list."""

    number: int
    text: str

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


@dataclass(frozen=True, slots=True)
class ParagraphView:
    kind: ClassVar[str] = "paragraph"
    html: Markup


@dataclass(frozen=True, slots=True)
class ItemView:
    html: Markup
    children: tuple[ListView, ...]


@dataclass(frozen=True, slots=True)
class ListView:
    kind: ClassVar[str] = "list"
    ordered: bool
    start: int
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class CellView:
    html: Markup
    align: str


@dataclass(frozen=True, slots=True)
class TableView:
    kind: ClassVar[str] = "table"
    header: tuple[CellView, ...]
    rows: tuple[tuple[CellView, ...], ...]
    caption: Markup


@dataclass(frozen=True, slots=True)
class FigureView:
    kind: ClassVar[str] = "figure"
    src: str  # a data: URI
    alt: str
    caption: Markup
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PlaceholderView:
    """A figure slot as one compact line (its short caption, its source): the author's
    instructions are for the deck's notes, never the trainees' handout."""

    kind: ClassVar[str] = "placeholder"
    caption: str
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class ChartView:
    kind: ClassVar[str] = "chart"
    title: str
    svg: Markup
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class ColumnsView:
    kind: ClassVar[str] = "columns"
    columns: tuple[tuple[BlockView, ...], ...]


@dataclass(frozen=True, slots=True)
class TakeHomeView:
    kind: ClassVar[str] = "takehome"
    messages: tuple[Markup, ...]


BlockView = (
    ParagraphView | ListView | TableView | FigureView | PlaceholderView | ChartView
    | ColumnsView | TakeHomeView
)


@dataclass(frozen=True)
class BlockContext:
    """What block conversion needs from outside: numbering, figures, chart colours."""

    numbers: Mapping[str, int]
    short: Mapping[str, str]
    load_figure: Callable[[str], str]
    chart_style: ChartStyle
    inline_cites: bool  # outline layout: superscript numbers in the text; cards: footer only
    chart_width: int = 400  # drawing width of a chart; narrower inside columns
    slide_blocks: tuple[Block, ...] = ()  # the card's slide: its bold marks a compared category

    def cite_html(self, keys: tuple[str, ...]) -> str:
        if not self.inline_cites:
            return ""
        numbers = sorted({self.numbers[k] for k in keys if k in self.numbers})
        links = ",".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
        return f'<sup class="cite">{links}</sup>' if links else ""

    def html(self, inlines: tuple[Inline, ...]) -> Markup:
        return Markup(inlines_to_html(inlines, self.cite_html))

    def sources(self, keys: tuple[str, ...]) -> tuple[SourceView, ...]:
        """Numbered short citations, unknown keys skipped, each once, by number (Vancouver)."""
        seen: dict[int, SourceView] = {}
        for key in keys:
            number = self.numbers.get(key)
            if number is not None and number not in seen:
                seen[number] = SourceView(number, self.short[key])
        return tuple(seen[n] for n in sorted(seen))


def _list_view(block: BulletList, ctx: BlockContext) -> ListView:
    items = tuple(
        ItemView(ctx.html(item.inlines), tuple(_list_view(c, ctx) for c in item.children))
        for item in block.items
    )
    return ListView(block.ordered, block.start, items)


_NUMBER = re.compile(r"^[<>≤≥~±+-]?\s*\d[\d.,]*\s*(%|‰)?$")
_NO_VALUE = ("", "—", "–", "-", "NA", "n/a")


def column_aligns(block: Table) -> tuple[str, ...]:
    """The authored alignments; an unaligned column of numbers is right-aligned."""
    width = max([len(block.header), *(len(r) for r in block.rows)])
    aligns: list[str] = []
    for i in range(width):
        authored = block.aligns[i] if i < len(block.aligns) else ""
        cells = [plain_text(r[i]) for r in block.rows if i < len(r)]
        numbers = [c for c in cells if c not in _NO_VALUE]
        numeric = bool(numbers) and all(_NUMBER.match(c) for c in numbers)
        aligns.append(authored or ("right" if numeric else ""))
    return tuple(aligns)


def _table_view(block: Table, ctx: BlockContext) -> TableView:
    aligns = column_aligns(block)

    def cells(row: tuple[tuple[Inline, ...], ...]) -> tuple[CellView, ...]:
        return tuple(
            CellView(ctx.html(cell), aligns[i] if i < len(aligns) else "")
            for i, cell in enumerate(row)
        )

    return TableView(cells(block.header), tuple(cells(r) for r in block.rows),
                     ctx.html(block.caption))


def column_chart_width(full: int, columns: int) -> int:
    """A chart in one of n columns is drawn narrower so its text is not scaled down n times."""
    return max(200, round(full / max(1, columns)))


def block_view(block: Block, ctx: BlockContext, element_id: str) -> BlockView | None:
    """One block as a view; `element_id` keeps ids inside charts unique in the document."""
    match block:
        case Paragraph():
            if not ctx.inline_cites and only_labels_its_citation(block.inlines):
                return None  # "Source:" alone: the citation is in the card's footer
            return ParagraphView(ctx.html(block.inlines))
        case BulletList():
            return _list_view(block, ctx)
        case Table():
            return _table_view(block, ctx)
        case Figure():
            return FigureView(ctx.load_figure(block.path), block.alt, ctx.html(block.caption),
                              block.width, block.height)
        case Placeholder():
            return PlaceholderView(placeholder_caption(block), ctx.sources(block.citations))
        case Chart():
            style = replace(ctx.chart_style, emphasis=chart_emphasis(block, ctx.slide_blocks))
            svg = chart_svg(block, style, element_id, ctx.chart_width)
            return ChartView(block.title, Markup(svg), ctx.sources(block.citations))
        case Columns():
            narrow = replace(ctx, chart_width=column_chart_width(ctx.chart_width,
                                                                 len(block.columns)))
            return ColumnsView(tuple(
                block_views(col.blocks, narrow, f"{element_id}-c{i}")
                for i, col in enumerate(block.columns)
            ))
        case TakeHome():
            return TakeHomeView(tuple(ctx.html(m.inlines) for m in block.messages))
    return None  # an authored Question belongs to the quiz, as in the deck


def block_views(
    blocks: tuple[Block, ...], ctx: BlockContext, element_id: str
) -> tuple[BlockView, ...]:
    views = (block_view(b, ctx, f"{element_id}-b{i}") for i, b in enumerate(blocks))
    return tuple(v for v in views if v is not None)
