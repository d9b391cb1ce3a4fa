"""PowerPoint's Accessibility Checker rules, checked from a .pptx file.

What PowerPoint reports as errors and warnings, decided from the file alone: a title on
every slide and no two alike, the title first in reading order, alternative text on
every picture, chart, table and group, tables with a header row and no merged cells,
text against its background at WCAG 2.1 AA contrast, no pictures that are images of
text. Used by the test suite on every built deck; `python -m tall_teach.a11y.deck
deck.pptx` prints the problems.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.a11y.imagetext import looks_like_text
from tall_teach.a11y.ooxml import (
    NS,
    A,
    P,
    Palette,
    own_fill,
    runs_of,
    slide_background,
    text_style_chain,
)
from tall_teach.a11y.palette import contrast

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
TITLE_TYPES = ("title", "ctrTitle")


@dataclass(frozen=True)
class Problem:
    slide: int
    shape: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"slide {self.slide}, {self.shape}: {self.rule}: {self.message}"


def check_deck(path: Path) -> list[Problem]:
    """Every problem PowerPoint's Accessibility Checker would report, in slide order."""
    from pptx import Presentation

    deck = Presentation(str(path))
    problems: list[Problem] = []
    titles: dict[str, int] = {}
    for number, slide in enumerate(deck.slides, start=1):
        palette = Palette.of_master(slide.slide_layout.slide_master)
        problems += _title_rules(number, slide, titles)
        for shape in slide.shapes:
            problems += _shape_rules(number, shape)
        problems += _contrast(number, slide, palette)
    return problems


def _is_title(element: Any) -> bool:
    ph = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return ph is not None and ph.get("type") in TITLE_TYPES


def _decorative(element: Any) -> bool:
    flag = element.find(f".//{DECORATIVE}")
    return flag is not None and flag.get("val") in ("1", "true")


def _title_rules(number: int, slide: Any, titles: dict[str, int]) -> list[Problem]:
    shapes = [s for s in slide.shapes if not _decorative(s._element)]
    title = next((s for s in shapes if _is_title(s._element)), None)
    text = " ".join(title.text_frame.text.split()) if title is not None else ""
    if not text:
        return [Problem(number, "slide", "missing slide title", "no title with text")]
    problems = []
    if text.casefold() in titles:
        first = titles[text.casefold()]
        problems.append(
            Problem(number, title.name, "duplicate slide title", f"{text!r} is slide {first}'s")
        )
    titles.setdefault(text.casefold(), number)
    if shapes[0] is not title:
        problems.append(
            Problem(number, title.name, "reading order", f"{shapes[0].name!r} is read first")
        )
    return problems


def _shape_rules(number: int, shape: Any) -> list[Problem]:
    element = shape._element
    tag = element.tag
    if tag not in (f"{P}pic", f"{P}graphicFrame", f"{P}grpSp") or _decorative(element):
        return []
    problems = []
    c_nv_pr = element.find(f".//{P}cNvPr")
    if c_nv_pr is None or not (c_nv_pr.get("descr") or "").strip():
        problems.append(Problem(number, shape.name, "missing alternative text", "no description"))
    if getattr(shape, "has_table", False):
        problems += _table_rules(number, shape)
    if tag == f"{P}pic" and looks_like_text(shape.image.blob):
        problems.append(
            Problem(number, shape.name, "image of text", "the picture looks like text")
        )
    return problems


def _table_rules(number: int, shape: Any) -> list[Problem]:
    table = shape._element.find(f".//{A}tbl")
    problems = []
    props = table.find(f"{A}tblPr")
    if props is None or props.get("firstRow") not in ("1", "true"):
        problems.append(Problem(number, shape.name, "missing table header", "no header row"))
    merged = [
        tc
        for tc in table.iter(f"{A}tc")
        if any(tc.get(k) not in (None, "1", "0") for k in ("gridSpan", "rowSpan"))
        or tc.get("hMerge") or tc.get("vMerge")
    ]
    if merged:
        problems.append(Problem(number, shape.name, "merged cells", f"{len(merged)} cells"))
    rows = table.findall(f"{A}tr")
    if any(not "".join(t.text or "" for t in row.iter(f"{A}t")).strip() for row in rows):
        problems.append(Problem(number, shape.name, "blank table row", "a row with no text"))
    return problems


def _contrast(number: int, slide: Any, palette: Palette) -> list[Problem]:
    """Each run's colour against what is behind it (4.5:1, or 3:1 for large text)."""
    background = slide_background(slide, palette)
    problems = []
    filled: list[tuple[Any, str]] = []  # shapes with a fill, back to front
    for shape in slide.shapes:
        element = shape._element
        behind = own_fill(element, palette) or _under(shape, filled) or background
        bodies: list[tuple[Any, list[Any], str]] = []
        if element.find(f"{P}txBody") is not None:
            bodies.append((element.find(f"{P}txBody"), text_style_chain(element, slide), behind))
        for cell in element.iter(f"{A}tc"):
            body = cell.find(f"{A}txBody")
            if body is not None:
                bodies.append((body, [], own_fill(cell, palette) or behind))
        if getattr(shape, "has_chart", False):
            bodies += _chart_texts(shape.chart, palette, behind)
        for body, chain, back in bodies:
            problems += _low_contrast(number, shape.name, runs_of(body, chain, palette), back)
        colour = own_fill(element, palette)
        if colour and element.tag == f"{P}sp":
            filled.append((shape, colour))
    return problems


def _chart_texts(chart: Any, palette: Palette, behind: str) -> list[tuple[Any, list[Any], str]]:
    """A chart's text properties (titles, axes, labels, legend) as bodies with one run.

    Chart text has no runs of its own; the axis and legend styles carry the colour,
    so each style is checked as if it held a run of 'chart text'.
    """
    from lxml import etree

    space = chart._chartSpace
    fill = space.find(f"{{{NS['c']}}}spPr/{A}solidFill")
    back = palette.colour(fill) if fill is not None else behind
    bodies = []
    for props in space.iter(f"{A}defRPr", f"{A}rPr"):
        body = etree.Element(f"{A}txBody")
        paragraph = etree.SubElement(body, f"{A}p")
        run = etree.SubElement(paragraph, f"{A}r")
        run.append(copy.deepcopy(props))
        run[0].tag = f"{A}rPr"
        etree.SubElement(run, f"{A}t").text = "chart text"
        bodies.append((body, [], back))
    return bodies


def _low_contrast(number: int, name: str, runs: Any, back: str) -> list[Problem]:
    problems = []
    for run in runs:
        if run.colour is None:
            continue
        large = run.size >= 18 or (run.bold and run.size >= 14)
        least = 3.0 if large else 4.5
        ratio = contrast(run.colour, back)
        if ratio < least:
            problems.append(
                Problem(
                    number,
                    name,
                    "hard-to-read text contrast",
                    f"#{run.colour} on #{back} is {ratio:.2f}:1 (< {least:g}:1) "
                    f"for {run.text[:40]!r}",
                )
            )
    return problems


def _under(shape: Any, filled: list[tuple[Any, str]]) -> str | None:
    """The fill of the topmost earlier shape that holds this shape's centre."""
    if shape.left is None or shape.width is None:
        return None
    x, y = shape.left + shape.width // 2, shape.top + shape.height // 2
    for other, colour in reversed(filled):
        if other.left is None or other.width is None:
            continue
        inside_x = other.left <= x <= other.left + other.width
        if inside_x and other.top <= y <= other.top + other.height:
            return colour
    return None


def main(argv: list[str]) -> int:
    """Print the problems of each deck named; exit 1 if there is any."""
    found = 0
    for name in argv:
        for problem in check_deck(Path(name)):
            print(f"{name}: {problem}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
