"""slides.pdf: the same page printed by WeasyPrint when course.yaml asks (slides: {pdf: true})."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest

from tall_teach.errors import ContentError
from tall_teach.model import Course, SlidesSettings
from tall_teach.reader import read_course
from tall_teach.theme import Theme
from tall_teach.writers import slides_html
from tall_teach.writers.pptx import build_plan

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-course"


def test_no_pdf_unless_the_course_asks(demo: Course, theme: Theme) -> None:
    assert sorted(slides_html.render(demo, theme)) == ["slides.html"]


@pytest.mark.slow
def test_the_pdf_has_one_16_9_page_per_slide_in_the_theme_font(
    demo: Course, theme: Theme
) -> None:
    from pypdf import PdfReader

    course = dataclasses.replace(demo, html_slides=SlidesSettings(pdf=True))
    files = slides_html.render(course, theme)
    plan = build_plan(course, theme)
    pdf = PdfReader(io.BytesIO(files["slides.pdf"]))
    assert len(pdf.pages) == len(plan.slides)
    for page, slide in zip(pdf.pages, plan.slides, strict=True):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            960,
            540,
        )
        assert slide.title_text.split()[0] in page.extract_text()
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("TT-Slides" in name for name in fonts)


def copied(tmp_path: Path, slides_yaml: str) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    config = folder / "course.yaml"
    config.write_text(config.read_text(encoding="utf-8") + slides_yaml, encoding="utf-8")
    return folder


def test_course_yaml_turns_the_pdf_on(tmp_path: Path) -> None:
    course, _ = read_course(copied(tmp_path, "slides:\n  pdf: true\n"))
    assert course.html_slides.pdf is True


def test_a_pdf_setting_that_is_not_true_or_false_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = copied(tmp_path, "slides:\n  pdf: sometimes\n")
    line = folder.joinpath("course.yaml").read_text(encoding="utf-8").splitlines().index(
        "  pdf: sometimes"
    ) + 1
    with pytest.raises(ContentError) as caught:
        read_course(folder)
    [problem] = caught.value.diagnostics
    assert (problem.source.path, problem.source.line) == ("course.yaml", line)
    assert "true or false" in problem.message
