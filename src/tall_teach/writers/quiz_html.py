"""The self-check quiz page (quiz/quiz.html): one offline file with inline CSS and JS.

Items travel as JSON inside `<script type="application/json">`, with `<`, `>`,
`&` and U+2028/9 escaped so no content can close the script element, and the
page script renders them with textContent only. A Content-Security-Policy
allows no network at all and only the page's own script and style (by hash),
so even a bug in escaping could not run injected code or load anything.
"""

from __future__ import annotations

import re
from typing import Any

from tall_teach.a11y.palette import tint
from tall_teach.htmlkit.inert import content_security_policy, script_json
from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import explanation_text, source_line, useful_feedback
from tall_teach.theme import Theme

DEFAULT_COLOURS = {
    "primary": "1F3A5F",
    "accent": "0E7382",
    "accent2": "B04732",
    "text": "1E2329",
    "muted": "5A6470",
    "background": "FFFFFF",
    "panel": "F2F5F8",
    "on_primary": "FFFFFF",
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def theme_colour(theme: Theme, name: str) -> str:
    """A theme colour as 6 hex digits; anything else falls back (no CSS injection via YAML)."""
    value = str(theme.get(f"colors.{name}", DEFAULT_COLOURS[name])).lstrip("#")
    return value.upper() if _HEX.fullmatch(value) else DEFAULT_COLOURS[name]


def colour_css(theme: Theme) -> str:
    """The theme's colours as CSS custom properties, plus the light tints the page uses."""
    colours = {name: theme_colour(theme, name) for name in DEFAULT_COLOURS}
    props = {
        "primary": colours["primary"],
        "accent": colours["accent"],
        "accent2": colours["accent2"],
        "text": colours["text"],
        "muted": colours["muted"],
        "bg": colours["background"],
        "panel": colours["panel"],
        "on-primary": colours["on_primary"],
        "border": tint(colours["muted"], 0.35),
        "primary-tint": tint(colours["primary"], 0.1),
        "accent-tint": tint(colours["accent"], 0.1),
        "accent2-tint": tint(colours["accent2"], 0.1),
    }
    body = "".join(f"--{name}:#{value};" for name, value in props.items())
    return f":root{{{body}}}\n"


def item_data(item: QuizItem, course: Course) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "module": item.module_title,
        "label": item.module_title if item.shows_module else "",
        "stem": item.stem,
        "options": [
            {"text": o.text, "correct": o.correct, "feedback": useful_feedback(item, o)}
            for o in item.options
        ],
        "explanation": explanation_text(item),
        "source": source_line(item, course),
        "numeric": item.numeric,
        # with `quiz: {review: required}` an item nobody approved yet is shown as a draft
        "draft": course.quiz.review == "required" and item.status in ("pending", "stale"),
    }


def quiz_data(course: Course) -> dict[str, Any]:
    file_stem = re.sub(r"[^A-Za-z0-9_-]+", "-", course.id).strip("-") or "quiz"
    return {
        "course": course.title,
        "fileStem": file_stem,
        "items": [item_data(item, course) for item in course.items],
    }


def quiz_page(course: Course, theme: Theme) -> str:
    from markupsafe import Markup

    from tall_teach.htmlkit.templates import render_template

    style = colour_css(theme) + theme.file("quiz/quiz.css").read_text(encoding="utf-8")
    script = theme.file("quiz/quiz.js").read_text(encoding="utf-8")
    return render_template(
        [root / "quiz" for root in theme.roots],
        "quiz.html.j2",
        language=course.language or "en",
        title=course.title,
        subtitle=course.subtitle,
        count=len(course.items),
        csp=content_security_policy(script, style),
        css=Markup(style),
        js=Markup(script),
        data=Markup(script_json(quiz_data(course))),
    )


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {"quiz/quiz.html": quiz_page(course, theme).encode("utf-8")}
