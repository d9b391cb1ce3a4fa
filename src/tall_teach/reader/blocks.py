"""Block nodes -> model blocks: paragraphs, lists, tables, figures, code; divs and charts
are handed to their own modules."""

from __future__ import annotations

import re

from tall_teach.model import (
    Block,
    BulletList,
    Code,
    Figure,
    Inline,
    LineBreak,
    ListItem,
    Paragraph,
    SourceRef,
    Strong,
    Table,
    Text,
)
from tall_teach.reader.context import ModuleContext
from tall_teach.reader.inlines import convert_inlines
from tall_teach.reader.markdown import Node, citation_keys, inline_token

LIST_TYPES = ("bullet_list", "ordered_list")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SETEXT_H1 = re.compile(r"^=+[ \t]*$")
_PREFIXED_CITE = re.compile(r"\[([^\[\]@]*\S\s+)(-?@[^\[\]]+)\](?![(\[])")
_CODE_SPAN = re.compile(r"`+[^`]*`+")


def convert_blocks(nodes: list[Node], ctx: ModuleContext, where: str) -> list[Block]:
    """Blocks in order; figures written inline follow the block they were written in.

    `where` names the enclosing container ("slide", "notes", "column", "placeholder",
    "quote") so that blocks that may only stand on a slide can say where they belong.
    """
    blocks: list[Block] = []
    for node in nodes:
        blocks.extend(convert_block(node, ctx, where))
        blocks.extend(ctx.take_figures())
    return blocks


def convert_block(node: Node, ctx: ModuleContext, where: str) -> list[Block]:
    from tall_teach.reader.chart import convert_chart
    from tall_teach.reader.divs import convert_div

    kind = node.type
    source = SourceRef(ctx.path, node.line)
    if kind == "paragraph":
        _warn_setext(node, ctx)
        _warn_prefixed_citations(node, ctx)
        inlines = convert_inlines(inline_token(node), ctx, node.line)
        return [Paragraph(inlines, source)] if _visible(inlines) else []
    if kind in LIST_TYPES:
        return [convert_list(node, ctx)]
    if kind == "table":
        return [convert_table(node, ctx)]
    if kind == "heading":
        inlines = convert_inlines(inline_token(node), ctx, node.line)
        return [Paragraph((Strong(inlines),), source)] if inlines else []
    if kind == "fence" and not (node.token.meta or {}).get("closed", True):
        ctx.error(node.line, f"the {node.token.markup} block opened here is never closed: add "
                  f"a line {node.token.markup} after its last line")
        return []
    if kind == "fence" and node.token.info.strip().split(" ")[:1] == ["chart"]:
        chart = convert_chart(node, ctx)
        return [chart] if chart is not None else []
    if kind in ("fence", "code_block"):
        return [code_paragraph(node.token.content, source)]
    if kind == "blockquote":
        return convert_blocks(node.children, ctx, where)
    if kind == "fenced_div":
        return convert_div(node, ctx, where)
    if kind == "fenced_div_stray":
        ctx.error(node.line, "this ':::' line closes no open block: remove it, or add the "
                  "opening line ('::: notes', '::: takehome', ...) above")
        return []
    if kind == "html_block":
        return _html_block(node, ctx, source)
    if kind == "hr":
        ctx.warn(node.line, "a '---' inside a list, quote or ::: block cannot start a slide "
                 "and is ignored")
        return []
    return []


def _warn_setext(node: Node, ctx: ModuleContext) -> None:
    """A line of '=' under text is a setext heading elsewhere; here it is shown as text."""
    token = inline_token(node)
    lines = token.content.split("\n") if token is not None else []
    if len(lines) > 1 and _SETEXT_H1.match(lines[-1]):
        ctx.warn(node.line + len(lines) - 1, "a line of '=' under text makes no heading here "
                 "and is shown as text: write '# Title' for a section or '## Title' for a slide")


def _warn_prefixed_citations(node: Node, ctx: ModuleContext) -> None:
    """Pandoc's `[see @key, p. 3]` is no citation here: say so rather than let an unchecked
    key and no source footer pass in silence."""
    token = inline_token(node)
    if token is None or "@" not in token.content:
        return
    text = _CODE_SPAN.sub("", token.content)
    for match in _PREFIXED_CITE.finditer(text):
        keys = citation_keys(match.group(2))
        if keys:
            line = node.line + text.count("\n", 0, match.start())
            ctx.warn(line, f"{match.group(0)[:60]!r} is shown as text, not a citation (a prefix "
                     f"such as '{match.group(1).strip()[:20]}' is not supported): write "
                     f"'[@{keys[0]}]' to cite it")


def _html_block(node: Node, ctx: ModuleContext, source: SourceRef) -> list[Block]:
    """Raw HTML is shown as the text it is (comments dropped), never passed through."""
    content = _COMMENT.sub("", node.token.content).strip()
    if not content:
        return []
    if "<" in content:
        ctx.warn(node.line, "raw HTML is shown as plain text, not rendered: write it in Markdown")
    inlines: list[Inline] = []
    for line in (line.strip() for line in content.split("\n")):
        if line:
            inlines.extend([LineBreak(), Text(line)] if inlines else [Text(line)])
    return [Paragraph(tuple(inlines), source)]


def code_paragraph(content: str, source: SourceRef) -> Paragraph:
    """A code block kept as code text, one line per line break."""
    inlines: list[Inline] = []
    for number, line in enumerate(content.rstrip("\n").split("\n")):
        if number:
            inlines.append(LineBreak())
        inlines.append(Code(line))
    return Paragraph(tuple(inlines), source)


def convert_list(node: Node, ctx: ModuleContext) -> BulletList:
    ordered = node.type == "ordered_list"
    start = int(node.token.attrs.get("start", 1)) if ordered else 1
    items = tuple(_list_item(child, ctx) for child in node.children if child.type == "list_item")
    return BulletList(items, SourceRef(ctx.path, node.line), ordered, start)


def _list_item(node: Node, ctx: ModuleContext) -> ListItem:
    """One bullet: its paragraphs joined by line breaks, nested lists as children."""
    inlines: list[Inline] = []
    children: list[BulletList] = []
    for child in node.children:
        if child.type in LIST_TYPES:
            children.append(convert_list(child, ctx))
            continue
        for block in convert_block(child, ctx, "list"):
            if isinstance(block, Paragraph):
                if inlines:
                    inlines.append(LineBreak())
                inlines.extend(block.inlines)
            elif isinstance(block, BulletList):
                children.append(block)
            elif isinstance(block, Figure):
                ctx.pending_figures.append(block)
            else:
                ctx.error(child.line, f"a {type(block).__name__.lower()} cannot sit inside a "
                          "list item: put it after the list, not indented")
    return ListItem(tuple(inlines), tuple(children), SourceRef(ctx.path, node.line))


def convert_table(node: Node, ctx: ModuleContext) -> Table:
    header: tuple[tuple[Inline, ...], ...] = ()
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    aligns: tuple[str, ...] = ()
    for section in node.children:
        for row in section.children:
            cells = tuple(convert_inlines(inline_token(c), ctx, row.line) for c in row.children)
            if section.type == "thead":
                header = cells
                aligns = tuple(_align(c) for c in row.children)
            else:
                rows.append(cells)
    return Table(header, tuple(rows), aligns, SourceRef(ctx.path, node.line))


def _align(cell: Node) -> str:
    style = str(cell.token.attrs.get("style", "") or "")
    return style.removeprefix("text-align:").strip()


def _visible(inlines: tuple[Inline, ...]) -> bool:
    return any(not isinstance(i, Text) or i.text.strip() for i in inlines)
