"""One Markdown module -> a Module: front matter, slides, ids."""

from __future__ import annotations

import gc
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from tall_teach.errors import Diagnostic
from tall_teach.model import Module, SourceRef, plain_text
from tall_teach.reader.context import ModuleContext, valid_authored_id
from tall_teach.reader.diagnostics import Collector
from tall_teach.reader.files import CourseFiles
from tall_teach.reader.markdown import MAX_NESTING, parse_blocks
from tall_teach.reader.schema import Fields
from tall_teach.reader.slides import build_slides
from tall_teach.reader.yamlsafe import YNode, load_yaml

FRONT_MATTER_KEYS = ("id", "title", "objectives")
_YAML_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def read_module_text(
    text: str,
    path: str = "module.md",
    *,
    module_id: str | None = None,
    root: Path | None = None,
    known_keys: Collection[str] | None = None,
) -> tuple[Module, list[Diagnostic]]:
    """Read one module from a string (tests, tools); raises ContentError with every error.

    Without `root` image files are not opened (only their paths are checked); with
    `known_keys` None citations are not checked against a bibliography.
    """
    collector = Collector()
    files = CourseFiles(root, collector) if root is not None else None
    module = parse_module(text, path, collector, files, known_keys, module_id)
    collector.raise_if_errors()
    assert module is not None
    return module, collector.in_reading_order("warning")


def parse_module(
    text: str,
    path: str,
    collector: Collector,
    files: CourseFiles | None,
    known_keys: Collection[str] | None,
    module_id: str | None = None,
    slide_level: int = 2,
) -> Module | None:
    """The Module, or None when it cannot be built; every problem goes to `collector`.

    `slide_level` is the heading level that starts a slide (Pandoc's --slide-level):
    2 (`#` sections, `##` slides) or 1 (`#` slides, no sections).
    """
    with _no_cyclic_gc():
        return _parse_module(text, path, collector, files, known_keys, module_id, slide_level)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector: reading builds millions of small acyclic objects (tokens,
    inlines) and its repeated full scans would otherwise double the time of a big module."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_module(
    text: str,
    path: str,
    collector: Collector,
    files: CourseFiles | None,
    known_keys: Collection[str] | None,
    module_id: str | None,
    slide_level: int = 2,
) -> Module | None:
    if not text.strip():
        collector.error(path, 1, f"module {path} is empty: write at least one '## Slide title' "
                        "with content, or remove it from course.yaml")
        return None
    try:
        nodes, (deepest, deep_line) = parse_blocks(text)
    except RecursionError:
        collector.error(path, 1, "the Markdown is nested too deeply to read: flatten it")
        return None
    if deepest >= MAX_NESTING - 1:
        collector.error(path, deep_line, f"lists, quotes or ::: blocks are nested more than "
                        f"{MAX_NESTING // 2} levels deep here: flatten them")
        return None
    meta = _front_matter(nodes, text, path, collector)
    own_id = _module_id(meta, path, module_id, collector)
    ctx = ModuleContext(path, own_id, collector, files, known_keys, slide_level=slide_level)
    try:
        slides = build_slides(nodes, ctx)
    except RecursionError:
        collector.error(path, 1, "the Markdown is nested too deeply to read: flatten it")
        return None
    if not slides:
        collector.error(path, 1, f"module {path} has no slides: add a '## Slide title' "
                        "followed by content")
        return None
    title = _text_field(meta, "title", path, collector) or next(
        (plain_text(s.title) for s in slides if s.kind == "section" and s.title), own_id
    )
    objectives = Fields(meta, path, "the front matter", collector).text_list(
        "objectives", "learning objectives") if meta else ()
    return Module(own_id, title, objectives, path, tuple(slides), SourceRef(path, 1))


def _front_matter(nodes: list, text: str, path: str, collector: Collector) -> YNode | None:
    """The checked front matter mapping, or None when there is none (or it is broken)."""
    if not nodes or nodes[0].type != "front_matter":
        lines = text.split("\n", 2)
        if len(lines) > 1 and lines[0].rstrip() == "---" and _YAML_KEY_LINE.match(lines[1]):
            collector.error(path, 1, "the front matter opened on line 1 is never closed: "
                            "add a line '---' after its last key")
        return None
    data = load_yaml(nodes[0].token.content, path, collector, first_line=2)
    if data is None or data.value is None:
        return None
    if not data.is_mapping:
        collector.error(path, 2, "the front matter must be 'key: value' lines "
                        "(id, title, objectives)")
        return None
    Fields(data, path, "the module front matter", collector).check_keys(FRONT_MATTER_KEYS)
    return data


def _text_field(meta: YNode | None, key: str, path: str, collector: Collector) -> str:
    if meta is None:
        return ""
    return Fields(meta, path, "the module front matter", collector).text(key)


def _module_id(meta: YNode | None, path: str, given: str | None, collector: Collector) -> str:
    authored = _text_field(meta, "id", path, collector)
    if authored:
        if valid_authored_id(authored):
            return authored
        line = meta.value["id"].line if meta is not None else 1
        collector.error(path, line, f"module id '{authored}' may hold only letters, digits, "
                        "'-', '_' and '.'")
    return given or PurePosixPath(path).stem
