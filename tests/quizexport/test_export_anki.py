"""Anki deck: the .apkg opened as a zip and its collection read with sqlite3."""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
import zipfile
from pathlib import Path

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers import anki


def apkg(course: Course, theme: Theme) -> bytes:
    return anki.render(course, theme)[f"quiz/{course.id}.apkg"]


def collection(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == ["collection.anki2", "media"]
    assert json.loads(archive.read("media")) == {}
    path = tmp_path / f"collection-{len(list(tmp_path.iterdir()))}.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)


def notes(db: sqlite3.Connection) -> list[tuple[str, list[str], str]]:
    rows = db.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    return [(guid, flds.split("\x1f"), tags) for guid, flds, tags in rows]


def expected_note_count(course: Course) -> int:
    messages = {item.message for item in course.items if item.message}
    return len(messages) + sum(1 for item in course.items if not item.message)


def test_there_is_one_note_per_take_home_message(
    course: Course, theme: Theme, tmp_path: Path
) -> None:
    db = collection(apkg(course, theme), tmp_path)
    assert len(notes(db)) == expected_note_count(course) == 6
    assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == 6


def test_the_front_is_the_cloze_stem_and_the_back_has_answer_message_and_source(
    course: Course, theme: Theme, tmp_path: Path
) -> None:
    rows = notes(collection(apkg(course, theme), tmp_path))
    relapse = next(fields for _, fields, _ in rows if fields[1] == "30-35%")
    question, _answer, message, source = relapse
    assert question.startswith("About ____ of T-ALL patients")
    assert "30-35% of T-ALL patients still relapse" in message
    assert source == 'Slide: Relapse &amp; "R/R" &lt;T-ALL&gt;. Source: Bassan R et al, JCO 2018.'


def test_fields_are_html_escaped(course: Course, theme: Theme, tmp_path: Path) -> None:
    rows = notes(collection(apkg(course, theme), tmp_path))
    text = "\n".join("\x1f".join(fields) for _, fields, _ in rows)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text


def test_guids_are_stable_across_builds_and_edits_of_other_items(
    course: Course, theme: Theme, tmp_path: Path
) -> None:
    first = [guid for guid, _, _ in notes(collection(apkg(course, theme), tmp_path))]
    again = [guid for guid, _, _ in notes(collection(apkg(course, theme), tmp_path))]
    edited_item = dataclasses.replace(course.items[0], stem="A reworded stem?")
    edited = dataclasses.replace(course, items=(edited_item, *course.items[1:]))
    after_edit = [guid for guid, _, _ in notes(collection(apkg(edited, theme), tmp_path))]
    assert first == again
    assert len(set(first)) == len(first)
    assert after_edit == first, "a note keeps its GUID when its wording changes"


def test_guids_deck_and_model_ids_follow_the_course_identity_not_its_folder(
    course: Course, theme: Theme, tmp_path: Path
) -> None:
    course = dataclasses.replace(course, identity="water-cycle")
    db = collection(apkg(course, theme), tmp_path)
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    deck_id = anki.stable_int("tall-teach anki deck", "water-cycle")
    model_id = anki.stable_int("tall-teach anki model", "water-cycle")
    assert decks[str(deck_id)]["name"] == course.title
    assert str(model_id) in models
    guids = [guid for guid, _, _ in notes(db)]
    moved = dataclasses.replace(course, id="another-folder")
    assert [g for g, _, _ in notes(collection(apkg(moved, theme), tmp_path))] == guids
    other = dataclasses.replace(course, identity="another-course")
    assert not set(guids) & {g for g, _, _ in notes(collection(apkg(other, theme), tmp_path))}


def test_an_unreadable_record_counts_as_a_first_build(course: Course, theme: Theme) -> None:
    first = anki.render(course, theme, now=2_000_000_000)
    for junk in (b"", b"{", b"[]", b'{"notes": {"x": {"hash": 1, "mtime": "y"}}}', b"\xff"):
        assert anki.render(course, theme, previous=junk, now=2_000_000_000) == first


def test_two_builds_are_byte_identical(course: Course, theme: Theme) -> None:
    assert apkg(course, theme) == apkg(course, theme)


def test_the_real_courses_have_a_note_per_message(
    real_courses: list[tuple[str, Course]], theme: Theme, tmp_path: Path
) -> None:
    for name, real in real_courses:
        rows = notes(collection(apkg(real, theme), tmp_path))
        assert len(rows) == expected_note_count(real), name
        assert all(fields[0] and fields[1] for _, fields, _ in rows), name
