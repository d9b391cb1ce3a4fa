"""Printable quiz and answer key PDFs: every stem printed, every key letter in the key.

Text is extracted with poppler's pdftotext: pypdf 7 cannot decode the custom
encoding CMaps WeasyPrint 70 embeds for subset fonts (it returns shifted
characters, while poppler, PDF viewers and copy-paste read the ToUnicode maps
correctly). pypdf still reads the structure: pages, metadata, fonts.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pypdf
import pytest

from tall_teach.model import Course
from tall_teach.quizkit import option_letter
from tall_teach.theme import Theme
from tall_teach.writers import quiz_pdf


@pytest.fixture(scope="module")
def pdfs(course: Course, theme: Theme) -> dict[str, bytes]:
    return quiz_pdf.render(course, theme)


def pdf_text(data: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext missing (Debian package poppler-utils)")
    done = subprocess.run(
        [tool, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=60, check=True
    )
    return done.stdout.decode("utf-8")


def squash(text: str) -> str:
    """Whitespace and hyphens removed: line wrapping (pdftotext joins "MRD-|negative" as
    "MRDnegative") and layout gaps never decide a test."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_both_pdfs_are_rendered(pdfs: dict[str, bytes]) -> None:
    assert sorted(pdfs) == ["quiz/answer-key.pdf", "quiz/quiz.pdf"]
    for data in pdfs.values():
        assert data.startswith(b"%PDF-")


def test_the_quiz_prints_every_stem_and_option_with_a_name_line(
    pdfs: dict[str, bytes], course: Course
) -> None:
    text = pdf_text(pdfs["quiz/quiz.pdf"])
    flat = squash(text)
    assert "Name" in text and "Date" in text
    ltr = [i for i in course.items if i.id != "tt-m02-rtl"]  # bidi text is reordered on extraction
    for number, item in enumerate(course.items, start=1):
        if item in ltr:
            assert squash(f"{number}. {item.stem}") in flat, item.id
            for option in item.options:
                assert squash(option.text) in flat, (item.id, option.text)
    assert "<script" not in pdfs["quiz/quiz.pdf"].decode("latin-1")


def test_the_answer_key_has_every_key_letter_explanation_and_source(
    pdfs: dict[str, bytes], course: Course
) -> None:
    flat = squash(pdf_text(pdfs["quiz/answer-key.pdf"]))
    for number, item in enumerate(course.items, start=1):
        letter = option_letter(item.key_index)
        assert squash(f"{number} {letter}") in flat, item.id  # the at-a-glance grid
        if item.id != "tt-m02-rtl":
            assert squash(f"{letter} {item.options[item.key_index].text}") in flat, item.id
    assert squash("Slide: Take-home messages. Source: Bassan R et al, JCO 2018.") in flat


def test_the_pdfs_carry_the_course_metadata_and_embedded_fonts(
    pdfs: dict[str, bytes], course: Course
) -> None:
    for name, data in pdfs.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert reader.metadata.title.startswith(course.title), name
        assert reader.metadata["/CreationDate"].startswith("D:20261123"), "dated by the course"
        fonts = {
            str(font.get_object()["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert any("QuizBody" in f for f in fonts), fonts


def test_two_renders_give_identical_pdfs(
    pdfs: dict[str, bytes], course: Course, theme: Theme
) -> None:
    assert quiz_pdf.render(course, theme) == pdfs


def test_the_real_courses_print_every_stem(
    real_courses: list[tuple[str, Course]], theme: Theme
) -> None:
    for name, real in real_courses:
        rendered = quiz_pdf.render(real, theme)
        quiz_text = squash(pdf_text(rendered["quiz/quiz.pdf"]))
        key_text = squash(pdf_text(rendered["quiz/answer-key.pdf"]))
        for number, item in enumerate(real.items, start=1):
            assert squash(item.stem) in quiz_text, (name, item.id)
            assert squash(f"{number} {option_letter(item.key_index)}") in key_text, (name, item.id)
