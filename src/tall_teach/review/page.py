"""The review page: every item with its source, citations, rule checks and reasons.

Like the quiz page, items travel as inert JSON and the page script renders them with
textContent only; a Content-Security-Policy allows the page's own script and style and
requests to its own loopback server, nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from tall_teach.model import Course, ItemReview, Option, QuizItem
from tall_teach.review.state import item_hash, review_rows

PAGE_DIR = Path(__file__).with_name("page")


def rule_checks(item: QuizItem, course: Course) -> list[str]:
    """The item-writing rules the item breaks (NBME checks), as lines; [] when it passes."""
    from tall_teach.quiz.itemrules import check_item

    return [str(failure) for failure in check_item(item, course.glossary)]


def _shown(item: QuizItem, status: str, review: ItemReview | None) -> tuple[str, list[Any]]:
    if status == "edited" and review is not None:
        options = review.options or item.options
        return review.stem or item.stem, [{"text": o.text, "correct": o.correct} for o in options]
    return item.stem, [{"text": o.text, "correct": o.correct} for o in item.options]


def item_row(item: QuizItem, status: str, review: ItemReview | None, course: Course
             ) -> dict[str, Any]:
    from tall_teach.transforms.citations import footer_text

    stem, options = _shown(item, status, review)
    shown = replace(item, stem=stem, options=tuple(Option(o["text"], o["correct"])
                                                   for o in options))
    return {
        "id": item.id,
        "kind": item.kind,
        "status": status,
        "stem": stem,
        "options": options,
        "generated": {"stem": item.stem,
                      "options": [{"text": o.text, "correct": o.correct} for o in item.options]},
        "message": item.message,
        "module": item.module_title,
        "slide": item.slide_title,
        "where": f"{item.source.path}:{item.source.line}",
        "citations": footer_text(item.citations, course),
        "checks": rule_checks(shown, course),  # the item as it will be delivered
        "reasons": list(item.reasons),
        "hash": item_hash(item),
        "review": {"decision": review.decision, "by": review.by, "at": review.at,
                   "avoid": list(review.avoid)} if review else None,
    }


def page_data(course: Course, messages: list[str]) -> dict[str, Any]:
    """What the page shows; `course` holds the items as generated (before any edit)."""
    rows = [item_row(item, status, review, course) for item, status, review in review_rows(course)]
    return {"course": course.title, "review": course.quiz.review, "items": rows,
            "messages": messages}


def review_page(course: Course, token: str) -> str:
    from markupsafe import Markup

    from tall_teach.htmlkit.inert import content_security_policy, script_json
    from tall_teach.htmlkit.templates import render_template

    style = (PAGE_DIR / "review.css").read_text(encoding="utf-8")
    script = (PAGE_DIR / "review.js").read_text(encoding="utf-8")
    csp = content_security_policy(script, style, "connect-src 'self'")
    return render_template([PAGE_DIR], "review.html.j2", title=course.title,
                           language=course.language or "en", csp=csp, token=token,
                           css=Markup(style), js=Markup(script),
                           data=Markup(script_json(page_data(course, []))))
