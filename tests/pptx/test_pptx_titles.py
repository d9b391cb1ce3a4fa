"""Long titles: never under title_min; a taller title box pushes the body down, never over it."""

from __future__ import annotations

import dataclasses
import io

import pytest
from deck_course import SRC, big_table, bullets, long_bullets, para, slide, t

from tall_teach.model import (
    Chart,
    Column,
    Columns,
    Course,
    Module,
    Paragraph,
    Series,
    Slide,
    Strong,
)
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan, render_with_plan
from tall_teach.writers.pptx.fit import Fitter
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.settings import load_settings
from tall_teach.writers.pptx.specs import DeckPlan, SlidePlan, TableSpec, TextBlock
from tall_teach.writers.pptx.template import LevelStyle, TextFrame
from tall_teach.writers.pptx.text import Para

SLIDE_W, SLIDE_H = 12192000, 6858000
TITLE_MIN = 28.0
LAYOUT_TITLE_H = int(1.1 * 914400)  # the default template's title placeholder
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

LONG = (
    "Outcomes of adults with relapsed or refractory T-cell acute lymphoblastic leukaemia "
    "treated with nelarabine-based salvage regimens in the main published series"
)  # three lines at 28 pt, too long for the layout's two
TOO_LONG = (
    "This title is far too long for any slide because it goes on and on about the design "
    "of a trial, its arms, its endpoints, its statistics, the patients it enrolled, the "
    "centres that took part and the follow-up that is still going on today in most of them"
)


def with_slides(course: Course, *slides: Slide) -> Course:
    module = Module("m", "Module", (), "modules/m.md", tuple(slides), SRC)
    return dataclasses.replace(course, modules=(module,), references=course.references)


def chart() -> Chart:
    series = (Series("CR", (31.0, 45.0, 90.0)),)
    return Chart("column", "Remission", "%", ("A", "B", "C"), series, (), SRC)


def columns() -> Columns:
    """Two columns with bold headings: a comparison slide."""
    left = Column((Paragraph((Strong(t("Transplant")),), SRC), bullets("a", "b")), SRC)
    right = Column((Paragraph((Strong(t("Chemo")),), SRC), bullets("c", "d")), SRC)
    return Columns((left, right), SRC)


def long_title_slides() -> tuple[Slide, ...]:
    return (
        slide("m/bullets", LONG, bullets("one", "two", "three")),
        slide("m/table", LONG + " (table)", big_table(14)),
        slide("m/chart", LONG + " (chart)", chart()),
        slide("m/pair", LONG + " (pair)", bullets("beside", "a chart"), chart()),
        slide("m/cols", LONG + " (columns)", columns()),
        slide("m/wall", LONG + " (wall)", long_bullets(14)),
        slide("m/short", "A short title", bullets("unchanged")),
    )


@pytest.fixture(scope="module")
def measurer(theme: Theme) -> Measurer:
    settings = load_settings(theme)
    return Measurer(settings.fonts(), settings.line_height)


@pytest.fixture(scope="module")
def long_rendered(course: Course, theme: Theme) -> tuple[bytes, DeckPlan]:
    return render_with_plan(with_slides(course, *long_title_slides()), theme)


def pages_of(plan: DeckPlan, source: str) -> list[SlidePlan]:
    return [s for s in plan.slides if s.source_id == source]


def title_fits(page: SlidePlan, measurer: Measurer) -> bool:
    """The title, bold at its size with the template's 90% line spacing, fits its box."""
    assert page.title_box is not None
    fitter = Fitter(measurer, (LevelStyle(0, 0, 0.0, 0.9),))
    para = Para(tuple(dataclasses.replace(r, bold=True) for r in page.title), 0, "none")
    frame = TextFrame(page.title_box, (0, 0, 0, 0))
    size = page.title_size
    return fitter.fits([para], frame, size, size, frame.inner_height_pt)


def test_no_title_is_set_under_title_min(long_rendered: tuple[bytes, DeckPlan]) -> None:
    from pptx import Presentation

    blob, plan = long_rendered
    assert all(s.title_size >= TITLE_MIN for s in plan.slides)
    prs = Presentation(io.BytesIO(blob))
    sizes = [
        run.font.size.pt
        for s in prs.slides
        if s.shapes.title is not None
        for p in s.shapes.title.text_frame.paragraphs
        for run in p.runs
    ]
    assert sizes and min(sizes) >= TITLE_MIN
    assert not any("is long" in w.message for w in plan.warnings)


def test_a_long_title_gets_a_taller_box_and_the_body_starts_below_it(
    long_rendered: tuple[bytes, DeckPlan], measurer: Measurer
) -> None:
    _, plan = long_rendered
    for source in ("m/bullets", "m/table", "m/chart", "m/pair", "m/cols", "m/wall"):
        for page in pages_of(plan, source):
            box = page.title_box
            assert box is not None, page.title_text
            assert box.h > LAYOUT_TITLE_H and box.y == int(0.38 * 914400)
            assert title_fits(page, measurer), page.title_text
            assert page.slots, page.title_text
            for slot in page.slots:
                assert slot.frame.box.y > box.bottom, (page.title_text, slot.content)
    short = pages_of(plan, "m/short")[0]
    assert short.title_box is None and short.title_size == 40


def test_everything_stays_on_the_slide_and_fits_its_lowered_frame(
    long_rendered: tuple[bytes, DeckPlan], measurer: Measurer
) -> None:
    _, plan = long_rendered
    levels = tuple(
        LevelStyle(m, -m, 10.0 if i == 0 else 4.0, 1.0)
        for i, m in enumerate((342900, 742950, 1085850, 1428750))
    )
    fitter = Fitter(measurer, levels)
    body_bottom = int(6.55 * 914400)
    for page in plan.slides:
        boxes = [slot.frame.box for slot in page.slots]
        if page.title_box is not None:
            boxes.append(page.title_box)
        for box in boxes:
            assert box.x >= 0 and box.y >= 0, page.title_text
            assert box.right <= SLIDE_W and box.bottom <= SLIDE_H, page.title_text
        for slot in page.slots:
            content, box = slot.content, slot.frame.box
            if page.kind != "section":
                assert box.bottom <= body_bottom, page.title_text
            if isinstance(content, TextBlock) and content.role == "body":
                height = fitter.height(content.paras, slot.frame, content.size, content.floor)
                assert height <= slot.frame.inner_height_pt, page.title_text
                assert content.size >= 18
            if isinstance(content, TableSpec):
                assert sum(content.row_heights) <= box.h, page.title_text


def test_a_slide_and_its_continuations_share_title_size_and_box(
    long_rendered: tuple[bytes, DeckPlan],
) -> None:
    _, plan = long_rendered
    for source in ("m/wall", "m/table"):
        pages = pages_of(plan, source)
        assert len(pages) >= 2 and pages[1].title_text.endswith("(cont.)")
        assert len({p.title_size for p in pages}) == 1
        assert len({p.title_box for p in pages}) == 1
        assert len({p.slots[0].frame.box.y for p in pages}) == 1


def test_a_continuation_suffix_that_wraps_gives_the_whole_series_the_taller_box(
    course: Course, theme: Theme
) -> None:
    title = (
        "Laboratory work-up at first presentation, with the usual reason for ordering each "
        "test and what an abnormal result changes for the patient"
    )  # two lines at 28 pt; with " (cont.)" three
    plan = build_plan(with_slides(course, slide("m/lab", title, big_table(40))), theme)
    pages = pages_of(plan, "m/lab")
    assert len(pages) >= 3
    assert pages[0].title_box is not None and pages[0].title_box.h > LAYOUT_TITLE_H
    assert len({p.title_box for p in pages}) == 1 and len({p.title_size for p in pages}) == 1
    assert all(p.title_size >= TITLE_MIN for p in pages)


def test_the_taller_title_is_a_placeholder_first_and_the_rule_moves_under_it(
    long_rendered: tuple[bytes, DeckPlan],
) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    blob, plan = long_rendered
    prs = Presentation(io.BytesIO(blob))
    for page, shown in zip(plan.slides, prs.slides, strict=True):
        rules = [s for s in shown.shapes if s.name == "Title Rule"]
        if page.title_box is None:
            assert shown._element.get("showMasterSp") is None and not rules
            continue
        first = next(iter(shown.shapes))
        assert first.is_placeholder and first.placeholder_format.type == PH.TITLE
        assert (first.top, first.height) == (page.title_box.y, page.title_box.h)
        assert shown._element.get("showMasterSp") == "0"  # the layout's rule is replaced
        (rule,) = rules
        body_top = min(slot.frame.box.y for slot in page.slots)
        assert page.title_box.bottom < rule.top < rule.top + rule.height < body_top
        ids = [int(e.get("id")) for e in shown._element.iter(f"{P}cNvPr")]
        assert len(ids) == len(set(ids))


def test_a_title_too_long_for_three_lines_is_cut_with_an_ellipsis(
    course: Course, theme: Theme, measurer: Measurer
) -> None:
    plan = build_plan(
        with_slides(course, slide("m/x", TOO_LONG, long_bullets(14))),
        theme,
    )
    pages = pages_of(plan, "m/x")
    assert len(pages) >= 2
    first, second = pages[0], pages[1]
    assert first.title_size == TITLE_MIN and first.title_text.endswith("…")
    assert TOO_LONG.startswith(first.title_text[:-1])
    assert second.title_text.endswith("… (cont.)")  # the suffix survives the cut
    assert all(title_fits(p, measurer) for p in pages)
    assert any("is long; cut to" in w.message for w in plan.warnings)


def test_a_section_title_is_never_set_under_title_min(course: Course, theme: Theme) -> None:
    words = " ".join(f"section{i}" for i in range(80))
    plan = build_plan(with_slides(course, slide("m/s", words, para("x"), kind="section")), theme)
    (section,) = pages_of(plan, "m/s")
    assert section.title_size >= TITLE_MIN and section.title_text.endswith("…")
    assert any("is long; cut to" in w.message for w in plan.warnings)


def test_a_title_repeated_in_each_module_is_numbered_without_a_warning() -> None:
    """"Take-home messages" in every module is the contract's own pattern (every probe
    writer renamed theirs to silence the warning); a repeat within one module is warned."""
    from types import SimpleNamespace

    from tall_teach.writers.pptx.plan import unique_titles
    from tall_teach.writers.pptx.specs import SlidePlan
    from tall_teach.writers.pptx.text import Run

    warnings: list[str] = []
    ctx = SimpleNamespace(warn=lambda source, message: warnings.append(message))

    def slide(source_id: str, title: str) -> SlidePlan:
        return SlidePlan("content", (Run(title),), 28.0, source_id=source_id)

    slides = [slide("sky/take-home-messages", "Take-home messages"),
              slide("light/take-home-messages", "Take-home messages"),
              slide("light/take-home-messages-2", "Take-home messages")]
    titles = [s.title_text for s in unique_titles(slides, ctx)]
    assert titles == ["Take-home messages", "Take-home messages (2)", "Take-home messages (3)"]
    assert len(warnings) == 1 and "'Take-home messages (3)'" in warnings[0]
