"""Helpers for reader tests: course files written on the fly, images made with Pillow."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from tall_teach.errors import ContentError, Diagnostic
from tall_teach.model import Course
from tall_teach.reader import read_course

MINIMAL_CONFIG = "title: A test course\nmodules:\n  - modules/one.md\n"
MINIMAL_MODULE = "## A slide\n\nSome text.\n"
REFERENCES = """references:
  - id: smith2020
    author: [{family: Smith, given: Ann}]
    title: A neutral example
    container-title: Example Journal
    issued: {date-parts: [[2020]]}
"""


def write_files(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write each file; None leaves a default file out."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink(missing_ok=True)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def errors_of(root: Path) -> list[Diagnostic]:
    """The errors read_course raises (the test fails if it raises none)."""
    with pytest.raises(ContentError) as caught:
        read_course(root)
    return caught.value.diagnostics


def read_ok(root: Path) -> tuple[Course, list[Diagnostic]]:
    return read_course(root)


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.source.path, d.source.line) for d in diagnostics if d.source]


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions (a decompression bomb) with almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
