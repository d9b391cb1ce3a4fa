"""Byte-stable packaging: fixed core properties and a re-zip with fixed entry times."""

from __future__ import annotations

import contextlib
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
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
    if blob in _STAMPED.get(stamp, ()):
        return blob
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    return _stamped_workbook(entries, stamp)


def _stamped_workbook(entries: dict[str, bytes], stamp: str) -> bytes:
    core = entries.get("docProps/core.xml")
    if core is not None:
        replacement = rb"\g<1>" + stamp.encode("ascii") + rb"\g<2>"
        entries["docProps/core.xml"] = _W3CDTF.sub(replacement, core)
    return write_zip(entries, _WORKBOOK_PARTS)


# Workbooks made inside `stamped_workbooks(stamp)`, by stamp: already as normalizing
# them gives
_STAMPED: dict[str, set[bytes]] = {}


class _WorkbookEntries:
    """What XlsxWriter's `Workbook.close` zips (in memory), kept as entries and zipped
    once, stamped, as `normalize_embedded_workbook` would have it: instead of deflating
    every part, then reading the zip back, inflating and deflating them again."""

    def __init__(self, target: Any, mode: str = "w", compression: int = zipfile.ZIP_DEFLATED,
                 **_: Any) -> None:
        self.target, self.compression = target, compression
        self.entries: dict[str, bytes] = {}
        if mode != "w" or not hasattr(target, "write"):
            raise _NotInMemory

    def writestr(self, info: Any, data: bytes | str) -> None:
        name = info.filename if isinstance(info, zipfile.ZipInfo) else str(info)
        self.entries[name] = data.encode("utf-8") if isinstance(data, str) else data

    def close(self) -> None:
        blob = _stamped_workbook(self.entries, self.stamp)
        _STAMPED.setdefault(self.stamp, set()).add(blob)
        self.target.write(blob)

    stamp = ""


class _NotInMemory(Exception):
    """XlsxWriter writing a file, not into memory: not what this stands in for."""


_STAMP: list[str] = []  # the stamp of the deck being drawn (`stamped_workbooks`)


@contextlib.contextmanager
def stamped_workbooks(stamp: str) -> Iterator[None]:
    """Around drawing a deck whose package is saved with `stamp`: the workbooks of its
    charts (`workbook_zipped_once`) are zipped once, stamped, and left as they are by
    `normalize_embedded_workbook`."""
    _STAMP.append(stamp)
    try:
        yield
    finally:
        _STAMP.pop()
        _STAMPED.pop(stamp, None)


@contextlib.contextmanager
def workbook_zipped_once() -> Iterator[None]:
    """Around python-pptx making a chart (and its workbook, with XlsxWriter imported):
    XlsxWriter's in-memory zip is `_WorkbookEntries`, inside `stamped_workbooks`. As
    before otherwise, or if XlsxWriter does not zip the way this knows (another version)."""
    import sys

    workbook = sys.modules.get("xlsxwriter.workbook")
    if not _STAMP or workbook is None or getattr(workbook, "ZipFile", None) is not zipfile.ZipFile:
        yield
        return
    stamp, original = _STAMP[-1], workbook.ZipFile

    def zip_file(target: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            entries = _WorkbookEntries(target, *args, **kwargs)
        except (_NotInMemory, TypeError):
            return original(target, *args, **kwargs)
        entries.stamp = stamp
        return entries

    workbook.ZipFile = zip_file
    try:
        yield
    finally:
        workbook.ZipFile = original


_MODE = 0o644 << 16
_WORKBOOK_PARTS: dict[bytes, tuple[bytes, int]] = {}  # deflated, for the next workbook


def write_zip(entries: dict[str, bytes], memo: dict[bytes, tuple[bytes, int]] | None = None
              ) -> bytes:
    """A zip whose bytes depend only on the entries: fixed times, modes and order (made
    directly, `zipped.zip_bytes`; with `memo`, entries deflated before are not again)."""
    from tall_teach.writers.pptx.zipped import zip_bytes

    made = zip_bytes(entry_order(entries), entries, FIXED_ZIP_TIME, _MODE, memo)
    return made if made is not None else zip_with_zipfile(entries)


def zip_with_zipfile(entries: dict[str, bytes]) -> bytes:
    """`write_zip` through `zipfile` (what `zip_bytes` makes the same bytes as)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in entry_order(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _MODE
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
