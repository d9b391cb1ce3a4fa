"""The generator on real courses: the flagship T-ALL course and the `tall-teach new` starter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tall_teach.quiz import coverage, generate_items
from tall_teach.quiz.itemrules import check_item
from tall_teach.quiz.walk import takehome_messages

REPO = Path(__file__).resolve().parents[2]
TALL = REPO / "content" / "t-all-adults"


def read(path: Path):
    reader = pytest.importorskip("tall_teach.reader")
    course, _ = reader.read_course(path)
    return course


@pytest.fixture(scope="module")
def tall_course():
    if not (TALL / "course.yaml").exists():
        pytest.skip("the T-ALL course is not there")
    return read(TALL)


def test_every_tall_take_home_message_has_a_sound_item_or_the_authors_noquiz(tall_course) -> None:
    course, _ = generate_items(tall_course)
    generated = [i for i in course.items if i.kind != "authored"]
    assert [d for d in coverage(course) if d.severity != "note"] == []
    covered = {i.source for i in generated}
    for _, message in takehome_messages(course):
        assert (message.source in covered) == message.controls.generate, message.id
    for item in generated:
        assert check_item(item, course.glossary) == []
        assert item.explanation.startswith(item.message)
        assert item.reasons and item.reasons[0].startswith("key ")


def test_no_tall_distractor_is_stated_by_the_course_in_its_stems_context(tall_course) -> None:
    from tall_teach.quiz.evidence import course_evidence

    course, _ = generate_items(tall_course)
    evidence = course_evidence(course)
    for item in (i for i in course.items if i.kind != "authored"):
        for option in (o for o in item.options if not o.correct):
            # the author vouched for the manufacturing message's distractors: they are
            # hurdles the lecture names, so the course mentions them, never as "no reports"
            if item.message.startswith("Manufacturing"):
                continue
            assert evidence.support(option.text, item.message, item.key_term, item.source) is None


def test_the_tall_quiz_is_the_same_on_every_build(tall_course) -> None:
    assert generate_items(tall_course) == generate_items(tall_course)


def test_a_new_starter_course_gets_an_item_for_every_message(tmp_path: Path) -> None:
    scaffold = pytest.importorskip("tall_teach.scaffold")
    course = read(scaffold.create_course(tmp_path, "demo", today=date(2026, 1, 2)))
    course, _ = generate_items(course)
    # notes (an item with fewer options than asked) are information, not a missing item
    assert [d for d in coverage(course) if d.severity != "note"] == []
    assert any(i.kind == "authored" for i in course.items)
    assert len([i for i in course.items if i.kind != "authored"]) == 3
