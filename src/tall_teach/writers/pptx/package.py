"""Byte-stable packaging: fixed core properties and a re-zip with fixed entry times."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

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
    return deterministic_entries(entries, stamp)


def deterministic_entries(entries: dict[str, bytes], stamp: str) -> bytes:
    """A package's entries zipped so that the same content gives the same bytes."""
    for name, data in entries.items():
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            entries[name] = normalize_embedded_workbook(data, stamp)
    return write_zip(entries)


def saved_package(prs: Any, stamp: str) -> bytes:
    """`prs` saved with stable bytes: the entries python-pptx's `save` would zip, taken as
    they are and zipped once (saving, then unzipping and zipping again, compressed every
    part twice: a tenth of the deck's drawing). Through `save` if python-pptx's writer
    is not the one this was made for."""
    package = prs.part.package
    entries: dict[str, bytes] = {}
    try:
        _entries_writer()(entries, package._rels, tuple(package.iter_parts()))._write()
    except (ImportError, AttributeError, TypeError):
        out = io.BytesIO()
        prs.save(out)
        return deterministic_package(out.getvalue(), stamp)
    return deterministic_entries(entries, stamp)


@functools.cache
def _entries_writer() -> Any:
    """python-pptx's package writer (`PackageWriter._write`'s steps) into a dict."""
    from pptx.opc.serialized import PackageWriter

    class Entries:
        def __init__(self, entries: dict[str, bytes]) -> None:
            self.entries = entries

        def write(self, pack_uri: Any, blob: bytes) -> None:
            self.entries[pack_uri.membername] = blob

    class EntriesWriter(PackageWriter):  # type: ignore[misc]
        def _write(self) -> None:
            sink = Entries(self._pkg_file)
            self._write_content_types_stream(sink)
            self._write_pkg_rels(sink)
            self._write_parts(sink)

    return EntriesWriter
