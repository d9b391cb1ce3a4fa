"""Inline model to safe HTML: every piece of content text is escaped, links are limited."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from tall_teach.model import Cite, Code, Emph, Inline, LineBreak, Link, Strong, Text

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(url: str) -> str | None:
    """The URL if it is http(s) or mailto, else None (javascript:, data:, file: refused)."""
    cleaned = url.strip()
    return cleaned if cleaned.lower().startswith(SAFE_SCHEMES) else None


def inlines_to_html(
    inlines: Iterable[Inline],
    cite: Callable[[tuple[str, ...]], str] | None = None,
) -> str:
    """Render inlines as escaped HTML. `cite` turns citation keys into HTML (already safe)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text, quote=False))
        elif isinstance(node, Strong):
            out.append(f"<strong>{inlines_to_html(node.children, cite)}</strong>")
        elif isinstance(node, Emph):
            out.append(f"<em>{inlines_to_html(node.children, cite)}</em>")
        elif isinstance(node, Code):
            out.append(f"<code>{escape(node.text, quote=False)}</code>")
        elif isinstance(node, Link):
            inner = inlines_to_html(node.children, cite)
            url = safe_url(node.url)
            if url is None:
                out.append(inner)
            else:
                href = escape(url, quote=True)
                out.append(f'<a href="{href}" rel="noopener noreferrer">{inner}</a>')
        elif isinstance(node, Cite):
            if cite is not None:
                out.append(cite(node.keys))
        elif isinstance(node, LineBreak):
            out.append("<br>")
    return "".join(out)
