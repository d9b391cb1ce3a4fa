"""Fenced divs -> model blocks: takehome, question, placeholder, columns (notes: slides.py)."""

from __future__ import annotations

import re

from tall_teach.model import (
    Block,
    Choice,
    Column,
    Columns,
    Emph,
    Inline,
    ListItem,
    Message,
    Paragraph,
    Placeholder,
    Question,
    QuizControls,
    SourceRef,
    Strong,
    TakeHome,
    Text,
    cited_keys,
    plain_text,
    strong_spans,
)
from tall_teach.reader.blocks import LIST_TYPES, convert_blocks, convert_list
from tall_teach.reader.cites import block_citations
from tall_teach.reader.context import ModuleContext, slugify, valid_authored_id
from tall_teach.reader.diagnostics import did_you_mean
from tall_teach.reader.markdown import Node

DIV_KINDS = ("notes", "takehome", "question", "placeholder", "columns", "column")
_ATTRIBUTE = re.compile(r'\s*(?:\.([\w-]+)|#([^\s}]+)|([\w-]+)=("[^"]*"|\S+))')
_TRAILING_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*$")
_TRAILING_ATTRIBUTES = re.compile(r"\s*(\{[^{}]*\})\s*$")
_TASK = re.compile(r"^\s*\[([ xX])\]\s+")
_EXPLANATION = re.compile(r"^\s*explanation\s*:\s*", re.IGNORECASE)


def div_attributes(info: str) -> tuple[list[str], str] | None:
    """(classes, id) of `notes` or `{.question #id key=v}`; None if it cannot be read."""
    info = info.strip()
    if re.fullmatch(r"[\w-]+", info):
        return [info], ""
    if not (info.startswith("{") and info.endswith("}")):
        return None
    parsed = _attribute_items(info[1:-1])
    return None if parsed is None else (parsed[1], parsed[0])


def div_kind(node: Node) -> str:
    """The first known class of a div, '' when none is."""
    attributes = div_attributes(node.token.info)
    classes = attributes[0] if attributes else []
    return next((c for c in classes if c in DIV_KINDS), "")


def check_div(node: Node, ctx: ModuleContext) -> tuple[str, str] | None:
    """(kind, id) of a div, or None with its problem recorded (unclosed, unknown class)."""
    info = node.token.info
    if (node.token.meta or {}).get("unclosed"):
        ctx.error(node.line, f"'::: {info}' is never closed: add a line ':::' after its content")
    attributes = div_attributes(info)
    if attributes is None:
        ctx.error(node.line, f"cannot read the block opening '::: {info}': write '::: notes' "
                  "or '::: {.question #my-id}'")
        return None
    classes, ident = attributes
    kind = div_kind(node)
    if not kind:
        name = classes[0] if classes else info
        ctx.error(node.line, f"unknown block '::: {name}'{did_you_mean(name, DIV_KINDS)} "
                  f"(known blocks: {', '.join(DIV_KINDS)})")
        return None
    if ident and not valid_authored_id(ident):
        ctx.error(node.line, f"id '{ident}' may hold only letters, digits, '-', '_' and '.'")
        ident = ""
    return kind, ident


def convert_div(node: Node, ctx: ModuleContext, where: str) -> list[Block]:
    checked = check_div(node, ctx)
    if checked is None:
        return []
    kind, ident = checked
    if kind == "notes":
        ctx.error(node.line, "'::: notes' belongs at the top level of a slide, not inside "
                  f"a {where}: move it out")
        return []
    if kind in ("takehome", "question") and where == "notes":
        ctx.error(node.line, f"'::: {kind}' cannot sit inside speaker notes: move it out")
        return []
    if kind == "column":
        ctx.error(node.line, "'::: column' must sit inside ':::: columns' (four colons)")
        return []
    converters = {"takehome": _takehome, "question": _question,
                  "placeholder": _placeholder, "columns": _columns}
    block = converters[kind](node, ctx, ident)
    return [block] if block is not None else []


def _takehome(node: Node, ctx: ModuleContext, _ident: str) -> TakeHome | None:
    lists = [c for c in node.children if c.type in LIST_TYPES]
    others = [c for c in node.children if c.type not in LIST_TYPES]
    if not node.children:
        ctx.error(node.line, "empty take-home block: write one '- message' per line inside it")
        return None
    if others or len(lists) != 1:
        line = (others[0] if others else lists[1]).line
        ctx.error(line, "a take-home block holds exactly one list, one message per '- ' item: "
                  "move other text out of it")
        return None
    messages = [_message(item, ctx) for item in convert_list(lists[0], ctx).items]
    found = tuple(m for m in messages if m is not None)
    return TakeHome(found, SourceRef(ctx.path, node.line)) if found else None


def _message(item: ListItem, ctx: ModuleContext) -> Message | None:
    line = item.source.line
    if item.children:
        ctx.error(item.children[0].source.line, "a take-home message cannot have sub-items: "
                  "make each one its own '- ' item")
        return None
    inlines, authored, controls = _message_attributes(item.inlines, ctx, line)
    if not plain_text(inlines):
        ctx.error(line, "empty take-home message: write the message or remove the '- '")
        return None
    terms = strong_spans(inlines)
    base = slugify(terms[0]) if terms else slugify(" ".join(plain_text(inlines).split()[:4]))
    ident = _block_id(ctx, authored, f"{ctx.module_id}-{base or 'message'}", line)
    return Message(ident, inlines, SourceRef(ctx.path, line), controls)


MESSAGE_CLASSES = ("noquiz",)
MESSAGE_KEYS = ("distractors", "exclude")


def _message_attributes(
    inlines: tuple[Inline, ...], ctx: ModuleContext, line: int
) -> tuple[tuple[Inline, ...], str, QuizControls]:
    """A message's trailing `{#id .noquiz distractors="a; b" exclude="c"}` taken off its
    text: the id and the author's quiz controls (unknown ones are errors at the line)."""
    if not inlines or not isinstance(inlines[-1], Text):
        return inlines, "", QuizControls()
    match = _TRAILING_ATTRIBUTES.search(inlines[-1].text)
    if not match or not re.match(r"\{\s*(?:[#.]|[\w-]+=)", match.group(1)):
        return inlines, "", QuizControls()  # braces that are the message's own text
    parsed = _attribute_items(match.group(1)[1:-1])
    if parsed is None:
        ctx.error(line, f"cannot read the attributes '{match.group(1)}': write for example "
                  '{#my-id .noquiz} or {distractors="term one; term two" exclude="term"}')
        return inlines, "", QuizControls()
    ident, classes, pairs = parsed
    for name in classes:
        if name not in MESSAGE_CLASSES:
            near = did_you_mean(f".{name}", [f".{c}" for c in MESSAGE_CLASSES])
            ctx.error(line, f"unknown message class '.{name}'{near}"
                      " (a take-home message knows '.noquiz')")
    for key in pairs:
        if key not in MESSAGE_KEYS:
            ctx.error(line, f"unknown message attribute '{key}'{did_you_mean(key, MESSAGE_KEYS)}"
                      f" (known: {', '.join(MESSAGE_KEYS)})")

    def terms(key: str) -> tuple[str, ...]:
        return tuple(t.strip() for t in pairs.get(key, "").split(";") if t.strip())

    controls = QuizControls("noquiz" not in classes, terms("distractors"), terms("exclude"))
    rest = inlines[-1].text[: match.start()].rstrip()
    return inlines[:-1] + ((Text(rest),) if rest else ()), ident, controls


def _attribute_items(inner: str) -> tuple[str, list[str], dict[str, str]] | None:
    """(id, classes, key=value pairs) of the inside of `{...}`, or None if unreadable."""
    pos, ident, classes, pairs = 0, "", [], {}
    while pos < len(inner.rstrip()):
        match = _ATTRIBUTE.match(inner, pos)
        if not match:
            return None
        if match.group(1):
            classes.append(match.group(1))
        elif match.group(2):
            ident = match.group(2)
        else:
            pairs[match.group(3)] = match.group(4).strip('"')
        pos = match.end()
    return ident, classes, pairs


def split_trailing_id(inlines: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], str]:
    """An author's trailing `{#my-id}` taken off the text."""
    if inlines and isinstance(inlines[-1], Text):
        match = _TRAILING_ID.search(inlines[-1].text)
        if match:
            rest = inlines[-1].text[: match.start()].rstrip()
            head = inlines[:-1] + ((Text(rest),) if rest else ())
            return head, match.group(1)
    return inlines, ""


def split_heading_attributes(inlines: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], str]:
    """A Pandoc heading's trailing `{#id .class}` taken off its text; returns (title, id)."""
    if inlines and isinstance(inlines[-1], Text):
        match = _TRAILING_ATTRIBUTES.search(inlines[-1].text)
        attributes = div_attributes(match.group(1)) if match else None
        if match and attributes is not None:
            rest = inlines[-1].text[: match.start()].rstrip()
            return inlines[:-1] + ((Text(rest),) if rest else ()), attributes[1]
    return inlines, ""


def _block_id(ctx: ModuleContext, authored: str, generated: str, line: int) -> str:
    if authored:
        if not valid_authored_id(authored):
            ctx.error(line, f"id '{authored}' may hold only letters, digits, '-', '_' and '.'")
        elif not ctx.block_ids.claim(authored):
            ctx.error(line, f"id '{authored}' is used twice in this module: make it unique")
        else:
            return authored
    return ctx.block_ids.unique(generated)


def _question(node: Node, ctx: ModuleContext, ident: str) -> Question | None:
    stem: tuple[Inline, ...] = ()
    explanation: tuple[Inline, ...] = ()
    choices: list[Choice] = []
    before = len(ctx.collector.errors)
    for child in node.children:
        if child.type == "paragraph" and not stem and not choices:
            stem = _paragraph_inlines(child, ctx)
        elif child.type in LIST_TYPES and stem and not choices:
            choices = _choices(child, ctx)
        elif child.type == "paragraph" and choices and not explanation:
            text = _paragraph_inlines(child, ctx)
            explanation = _explanation(text)
            if explanation is None:
                ctx.error(child.line, "after the choices a question takes one paragraph that "
                          "starts with 'Explanation:'")
                explanation = ()
        else:
            ctx.error(child.line, "a question holds its stem paragraph, a list of choices "
                      "('- [x] right', '- [ ] wrong') and an optional 'Explanation:' paragraph: "
                      "move anything else out")
    if not stem:
        ctx.error(node.line, "the question has no stem: write the question as its first "
                  "paragraph")
    elif len(ctx.collector.errors) > before:
        pass  # a broken choice was reported; counting the rest would only add noise
    elif len(choices) < 2:
        ctx.error(node.line, "a question needs at least 2 choices written as a task list "
                  "('- [x] right', '- [ ] wrong')")
    elif sum(c.correct for c in choices) != 1:
        right = sum(c.correct for c in choices)
        ctx.error(node.line, f"a question needs exactly one correct choice '[x]', this one has "
                  f"{right}: mark the single best answer")
    if len(ctx.collector.errors) > before:
        return None
    words = " ".join(plain_text(stem).split()[:5])
    qid = _block_id(ctx, ident, f"{ctx.module_id}-q-{slugify(words) or 'question'}", node.line)
    citations = tuple(dict.fromkeys((*cited_keys(stem), *cited_keys(explanation))))
    return Question(qid, stem, tuple(choices), explanation, SourceRef(ctx.path, node.line),
                    citations)


def _paragraph_inlines(node: Node, ctx: ModuleContext) -> tuple[Inline, ...]:
    blocks = convert_blocks([node], ctx, "question")
    return next((b.inlines for b in blocks if isinstance(b, Paragraph)), ())


def _choices(node: Node, ctx: ModuleContext) -> list[Choice]:
    choices = []
    for item in convert_list(node, ctx).items:
        rest = strip_prefix(item.inlines, _TASK)
        if rest is None or item.children:
            ctx.error(item.source.line, "each choice is one task-list item: '- [x] right answer' "
                      "or '- [ ] wrong answer', without sub-items")
            continue
        correct = plain_text(item.inlines[:1]).startswith(("[x]", "[X]"))
        choices.append(Choice(rest, correct, item.source))
    return choices


def _explanation(inlines: tuple[Inline, ...]) -> tuple[Inline, ...] | None:
    """A paragraph's text after 'Explanation:' (plain or bold), None if it does not start so."""
    if inlines and isinstance(inlines[0], Strong | Emph):
        label = plain_text(inlines[0].children)
        if _EXPLANATION.fullmatch(label):
            rest = inlines[1:]
            if rest and isinstance(rest[0], Text):
                rest = ((Text(rest[0].text.lstrip()),) if rest[0].text.strip() else ()) + rest[1:]
            return rest
    return strip_prefix(inlines, _EXPLANATION)


def strip_prefix(inlines: tuple[Inline, ...], prefix: re.Pattern[str]) -> tuple[Inline, ...] | None:
    """The inlines without a leading text matching `prefix`, None if they do not start so."""
    if not inlines or not isinstance(inlines[0], Text):
        return None
    match = prefix.match(inlines[0].text)
    if not match:
        return None
    rest = inlines[0].text[match.end():]
    return ((Text(rest),) if rest else ()) + inlines[1:]


def _placeholder(node: Node, ctx: ModuleContext, _ident: str) -> Placeholder | None:
    blocks = tuple(convert_blocks(node.children, ctx, "placeholder"))
    if not blocks:
        ctx.error(node.line, "empty placeholder: describe the figure that belongs here and "
                  "cite its source")
        return None
    return Placeholder(blocks, block_citations(blocks), SourceRef(ctx.path, node.line))


def _columns(node: Node, ctx: ModuleContext, _ident: str) -> Columns | None:
    columns = []
    for child in node.children:
        checked = check_div(child, ctx) if child.type == "fenced_div" else None
        if checked is None or checked[0] != "column":
            if checked is not None or child.type != "fenced_div":
                ctx.error(child.line, "inside ':::: columns' write only '::: column' blocks, "
                          "each closed by ':::'")
            continue
        blocks = tuple(convert_blocks(child.children, ctx, "column"))
        columns.append(Column(blocks, SourceRef(ctx.path, child.line)))
    if not columns:
        ctx.error(node.line, "':::: columns' needs '::: column' blocks inside it")
        return None
    return Columns(tuple(columns), SourceRef(ctx.path, node.line))
