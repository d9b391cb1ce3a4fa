"""An SVG drawn to PNG with cairosvg, fetching nothing: the deck's picture of an SVG figure.

PowerPoint before 2016 and LibreOffice show only a bitmap, so the deck carries a PNG drawn
at the size the figure is placed (at twice screen resolution) and the SVG beside it for
the applications that can use it. The reader draws each SVG once, small, so that one
cairosvg cannot draw is a content error at its line, not a failed deck.
"""

from __future__ import annotations

MAX_SIDE = 4096  # pixels: the longest side of any PNG drawn from an SVG


def svg_to_png(data: bytes, width: int, height: int) -> bytes:
    """The SVG scaled to width × height pixels (capped at MAX_SIDE), as PNG bytes.

    `unsafe=False`: cairosvg resolves no entities and fetches only data: URLs (the
    reader has refused every other reference already).
    """
    import cairosvg

    scale = min(1.0, MAX_SIDE / max(width, height, 1))
    out = cairosvg.svg2png(bytestring=data, output_width=max(1, round(width * scale)),
                           output_height=max(1, round(height * scale)), unsafe=False)
    assert isinstance(out, bytes)
    return out
