"""Readable charts and tables: labels that would overlap give way, short columns do not wrap."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from deck_course import SRC, bullets, slide, t

from tall_teach.model import Chart, Course, Module, Series, Slide, Table
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan, render_with_plan
from tall_teach.writers.pptx.chartfit import ChartText, label_mode, nice_steps, value_ticks
from tall_teach.writers.pptx.colwidths import CELL_PAD_X, column_widths
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.settings import load_settings
from tall_teach.writers.pptx.specs import ChartSpec, DeckPlan, TableSpec
from tall_teach.writers.pptx.template import EMU_PER_PT, Box
from tall_teach.writers.pptx.text import Run
from tall_teach.writers.pptx.visuals import split_rows

INCH = 914400
FULL = Box(0, 0, int(12.13 * INCH), int(4.73 * INCH))  # the content area of the default theme
HALF = Box(0, 0, int(5.84 * INCH), int(4.73 * INCH))  # one side of a two-content slide
TESTS = ["ECG", "Chest radiograph", "Echo", "Cardiac MRI", "Angiography", "Genetics"]


@pytest.fixture(scope="module")
def measurer(theme: Theme) -> Measurer:
    settings = load_settings(theme)
    return Measurer(settings.fonts(), settings.line_height)


def width(measurer: Measurer) -> Any:
    return lambda text, size: measurer.width(text, size, "bold")


def chart_text(
    kind: str, categories: list[str], *series: list[float], unit: str = "%"
) -> ChartText:
    labels = [[f"{v:g}{unit}" for v in values] for values in series]
    return ChartText(kind, "A chart", categories, series, labels, 18.0, unit)


def with_slides(course: Course, *slides: Slide) -> Course:
    module = Module("m", "Module", (), "modules/m.md", tuple(slides), SRC)
    return dataclasses.replace(course, modules=(module,))


def charts(plan: DeckPlan) -> list[ChartSpec]:
    return [s.content for p in plan.slides for s in p.slots if isinstance(s.content, ChartSpec)]


def test_few_bars_carry_their_values_as_labels(measurer: Measurer) -> None:
    chart = chart_text("column", ["ORR", "CR"], [57.1, 47.6])
    assert label_mode(chart, HALF, width(measurer)) == "all"
    assert label_mode(chart_text("bar", ["CR", "PR"], [56, 22]), HALF, width(measurer)) == "all"


def test_three_series_of_bars_in_half_a_slide_give_way_to_a_value_axis(
    measurer: Measurer,
) -> None:
    chart = chart_text(
        "bar", TESTS, [92, 64, 100, 88, 55, 12], [85, 51, 100, 71, 43, 8], [70, 40, 100, 62, 31, 4]
    )
    assert label_mode(chart, HALF, width(measurer)) == "none"
    step, top = value_ticks(chart, HALF, width(measurer))
    assert step in (20, 25, 50) and top >= 100 and top / step <= 6  # a few unrotated ticks


def test_lines_that_run_together_keep_only_their_end_labels_or_none(measurer: Measurer) -> None:
    weeks = ["D0", "W1", "W2", "W3", "W6", "M3", "M6"]
    apart_at_end = chart_text(
        "line",
        weeks,
        [5, 22, 41, 55, 62, 70, 72],
        [4, 6, 9, 11, 15, 20, 24],
        [3, 4, 5, 7, 9, 12, 15],
    )
    assert label_mode(apart_at_end, FULL, width(measurer)) == "last"
    together = chart_text("line", weeks, [1, 2, 3, 4, 5, 6, 7], [1.2, 2.1, 3.3, 4.2, 5.1, 6.2, 7.1])
    assert label_mode(together, FULL, width(measurer)) == "none"
    far = chart_text("line", ["2019", "2020", "2021"], [80, 85, 90], [10, 12, 15])
    assert label_mode(far, FULL, width(measurer)) == "all"


def test_nice_steps_are_round_and_at_most_ten_ticks() -> None:
    steps = nice_steps(100)
    assert steps[0] == 10 and 25 in steps and all(100 / s <= 10 for s in steps)


def test_the_deck_draws_end_labels_and_value_axes_as_planned(course: Course, theme: Theme) -> None:
    from pptx import Presentation

    weeks = ["D0", "W1", "W2", "W3", "W6", "M3", "M6"]
    line = Chart(
        "line",
        "Uptake",
        "%",
        tuple(weeks),
        (
            Series("Intensive", (5, 22, 41, 55, 62, 70, 72)),
            Series("Usual", (4, 6, 9, 11, 15, 20, 24)),
            Series("Registry", (3, 4, 5, 7, 9, 12, 15)),
        ),
        (),
        SRC,
    )
    bars = Chart(
        "bar",
        "Yield",
        "%",
        tuple(TESTS),
        tuple(
            Series(name, values)
            for name, values in (
                ("A", (92, 64, 100, 88, 55, 12)),
                ("B", (85, 51, 100, 71, 43, 8)),
                ("C", (70, 40, 100, 62, 31, 4)),
            )
        ),
        (),
        SRC,
    )
    deck = with_slides(
        course,
        slide("m/l", "Uptake", line),
        slide("m/b", "Yield", bars, bullets("Every patient needs an echo")),
    )
    blob, plan = render_with_plan(deck, theme)
    assert [c.labels for c in charts(plan)] == ["last", "none"]
    shapes = [s for sl in Presentation(io.BytesIO(blob)).slides for s in sl.shapes]
    line_chart, bar_chart = (s.chart for s in shapes if s.has_chart)
    plot = line_chart.plots[0]._element
    points = plot.xpath("./c:ser/c:dLbls/c:dLbl")
    assert [p.xpath("./c:idx/@val")[0] for p in points] == ["6", "6", "6"]
    assert all(p.xpath("./c:numFmt/@formatCode")[0] == 'General"%"' for p in points)
    assert plot.xpath("./c:dLbls/c:showVal/@val") == ["0"]
    assert not bar_chart.plots[0].has_data_labels
    value = bar_chart.value_axis
    assert value.has_major_gridlines and value.major_unit == charts(plan)[1].axis_step
    assert value._element.xpath("./c:crosses/@val") == ["max"]  # at the bottom, not the top
    assert value._element.xpath("./c:tickLblPos/@val") != ["none"]


def test_short_columns_stay_on_one_line_beside_a_long_notes_column(
    measurer: Measurer,
) -> None:
    doses = [(f"Drug {i}", "2.5 mg twice daily", "10 mg once daily", "") for i in range(10)]
    note = (
        "Check potassium and creatinine at 1 and 4 weeks after starting and after "
        "every dose change, then every 4 months"
    )
    doses.append(("Spironolactone", "25 mg once daily", "50 mg once daily", note))
    runs = [tuple((Run(cell),) if cell else () for cell in row) for row in doses]
    head = tuple((Run(c, bold=True),) for c in ("Drug", "Starting dose", "Target dose", "Notes"))
    columns = list(zip(*[head, *runs], strict=True))
    widths = column_widths(columns, FULL.w, 20.0, measurer, strict=True)
    assert widths is not None and sum(widths) == FULL.w
    for col in (1, 2):
        inner = (widths[col] - 2 * CELL_PAD_X) / EMU_PER_PT
        assert all(measurer.line_count(r[col], inner, 20.0) == 1 for r in runs)
    notes = (widths[3] - 2 * CELL_PAD_X) / EMU_PER_PT
    assert measurer.line_count(runs[-1][3], notes, 20.0) <= 4


def test_a_split_table_has_pieces_that_differ_by_one_row_at_most() -> None:
    pieces = split_rows(10, [10] * 22, [65, 65], max_rows=10)
    assert [len(p) for p in pieces] == [5, 5, 4, 4, 4]
    assert [i for p in pieces for i in p] == list(range(22))


def test_a_doses_table_is_not_split_into_a_stub(course: Course, theme: Theme) -> None:
    rows = tuple(
        (t(f"Drug {i}"), t("2.5 mg twice daily"), t("10 mg once daily")) for i in range(22)
    )
    table = Table((t("Drug"), t("Start"), t("Target")), rows, (), SRC)
    plan = build_plan(with_slides(course, slide("m/d", "Doses", table)), theme)
    sizes = [
        len(s.content.rows)
        for p in plan.slides
        for s in p.slots
        if isinstance(s.content, TableSpec)
    ]
    assert sum(sizes) == 22 and max(sizes) - min(sizes) <= 1


def test_a_slide_and_its_continuations_share_one_title_size(course: Course, theme: Theme) -> None:
    title = (
        "Laboratory work-up at first presentation: all the tests, with the usual reason "
        "for ordering each one and what an abnormal result changes"
    )
    rows = tuple((t(f"Test {i}"), t("Why it is ordered")) for i in range(26))
    table = Table((t("Test"), t("Why")), rows, (), SRC)
    plan = build_plan(with_slides(course, slide("m/lab", title, table)), theme)
    pages = [p for p in plan.slides if p.source_id == "m/lab"]
    assert len(pages) >= 3 and pages[1].title_text.endswith("(cont.)")
    assert len({p.title_size for p in pages}) == 1
