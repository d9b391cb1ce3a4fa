"""BibTeX entries (bibtexparser 1.x) -> References; entries it skips are reported, not lost."""

from __future__ import annotations

import re
from typing import Any

from tall_teach.model import Name, Reference, SourceRef
from tall_teach.reader.diagnostics import Collector

MAX_BIBTEX_ENTRIES = 2_000  # bibtexparser 1.x reads a few hundred entries a second
_HEADER = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
_NOT_ENTRIES = ("string", "comment", "preamble")
# Font commands keep their text: \emph{x}, \textit{x}, ... and {\em x}, {\bf x}, ...
_FONT_COMMAND = re.compile(r"\\(?:emph|text(?:it|bf|sc|tt|rm|sf|sl|up|normal)|mathrm|mbox)"
                           r"\s*\{([^{}]*)\}")
_FONT_SWITCH = re.compile(r"\{\\(?:em|it|bf|sc|tt|rm|sf|sl|normalfont)\s+([^{}]*)\}")
_TYPES = {"article": "article-journal", "inproceedings": "paper-conference",
          "conference": "paper-conference", "book": "book", "incollection": "chapter",
          "inbook": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis",
          "techreport": "report", "misc": "document", "online": "webpage"}


def _headers(text: str) -> list[tuple[str, int]]:
    """(key, line) of every entry header, lines counted in one pass (counting from the
    start for each header was quadratic in a large file)."""
    found: list[tuple[str, int]] = []
    line, counted = 1, 0
    for match in _HEADER.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match.group(1).lower() not in _NOT_ENTRIES:
            found.append((match.group(2), line))
    return found


def bibtex_entries(text: str, path: str, collector: Collector) -> list[Reference]:
    """Every entry; a header whose entry the parser could not read is an error at its line."""
    import bibtexparser
    from bibtexparser.bibdatabase import UndefinedString
    from bibtexparser.bparser import BibTexParser

    headers = _headers(text)
    if len(headers) > MAX_BIBTEX_ENTRIES:
        collector.error(path, 1, f"{path} holds {len(headers)} BibTeX entries, over "
                        f"{MAX_BIBTEX_ENTRIES} (reading them would take minutes): export only "
                        "the references this course cites")
        return []
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    try:
        database = bibtexparser.loads(text, parser)
    except UndefinedString as exc:
        name = str(exc.args[0]) if exc.args else ""
        found = re.search(rf"=\s*{re.escape(name)}\b", text) if name else None
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        collector.error(path, line, f"BibTeX string '{name}' is not defined: put the value in "
                        f"braces ({{...}}) or define it first with @string{{{name} = \"...\"}}")
        return []
    except Exception as exc:
        collector.error(path, 1, f"cannot read this BibTeX file ({type(exc).__name__}): check "
                        "its braces, commas and quotes")
        return []
    parsed = {entry.get("ID", ""): entry for entry in database.entries}
    refs = []
    for key, line in headers:
        entry = parsed.pop(key, None)
        if entry is None or not key:
            collector.error(path, line, f"cannot read the BibTeX entry '{key}': check its "
                            "braces, the comma after the key and each 'field = {value},'")
            continue
        refs.append(_reference(entry, path, line))
    return refs


def _reference(entry: dict[str, Any], path: str, line: int) -> Reference:
    authors, et_al = _names(entry.get("author", ""))
    editors, _ = _names(entry.get("editor", ""))
    return Reference(
        key=entry["ID"],
        type=_TYPES.get(entry.get("ENTRYTYPE", "").lower(), "article-journal"),
        authors=authors,
        title=_prose(entry.get("title", "")),
        container=_prose(entry.get("journal") or entry.get("booktitle") or ""),
        year=_clean(entry.get("year", "")),
        source=SourceRef(path, line),
        volume=_clean(entry.get("volume", "")),
        issue=_clean(entry.get("number", "")),
        pages=_clean(entry.get("pages", "")).replace("--", "-"),
        note=_prose(entry.get("note", "")),
        url=_clean(entry.get("url", "")),
        doi=_clean(entry.get("doi", "")),
        et_al=et_al,
        editors=editors,
        # a report's institution and a thesis's school publish it
        publisher=_prose(entry.get("publisher") or entry.get("institution")
                         or entry.get("school") or ""),
        place=_prose(entry.get("address", "")),
        edition=_prose(entry.get("edition", "")),
    )


def _clean(value: str) -> str:
    """LaTeX accents to Unicode, font commands and protecting braces dropped, whitespace
    collapsed."""
    from bibtexparser.customization import latex_to_unicode

    text = str(value)
    for _ in range(4):  # nested font commands, innermost first
        text = _FONT_SWITCH.sub(r"\1", _FONT_COMMAND.sub(r"\1", text))
    text = latex_to_unicode(text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def _prose(value: str) -> str:
    """A title, journal or note: also LaTeX dashes and ties (not for URLs, DOIs)."""
    text = _clean(value).replace("---", "\u2014").replace("--", "\u2013")
    return re.sub(r"(?<!\\)~", "\u00a0", text)


def _names(field: str) -> tuple[tuple[Name, ...], bool]:
    from bibtexparser.customization import InvalidName, splitname

    names: list[Name] = []
    et_al = False
    for raw in _split_and(field):
        if raw.strip().lower() == "others":
            et_al = True
            continue
        stripped = raw.strip()
        if stripped.startswith("{") and stripped.endswith("}") and "," not in stripped:
            names.append(Name("", "", _clean(stripped)))
            continue
        try:
            parts = splitname(stripped, strict_mode=False)
        except InvalidName:
            names.append(Name("", "", _clean(stripped)))
            continue
        family = _clean(" ".join(parts["von"] + parts["last"] + parts["jr"]))
        names.append(Name(family, _clean(" ".join(parts["first"]))))
    return tuple(names), et_al


def _split_and(field: str) -> list[str]:
    """Names split on ' and ' outside braces."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", field, re.IGNORECASE):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(field[start:match.start()])
            start = match.end()
    names.append(field[start:])
    return [n for n in names if n.strip()]
