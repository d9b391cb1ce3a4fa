"""Figure slots and lecturer-only notes, from Markdown to the deck and the handout."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tall_teach.model import LecturerNotes, Placeholder, placeholder_caption
from tall_teach.reader import read_course
from tall_teach.scaffold import create_course
from tall_teach.theme import load_theme

MODULE = """---
id: m
title: Slots
---

## Survival after transplant [@example2024]

::: placeholder
Survival curves by transplant status, from the example paper [@example2024]. Crop the
figure to the curves; the lecture text keeps only the group labels.
:::

::: notes
Walk through the curves.
:::

::: {.notes .lecturer}
Insert the curves from the paper before teaching.
:::
"""


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = create_course(tmp_path_factory.mktemp("slots"), "slots")
    (root / "modules" / "01-example.md").write_text(MODULE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def deck(course_dir: Path) -> Any:
    from pptx import Presentation

    from tall_teach.writers.pptx import render

    course, _ = read_course(course_dir)
    blob = render(course, load_theme(course.theme, course_dir))[f"{course.id}.pptx"]
    return Presentation(io.BytesIO(blob))


def test_a_notes_block_marked_lecturer_is_read_apart(course_dir: Path) -> None:
    course, _ = read_course(course_dir)
    slide = course.modules[0].slides[0]
    kept = [b for b in slide.notes if isinstance(b, LecturerNotes)]
    assert len(kept) == 1 and kept[0].source.line == 17
    assert len(slide.notes) == 2


def test_a_placeholder_caption_is_its_first_sentence_without_the_source(course_dir: Path) -> None:
    course, _ = read_course(course_dir)
    block = course.modules[0].slides[0].blocks[0]
    assert isinstance(block, Placeholder)
    assert placeholder_caption(block) == "Survival curves by transplant status"


def test_the_deck_notes_carry_speaker_lecturer_and_author_text(deck: Any) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    slide = deck.slides[1]
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    assert notes[0] == "Walk through the curves."
    assert notes[1] == "Insert the curves from the paper before teaching."
    assert notes[2].startswith("Figure to insert: Survival curves by transplant status, from")
    kinds = [ph.placeholder_format.type for ph in slide.placeholders]
    assert PP_PLACEHOLDER.PICTURE in kinds
    texts = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Crop the" not in texts and "Survival curves by transplant status" in texts


def test_the_handout_shows_one_line_for_the_slot_and_no_lecturer_notes(course_dir: Path) -> None:
    from html.parser import HTMLParser

    from tall_teach.writers.handout import render_html_only

    course, _ = read_course(course_dir)
    html = render_html_only(course, load_theme(course.theme, course_dir))
    assert "Walk through the curves." in html
    assert "before teaching" not in html  # lecturer only
    assert "Crop the" not in html and "keeps only" not in html  # author instructions

    class Slots(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if ("class", "placeholder") in attrs:
                self.depth = 1
                self.found.append("")
            elif self.depth:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            self.depth = max(0, self.depth - 1)

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data

    parser = Slots()
    parser.feed(html)
    assert len(parser.found) == 1
    line = " ".join(parser.found[0].split())
    assert line.startswith("Figure Survival curves by transplant status · Source:")
