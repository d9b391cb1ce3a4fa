"""Anki deck (quiz/<course id>.apkg) via genanki: one note per take-home message.

Items generated from the same message become one note (the cloze item's stem
on the front when there is one); authored questions are notes of their own.

Re-importing a rebuilt deck must update notes in place. Anki matches notes by GUID
and overwrites one only when the incoming note's modification time is newer, so:
GUIDs, deck and model ids hash the course identity (course.yaml `id:` or its title,
never the folder name) with the message or item id; and each note's mtime comes from
a record of the previous build (quiz/.anki-notes.json, written beside the deck): an
unchanged note keeps its recorded time, a changed or new one gets the build's clock
(`now`, given by the caller), and a first build uses the course date for all. Same
course and record, same bytes: the zip is written with fixed entry times too.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

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
RECORD = "quiz/.anki-notes.json"
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


# A blank the card's back fills: no options needed on the front.
_CLOZE_LIKE = frozenset({"cloze"})


def representative(group: list[QuizItem]) -> QuizItem:
    """The cloze item when there is one (it reads best as a flashcard), else the first."""
    return next((item for item in group if item.kind in _CLOZE_LIKE), group[0])


def front_html(item: QuizItem) -> str:
    """The stem; a statement item also needs its options, or the card cannot be answered."""
    stem = text_to_html(item.stem)
    if item.kind in _CLOZE_LIKE:
        return stem
    options = "".join(
        f"<li>{option_letter(i)}. {text_to_html(o.text)}</li>" for i, o in enumerate(item.options)
    )
    return f'{stem}<ul class="options">{options}</ul>'


def note_fields(item: QuizItem, course: Course) -> list[str]:
    answer = key_option(item).text
    if item.kind not in _CLOZE_LIKE:
        answer = f"{option_letter(item.key_index)}. {answer}"
    message = explanation_text(item)
    return [
        front_html(item),
        text_to_html(answer),
        text_to_html(message) if message != key_option(item).text else "",
        text_to_html(source_line(item, course)),
    ]


def anki_tags(item: QuizItem, course: Course) -> list[str]:
    return [_TAG_UNSAFE.sub("_", t) for t in (identity(course), item.module_id, item.kind) if t]


def identity(course: Course) -> str:
    """What the course stays across copied and renamed folders (the folder name if unset)."""
    return course.identity or course.id


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


class Recorded(NamedTuple):
    """A note as the previous build wrote it: a hash of its content and its mtime."""

    digest: str
    mtime: int


def note_digest(note: Any) -> str:
    return hashlib.sha256("\x1f".join([*note.fields, *note.tags]).encode("utf-8")).hexdigest()


def read_record(data: bytes) -> dict[str, Recorded]:
    """The previous build's notes by GUID; anything unreadable counts as no record."""
    try:
        notes = json.loads(data.decode("utf-8"))["notes"] if data else {}
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}
    if not isinstance(notes, dict):
        return {}
    return {
        str(guid): Recorded(entry["hash"], entry["mtime"])
        for guid, entry in notes.items()
        if isinstance(entry, dict) and isinstance(entry.get("hash"), str)
        and type(entry.get("mtime")) is int
    }


def note_mtimes(notes: list[Any], record: dict[str, Recorded], start: int, now: int
                ) -> dict[str, Recorded]:
    """Each note's content hash and mtime: newer than recorded only when its content changed."""
    found = {}
    for note in notes:
        digest, before = note_digest(note), record.get(note.guid)
        if before is None:
            mtime = max(now, start) if record else start
        elif before.digest == digest:
            mtime = before.mtime
        else:
            mtime = max(now, before.mtime + 1)
        found[note.guid] = Recorded(digest, mtime)
    return found


def record_bytes(notes: dict[str, Recorded]) -> bytes:
    data = {"notes": {guid: {"hash": n.digest, "mtime": n.mtime} for guid, n in notes.items()}}
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def build_package(course: Course, theme: Theme) -> Any:
    import genanki

    key = identity(course)
    model = genanki.Model(
        stable_int("tall-teach anki model", key),
        "tall_teach quiz card",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": FRONT, "afmt": BACK}],
        css=card_css(theme),
    )
    deck = genanki.Deck(stable_int("tall-teach anki deck", key), course.title or course.id)
    deck.description = html.escape(course.subtitle, quote=False)
    for group in note_groups(course.items):
        item = representative(group)
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(item, course),
                tags=anki_tags(item, course),
                guid=genanki.guid_for("tall-teach", key, item.message_id or item.id),
            )
        )
    return genanki.Package(deck)


def course_timestamp(course: Course) -> int:
    """Midnight UTC of the course date: genanki's note/card times and ids, never the clock."""
    year, month, day = (int(p) for p in iso_date_or_default(course.date).split("-"))
    return calendar.timegm((year, month, day, 0, 0, 0))


def apkg_bytes(package: Any, timestamp: int, mtimes: dict[str, Recorded]) -> bytes:
    """Write the collection with genanki into a temporary SQLite file, zip it ourselves.

    genanki's own write_to_file() stamps zip entries with the clock and leaves its
    temporary database behind, so we call its write_to_db() and do the zip. genanki
    gives every note one time: each note's own mtime is set afterwards.
    """
    import itertools
    import sqlite3

    with tempfile.TemporaryDirectory(prefix="tall-teach-anki-") as folder:
        db_path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
            connection.executemany("UPDATE notes SET mod = ? WHERE guid = ?",
                                   [(n.mtime, guid) for guid, n in mtimes.items()])
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


def render(course: Course, theme: Theme, *, previous: bytes = b"", now: int = 0
           ) -> dict[str, bytes]:
    """The deck and the record of its notes; `previous` is the last record, `now` the clock.

    Without a clock (now=0), a changed note is one second newer than recorded.
    """
    package = build_package(course, theme)
    timestamp = course_timestamp(course)
    notes = [note for deck in package.decks for note in deck.notes]
    mtimes = note_mtimes(notes, read_record(previous), timestamp, now)
    return {
        f"quiz/{course.id}.apkg": apkg_bytes(package, timestamp, mtimes),
        RECORD: record_bytes(mtimes),
    }
