"""Citations formatted from the bibliography: short footers and full Vancouver entries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tall_teach.model import Course, Inline, Name, Reference, cited_keys, plain_text


def _initials(given: str) -> str:
    parts = given.replace("-", " ").replace(".", " ").split()
    return "".join(p[0].upper() for p in parts if p)


def _vancouver_name(name: Name) -> str:
    if name.literal:
        return name.literal
    initials = _initials(name.given)
    return f"{name.family} {initials}".strip()


def short_citation(ref: Reference) -> str:
    """"Bassan R et al, JCO 2018": first author, "et al" when there are others."""
    if ref.authors:
        first = _vancouver_name(ref.authors[0])
        many = len(ref.authors) > 1 or ref.et_al
        who = f"{first} et al" if many else first
    else:
        who = ""
    where = " ".join(p for p in (ref.container, ref.year) if p)
    text = ", ".join(p for p in (who, where) if p)
    return text or ref.title or ref.key


def footer_text(keys: Iterable[str], course: Course) -> str:
    """A slide's source footer: short citations joined with "; ", unknown keys skipped."""
    seen: list[str] = []
    for key in keys:
        ref = course.reference(key)
        if ref is None:
            continue
        text = short_citation(ref)
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def vancouver(ref: Reference) -> str:
    """A full reference in Vancouver/AMA style, with only the parts the entry has."""
    names = [_vancouver_name(n) for n in ref.authors]
    if len(names) > 6:
        names = [*names[:3], "et al"]
    elif ref.et_al and names:
        names.append("et al")
    authors = ", ".join(names)
    parts: list[str] = []
    if authors:
        parts.append(f"{authors}.")
    if ref.title:
        title = ref.title.rstrip(".")
        parts.append(f"{title}.")
    source = ref.container
    if ref.year:
        source = f"{source}. {ref.year}" if source else ref.year
    if ref.volume:
        source += f";{ref.volume}"
        if ref.issue:
            source += f"({ref.issue})"
    if ref.pages:
        source += f":{ref.pages}"
    if source:
        parts.append(f"{source}.")
    if ref.note:
        parts.append(f"{ref.note.rstrip('.')}.")
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    elif ref.url:
        parts.append(ref.url)
    return " ".join(parts)


def reference_order(course: Course) -> tuple[str, ...]:
    """Keys numbered by first citation through the course (Vancouver numbering)."""
    order: dict[str, None] = {}
    for slide in course.slides():
        for key in slide.citations:
            if course.reference(key) is not None:
                order.setdefault(key, None)
    for ref in course.references:
        order.setdefault(ref.key, None)
    return tuple(order)


_LABEL = re.compile(r"[^\W\d][\w .'-]{0,24}:")


def only_labels_its_citation(inlines: Iterable[Inline]) -> bool:
    """True for "Source: [@key]": once the citation moves to a footer, a bare "Source:"
    would be left behind, so writers that move citations leave the paragraph out."""
    inlines = tuple(inlines)
    return bool(cited_keys(inlines)) and _LABEL.fullmatch(plain_text(inlines)) is not None
