"""Nothing overflows: measured text shrinks to a floor, then continues; long tables split."""

from __future__ import annotations

import dataclasses

import pytest
from deck_course import SRC, big_table, bullets, long_bullets, para, slide, t

from tall_teach.model import Course, Module, Slide
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan
from tall_teach.writers.pptx.fit import size_ladder
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.settings import load_settings
from tall_teach.writers.pptx.specs import DeckPlan, TableSpec, TextBlock
from tall_teach.writers.pptx.template import EMU_PER_PT
from tall_teach.writers.pptx.text import Run


def with_slides(course: Course, *slides: Slide) -> Course:
    module = Module("m", "Module", (), "modules/m.md", tuple(slides), SRC)
    return dataclasses.replace(course, modules=(module,), references=course.references)


def content_slides(plan: DeckPlan) -> list:
    return [s for s in plan.slides if s.source_id not in ("title", "references")]


@pytest.fixture(scope="module")
def measurer(theme: Theme) -> Measurer:
    settings = load_settings(theme)
    return Measurer(settings.fonts(), settings.line_height)


def assert_within_bounds(plan: DeckPlan, measurer: Measurer) -> None:
    """Every text block fits its frame as measured; every table fits; all on the slide."""
    from tall_teach.writers.pptx.fit import Fitter
    from tall_teach.writers.pptx.template import LevelStyle

    levels = tuple(
        LevelStyle(m, -m, 10.0 if i == 0 else 4.0, 1.0)
        for i, m in enumerate((342900, 742950, 1085850, 1428750))
    )
    fitter = Fitter(measurer, levels)
    for page in plan.slides:
        for slot in page.slots:
            box = slot.frame.box
            assert box.x >= 0 and box.y >= 0 and box.right <= 12192000 and box.bottom <= 6858000
            content = slot.content
            if isinstance(content, TextBlock) and content.role == "body":
                height = fitter.height(content.paras, slot.frame, content.size, content.floor)
                assert height <= slot.frame.inner_height_pt, page.title_text
            if isinstance(content, TableSpec):
                assert sum(content.row_heights) <= box.h, page.title_text


def test_a_long_slide_continues_on_numbered_continuation_slides(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    plan = build_plan(with_slides(course, slide("m/long", "Long", long_bullets(30))), theme)
    pages = content_slides(plan)
    assert [p.title_text for p in pages] == [
        "Long",
        "Long (cont.)",
        "Long (cont.\u00a02)",
        "Long (cont.\u00a03)",
        "Long (cont.\u00a04)",
        "Long (cont.\u00a05)",
        "Long (cont.\u00a06)",
        "Long (cont.\u00a07)",
    ]
    texts = [r.text for p in pages for para in p.slots[0].content.paras for r in para.runs]
    assert len(texts) == 30 and texts[0].startswith("Point number 1:")
    assert all(p.slots[0].content.size == 28 for p in pages)
    assert_within_bounds(plan, measurer)


def test_a_slightly_full_slide_shrinks_instead_of_continuing(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    nine = bullets(*[f"Short point {i}" for i in range(9)])  # one line short of fitting
    plan = build_plan(with_slides(course, slide("m/nine", "Nine", nine)), theme)
    pages = content_slides(plan)
    assert len(pages) == 1
    assert pages[0].slots[0].content.size == 22
    assert_within_bounds(plan, measurer)


def test_a_forty_row_table_splits_with_its_header_repeated(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    plan = build_plan(with_slides(course, slide("m/t", "Rain", big_table(40))), theme)
    pages = content_slides(plan)
    pieces = [p.slots[0].content for p in pages]
    assert len(pieces) == 4 and all(isinstance(t, TableSpec) for t in pieces)
    assert all(len(t.rows) <= 10 for t in pieces)
    assert sum(len(t.rows) for t in pieces) == 40
    assert {tuple(r.text for c in t.header for r in c) for t in pieces} == {
        ("Site", "Season", "Rain (mm)", "Change")
    }
    assert [p.title_text for p in pages][1] == "Rain (cont.)"
    assert pieces[1].rows[0][0][0].text == "Site 11"
    assert "(rows 11-20 of 40)" in pieces[1].alt
    assert_within_bounds(plan, measurer)


def test_a_table_cell_longer_than_a_slide_is_cut_with_an_ellipsis(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    from tall_teach.model import Strong, Table, Text

    huge = (Strong((Text("Key point: "),)), Text("word " * 1500))
    table = Table((t("Finding"), t("N")), ((huge, t("12")), (t("short"), t("3"))), ("", ""), SRC)
    plan = build_plan(with_slides(course, slide("m/t", "Findings", table)), theme)
    pieces = [s.slots[0].content for s in content_slides(plan)]
    cell = pieces[0].rows[0][0]
    assert cell[0].bold and cell[0].text.strip() == "Key point:"  # the start and its style stay
    assert cell[-1].text.endswith("word…") and 200 < len("".join(r.text for r in cell)) < 7000
    assert [r[0][0].text for p in pieces for r in p.rows][1] == "short"
    assert any("too long for a slide" in w.message for w in plan.warnings)
    assert_within_bounds(plan, measurer)


def test_a_long_figure_description_stays_off_the_slide_its_caption_is_short(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    from tall_teach.model import Placeholder

    text = "A description of the figure. " * 150
    placeholder = Placeholder((para(text),), (), SRC)
    plan = build_plan(with_slides(course, slide("m/p", "Figure", placeholder)), theme)
    page = content_slides(plan)[0]
    slot = page.slots[0].content
    assert slot.caption == "A description of the figure"
    assert slot.caption_height < 914400  # one line: the slot keeps the room
    assert " ".join(p.text for p in page.notes).count("A description") == 150
    assert not any("too long" in w.message for w in plan.warnings)
    assert_within_bounds(plan, measurer)


def test_a_paragraph_longer_than_a_slide_is_cut_between_words(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    words = " ".join(f"word{i}" for i in range(700))
    plan = build_plan(with_slides(course, slide("m/wall", "Wall", para(words))), theme)
    pages = content_slides(plan)
    assert len(pages) > 1
    joined = " ".join(r.text for p in pages for q in p.slots[0].content.paras for r in q.runs)
    assert joined == words
    assert_within_bounds(plan, measurer)


def test_text_beside_a_long_table_does_not_share_its_slide_when_it_cannot(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    crowded = slide("m/c", "Crowded", long_bullets(4), big_table(12), bullets("after"))
    plan = build_plan(with_slides(course, crowded), theme)
    assert_within_bounds(plan, measurer)
    kinds = [type(s.content).__name__ for p in content_slides(plan) for s in p.slots]
    assert kinds.count("TextBlock") == 2 and kinds.count("TableSpec") >= 2


def test_a_long_title_is_set_smaller_to_fit_two_lines(course: Course, theme: Theme) -> None:
    title = "A title that goes on and on about the many results of a long trial in adults"
    plan = build_plan(with_slides(course, slide("m/t", title, para("x"))), theme)
    page = content_slides(plan)[0]
    assert 28 <= page.title_size < 36


def test_repeated_titles_are_numbered_to_stay_unique(course: Course, theme: Theme) -> None:
    plan = build_plan(
        with_slides(course, slide("m/a", "Same", para("a")), slide("m/b", "Same", para("b"))),
        theme,
    )
    assert [p.title_text for p in content_slides(plan)] == ["Same", "Same (2)"]
    assert any("repeats" in w.message for w in plan.warnings)


def test_size_ladder_steps_down_to_the_floor() -> None:
    assert size_ladder(24, 18) == [24, 22, 20, 18]
    assert size_ladder(13, 10) == [13, 11, 10]


def test_measurer_wraps_at_the_width_and_counts_forced_breaks(measurer: Measurer) -> None:
    runs = (Run("word " * 20),)
    assert measurer.line_count(runs, 1200, 24) == 1
    assert measurer.line_count(runs, 300, 24) > 3
    assert measurer.line_count((Run("a"), Run("", line_break=True), Run("b")), 300, 24) == 2
    assert measurer.width("WWW", 24) > measurer.width("iii", 24)
    assert measurer.width("bold", 24, "bold") > measurer.width("bold", 24)


def test_measured_heights_are_in_points(measurer: Measurer) -> None:
    pitch = measurer.line_pitch(24)
    assert 28 < pitch < 30  # Carlito/Calibri: 1.22 em a line
    assert EMU_PER_PT == 12700
