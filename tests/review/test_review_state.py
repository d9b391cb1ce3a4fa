"""Review decisions: the hash, stale reviews, the required filter, the YAML file checked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tall_teach.errors import ContentError
from tall_teach.model import Course, Option
from tall_teach.pipeline import check_course, diagnose
from tall_teach.quiz import generate_items
from tall_teach.reader import read_course
from tall_teach.review import apply_reviews, deliverable, item_hash
from tall_teach.review.store import decided, review_yaml, save_reviews

from .conftest import edit, set_review

AQUIFER = "tt-practice-aquifer-cloze"
PRECIPITATION = "tt-practice-precipitation-cloze"


def generated(course_dir: Path) -> Course:
    course, _ = read_course(course_dir)
    return generate_items(course)[0]


def decide(course_dir: Path, item_id: str, decision: str, **edit_fields: object) -> None:
    course = generated(course_dir)
    item = next(i for i in course.items if i.id == item_id)
    reviews = decided(course, item, decision, "Ana", "2026-12-04T10:00:00+00:00", **edit_fields)
    save_reviews(course_dir, reviews)


def read_and_prepare(course_dir: Path) -> tuple[Course, list]:
    found = diagnose(course_dir)
    return found.course, found.diagnostics


def statuses(course_dir: Path) -> dict[str, str]:
    course, _ = read_and_prepare(course_dir)
    return {i.id: i.status for i in course.items}


def test_the_hash_ignores_option_order_but_not_wording(course_dir: Path) -> None:
    item = generated(course_dir).items[1]
    reordered = replace(item, options=tuple(reversed(item.options)))
    reworded = replace(item, options=(replace(item.options[0], text="other"), *item.options[1:]))
    assert item_hash(reordered) == item_hash(item)
    assert item_hash(reworded) != item_hash(item)


def test_without_decisions_generated_items_are_pending_and_authored_ones_are_not(
        course_dir: Path) -> None:
    found = statuses(course_dir)
    assert found["tt-q-practice-q-clouds"] == "authored"
    assert {found[AQUIFER], found[PRECIPITATION]} == {"pending"}


def test_a_decision_survives_rebuilds_and_unrelated_edits(course_dir: Path) -> None:
    decide(course_dir, AQUIFER, "approved")
    assert statuses(course_dir)[AQUIFER] == "approved"
    edit(course_dir / "modules" / "01-basics.md", "# ", "# Revised: ")
    edit(course_dir / "modules" / "02-practice.md", "ocean to the atmosphere",
         "sea to the atmosphere")  # another message changes
    found = statuses(course_dir)
    assert found[AQUIFER] == "approved"
    assert found[PRECIPITATION] == "pending"


def test_editing_a_reviewed_message_makes_it_pending_again_at_the_entry_line(
        course_dir: Path) -> None:
    decide(course_dir, AQUIFER, "approved")
    edit(course_dir / "modules" / "02-practice.md", "for a long time", "for a very long time")
    course, warnings = read_and_prepare(course_dir)
    assert {i.id: i.status for i in course.items}[AQUIFER] == "stale"
    stale = [w for w in warnings if "pending review again" in w.message]
    assert len(stale) == 1
    assert stale[0].source.path == "quiz-review.yaml"
    lines = (course_dir / "quiz-review.yaml").read_text().splitlines()
    assert lines[stale[0].source.line - 1].strip() == f"{AQUIFER}:"


def test_rejected_items_leave_every_output_and_edits_replace_the_item(course_dir: Path) -> None:
    decide(course_dir, AQUIFER, "rejected")
    options = (Option("Evaporation", False), Option("Precipitation", True),
               Option("Runoff", False))
    decide(course_dir, PRECIPITATION, "edited",
           stem="Which process brings water back to the ground?", options=options)
    course, _ = read_and_prepare(course_dir)
    ids = [i.id for i in course.items]
    assert AQUIFER not in ids
    edited = next(i for i in course.items if i.id == PRECIPITATION)
    assert edited.status == "edited"
    assert edited.stem == "Which process brings water back to the ground?"
    assert [o.text for o in edited.options] == ["Evaporation", "Precipitation", "Runoff"]


def test_required_review_delivers_authored_and_approved_items_only(course_dir: Path) -> None:
    set_review(course_dir, "required")
    decide(course_dir, AQUIFER, "approved")
    course, warnings = read_and_prepare(course_dir)
    assert {i.id for i in deliverable(course).items} == {"tt-q-practice-q-clouds", AQUIFER}
    pending = [w for w in warnings if "pending review" in w.message]
    total = len(course.items)
    assert [w.message.split(" quiz items")[0] for w in pending] == [f"{total - 2} of {total}"]


def test_optional_review_delivers_everything_not_rejected(course_dir: Path) -> None:
    course, warnings = read_and_prepare(course_dir)
    assert deliverable(course).items == course.items and len(course.items) >= 3
    assert not [w for w in warnings if "pending" in w.message]


def test_check_names_unknown_ids_at_their_line(course_dir: Path) -> None:
    (course_dir / "quiz-review.yaml").write_text(
        "items:\n  tt-practice-aquifer-cloz:\n    decision: approved\n    hash: abc\n")
    found = [d for d in check_course(course_dir) if d.source and
             d.source.path == "quiz-review.yaml"]
    assert [(d.severity, d.source.line) for d in found] == [("warning", 2)]
    assert f"did you mean '{AQUIFER}'" in found[0].message


@pytest.mark.parametrize(("text", "line", "words"), [
    ("items:\n  a:\n    decision: aproved\n", 3, "'decision' must be one of"),
    ("items:\n  a:\n    decision: approved\n    colour: red\n", 4, "unknown key 'colour'"),
    ("items:\n  a:\n    decision: edited\n", 2, "gives no 'stem' or 'options'"),
    ("items:\n  a:\n    decision: edited\n    options:\n      - text: x\n        correct: true\n"
     "      - text: y\n        correct: true\n", 4, "exactly one with 'correct: true'"),
    ("items:\n  a: yes\n", 2, "must be a mapping"),
    ("- a\n- b\n", 1, "holds 'items:'"),
    ("items:\n  a:\n    decision: [approved\n", 4, "YAML syntax error"),
])
def test_a_broken_review_file_is_an_error_at_its_line(course_dir: Path, text: str, line: int,
                                                      words: str) -> None:
    (course_dir / "quiz-review.yaml").write_text(text)
    with pytest.raises(ContentError) as caught:
        read_course(course_dir)
    errors = [d for d in caught.value.diagnostics if d.source.path == "quiz-review.yaml"]
    assert errors and errors[0].source.line == line
    assert words in errors[0].message


def test_the_written_file_reads_back_to_the_same_entries(course_dir: Path) -> None:
    decide(course_dir, AQUIFER, "approved")
    options = (Option("A = 1: \"q\"", True), Option("#b", False))
    decide(course_dir, PRECIPITATION, "edited", stem="Which: one?", options=options)
    course = generated(course_dir)
    text = (course_dir / "quiz-review.yaml").read_text()
    assert text == review_yaml(list(course.reviews))
    edited = course.review_of(PRECIPITATION)
    assert edited is not None and edited.options == options and edited.by == "Ana"


def test_apply_reviews_is_pure(course_dir: Path) -> None:
    course = generated(course_dir)
    first = apply_reviews(course)
    assert apply_reviews(course) == first


def test_changes_md_says_which_reviewed_items_are_pending_again(course_dir: Path,
                                                               tmp_path: Path) -> None:
    from tall_teach.pipeline import build

    decide(course_dir, AQUIFER, "approved")
    build(course_dir, tmp_path / "build", ["moodle"])
    decide(course_dir, PRECIPITATION, "approved")  # a decision alone changes no question
    result = build(course_dir, tmp_path / "build", ["moodle"])
    assert result.changes is None or "Questions" not in result.changes
    edit(course_dir / "modules" / "02-practice.md", "for a long time", "for a very long time")
    result = build(course_dir, tmp_path / "build", ["moodle"])
    changes = (tmp_path / "build" / "water" / "CHANGES.md").read_text()
    assert f"- Pending review again: `{AQUIFER}`" in changes
    assert f"- Changed: `{AQUIFER}`" in changes


def test_the_page_checks_an_edited_item_as_it_will_be_delivered(course_dir: Path) -> None:
    from tall_teach.review.page import page_data

    options = (Option("Evaporation", False), Option("Precipitation", True),
               Option("Runoff", False))
    decide(course_dir, PRECIPITATION, "edited",
           stem="Which process does NOT move water to the ocean?", options=options)
    rows = {r["id"]: r for r in page_data(generated(course_dir), [])["items"]}
    assert rows[PRECIPITATION]["status"] == "edited"
    assert any("NOT" in check or "negative" in check.lower()
               for check in rows[PRECIPITATION]["checks"])
    assert rows[AQUIFER]["checks"] == []
