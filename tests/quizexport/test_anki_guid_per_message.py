"""Flashcards belong to take-home messages: their GUIDs survive a change of quiz settings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tall_teach.quiz import generate_items
from tall_teach.reader import read_course
from tall_teach.theme import load_theme

from .quizexport_fixtures import MINI_COURSE
from .test_export_anki import apkg, collection, notes


def test_note_guids_follow_the_message_not_the_items_made_from_it(tmp_path: Path) -> None:
    course, _ = read_course(MINI_COURSE)
    theme = load_theme("default")
    guids = []
    for per_message in (1, 2):
        settings = dataclasses.replace(course.quiz, per_message=per_message)
        generated, _ = generate_items(dataclasses.replace(course, quiz=settings))
        assert all(i.message_id for i in generated.items if i.kind != "authored")
        guids.append({g for g, _f, _t in notes(collection(apkg(generated, theme), tmp_path))})
    assert guids[0] == guids[1]
