"""The handout page cut into chunks WeasyPrint lays out one by one.

The cover, the contents, one chunk per module, the back matter (glossary,
references): each is a complete HTML document with the page's own <head>, so the
theme's CSS applies unchanged. What one document did across chunks is redone here:

- a link to an anchor in another chunk becomes `tt-anchor:<id>` (WeasyPrint keeps it as
  a URI link with its rectangle) and the assembler turns it back into a link to the
  named destination;
- the contents page's `target-counter(..., page)` numbers become literal numbers
  (`data-tt-page`), known once the other chunks are laid out;
- a chunk after the front matter is not the document's first page: the theme's plain
  `@page` rules are repeated for `@page :first`, and the strings the front matter
  sets for running headers are set at the chunk's start;
- "page x of y" is not drawn in the chunks at all but stamped afterwards (the total is
  only known at the end), see `assemble.footer_html`.

A module of more than `PART_CARDS` cards is laid out in parts of at most that many
(a 2,400-slide module was one WeasyPrint document of 605 pages: 1.5 GB and one core).
Each part starts on a new page, the one difference from one document, where only a
module starts a page. A part after the first is a `<section>` of the module's classes
without its id, and sets the running strings the module's title sets from its
`data-running` attribute (the `string-set: NAME attr(data-running)` rules of the CSS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MARK = "tt-anchor:"
TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(\s*href(?:\s+url)?\s*\)\s*,\s*page\s*\)")
FOOTER_BOX = "bottom-right"  # where html.root_css puts "page x of y"
CONTENTS = "contents"  # the chunk whose page numbers point into the others
PART_CARDS = 100  # a module's cards laid out in one chunk at most (about 25 pages)
RUNNING = re.compile(r"string-set\s*:\s*([-\w]+)\s+attr\(\s*data-running\s*\)", re.I)


@dataclass(frozen=True)
class Chunk:
    """One part of the handout as its own HTML document."""

    name: str  # "cover", CONTENTS, a module's anchor, "back"
    html: str
    cost: int  # rough layout cost (elements), to balance the two lanes


def _block_end(css: str, start: int) -> int:
    """Index after the `}` closing the block opened at `start` (strings respected)."""
    depth, i, quote = 0, start, ""
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(css)


def _page_rules(css: str) -> list[str]:
    """The bodies of the stylesheet's `@page` rules without a selector (a scan, not a parse:
    tinycss2 takes 0.1 s over the theme's stylesheet, once per chunk)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [css[m.end() : _block_end(css, m.end() - 1) - 1]
            for m in re.finditer(r"@page\s*\{", css, flags=re.I)]


def chunk_css(css: str, strings: dict[str, str], first: bool) -> str:
    """Author CSS appended to every chunk: no footer, and the document's first page only once."""
    from tall_teach.writers.handout.html import css_string

    parts = []
    if not first:
        parts += [f"@page :first {{{body}}}" for body in _page_rules(css)]
        sets = ", ".join(f"{name} {css_string(text)}" for name, text in strings.items())
        if sets:
            parts.append(f"html {{ string-set: {sets}; }}")
    parts.append(f"@page {{ @{FOOTER_BOX} {{ content: none; }} }}")
    parts.append(f"@page :first {{ @{FOOTER_BOX} {{ content: none; }} }}")
    return "\n".join(parts)


def _serialize(root: Any) -> str:
    from lxml import html as lxml_html

    return lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _link_out(elements: list[Any]) -> None:
    """Links to anchors outside these elements become `tt-anchor:` URIs."""
    ids = {el.get("id") for top in elements for el in top.iter() if el.get("id")}
    for top in elements:
        for link in top.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
                link.set("href", MARK + href[1:])


def _parts(module: Any, css: str) -> list[tuple[Any, dict[str, str]]]:
    """A module's section as one or more sections of at most `PART_CARDS` cards each, with
    the running strings every part after the first sets at its start."""
    from lxml import etree

    children = list(module)
    # What comes before the cards, down to the module's title (the element with its
    # running string, or holding it): a theme's template may put more there than the title.
    titled = next(((i, found[0]) for i, child in enumerate(children)
                   if (found := child.xpath("descendant-or-self::*[@data-running][1]"))), None)
    head = 1 if titled is None else titled[0] + 1
    if len(children) <= PART_CARDS + head:
        return [(module, {})]
    title = None if titled is None else titled[1].get("data-running")
    running = {} if title is None else {name: title for name in RUNNING.findall(css)}
    cuts = list(range(head + PART_CARDS, len(children), PART_CARDS))
    # a section divider stays with the cards it introduces
    cuts = [c - 1 if "section-divider" in (children[c - 1].get("class") or "").split() else c
            for c in cuts]
    attrs = {k: v for k, v in module.attrib.items() if k not in ("id", "aria-labelledby")}
    parts: list[tuple[Any, dict[str, str]]] = [(module, {})]
    for start, end in zip(cuts, [*cuts[1:], len(children)], strict=True):
        part = etree.Element("section", attrs)
        part.extend(children[start:end])  # moved out of the module's section
        parts.append((part, running))
    return parts


def split_html(html: str, strings: dict[str, str]) -> list[Chunk] | None:
    """The chunks of a handout page, or None if it has no <main> of module sections."""
    from lxml import etree
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(html)
    body, head = root.body, root.head
    main = body.find("main")
    if main is None or not any("module" in s.classes for s in main):
        return None
    css = "\n".join(style.text or "" for style in head.iter("style"))
    children = list(body)
    at = children.index(main)
    front, after = children[:at], children[at + 1 :]
    modules = [s for s in main if "module" in s.classes]
    back = [s for s in main if "module" not in s.classes] + after
    for el in children:
        body.remove(el)
    for el in list(main):
        main.remove(el)
    main_attrs = dict(main.attrib)

    # (name, body children before <main>, inside <main>, after <main>, running strings)
    # The cover goes first, alone: it needs no page number and is laid out beside the
    # modules; the contents (the rest before <main>) wait for the modules' page numbers.
    Group = tuple[str, list[Any], list[Any], list[Any], dict[str, str]]
    groups: list[Group] = [("cover", front[:1], [], [], {})]
    if front[1:]:
        groups.append((CONTENTS, front[1:], [], [], {}))
    for i, m in enumerate(modules):
        name = m.get("id") or f"module-{i}"
        groups += [(name if k == 0 else f"{name}-part-{k + 1}", [], [part], [], running)
                   for k, (part, running) in enumerate(_parts(m, css))]
    if back or after:
        groups.append(("back", [], back, after, {}))
    chunks = []
    extra = etree.SubElement(head, "style")
    first_css, other_css = chunk_css(css, strings, True), chunk_css(css, strings, False)
    for index, (name, before, inside, behind, running) in enumerate(groups):
        elements = [*before, *inside, *behind]
        _link_out(elements)
        extra.text = (first_css if index == 0 else
                      chunk_css(css, {**strings, **running}, False) if running else other_css)
        body.extend(before)
        if inside:
            keep_id = not any(g[2] for g in groups[:index])  # one place: the first module
            attrs = {k: v for k, v in main_attrs.items() if keep_id or k != "id"}
            etree.SubElement(body, "main", attrs).extend(inside)
        body.extend(behind)
        text = _serialize(root)
        if name == CONTENTS:
            text = TARGET_PAGE.sub("attr(data-tt-page)", text)
        chunks.append(Chunk(name, text, sum(1 for top in elements for _ in top.iter())))
        for el in list(body):
            body.remove(el)
    return chunks


def number_contents(front_html: str, pages: dict[str, int]) -> str:
    """The contents with the final page number of every linked anchor it shows."""

    def number(match: re.Match[str]) -> str:
        page = pages.get(match.group(1))
        return match.group(0) if page is None else f'{match.group(0)} data-tt-page="{page}"'

    return re.sub(r'href="' + re.escape(MARK) + r'([^"]*)"', number, front_html)
