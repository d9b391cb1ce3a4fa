"""Moodle XML export (quiz/moodle.xml): one category per module, multichoice questions.

Follows Moodle's XML importer: every default that differs from what we mean is
written out (`shuffleanswers` defaults to false when absent; numeric items must
keep their ascending order), fractions are percents from Moodle's grade list,
HTML text goes in CDATA with `]]>` split the way Moodle's own exporter does.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import (
    category_path,
    general_feedback_html,
    items_by_module,
    option_feedback,
    paragraph_html,
    text_to_html,
    xml_safe,
)
from tall_teach.theme import Theme


def cdata(text: str) -> str:
    """Text as one CDATA section; a `]]>` inside is split across two sections."""
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_element(tag: str, html_text: str, indent: str) -> str:
    """`<tag format="html"><text><![CDATA[...]]></text></tag>`; empty text stays empty."""
    body = cdata(html_text) if html_text else ""
    return f'{indent}<{tag} format="html"><text>{body}</text></{tag}>'


def plain_element(tag: str, value: str, indent: str) -> str:
    return f"{indent}<{tag}>{escape(xml_safe(value))}</{tag}>"


def category_question(path: str) -> list[str]:
    return [
        '  <question type="category">',
        f"    <category><text>{escape(xml_safe(path))}</text></category>",
        '    <info format="html"><text></text></info>',
        "  </question>",
    ]


def answer_lines(item: QuizItem) -> list[str]:
    lines: list[str] = []
    for option in item.options:
        fraction = "100" if option.correct else "0"
        lines += [
            f'    <answer fraction="{fraction}" format="html">',
            f"      <text>{cdata(text_to_html(option.text))}</text>",
            text_element("feedback", text_to_html(option_feedback(item, option)), "      "),
            "    </answer>",
        ]
    return lines


def question_lines(item: QuizItem, course: Course) -> list[str]:
    """One multichoice question with every setting written explicitly."""
    shuffle = "false" if item.numeric else "true"
    return [
        '  <question type="multichoice">',
        f"    <name><text>{escape(xml_safe(item.id))}</text></name>",
        text_element("questiontext", paragraph_html(item.stem), "    "),
        text_element("generalfeedback", general_feedback_html(item, course), "    "),
        plain_element("defaultgrade", "1", "    "),
        plain_element("penalty", "0.3333333", "    "),
        plain_element("hidden", "0", "    "),
        plain_element("idnumber", item.id, "    "),
        plain_element("single", "true", "    "),
        plain_element("shuffleanswers", shuffle, "    "),
        plain_element("answernumbering", "abc", "    "),
        plain_element("showstandardinstruction", "0", "    "),
        text_element("correctfeedback", "<p>Correct.</p>", "    "),
        text_element("partiallycorrectfeedback", "", "    "),
        text_element("incorrectfeedback", "<p>Not quite.</p>", "    "),
        *answer_lines(item),
        "    <tags>",
        f"      <tag><text>{escape(xml_safe(item.kind))}</text></tag>",
        f"      <tag><text>{escape(xml_safe(course.id))}</text></tag>",
        "    </tags>",
        "  </question>",
    ]


def moodle_xml(course: Course) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for _module_id, module_title, items in items_by_module(course.items):
        lines += category_question(category_path(course, module_title))
        for item in items:
            lines += question_lines(item, course)
    lines.append("</quiz>")
    return "\n".join(lines) + "\n"


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {"quiz/moodle.xml": moodle_xml(course).encode("utf-8")}
