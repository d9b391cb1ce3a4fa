"""The Markdown parser: markdown-it-py set up for the contract, plus two small plugins.

Plugins: Pandoc fenced divs (`::: notes`, `::: {.question #id}`, `::::` nesting,
closed by a bare colon line, innermost first) and Pandoc citations (`[@a; @b, p. 3]`).
Tokens are turned into a small tree here and never leave the reader package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

MAX_NESTING = 120

_KEY = r"(?:\{[^{}\n]+\}|[\w][\w:.#$%&\-+?<>~/]*)"
_CITE_PART = re.compile(rf"^\s*-?@({_KEY})(.*)$", re.DOTALL)
_CITE_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_FENCE_START = re.compile(r"^(`{3,}|~{3,})")


@dataclass
class Node:
    """A block token and the tokens nested inside it (`type` without `_open`)."""

    type: str
    token: Token
    children: list[Node] = field(default_factory=list)

    @property
    def line(self) -> int:
        """1-based first line of the block in the text parsed."""
        return self.token.map[0] + 1 if self.token.map else 0


@cache
def parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough, front matter, divs, cites."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Raw HTML is tokenised (so comments can be dropped) but never passed through: the
    # reader turns every HTML token into literal text (see inlines.py and blocks.py).
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    # Setext headings off: "text" over a `---` line must stay a slide break, not a title.
    md.disable("lheading")
    md.use(front_matter_plugin)
    md.validateLink = lambda _url: True  # type: ignore[method-assign]  # checked by the reader
    interrupts = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.at("fence", _fence_noting_closure, interrupts)
    md.block.ruler.before("fence", "fenced_div", _fenced_div, interrupts)
    md.inline.ruler.before("link", "citation", _citation)
    return md


def parse_blocks(text: str) -> tuple[list[Node], tuple[int, int]]:
    """The block tree of a Markdown text, and the deepest token level reached with its line."""
    tokens = parser().parse(text)
    root = Node("root", tokens[0] if tokens else _empty_token())
    stack = [root]
    deepest = (0, 0)
    for token in tokens:
        if token.level > deepest[0]:
            deepest = (token.level, token.map[0] + 1 if token.map else 0)
        if token.nesting == 1:
            node = Node(token.type.removesuffix("_open"), token)
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].children.append(Node(token.type, token))
    return root.children, deepest


def _empty_token() -> Token:
    from markdown_it.token import Token

    return Token("root", "", 0)


def div_info(line: str) -> str | None:
    """The text after a colon fence (`notes`, `{.question #id}`), '' for a closing fence,
    None when the line is no colon fence at all."""
    stripped = line.strip()
    if not stripped.startswith(":::"):
        return None
    return stripped.strip(":").strip()


def _fenced_div(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[begin : begin + 3] != ":::" or state.is_code_block(start_line):
        return False
    info = div_info(state.src[begin : state.eMarks[start_line]])
    if info is None:
        return False
    if silent:
        return True
    if not info:
        token = state.push("fenced_div_stray", "", 0)
        token.map = [start_line, start_line + 1]
        state.line = start_line + 1
        return True
    close_line, closed = _find_div_end(state, start_line, end_line)
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "container"  # type: ignore[assignment]
    state.lineMax = close_line
    token = state.push("fenced_div_open", "div", 1)
    token.info = info
    token.map = [start_line, close_line]
    token.meta = {"unclosed": not closed}
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.push("fenced_div_close", "div", -1)
    state.parentType, state.lineMax = old_parent, old_max
    state.line = close_line + (1 if closed else 0)
    return True


def _fence_noting_closure(state: StateBlock, start_line: int, end_line: int, silent: bool
                          ) -> bool:
    """The CommonMark fence rule, plus `meta["closed"]`: an unclosed fence runs to the end
    of its container, which would silently swallow the rest of a module."""
    from markdown_it.rules_block import fence

    if not fence(state, start_line, end_line, silent):
        return False
    if not silent:
        token = state.tokens[-1]
        last = state.line - 1
        token.meta = {"closed": last > start_line and _closes_fence(state, last, token.markup)}
    return True


def _closes_fence(state: StateBlock, line: int, markup: str) -> bool:
    if state.is_code_block(line):
        return False
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    return text.startswith(markup) and not text.strip(markup[0]).strip()


def _find_div_end(state: StateBlock, start_line: int, end_line: int) -> tuple[int, bool]:
    """The line of the matching bare colon fence (divs nest like brackets), skipping code."""
    depth = 1
    fence = ""
    line = start_line + 1
    while line < end_line:
        begin = state.bMarks[line] + state.tShift[line]
        text = state.src[begin : state.eMarks[line]]
        if text and state.sCount[line] < state.blkIndent:
            return line, False
        if not state.is_code_block(line):
            if fence:
                if text.startswith(fence) and not text.strip(fence[0]).strip():
                    fence = ""
            elif match := _FENCE_START.match(text):
                fence = match.group(1)
            else:
                info = div_info(text)
                if info is not None:
                    depth += 1 if info else -1
                    if depth == 0:
                        return line, True
        line += 1
    return line, False


def _citation(state: StateInline, silent: bool) -> bool:
    """`[@key]`, `[@a; @b]`, `[@a, p. 3]` (locators ignored) -> one `cite` token."""
    if state.src[state.pos] != "[":
        return False
    match = _CITE_BRACKET.match(state.src, state.pos, state.posMax)
    if not match or "@" not in match.group(1):
        return False
    after = match.end()
    if after < state.posMax and state.src[after] in "([":
        return False  # a link or image whose text starts with '@'
    keys = citation_keys(match.group(1))
    if not keys:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"keys": keys, "line": state.src.count("\n", 0, state.pos)}
        token.content = match.group(0)
    state.pos = after
    return True


def citation_keys(inside: str) -> list[str]:
    """Keys of a bracketed citation's inside (`@a; @b, p. 3`), [] if it is not one."""
    keys: list[str] = []
    for part in inside.split(";"):
        match = _CITE_PART.match(part)
        if not match:
            return []
        key = match.group(1)
        key = key[1:-1].strip() if key.startswith("{") else key.rstrip(".:#$%&-+?<>~/")
        if not key:
            return []
        keys.append(key)
    return keys


def inline_token(node: Node) -> Token | None:
    """The `inline` token holding a paragraph's, heading's or cell's text."""
    return next((c.token for c in node.children if c.type == "inline"), None)
