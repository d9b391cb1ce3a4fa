"""Small helpers the quiz writers share (ids, letters, categories, feedback text); not a writer.

The quiz writers are independent siblings and never import each other; what they
must agree on (how an option is lettered, what an item's source line says, how a
Moodle category path is spelled) lives here so every export says the same thing.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable

from tall_teach.model import Course, Option, QuizItem
from tall_teach.transforms.citations import footer_text

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOT_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_GOOD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 forbids even inside CDATA (C0 controls except tab, LF, CR; FFFE/FFFF).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_CONFIRMATION = re.compile(r"^\s*correct\s*[.:!]?", re.IGNORECASE)


def option_letter(index: int) -> str:
    """The letter of an option: "A" for the first; items never have more than 26 options."""
    return LETTERS[index]


def short_hash(*parts: str, length: int = 10) -> str:
    """A stable hex digest of some text: ids that never depend on the clock or a position."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def ncname(text: str, prefix: str = "tt") -> str:
    """A letter-first identifier of [A-Za-z0-9_-] only (QTI 2 NCName, no dots or colons).

    An id that already qualifies is kept as is (readable in the LMS); otherwise
    the cleaned text gets a letter prefix and a hash of the original, so two
    different ids never collide after cleaning.
    """
    if _GOOD_NAME.fullmatch(text):
        return text
    cleaned = _NOT_NAME_CHARS.sub("_", text)
    return f"{prefix}_{cleaned}_{short_hash(text, length=8)}"


def stable_int(*parts: str, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A stable integer in [low, high) for ids that tools want as numbers (Anki deck/model)."""
    return low + int(short_hash(*parts, length=16), 16) % (high - low)


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry at all; CR LF becomes LF."""
    return _XML_FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def text_to_html(text: str) -> str:
    """Plain text as escaped HTML, line breaks kept as <br>: content can never become markup."""
    lines = xml_safe(text).split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def paragraph_html(text: str) -> str:
    return f"<p>{text_to_html(text)}</p>" if text else ""


def category_name(name: str) -> str:
    """One Moodle category path segment: "/" doubled, never starting or ending with "/"."""
    escaped = " ".join(name.split()).replace("/", "//")
    if escaped.startswith("/"):
        escaped = " " + escaped
    if escaped.endswith("/"):
        escaped += " "
    return escaped or "-"


def category_path(course: Course, module_title: str) -> str:
    """`$course$/top/<course title>/<module title>`, as Moodle's importer splits it."""
    return "/".join(["$course$", "top", category_name(course.title), category_name(module_title)])


def key_option(item: QuizItem) -> Option:
    return item.options[item.key_index]


def explanation_parts(item: QuizItem) -> tuple[str, str]:
    """(rationale, where): the generator ends explanations with "Slide: <title>. Source: …".

    Exports show that tail as their own source line, so it is split off here; an
    explanation without it is all rationale.
    """
    if item.rationale or item.where:
        return item.rationale or item.message, item.where
    text = item.explanation or item.message
    cut = text.rfind(f"Slide: {item.slide_title}") if item.slide_title else -1
    if cut < 0:
        return text, ""
    return text[:cut].rstrip() or item.message, text[cut:].strip()


def explanation_text(item: QuizItem) -> str:
    """What a learner reads after answering: the rationale, else the take-home message."""
    return explanation_parts(item)[0]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def source_line(item: QuizItem, course: Course) -> str:
    """Where the fact is taught and from which paper: "Slide: <title>. Source: <citations>."

    Taken from the explanation when the generator wrote it there, else built from
    the slide title and the short citations (unknown keys are skipped).
    """
    where = explanation_parts(item)[1]
    if where:
        return where
    citations = footer_text(item.citations, course)
    parts = [f"Slide: {_sentence(item.slide_title)}"] if item.slide_title else []
    if citations:
        parts.append(f"Source: {_sentence(citations)}")
    return " ".join(parts)


def useful_feedback(item: QuizItem, option: Option) -> str:
    """An option's feedback when it adds something to the explanation, else ""."""
    text = option.feedback.strip()
    core = _CONFIRMATION.sub("", text).strip().rstrip(".")
    if not core or core in explanation_text(item):
        return ""
    return text


def option_feedback(item: QuizItem, option: Option) -> str:
    """Per-option feedback: the authored or generated text, else a plain right/wrong line."""
    if option.feedback:
        return option.feedback
    if option.correct:
        return "Correct."
    return f"Not the best answer. The best answer is: {key_option(item).text}"


def general_feedback_html(item: QuizItem, course: Course) -> str:
    """Explanation and source as escaped HTML paragraphs (Moodle, GIFT, QTI general feedback)."""
    parts = [paragraph_html(explanation_text(item)), paragraph_html(source_line(item, course))]
    return "".join(parts)


def items_by_module(items: Iterable[QuizItem]) -> list[tuple[str, str, list[QuizItem]]]:
    """(module id, module title, items) in first-appearance order, items kept in order."""
    groups: dict[str, tuple[str, list[QuizItem]]] = {}
    for item in items:
        groups.setdefault(item.module_id, (item.module_title, []))[1].append(item)
    return [(mid, title, members) for mid, (title, members) in groups.items()]


def iso_date_or_default(value: str, default: str = "2000-01-01") -> str:
    """The course date if it looks like yyyy-mm-dd, else a fixed date (never the clock)."""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or "") else default
