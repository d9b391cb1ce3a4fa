"""The bibliography: CSL-YAML, CSL-JSON or BibTeX -> References, each with its line."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from tall_teach.model import Name, Reference, SourceRef
from tall_teach.reader.bibtex import bibtex_entries
from tall_teach.reader.diagnostics import Collector
from tall_teach.reader.files import CourseFiles
from tall_teach.reader.yamlsafe import YNode, load_yaml

DEFAULT_NAMES = ("references.yaml", "references.yml", "references.json", "references.bib")
_YEAR = re.compile(r"\b(\d{4})\b")
_ET_AL = ("others", "et al", "et al.")


def find_bibliography(root: Path, configured: str | None) -> str | None:
    """The bibliography path to read: as configured, else the first default that exists."""
    if configured is not None:
        return configured
    return next((name for name in DEFAULT_NAMES if (root / name).is_file()), None)


def read_bibliography(files: CourseFiles, written: str, where: tuple[str, int]
                      ) -> tuple[Reference, ...]:
    """Every entry of the bibliography file `written` (named at `where`)."""
    collector = files.collector
    resolved = files.resolve(written, where, "bibliography")
    if resolved is None:
        return ()
    real, relative = resolved
    text = files.read_text(real, relative)
    if text is None:
        return ()
    suffix = real.suffix.lower()
    if suffix in (".yaml", ".yml"):
        entries = _yaml_entries(text, relative, collector)
    elif suffix == ".json":
        entries = _json_entries(text, relative, collector)
    elif suffix in (".bib", ".bibtex"):
        entries = bibtex_entries(text, relative, collector)
    else:
        collector.error(where[0], where[1], f"bibliography '{written}' must be CSL-YAML (.yaml), "
                        "CSL-JSON (.json) or BibTeX (.bib)")
        return ()
    return _unique(entries, relative, collector)


def _unique(refs: list[Reference], path: str, collector: Collector) -> tuple[Reference, ...]:
    first_line: dict[str, int] = {}
    kept = []
    for ref in refs:
        if ref.key in first_line:
            collector.error(path, ref.source.line, f"bibliography key '{ref.key}' appears twice "
                            f"(first on line {first_line[ref.key]}): keep one entry per key")
            continue
        first_line[ref.key] = ref.source.line
        kept.append(ref)
    return tuple(kept)


def _yaml_entries(text: str, path: str, collector: Collector) -> list[Reference]:
    data = load_yaml(text, path, collector)
    if data is None:
        return []
    items = data.get("references") if data.is_mapping else data
    if items is None or not items.is_list:
        collector.error(path, data.line, "a CSL-YAML bibliography is a 'references:' list of "
                        "entries, each starting with '- id: key'")
        return []
    refs = []
    for item in items.value:
        if not item.is_mapping:
            collector.error(path, item.line, "each bibliography entry is a mapping that starts "
                            "with '- id: key'")
            continue
        ref = csl_reference(_plain(item), path, item.line, collector)
        if ref is not None:
            refs.append(ref)
    return refs


def _plain(node: YNode) -> Any:
    if isinstance(node.value, list):
        return [_plain(n) for n in node.value]
    if isinstance(node.value, dict):
        return {k: _plain(v) for k, v in node.value.items()}
    return node.value


def _json_entries(text: str, path: str, collector: Collector) -> list[Reference]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        collector.error(path, exc.lineno, f"JSON syntax error ({exc.msg}, column {exc.colno}): "
                        "check commas, quotes and brackets")
        return []
    except RecursionError:
        collector.error(path, 1, "the JSON is nested too deeply to read")
        return []
    if isinstance(data, dict) and isinstance(data.get("references"), list):
        data = data["references"]
    if not isinstance(data, list):
        collector.error(path, 1, "a CSL-JSON bibliography is a list of entries: [{\"id\": ...}]")
        return []
    refs = []
    for number, item in enumerate(data, start=1):
        line = _json_line(text, item.get("id") if isinstance(item, dict) else None)
        if not isinstance(item, dict):
            collector.error(path, line, f"entry {number} of the bibliography is not an object "
                            "with an \"id\"")
            continue
        ref = csl_reference(item, path, line, collector)
        if ref is not None:
            refs.append(ref)
    return refs


def _json_line(text: str, key: Any) -> int:
    if key is None:
        return 1
    match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(key)), text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def csl_reference(entry: dict[str, Any], path: str, line: int, collector: Collector
                  ) -> Reference | None:
    """A Reference from one CSL entry (YAML or JSON alike)."""
    key = entry.get("id")
    if not isinstance(key, str | int) or isinstance(key, bool) or not str(key).strip():
        collector.error(path, line, "this bibliography entry has no 'id': add 'id: key' "
                        "(the key you cite as [@key])")
        return None
    authors, et_al = _csl_names(entry.get("author"), path, line, collector)
    editors, _ = _csl_names(entry.get("editor"), path, line, collector)

    def field(*names: str) -> str:
        """The first of `names` the entry has, as text; a list or mapping there is
        reported (CSL wants text) instead of silently dropped."""
        for name in names:
            value = entry.get(name)
            if isinstance(value, list | dict):
                collector.warn(path, line, f"entry '{key}': '{name}' should be text, not a "
                               f"{'list' if isinstance(value, list) else 'mapping'}; it is "
                               "left out: write it as one string")
                continue
            if value not in (None, ""):
                return _text(value)
        return ""

    return Reference(
        key=str(key).strip(),
        type=field("type") or "article-journal",
        authors=authors,
        editors=editors,
        title=field("title"),
        container=field("container-title-short", "container-title"),
        year=csl_year(entry.get("issued")),
        source=SourceRef(path, line),
        volume=field("volume"),
        issue=field("issue"),
        pages=field("page", "pages"),
        note=field("note"),
        url=field("URL", "url"),
        doi=field("DOI", "doi"),
        et_al=et_al or entry.get("et-al") is True,
        publisher=field("publisher"),
        place=field("publisher-place"),
        edition=field("edition"),
    )


def _text(value: Any) -> str:
    if value is None or isinstance(value, bool | list | dict):
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _csl_names(value: Any, path: str, line: int, collector: Collector
               ) -> tuple[tuple[Name, ...], bool]:
    if value is None:
        return (), False
    if not isinstance(value, list):
        value = [value]
    names: list[Name] = []
    et_al = False
    for person in value:
        if isinstance(person, str):
            person = {"literal": person}
        if not isinstance(person, dict):
            collector.error(path, line, "each author is '{family: X, given: Y}' or "
                            "'{literal: Group name}'")
            continue
        family, given = _text(person.get("family")), _text(person.get("given"))
        literal = _text(person.get("literal"))
        if (literal or family).lower() in _ET_AL and not given:
            et_al = True
            continue
        names.append(Name(family, given, literal))
    return tuple(names), et_al


def csl_year(issued: Any) -> str:
    """The year of a CSL `issued`: date-parts, raw, literal, or a plain value."""
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return _text(parts[0][0])
        for field in ("raw", "literal"):
            if issued.get(field):
                raw = _text(issued[field])
                match = _YEAR.search(raw)
                return match.group(1) if match and field == "raw" else raw
        return ""
    if isinstance(issued, list) and issued:
        return csl_year(issued[0])
    if isinstance(issued, datetime.date):
        return str(issued.year)
    text = _text(issued)
    match = _YEAR.search(text)
    return match.group(1) if match else text
