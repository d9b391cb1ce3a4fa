"""Safe YAML: plain data only, with the line of every value kept for error messages.

Anchors and aliases (the "billion laughs" expansion), custom tags such as
`!!python/object`, tab indentation and multiple documents are refused with an
error at their line before anything is constructed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tall_teach.reader.diagnostics import Collector

MAX_DEPTH = 50

_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


@dataclass(frozen=True, slots=True)
class YNode:
    """A YAML value and its 1-based line; lists hold YNodes, mappings map str -> YNode."""

    value: Any
    line: int
    key_line: int = 0
    raw: str = ""  # a scalar as written, so `Yes`/`No`/`on` can still be read as text

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def get(self, key: str) -> YNode | None:
        return self.value.get(key) if isinstance(self.value, dict) else None


class _Fatal(Exception):
    """Stops loading one document after its problem was recorded."""


LARGE_YAML = 64 * 1024


def _loaders(text: str) -> list[Any]:
    """The parsers to try in turn: libyaml's when PyYAML has it (a 3 MB glossary took 40 s
    in pure Python; T-ALL's files 40 ms a build, 4 ms with libyaml), then, for a file
    libyaml refuses, the pure-Python one, whose error messages are the ones authors are
    shown (the line of a value is the same with either). A large file keeps libyaml's."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return [yaml.SafeLoader]
    if len(text) > LARGE_YAML:
        return [yaml.CSafeLoader]
    return [yaml.CSafeLoader, yaml.SafeLoader]


def load_yaml(
    text: str, path: str, collector: Collector, first_line: int = 1
) -> YNode | None:
    """The document's data, or None (errors recorded) when it cannot be read safely.

    `first_line` is the file line of the text's first line (front matter, chart fences).
    """
    import yaml

    offset = first_line - 1
    if _has_tab_indentation(text, path, collector, offset):
        return None
    try:
        node = _compose(text, offset, _loaders(text))
    except _Fatal as fatal:
        line, message = fatal.args
        collector.error(path, line, message)
        return None
    except yaml.MarkedYAMLError as exc:
        collector.error(path, _mark_line(exc, offset), _syntax_message(exc))
        return None
    except yaml.YAMLError as exc:
        collector.error(path, first_line, f"cannot read this YAML: {exc}")
        return None
    if node is None:
        return YNode(None, first_line)
    return _to_ynode(node, path, collector, offset, yaml.SafeLoader(""))


def _compose(text: str, offset: int, loaders: list[Any]) -> Any:
    """The document's node tree, checked (`_check_events`) and composed by the first of
    `loaders`; a syntax error is raised by the last one that finds one."""
    import yaml

    for loader in loaders[:-1]:
        try:
            _check_events(text, offset, loader)
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
    _check_events(text, offset, loaders[-1])
    return yaml.compose(text, Loader=loaders[-1])


def _has_tab_indentation(text: str, path: str, collector: Collector, offset: int) -> bool:
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            collector.error(
                path,
                number + offset,
                "a tab is used for indentation: YAML needs spaces; replace the tab with spaces",
            )
            found = True
    return found


def _check_events(text: str, offset: int, loader: Any) -> None:
    """Refuse anchors, aliases, non-core tags, deep nesting and extra documents."""
    import yaml

    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Fatal(line, "more than one YAML document (a second '---'): keep one")
        if isinstance(event, yaml.AliasEvent):
            raise _Fatal(line, f"YAML alias '*{event.anchor}' is not allowed: write the value out")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Fatal(line, f"YAML anchor '&{anchor}' is not allowed: write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _CORE_TAGS:
            raise _Fatal(
                line,
                f"YAML tag '{tag}' is not allowed: only plain text, numbers, lists and "
                "mappings are read; remove the tag",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Fatal(line, f"YAML nested more than {MAX_DEPTH} levels deep: flatten it")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _mark_line(exc: Any, offset: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + 1 + offset) if mark is not None else offset + 1


def _syntax_message(exc: Any) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "\\t" in problem or "'\\t'" in problem:
        return "a tab character is not allowed here in YAML: use spaces"
    what = f"{context}: {problem}" if context else problem
    return (
        f"YAML syntax error ({what}): check the indentation, the ':' after each key, "
        "and put text containing ':', '#', '[' or '{' in quotes"
    )


def _to_ynode(node: Any, path: str, collector: Collector, offset: int, loader: Any) -> YNode:
    import yaml

    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.SequenceNode):
        return YNode([_to_ynode(n, path, collector, offset, loader) for n in node.value], line)
    if isinstance(node, yaml.MappingNode):
        return YNode(_mapping(node, path, collector, offset, loader), line)
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        if not node.tag.endswith(":timestamp"):  # an impossible date stays text for its checker
            collector.error(path, line, f"cannot read the value {node.value!r}: put it in quotes")
        value = str(node.value)
    return YNode(value, line, raw=str(node.value))


def _mapping(node: Any, path: str, collector: Collector, offset: int, loader: Any) -> dict:
    import yaml

    result: dict[str, YNode] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            collector.error(path, key_line, "a key must be a plain word, not a list or mapping")
            continue
        key = str(key_node.value)
        value = _to_ynode(value_node, path, collector, offset, loader)
        if key in result:
            collector.error(
                path,
                key_line,
                f"key '{key}' appears twice (first on line {result[key].key_line}): keep one",
            )
            continue
        result[key] = YNode(value.value, value.line, key_line, value.raw)
    return result


def describe(value: Any) -> str:
    """How a YAML value reads to an author: 'a list', 'a mapping', 'yes/no', 'empty'."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return "text"
