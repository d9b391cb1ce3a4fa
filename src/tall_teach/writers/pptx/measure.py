"""Text measurement with the theme's font files (Pillow), because python-pptx measures nothing.

Widths come from the real glyph advances (no kerning, so estimates err on the
wide side); lines wrap at spaces as PowerPoint and LibreOffice do, and a word
wider than the line is broken by characters. Heights use the font's line
height times the paragraph's line spacing, plus the space before each
paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tall_teach.writers.pptx.template import EMU_PER_PT, LevelStyle, TextFrame
from tall_teach.writers.pptx.text import Para, Run

REFERENCE_SIZE = 200  # fonts are loaded once at this size and widths scaled
WIDTH_SAFETY = 0.97  # use 97% of the line: renderers differ slightly in advances


def _style(run: Run) -> str:
    if run.bold and run.italic:
        return "bold_italic"
    if run.bold:
        return "bold"
    return "italic" if run.italic else "regular"


class Measurer:
    """Measures runs set in the theme fonts; one per deck, caches glyph widths."""

    def __init__(self, font_files: dict[str, Path], line_height: float = 1.2207) -> None:
        from PIL import ImageFont

        self._fonts: dict[str, Any] = {
            style: ImageFont.truetype(
                str(path), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC
            )
            for style, path in font_files.items()
        }
        # Pillow's BASIC layout adds glyph advances, plus pair kerning from a 'kern' table:
        # without one, a text's width is the sum of its characters' (exactly: advances are
        # 1/64ths of a point), which are asked of FreeType once each (50 us a call).
        self._advances: dict[str, dict[str, float]] = {
            style: {} for style, path in font_files.items() if not _kerned(path)
        }
        self.line_height = line_height
        self._width = lru_cache(maxsize=65536)(self._reference_width)
        # Fitting measures the same paragraph many times (each size tried, each piece it
        # may join): lines are kept by (runs, width, size), as they depend on nothing else.
        self._lines = lru_cache(maxsize=65536)(self._line_count)

    def _reference_width(self, text: str, style: str) -> float:
        advances = self._advances.get(style)
        if advances is None:
            return float(self._fonts[style].getlength(text))
        total = 0.0
        for char in text:
            advance = advances.get(char)
            if advance is None:
                advance = advances[char] = float(self._fonts[style].getlength(char))
            total += advance
        return total

    def width(self, text: str, size: float, style: str = "regular") -> float:
        """Advance width of `text` in points at `size` points."""
        return self._width(text, style) * size / REFERENCE_SIZE

    def words(self, runs: Sequence[Run]) -> list[list[tuple[str, str]]]:
        """Lines of words (forced breaks split lines); a word is styled fragments."""
        lines: list[list[tuple[str, str]]] = [[]]
        current: list[tuple[str, str]] = []
        for run in runs:
            if run.line_break:
                if current:
                    lines[-1].append(current)  # type: ignore[arg-type]
                current = []
                lines.append([])
                continue
            pieces = run.text.split(" ")
            for i, piece in enumerate(pieces):
                if i > 0 and current:
                    lines[-1].append(current)  # type: ignore[arg-type]
                    current = []
                if piece:
                    current.append((piece, _style(run)))
        if current:
            lines[-1].append(current)  # type: ignore[arg-type]
        return lines  # type: ignore[return-value]

    def line_count(self, runs: Sequence[Run], width_pt: float, size: float) -> int:
        """How many lines `runs` take when wrapped at `width_pt`."""
        return self._lines(tuple(runs), width_pt, size)  # type: ignore[no-any-return]

    def _line_count(self, runs: tuple[Run, ...], width_pt: float, size: float) -> int:
        budget = max(width_pt * WIDTH_SAFETY, 1.0)
        space = self.width(" ", size)
        total = 0
        for words in self.words(runs):
            total += self._wrap_words(words, budget, size, space)  # type: ignore[arg-type]
        return max(total, 1)

    def _wrap_words(
        self, words: list[list[tuple[str, str]]], budget: float, size: float, space: float
    ) -> int:
        lines, used = 1, 0.0
        for word in words:
            width = sum(self.width(text, size, style) for text, style in word)
            lines, used = place_word(lines, used, width, budget, space)
        return lines

    def widest_word(self, runs: Sequence[Run], size: float) -> float:
        widths = [
            sum(self.width(text, size, style) for text, style in word)
            for line in self.words(runs)
            for word in line  # type: ignore[union-attr]
        ]
        return max(widths, default=0.0)

    def natural_width(self, runs: Sequence[Run], size: float) -> float:
        """Width of the longest forced line, unwrapped."""
        space = self.width(" ", size)
        best = 0.0
        for line in self.words(runs):
            words = [sum(self.width(t, size, s) for t, s in word) for word in line]  # type: ignore
            best = max(best, sum(words) + space * max(len(words) - 1, 0))
        return best / WIDTH_SAFETY

    def line_pitch(self, size: float, spacing: float = 1.0) -> float:
        """Baseline-to-baseline distance in points."""
        return size * self.line_height * spacing


def _kerned(path: Path) -> bool:
    """Whether FreeType may kern pairs of the font (it has a 'kern' table), or it cannot be
    told (a collection, an unreadable or unknown file): then texts are measured whole."""
    import struct

    try:
        with open(path, "rb") as font:
            header = font.read(12)
            if len(header) < 12 or header[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return True
            count = struct.unpack(">H", header[4:6])[0]
            directory = font.read(16 * count)
    except OSError:
        return True
    if len(directory) < 16 * count:
        return True
    return any(directory[i:i + 4] == b"kern" for i in range(0, len(directory), 16))


def place_word(
    lines: int, used: float, width: float, budget: float, space: float
) -> tuple[int, float]:
    """One more word of `width` after a last line filled to `used`: (lines, last line's fill).

    Words are added one at a time, so a caller can follow a paragraph as it grows
    (`Fitter` cutting a long one) instead of measuring it again for every word.
    """
    if used and used + space + width <= budget:
        return lines, used + (space + width)
    if used:
        lines += 1
    if width > budget:  # a word longer than the line breaks by characters
        extra, fill = divmod(width, budget)
        return lines + int(extra), fill
    return lines, width


def level_size(base: float, level: int, floor: float) -> float:
    """Nested levels step down 2 pt each (two steps at most), never under the floor."""
    return max(floor, base - 2 * min(level, 2))


def text_width(frame: TextFrame, style: LevelStyle, para: Para) -> float:
    """The width a paragraph's lines wrap at: the frame minus insets and its margin."""
    margin = style.margin if para.bullet != "none" else 0
    return frame.inner_width_pt - margin / EMU_PER_PT


def paras_height(
    measurer: Measurer,
    paras: Iterable[Para],
    frame: TextFrame,
    levels: Sequence[LevelStyle],
    size: float,
    floor: float,
) -> float:
    """Height in points the paragraphs take in `frame` at base size `size`."""
    total = 0.0
    for i, para in enumerate(paras):
        style, width, para_size, pitch = para_setting(measurer, para, frame, levels, size, floor)
        runs = tuple(replace(r, bold=True) for r in para.runs) if style.bold else para.runs
        lines = measurer.line_count(runs, width, para_size)
        if i and para.space_before >= 0:
            total += para.space_before
        elif i:
            total += style.space_before + style.space_before_lines * para_size * 1.2
        total += lines * pitch
    return total


def para_setting(
    measurer: Measurer,
    para: Para,
    frame: TextFrame,
    levels: Sequence[LevelStyle],
    size: float,
    floor: float,
) -> tuple[LevelStyle, float, float, float]:
    """The level style, line width, font size and line pitch (points) of one paragraph, as
    `paras_height` sets it: a paragraph alone is its line count times the pitch."""
    style = levels[min(para.level, len(levels) - 1)]
    para_size = para.size or level_size(size, para.level, floor)
    return (style, text_width(frame, style, para), para_size,
            measurer.line_pitch(para_size, style.line_spacing))
