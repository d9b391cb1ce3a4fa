"""Text as the deck sees it: styled runs and outline paragraphs, built from the model."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tall_teach.model import (
    BulletList,
    Cite,
    Code,
    Emph,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Strong,
    Text,
)
from tall_teach.transforms.citations import only_labels_its_citation

SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Characters XML 1.0 cannot carry; content is untrusted, so they are dropped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for DrawingML: no XML-illegal characters, no tabs or newlines."""
    return _XML_ILLEGAL.sub("", text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


@dataclass(frozen=True)
class Run:
    """A span of uniformly styled text. `url` is already limited to safe schemes."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str = ""
    line_break: bool = False  # a forced line break (the text is empty)


@dataclass(frozen=True)
class Para:
    """One outline paragraph. `bullet`: "bullet", "number", "check" or "none".

    `size` overrides the text block's size for this paragraph (0: follow the block);
    `space_before` its space above in points (-1: the template's).
    """

    runs: tuple[Run, ...]
    level: int = 0
    bullet: str = "bullet"
    number: int = 1
    size: float = 0.0
    space_before: float = -1.0

    @property
    def text(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


def safe_url(url: str) -> str:
    cleaned = url.strip()
    return cleaned if cleaned.lower().startswith(SAFE_SCHEMES) else ""


def inline_runs(inlines: Iterable[Inline], style: Run | None = None) -> tuple[Run, ...]:
    """Flatten inlines into runs; citations are left out (they go to the source footer)."""
    base = style or Run("")
    runs: list[Run] = []
    for node in inlines:
        if isinstance(node, Text):
            runs.append(_with_text(base, clean(node.text)))
        elif isinstance(node, Code):
            runs.append(Run(clean(node.text), base.bold, base.italic, True, base.url,
                            base.line_break))
        elif isinstance(node, Strong):
            runs.extend(inline_runs(node.children, replace(base, bold=True)))
        elif isinstance(node, Emph):
            runs.extend(inline_runs(node.children, replace(base, italic=True)))
        elif isinstance(node, Link):
            runs.extend(inline_runs(node.children, replace(base, url=safe_url(node.url))))
        elif isinstance(node, LineBreak):
            runs.append(Run("", base.bold, base.italic, base.code, base.url, True))
        elif isinstance(node, Cite) and runs and runs[-1].text.endswith((" ", "\t")):
            # "text [@x]." must not leave "text ." behind; the author's own spaces stay.
            runs[-1] = _with_text(runs[-1], runs[-1].text.rstrip(" \t"))
    return tidy(runs)


def _with_text(run: Run, text: str) -> Run:
    """`run` with `text`: `replace(run, text=text)` without its generic field handling
    (six calls a run in a deck's plan: 0.1 s of a 1,000-slide deck's)."""
    return Run(text, run.bold, run.italic, run.code, run.url, run.line_break)


_SPACES = re.compile(r"\s+")


def tidy(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Merge neighbours of equal style, collapse whitespace, trim the ends."""
    merged: list[Run] = []
    for run in runs:
        text = _SPACES.sub(" ", run.text)
        if not text and not run.line_break:
            continue
        if text != run.text:
            run = _with_text(run, text)
        last = merged[-1] if merged else None
        if (
            last
            and not run.line_break
            and not last.line_break
            # the same style: every field but the text (line_break is False in both)
            and (last.bold, last.italic, last.code, last.url)
            == (run.bold, run.italic, run.code, run.url)
        ):
            merged[-1] = _with_text(last, last.text + text)
        else:
            merged.append(run)
    if merged and not merged[0].line_break:
        merged[0] = _with_text(merged[0], merged[0].text.lstrip())
    if merged and not merged[-1].line_break:
        merged[-1] = _with_text(merged[-1], merged[-1].text.rstrip())
    while merged and merged[-1].line_break:
        merged.pop()
    return tuple(r for r in merged if r.text or r.line_break)


def plain(runs: Iterable[Run]) -> str:
    return "".join(" " if r.line_break else r.text for r in runs).strip()


def list_paras(items: BulletList, level: int, bullet: str | None = None) -> list[Para]:
    """A (nested) list as outline paragraphs, one level deeper per nesting."""
    paras: list[Para] = []
    kind = bullet or ("number" if items.ordered else "bullet")
    for offset, item in enumerate(items.items):
        runs = inline_runs(item.inlines)
        if runs:
            paras.append(Para(runs, min(level, 8), kind, items.start + offset))
        for child in item.children:
            paras.extend(list_paras(child, level + 1))
    return paras


def text_paras(blocks: Iterable[Paragraph | BulletList]) -> tuple[Para, ...]:
    """Paragraphs (no bullet) and lists (bulleted, nested) in reading order."""
    paras: list[Para] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            runs = inline_runs(block.inlines)
            if runs and not only_labels_its_citation(block.inlines):
                paras.append(Para(runs, 0, "none"))
        else:
            paras.extend(list_paras(block, 0))
    return tuple(paras)
