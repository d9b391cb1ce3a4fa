"""Course-wide checks over read modules: take-home and question ids are unique."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tall_teach.model import Block, Columns, Module, Placeholder, Question, SourceRef, TakeHome
from tall_teach.reader.diagnostics import Collector


def check_block_ids(modules: Iterable[Module], collector: Collector) -> None:
    """A message or question id used in two modules is an error at the second."""
    seen: dict[str, SourceRef] = {}
    for module in modules:
        for slide in module.slides:
            for ident, source in _block_ids(slide.blocks):
                if ident in seen and seen[ident].path != source.path:
                    collector.error(source.path, source.line, f"id '{ident}' is also used at "
                                    f"{seen[ident]}: make it unique")
                seen.setdefault(ident, source)


def _block_ids(blocks: Iterable[Block]) -> Iterator[tuple[str, SourceRef]]:
    for block in blocks:
        if isinstance(block, TakeHome):
            for message in block.messages:
                yield message.id, message.source
        elif isinstance(block, Question):
            yield block.id, block.source
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from _block_ids(column.blocks)
        elif isinstance(block, Placeholder):
            yield from _block_ids(block.blocks)
