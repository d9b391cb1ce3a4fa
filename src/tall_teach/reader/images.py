"""Image checks: a real, whole, reasonably sized picture; SVG only when self-contained."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from tall_teach.reader.diagnostics import Collector

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

MAX_PIXELS = 80_000_000
MAX_IMAGE_BYTES = 50 * 1024 * 1024
RASTER_FORMATS = ("PNG", "JPEG", "GIF")
_EXTENSIONS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",)}
_SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
              "in": 96.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*([a-z]*)\s*$")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def image_size(real: Path, relative: str, where: tuple[str, int], collector: Collector
               ) -> tuple[int, int] | None:
    """(width, height) in pixels, or None with an error recorded at `where`."""
    path, line = where
    try:
        size = real.stat().st_size
    except OSError as exc:
        collector.error(path, line, f"cannot read image {relative}: {exc.strerror}")
        return None
    if size > MAX_IMAGE_BYTES:
        collector.error(path, line, f"image {relative} is {size // 1_000_000} MB: "
                        "reduce it below 50 MB (export at screen resolution)")
        return None
    if real.suffix.lower() == ".svg":
        return _svg_size(real, relative, where, collector)
    return _raster_size(real, relative, where, collector)


def _raster_size(real: Path, relative: str, where: tuple[str, int], collector: Collector
                 ) -> tuple[int, int] | None:
    from PIL import Image, ImageFile, UnidentifiedImageError

    path, line = where
    # WeasyPrint sets this global to True when imported; a truncated file must still fail here.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(real, formats=RASTER_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    collector.error(
                        path, line,
                        f"image {relative} is {width}×{height} pixels, too large to use safely "
                        f"(over {MAX_PIXELS // 1_000_000} megapixels): reduce it",
                    )
                    return None
                image.load()
                kind = image.format or ""
    except Image.DecompressionBombError:
        collector.error(path, line, f"image {relative} has huge dimensions (a decompression "
                        "bomb?): reduce it to screen resolution")
        return None
    except UnidentifiedImageError:
        collector.error(path, line, f"{relative} is not a PNG, JPEG or GIF image (or is "
                        "damaged): export it again as PNG or JPEG, or use an SVG")
        return None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        collector.error(path, line, f"image {relative} is damaged or truncated ({exc}): "
                        "export it again")
        return None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    if real.suffix.lower() not in _EXTENSIONS.get(kind, ()):
        collector.warn(path, line, f"image {relative} is really a {kind} file: rename it "
                       f"to end in {_EXTENSIONS[kind][0]}")
    return width, height


def _svg_size(real: Path, relative: str, where: tuple[str, int], collector: Collector
              ) -> tuple[int, int] | None:
    import xml.etree.ElementTree as ET

    path, line = where
    data = real.read_bytes()
    head = data[:4096].lower()
    if b"<!entity" in data.lower() or (b"<!doctype" in head and b"[" in head):
        collector.error(path, line, f"SVG {relative} declares entities: save it as plain SVG "
                        "without a DOCTYPE")
        return None
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        collector.error(path, line, f"SVG {relative} is not well-formed XML ({exc}): "
                        "export it again")
        return None
    if not root.tag.endswith("svg"):
        collector.error(path, line, f"{relative} is not an SVG image (its root is not <svg>)")
        return None
    problem = _svg_problem(root)
    if problem:
        collector.error(path, line, f"SVG {relative} {problem}")
        return None
    return _svg_dimensions(root)


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


def _svg_dimensions(root: ET.Element) -> tuple[int, int]:
    attrib = root.attrib
    width, height = _length(attrib.get("width", "")), _length(attrib.get("height", ""))
    if width and height:
        return width, height
    parts = attrib.get("viewBox", "").replace(",", " ").split()
    try:
        _x, _y, box_width, box_height = (float(p) for p in parts)
    except ValueError:
        return 0, 0
    return max(round(box_width), 0), max(round(box_height), 0)


def _length(text: str) -> int:
    match = _LENGTH.match(text)
    if not match or match.group(2) not in _SVG_UNITS:
        return 0
    return round(float(match.group(1)) * _SVG_UNITS[match.group(2)])
