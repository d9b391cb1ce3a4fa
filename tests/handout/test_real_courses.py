"""The handout of real courses read from disk: the mini-course fixture and the T-ALL course."""

from __future__ import annotations

import io
import re
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from tall_teach.model import Course, plain_text
from tall_teach.theme import load_theme
from tall_teach.transforms.citations import vancouver

from .handout_course import MINI_COURSE, TALL_COURSE

COURSES = {
    "mini-course": (MINI_COURSE, (5, 12)),
    "t-all-adults": (TALL_COURSE, (18, 45)),
}


Built = tuple[Course, dict[str, bytes], tuple[int, int]]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=sorted(COURSES))
def built(request: pytest.FixtureRequest) -> Built:
    folder, pages = COURSES[request.param]
    if not (folder / "course.yaml").is_file():
        pytest.skip(f"{folder} does not exist yet")
    from tall_teach.reader import read_course
    from tall_teach.writers import handout

    course, _ = read_course(folder)
    return course, handout.render(course, load_theme(course.theme, Path(course.root))), pages


def test_page_count_is_in_the_expected_range(built: Built) -> None:
    _, out, (low, high) = built
    assert low <= len(PdfReader(io.BytesIO(out["handout.pdf"])).pages) <= high


def test_every_slide_title_and_every_reference_is_in_the_pdf(built: Built) -> None:
    course, out, _ = built
    pdf = PdfReader(io.BytesIO(out["handout.pdf"]))
    text = squeeze("".join(page.extract_text() for page in pdf.pages))
    for slide in course.slides():
        assert squeeze(plain_text(slide.title)) in text, slide.id
    for ref in course.references:
        assert squeeze(vancouver(ref)) in text, ref.key


def test_bookmarks_name_every_module(built: Built) -> None:
    course, out, _ = built
    outline = PdfReader(io.BytesIO(out["handout.pdf"])).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    for number, module in enumerate(course.modules, start=1):
        assert f"{number}. {module.title}" in titles


def test_the_html_parses_strictly(built: Built) -> None:
    _, out, _ = built
    html5lib.HTMLParser(strict=True).parse(out["handout.html"])
