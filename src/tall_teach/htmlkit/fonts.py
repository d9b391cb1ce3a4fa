"""A theme's font files as subset WOFF data: URIs, so an HTML page carries its own fonts.

The slides are fitted with the theme's font metrics (Carlito for Calibri): a page
that fell back to another font would wrap differently. Subsetting to the page's
characters (plus Latin-1 and common punctuation, so small edits rarely re-subset)
keeps a page of four faces well under half a megabyte. fontTools comes with
WeasyPrint; the subset is deterministic (no timestamps are recalculated).
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Iterable
from pathlib import Path

FACES = (  # theme.yaml fonts.files key -> (font-weight, font-style)
    ("regular", "normal", "normal"),
    ("bold", "bold", "normal"),
    ("italic", "normal", "italic"),
    ("bold_italic", "bold", "italic"),
)
BASE_CHARS = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x100)]
    + list("–—‘’“”•…‰′″€→←↑↓≤≥±×÷✓\u2009\u202f")
)


@functools.lru_cache(maxsize=16)
def _subset(path: Path, stamp: float, chars: frozenset[str]) -> bytes:
    """Unhinted (browsers scale outlines smoothly; hinting is most of Carlito's bytes and
    of the time), without kerning or ligatures (the deck's text is measured with neither,
    so the page wraps where the deck does), as WOFF (zlib: five times faster than WOFF2's
    Brotli, for a few kilobytes more)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "timestamp seems very low"
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [1, 2]
    options.drop_tables = [*options.drop_tables, "DSIG", "GSUB", "GPOS", "GDEF", "kern"]
    options.notdef_outline = True
    font = TTFont(str(path), recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out, reorderTables=True)
    return out.getvalue()


def font_face_css(
    family: str, files: dict[str, Path], text: Iterable[str], faces: Iterable[str]
) -> str:
    """@font-face rules for the `faces` ("regular", "bold", ...) present in `files`, each
    subset to `text`; a face the page never uses is left out (it costs time and bytes)."""
    chars = frozenset(BASE_CHARS.union(*(set(t) for t in text)))
    wanted = set(faces)
    rules = []
    for key, weight, style in FACES:
        path = files.get(key)
        if path is None or key not in wanted:
            continue
        data = _subset(path, path.stat().st_mtime, chars)
        uri = "data:font/woff;base64," + base64.b64encode(data).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{family}';font-weight:{weight};font-style:{style};"
            f"src:url({uri}) format('woff')}}"
        )
    return "\n".join(rules)
