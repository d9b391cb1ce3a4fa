"""A "Check yourself" slide shows its authored question; elsewhere the slide answers it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tall_teach.reader import read_course
from tall_teach.scaffold import create_course
from tall_teach.theme import load_theme

MODULE = """---
id: m
title: Checks
---

## Check yourself

::: question
Which drug class relieves congestion fastest?
- [ ] Beta blockers
- [x] Loop diuretics
- [ ] Statins

Explanation: loop diuretics act within hours; the others act over weeks.
:::

::: notes
Give the class a minute before revealing the answer.
:::

## Loop diuretics

- Loop diuretics relieve congestion within hours

::: question
How fast do loop diuretics relieve congestion?
- [x] Within hours
- [ ] Within weeks
- [ ] Within months

Explanation: the slide says so.
:::
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from pptx import Presentation

    from tall_teach.writers.pptx import render

    root: Path = create_course(tmp_path_factory.mktemp("checks"), "checks")
    (root / "modules" / "01-example.md").write_text(MODULE, encoding="utf-8")
    course, _ = read_course(root)
    blob = render(course, load_theme(course.theme, root))[f"{course.id}.pptx"]
    return Presentation(io.BytesIO(blob))


def _slide(deck: Any, title: str) -> Any:
    return next(s for s in deck.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)  # fmt: skip


def _body(slide: Any) -> str:
    return "\n".join(sh.text_frame.text for sh in slide.shapes
                     if sh.has_text_frame and sh != slide.shapes.title)  # fmt: skip


def test_a_slide_of_only_a_question_shows_it_lettered_without_the_answer(deck: Any) -> None:
    slide = _slide(deck, "Check yourself")
    body = _body(slide)
    assert "Which drug class relieves congestion fastest?" in body
    assert "A. Beta blockers" in body and "B. Loop diuretics" in body and "C. Statins" in body
    assert "Answer" not in body and "act within hours" not in body
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith("Give the class a minute")
    assert "Answer: B. Loop diuretics" in notes and "act within hours" in notes


def test_a_question_beside_content_stays_in_the_quiz(deck: Any) -> None:
    """The slide's bullet answers it: shown there, the question would be given away."""
    slide = _slide(deck, "Loop diuretics")
    assert "How fast" not in _body(slide)
    assert "Answer" not in slide.notes_slide.notes_text_frame.text
