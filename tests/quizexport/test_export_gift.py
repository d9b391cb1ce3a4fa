"""GIFT export, read back by gift-pegjs (npm) and checked against Moodle's GIFT import rules."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tall_teach.model import Course
from tall_teach.quizkit import category_path, explanation_text, items_by_module, option_feedback
from tall_teach.theme import Theme
from tall_teach.writers import gift

from .quizexport_fixtures import REPO

READER = Path(__file__).with_name("gift_read.js")
NODE_MODULES = REPO / "tests" / "node_modules" / "gift-pegjs"


def gift_bytes(course: Course, theme: Theme) -> bytes:
    return gift.render(course, theme)["quiz/quiz.gift"]


def parse_with_gift_pegjs(data: bytes, tmp_path: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (Debian package nodejs)")
    if not NODE_MODULES.is_dir():
        pytest.skip("gift-pegjs missing: run `npm ci --prefix tests`")
    path = tmp_path / "quiz.gift"
    path.write_bytes(data)
    done = subprocess.run(
        [node, str(READER), str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def from_html(text: str) -> str:
    """Our [html] text back to plain text: one <p> unwrapped, <br> as newline, entities decoded."""
    if text.startswith("<p>") and text.endswith("</p>"):
        text = text[3:-4]
    return html.unescape(text.replace("<br>", "\n"))


def check_round_trip(course: Course, parsed: list[dict[str, Any]]) -> None:
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    questions = [q for q in parsed if q["type"] != "Category"]
    modules = items_by_module(course.items)
    assert categories == [" ".join(category_path(course, title).split()) for _, title, _ in modules]
    assert len(questions) == len(course.items)
    for item, question in zip(course.items, questions, strict=True):
        assert question["type"] == "MC", item.id
        assert question["title"] == item.id
        assert question["stem"]["format"] == "html"
        assert from_html(question["stem"]["text"]) == item.stem
        choices = question["choices"]
        assert [c["isCorrect"] for c in choices] == [o.correct for o in item.options]
        assert all(c["weight"] is None for c in choices)
        for option, choice in zip(item.options, choices, strict=True):
            assert from_html(choice["text"]["text"]) == option.text.strip()
            assert from_html(choice["feedback"]["text"]) == option_feedback(item, option)
        general = question["globalFeedback"]["text"]
        assert html.escape(explanation_text(item), quote=False).split("\n")[0] in general


@pytest.mark.slow
def test_gift_pegjs_reads_back_every_hostile_question_exactly(
    course: Course, theme: Theme, tmp_path: Path
) -> None:
    check_round_trip(course, parse_with_gift_pegjs(gift_bytes(course, theme), tmp_path))


@pytest.mark.slow
def test_gift_pegjs_reads_back_the_real_courses(
    real_courses: list[tuple[str, Course]], theme: Theme, tmp_path: Path
) -> None:
    for name, real in real_courses:
        parsed = parse_with_gift_pegjs(gift_bytes(real, theme), tmp_path)
        check_round_trip(real, parsed)
        assert parsed, name


@pytest.mark.slow
def test_the_gift_reader_fails_on_a_broken_file(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="GIFT parse error"):
        parse_with_gift_pegjs(b"::q::Unclosed {\n=a\n~b\n", tmp_path)


ESCAPED = re.compile(r"\\.")


def moodle_blocks(text: str) -> list[str]:
    """Moodle's readquestions(): trimmed lines, blocks split at blank lines, // lines dropped."""
    blocks, current = [], []
    for line in [*text.split("\n"), ""]:
        line = line.strip()
        if not line:
            if current:
                blocks.append("\n".join(current))
            current = []
        elif not line.startswith("//"):
            current.append(line)
    return blocks


def test_every_gift_block_is_one_question_by_moodles_splitting_rules(
    course: Course, theme: Theme
) -> None:
    blocks = moodle_blocks(gift_bytes(course, theme).decode("utf-8"))
    questions = [b for b in blocks if not b.startswith("$CATEGORY:")]
    assert len(questions) == len(course.items)
    for block, item in zip(questions, course.items, strict=True):
        bare = ESCAPED.sub("", block)
        assert bare.count("{") == 1 and bare.count("}") == 1, item.id
        assert bare.endswith("}"), "text after } would make Moodle use missing-word mode"
        assert bare.startswith(f"::{item.id}::[html]")
        answers = bare[bare.index("{") + 1 : -1]
        assert answers.count("=") == 1, "exactly one key"
        assert answers.count("~") == len(item.options) - 1
        assert answers.count("####") == 1


def test_control_characters_are_escaped_everywhere() -> None:
    text = gift.gift_escape("a~b=c#d{e}f:g\\h\ni\r")
    assert text == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_an_answer_that_looks_like_a_weight_or_format_is_guarded() -> None:
    assert gift.answer_html("%50% x").startswith("&#37;")
    assert gift.answer_html("[html]x").startswith("&#91;")


def test_numeric_and_plain_items_keep_their_delivery_order(course: Course, theme: Theme) -> None:
    text = gift_bytes(course, theme).decode("utf-8")
    ladder = text[text.index("::tt-m02-relapse-cloze::") :]
    positions = [
        ladder.index(f"{mark}{value}#")
        for mark, value in (("~", "10%"), ("~", "20%"), ("=", "30-35%"), ("~", "50%"))
    ]
    assert positions == sorted(positions)
