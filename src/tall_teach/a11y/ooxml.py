"""Effective colours and sizes of text in a .pptx, read as PowerPoint resolves them.

A colour is a literal (srgbClr), a theme slot (schemeClr through the master's clrMap)
or a system colour, each possibly lightened or darkened (lumMod/lumOff, tint, shade).
Text properties inherit run -> the shape's list style -> the layout's and master's
placeholder -> the master's text styles; a background is the shape's own fill, else a
filled shape under it, else the slide's, layout's or master's background.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NS = {
    "a": A[1:-1],
    "p": P[1:-1],
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
COLOUR_TAGS = (f"{A}srgbClr", f"{A}schemeClr", f"{A}sysClr", f"{A}prstClr")
PRESET = {"white": "FFFFFF", "black": "000000"}


@dataclass(frozen=True)
class Palette:
    """A master's theme colours, already mapped through its clrMap (bg1, tx1, ... too)."""

    slots: dict[str, str]

    @classmethod
    def of_master(cls, master: Any) -> Palette:
        from lxml import etree

        theme = etree.fromstring(master.part.part_related_by(THEME_REL).blob)
        slots: dict[str, str] = {}
        scheme = theme.find(".//a:clrScheme", NS)
        for slot in scheme if scheme is not None else []:
            value = slot[0] if len(slot) else None
            if value is not None:
                slots[etree.QName(slot).localname] = value.get("lastClr") or value.get("val")
        mapping = master._element.find(f"{P}clrMap")
        if mapping is not None:
            for alias, target in mapping.attrib.items():
                if target in slots:
                    slots[alias] = slots[target]
        return cls(slots)

    def colour(self, element: Any) -> str | None:
        """RRGGBB of a colour element (or of the first colour inside a fill), or None."""
        if element is None:
            return None
        if element.tag not in COLOUR_TAGS:
            element = next((c for c in element if c.tag in COLOUR_TAGS), None)
            if element is None:
                return None
        tag = element.tag
        if tag == f"{A}srgbClr":
            base = element.get("val")
        elif tag == f"{A}sysClr":
            base = element.get("lastClr") or "000000"
        elif tag == f"{A}prstClr":
            base = PRESET.get(element.get("val", ""), "000000")
        else:
            base = self.slots.get(element.get("val", ""))
        if not base:
            return None
        return transformed(base.upper(), element)


def transformed(base: str, element: Any) -> str:
    """Apply lumMod/lumOff (in HSL), tint (towards white) and shade (towards black)."""
    r, g, b = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for change in element:
        name = change.tag.rsplit("}", 1)[-1]
        amount = int(change.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * amount if name == "lumMod" else lum + amount
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
        elif name == "tint":
            r, g, b = (1 - (1 - c) * amount for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * amount for c in (r, g, b))
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def _placeholder(shape_element: Any) -> Any:
    return shape_element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")


def _matching(tree: Any, ph: Any) -> Any:
    """The layout's or master's placeholder a slide placeholder inherits from."""
    kind, idx = ph.get("type", "body"), ph.get("idx")
    found = None
    for shape in tree.iter(f"{P}sp"):
        other = _placeholder(shape)
        if other is None:
            continue
        if idx is not None and other.get("idx") == idx:
            return shape
        if found is None and other.get("type", "body") == kind:
            found = shape
    return found


def text_style_chain(shape_element: Any, slide: Any) -> list[Any]:
    """The list-style elements a shape's paragraphs inherit from, nearest first."""
    chain = [shape_element.find(f"{P}txBody/{A}lstStyle")]
    layout = slide.slide_layout
    master = layout.slide_master
    ph = _placeholder(shape_element)
    styles = master._element.find(f"{P}txStyles")
    if ph is not None:
        for tree in (layout._element, master._element):
            inherited = _matching(tree, ph)
            if inherited is not None:
                chain.append(inherited.find(f"{P}txBody/{A}lstStyle"))
        kind = ph.get("type", "body")
        name = "titleStyle" if kind in ("title", "ctrTitle") else "bodyStyle"
        if kind in ("dt", "ftr", "sldNum"):
            name = "otherStyle"
    else:
        name = "otherStyle"
    if styles is not None:
        chain.append(styles.find(f"{P}{name}"))
    return [c for c in chain if c is not None]


@dataclass(frozen=True)
class TextRun:
    text: str
    colour: str | None
    size: float  # points
    bold: bool


def runs_of(body: Any, chain: list[Any], palette: Palette) -> Iterator[TextRun]:
    """Every run with visible text in a txBody, with its inherited colour, size and weight."""
    for paragraph in body.iter(f"{A}p"):
        ppr = paragraph.find(f"{A}pPr")
        level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
        defaults = [s.find(f"{A}lvl{level}pPr/{A}defRPr") for s in chain]
        for run in paragraph.iter(f"{A}r", f"{A}fld"):
            text = "".join(t.text or "" for t in run.iter(f"{A}t"))
            if not text.strip():
                continue
            rpr = run.find(f"{A}rPr")
            props = [rpr, *defaults]
            yield TextRun(
                text.strip(),
                _first_colour(props, palette),
                int(_first_attr(props, "sz") or 1800) / 100,
                _first_attr(props, "b") in ("1", "true"),
            )


def _first_attr(props: list[Any], name: str) -> str | None:
    return next((p.get(name) for p in props if p is not None and p.get(name)), None)


def _first_colour(props: list[Any], palette: Palette) -> str | None:
    for prop in props:
        if prop is None:
            continue
        fill = prop.find(f"{A}solidFill")
        if fill is not None:
            return palette.colour(fill)
    return palette.slots.get("tx1")


def own_fill(element: Any, palette: Palette) -> str | None:
    """A shape's or table cell's own solid fill."""
    for path in (f"{P}spPr/{A}solidFill", f"{A}tcPr/{A}solidFill"):
        fill = element.find(path)
        if fill is not None:
            return palette.colour(fill)
    return None


def slide_background(slide: Any, palette: Palette) -> str:
    """The first background found on the slide, its layout, its master (white if none)."""
    layout = slide.slide_layout
    for part in (slide, layout, layout.slide_master):
        bg = part._element.find(f"{P}cSld/{P}bg")
        if bg is None:
            continue
        fill = bg.find(f"{P}bgPr/{A}solidFill")
        colour = palette.colour(fill if fill is not None else bg.find(f"{P}bgRef"))
        if colour:
            return colour
    return palette.slots.get("bg1", "FFFFFF")
