"""The built decks pass PowerPoint's Accessibility Checker rules, read from the file,
and the checker finds each kind of problem when a deck is spoiled on purpose."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tall_teach.a11y.deck import check_deck
from tall_teach.a11y.imagetext import looks_like_text

pytestmark = pytest.mark.xdist_group("a11y")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def deck_of(built: Path) -> Path:
    (deck,) = built.glob("*.pptx")
    return deck


def test_the_built_deck_has_no_accessibility_problems(built: Path) -> None:
    assert [str(p) for p in check_deck(deck_of(built))] == []


def text_picture(lines: int = 4) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font_file = Path(__file__).resolve().parents[2] / "themes/default/fonts/Carlito-Regular.ttf"
    font = ImageFont.truetype(str(font_file), 28)
    image = Image.new("RGB", (900, 80 + 50 * lines), "white")
    draw = ImageDraw.Draw(image)
    for i in range(lines):
        draw.text((30, 30 + 50 * i), f"Line {i + 1} of a slide pasted as a picture", "black", font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def starter_figure() -> bytes:
    root = Path(__file__).resolve().parents[2]
    return (root / "src/tall_teach/scaffold/course/figures/flow.png").read_bytes()


def test_the_image_of_text_heuristic() -> None:
    assert looks_like_text(text_picture())
    assert not looks_like_text(text_picture(lines=1))  # a label is not a page of text
    assert not looks_like_text(starter_figure())  # a diagram with three words
    assert not looks_like_text(b"not a picture")


def slide_with(prs: Any, what: str) -> Any:
    for slide in prs.slides:
        for shape in slide.shapes:
            if what == "table" and shape.has_table:
                return slide, shape
            if what == "chart" and shape.has_chart:
                return slide, shape
            if what == "picture" and shape.shape_type == 13:
                return slide, shape
    raise AssertionError(f"no {what} in the starter deck")


def duplicate_title(prs: Any) -> None:
    prs.slides[3].shapes.title.text_frame.text = prs.slides[2].shapes.title.text_frame.text


def empty_title(prs: Any) -> None:
    prs.slides[2].shapes.title.text_frame.text = ""


def title_read_last(prs: Any) -> None:
    title = prs.slides[2].shapes.title._element
    tree = title.getparent()
    tree.remove(title)
    tree.append(title)


def no_alt_on_chart(prs: Any) -> None:
    _, chart = slide_with(prs, "chart")
    chart._element.find(".//{*}cNvPr").set("descr", "")


def no_alt_on_picture(prs: Any) -> None:
    _, picture = slide_with(prs, "picture")
    picture._element.find(".//{*}cNvPr").attrib.pop("descr", None)


def table_without_header(prs: Any) -> None:
    _, table = slide_with(prs, "table")
    table._element.find(f".//{A}tblPr").set("firstRow", "0")


def pale_body_text(prs: Any) -> None:
    from pptx.dml.color import RGBColor

    body = prs.slides[2].placeholders[1]
    body.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xA0, 0xA8, 0xB0)


def pale_table_text(prs: Any) -> None:
    from pptx.dml.color import RGBColor

    _, table = slide_with(prs, "table")
    run = table.table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    run.font.color.rgb = RGBColor(0xC8, 0xCC, 0xD0)


def pale_chart_text(prs: Any) -> None:
    from pptx.dml.color import RGBColor

    _, chart = slide_with(prs, "chart")
    chart.chart.font.color.rgb = RGBColor(0xD0, 0xD0, 0xD0)


def picture_of_text(prs: Any) -> None:
    slide = prs.slides[2]
    picture = slide.shapes.add_picture(io.BytesIO(text_picture()), 0, 0)
    picture._element.find(".//{*}cNvPr").set("descr", "The slide's text")


SPOILERS: dict[str, tuple[Callable[[Any], None], str]] = {
    "duplicate title": (duplicate_title, "duplicate slide title"),
    "empty title": (empty_title, "missing slide title"),
    "title read last": (title_read_last, "reading order"),
    "chart without alt": (no_alt_on_chart, "missing alternative text"),
    "picture without alt": (no_alt_on_picture, "missing alternative text"),
    "table without header": (table_without_header, "missing table header"),
    "pale body text": (pale_body_text, "hard-to-read text contrast"),
    "pale table text": (pale_table_text, "hard-to-read text contrast"),
    "pale chart text": (pale_chart_text, "hard-to-read text contrast"),
    "picture of text": (picture_of_text, "image of text"),
}


@pytest.mark.parametrize("spoil", sorted(SPOILERS))
def test_the_checker_finds_each_problem(
    spoil: str, built_courses: dict[str, Path], tmp_path: Path
) -> None:
    from pptx import Presentation

    prs = Presentation(str(deck_of(built_courses["every-block"])))
    change, rule = SPOILERS[spoil]
    change(prs)
    spoiled = tmp_path / "spoiled.pptx"
    prs.save(str(spoiled))
    assert rule in {p.rule for p in check_deck(spoiled)}
