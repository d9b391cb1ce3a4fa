"""The quiz page as a file: inert embedded JSON, a strict CSP, theme colours, no HTML sinks."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape

import html5lib

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers import quiz_html

DATA_RE = re.compile(r'<script type="application/json" id="quiz-data">(.*?)</script>', re.S)
SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.S)
STYLE_RE = re.compile(r"<style>(.*?)</style>", re.S)


def page(course: Course, theme: Theme) -> str:
    return quiz_html.render(course, theme)["quiz/quiz.html"].decode("utf-8")


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_embedded_json_cannot_close_its_script_element(course: Course, theme: Theme) -> None:
    raw = DATA_RE.search(page(course, theme)).group(1)
    for char in "<>&\u2028\u2029":
        assert char not in raw
    data = json.loads(raw)
    assert [i["id"] for i in data["items"]] == [i.id for i in course.items]
    script_item = next(i for i in data["items"] if i["id"] == "tt-m01-script")
    assert "</script><script>" in script_item["options"][0]["text"], "content is kept literally"


def test_hostile_content_creates_no_elements(course: Course, theme: Theme) -> None:
    html = page(course, theme)
    assert html.count("<script") == 2, "only the data block and the page script"
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert len(document.findall(".//script")) == 2
    assert document.findall(".//img") == []


def test_the_csp_allows_no_network_and_only_the_pages_own_script_and_style(
    course: Course, theme: Theme
) -> None:
    html = page(course, theme)
    attribute = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    csp = unescape(attribute.group(1))
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == sha256_source(SCRIPT_RE.search(html).group(1))
    assert directives["style-src"] == sha256_source(STYLE_RE.search(html).group(1))
    assert "connect-src" not in directives, "falls back to default-src 'none'"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"


def test_the_page_script_never_parses_content_as_html(theme: Theme) -> None:
    source = theme.file("quiz/quiz.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source
    assert "textContent" in source


def test_the_page_uses_the_theme_colours(course: Course, theme: Theme) -> None:
    html = page(course, theme)
    assert f"--primary:#{theme.get('colors.primary')}" in html
    assert f"--accent:#{theme.get('colors.accent')}" in html


def test_a_theme_colour_that_is_not_hex_cannot_inject_css(course: Course, theme: Theme) -> None:
    settings = {**theme.settings, "colors": {"primary": "red;}</style><script>alert(1)</script>"}}
    hostile = Theme(name="hostile", roots=theme.roots, settings=settings)
    html = page(course, hostile)
    assert "alert(1)" not in html
    assert "--primary:#1F3A5F" in html


def test_the_page_is_self_contained(course: Course, theme: Theme) -> None:
    html = page(course, theme)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "@import" not in html and "url(http" not in html


def test_an_empty_quiz_still_renders_a_page(course: Course, theme: Theme) -> None:
    import dataclasses

    html = page(dataclasses.replace(course, items=()), theme)
    assert "no quiz questions yet" in html


def test_two_renders_give_the_same_bytes(course: Course, theme: Theme) -> None:
    assert page(course, theme) == page(course, theme)
