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


def _stored_subset(path: Path, chars: frozenset[str], folder: Path | None,
                   used: set[str]) -> bytes:
    """`_subset`, kept in `folder` between builds under the hash of what makes it (the font
    file's path, size and time, the characters, the versions of fontTools and tall_teach):
    subsetting three faces is most of the HTML slides' time after a one-module edit, which
    seldom brings a new character."""
    stat = path.stat()
    if folder is None:
        return _subset(path, stat.st_mtime, chars)
    from fontTools import version as fonttools_version

    from tall_teach import __version__
    from tall_teach.cache import hash_text, write_entry

    key = hash_text(__version__, fonttools_version, str(path), str(stat.st_size),
                    str(stat.st_mtime_ns), "".join(sorted(chars)))
    used.add(key)
    stored = folder / f"{key}.woff"
    try:
        return stored.read_bytes()
    except OSError:
        pass
    data = _subset(path, stat.st_mtime, chars)
    folder.mkdir(parents=True, exist_ok=True)
    write_entry(stored, data)
    return data


def font_face_css(
    family: str, files: dict[str, Path], text: Iterable[str], faces: Iterable[str],
    cache_dir: Path | None = None,
) -> str:
    """@font-face rules for the `faces` ("regular", "bold", ...) present in `files`, each
    subset to `text`; a face the page never uses is left out (it costs time and bytes).
    With `cache_dir`, subsets are kept there between builds (and only this page's)."""
    chars = frozenset(BASE_CHARS.union(*(set(t) for t in text)))
    wanted = set(faces)
    rules = []
    used: set[str] = set()
    for key, weight, style in FACES:
        path = files.get(key)
        if path is None or key not in wanted:
            continue
        data = _stored_subset(path, chars, cache_dir, used)
        uri = "data:font/woff;base64," + base64.b64encode(data).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{family}';font-weight:{weight};font-style:{style};"
            f"src:url({uri}) format('woff')}}"
        )
    if cache_dir is not None and cache_dir.is_dir():
        from tall_teach.cache import stale_temporary

        for entry in cache_dir.iterdir():
            if (entry.suffix == ".woff" and entry.stem not in used) or stale_temporary(entry):
                entry.unlink(missing_ok=True)
    return "\n".join(rules)
