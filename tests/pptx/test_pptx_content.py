"""Untrusted and awkward content: escaped, limited, never breaking the deck."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from deck_course import SRC, bullets, para, slide, t

from tall_teach.model import (
    Chart,
    Choice,
    Cite,
    Column,
    Columns,
    Course,
    Link,
    Module,
    Paragraph,
    Question,
    Series,
    Table,
    Text,
)
from tall_teach.theme import Theme
from tall_teach.writers.pptx import render_with_plan
from tall_teach.writers.pptx.charts import chart_title, number_format
from tall_teach.writers.pptx.plan import format_date
from tall_teach.writers.pptx.specs import ChartSpec
from tall_teach.writers.pptx.text import Run, clean, inline_runs, safe_url, text_paras

HOSTILE = 'Tags <b>&amp; "quotes"</b>\x00\x07 ctrl, RTL שלום مرحبا, emoji 🧪, tab\there'


def hostile_course(course: Course) -> Course:
    link = Paragraph((Text("bad "), Link(t("link"), "javascript:alert(1)"), Text(" end")), SRC)
    question_only = Question("q", t("Q?"), (Choice(t("a"), True, SRC),), (), SRC)
    slides = (
        slide("h/text", HOSTILE, para(HOSTILE), link, notes=(para(HOSTILE),)),
        slide("h/long-word", "Long word", para("https://example.org/" + "x" * 400)),
        slide("h/empty", "Nothing here"),
        slide("h/question", "Only a question", question_only),
        slide("h/ragged", "Ragged", Table((t("a"), t("b")), ((t("1"),), (t("1"), t("2"), t("3"))),
                                          (), SRC)),
        slide("h/pie", "Two pies", Chart("pie", "", "people", ("x", "y"), (
            Series("s1", (1, 2)), Series("s2", (3, 4))), (), SRC)),
        slide("h/three", "Three columns", Columns(tuple(
            Column((bullets(f"col {i}"),), SRC) for i in range(3)), SRC)),
    )
    module = Module("h", "Hostile", (), "modules/h.md", slides, SRC)
    return dataclasses.replace(course, modules=(module,), title=HOSTILE)


def test_a_paragraph_that_only_labels_its_citation_is_left_out_of_the_body() -> None:
    """"Source: [@x]" would leave a bare "Source:" once the citation goes to the footer."""
    label = Paragraph((Text("Source: "), Cite(("a",))), SRC)
    data = Paragraph((Text("Adapted from: "), Cite(("a",)), Text(" with changes")), SRC)
    plain_label = Paragraph((Text("Source:"),), SRC)
    assert [p.text for p in text_paras([label, data, plain_label])] == [
        "Adapted from: with changes", "Source:"]


def test_inline_runs_drop_citations_and_tidy_the_space_they_leave() -> None:
    runs = inline_runs((Text("Rate is high "), Cite(("a",)), Text(".")))
    assert [r.text for r in runs] == ["Rate is high."]


def test_only_web_and_mail_links_are_kept() -> None:
    assert safe_url("https://x.org") == "https://x.org"
    assert safe_url("mailto:a@b.org") == "mailto:a@b.org"
    assert safe_url("javascript:alert(1)") == safe_url("file:///etc/passwd") == ""


def test_clean_removes_characters_xml_cannot_carry() -> None:
    assert clean("a\x00b\x0bc\td\ne") == "abc d e"


def test_dates_are_spelled_out_without_a_locale() -> None:
    assert format_date("2026-11-23") == "23 November 2026"
    assert format_date("not a date") == "not a date"


def test_chart_units_go_into_labels_or_the_title_by_length() -> None:
    short = ChartSpec("column", "T", "%", ("a",), (("s", (1.0,)),), "", 18)
    word = dataclasses.replace(short, unit="patients")
    long = dataclasses.replace(short, unit="arbitrary units")
    assert number_format(short) == 'General"%"'
    assert number_format(word) == 'General" patients"' and chart_title(word) == "T"
    assert number_format(long) == "General" and chart_title(long) == "T (arbitrary units)"


def test_hostile_text_renders_escaped_and_the_deck_reopens(course: Course, theme: Theme) -> None:
    from pptx import Presentation

    blob, _ = render_with_plan(hostile_course(course), theme)
    prs = Presentation(io.BytesIO(blob))
    first = prs.slides[1]
    texts = [sh.text_frame.text for sh in first.shapes if sh.has_text_frame]
    expected = clean(HOSTILE)
    assert texts[0] == f"{expected} (2)"  # the title slide has the same title
    assert texts[1] == f"{expected}\nbad link end" and "\x00" not in "".join(texts)
    assert first.notes_slide.notes_text_frame.text == expected
    assert prs.core_properties.title == expected


def test_unsafe_links_lose_their_address_but_keep_their_text(course: Course, theme: Theme) -> None:
    import zipfile

    blob, _ = render_with_plan(hostile_course(course), theme)
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        slide_xml = package.read("ppt/slides/slide2.xml").decode()
        rels = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".rels"))
    assert "bad link end" in slide_xml and "hlinkClick" not in slide_xml
    assert "javascript" not in rels


def test_awkward_content_still_gives_titled_slides_and_warnings(
    course: Course, theme: Theme
) -> None:
    from pptx import Presentation

    blob, plan = render_with_plan(hostile_course(course), theme)
    prs: Any = Presentation(io.BytesIO(blob))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "Nothing here" in titles and "Only a question" in titles
    assert sum(t.startswith("Long word") for t in titles) == 1
    messages = " ".join(w.message for w in plan.warnings)
    assert "pie chart shows one series" in messages
    assert "3 columns" in messages
    assert "more cells than the header" in messages
    ragged = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Ragged")
    table = next(sh for sh in ragged.shapes if sh.has_table).table
    assert [[c.text for c in r.cells] for r in table.rows] == [["a", "b"], ["1", ""], ["1", "2"]]


def test_runs_keep_bold_italic_and_link_styles() -> None:
    from tall_teach.model import Emph, Strong

    runs = inline_runs((Strong((Emph(t("both")),)), Link(t("go"), "https://x.org")))
    assert runs == (Run("both", bold=True, italic=True), Run("go", url="https://x.org"))


def test_a_long_unit_already_in_the_chart_title_is_not_repeated() -> None:
    spec = ChartSpec("bar", "Volumes (mL/kg)", " mL/kg", ("a",), (("s", (1.0,)),), "", 18)
    assert chart_title(spec) == "Volumes (mL/kg)"
