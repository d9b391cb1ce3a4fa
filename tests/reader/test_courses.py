"""Whole courses: the shared mini course and the flagship course read cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.model import (
    BulletList,
    Chart,
    Columns,
    Figure,
    Paragraph,
    Placeholder,
    Question,
    Table,
    TakeHome,
)
from tall_teach.reader import read_course

REPO = Path(__file__).parents[2]
MINI = REPO / "tests" / "fixtures" / "mini-course"
FLAGSHIP = REPO / "content" / "t-all-adults"


def all_blocks(course):  # type: ignore[no-untyped-def]
    for slide in course.slides():
        stack = list(slide.blocks)
        while stack:
            block = stack.pop()
            yield block
            if isinstance(block, Columns):
                stack.extend(b for c in block.columns for b in c.blocks)
            elif isinstance(block, Placeholder):
                stack.extend(block.blocks)


def test_the_mini_course_reads_without_warnings_and_uses_every_block() -> None:
    course, warnings = read_course(MINI)
    assert warnings == []
    kinds = {type(b) for b in all_blocks(course)}
    assert kinds >= {Paragraph, BulletList, Table, Figure, Placeholder, Chart, Columns, TakeHome,
                     Question}
    assert [m.id for m in course.modules] == ["basics", "practice"]
    takehome = next(b for b in all_blocks(course) if isinstance(b, TakeHome))
    assert [m.id for m in takehome.messages] == [
        "practice-evaporation", "practice-precipitation", "practice-aquifer"]
    assert all(s.notes for s in course.slides() if s.kind == "content")
    assert {r.key for r in course.references} == {"rain2020", "river2021", "handbook2019"}


def test_the_mini_course_reads_to_the_same_model_twice() -> None:
    assert read_course(MINI)[0] == read_course(MINI)[0]


@pytest.mark.skipif(not FLAGSHIP.is_dir(), reason="the flagship course is not written yet")
def test_the_flagship_course_reads_without_errors() -> None:
    course, _warnings = read_course(FLAGSHIP)
    assert len(course.modules) >= 5
    cited = {key for slide in course.slides() for key in slide.citations}
    assert cited <= {ref.key for ref in course.references}
