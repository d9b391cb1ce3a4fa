"""The quiz report (quiz/report.md): every generated item with the candidates considered
and why each was kept or rejected, and every message left without an item and why.

For the educator who reviews generated items before trainees see them: it answers
"why this wrong answer?" and "why no question here?" from the generator's own reasons.
Plain Markdown; content is escaped so that no author text becomes markup when rendered.
"""

from __future__ import annotations

import html

from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import option_letter
from tall_teach.theme import Theme


def _text(value: str) -> str:
    """Author text safe in Markdown: HTML escaped, no line breaks, emphasis marks escaped."""
    escaped = html.escape(" ".join(value.split()), quote=False)
    for mark in ("\\", "*", "_", "`", "[", "]", "#", "|"):
        escaped = escaped.replace(mark, "\\" + mark)
    return escaped


def _where(item: QuizItem) -> str:
    return f"{item.source.path}:{item.source.line}" if item.source else ""


def _item_lines(item: QuizItem) -> list[str]:
    lines = [f"### {item.id} ({item.kind}, {_where(item)})", "",
             f"> {_text(item.message)}", "", f"**Stem:** {_text(item.stem)}", ""]  # fmt: skip
    for index, option in enumerate(item.options):
        mark = " (key)" if option.correct else ""
        lines.append(f"- {option_letter(index)}. {_text(option.text)}{mark}")
    lines += ["", "Why:", ""]
    lines += [f"- {_text(reason)}" for reason in item.reasons] or ["- (no reasons recorded)"]
    return [*lines, ""]


def report_text(course: Course) -> str:
    generated = [i for i in course.items if i.kind != "authored"]
    authored = len(course.items) - len(generated)
    lines = [
        f"# Quiz report: {_text(course.title)}", "",
        f"{len(generated)} generated item(s), {authored} authored question(s), "
        f"{len(course.declined)} take-home message(s) without a generated item. "
        f"The quiz seed ({course.quiz.seed}) only orders the options; items and option sets "
        "are the same under every seed.", "",
        "## Generated items", "",
    ]  # fmt: skip
    for item in generated:
        lines += _item_lines(item)
    lines += ["## Messages without a generated item", ""]
    if not course.declined:
        lines += ["None.", ""]
    for declined in course.declined:
        lines += [f"### {declined.source.path}:{declined.source.line}", "",
                  f"> {_text(declined.message)}", ""]  # fmt: skip
        if declined.asked_by:
            lines += [f"Asked by the authored question {declined.asked_by}: covered.", ""]
        lines += [f"- {_text(reason)}" for reason in declined.reasons]
        lines.append("")
    return "\n".join(lines)


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {"quiz/report.md": report_text(course).encode("utf-8")}
