"""The deck plan as data: what goes on every slide, decided before anything is drawn."""

from __future__ import annotations

from dataclasses import dataclass

from tall_teach.errors import Diagnostic
from tall_teach.writers.pptx.template import Box, TextFrame
from tall_teach.writers.pptx.text import Para, Run


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs for one placeholder at base size `size` (nested levels step down)."""

    paras: tuple[Para, ...]
    size: float
    floor: float
    role: str = "body"  # body | subtitle | heading
    space_before: float = -1.0  # points between paragraphs; -1 keeps the template's


@dataclass(frozen=True)
class ChartSpec:
    kind: str  # bar | column | line | pie
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    alt: str
    size: float
    labels: str = "all"  # all | last (a line's right-hand ends) | none (a value axis instead)
    axis_step: float = 0.0  # a horizontal value axis's tick step and top; 0: the renderer's
    axis_max: float = 0.0
    emphasis: tuple[int, ...] = ()  # categories the slide's text sets in bold: the second accent


@dataclass(frozen=True)
class TableSpec:
    """A table piece; `row_heights` and `col_widths` in EMU, the header row first."""

    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    aligns: tuple[str, ...]
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]
    size: float
    alt: str
    caption: str = ""
    caption_height: int = 0
    caption_size: float = 18.0


@dataclass(frozen=True)
class PictureSpec:
    path: str  # absolute
    alt: str
    caption: str
    caption_size: float
    caption_height: int  # EMU reserved under the picture
    pixels: tuple[int, int] = (0, 0)  # the image's size; (0, 0) when unknown


@dataclass(frozen=True)
class FigureBoxSpec:
    """A figure slot: an empty picture placeholder (click to insert) in a light frame,
    a short caption and the source under it. `paras` are the author's instructions:
    they go to the speaker notes, never on the slide."""

    label: str
    paras: tuple[Para, ...]
    source: str
    size: float  # the caption's size
    caption: str = ""
    caption_height: int = 0  # EMU under the slot
    source_label: str = "Source"


@dataclass(frozen=True)
class StatTile:
    """One key number as the content writes it, and where its tile goes (EMU)."""

    value: str  # the number as written: "42.7", "30-35", "4/12"
    unit: str  # as written after it: "%", "months"; "" for none
    label: str
    source: str  # the item's own citation, short; "" when the slide's footer says it
    box: Box
    qualifier: str = ""  # "about", "less than", as written before the number


@dataclass(frozen=True)
class StatTilesSpec:
    """Editable stat tiles: one value size and one label size for all of them."""

    tiles: tuple[StatTile, ...]
    value_size: float
    label_size: float
    source_size: float
    alt: str


Content = TextBlock | ChartSpec | TableSpec | PictureSpec | FigureBoxSpec | StatTilesSpec


@dataclass(frozen=True)
class Slot:
    """Content and where it goes; text fills the placeholder `frame.idx`, the rest is drawn."""

    content: Content
    frame: TextFrame


@dataclass(frozen=True)
class SlidePlan:
    kind: str  # a slide kind of pptx.layouts: title, section, content, two_content, ...
    title: tuple[Run, ...]
    title_size: float
    slots: tuple[Slot, ...] = ()
    footer: str = ""
    footer_size: float = 12.0
    notes: tuple[Para, ...] = ()
    numbered: bool = True
    source_id: str = ""
    title_lines: int = 0  # lines at title_min the title box was made taller for; 0: the layout's
    title_box: Box | None = None  # the taller title box on this slide; None: the layout's
    title_tail: int = 0  # trailing title runs a cut keeps (" (cont.)", " (2)")
    progress: tuple[int, int] = (0, 0)  # a divider's place: (this section, of how many); 0: none
    footer_box: Box | None = None  # the footer clear of the template's graphics; None: the layout's
    number_box: Box | None = None  # the slide number likewise

    @property
    def title_text(self) -> str:
        return "".join(" " if r.line_break else r.text for r in self.title).strip()


@dataclass(frozen=True)
class CoreProps:
    title: str
    author: str
    subject: str
    keywords: str
    date: str  # ISO yyyy-mm-dd: created, modified and printed at 00:00 UTC
    language: str


@dataclass(frozen=True)
class DeckPlan:
    slides: tuple[SlidePlan, ...]
    properties: CoreProps
    warnings: tuple[Diagnostic, ...] = ()
