"""Byte-stable packaging: fixed core properties and a re-zip with fixed entry times."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def entry_order(names: Iterable[str]) -> list[str]:
    """Content types and package rels first (readers expect them early), the rest sorted."""
    names = list(names)
    first = [n for n in _FIRST_ENTRIES if n in names]
    return first + sorted(n for n in names if n not in first)


def normalize_embedded_workbook(blob: bytes, stamp: str) -> bytes:
    """XlsxWriter dates an embedded chart workbook with the clock: pin it to `stamp`."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    core = entries.get("docProps/core.xml")
    if core is not None:
        replacement = rb"\g<1>" + stamp.encode("ascii") + rb"\g<2>"
        entries["docProps/core.xml"] = _W3CDTF.sub(replacement, core)
    return write_zip(entries)


def write_zip(entries: dict[str, bytes]) -> bytes:
    """A zip whose bytes depend only on the entries: fixed times, modes and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in entry_order(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, entries[name])
    return out.getvalue()


def deterministic_package(blob: bytes, stamp: str) -> bytes:
    """Re-zip a saved .pptx so two builds of the same content give the same bytes."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    for name, data in entries.items():
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            entries[name] = normalize_embedded_workbook(data, stamp)
    return write_zip(entries)
