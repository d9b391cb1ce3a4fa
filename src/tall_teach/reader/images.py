"""Image checks: a real, whole, reasonably sized picture; SVG only when self-contained."""

from __future__ import annotations

import warnings
from pathlib import Path

from tall_teach.reader.diagnostics import Collector

MAX_PIXELS = 80_000_000
MAX_IMAGE_BYTES = 50 * 1024 * 1024
RASTER_FORMATS = ("PNG", "JPEG", "GIF")
_EXTENSIONS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",)}


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
        from tall_teach.reader.svg import svg_size

        return svg_size(real, relative, where, collector)
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
