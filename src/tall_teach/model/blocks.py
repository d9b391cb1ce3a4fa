"""Block content of a slide: everything the contract's block table lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from tall_teach.model.inline import Inline
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


Block = (
    Paragraph
    | BulletList
    | Table
    | Figure
    | Placeholder
    | Chart
    | Columns
    | TakeHome
    | Question
)
