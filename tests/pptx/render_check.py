"""Measure a deck's LibreOffice render against its template's own graphics.

The words come from the PDF (pdftotext -bbox, in points); the boxes from the .pptx
(python-pptx, EMU / 12700): the graphics a slide shows from its layout and master
(bands, logos, pictures; a shape covering most of the slide is a background), and
the slide's own frames (placeholders, captions, charts, tables). A word clashes with
a graphic it overlaps unless it is set in a frame lying wholly on that graphic (a
title on its band) or is the template's own text; a word outside every frame has run
past its box (a clipped footer, an overfull body); a word off the page is lost.
"""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EMU_PER_PT = 12700
BACKGROUND = 0.8  # as template.BACKGROUND
SLACK = 3.0  # points a word may stick out of its frame (renderers differ in glyph bounds)
TRIM = 0.15  # of a word box's height, off its top and bottom: pdftotext boxes span the font's
# bounding box (about 1.3 em), not the glyphs (ascender to descender, about 1 em)
WORD = re.compile(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<')


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Rect) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(w, 0) * max(h, 0) if w > 0 and h > 0 else 0.0

    def inside(self, other: Rect, slack: float = 0.0) -> bool:
        return (self.x0 >= other.x0 - slack and self.y0 >= other.y0 - slack
                and self.x1 <= other.x1 + slack and self.y1 <= other.y1 + slack)

    @property
    def area(self) -> float:
        return max(self.x1 - self.x0, 0) * max(self.y1 - self.y0, 0)


@dataclass(frozen=True)
class Finding:
    slide: int
    word: str
    what: str  # "overlaps a template graphic" | "outside its frame" | "off the page"


def words(pdf: Path) -> list[list[tuple[Rect, str]]]:
    """Per page, every word's box in points and its text."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages: list[list[tuple[Rect, str]]] = []
    for line in xml.splitlines():
        if "<page " in line:
            pages.append([])
        elif (match := WORD.search(line)) and pages:
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            trim = (y1 - y0) * TRIM
            pages[-1].append((Rect(x0, y0 + trim, x1, y1 - trim), match.group(5)))
    return pages


def _rect(shape: Any) -> Rect | None:
    """A shape's box in points; a rotated shape's bounding box."""
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
    w, h = shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
    turn = math.radians(_rotation(shape))
    if turn:
        cx, cy = x + w / 2, y + h / 2
        half_w = (abs(w * math.cos(turn)) + abs(h * math.sin(turn))) / 2
        half_h = (abs(w * math.sin(turn)) + abs(h * math.cos(turn))) / 2
        return Rect(cx - half_w, cy - half_h, cx + half_w, cy + half_h)
    return Rect(x, y, x + w, y + h)


def _rotation(shape: Any) -> float:
    """A shape's rotation in degrees; a placeholder without its own takes its layout's."""
    own = shape._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
    if own is None and shape.is_placeholder:
        base = getattr(shape, "_base_placeholder", None)
        return float(base.rotation) if base is not None else 0.0
    return float(getattr(shape, "rotation", 0.0) or 0.0)


def template_shapes(slide: Any, page: Rect) -> tuple[list[Rect], list[Rect]]:
    """The graphics a slide shows from its layout and master, and those of them that carry
    the template's own text (a slide number drawn as a text box)."""
    layout = slide.slide_layout
    owners = [] if slide._element.get("showMasterSp") == "0" else [layout]
    if owners and layout._element.get("showMasterSp") != "0":
        owners.append(layout.slide_master)
    graphics, texts = [], []
    for owner in owners:
        for shape in owner.shapes:
            if shape.is_placeholder or (box := _rect(shape)) is None:
                continue
            if box.overlap(page) >= BACKGROUND * page.area:
                continue
            graphics.append(box)
            if shape.has_text_frame and shape.text_frame.text.strip():
                texts.append(box)
    return graphics, texts


def frames(slide: Any) -> list[Rect]:
    """The slide's own shapes that hold text: placeholders, text boxes, charts, tables."""
    found = []
    for shape in slide.shapes:
        box = _rect(shape)
        if box is None:
            continue
        if shape.has_text_frame and not shape.text_frame.text.strip():
            continue
        found.append(box)
    return found


def check(pptx: Path, pdf: Path) -> tuple[list[Finding], int]:
    """Every finding on the rendered deck, and how many words were measured."""
    from pptx import Presentation

    prs = Presentation(str(pptx))
    page = Rect(0, 0, prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    pages = words(pdf)
    assert len(pages) == len(prs.slides), (len(pages), len(prs.slides))
    findings: list[Finding] = []
    counted = 0
    for number, (slide, found) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        graphics, own_text = template_shapes(slide, page)
        boxes = frames(slide)
        for word, text in found:
            counted += 1
            if not word.inside(page, 0.5):
                findings.append(Finding(number, text, "off the page"))
                continue
            if any(word.inside(t, SLACK) for t in own_text):
                continue  # the template's own text (a slide number in its circle)
            homes = [f for f in boxes if word.inside(f, SLACK)]
            if not homes:
                findings.append(Finding(number, text, "outside its frame"))
            for graphic in graphics:
                if word.overlap(graphic) < 0.2 * word.area:
                    continue
                if any(home.inside(graphic, SLACK) for home in homes):
                    continue  # set on the graphic on purpose (a title on its band)
                findings.append(Finding(number, text, "overlaps a template graphic"))
                break
    return findings, counted


def summary(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.what] = counts.get(finding.what, 0) + 1
    return counts
