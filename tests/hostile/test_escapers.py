"""Properties: the reader only ever raises ContentError, and every escaper round-trips
arbitrary text through an independent parser (html5lib, lxml, gift-pegjs).

The module-text property lives in tests/reader/test_properties.py; here are course.yaml,
the bibliography, the glossary and chart YAML, then the output escapers.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tall_teach.errors import ContentError
from tall_teach.model import (
    Code,
    Course,
    Emph,
    Glossary,
    HandoutSettings,
    Link,
    Option,
    QuizItem,
    QuizSettings,
    SourceRef,
    Strong,
    Text,
)

from . import readback as rb

pytestmark = pytest.mark.xdist_group("hostile-properties")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the reader: any YAML text is read or refused with a ContentError ---------------------

YAML_SYNTAX = [
    "\n", "  ", "- ", ": ", "title: ", "modules:\n", "  - modules/one.md\n", "modules: [", "]",
    "{", "}", "&a ", "*a", "!!python/object:os.system ", "!!binary ", "!!set ", "? ", "|\n",
    ">\n", "'", '"', "#", "\t", "---\n", "...\n", "%YAML 1.2\n", "~", "null", "yes", "1e9999",
    "2026-13-45", "0x1F", ".inf", "references:\n", "  - id: k\n", "    author: ", "[{family: A}]",
    "issued: {date-parts: [[2020]]}", "quiz:\n", "  seed: ", "  formats: [gift, ", "handout:\n",
    "theme: ", "../../etc/passwd", "/etc/hosts", "https://example.org/x", "\ufeff", "\r\n", "\x00",
    "é", "🙂", "<<: *a\n", "bibliography: ", "glossary: ", "type: ", "categories: [a, b]\n",
    "series:\n", "  - name: s\n    values: [1, x]\n", "values: [1e308, -1e308, .nan]\n",
]
yamlish = st.lists(st.one_of(st.sampled_from(YAML_SYNTAX), st.text(max_size=10)),
                   max_size=30).map("".join)

MODULE = "## A slide\n\n- a bullet\n"


@pytest.fixture(scope="module")
def course_folder() -> Iterator[Path]:
    """One folder reused by every example: files are rewritten, never accumulated."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "course"
        (root / "modules").mkdir(parents=True)
        (root / "modules" / "one.md").write_text(MODULE, encoding="utf-8")
        yield root


def read_or_content_error(root: Path) -> None:
    from tall_teach.reader import read_course

    try:
        read_course(root)
    except ContentError as error:
        assert error.diagnostics
        assert all(d.severity == "error" for d in error.diagnostics)


def write(root: Path, name: str, text: str) -> None:
    (root / name).write_bytes(text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.one_of(yamlish, st.text(max_size=300)))
def test_any_course_yaml_reads_or_raises_content_error(course_folder: Path, text: str) -> None:
    write(course_folder, "course.yaml", text)
    read_or_content_error(course_folder)


KEYS = ["title", "subtitle", "authors", "date", "language", "theme", "bibliography", "glossary",
        "modules", "handout", "quiz", "institution", "titel", "Modules", "quiz ", "id"]
VALUES = ["x", "", "[a, b]", "{a: 1}", "1", "-1", "4.5", "yes", "null", "~", "[modules/one.md]",
          "[modules/one.md, modules/one.md]", "[modules/none.md]", "[../x.md]", "[/etc/hosts]",
          "{seed: x, options: 9, per_message: -1, formats: [gift, foo]}", "{formats: gift}",
          "{layout: outline, paper: letter}", "{layout: slides, papers: a4}", "2026-02-30",
          "default", "./nowhere", "../..", "!!python/object:os.system x", "&a x", "*a",
          "references.yaml", "'[@x]'", "[[[]]]", "{{}}"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.one_of(st.sampled_from(VALUES),
                                                          st.text(max_size=8))), max_size=8))
def test_any_course_settings_read_or_raise_content_error(
    course_folder: Path, pairs: list[tuple[str, str]]
) -> None:
    """Mappings of real and wrong keys to odd values: the schema checks, not the YAML parser."""
    lines = [f"{key}: {value}" for key, value in pairs]
    write(course_folder, "course.yaml", "\n".join([*lines, "modules: [modules/one.md]"]) + "\n")
    read_or_content_error(course_folder)


@FAST
@given(yamlish)
def test_any_bibliography_reads_or_raises_content_error(course_folder: Path, text: str) -> None:
    write(course_folder, "course.yaml", "title: T\nbibliography: refs.yaml\n"
          "modules: [modules/one.md]\n")
    write(course_folder, "refs.yaml", text)
    read_or_content_error(course_folder)


@FAST
@given(yamlish)
def test_any_glossary_reads_or_raises_content_error(course_folder: Path, text: str) -> None:
    write(course_folder, "course.yaml",
          "title: T\nglossary: terms.yaml\nmodules: [modules/one.md]\n")
    write(course_folder, "terms.yaml", text)
    read_or_content_error(course_folder)


@FAST
@given(st.one_of(yamlish, st.text(max_size=200)))
def test_any_chart_yaml_reads_or_raises_content_error(text: str) -> None:
    from tall_teach.reader import read_module_text

    with contextlib.suppress(ContentError):
        read_module_text(f"## Chart\n\n```chart\n{text}\n```\n", "modules/m.md", known_keys=set())


@FAST
@given(st.lists(st.sampled_from(["bar", "column", "line", "pie", "1", "-1", "0", "1e308", "x",
                                 "", "null", "[]", "{}", ".nan", ".inf"]), min_size=6, max_size=6))
def test_odd_chart_values_read_or_raise_content_error(words: list[str]) -> None:
    from tall_teach.reader import read_module_text

    chart = (f"type: {words[0]}\ncategories: [{words[1]}, {words[2]}]\n"
             f"series:\n  - name: {words[3]}\n    values: [{words[4]}, {words[5]}]\n")
    with contextlib.suppress(ContentError):
        read_module_text(f"## Chart\n\n```chart\n{chart}```\n", "modules/m.md", known_keys=set())


# --- escapers: arbitrary text survives an independent parser ------------------------------

# Text a document can carry: no surrogates, no NUL (HTML drops it, XML forbids it), no CR
# (every parser turns it into LF), no other character XML 1.0 forbids.
_XML_FORBIDDEN = {*map(chr, range(0x20))} - {"\t", "\n"} | {"\ufffe", "\uffff"}
carried = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(_XML_FORBIDDEN))
hostile = st.one_of(carried, st.sampled_from(
    ["<", ">", "&", '"', "'", "]]>", "<![CDATA[", "<script>", "</p>", "&amp;", "&#x3c;", "--",
     "<!--", "~", "=", "#", "{", "}", ":", "\\", "%", "[", "]", "\u202e", "\u2028", "\u0301", "🙂",
     "\n", "\t", " "]))
any_text = st.lists(hostile, max_size=40).map("".join)
some_text = any_text.filter(lambda s: s.strip() != "")


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_inline_text_reads_back_literally_through_html5lib(text: str) -> None:
    from tall_teach.htmlkit.inline import inlines_to_html

    markup = inlines_to_html([Text(text)])
    root = rb.parse_fragment(markup)
    assert "".join(root.itertext()) == text
    assert list(root) == []  # text only: no element came out of content


@settings(max_examples=300, deadline=None)
@given(any_text, any_text, any_text)
def test_styled_inlines_keep_their_text_and_only_our_elements(a: str, b: str, c: str) -> None:
    from tall_teach.htmlkit.inline import inlines_to_html

    markup = inlines_to_html([Strong((Text(a),)), Emph((Text(b),)), Code(c)])
    root = rb.parse_fragment(markup)
    assert [e.tag for e in root] == ["strong", "em", "code"]
    assert [e.text or "" for e in root] == [a, b, c]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["https://example.org/?a=1&b=2", "mailto:a@b.org", "HTTP://X",
                                  "javascript:alert(1)", " javascript:x", "data:text/html,x",
                                  "vbscript:x", "file:///etc/passwd", "//example.org/x"]),
                 any_text, any_text.map(lambda s: "https://example.org/" + s)), any_text)
def test_links_keep_safe_urls_exactly_and_drop_the_rest(url: str, label: str) -> None:
    from tall_teach.htmlkit.inline import inlines_to_html

    root = rb.parse_fragment(inlines_to_html([Link((Text(label),), url)]))
    anchors = [e for e in root.iter() if e.tag == "a"]
    assert "".join(root.itertext()) == label
    safe = url.strip().lower().startswith(("http://", "https://", "mailto:"))
    assert [a.get("href") for a in anchors] == ([url.strip()] if safe else [])
    assert rb.event_handler_attributes(root) == []


def one_item_course(items: list[tuple[str, list[str]]], title: str = "Course") -> Course:
    """A course holding one authored item per (stem, options), the first option correct."""
    quiz_items = tuple(
        QuizItem(id=f"q{i}", kind="authored", stem=stem,
                 options=tuple(Option(text, k == 0) for k, text in enumerate(options)),
                 explanation=stem, module_id="m", module_title=title, slide_id="m/s",
                 slide_title=title, citations=(), source=SourceRef("modules/m.md", i + 1))
        for i, (stem, options) in enumerate(items))
    return Course(id="course", root="/nonexistent", title=title, subtitle="", authors=(),
                  date="", language="en", theme="default", modules=(), references=(),
                  glossary=Glossary(), handout=HandoutSettings(), quiz=QuizSettings(),
                  source=SourceRef("course.yaml", 1), items=quiz_items)


@pytest.fixture(scope="module")
def theme() -> object:
    from tall_teach.theme import load_theme

    return load_theme("default")


def moodle_questions(data: bytes) -> list[tuple[str, list[str]]]:
    """(stem, options) of each multichoice question, as Moodle shows them."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for question in root.iter("question"):
        if question.get("type") != "multichoice":
            continue
        stem = rb.fragment_text(question.findtext("questiontext/text") or "")
        options = [rb.fragment_text(a.findtext("text") or "") for a in question.iter("answer")]
        found.append((stem, options))
    return found


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=some_text, options=st.lists(some_text, min_size=3, max_size=5), title=some_text)
def test_moodle_xml_reads_back_every_stem_and_option_through_lxml(
    theme: object, stem: str, options: list[str], title: str
) -> None:
    from tall_teach.writers import moodle

    data = moodle.render(one_item_course([(stem, options)], title), theme)["quiz/moodle.xml"]
    assert moodle_questions(data) == [(stem, options)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=some_text, options=st.lists(some_text, min_size=3, max_size=5), title=some_text)
def test_qti_reads_back_every_stem_and_option_through_lxml(
    theme: object, stem: str, options: list[str], title: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from tall_teach.writers import qti

    path = tmp_path_factory.mktemp("qti") / "qti.zip"
    path.write_bytes(qti.render(one_item_course([(stem, options)], title), theme)["quiz/qti.zip"])
    shown, raw = rb.qti_fields(path)
    assert stem in shown
    assert all(option in shown for option in options)
    assert all(rb.active_elements(rb.parse_fragment(r)) == [] for r in raw)


# GIFT: one node run per hypothesis example, each example a batch of questions. Importers
# trim the ends of every field (gift-pegjs with JavaScript's trim(), which also drops
# U+FEFF), so the texts tried here have no space at their ends: the escaping is under test.
EDGE_SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\ufeff"
gift_text = some_text.map(lambda s: s.strip(EDGE_SPACE)).filter(bool)
gift_item = st.tuples(gift_text, st.lists(gift_text, min_size=3, max_size=4))


@pytest.mark.slow
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(gift_item, min_size=40, max_size=40), title=gift_text)
def test_gift_reads_back_every_stem_and_option_through_gift_pegjs(
    theme: object, items: list[tuple[str, list[str]]], title: str,
    tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tall_teach.writers import gift

    path = tmp_path_factory.mktemp("gift") / "quiz.gift"
    path.write_bytes(gift.render(one_item_course(items, title), theme)["quiz/quiz.gift"])
    questions = [q for q in rb.gift_questions(path) if q["type"] != "Category"]
    assert len(questions) == len(items)
    for (stem, options), question in zip(items, questions, strict=True):
        shown = [rb.fragment_text(c["text"]["text"]) for c in question["choices"]]
        read_back = (question["type"], rb.fragment_text(question["stem"]["text"]), shown,
                     [c["isCorrect"] for c in question["choices"]])
        assert read_back == ("MC", stem, options, [k == 0 for k in range(len(options))])


def test_a_column_chart_of_many_categories_draws_no_negative_width() -> None:
    """100 categories of 4 series: each column is thin but never negative (was -0.6 px)."""
    import re

    from tall_teach.htmlkit.svgchart import ChartStyle, chart_svg
    from tall_teach.model import Chart, Series, SourceRef

    categories = tuple(f"k{i}" for i in range(100))
    series = tuple(Series(f"s{s}", tuple(float(i % 7 + 1) for i in range(100)))
                   for s in range(4))
    chart = Chart("column", "Many", "", categories, series, (), SourceRef("m.md", 1))
    style = ChartStyle(series=("111111",) * 5, text="222222", muted="333333", grid="444444",
                       font_family="Carlito")
    svg = chart_svg(chart, style, "c1")
    widths = [float(w) for w in re.findall(r'<rect [^>]*?width="([-0-9.]+)"', svg)]
    assert len(widths) >= 400 and min(widths) > 0
