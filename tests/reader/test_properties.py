"""Property: whatever text a module holds, the reader returns a model or a ContentError."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tall_teach.errors import ContentError
from tall_teach.model import Module
from tall_teach.reader import read_module_text

KEYS = {"smith2020", "jones2021"}

# Pieces of Markdown syntax the reader treats specially, mixed with arbitrary text.
SYNTAX = [
    "\n", "\n\n", "# ", "## ", "### ", "---\n", "- ", "  - ", "1. ", "- [x] ", "- [ ] ", "**", "*",
    "`", "```chart\n", "```\n", "::: notes\n", "::: takehome\n", "::: question\n",
    "::: placeholder\n", ":::: columns\n", "::: column\n", "::: {.question #q1}\n", ":::\n",
    "[@smith2020]", "[@a; @b, p. 3]", "[link](https://x.org)", "![alt](figures/x.png \"c\")",
    "![r](https://x.org/a.png)", "![p](../../etc/passwd)", "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "<script>", "<!-- c -->", "Explanation: ", "{#id}", "type: pie\n", "categories: [a, b]\n",
    "series:\n  - name: s\n    values: [1, x]\n", "\t", "\r\n", "\ufeff", "\x00", "é", "🙂",
    "\u202e",
    "id: x\n", "title: !!python/object:os.system\n", "&a [x]\n", "*a\n", "  ", ">",
]

markdownish = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.text(max_size=12)), max_size=40
).map("".join)


def read(text: str) -> None:
    try:
        module, warnings = read_module_text(text, "modules/m.md", known_keys=KEYS)
    except ContentError as error:
        assert error.diagnostics, "a ContentError always carries its diagnostics"
        assert all(d.source is not None and d.source.path == "modules/m.md"
                   for d in error.diagnostics)
        return
    assert isinstance(module, Module) and module.slides
    assert all(w.severity == "warning" for w in warnings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_reads_or_raises_content_error(text: str) -> None:
    read(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_arbitrary_markdown_syntax_reads_or_raises_content_error(text: str) -> None:
    read(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=st.one_of(st.text(max_size=200), markdownish), body=markdownish)
def test_arbitrary_front_matter_reads_or_raises_content_error(front: str, body: str) -> None:
    read(f"---\n{front}\n---\n\n## Slide\n\n{body}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_arbitrary_text_in_a_course_folder_reads_or_raises_content_error(text: str) -> None:
    with contextlib.suppress(ContentError):
        read_module_text(text, "modules/m.md", known_keys=KEYS, root=COURSE)


COURSE = Path(__file__).parent / "cases"
