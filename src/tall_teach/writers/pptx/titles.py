"""Slide titles: the largest size that fits, never under the theme's `title_min`.

A content slide whose title needs more lines at `title_min` than the layout's
title placeholder holds gets a taller title box on that slide (its top stays),
up to MAX_TITLE_LINES lines; the body, headings and visuals below start as much
lower, and the body is fitted in what is left. A longer title is cut at a word
with an ellipsis (and a warning) rather than set smaller or let overflow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from tall_teach.errors import Diagnostic
from tall_teach.writers.pptx.context import PlanContext
from tall_teach.writers.pptx.fit import HEIGHT_SAFETY
from tall_teach.writers.pptx.template import EMU_PER_PT, TextFrame
from tall_teach.writers.pptx.text import Para, Run

MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 400  # far more than 3 lines hold at any title size: cut before measuring
CONTENT_KINDS = ("content", "two_content", "comparison", "title_only")
ELLIPSIS = "…"


def title_para(runs: Sequence[Run]) -> Para:
    """A title as measured: one paragraph, bold (the template's title style)."""
    return Para(tuple(replace(r, bold=True) for r in runs), 0, "none")


def title_floor(ctx: PlanContext, base: float) -> float:
    return min(ctx.size("title_min"), base)


def narrowest_title(ctx: PlanContext) -> TextFrame | None:
    """The narrowest title frame of the layouts a content slide may use."""
    frames = [g.title for k in CONTENT_KINDS if (g := ctx.template.layout(k)).title is not None]
    return min(frames, key=lambda f: f.inner_width_pt, default=None)


def lines_needed(runs: Sequence[Run], ctx: PlanContext) -> int:
    """0 when the title fits the layouts' own title box at `title_min` or larger; else the
    lines it takes at `title_min`, at most MAX_TITLE_LINES (a longer one is cut)."""
    frame = narrowest_title(ctx)
    if frame is None:
        return 0
    para = title_para(capped(tuple(runs)))
    base = ctx.size("title")
    floor = title_floor(ctx, base)
    if ctx.titles.largest_size([para], frame, base, floor, frame.inner_height_pt) is not None:
        return 0
    lines = ctx.measurer.line_count(para.runs, frame.inner_width_pt, floor)
    return min(lines, MAX_TITLE_LINES)


def title_drop(frame: TextFrame, lines: int, ctx: PlanContext) -> int:
    """EMU to add to a title frame so that `lines` lines at `title_min` fit it."""
    floor = title_floor(ctx, ctx.size("title"))
    pitch = ctx.measurer.line_pitch(floor, ctx.template.title_line_spacing)
    inner = math.ceil(lines * pitch / HEIGHT_SAFETY * EMU_PER_PT) + 1
    need = inner + frame.insets[1] + frame.insets[3]
    return max(0, need - frame.box.h)


def lowered(ctx: PlanContext, lines: int, warnings: list[Diagnostic] | None = None) -> PlanContext:
    """The context a slide with a `lines`-line title is planned in: content layouts with a
    taller title and everything under it lower (`warnings` collects apart when given)."""
    layouts = tuple(
        (kind, geometry.lowered(title_drop(geometry.title, lines, ctx)))
        if lines and kind in CONTENT_KINDS and geometry.title is not None
        else (kind, geometry)
        for kind, geometry in ctx.template.layouts
    )
    template = replace(ctx.template, layouts=layouts)
    return replace(ctx, template=template, warnings=ctx.warnings if warnings is None else warnings)


def fit_title(
    runs: tuple[Run, ...], keep: int, frame: TextFrame, base: float, ctx: PlanContext
) -> tuple[tuple[Run, ...], float, bool]:
    """The title, its size and whether it was cut: the largest size from `base` down to
    `title_min` that fits `frame`; else cut with an ellipsis to fit at `title_min`,
    keeping the last `keep` runs (a " (cont.)" or " (2)" suffix)."""
    floor = title_floor(ctx, base)
    short = capped(runs, keep)
    size = ctx.titles.largest_size([title_para(short)], frame, base, floor, frame.inner_height_pt)
    if size is not None and short == runs:
        return runs, size, False
    return ellipsized(short, keep, frame, floor, ctx), floor, True


def capped(runs: tuple[Run, ...], keep: int = 0) -> tuple[Run, ...]:
    """The title cut to MAX_TITLE_CHARS (keeping the last `keep` runs) before any measuring:
    trying every word cut of a 200 KB title took minutes, and 3 lines hold far less."""
    keep = min(max(keep, 0), len(runs))
    head, tail = runs[: len(runs) - keep], runs[len(runs) - keep :]
    kept: list[Run] = []
    total = 0
    for run in head:
        if total + len(run.text) > MAX_TITLE_CHARS:
            kept.append(replace(run, text=run.text[: MAX_TITLE_CHARS - total]))
            return (*kept, *tail)
        kept.append(run)
        total += len(run.text)
    return runs


def ellipsized(
    runs: tuple[Run, ...], keep: int, frame: TextFrame, size: float, ctx: PlanContext
) -> tuple[Run, ...]:
    """The longest start of the title, cut at a word and ended with "…", that fits."""
    keep = min(max(keep, 0), len(runs) - 1) if runs else 0
    head, tail = runs[: len(runs) - keep], runs[len(runs) - keep :]
    for candidate in cut_points(head):
        title = (*candidate, *tail)
        if ctx.titles.fits([title_para(title)], frame, size, size, frame.inner_height_pt):
            return title
    return (Run(ELLIPSIS), *tail)


def cut_points(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """Every start of `runs` that ends before a space, longest first, with "…" added."""
    found: list[tuple[Run, ...]] = []
    for i in range(len(runs) - 1, -1, -1):
        run = runs[i]
        if run.line_break:
            continue
        spaces = [j for j, ch in enumerate(run.text) if ch == " "]
        for j in reversed(spaces):
            cut = ended([*runs[:i], replace(run, text=run.text[:j])])
            if cut:
                found.append(cut)
    return found


def ended(runs: list[Run]) -> tuple[Run, ...]:
    """`runs` without trailing blanks, breaks or punctuation, ended with an ellipsis."""
    while runs and (runs[-1].line_break or not runs[-1].text.strip(" ,;:-–—")):
        runs.pop()
    if not runs:
        return ()
    last = runs[-1]
    runs[-1] = replace(last, text=last.text.rstrip(" ,;:-–—") + ELLIPSIS)
    return tuple(runs)
