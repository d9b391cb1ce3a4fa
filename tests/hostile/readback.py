"""Read each output back with an independent parser, as the program that opens it would.

HTML through html5lib (the WHATWG parsing algorithm browsers use), XML through lxml,
GIFT through gift-pegjs (node), PPTX through python-pptx. Text fields that carry HTML
(Moodle, QTI and GIFT `[html]` text) are parsed a second time as HTML fragments, since
that is what the LMS renders.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .kit import REPO

GIFT_READER = REPO / "tests" / "quizexport" / "gift_read.js"  # the quiz engineer's reader
GIFT_PEGJS = REPO / "tests" / "node_modules" / "gift-pegjs"
SVG_NS = "{http://www.w3.org/2000/svg}"
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "form",
               "link", "meta"}


def squash(text: str) -> str:
    """Whitespace runs as one space: layout may wrap text, the words must stay."""
    return " ".join(text.split())


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_html(data: bytes | str) -> Any:
    import html5lib

    return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)


def parse_fragment(markup: str) -> Any:
    import html5lib

    return html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)


def fragment_text(markup: str) -> str:
    """What an LMS shows for an HTML text field: its text, <br> as a line break."""
    root = parse_fragment(markup.replace("<br>", "\n"))
    return "".join(root.itertext())


def active_elements(root: Any) -> list[str]:
    """Script-like elements and on* attributes: anything that could run or load."""
    found = []
    for element in root.iter():
        name = local(element.tag)
        if name in ACTIVE_TAGS:
            found.append(f"<{name}>")
        found += [f"{name}[{a}]" for a in element.attrib if local(a).startswith("on")]
    return found


def html_page_text(path: Path) -> str:
    body = parse_html(path.read_bytes()).find("body")
    return squash(" ".join(body.itertext()))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def quiz_page_strings(path: Path) -> list[str]:
    """The quiz page's JSON data block, as its script reads it (textContent, JSON.parse)."""
    root = parse_html(path.read_bytes())
    blocks = [s for s in root.iter("script") if s.get("id") == "quiz-data"]
    assert len(blocks) == 1, "the quiz page has one JSON data block"
    return list(_strings(json.loads(blocks[0].text or "")))


def moodle_fields(path: Path) -> list[str]:
    """Every <text> of moodle.xml, HTML ones as the LMS shows them."""
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    fields = []
    for text in tree.iter("text"):
        value = text.text or ""
        is_html = text.getparent().get("format") == "html"
        fields.append(fragment_text(value) if is_html else value)
    return fields


def moodle_html_fields(path: Path) -> list[str]:
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return [t.text or "" for t in tree.iter("text") if t.getparent().get("format") == "html"]


def qti_fields(path: Path) -> tuple[list[str], list[str]]:
    """(shown text, raw HTML) of every <mattext> in the QTI assessment files."""
    from lxml import etree

    shown, raw = [], []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            tree = etree.fromstring(archive.read(name),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
            for mattext in tree.iter("{*}mattext"):
                value = mattext.text or ""
                if mattext.get("texttype") == "text/html":
                    raw.append(value)
                    shown.append(fragment_text(value))
                else:
                    shown.append(value)
    return shown, raw


def gift_questions(path: Path) -> list[dict[str, Any]]:
    """quiz.gift parsed by gift-pegjs, through the quiz engineer's node reader."""
    node = shutil.which("node")
    if node is None or not GIFT_PEGJS.is_dir() or not GIFT_READER.is_file():
        pytest.skip("node or gift-pegjs missing: npm ci --prefix tests")
    done = subprocess.run([node, str(GIFT_READER), str(path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, f"gift-pegjs cannot read {path.name}: {done.stderr}"
    return json.loads(done.stdout)


def gift_fields(questions: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(shown text, raw HTML) of every stem, choice, feedback and title."""
    shown, raw = [], []

    def add(field: dict[str, Any] | None) -> None:
        if not field or field.get("text") is None:
            return
        if field.get("format") == "html":
            raw.append(field["text"])
            shown.append(fragment_text(field["text"]))
        else:
            shown.append(field["text"])

    for question in questions:
        if question.get("title"):
            shown.append(question["title"])
        add(question.get("stem"))
        add(question.get("globalFeedback"))
        for choice in question.get("choices") or []:
            add(choice.get("text"))
            add(choice.get("feedback"))
    return shown, raw


def pptx_strings(path: Path) -> list[str]:
    """Every text python-pptx reads from slides (shapes, groups, tables) and notes."""
    from pptx import Presentation

    def shapes_text(shapes: Any) -> Iterator[str]:
        for shape in shapes:
            if shape.shape_type == 6:  # a group
                yield from shapes_text(shape.shapes)
            if shape.has_text_frame:
                yield shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text

    found: list[str] = []
    for slide in Presentation(str(path)).slides:
        found += shapes_text(slide.shapes)
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return found


def contains(haystack: list[str] | str, needle: str) -> bool:
    """`needle` appears within one field (whitespace squashed; vertical tab is a pptx break)."""
    wanted = squash(needle)
    fields = [haystack] if isinstance(haystack, str) else haystack
    return any(wanted in squash(f.replace("\x0b", " ")) for f in fields)


# --- HTML page policy: no network, no handlers, safe links --------------------------------

_CSP_OK = re.compile(r"^('none'|'unsafe-inline'|'sha(256|384|512)-[A-Za-z0-9+/=]+'|data:)$")


def csp_problems(root: Any) -> list[str]:
    """A Content-Security-Policy meta that lets the page load nothing from the network."""
    metas = [m for m in root.iter("meta")
             if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    if len(metas) != 1:
        return [f"expected one CSP meta, found {len(metas)}"]
    directives = {}
    for part in (metas[0].get("content") or "").split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    problems = []
    if directives.get("default-src") != ["'none'"]:
        problems.append(f"default-src is {directives.get('default-src')}, not 'none'")
    for name, sources in directives.items():
        problems += [f"{name} allows {s}" for s in sources if not _CSP_OK.match(s)]
    return problems


def link_problems(root: Any) -> list[str]:
    """<a href> only http(s), mailto or an in-page #fragment; nothing else loads from a URL."""
    problems = []
    for element in root.iter():
        name = local(element.tag)
        for attr, value in element.attrib.items():
            attr_name = local(attr)
            if attr_name not in ("href", "src", "action", "formaction", "poster", "srcset",
                                 "data", "background", "cite"):
                continue
            url = value.strip().lower()
            if name == "a" and attr_name == "href":
                ok = url.startswith(("http://", "https://", "mailto:", "#"))
            elif attr_name == "href" and name in ("use",):
                ok = url.startswith("#")
            else:
                ok = url.startswith("data:")  # embedded images only; nothing fetched
            if not ok:
                problems.append(f"<{name} {attr_name}={value[:60]!r}>")
    return problems


def event_handler_attributes(root: Any) -> list[str]:
    return [f"<{local(e.tag)} {a}>" for e in root.iter() for a in e.attrib
            if local(a).startswith("on")]


def scripts(root: Any) -> list[tuple[str, str]]:
    """(type, text) of every script element, HTML or SVG."""
    return [(s.get("type") or "", s.text or "") for s in root.iter()
            if local(s.tag) == "script"]
