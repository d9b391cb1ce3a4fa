"""Inline content: the runs of text inside paragraphs, list items, cells and titles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold. In a take-home message a Strong span marks a key term for the quiz."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink. The reader only lets http(s) and mailto targets through."""

    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation `[@a; @b]`: shown in the slide's source footer, not in the body."""

    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


Inline = Text | Strong | Emph | Code | Link | Cite | LineBreak


def walk(inlines: Iterable[Inline]) -> Iterator[Inline]:
    """Every inline, depth first, containers before their children."""
    for node in inlines:
        yield node
        if isinstance(node, Strong | Emph | Link):
            yield from walk(node.children)


def plain_text(inlines: Iterable[Inline]) -> str:
    """The visible text, citations dropped, whitespace collapsed."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, Strong | Emph | Link):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return " ".join("".join(parts).split())


def cited_keys(inlines: Iterable[Inline]) -> tuple[str, ...]:
    """Citation keys in order of first appearance."""
    seen: dict[str, None] = {}
    for node in walk(inlines):
        if isinstance(node, Cite):
            for key in node.keys:
                seen.setdefault(key, None)
    return tuple(seen)


def strong_spans(inlines: Iterable[Inline]) -> tuple[str, ...]:
    """The plain text of each bold span (the key terms of a take-home message)."""
    return tuple(plain_text(n.children) for n in walk(inlines) if isinstance(n, Strong))
