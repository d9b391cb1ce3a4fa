"""quiz/report.md: every generated item with its reasons, every declined message with why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.quiz import generate_items
from tall_teach.reader import read_course
from tall_teach.writers.quiz_report import _text, render, report_text

TALL = Path(__file__).resolve().parents[2] / "content" / "t-all-adults"


@pytest.fixture(scope="module")
def tall():  # type: ignore[no-untyped-def]
    course, _ = read_course(TALL)
    return generate_items(course)[0]


def test_the_report_lists_every_generated_item_with_its_reasons(tall) -> None:  # type: ignore[no-untyped-def]
    text = report_text(tall)
    for item in (i for i in tall.items if i.kind != "authored"):
        assert f"### {item.id} ({item.kind}" in text
        assert all(f"- {_text(reason)}" in text for reason in item.reasons)


def test_the_report_says_why_a_message_got_no_item(tall) -> None:  # type: ignore[no-untyped-def]
    text = report_text(tall)
    assert tall.declined
    for declined in tall.declined:
        assert f"### {declined.source.path}:{declined.source.line}" in text
    assert "the author asked for no item (.noquiz)" in text


def test_author_text_never_becomes_markup(tall) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    hostile = replace(tall, title="<script>alert(1)</script> **x** [a](b)")
    text = render(hostile, None)["quiz/report.md"].decode()  # type: ignore[arg-type]
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*\\*x\\*\\*" in text and "\\[a\\]" in text
