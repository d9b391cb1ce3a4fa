"""One chart convention: data labels with units as the handout writes them, text left and
chart right, and the compared category emphasised where the slide's text says so."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from deck_course import SRC, slide

from tall_teach.model import (
    BulletList,
    Chart,
    Course,
    ListItem,
    Module,
    Series,
    Slide,
    Strong,
    Text,
)
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan, render_with_plan
from tall_teach.writers.pptx.specs import ChartSpec, DeckPlan, TextBlock

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def chart(kind: str = "column", unit: str = "%", cats: tuple[str, ...] = ("ETP", "non-ETP"),
          values: tuple[float, ...] = (100, 44.4)) -> Chart:
    return Chart(kind, "Remission rate", unit, cats, (Series("Rate", values),), (), SRC)


def said(*inlines: Any) -> BulletList:
    return BulletList((ListItem(tuple(inlines), (), SRC),), SRC)


def course_of(course: Course, *slides: Slide) -> Course:
    module = Module("m", "Module", (), "modules/m.md", tuple(slides), SRC)
    return dataclasses.replace(course, modules=(module,))


def chart_of(plan: DeckPlan, sid: str) -> tuple[Any, ChartSpec]:
    page = next(s for s in plan.slides if s.source_id == sid)
    return page, next(s.content for s in page.slots if isinstance(s.content, ChartSpec))


def test_a_category_the_slide_writes_in_bold_is_emphasised(course: Course, theme: Theme) -> None:
    text = said(Text("Higher remission rate in "), Strong((Text("ETP"),)), Text(" than non-ETP"))
    plan = build_plan(course_of(course, slide("m/e", "By ETP status", chart(), text)), theme)
    assert chart_of(plan, "m/e")[1].emphasis == (0,)


def test_no_bold_or_every_category_bold_emphasises_nothing(course: Course, theme: Theme) -> None:
    plain = said(Text("Higher remission rate in ETP"))
    both = said(Strong((Text("ETP"),)), Text(" and "), Strong((Text("non-ETP"),)))
    plan = build_plan(course_of(course, slide("m/a", "A", chart(), plain),
                                slide("m/b", "B", chart(), both)), theme)
    assert chart_of(plan, "m/a")[1].emphasis == chart_of(plan, "m/b")[1].emphasis == ()


def test_the_emphasised_bar_is_drawn_in_the_second_accent(course: Course, theme: Theme) -> None:
    from pptx import Presentation

    text = said(Text("Higher in "), Strong((Text("non-ETP"),)))
    blob, _ = render_with_plan(course_of(course, slide("m/e", "Emphasis", chart(), text)), theme)
    prs = Presentation(io.BytesIO(blob))
    frame = next(sh for s in prs.slides for sh in s.shapes if sh.has_chart)
    points = frame.chart.plots[0].series[0]._element.findall(f"{C}dPt")
    colours = {int(p.find(f"{C}idx").get("val")): p.find(f".//{A}schemeClr").get("val")
               for p in points}
    assert colours == {1: "accent2"}  # the others keep the series' accent1


def test_labels_carry_the_unit_as_the_handout_writes_it(course: Course, theme: Theme) -> None:
    from pptx import Presentation

    sizes = chart("bar", "bytes", ("UDP", "TCP", "IPv4", "IPv6"), (8, 20, 20, 40))
    blob, plan = render_with_plan(course_of(course, slide("m/h", "Header sizes", sizes)), theme)
    spec = chart_of(plan, "m/h")[1]
    assert spec.labels == "all"  # a horizontal bar chart is labelled
    prs = Presentation(io.BytesIO(blob))
    labelled = next(sh for s in prs.slides for sh in s.shapes if sh.has_chart).chart.plots[0]
    assert labelled.has_data_labels
    assert labelled.data_labels.number_format == 'General" bytes"'


def test_text_stands_left_and_the_chart_right_on_every_slide(course: Course, theme: Theme
                                                             ) -> None:
    first = slide("m/1", "Chart first", chart(), said(Text("A point")))
    second = slide("m/2", "Text first", said(Text("A point")), chart())
    plan = build_plan(course_of(course, first, second), theme)
    for sid in ("m/1", "m/2"):
        page = next(s for s in plan.slides if s.source_id == sid)
        text = next(s.frame.box for s in page.slots if isinstance(s.content, TextBlock))
        drawn = next(s.frame.box for s in page.slots if isinstance(s.content, ChartSpec))
        assert page.kind == "two_content" and text.right <= drawn.x


def test_the_handout_chart_marks_the_same_category() -> None:
    import re

    from tall_teach.htmlkit.svgchart import ChartStyle, chart_svg
    from tall_teach.model import chart_emphasis

    blocks = (said(Text("Higher in "), Strong((Text("non-etp"),))),)  # case does not matter
    emphasis = chart_emphasis(chart(), blocks)
    style = ChartStyle(("0E7382", "B04732"), "1E2329", "5F6B7A", "DDE3EA", "sans-serif",
                       emphasis)
    fills = re.findall(r'<rect [^>]*fill="#(\w+)"', chart_svg(chart(), style, "c"))
    assert emphasis == (1,) and fills == ["0E7382", "B04732"]
    assert chart_emphasis(chart("line"), blocks) == ()  # lines keep one colour a series
