"""Rebuilt decks update in place: built by the pipeline, imported into real Anki again.

Anki's importer matches notes by GUID and overwrites an existing note only when the
incoming one is newer (its mtime), so an edited message must get a newer mtime and
an unchanged one must keep its old one; a copied course folder must add no note.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest

from tall_teach.pipeline import build
from tall_teach.writers.anki import RECORD

from .quizexport_fixtures import MINI_COURSE

OLD = "can stay there for a long time {#practice-aquifer}"
NEW = "can stay there for thousands of years {#practice-aquifer}"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI_COURSE, tmp_path / "content" / "water"))


@pytest.fixture
def anki(tmp_path: Path) -> Collection:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def deck(course: Path, out: Path, force: bool = False) -> Path:
    build(course, out, ["anki"], force=force)
    return out / course.name / "quiz" / f"{course.name}.apkg"


def import_deck(col: Collection, path: Path) -> tuple[int, int, int]:
    """How many notes were added, updated, and left alone as already there."""
    log = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path))).log
    return len(log.new), len(log.updated), len(log.duplicate)


def messages(col: Collection) -> list[str]:
    return sorted(col.get_note(i)["Message"] for i in col.find_notes(""))


def test_an_edited_message_updates_its_note_and_adds_none(
    course: Path, tmp_path: Path, anki: Collection
) -> None:
    out = tmp_path / "build"
    first = deck(course, out)
    added, _, _ = import_deck(anki, first)
    assert added == anki.note_count() >= 3
    assert not any("thousands of years" in m for m in messages(anki))

    module = course / "modules" / "02-practice.md"
    module.write_text(module.read_text("utf-8").replace(OLD, NEW), "utf-8")
    edited = deck(course, out)
    assert import_deck(anki, edited) == (0, 1, added - 1)
    assert anki.note_count() == added
    assert sum("thousands of years" in m for m in messages(anki)) == 1
    assert not any("for a long time" in m for m in messages(anki))

    before = edited.read_bytes(), (out / "water" / RECORD).read_bytes()
    again = deck(course, out, force=True)
    assert (again.read_bytes(), (out / "water" / RECORD).read_bytes()) == before
    assert import_deck(anki, again) == (0, 0, added)


def test_a_first_build_is_dated_by_the_course_and_an_unchanged_rebuild_is_identical(
    course: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    first = deck(course, out).read_bytes()
    record = json.loads((out / "water" / RECORD).read_text("utf-8"))["notes"]
    assert {n["mtime"] for n in record.values()} == {1768435200}  # 2026-01-15, the course date
    assert deck(course, out, force=True).read_bytes() == first
    elsewhere = tmp_path / "elsewhere"
    assert deck(course, elsewhere).read_bytes() == first


def test_a_copied_or_renamed_course_folder_adds_no_note(
    course: Path, tmp_path: Path, anki: Collection
) -> None:
    added, _, _ = import_deck(anki, deck(course, tmp_path / "build"))
    copy = Path(shutil.copytree(course, tmp_path / "elsewhere" / "water-cycle-copy"))
    assert import_deck(anki, deck(copy, tmp_path / "build")) == (0, 0, added)
    assert anki.note_count() == added


def test_source_date_epoch_dates_the_edited_note_and_only_it(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    deck(course, out)
    module = course / "modules" / "02-practice.md"
    module.write_text(module.read_text("utf-8").replace(OLD, NEW), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    deck(course, out)
    record = json.loads((out / "water" / RECORD).read_text("utf-8"))["notes"]
    times = sorted(n["mtime"] for n in record.values())
    assert times == [1768435200] * (len(times) - 1) + [1900000000]
