"""handout.html: valid, self-contained, offline, accessible, and course text always escaped."""

from __future__ import annotations

import itertools
import re

import html5lib
import pytest

from tall_teach.model import Course
from tall_teach.theme import Theme

from .handout_course import HOSTILE

NS = "{http://www.w3.org/1999/xhtml}"


def parse(html: bytes):  # type: ignore[no-untyped-def]
    """Strict HTML5 parsing: any parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)


@pytest.fixture(scope="module")
def hostile_html(hostile_course: Course, theme: Theme) -> str:
    from tall_teach.writers.handout import render_html_only

    return render_html_only(hostile_course, theme)


def test_the_page_parses_without_a_single_html5_error(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    assert root.get("lang") == "en"


def test_the_outline_page_parses_too(outline_rendered: dict[str, bytes]) -> None:
    parse(outline_rendered["handout.html"])


def test_the_page_declares_a_policy_that_allows_no_network(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    csp = [m.get("content") for m in root.iter(f"{NS}meta")
           if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'")
    assert "http" not in csp[0]


def test_nothing_is_loaded_from_anywhere_but_data_uris(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    assert not list(root.iter(f"{NS}script")) and not list(root.iter(f"{NS}link"))
    for element in root.iter():
        for attr in ("src", "srcset", "poster", "data"):
            value = element.get(attr)
            assert value is None or value.startswith("data:"), (element.tag, value)
        href = element.get("href")
        if href is not None and element.tag != f"{NS}a":
            pytest.fail(f"{element.tag} has href {href}")
    style = "".join(s.text or "" for s in root.iter(f"{NS}style"))
    assert "@import" not in style
    assert style.count("url(") == len(re.findall(r"url\(\s*['\"]?data:", style))


def test_links_are_internal_anchors_or_http_or_mailto(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for a in root.iter(f"{NS}a"):
        href = a.get("href")
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert re.match(r"^(https?://|mailto:)", href), href
    assert b"javascript:" not in rendered["handout.html"]


def test_every_image_has_alt_text_and_the_page_has_landmarks(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    assert all(img.get("alt") is not None for img in root.iter(f"{NS}img"))
    tags = {e.tag.removeprefix(NS) for e in root.iter()}
    assert {"header", "nav", "main"} <= tags


def test_headings_never_skip_a_level(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    levels = [int(e.tag[-1]) for e in root.iter() if re.fullmatch(rf"{re.escape(NS)}h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_every_slide_title_and_reference_number_is_on_the_page(
    rendered: dict[str, bytes], course: Course
) -> None:
    text = rendered["handout.html"].decode()
    for slide in course.slides():
        assert f'id="s-{slide.id.replace("/", "-")}"' in text
    for number in range(1, len(course.references) + 1):
        assert f'id="ref-{number}"' in text


def test_hostile_course_text_comes_out_escaped_everywhere(hostile_html: str) -> None:
    assert "<script" not in hostile_html
    assert "]]>" not in hostile_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;" in hostile_html
    root = parse(hostile_html.encode())  # strict: control characters were dropped
    assert root.find(f".//{NS}title").text == f"T-ALL in adult patients {HOSTILE}"
    alts = [img.get("alt") for img in root.iter(f"{NS}img")]
    assert f"A teal bar {HOSTILE}" in alts


def test_the_charts_are_inline_svg_with_the_chart_values(rendered: dict[str, bytes]) -> None:
    root = parse(rendered["handout.html"])
    svg = "{http://www.w3.org/2000/svg}"
    values = [float(m.get("data-value")) for m in root.iter(f"{svg}rect")
              if m.get("class") == "mark"]
    assert values[:2] == [57.1, 47.6]


def test_course_language_sets_lang_and_translates_the_furniture(
    course: Course, theme: Theme
) -> None:
    import dataclasses

    from tall_teach.writers.handout import render_html_only

    italian = render_html_only(dataclasses.replace(course, language="it"), theme)
    assert '<html lang="it">' in italian
    assert ">Bibliografia</h2>" in italian and "23 novembre 2026" in italian
