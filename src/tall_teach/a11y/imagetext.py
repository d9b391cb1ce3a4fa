"""Is a picture an image of text? A cheap heuristic for WCAG 1.4.5 (images of text).

A page of text photographed or pasted as a picture is a plain background with several
horizontal bands of small dark marks: many ink/background changes along each row (the
letters), thin bands, blank rows between them. A diagram has a few words in shapes, a
chart has bars, a photograph has no plain background: none of them has three or more
such bands.
"""

from __future__ import annotations

import io

WIDTH = 600  # the picture is looked at this wide
MIN_LINES = 3  # lines of text before a picture counts as an image of text


def looks_like_text(blob: bytes) -> bool:
    """True when the picture is mostly lines of text on a plain background."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(blob))
        image.draft("L", (WIDTH, WIDTH))
        grey = image.convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return False
    if grey.width > WIDTH:
        grey = grey.resize((WIDTH, max(1, round(grey.height * WIDTH / grey.width))))
    width, height = grey.size
    histogram = grey.histogram()
    background = max(range(256), key=lambda v: sum(histogram[max(0, v - 8) : v + 9]))
    plain = sum(histogram[max(0, background - 24) : background + 25])
    if plain < 0.5 * width * height:
        return False  # a photograph or a filled shape: no plain page behind
    ink = grey.point([255 if abs(v - background) > 96 else 0 for v in range(256)]).tobytes()
    rows = [ink[y * width : (y + 1) * width] for y in range(height)]
    return _text_lines(rows, width) >= MIN_LINES


def _text_lines(rows: list[bytes], width: int) -> int:
    """Bands of inked rows that look like a line of letters (bytes: 255 ink, 0 not)."""
    lines = 0
    band: list[bytes] = []
    for row in [*rows, bytes(width)]:
        if row.count(255) >= 2:
            band.append(row)
            continue
        if band and _is_text_band(band, width):
            lines += 1
        band = []
    return lines


def _is_text_band(band: list[bytes], width: int) -> bool:
    if not 5 <= len(band) <= 120:
        return False
    ink = sum(row.count(255) for row in band) / (len(band) * width)
    changes = sum(row.count(b"\x00\xff") + row.count(b"\xff\x00") for row in band)
    return 0.02 <= ink <= 0.45 and changes / len(band) >= 12
