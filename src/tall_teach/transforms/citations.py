"""Citations formatted from the bibliography: short footers and full Vancouver entries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

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
    """"Bassan R et al, JCO 2018": first author, "et al" when there are others; an edited
    book by its editors ("Robinson J et al (eds), 2015"), else by its title: never a bare
    year."""
    if ref.authors:
        first = _vancouver_name(ref.authors[0])
        many = len(ref.authors) > 1 or ref.et_al
        who = f"{first} et al" if many else first
    elif ref.editors:
        first = _vancouver_name(ref.editors[0])
        many = len(ref.editors) > 1
        who = f"{first} et al (eds)" if many else f"{first} (ed)"
    else:
        who = "" if ref.container else ref.title
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
    """A full reference: in the course's `csl:` style when it names one (formatted when
    the course was read), else in Vancouver/AMA style, with only the parts the entry has."""
    if ref.formatted:
        return ref.formatted
    names = [_vancouver_name(n) for n in ref.authors]
    if len(names) > 6:
        names = [*names[:3], "et al"]
    elif ref.et_al and names:
        names.append("et al")
    authors = ", ".join(names)
    parts: list[str] = []
    if authors:
        parts.append(f"{authors}.")
    elif ref.editors:  # an edited book: "Robinson J, Harding J, editors."
        editors = ", ".join(_vancouver_name(n) for n in ref.editors)
        parts.append(f"{editors}, {'editors' if len(ref.editors) > 1 else 'editor'}.")
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


STYLES_DIR = Path(__file__).resolve().parent.parent / "csl"


def bundled_styles() -> tuple[str, ...]:
    """The style names `csl:` accepts without a file in the course."""
    return tuple(sorted(p.stem for p in STYLES_DIR.glob("*.csl")))


def csl_formatted(references: Iterable[Reference], style: Path) -> tuple[Reference, ...]:
    """Each reference with its full entry formatted by citeproc-py in the CSL `style`.

    Raises ValueError when the file is not a usable CSL style.
    """
    import warnings

    references = tuple(references)
    if not references:
        return references
    head = style.read_bytes()[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:  # an entity could pull in another file
        raise ValueError("a CSL style may not declare a DOCTYPE or entities")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _formatted(references, style)
    except Exception as exc:  # lxml, KeyError or citeproc's own on a broken style
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def _formatted(references: tuple[Reference, ...], style: Path) -> tuple[Reference, ...]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    csl_style = CitationStylesStyle(str(style), validate=False)
    source = CiteProcJSON([_csl_json(ref) for ref in references])
    bibliography = CitationStylesBibliography(csl_style, source, formatter.plain)
    for ref in references:
        bibliography.register(Citation([CitationItem(ref.key.lower())]))
    texts = (" ".join(str(e).split()) for e in bibliography.bibliography())
    if b'citation-format="numeric"' in style.read_bytes():  # the writers number entries
        texts = (_NUMBER_LABEL.sub("", text, count=1) for text in texts)
    entries = dict(zip(bibliography.keys, texts, strict=True))
    return tuple(replace(ref, formatted=entries.get(ref.key.lower(), "")) for ref in references)


_NUMBER_LABEL = re.compile(r"^\s*(?:\[\d+\]|\d+\.?)\s*")


def _csl_json(ref: Reference) -> dict[str, object]:
    """The CSL-JSON citeproc-py reads; only the fields the entry has."""
    data: dict[str, object] = {"id": ref.key.lower(), "type": ref.type or "article-journal"}
    names = [{"literal": n.literal} if n.literal else {"family": n.family, "given": n.given}
             for n in ref.authors]
    if names:
        data["author"] = names
    fields = {"title": ref.title, "container-title": ref.container, "volume": ref.volume,
              "issue": ref.issue, "page": ref.pages, "note": ref.note, "URL": ref.url,
              "DOI": ref.doi}
    data.update({k: v for k, v in fields.items() if v})
    if ref.year.isdigit():
        data["issued"] = {"date-parts": [[int(ref.year)]]}
    return data


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
