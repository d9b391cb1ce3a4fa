"""Fitting text into frames: shrink down to a floor, else split into balanced pieces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tall_teach.writers.pptx.measure import (
    WIDTH_SAFETY,
    Measurer,
    para_setting,
    paras_height,
    place_word,
)
from tall_teach.writers.pptx.template import LevelStyle, TextFrame
from tall_teach.writers.pptx.text import Para, Run

SIZE_STEP = 2.0
HEIGHT_SAFETY = 0.985  # renderers differ by a point or two in line placement


@dataclass(frozen=True)
class Fitter:
    """Measures paragraphs in frames with one template's outline levels."""

    measurer: Measurer
    levels: tuple[LevelStyle, ...]

    def height(self, paras: Sequence[Para], frame: TextFrame, size: float, floor: float) -> float:
        return paras_height(self.measurer, paras, frame, self.levels, size, floor)

    def fits(
        self, paras: Sequence[Para], frame: TextFrame, size: float, floor: float, room: float
    ) -> bool:
        return self.height(paras, frame, size, floor) <= room * HEIGHT_SAFETY

    def largest_size(
        self,
        paras: Sequence[Para],
        frame: TextFrame,
        base: float,
        floor: float,
        room: float,
        smallest: float = 0.0,
    ) -> float | None:
        """The largest size from `base` down to `smallest` (default `floor`, 2 pt steps)
        at which all fit; nested levels never go under `floor`."""
        for size in size_ladder(base, max(smallest, floor)):
            if self.fits(paras, frame, size, floor, room):
                return size
        return None

    def split(
        self, paras: Sequence[Para], frame: TextFrame, size: float, floor: float, room: float
    ) -> list[tuple[Para, ...]]:
        """Pieces that each fit `room` at `size`, balanced, parents kept with children."""
        units = self._units(paras, frame, size, floor, room)
        pieces = self._greedy(units, frame, size, floor, room)
        if len(pieces) > 1:
            total = self.height(units, frame, size, floor)
            balanced = self._greedy(
                units, frame, size, floor, min(room, total / len(pieces) * 1.15)
            )
            if len(balanced) == len(pieces):
                pieces = balanced
        return pieces

    def _units(
        self, paras: Sequence[Para], frame: TextFrame, size: float, floor: float, room: float
    ) -> list[Para]:
        """Paragraphs, with any that alone exceeds `room` cut into word chunks that fit."""
        units: list[Para] = []
        for para in paras:
            if self.fits([para], frame, size, floor, room):
                units.append(para)
            else:
                units.extend(self._cut(para, frame, size, floor, room))
        return units

    def _cut(
        self, para: Para, frame: TextFrame, size: float, floor: float, room: float
    ) -> list[Para]:
        """Word chunks of one plain run each, every chunk as long as fits `room`.

        The chunk is followed word by word (`place_word`, the arithmetic of
        `Measurer.line_count`): measuring it again for every word was quadratic in the
        paragraph's length (a 5 MB module of long paragraphs spent 40 s here)."""
        style, width_pt, para_size, pitch = para_setting(
            self.measurer, para, frame, self.levels, size, floor)
        face = "bold" if style.bold else "regular"  # a level the template sets bold
        budget = max(width_pt * WIDTH_SAFETY, 1.0)
        space = self.measurer.width(" ", para_size)
        limit = room * HEIGHT_SAFETY
        chunks: list[Para] = []
        current: list[str] = []
        lines, used = 1, 0.0
        for word in plain_words(para.runs):
            width = self.measurer.width(word, para_size, face)
            if current:
                grown = place_word(lines, used, width, budget, space)
                if grown[0] * pitch <= limit:
                    lines, used = grown
                    current.append(word)
                    continue
                chunks.append(replace(para, runs=(Run(" ".join(current)),)))
                current = []
            lines, used = place_word(1, 0.0, width, budget, space)
            current.append(word)
        if current:
            chunks.append(replace(para, runs=(Run(" ".join(current)),)))
        return [
            chunks[0],
            *(replace(c, bullet="none" if c.bullet != "none" else c.bullet) for c in chunks[1:]),
        ]

    def _greedy(
        self, units: Sequence[Para], frame: TextFrame, size: float, floor: float, room: float
    ) -> list[tuple[Para, ...]]:
        pieces: list[tuple[Para, ...]] = []
        current: list[Para] = []
        for para in units:
            if current and not self.fits([*current, para], frame, size, floor, room):
                cut = self._break_at(current, para, frame, size, floor, room)
                pieces.append(tuple(current[:cut]))
                current = current[cut:]
            current.append(para)
        if current:
            pieces.append(tuple(current))
        return pieces

    def _break_at(
        self,
        current: list[Para],
        following: Para,
        frame: TextFrame,
        size: float,
        floor: float,
        room: float,
    ) -> int:
        """Where to end a full piece: before its last top-level item when that item's
        children would spill over (and the piece stays at least half full), else at the end."""
        if following.level == 0:
            return len(current)
        for cut in range(len(current) - 1, 0, -1):
            if current[cut].level != 0:
                continue
            head, tail = current[:cut], [*current[cut:], following]
            if self.height(head, frame, size, floor) < room / 2:
                break
            if self.fits(tail, frame, size, floor, room):
                return cut
            break
        return len(current)


def plain_words(runs: Sequence[Run]) -> list[str]:
    return " ".join(r.text for r in runs if not r.line_break).split()


def size_ladder(base: float, floor: float) -> list[float]:
    sizes: list[float] = []
    size = base
    while size >= floor - 1e-6:
        sizes.append(round(size, 1))
        size -= SIZE_STEP
    if not sizes or sizes[-1] > floor:
        sizes.append(floor)
    return sizes
