"""slides.html is the deck's own plan drawn as HTML: same slides, titles, text, charts, tables."""

from __future__ import annotations

import re
from typing import Any

import pytest
from lxml import html as lxml_html

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers import slides_html
from tall_teach.writers.pptx import build_plan
from tall_teach.writers.pptx.specs import (
    ChartSpec,
    DeckPlan,
    FigureBoxSpec,
    PictureSpec,
    TableSpec,
    TextBlock,
)


@pytest.fixture(scope="module")
def page(demo: Course, theme: Theme) -> str:
    return slides_html.render(demo, theme)["slides.html"].decode("utf-8")


@pytest.fixture(scope="module")
def plan(demo: Course, theme: Theme) -> DeckPlan:
    return build_plan(demo, theme)


@pytest.fixture(scope="module")
def tree(page: str) -> Any:
    return lxml_html.fromstring(page)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_planned_slide_is_a_section_with_the_same_title_in_order(
    tree: Any, plan: DeckPlan
) -> None:
    sections = tree.xpath("//section[contains(@class, 'slide')]")
    assert len(sections) == len(plan.slides)
    for section, slide in zip(sections, plan.slides, strict=True):
        heading = section.xpath(".//h1|.//h2")
        assert words(heading[0].text_content()) == words(slide.title_text)
        assert f"kind-{slide.kind}" in section.get("class")


def test_one_h1_for_the_lecture_and_an_h2_on_every_slide(tree: Any) -> None:
    """The h1 stays in the page whichever slide is shown (axe: page-has-heading-one)."""
    (h1,) = tree.xpath("//h1")
    assert "visually-hidden" in h1.get("class") and h1.getparent().tag.endswith("main")
    assert len(tree.xpath("//section//h2")) == len(tree.xpath("//section"))


def test_every_text_run_of_the_plan_is_on_its_slide(tree: Any, plan: DeckPlan) -> None:
    sections = tree.xpath("//section[contains(@class, 'slide')]")
    for section, slide in zip(sections, plan.slides, strict=True):
        shown = words(" ".join(section.xpath(".//div[@class='canvas']//text()")))
        for slot in slide.slots:
            content = slot.content
            if isinstance(content, TextBlock):
                for para in content.paras:
                    for run in para.runs:
                        assert words(run.text) in shown, (slide.title_text, run.text)
            if isinstance(content, FigureBoxSpec):  # its description is for the notes
                assert words(content.caption) in shown, slide.title_text
            if isinstance(content, TableSpec):
                for row in (content.header, *content.rows):
                    for cell in row:
                        assert words("".join(r.text for r in cell)) in shown


def test_charts_are_svg_with_the_planned_numbers(tree: Any, plan: DeckPlan) -> None:
    charts = [s.content for p in plan.slides for s in p.slots if isinstance(s.content, ChartSpec)]
    svgs = tree.xpath("//figure[contains(@class, 'chart')]//*[local-name()='svg']")
    assert len(charts) == len(svgs) > 0
    for chart, svg in zip(charts, svgs, strict=True):
        drawn = [float(v) for v in svg.xpath(".//*[@data-value]/@data-value")]
        planned = [v for _, values in chart.series for v in values]
        if chart.kind != "pie":
            assert sorted(drawn) == sorted(planned)
        assert svg.get("role") == "img"


def test_pictures_are_inline_with_their_alt_text(tree: Any, plan: DeckPlan) -> None:
    pictures = [
        s.content for p in plan.slides for s in p.slots if isinstance(s.content, PictureSpec)
    ]
    images = tree.xpath("//img")
    assert [i.get("alt") for i in images] == [p.alt for p in pictures]
    assert all(i.get("src").startswith("data:image/") for i in images)


def test_notes_go_with_their_slide(tree: Any, plan: DeckPlan) -> None:
    sections = tree.xpath("//section[contains(@class, 'slide')]")
    for section, slide in zip(sections, plan.slides, strict=True):
        notes = section.xpath("./aside[@class='notes']")
        assert bool(notes) == bool(slide.notes)
        if notes:
            assert words(slide.notes[0].text) in words(notes[0].text_content())


def test_the_page_needs_nothing_beside_it(page: str, tree: Any) -> None:
    assert not tree.xpath("//link|//script[@src]|//img[not(starts-with(@src, 'data:'))]")
    assert "url(http" not in page and "@import" not in page
    assert page.count("@font-face") >= 2  # the theme's fonts travel inside the page


def test_same_course_same_bytes(demo: Course, theme: Theme, page: str) -> None:
    assert slides_html.render(demo, theme)["slides.html"].decode("utf-8") == page



def test_subset_fonts_are_kept_between_builds_and_the_page_is_the_same(
    demo: Course, theme: Theme, page: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tall_teach.htmlkit import fonts

    cache = tmp_path / "fonts"
    cache.mkdir()
    (cache / "stale.woff").write_bytes(b"from an older build")
    fonts._subset.cache_clear()
    first = slides_html.render(demo, theme, cache_dir=cache)["slides.html"].decode("utf-8")
    assert first == page
    kept = sorted(p.name for p in cache.iterdir())
    assert kept and "stale.woff" not in kept  # only this page's subsets are kept

    def no_subsetting(*args: Any) -> bytes:
        raise AssertionError("subset again")

    monkeypatch.setattr(fonts, "_subset", no_subsetting)
    again = slides_html.render(demo, theme, cache_dir=cache)["slides.html"].decode("utf-8")
    assert again == page and sorted(p.name for p in cache.iterdir()) == kept
