"""The printable quiz (quiz/quiz.pdf) and its answer key (quiz/answer-key.pdf).

Both are Jinja templates of the theme (themes/<theme>/quiz/) rendered to PDF
through htmlkit, the same HTML-to-PDF path as the handout. The theme's fonts
are embedded as data: URIs (nothing is fetched) and the PDF dates come from the
course date, so the same course gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.errors import ThemeError
from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import (
    explanation_text,
    iso_date_or_default,
    items_by_module,
    key_option,
    option_letter,
    source_line,
)
from tall_teach.theme import Theme

FONT_FACES = (  # theme.yaml fonts.files key, font-weight, font-style
    ("regular", "normal", "normal"),
    ("bold", "bold", "normal"),
    ("italic", "normal", "italic"),
)
PALETTE = ("primary", "accent", "accent2", "text", "muted", "panel", "background", "on_primary")
DEFAULT_PALETTE = {
    "primary": "1F3A5F",
    "accent": "0E7382",
    "accent2": "B04732",
    "text": "1E2329",
    "muted": "5A6470",
    "panel": "F2F5F8",
    "background": "FFFFFF",
    "on_primary": "FFFFFF",  # letters on the accent badge (the palette check holds it to 4.5:1)
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class PrintOption:
    letter: str
    text: str


@dataclass(frozen=True, slots=True)
class PrintItem:
    """One item as the print templates need it: numbered, lettered, key and source resolved."""

    number: int
    id: str
    stem: str
    options: tuple[PrintOption, ...]
    key_letter: str
    key_text: str
    explanation: str
    source: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class PrintModule:
    title: str
    items: tuple[PrintItem, ...]


def print_item(number: int, item: QuizItem, course: Course) -> PrintItem:
    return PrintItem(
        number=number,
        id=item.id,
        stem=item.stem,
        options=tuple(PrintOption(option_letter(i), o.text) for i, o in enumerate(item.options)),
        key_letter=option_letter(item.key_index),
        key_text=key_option(item).text,
        explanation=explanation_text(item),
        source=source_line(item, course),
        numeric=item.numeric,
    )


def print_modules(course: Course) -> list[PrintModule]:
    """Items grouped by module, numbered 1..N through the whole quiz."""
    modules: list[PrintModule] = []
    number = 0
    for _module_id, title, items in items_by_module(course.items):
        numbered = []
        for item in items:
            number += 1
            numbered.append(print_item(number, item, course))
        modules.append(PrintModule(title, tuple(numbered)))
    return modules


def palette_css(theme: Theme) -> str:
    colours = {}
    for name in PALETTE:
        value = str(theme.get(f"colors.{name}", DEFAULT_PALETTE[name])).lstrip("#")
        colours[name] = value if _HEX.fullmatch(value) else DEFAULT_PALETTE[name]
    return ":root{" + "".join(f"--{k}:#{v};" for k, v in colours.items()) + "}\n"


def font_css(theme: Theme) -> tuple[str, list[Path]]:
    """@font-face rules for the theme's font files, and the folders WeasyPrint may read.

    The fonts are read through file: URLs limited to those folders (nothing else is
    fetched). Inlining them as base64 data: URIs made WeasyPrint's CSS tokenizer walk
    about 2.7 MB of text per PDF, four fifths of the quiz PDFs' time.
    """
    rules: list[str] = []
    folders: set[Path] = set()
    for key, weight, style in FONT_FACES:
        relative = theme.get(f"fonts.files.{key}")
        if not relative:
            continue
        try:
            path = theme.file(str(relative))
        except ThemeError:
            continue
        folders.add(path.parent)
        rules.append(
            "@font-face{font-family:'QuizBody';"
            f"src:url('{path.as_uri()}') format('truetype');"
            f"font-weight:{weight};font-style:{style}}}"
        )
    return "\n".join(rules) + "\n", sorted(folders)


def page_context(course: Course, theme: Theme, kind: str) -> dict[str, Any]:
    style = theme.file("quiz/print.css").read_text(encoding="utf-8")
    paper = "letter" if course.handout.paper == "letter" else "A4"
    modules = print_modules(course)
    return {
        "kind": kind,
        "language": course.language or "en",
        "title": course.title,
        "subtitle": course.subtitle,
        "authors": ", ".join(course.authors),
        "institution": course.institution,
        "date": iso_date_or_default(course.date),
        "modules": modules,
        "items": [item for module in modules for item in module.items],
        "paper": paper,
        "css": palette_css(theme) + style,
    }


def render_pdf(course: Course, theme: Theme, template: str, kind: str) -> bytes:
    from markupsafe import Markup

    from tall_teach.htmlkit.pdf import html_to_pdf
    from tall_teach.htmlkit.templates import render_template

    context = page_context(course, theme, kind)
    context["css"] = Markup(context["css"])
    html = render_template([root / "quiz" for root in theme.roots], template, **context)
    fonts, folders = font_css(theme)
    variant = str(theme.get("quiz.pdf_variant", "pdf/ua-1") or "") or None
    return html_to_pdf(html, pdf_variant=variant, stylesheets=[fonts], allowed_roots=folders)


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {
        "quiz/quiz.pdf": render_pdf(course, theme, "quiz-print.html.j2", "quiz"),
        "quiz/answer-key.pdf": render_pdf(course, theme, "answer-key.html.j2", "key"),
    }
