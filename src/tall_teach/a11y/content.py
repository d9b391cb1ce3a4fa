"""Accessibility problems the content itself causes, reported at the author's file:line.

Missing alt text is reported by transforms.lint; here: alt text that says nothing (the
file name, "image"), pictures that are images of text, tables without a header row.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tall_teach.a11y.imagetext import looks_like_text
from tall_teach.errors import Diagnostic
from tall_teach.model import Figure, Table, plain_text

EMPTY_ALT = {"image", "picture", "figure", "photo", "graphic", "diagram", "img", "chart"}


def content_problems(blocks: Iterable[object], root: Path) -> list[Diagnostic]:
    """Warnings for the figures and tables among a slide's blocks (nested ones included)."""
    found: list[Diagnostic] = []
    for block in blocks:
        if isinstance(block, Figure):
            found += _figure_problems(block, root)
        elif isinstance(block, Table) and not any(
            plain_text(cell).strip() for cell in block.header
        ):
            found.append(
                Diagnostic(
                    "warning",
                    block.source,
                    "table has no header row (its first row is empty): write the "
                    "column names in the first row, so screen readers can announce them",
                )
            )
    return found


def _figure_problems(figure: Figure, root: Path) -> list[Diagnostic]:
    found = []
    alt = figure.alt.strip()
    name = Path(figure.path).name
    if alt and (alt.casefold() in EMPTY_ALT or alt in (name, Path(name).stem, figure.path)):
        found.append(
            Diagnostic(
                "warning",
                figure.source,
                f"image {figure.path} has alt text {alt!r}, which says nothing about it: "
                "describe what the picture shows",
            )
        )
    try:
        blob = (root / figure.path).read_bytes()
    except OSError:
        return found  # the reader has already said what is wrong with the file
    if looks_like_text(blob):
        found.append(
            Diagnostic(
                "warning",
                figure.source,
                f"image {figure.path} looks like an image of text: write the text on the "
                "slide (or as a table) so it can be read aloud, resized and translated",
            )
        )
    return found
