"""SVG charts carry exactly the chart data, labelled with units, in the theme's colours."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tall_teach.htmlkit.svgchart import (
    ChartStyle,
    chart_svg,
    format_value,
    value_label,
    wrap_label,
)
from tall_teach.model import Chart, Series, SourceRef

SVG = "{http://www.w3.org/2000/svg}"
STYLE = ChartStyle(("0F7C8C", "C8553D", "6C8EAD"), "1E2329", "5A6470", "D5DBE1",
                   "Carlito, Calibri, sans-serif")


def chart(kind: str, series: tuple[Series, ...], unit: str = "%",
          categories: tuple[str, ...] = ("ORR", "CR", "MRD-negative")) -> Chart:
    return Chart(kind, "A title", unit, categories, series, (), SourceRef("m.md", 3))


ONE = (Series("All patients", (57.1, 47.6, 60.0)),)
TWO = (Series("Arm A", (1.0, 2.5, 3.25)), Series("Arm B", (0.1, 0.2, 0.30000000000000004)))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == "mark"]


@pytest.mark.parametrize("kind", ["bar", "column", "line"])
@pytest.mark.parametrize("series", [ONE, TWO], ids=["one-series", "two-series"])
def test_every_mark_carries_exactly_its_value_from_the_chart_data(
    kind: str, series: tuple[Series, ...]
) -> None:
    data = chart(kind, series)
    root = parse(chart_svg(data, STYLE, "c1"))
    found = {(int(m.get("data-series")), int(m.get("data-category"))): float(m.get("data-value"))
             for m in marks(root)}
    expected = {(si, ci): v for si, s in enumerate(series) for ci, v in enumerate(s.values)}
    assert found == expected


@pytest.mark.parametrize("kind", ["bar", "column", "line", "pie"])
def test_value_labels_print_each_value_with_its_unit(kind: str) -> None:
    data = chart(kind, ONE)
    root = parse(chart_svg(data, STYLE, "c1"))
    labels = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "value-label"]
    if kind == "pie":
        assert labels == ["ORR: 57.1%", "CR: 47.6%", "MRD-negative: 60%"]
    else:
        assert labels == ["57.1%", "47.6%", "60%"]


def test_pie_draws_only_the_first_series_as_slices() -> None:
    data = chart("pie", (Series("Cases", (20.0, 80.0)), Series("ignored", (1.0, 1.0))),
                 categories=("T-ALL", "Other ALL"))
    values = [float(m.get("data-value")) for m in marks(parse(chart_svg(data, STYLE, "p")))]
    assert values == [20.0, 80.0]


def test_a_legend_appears_only_with_more_than_one_series() -> None:
    single = parse(chart_svg(chart("column", ONE), STYLE, "a"))
    double = parse(chart_svg(chart("column", TWO), STYLE, "b"))
    assert not [g for g in single.iter(f"{SVG}g") if g.get("class") == "legend"]
    legend = [g for g in double.iter(f"{SVG}g") if g.get("class") == "legend"]
    assert [t.text for t in legend[0].iter(f"{SVG}text")] == ["Arm A", "Arm B"]


def test_series_are_painted_in_the_theme_palette_order() -> None:
    root = parse(chart_svg(chart("bar", TWO), STYLE, "c"))
    fills = {m.get("data-series"): m.get("fill") for m in marks(root)}
    assert fills == {"0": "#0F7C8C", "1": "#C8553D"}


def test_chart_text_is_escaped_and_the_svg_stays_well_formed() -> None:
    hostile = "<script>alert(1)</script> ]]> &"
    data = Chart("column", hostile, hostile, (hostile, "b"), (Series(hostile, (1.0, 2.0)),
                 Series("x", (3.0, 4.0))), (), SourceRef("m.md"))
    svg = chart_svg(data, STYLE, "h")
    assert "<script>" not in svg and "]]>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == hostile


def test_the_svg_is_labelled_for_screen_readers_with_its_data() -> None:
    root = parse(chart_svg(chart("column", ONE), STYLE, "acc"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "acc-title acc-desc"
    assert root.find(f"{SVG}desc").text == "All patients: ORR: 57.1%, CR: 47.6%, MRD-negative: 60%"


def test_numbers_print_in_their_shortest_exact_form() -> None:
    assert format_value(60.0) == "60"
    assert format_value(57.1) == "57.1"
    assert format_value(0.30000000000000004) == "0.30000000000000004"
    assert format_value(-2.0) == "-2"


def test_units_are_glued_to_percent_signs_and_spaced_otherwise() -> None:
    assert value_label(94.0, "%") == "94%"
    assert value_label(12.5, "months") == "12.5 months"
    assert value_label(3.0, "") == "3"


def test_long_category_names_wrap_instead_of_being_cut() -> None:
    lines = wrap_label("Patients ineligible to HSCT with a non-ETP phenotype", 90)
    assert len(lines) > 1
    assert " ".join(lines) == "Patients ineligible to HSCT with a non-ETP phenotype"


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    count = draw(st.integers(min_value=1, max_value=6))
    names = st.text(min_size=0, max_size=30)
    categories = tuple(draw(st.lists(names, min_size=count, max_size=count)))
    series = tuple(
        Series(draw(names), tuple(draw(st.lists(finite, min_size=count, max_size=count))))
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    )
    kind = draw(st.sampled_from(["bar", "column", "line", "pie"]))
    return Chart(kind, draw(names), draw(st.sampled_from(["", "%", "months"])), categories,
                 series, (), SourceRef("m.md"))


@settings(max_examples=60, deadline=None)
@given(charts(), st.sampled_from([240, 400]))
def test_any_chart_gives_well_formed_svg_whose_marks_are_the_data(data: Chart, width: int) -> None:
    root = parse(chart_svg(data, STYLE, "prop", width))
    values = [float(m.get("data-value")) for m in marks(root)]
    drawn = data.series[:1] if data.type == "pie" else data.series
    assert values == [v for s in drawn for v in s.values] or data.type != "pie"
    if data.type != "pie":
        assert sorted(values) == sorted(v for s in drawn for v in s.values)
    for element in root.iter():
        for name in ("x", "y", "width", "height", "cx", "cy"):
            if element.get(name) is not None:
                assert "nan" not in element.get(name) and "inf" not in element.get(name)


def test_a_line_chart_of_values_far_from_zero_spreads_them_over_the_plot() -> None:
    """121 and 136 mmHg on a 0-based axis would run as two flat lines along the top."""
    far = (Series("Intensive", (121.4, 121.5, 121.6)), Series("Standard", (136.2, 135.9, 136.0)))
    root = parse(chart_svg(chart("line", far, "mmHg"), STYLE, "c1"))
    circles = [e for e in marks(root) if e.tag == f"{SVG}circle"]
    lows = [float(e.get("cy") or 0) for e in circles if float(e.get("data-value") or 0) < 130]
    highs = [float(e.get("cy") or 0) for e in circles if float(e.get("data-value") or 0) > 130]
    assert len(lows) == len(highs) == 3
    assert min(lows) - max(highs) > 60  # pixels apart, out of a 170 px plot


def test_a_line_chart_that_reaches_near_zero_keeps_a_zero_based_axis() -> None:
    root = parse(chart_svg(chart("line", ONE), STYLE, "c2"))
    axis = next(e for e in root.iter() if e.get("class") == "axis")
    bottom = float(axis.get("y1") or 0)
    cys = [float(e.get("cy") or 0) for e in marks(root)]
    assert bottom - max(cys) > 40  # 47.6 is well above a zero line


def test_pie_labels_of_crowded_small_slices_do_not_overlap() -> None:
    values = (48.0, 22.0, 11.0, 8.0, 6.0, 5.0)
    names = ("Lung", "Abdomen", "Urinary tract", "Skin", "Bloodstream", "Other")
    data = chart("pie", (Series("Share", values),), categories=names)
    root = parse(chart_svg(data, STYLE, "p"))
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "value-label"]
    assert [e.text.split(":")[0] for e in labels] == list(names)  # reading order kept
    for anchor in ("start", "end"):
        side = [e for e in labels if (e.get("text-anchor") or "start") == anchor]
        ys = sorted(float(e.get("y")) for e in side)
        assert all(b - a >= 13 for a, b in itertools.pairwise(ys)), ys
    assert list(root.iter(f"{SVG}polyline"))  # moved labels are joined to their slice


def test_a_line_of_one_denormal_value_draws_finite_coordinates() -> None:
    data = Chart("line", "t", "", ("a",), (Series("s", (2.2e-311,)),), (), SourceRef("m.md"))
    assert "nan" not in chart_svg(data, STYLE, "prop", 240)
