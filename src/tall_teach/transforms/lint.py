"""Author-facing warnings on a read course: uncited numbers, missing alt text, dense slides."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tall_teach.a11y.content import content_problems
from tall_teach.errors import Diagnostic
from tall_teach.model import (
    BulletList,
    Chart,
    Columns,
    Course,
    Figure,
    Inline,
    ListItem,
    Paragraph,
    Placeholder,
    Slide,
    SourceRef,
    Table,
    TakeHome,
    plain_text,
)
from tall_teach.theme import Theme

# A stated number: digits standing alone (not part of CD7, NOTCH1, D28), optionally a percent.
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?:\s*%|(?![\w]))")


def lint_course(course: Course, theme: Theme) -> list[Diagnostic]:
    """Every warning for the course, in slide order."""
    max_lines = int(theme.get("lint.max_lines", 8))
    chars_per_line = int(theme.get("lint.chars_per_line", 52))
    found: list[Diagnostic] = []
    root = Path(course.root)
    for slide in course.slides():
        found += _uncited_numbers(slide)
        found += _figures_without_alt(slide)
        found += content_problems(_walk(slide.blocks), root)
        found += _too_dense(slide, max_lines, chars_per_line)
    return found


def _uncited_numbers(slide: Slide) -> list[Diagnostic]:
    if slide.kind != "content" or slide.citations:
        return []
    for text, source in _texts(slide.blocks):
        match = _NUMBER.search(text)
        if match:
            return [
                Diagnostic(
                    "warning",
                    source,
                    f"slide '{plain_text(slide.title)}' states {match.group().strip()!r} "
                    "with no citation: add [@key] to the line or to the slide title",
                )
            ]
    return []


def _figures_without_alt(slide: Slide) -> list[Diagnostic]:
    return [
        Diagnostic(
            "warning",
            block.source,
            f"image {block.path} has no alt text: write a description in ![...](...) "
            "so screen readers and the deck's accessibility check have one",
        )
        for block in _walk(slide.blocks)
        if isinstance(block, Figure) and not block.alt.strip()
    ]


def _too_dense(slide: Slide, max_lines: int, chars_per_line: int) -> list[Diagnostic]:
    if slide.kind != "content":
        return []
    lines = sum(_line_count(b, chars_per_line) for b in slide.blocks)
    if lines <= max_lines:
        return []
    return [
        Diagnostic(
            "warning",
            slide.source,
            f"slide '{plain_text(slide.title)}' holds about {lines} lines of text; the theme "
            f"fits {max_lines}: split it with a new ## slide or move detail to the notes",
        )
    ]


def _line_count(block: object, chars_per_line: int, depth: int = 0) -> int:
    width = max(20, chars_per_line - 4 * depth)
    if isinstance(block, Paragraph):
        return _wrapped(block.inlines, width)
    if isinstance(block, BulletList):
        return sum(_item_lines(item, chars_per_line, depth) for item in block.items)
    if isinstance(block, TakeHome):
        return sum(_wrapped(m.inlines, width - 4) for m in block.messages)
    if isinstance(block, Columns):
        half = max(20, chars_per_line // 2)
        return max((sum(_line_count(b, half) for b in c.blocks) for c in block.columns), default=0)
    return 0  # tables, charts, figures and placeholders are sized by the deck writer


def _item_lines(item: ListItem, chars_per_line: int, depth: int) -> int:
    width = max(20, chars_per_line - 4 * depth - 2)
    own = _wrapped(item.inlines, width)
    return own + sum(_line_count(child, chars_per_line, depth + 1) for child in item.children)


def _wrapped(inlines: tuple[Inline, ...], width: int) -> int:
    text = plain_text(inlines)
    return max(1, math.ceil(len(text) / width)) if text else 0


def _walk(blocks: Iterable[object]) -> Iterator[object]:
    for block in blocks:
        yield block
        if isinstance(block, Columns):
            for column in block.columns:
                yield from _walk(column.blocks)
        elif isinstance(block, Placeholder):
            yield from _walk(block.blocks)


def _texts(blocks: Iterable[object]) -> Iterator[tuple[str, SourceRef]]:
    """Visible text of the slide body with its source, for the number check."""
    for block in _walk(blocks):
        if isinstance(block, Paragraph):
            yield plain_text(block.inlines), block.source
        elif isinstance(block, BulletList):
            yield from _list_texts(block)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                yield " ".join(plain_text(c) for c in row), block.source
        elif isinstance(block, Chart):
            values = " ".join(f"{v:g}" for s in block.series for v in s.values)
            yield f"{block.title} {values}", block.source
        # Take-home messages summarise cited slides: they are not checked here.


def _list_texts(block: BulletList) -> Iterator[tuple[str, SourceRef]]:
    for item in block.items:
        yield plain_text(item.inlines), item.source
        for child in item.children:
            yield from _list_texts(child)
