"""Author-facing warnings on a read course: uncited numbers, missing alt text, dense slides."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tall_teach.a11y.content import content_problems
from tall_teach.errors import Diagnostic, ThemeError
from tall_teach.model import (
    BulletList,
    Chart,
    Columns,
    Course,
    Figure,
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
    found: list[Diagnostic] = []
    root = Path(course.root)
    for slide in course.slides():
        found += _uncited_numbers(slide)
        found += _figures_without_alt(slide)
        found += content_problems(_walk(slide.blocks), root)
        found += _too_dense(slide, theme, max_lines)
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


# The density estimate, calibrated against LibreOffice's render of real decks
# (tools/calibrate_density.py; the figures are in docs/density.md). Text is wrapped
# word by word with the glyph advances of the theme's body font, at the deck's sizes
# (24 pt, nested levels 2 pt smaller down to 20 pt), in the default template's body
# box: 873.6 pt wide (420.6 pt for each of two columns) less the
# level's bullet margin. A theme may set lint.body_width_pt and lint.column_width_pt.
BODY_WIDTH_PT = 873.6
COLUMN_WIDTH_PT = 420.6
INSETS_PT = 0.0  # the default template's body boxes have no text insets
LEVEL_MARGINS_PT = (27.0, 58.5, 85.5, 112.5)  # the bullet's hanging indent per level
WIDTH_SAFETY = 1.006  # LibreOffice kerns (~0.5 % narrower than summed advances), fills to the edge
FALLBACK_EM = 0.5  # average advance of a character, in em, when the theme has no font file


def estimated_lines(slide: Slide, theme: Theme) -> int:
    """Lines of text the slide's body takes at the theme's body size (see docs/density.md)."""
    wrap = _Wrapper(theme)
    return sum(_block_lines(b, wrap, wrap.body_width) for b in slide.blocks)


def _too_dense(slide: Slide, theme: Theme, max_lines: int) -> list[Diagnostic]:
    if slide.kind != "content":
        return []
    lines = estimated_lines(slide, theme)
    if lines <= max_lines:
        return []
    if slide.blocks and all(isinstance(b, TakeHome) for b in slide.blocks):
        # the deck shares take-home messages out over "(cont.)" slides itself: telling the
        # author to split the one block every probe writer was asked for read as a
        # contradiction (ninth session's writers); a note says what the deck will do
        return [
            Diagnostic(
                "note",
                slide.source,
                f"take-home slide '{plain_text(slide.title)}' holds about {lines} lines of "
                f"text (the theme fits {max_lines}): the deck shares its messages out over "
                "more than one slide; fewer or shorter messages keep them on one",
            )
        ]
    return [
        Diagnostic(
            "warning",
            slide.source,
            f"slide '{plain_text(slide.title)}' holds about {lines} lines of text; the theme "
            f"fits {max_lines}: split it with a new ## slide or move detail to the notes",
        )
    ]


class _Wrapper:
    """Counts wrapped lines as the deck sets them: the theme's font, size and box width."""

    def __init__(self, theme: Theme) -> None:
        self.size = float(theme.get("pptx.sizes.body", 24))
        self.floor = float(theme.get("pptx.sizes.body_min", 18))
        self.body_width = float(theme.get("lint.body_width_pt", BODY_WIDTH_PT))
        self.column_width = float(theme.get("lint.column_width_pt", COLUMN_WIDTH_PT))
        self.advance = _advances(theme)

    def lines(self, text: str, level: int, box_width: float, bullet: bool = True,
              size: float = 0.0) -> int:
        """Lines `text` wraps into at `level` in a box `box_width` points wide."""
        if not text.strip():
            return 0
        size = size or max(self.floor, self.size - 2 * min(level, 2))
        margin = LEVEL_MARGINS_PT[min(level, len(LEVEL_MARGINS_PT) - 1)] if bullet else 0.0
        budget = max((box_width - INSETS_PT - margin) * WIDTH_SAFETY, size) / size  # in em
        space = self.advance(" ")
        count, used = 1, 0.0
        for word in text.split():
            width = sum(self.advance(c) for c in word)
            if used and used + space + width <= budget:
                used += space + width
                continue
            if used:
                count += 1
            extra, used = divmod(width, budget) if width > budget else (0, width)
            count += int(extra)
        return count


def _advances(theme: Theme) -> Callable[[str], float]:
    """A character's advance in em, from the theme's regular body font (Pillow)."""
    relative = theme.get("fonts.files.regular")
    try:
        path = theme.file(str(relative)) if relative else None
    except ThemeError:
        path = None
    if path is None:
        return lambda _char: FALLBACK_EM
    return _font_advances(str(path))


@functools.lru_cache(maxsize=4)
def _font_advances(path: str) -> Callable[[str], float]:
    from PIL import ImageFont

    font = ImageFont.truetype(path, 1000, layout_engine=ImageFont.Layout.BASIC)
    return functools.lru_cache(maxsize=4096)(lambda char: font.getlength(char) / 1000)


def _block_lines(block: object, wrap: _Wrapper, width: float, level: int = 0) -> int:
    if isinstance(block, Paragraph):
        return wrap.lines(plain_text(block.inlines), level, width, bullet=False)
    if isinstance(block, BulletList):
        return sum(_item_lines(item, wrap, width, level) for item in block.items)
    if isinstance(block, TakeHome):
        return sum(wrap.lines(plain_text(m.inlines), 0, width) for m in block.messages)
    if isinstance(block, Columns):
        return max((sum(_block_lines(b, wrap, wrap.column_width) for b in c.blocks)
                    for c in block.columns), default=0)
    return 0  # tables, charts, figures and placeholders are sized by the deck writer


def _item_lines(item: ListItem, wrap: _Wrapper, width: float, level: int) -> int:
    own = wrap.lines(plain_text(item.inlines), level, width)
    return own + sum(_block_lines(child, wrap, width, level + 1) for child in item.children)


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
