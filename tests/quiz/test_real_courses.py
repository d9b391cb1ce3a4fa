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


def test_every_tall_take_home_message_has_a_sound_item(tall_course) -> None:
    course, _ = generate_items(tall_course)
    generated = [i for i in course.items if i.kind != "authored"]
    assert [d for d in coverage(course) if d.severity != "note"] == []
    covered = {i.source for i in generated}
    assert all(m.source in covered for _, m in takehome_messages(course))
    for item in generated:
        assert check_item(item, course.glossary) == []
        assert item.explanation.startswith(item.message)


@pytest.mark.parametrize(
    ("message_start", "arguably_true"),
    [
        # the lecture lists GSI inhibitors among experimental approaches
        ("Clinical development of", {"GSI inhibitors"}),
        # the lecture reports CRS and ICAN in CAR-T studies: not clearly wrong as hurdles
        ("Hurdles remain", {"CRS", "ICAN"}),
    ],
)
def test_tall_items_offer_no_distractor_the_lecture_makes_arguably_true(
    tall_course, message_start: str, arguably_true: set[str]
) -> None:
    course, _ = generate_items(tall_course)
    generated = [i for i in course.items if i.kind != "authored"]
    items = [i for i in generated if i.message.startswith(message_start)]
    assert items
    for item in items:
        offered = " ".join(o.text for o in item.options if not o.correct)
        assert not [t for t in arguably_true if t in offered], item.id


def test_the_tall_quiz_is_the_same_on_every_build(tall_course) -> None:
    assert generate_items(tall_course) == generate_items(tall_course)


def test_a_new_starter_course_gets_an_item_for_every_message(tmp_path: Path) -> None:
    scaffold = pytest.importorskip("tall_teach.scaffold")
    course = read(scaffold.create_course(tmp_path, "demo", today=date(2026, 1, 2)))
    course, _ = generate_items(course)
    assert coverage(course) == []
    assert any(i.kind == "authored" for i in course.items)
