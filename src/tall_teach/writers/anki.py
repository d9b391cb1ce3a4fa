"""Anki deck (quiz/<course id>.apkg) via genanki: one note per take-home message.

Items generated from the same message become one note (the cloze item's stem
on the front when there is one); authored questions are notes of their own.
GUIDs come from the course and item ids, deck and model ids from a hash of the
course id, and the clock is kept out: genanki's timestamp is the course date and
the zip is written with fixed entry times, so two builds give the same bytes.
"""

from __future__ import annotations

import calendar
import html
import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import (
    FIXED_ZIP_TIME,
    explanation_text,
    iso_date_or_default,
    key_option,
    option_letter,
    source_line,
    stable_int,
    text_to_html,
)
from tall_teach.theme import Theme

FIELDS = ("Question", "Answer", "Message", "Source")
_TAG_UNSAFE = re.compile(r"[^\w:-]+")

FRONT = '<div class="question">{{Question}}</div>'
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#Message}}<div class="message">{{Message}}</div>{{/Message}}'
    '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
)


def note_groups(items: tuple[QuizItem, ...]) -> list[list[QuizItem]]:
    """Items grouped by take-home message, in order; authored items stand alone."""
    groups: dict[str, list[QuizItem]] = {}
    for item in items:
        if item.message_id or item.message:
            key = f"message:{item.message_id or item.message}"
        else:
            key = f"item:{item.id}"
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def representative(group: list[QuizItem]) -> QuizItem:
    """The cloze item when there is one (it reads best as a flashcard), else the first."""
    return next((item for item in group if item.kind == "cloze"), group[0])


def front_html(item: QuizItem) -> str:
    """The stem; a statement item also needs its options, or the card cannot be answered."""
    stem = text_to_html(item.stem)
    if item.kind == "cloze":
        return stem
    options = "".join(
        f"<li>{option_letter(i)}. {text_to_html(o.text)}</li>" for i, o in enumerate(item.options)
    )
    return f'{stem}<ul class="options">{options}</ul>'


def note_fields(item: QuizItem, course: Course) -> list[str]:
    answer = key_option(item).text
    if item.kind != "cloze":
        answer = f"{option_letter(item.key_index)}. {answer}"
    message = explanation_text(item)
    return [
        front_html(item),
        text_to_html(answer),
        text_to_html(message) if message != key_option(item).text else "",
        text_to_html(source_line(item, course)),
    ]


def anki_tags(item: QuizItem, course: Course) -> list[str]:
    return [_TAG_UNSAFE.sub("_", t) for t in (course.id, item.module_id, item.kind) if t]


def card_css(theme: Theme) -> str:
    def colour(name: str, default: str) -> str:
        value = str(theme.get(f"colors.{name}", default))
        return f"#{value}" if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else f"#{default}"

    return (
        ".card{font-family:Calibri,Carlito,'Segoe UI',sans-serif;font-size:22px;"
        f"color:{colour('text', '1E2329')};background:{colour('background', 'FFFFFF')};"
        "text-align:left;line-height:1.4;padding:0 12px}"
        f".question{{color:{colour('primary', '1F3A5F')};font-weight:bold}}"
        ".options{list-style:none;padding:0;font-weight:normal}"
        f".answer{{color:{colour('accent', '0E7382')};font-weight:bold;margin-bottom:12px}}"
        f".source{{color:{colour('muted', '5A6470')};font-size:16px;margin-top:12px}}"
    )


def build_package(course: Course, theme: Theme) -> Any:
    import genanki

    model = genanki.Model(
        stable_int("tall-teach anki model", course.id),
        "tall_teach quiz card",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": FRONT, "afmt": BACK}],
        css=card_css(theme),
    )
    deck = genanki.Deck(stable_int("tall-teach anki deck", course.id), course.title or course.id)
    deck.description = html.escape(course.subtitle, quote=False)
    for group in note_groups(course.items):
        item = representative(group)
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(item, course),
                tags=anki_tags(item, course),
                guid=genanki.guid_for("tall-teach", course.id, item.message_id or item.id),
            )
        )
    return genanki.Package(deck)


def course_timestamp(course: Course) -> int:
    """Midnight UTC of the course date: genanki's note/card times and ids, never the clock."""
    year, month, day = (int(p) for p in iso_date_or_default(course.date).split("-"))
    return calendar.timegm((year, month, day, 0, 0, 0))


def apkg_bytes(course: Course, theme: Theme) -> bytes:
    """Write the collection with genanki into a temporary SQLite file, zip it ourselves.

    genanki's own write_to_file() stamps zip entries with the clock and leaves its
    temporary database behind, so we call its write_to_db() and do the zip.
    """
    import itertools
    import sqlite3

    package = build_package(course, theme)
    timestamp = course_timestamp(course)
    with tempfile.TemporaryDirectory(prefix="tall-teach-anki-") as folder:
        db_path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
            connection.commit()
        finally:
            connection.close()
        collection = db_path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {f"quiz/{course.id}.apkg": apkg_bytes(course, theme)}
