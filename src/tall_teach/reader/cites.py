"""Citation keys of blocks, in order of first appearance (a slide's source footer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Cite,
    Columns,
    Emph,
    Figure,
    Inline,
    Link,
    ListItem,
    Paragraph,
    Placeholder,
    Strong,
    Table,
    TakeHome,
)

_CONTAINERS = (Strong, Emph, Link)


def block_citations(blocks: Iterable[Block], title: Iterable[Inline] = ()) -> tuple[str, ...]:
    """Keys cited in a title and blocks; authored questions keep theirs to themselves."""
    seen: dict[str, None] = dict.fromkeys(cited_keys(title))
    for keys in _block_keys(blocks):
        for key in keys:
            seen.setdefault(key, None)
    return tuple(seen)


def cited_keys(inlines: Iterable[Inline]) -> tuple[str, ...]:
    """Like model.cited_keys, without generators: run once per bullet of every slide."""
    found: list[str] = []
    stack = [iter(inlines)]
    while stack:
        for node in stack[-1]:
            if type(node) is Cite:
                found.extend(node.keys)
            elif type(node) in _CONTAINERS:
                stack.append(iter(node.children))  # type: ignore[union-attr]
                break
        else:
            stack.pop()
    return tuple(dict.fromkeys(found))


def _block_keys(blocks: Iterable[Block]) -> Iterator[tuple[str, ...]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield cited_keys(block.inlines)
        elif isinstance(block, BulletList):
            yield from _list_keys(block.items)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield cited_keys(cell)
            yield cited_keys(block.caption)
        elif isinstance(block, Figure):
            yield cited_keys(block.caption)
        elif isinstance(block, Placeholder | Chart):
            yield block.citations
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from _block_keys(column.blocks)
        elif isinstance(block, TakeHome):
            for message in block.messages:
                yield cited_keys(message.inlines)


def _list_keys(items: Iterable[ListItem]) -> Iterator[tuple[str, ...]]:
    """Depth first with an explicit stack, so very deep lists cannot exhaust recursion."""
    stack = list(reversed(list(items)))
    while stack:
        item = stack.pop()
        yield cited_keys(item.inlines)
        for child in reversed(item.children):
            stack.extend(reversed(child.items))
