"""Reading a results CSV safely: text only, every problem an error naming file and line.

Cells are data and nothing else: never evaluated, never parsed as HTML. A cell that
looks like a spreadsheet formula (=, +, -, @ first) is refused where it is read as an
answer and matches no option (see match.py), since a tampered export is the usual
way such a cell arrives.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from tall_teach.errors import TallTeachError

MAX_BYTES = 50 * 1024 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ResultsError(TallTeachError):
    """A results file that cannot be used; the message starts with `path:line:`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path, self.line = str(path), line
        super().__init__(f"{path}:{line}: error: {message}")


@dataclass(frozen=True)
class Table:
    """A CSV file's header and its records, each with the file line it starts on."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and text.strip() not in ("-", "")


def read_table(path: Path) -> Table:
    """The file as a header and rows; empty, binary, ragged or broken files are errors."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResultsError(path, 0, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ResultsError(path, 0, f"the file is larger than {MAX_BYTES // 2**20} MB: "
                           "is it really a quiz results export?")
    text = _decode(path, data)
    if not text.strip():
        raise ResultsError(path, 1, "the file is empty: download the results report again")
    records = _records(path, text)
    header_line, header = records[0]
    header = tuple(h.strip() for h in header)
    if len(header) < 2 or not any(header):
        raise ResultsError(path, header_line, "this is not a CSV results export (the first "
                           "line should name the columns, separated by commas)")
    rows = []
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ResultsError(path, line, f"this row has {len(cells)} cells but the header "
                               f"names {len(header)} columns: the file is damaged or was "
                               "edited; download it again")
        rows.append((line, tuple(cells)))
    return Table(path, header, tuple(rows))


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ResultsError(path, 1, "this is a binary file, not a CSV export (a spreadsheet "
                           "saved as .xlsx? download the report as CSV)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResultsError(path, line, "the file is not UTF-8 text: download the report "
                           "as CSV (UTF-8) again") from None


def _records(path: Path, text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ResultsError(path, reader.line_num or start, f"broken CSV ({exc})") from None
    return records
