"""SVG figures: parsed by a hardened XML parser in whatever encoding, self-contained, drawable.

A byte search for '<!ENTITY' missed a UTF-16 file, whose expanded entity then reached the
handout. defusedxml lets expat decode the file (UTF-8, UTF-16 with or without a BOM,
Latin-1, ...) and refuses any DOCTYPE, entity or external reference while parsing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tall_teach.reader.diagnostics import Collector

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

MAX_SVG_BYTES = 10 * 1024 * 1024
MAX_SVG_ELEMENTS = 100_000
DEFAULT_SIZE = (300, 150)  # what a browser gives an SVG with neither size nor viewBox
_SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
              "in": 96.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-z]*)\s*$")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def svg_size(real: Path, relative: str, where: tuple[str, int], collector: Collector
             ) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of a safe, drawable SVG, or None with an error at `where`."""
    path, line = where
    data = real.read_bytes()
    if len(data) > MAX_SVG_BYTES:
        collector.error(path, line, f"SVG {relative} is over 10 MB: simplify or export it as PNG")
        return None
    root, problem = _parse(data)
    if root is None or problem:
        collector.error(path, line, f"SVG {relative} {problem}")
        return None
    if not str(root.tag).endswith("svg"):
        collector.error(path, line, f"{relative} is not an SVG image (its root is not <svg>)")
        return None
    problem = _svg_problem(root)
    if problem:
        collector.error(path, line, f"SVG {relative} {problem}")
        return None
    size = svg_dimensions(root)
    problem = _draw_problem(data, size)
    if problem:
        collector.error(path, line, f"SVG {relative} cannot be drawn ({problem}): export it "
                        "again as plain SVG or as PNG")
        return None
    return size


def _parse(data: bytes) -> tuple[ET.Element | None, str]:
    """The root element, or None and why; expat decodes the bytes by their declaration/BOM."""
    import xml.etree.ElementTree as ET

    import defusedxml
    import defusedxml.ElementTree as safe

    try:
        root = safe.fromstring(data, forbid_dtd=True, forbid_entities=True,
                               forbid_external=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden,
            defusedxml.ExternalReferenceForbidden):
        return None, ("declares entities or a DOCTYPE: save it as plain SVG without a "
                      "DOCTYPE")
    except (ET.ParseError, ValueError, LookupError) as exc:
        return None, f"is not well-formed XML ({exc}): export it again"
    count = sum(1 for _ in root.iter())
    if count > MAX_SVG_ELEMENTS:
        return None, (f"has {count} elements (over {MAX_SVG_ELEMENTS}): simplify it or "
                      "export it as PNG")
    return root, ""


def _svg_problem(root: ET.Element) -> str:
    """Why an SVG is not self-contained (external reference, script), or ''."""
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject"):
            return f"contains a <{tag}> element: remove it (only drawings are accepted)"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local == "href" and not _is_local_reference(value):
                return (f"refers to an external resource ({value[:60]!r}): embed or remove "
                        "it so the image is self-contained")
            if local.startswith("on"):
                return f"has an event handler attribute '{local}': remove it"
            if local == "style" and _external_css(value):
                return "loads an external resource from a style: remove the url(...)"
        if tag == "style" and _external_css(element.text or ""):
            return "loads an external resource from its <style>: remove the @import/url(...)"
    return ""


def _is_local_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or value.lower().startswith("data:")


def _external_css(css: str) -> bool:
    if "@import" in css.lower():
        return True
    return any(not _is_local_reference(url) for url in _CSS_URL.findall(css))


def svg_dimensions(root: ET.Element) -> tuple[int, int]:
    """The SVG's size: width/height, else the viewBox's proportions, else 300 × 150."""
    attrib = root.attrib
    width, height = _length(attrib.get("width", "")), _length(attrib.get("height", ""))
    if width and height:
        return width, height
    parts = attrib.get("viewBox", "").replace(",", " ").split()
    try:
        _x, _y, box_width, box_height = (float(p) for p in parts)
    except ValueError:
        return DEFAULT_SIZE
    if box_width <= 0 or box_height <= 0:
        return DEFAULT_SIZE
    if width:  # one side given: the other from the viewBox's proportions
        return width, max(1, round(width * box_height / box_width))
    if height:
        return max(1, round(height * box_width / box_height)), height
    return max(1, round(box_width)), max(1, round(box_height))


def _length(text: str) -> int:
    match = _LENGTH.match(text)
    if not match or match.group(2) not in _SVG_UNITS:
        return 0
    value = float(match.group(1)) * _SVG_UNITS[match.group(2)]
    return round(value) if 0 < value < 100_000 else 0


def _draw_problem(data: bytes, size: tuple[int, int]) -> str:
    """'' when cairosvg draws the SVG (small: this is a check, not the picture)."""
    from tall_teach.svgraster import svg_to_png

    scale = 64 / max(size)
    try:
        svg_to_png(data, max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
    except Exception as exc:  # cairosvg raises anything from a bad drawing: all are content
        return f"{type(exc).__name__}: {str(exc)[:80]}"
    return ""
