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
    if _is_book_like(ref):
        return _vancouver_book(ref)
    parts = _names_and_title(ref, editors_lead=True)
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
    return " ".join([*parts, *_note_and_link(ref)])


def _names_and_title(ref: Reference, editors_lead: bool) -> list[str]:
    """["Bassan R, et al.", "Title."]; without authors an edited book leads with its
    editors ("Robinson J, Harding J, editors.") when `editors_lead`."""
    parts: list[str] = []
    authors = _authors(ref)
    if authors:
        parts.append(f"{authors}.")
    elif ref.editors and editors_lead:
        parts.append(f"{_editors(ref)}.")
    if ref.title:
        parts.append(f"{ref.title.rstrip('.')}.")
    return parts


def _note_and_link(ref: Reference) -> list[str]:
    """The note ("Abstract 962."), then the DOI, else the URL."""
    parts = [f"{ref.note.rstrip('.')}."] if ref.note else []
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    elif ref.url:
        parts.append(ref.url)
    return parts


def _authors(ref: Reference) -> str:
    """"Bassan R, Chiaretti S, et al": more than six become the first three and et al."""
    names = [_vancouver_name(n) for n in ref.authors]
    if len(names) > 6:
        names = [*names[:3], "et al"]
    elif ref.et_al and names:
        names.append("et al")
    return ", ".join(names)


def _editors(ref: Reference) -> str:
    """"Robinson J, Harding J, editors" (all of them, as the entry lists them)."""
    editors = ", ".join(_vancouver_name(n) for n in ref.editors)
    return f"{editors}, {'editors' if len(ref.editors) > 1 else 'editor'}"


_BOOK_TYPES = ("book", "report", "thesis")  # a thesis: published by its university
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_NUMBERED_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th)?(?:\s+ed(?:ition|\.)?)?\.?", re.IGNORECASE)


def _is_book_like(ref: Reference) -> bool:
    """A chapter always reads "In: editors. Book."; a book, report or thesis takes the book form
    when it says where, by whom or which edition (else it reads as it always has)."""
    return ref.type == "chapter" or (ref.type in _BOOK_TYPES
                                     and bool(ref.publisher or ref.place or ref.edition))


def edition_text(edition: str) -> str:
    """"2", "2nd", "second" or "2nd edition" -> "2nd ed."; a first edition -> "" (NLM
    leaves it out); anything else as written ("Revised")."""
    text = " ".join(edition.split()).rstrip(".")
    words = text.split()
    if words and words[0].lower() in _ORDINAL_WORDS and (
            len(words) == 1 or words[1].lower().rstrip(".") in ("ed", "edition")):
        text = str(_ORDINAL_WORDS[words[0].lower()])
    match = _NUMBERED_EDITION.fullmatch(text)
    if match is None:
        return f"{text}." if text else ""
    number = int(match.group(1))
    if number == 1:
        return ""
    teens = 10 <= number % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} ed."


def _vancouver_book(ref: Reference) -> str:
    """NLM's book, chapter and report: "Author A. Title. 2nd ed. Place: Publisher; 2004."
    and "Author A. Chapter. In: Editor E, editor. Book. Place: Publisher; 2015. p. 1-9."."""
    chapter = ref.type == "chapter"
    parts = _names_and_title(ref, editors_lead=not chapter)  # a chapter's are "In:"
    if chapter:
        book = ref.container.rstrip(".")
        inside = [f"{p}." for p in (_editors(ref) if ref.editors else "", book) if p]
        if inside:
            parts.append("In: " + " ".join(inside))
    parts.append(edition_text(ref.edition))
    if ref.volume:
        parts.append(f"Vol. {ref.volume}.")
    imprint = ": ".join(p for p in (ref.place, ref.publisher) if p)
    imprint = "; ".join(p for p in (imprint, ref.year) if p)
    if imprint:
        parts.append(f"{imprint}.")
    if ref.pages:
        parts.append(f"p. {ref.pages}.")
    if ref.container and not chapter:  # a series, as NLM gives it: "(WHO technical series)."
        parts.append(f"({ref.container.rstrip('.')}).")
    return " ".join(p for p in [*parts, *_note_and_link(ref)] if p)


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
    # editors only beside authors (a chapter's): citeproc-py prints an edited book's
    # editors twice, once in the author's place and again as editors
    editors = ref.editors if ref.authors else ()
    for role, people in (("author", ref.authors), ("editor", editors)):
        names = [{"literal": n.literal} if n.literal else {"family": n.family, "given": n.given}
                 for n in people]
        if names:
            data[role] = names
    fields = {"title": ref.title, "container-title": ref.container, "volume": ref.volume,
              "issue": ref.issue, "page": ref.pages, "note": ref.note, "URL": ref.url,
              "DOI": ref.doi, "publisher": ref.publisher, "publisher-place": ref.place,
              "edition": ref.edition}
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
