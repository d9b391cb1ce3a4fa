"""A theme's font files as subset WOFF data: URIs, so an HTML page carries its own fonts.

The slides are fitted with the theme's font metrics (Carlito for Calibri): a page
that fell back to another font would wrap differently. Subsetting to the page's
characters (plus Latin-1 and common punctuation, so small edits rarely re-subset)
keeps a page of four faces well under half a megabyte. HarfBuzz (the system library
WeasyPrint's Pango brings) subsets, fontTools (which comes with WeasyPrint) where it
cannot be opened; either subset is deterministic (no timestamps are recalculated).
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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


DROPPED = ("DSIG", "GSUB", "GPOS", "GDEF", "kern")  # no kerning, ligatures or signature
NAME_IDS = (1, 2)  # family and style names only

_NO_HINTING, _NOTDEF_OUTLINE = 0x1, 0x40  # hb_subset_flags_t
_UNICODE, _DROP_TABLE_TAG, _NAME_ID = 1, 3, 4  # hb_subset_sets_t
_DUPLICATE = 0  # hb_memory_mode_t


@functools.lru_cache(maxsize=1)
def _harfbuzz() -> Any:
    """(libharfbuzz, libharfbuzz-subset) through ctypes, or None where they cannot be
    opened (then fontTools subsets). HarfBuzz comes with WeasyPrint's system libraries
    (Pango). ctypes, not cffi: declaring the functions to cffi imported its C parser and
    parsed them on every build (35 ms), ctypes takes 3 ms."""
    import ctypes

    try:
        lib = ctypes.CDLL("libharfbuzz.so.0")
        sub = ctypes.CDLL("libharfbuzz-subset.so.0")
    except OSError:
        return None
    pointer, uint, uint32, enum = ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint32, ctypes.c_int
    declared = (  # (library, function, result, arguments), as hb.h and hb-subset.h have them
        (lib, "hb_blob_create", pointer, (ctypes.c_char_p, uint, enum, pointer, pointer)),
        (lib, "hb_blob_destroy", None, (pointer,)),
        (lib, "hb_blob_get_data", pointer, (pointer, ctypes.POINTER(uint))),
        (lib, "hb_face_create", pointer, (pointer, uint)),
        (lib, "hb_face_destroy", None, (pointer,)),
        (lib, "hb_face_reference_blob", pointer, (pointer,)),
        (lib, "hb_set_add", None, (pointer, uint32)),
        (lib, "hb_set_clear", None, (pointer,)),
        (lib, "hb_version_string", ctypes.c_char_p, ()),
        (sub, "hb_subset_input_create_or_fail", pointer, ()),
        (sub, "hb_subset_input_destroy", None, (pointer,)),
        (sub, "hb_subset_input_set_flags", None, (pointer, uint)),
        (sub, "hb_subset_input_set", pointer, (pointer, enum)),
        (sub, "hb_subset_or_fail", pointer, (pointer, pointer)),
    )
    try:
        for library, name, result, arguments in declared:
            function = getattr(library, name)
            function.restype, function.argtypes = result, arguments
    except AttributeError:  # a HarfBuzz without the subsetter's API
        return None
    return lib, sub


def subsetter_version() -> str:
    """What makes a kept subset: HarfBuzz's version, or fontTools' where HarfBuzz is missing."""
    hb = _harfbuzz()
    if hb is not None:
        return "harfbuzz " + hb[0].hb_version_string().decode("ascii")
    from fontTools import version

    return "fontTools " + version


def _tag(name: str) -> int:
    return int.from_bytes(name.ljust(4).encode("ascii"), "big")


def _hb_subset(hb: Any, data: bytes, chars: frozenset[str]) -> bytes | None:
    """The font `data` subset by HarfBuzz as `_subset` does with fontTools (an sfnt, not
    yet WOFF); None if HarfBuzz cannot subset it."""
    import ctypes

    lib, sub = hb
    blob = lib.hb_blob_create(data, len(data), _DUPLICATE, None, None)
    face = lib.hb_face_create(blob, 0)
    lib.hb_blob_destroy(blob)
    spec = sub.hb_subset_input_create_or_fail()
    try:
        if spec is None:
            return None
        sub.hb_subset_input_set_flags(spec, _NO_HINTING | _NOTDEF_OUTLINE)
        unicodes = sub.hb_subset_input_set(spec, _UNICODE)
        for char in sorted(chars):
            lib.hb_set_add(unicodes, ord(char))
        dropped = sub.hb_subset_input_set(spec, _DROP_TABLE_TAG)
        for name in DROPPED:
            lib.hb_set_add(dropped, _tag(name))
        names = sub.hb_subset_input_set(spec, _NAME_ID)
        lib.hb_set_clear(names)
        for name_id in NAME_IDS:
            lib.hb_set_add(names, name_id)
        subset = sub.hb_subset_or_fail(face, spec)
        if subset is None:
            return None
        out = lib.hb_face_reference_blob(subset)
        size = ctypes.c_uint(0)
        start = lib.hb_blob_get_data(out, ctypes.byref(size))
        result = ctypes.string_at(start, size.value) if start else b""
        lib.hb_blob_destroy(out)
        lib.hb_face_destroy(subset)
        return result
    finally:
        if spec is not None:
            sub.hb_subset_input_destroy(spec)
        lib.hb_face_destroy(face)


def woff(sfnt: bytes) -> bytes:
    """An sfnt font as WOFF 1.0: each table zlib-compressed where that makes it smaller,
    tables in tag order, no metadata (the WOFF specification, section 3-5)."""
    import struct
    import zlib

    flavor, count = struct.unpack(">IH", sfnt[:6])
    tables = sorted(struct.unpack(">4sIII", sfnt[12 + 16 * i: 28 + 16 * i]) for i in range(count))
    directory, blocks = [], []
    offset = 44 + 20 * count
    sfnt_size = 12 + 16 * count
    for tag, checksum, start, length in tables:
        data = sfnt[start: start + length]
        packed = zlib.compress(data, 9)
        stored = packed if len(packed) < length else data
        directory.append(struct.pack(">4sIIII", tag, offset, len(stored), length, checksum))
        stored += b"\0" * (-len(stored) % 4)
        blocks.append(stored)
        offset += len(stored)
        sfnt_size += length + (-length % 4)
    header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", flavor, offset, count, 0, sfnt_size,
                         1, 0, 0, 0, 0, 0, 0)
    return header + b"".join(directory) + b"".join(blocks)


@functools.lru_cache(maxsize=16)
def _subset(path: Path, stamp: float, chars: frozenset[str]) -> bytes:
    """Unhinted (browsers scale outlines smoothly; hinting is most of Carlito's bytes and
    of the time), without kerning or ligatures (the deck's text is measured with neither,
    so the page wraps where the deck does), as WOFF (zlib: five times faster than WOFF2's
    Brotli, for a few kilobytes more). HarfBuzz's subsetter (10 ms a face) where it can be
    opened, else fontTools' (0.1 s a face, and 0.1 s to import)."""
    hb = _harfbuzz()
    if hb is not None:
        subset = _hb_subset(hb, path.read_bytes(), chars)
        if subset is not None:
            return woff(subset)
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "timestamp seems very low"
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = list(NAME_IDS)
    options.drop_tables = [*options.drop_tables, *DROPPED]
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
    file's path, size and time, the characters, the versions of the subsetter and tall_teach):
    subsetting three faces is most of the HTML slides' time after a one-module edit, which
    seldom brings a new character."""
    stat = path.stat()
    if folder is None:
        return _subset(path, stat.st_mtime, chars)
    from tall_teach import __version__
    from tall_teach.cache import hash_text, write_entry

    key = hash_text(__version__, subsetter_version(), str(path), str(stat.st_size),
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
