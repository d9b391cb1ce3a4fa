"""WCAG 2.1 contrast of a theme's palette, checked when the theme loads.

The writers paint text in these colour pairs (handout, quiz page, printable quiz, deck);
a pair under the WCAG 2.1 AA ratio fails every output at once, so an institution's
theme is refused with the pair named, before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tall_teach.errors import ThemeError

TEXT = 4.5  # WCAG 2.1 AA 1.4.3, normal-size text
GRAPHICS = 3.0  # WCAG 2.1 AA 1.4.11, chart series and other meaningful graphics

# (foreground, background, least ratio, where the writers use the pair)
PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "background", TEXT, "body text"),
    ("text", "panel", TEXT, "text in panels and banded table rows"),
    ("muted", "background", TEXT, "captions, sources and footers"),
    ("muted", "panel", TEXT, "sources inside figure boxes"),
    ("primary", "background", TEXT, "headings and links"),
    ("primary", "panel", TEXT, "headings inside panels"),
    ("primary", "primary tint", TEXT, "the chosen quiz option"),
    ("accent", "background", TEXT, "numbers, reference marks, quiz verdicts"),
    ("accent", "panel", TEXT, "labels and numbers inside panels"),
    ("accent", "accent tint", TEXT, "the quiz's right-answer mark"),
    ("accent2", "background", TEXT, "the quiz's 'wrong' marks"),
    ("accent2", "panel", TEXT, "the quiz's 'incorrect' feedback"),
    ("accent2", "accent2 tint", TEXT, "the quiz's wrong-answer mark"),
    ("on_primary", "primary", TEXT, "section dividers, title slides, table headers"),
    ("on_primary", "accent", TEXT, "letters on the quiz's right answer, key badges"),
    ("on_primary", "accent2", TEXT, "letters on the quiz's wrong answer"),
    ("panel", "primary", TEXT, "subtitles on dark slides"),
    ("accent3", "background", GRAPHICS, "chart series 3"),
    ("accent4", "background", GRAPHICS, "chart series 4"),
)
TINT = 0.1  # the quiz page's light tints: 10 % of the colour, the rest white
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.1 definition) of an RRGGBB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tint(hex_colour: str, amount: float = TINT) -> str:
    """The colour mixed with white: `amount` of the colour, the rest white."""
    channels = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * amount):02X}" for c in channels)


def _label(name: str) -> str:
    base, _, derived = name.partition(" ")
    return f"the {TINT:.0%} tint of colors.{base}" if derived == "tint" else f"colors.{base}"


def _colour(colours: Mapping[str, object], name: str) -> str | None:
    base, _, derived = name.partition(" ")
    match = _HEX.fullmatch(str(colours.get(base, "")))
    if match is None:
        return None  # missing or malformed: the writer that reads it says so
    value = match.group(1).upper()
    return tint(value) if derived == "tint" else value


def palette_problems(colours: Mapping[str, object]) -> list[str]:
    """One sentence per colour pair under its WCAG 2.1 AA ratio."""
    problems = []
    for fore, back, least, where in PAIRS:
        a, b = _colour(colours, fore), _colour(colours, back)
        if a is None or b is None:
            continue
        ratio = contrast(a, b)
        if ratio < least:
            problems.append(
                f"{_label(fore)} #{a} on {_label(back)} #{b} has a contrast of "
                f"{int(ratio * 100) / 100:.2f}:1, under the {least:g}:1 WCAG 2.1 AA asks "
                f"for {where}"
            )
    return problems


def check_palette(theme_name: str, colours: object) -> None:
    """Refuse a theme whose palette fails contrast, naming every failing pair."""
    if not isinstance(colours, Mapping):
        return
    problems = palette_problems(colours)
    if problems:
        listed = "; ".join(problems)
        raise ThemeError(
            f"theme {theme_name!r}: {listed} (make each pair further apart in lightness)"
        )
