"""Moodle XML export, checked with lxml against the rules of Moodle's XML importer.

Moodle has no schema for its question XML: the importer (question/format/xml/
format.php) is the definition. `import_problems` mirrors what it rejects or
silently changes for a single-answer multichoice question.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from tall_teach.model import Course
from tall_teach.quizkit import (
    category_path,
    general_feedback_html,
    items_by_module,
    option_feedback,
    paragraph_html,
    text_to_html,
)
from tall_teach.theme import Theme
from tall_teach.writers import moodle

# question_bank::fraction_options_full(), as percents.
MOODLE_FRACTIONS = {
    0.0, 100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0,
    25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
}  # fmt: skip
FORMATS = {"html", "moodle_auto_format", "plain_text", "markdown", "wiki_like"}


def parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=False)
    return etree.fromstring(data, parser)


def text_of(question: etree._Element, path: str) -> str | None:
    node = question.find(path)
    return None if node is None else (node.text or "").strip()


def question_problems(question: etree._Element) -> list[str]:
    """What import_headers()/import_multichoice() would reject for one question."""
    name = text_of(question, "name/text")
    problems = [] if name else ["no name (xmlimportnoname)"]
    if not text_of(question, "questiontext/text"):
        problems.append("no question text")
    for tag in ("questiontext", "generalfeedback"):
        node = question.find(tag)
        if node is not None and node.get("format") not in FORMATS:
            problems.append(f"{tag} has unknown format {node.get('format')!r}")
    if question.find("shuffleanswers") is None:
        problems.append("shuffleanswers absent: Moodle would default it to false")
    if text_of(question, "single") not in {"true", "1"}:
        problems.append("not a single-answer question")
    answers = question.findall("answer")
    if len(answers) < 2:
        problems.append("fewer than 2 answers")
    fractions = [float(a.get("fraction", "0")) for a in answers]
    unlisted = [f for f in fractions if f not in MOODLE_FRACTIONS]
    problems += [f"fraction {f} not in Moodle's list" for f in unlisted]
    if fractions and max(fractions) != 100:
        problems.append("no answer is worth 100 (fractionsnomax)")
    if fractions.count(100) != 1:
        problems.append("a single-answer question needs exactly one 100 answer")
    if any(not text_of(a, "text") for a in answers):
        problems.append("an empty answer")
    return [f"{name}: {p}" for p in problems]


def import_problems(data: bytes) -> list[str]:
    root = parse(data)
    problems: list[str] = [] if root.tag == "quiz" else ["root is not <quiz>"]
    category = ""
    ids: dict[str, set[str]] = defaultdict(set)
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            category = text_of(question, "category/text") or ""
            problems += [] if category.startswith("$course$/") else [f"odd category {category}"]
            continue
        problems += [] if kind == "multichoice" else [f"unexpected type {kind}"]
        problems += question_problems(question)
        idnumber = text_of(question, "idnumber") or ""
        if idnumber in ids[category]:
            problems.append(f"idnumber {idnumber} repeated in {category}: Moodle drops it")
        ids[category].add(idnumber)
    return problems


def test_the_export_passes_every_rule_of_moodles_importer(course: Course, theme: Theme) -> None:
    assert import_problems(moodle.render(course, theme)["quiz/moodle.xml"]) == []


def test_the_rule_checker_catches_what_moodle_rejects(course: Course, theme: Theme) -> None:
    data = moodle.render(course, theme)["quiz/moodle.xml"]
    broken = data.replace(b'fraction="100"', b'fraction="33"', 1)
    broken = broken.replace(b"<shuffleanswers>true</shuffleanswers>", b"", 1)
    problems = import_problems(broken)
    assert any("not in Moodle's list" in p for p in problems)
    assert any("shuffleanswers absent" in p for p in problems)


def test_every_item_is_exported_with_its_settings_written_out(course: Course, theme: Theme) -> None:
    root = parse(moodle.render(course, theme)["quiz/moodle.xml"])
    questions = root.findall("question[@type='multichoice']")
    assert len(questions) == len(course.items)
    for item, question in zip(course.items, questions, strict=True):
        assert text_of(question, "name/text") == item.id
        assert text_of(question, "idnumber") == item.id
        assert text_of(question, "shuffleanswers") == ("false" if item.numeric else "true")
        assert text_of(question, "answernumbering") == "abc"
        fractions = [a.get("fraction") for a in question.findall("answer")]
        assert fractions == ["100" if o.correct else "0" for o in item.options]


def test_cdata_holds_exactly_the_escaped_html_of_each_text(course: Course, theme: Theme) -> None:
    data = moodle.render(course, theme)["quiz/moodle.xml"]
    root = parse(data)
    questions = root.findall("question[@type='multichoice']")
    for item, question in zip(course.items, questions, strict=True):
        assert question.find("questiontext").get("format") == "html"
        assert question.findtext("questiontext/text") == paragraph_html(item.stem)
        assert question.findtext("generalfeedback/text") == general_feedback_html(item, course)
        for option, answer in zip(item.options, question.findall("answer"), strict=True):
            assert answer.findtext("text") == text_to_html(option.text)
            assert answer.findtext("feedback/text") == text_to_html(option_feedback(item, option))
        assert f"<text><![CDATA[{paragraph_html(item.stem)}]]></text>".encode() in data


def test_a_cdata_terminator_in_the_text_is_split_the_way_moodle_splits_it() -> None:
    section = moodle.cdata("a ]]> b <![CDATA[ c")
    assert section == "<![CDATA[a ]]]]><![CDATA[> b <![CDATA[ c]]>"
    assert parse(f"<t>{section}</t>".encode()).text == "a ]]> b <![CDATA[ c"


def test_hostile_text_stays_text(course: Course, theme: Theme) -> None:
    root = parse(moodle.render(course, theme)["quiz/moodle.xml"])
    script_item = root.find("question[idnumber='tt-m01-script']")
    assert "&lt;script&gt;" in script_item.findtext("questiontext/text")
    assert "<script" not in script_item.findtext("questiontext/text")


def test_there_is_one_category_per_module_before_its_questions(
    course: Course, theme: Theme
) -> None:
    root = parse(moodle.render(course, theme)["quiz/moodle.xml"])
    categories = [q.findtext("category/text") for q in root.findall("question[@type='category']")]
    expected = [category_path(course, title) for _, title, _ in items_by_module(course.items)]
    assert categories == expected
    assert root.find("question").get("type") == "category"


def test_the_real_courses_pass_moodles_import_rules(
    real_courses: list[tuple[str, Course]], theme: Theme
) -> None:
    for name, real in real_courses:
        data = moodle.render(real, theme)["quiz/moodle.xml"]
        assert import_problems(data) == [], name
        assert len(parse(data).findall("question[@type='multichoice']")) == len(real.items)
