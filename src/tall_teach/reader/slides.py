"""A module's block tree cut into slides: `#` sections, `##` slides, `---` untitled slides."""

from __future__ import annotations

from dataclasses import dataclass, field

from tall_teach.model import Block, Inline, LecturerNotes, Paragraph, Slide, SourceRef, plain_text
from tall_teach.reader.blocks import convert_block, convert_blocks
from tall_teach.reader.cites import block_citations
from tall_teach.reader.context import ModuleContext, UniqueIds, slugify, valid_authored_id
from tall_teach.reader.divs import check_div, div_attributes, div_kind, split_heading_attributes
from tall_teach.reader.inlines import convert_inlines
from tall_teach.reader.markdown import Node, inline_token


@dataclass
class _Draft:
    kind: str
    title: tuple[Inline, ...]
    line: int
    authored_id: str = ""  # from a Pandoc `{#id}` after the heading
    blocks: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)


def build_slides(nodes: list[Node], ctx: ModuleContext) -> list[Slide]:
    """Slides in order, each with a stable id `<module id>/<slug of title>`."""
    drafts: list[_Draft] = []
    for node in nodes:
        if node.type == "front_matter":
            continue
        if node.type == "heading" and node.token.tag in _cutting_tags(ctx.slide_level):
            title, ident = split_heading_attributes(
                convert_inlines(inline_token(node), ctx, node.line))
            if ident and not valid_authored_id(ident):
                ctx.error(node.line, f"slide id '{ident}' may hold only letters, digits, '-', "
                          "'_' and '.'")
                ident = ""
            kind = "content" if node.token.tag == f"h{ctx.slide_level}" else "section"
            if not plain_text(title).strip():
                marks = "#" if kind == "section" else "##"
                ctx.warn(node.line, f"'{marks}' with no title: write the "
                         f"{'section' if kind == 'section' else 'slide'} title after it "
                         "(an untitled slide can start with a '---' line instead)")
            drafts.append(_Draft(kind, title, node.line, ident))
            drafts[-1].blocks.extend(ctx.take_figures())
            continue
        if node.type == "hr":
            drafts.append(_Draft("content", (), node.line))
            continue
        if not drafts:
            ctx.warn(node.line, "text before the first heading goes on an untitled slide: "
                     "put a '## Title' line above it")
            drafts.append(_Draft("content", (), node.line))
        _add_block(node, drafts[-1], ctx)
    for draft in drafts:
        _warn_content_on_divider(draft, ctx)
    return _finish(drafts, ctx)


def _cutting_tags(slide_level: int) -> tuple[str, ...]:
    """Headings that start a slide (level `slide_level`) or a section (the levels above)."""
    return tuple(f"h{level}" for level in range(1, slide_level + 1))


def _warn_content_on_divider(draft: _Draft, ctx: ModuleContext) -> None:
    """A Pandoc or Marp habit: `# Title` with bullets under it, meant as a slide.

    A section divider shows one paragraph as its subtitle; lists or more text land on the
    navy divider in small type, and anything else on an untitled slide after it.
    """
    if draft.kind != "section":
        return
    shown = [b for b in draft.blocks if not isinstance(b, Paragraph)]
    if not shown and len(draft.blocks) < 2:
        return  # nothing, or one paragraph: the divider's subtitle
    first = (shown or draft.blocks[1:])[0]
    line = first.source.line if first.source else draft.line
    ctx.warn(draft.line, f"'# {plain_text(draft.title)}' is a section divider, and the "
             f"content under it (line {line}) goes on the navy divider in small type: start a "
             "slide with '## Title' above that content, or, if each '#' heading is meant as "
             "a slide (Pandoc's --slide-level 1), add 'slide_level: 1' to course.yaml")


def _add_block(node: Node, draft: _Draft, ctx: ModuleContext) -> None:
    if node.type == "fenced_div" and div_kind(node) == "notes":
        if check_div(node, ctx) is not None:
            blocks = convert_blocks(node.children, ctx, "notes")
            if "lecturer" in (div_attributes(node.token.info) or ([], ""))[0]:
                draft.notes.append(LecturerNotes(tuple(blocks), SourceRef(ctx.path, node.line)))
            else:
                draft.notes.extend(blocks)
        return
    draft.blocks.extend(convert_block(node, ctx, "slide"))
    draft.blocks.extend(ctx.take_figures())


def _finish(drafts: list[_Draft], ctx: ModuleContext) -> list[Slide]:
    ids = UniqueIds()
    slides = []
    for number, draft in enumerate(drafts, start=1):
        if not draft.title and not draft.blocks and not draft.notes:
            continue  # a `---` before a heading (Marp style) or at the end: nothing to show
        if draft.authored_id and not ids.claim(draft.authored_id):
            ctx.error(draft.line, f"slide id '{draft.authored_id}' is already the id of another "
                      "slide in this module: choose another")
        base = draft.authored_id or slugify(plain_text(draft.title)) or f"slide-{number}"
        slide_id = f"{ctx.module_id}/{base if draft.authored_id else ids.unique(base)}"
        slides.append(
            Slide(
                slide_id,
                draft.kind,
                draft.title,
                tuple(draft.blocks),
                tuple(draft.notes),
                block_citations(draft.blocks, draft.title),
                SourceRef(ctx.path, draft.line),
            )
        )
    return slides
