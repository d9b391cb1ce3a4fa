"""Block content of a slide: everything the contract's block table lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tall_teach.model.inline import Inline, plain_text
from tall_teach.model.source import SourceRef


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class ListItem:
    """One bullet: its own text and any nested lists below it (deeper levels)."""

    inlines: tuple[Inline, ...]
    children: tuple[BulletList, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    source: SourceRef
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A GFM pipe table. `aligns` holds "left", "center", "right" or "" per column."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[str, ...]
    source: SourceRef
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """An image. `path` is relative to the course folder and known to exist."""

    path: str
    alt: str
    caption: tuple[Inline, ...]
    source: SourceRef
    width: int = 0
    height: int = 0


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A framed "figure to insert" box: what figure belongs here and where it is from."""

    blocks: tuple[Block, ...]
    citations: tuple[str, ...]
    source: SourceRef


CAPTION_WORDS = 12  # a figure slot's caption at most; the rest of the description is for the author


def placeholder_caption(block: Placeholder) -> str:
    """The short caption a figure slot shows (deck and handout): the description's first
    sentence, without a trailing ", from <source>" (the source is shown beside it) and
    cut to a dozen words. The rest of the description is instructions for the author."""
    first = next((b for b in block.blocks if isinstance(b, Paragraph)), None)
    if first is None:
        items = next((b.items for b in block.blocks if isinstance(b, BulletList)), ())
        text = plain_text(items[0].inlines) if items else ""
    else:
        text = plain_text(first.inlines)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    text = re.sub(r"^(?:figure(?: to insert)?|placeholder)\s*:\s*", "", text, flags=re.I)
    text = text[:1].upper() + text[1:]
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", text, maxsplit=1)[0]
    sentence = re.split(r",\s+(?:from|as in|adapted from)\s", sentence, maxsplit=1)[0]
    words = sentence.rstrip(" .").split()
    if len(words) > CAPTION_WORDS:
        return " ".join(words[:CAPTION_WORDS]).rstrip(",;:") + "…"
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's data; each writer draws it natively (PPTX chart, SVG)."""

    type: str  # bar | column | line | pie
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    citations: tuple[str, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Column:
    blocks: tuple[Block, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Columns:
    columns: tuple[Column, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class QuizControls:
    """An author's say over one message's generated items: `{.noquiz}`,
    `distractors="a; b"` (used first, as written), `exclude="c; d"` (never offered)."""

    generate: bool = True
    distractors: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Message:
    """One take-home message. Its id is stable: authored `{#id}` or a slug of its text."""

    id: str
    inlines: tuple[Inline, ...]
    source: SourceRef
    controls: QuizControls = field(default_factory=QuizControls)


@dataclass(frozen=True, slots=True)
class TakeHome:
    messages: tuple[Message, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Choice:
    inlines: tuple[Inline, ...]
    correct: bool
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Question:
    """An authored `::: question` block; exported with the generated items."""

    id: str
    stem: tuple[Inline, ...]
    choices: tuple[Choice, ...]
    explanation: tuple[Inline, ...]
    source: SourceRef
    citations: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class LecturerNotes:
    """Notes for the lecturer only (`::: {.notes .lecturer}`): in the deck's speaker notes,
    never in the trainees' handout (preparation, author instructions)."""

    blocks: tuple[Block, ...]
    source: SourceRef


Block = (
    Paragraph
    | BulletList
    | Table
    | Figure
    | Placeholder
    | LecturerNotes
    | Chart
    | Columns
    | TakeHome
    | Question
)


def bold_terms(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """The bold spans of a slide's paragraphs and lists (nested items and columns too)."""
    from tall_teach.model.inline import strong_spans

    found: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found += strong_spans(block.inlines)
        elif isinstance(block, BulletList):
            for item in block.items:
                found += [*strong_spans(item.inlines), *bold_terms(item.children)]
        elif isinstance(block, Columns):
            for column in block.columns:
                found += bold_terms(column.blocks)
    return tuple(found)


def chart_emphasis(chart: Chart, blocks: tuple[Block, ...]) -> tuple[int, ...]:
    """The compared categories of a chart, as its slide says: the categories the slide's
    text writes in bold. Only for one series of bars, columns or pie slices, and never
    every category (then nothing would stand out)."""
    if chart.type == "line" or len(chart.series) != 1:
        return ()
    bold = {term.casefold() for term in bold_terms(blocks)}
    marked = tuple(n for n, c in enumerate(chart.categories) if c.strip().casefold() in bold)
    return marked if len(marked) < len(chart.categories) else ()
