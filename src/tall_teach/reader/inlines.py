"""Inline tokens -> model inlines; images found inline become pending Figures."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from tall_teach.model import (
    Cite,
    Code,
    Emph,
    Figure,
    Inline,
    LineBreak,
    Link,
    SourceRef,
    Strong,
    Text,
    plain_text,
)
from tall_teach.reader.context import ModuleContext
from tall_teach.reader.files import is_remote
from tall_teach.reader.images import image_size

if TYPE_CHECKING:
    from markdown_it.token import Token

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_KEPT_SCHEMES = ("http://", "https://", "mailto:")
_CONTAINERS = {"strong_open": Strong, "em_open": Emph, "s_open": None, "link_open": Link}


def convert_inlines(token: Token | None, ctx: ModuleContext, first_line: int) -> tuple[Inline, ...]:
    """The inlines of one `inline` token whose text starts at `first_line` (1-based)."""
    if token is None or not token.children:
        return ()
    return convert_children(token.children, ctx, first_line)


def convert_children(children: list[Token], ctx: ModuleContext, first_line: int
                     ) -> tuple[Inline, ...]:
    """Flat open/close tokens folded into nested inlines with an explicit stack."""
    stack: list[tuple[Token | None, list[Inline]]] = [(None, [])]
    line = first_line
    math_warned = False  # once per paragraph: a $$ block has two $$ lines
    for child in children:
        kind = child.type
        out = stack[-1][1]
        if kind in ("text", "text_special"):
            out.append(Text(child.content))
            math_warned = math_warned or _warn_math(child.content, ctx, line)
        elif kind == "softbreak":
            out.append(Text(" "))
            line += 1
        elif kind == "hardbreak":
            out.append(LineBreak())
            line += 1
        elif kind == "code_inline":
            out.append(Code(child.content))
        elif kind == "html_inline":
            shown = html_as_text(child.content)
            if shown and isinstance(shown[0], Text):
                ctx.warn(line, f"raw HTML {child.content[:40]!r} is shown as plain text, not "
                         "rendered: write it in Markdown")
            out.extend(shown)
        elif kind == "cite":
            if out and isinstance(out[-1], Text):  # "text [@a]." reads "text." once cites go
                out[-1] = Text(out[-1].text.rstrip(" "))
            out.append(_cite(child, ctx, first_line))
        elif kind == "image":
            if out and isinstance(out[-1], Text):  # the picture moves out; one space stays
                out[-1] = Text(out[-1].text.rstrip(" "))
            _image(child, ctx, line)
        elif kind in _CONTAINERS:
            stack.append((child, []))
        elif kind.endswith("_close") and len(stack) > 1:
            opener, inner = stack.pop()
            stack[-1][1].extend(_close(opener, merge_text(inner), ctx, line))
    while len(stack) > 1:  # unbalanced (should not happen): keep the text
        _opener, inner = stack.pop()
        stack[-1][1].extend(inner)
    return merge_text(stack[0][1])


# TeX math as Pandoc reads it: $$...$$, or $...$ whose opening $ has a non-space after it
# and whose closing $ has a non-space before it and no digit after it (so "$5 and $10"
# is money, not math).
_MATH = re.compile(r"\$\$|(?<![\\$])\$(?=\S)[^$\n]*?\S\$(?!\d)")


def _warn_math(text: str, ctx: ModuleContext, line: int) -> bool:
    match = _MATH.search(text)
    if match is None:
        return False
    shown = text[match.start():][:40]
    ctx.warn(line, f"{shown!r} looks like TeX math ($...$ or $$...$$), which tall-teach does not "
             "typeset: it is shown as written. Write it with Unicode (x², ≤, α, ×) or as "
             "words, or insert the formula as a picture; write \\$ for a dollar sign")
    return True


def html_as_text(html: str) -> list[Inline]:
    """Raw HTML is never markup: a comment is dropped, `<br>` is a line break, the rest text."""
    if html.startswith("<!--"):
        return []
    if _BR.match(html):
        return [LineBreak()]
    return [Text(html)]


def merge_text(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent Text runs joined, empty ones dropped (markdown-it splits around brackets),
    and no spaces left hanging around a line break."""
    merged: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            text = node.text
            if merged and isinstance(merged[-1], LineBreak):
                text = text.lstrip(" ")
            if merged and isinstance(previous := merged[-1], Text):
                merged.pop()
                text = previous.text + text
            if text:
                merged.append(Text(text))
            continue
        if isinstance(node, LineBreak) and merged and isinstance(previous := merged[-1], Text):
            merged.pop()
            stripped = previous.text.rstrip(" ")
            if stripped:
                merged.append(Text(stripped))
        merged.append(node)
    return tuple(merged)


def _close(opener: Token | None, inner: tuple[Inline, ...], ctx: ModuleContext, line: int
           ) -> list[Inline]:
    kind = opener.type if opener is not None else ""
    if kind == "strong_open":
        return [Strong(inner)] if inner else []
    if kind == "em_open":
        return [Emph(inner)] if inner else []
    if kind == "link_open" and opener is not None:
        url = str(opener.attrs.get("href", ""))
        if url.lower().startswith(_KEPT_SCHEMES):
            return [Link(inner, url)]
        ctx.warn(line, f"link to '{url[:80]}' is shown as plain text: only http(s) and "
                 "mailto links are kept; write the full https:// address")
    return list(inner)  # strikethrough and refused links keep their text


def _cite(token: Token, ctx: ModuleContext, first_line: int) -> Cite:
    line = first_line + int(token.meta.get("line", 0))
    keys = tuple(dict.fromkeys(token.meta["keys"]))
    for key in keys:
        ctx.check_citation(key, line)
    return Cite(keys)


def _image(token: Token, ctx: ModuleContext, line: int) -> None:
    """An image becomes a Figure placed after the block it was written in."""
    from tall_teach.reader.markdown import parser

    alt = plain_text(convert_children(token.children or [], ctx, line))
    title = str(token.attrs.get("title", "") or "")
    caption: tuple[Inline, ...] = ()
    if title:
        parsed = parser().parseInline(title)
        caption = convert_children(parsed[0].children or [], ctx, line) if parsed else ()
    figure = make_figure(str(token.attrs.get("src", "")), alt, caption, ctx, line)
    if figure is not None:
        ctx.pending_figures.append(figure)


def make_figure(src: str, alt: str, caption: tuple[Inline, ...], ctx: ModuleContext, line: int
                ) -> Figure | None:
    """A checked Figure, or None with the problem recorded."""
    written = unquote(src)  # markdown-it percent-encodes; authors wrote the plain path
    source = SourceRef(ctx.path, line)
    if ctx.files is None:
        return _unchecked_figure(written, alt, caption, ctx, line)
    resolved = ctx.files.resolve(written, (ctx.path, line), "image")
    if resolved is None:
        return None
    real, relative = resolved
    size = image_size(real, relative, (ctx.path, line), ctx.collector)
    if size is None:
        return None
    return Figure(relative, alt, caption, source, size[0], size[1])


def _unchecked_figure(written: str, alt: str, caption: tuple[Inline, ...], ctx: ModuleContext,
                      line: int) -> Figure | None:
    """Without a course folder only the path's form is checked (module read from a string)."""
    relative = posixpath.normpath(written.replace("\\", "/")) if written else ""
    if not written or is_remote(written) or written.startswith("/") or relative.startswith(".."):
        ctx.error(line, f"image '{written[:80]}' is not a file inside the course folder: "
                  "put it in figures/ and link it relatively")
        return None
    return Figure(relative, alt, caption, SourceRef(ctx.path, line))
