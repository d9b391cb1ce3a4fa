"""handout.pdf read back with pypdf: pages, text, bookmarks, metadata, fonts, determinism."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.transforms.citations import vancouver


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def squeeze(text: str) -> str:
    """Text without any whitespace, so line breaks and wrapping do not matter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def notes_pdf(rendered: dict[str, bytes]) -> PdfReader:
    return reader(rendered["handout.pdf"])


@pytest.fixture(scope="module")
def notes_text(notes_pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in notes_pdf.pages)


def test_the_handout_has_a_plausible_number_of_pages(notes_pdf: PdfReader) -> None:
    assert 6 <= len(notes_pdf.pages) <= 12


def test_every_slide_title_is_in_the_text(notes_text: str, course: Course) -> None:
    from tall_teach.model import plain_text

    for slide in course.slides():
        assert squeeze(plain_text(slide.title)) in squeeze(notes_text), plain_text(slide.title)


def test_every_reference_is_in_the_text_in_full(notes_text: str, course: Course) -> None:
    for ref in course.references:
        assert squeeze(vancouver(ref)) in squeeze(notes_text), ref.key


def test_chart_labels_print_the_chart_numbers(notes_text: str) -> None:
    for label in ("57.1%", "47.6%", "20.5 mm", "30.25%"):
        assert label in notes_text


def test_the_footer_says_page_x_of_y(notes_pdf: PdfReader) -> None:
    total = len(notes_pdf.pages)
    assert f"Page 2 of {total}" in notes_pdf.pages[1].extract_text()
    assert f"Page {total} of {total}" in notes_pdf.pages[-1].extract_text()


def test_bookmarks_list_contents_modules_sections_and_back_matter(notes_pdf: PdfReader) -> None:
    outline = notes_pdf.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Contents", "1. Overview", "2. Results", "Glossary", "References"]
    nested = [item for item in outline if isinstance(item, list)]
    assert [i.title for i in nested[0]] == ["Genomic landscape"]


def test_metadata_names_title_author_subject_keywords_and_language(
    notes_pdf: PdfReader, course: Course
) -> None:
    meta = notes_pdf.metadata
    assert meta.title == course.title
    assert meta.author == "Course Author"
    assert meta.subject == course.subtitle
    assert "CD7" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20261123")
    assert notes_pdf.trailer["/Root"]["/Lang"] == "en"


def test_the_pdf_is_tagged_for_accessibility(notes_pdf: PdfReader) -> None:
    root = notes_pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_every_font_is_embedded_and_the_body_font_is_the_themes(notes_pdf: PdfReader) -> None:
    names: set[str] = set()
    for page in notes_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font["/BaseFont"]))
    assert any(name.endswith("+Carlito") for name in names), names


def test_card_citations_link_into_the_reference_list(notes_pdf: PdfReader) -> None:
    links = [a.get_object() for page in notes_pdf.pages for a in page.get("/Annots", [])]
    targets = {str(a["/Dest"]) for a in links if a["/Subtype"] == "/Link" and "/Dest" in a}
    assert {"ref-1", "ref-2", "ref-3"} <= targets


def test_a_letter_outline_handout_uses_letter_pages(outline_rendered: dict[str, bytes]) -> None:
    box = reader(outline_rendered["handout.pdf"]).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_two_renders_give_identical_bytes(
    course: Course, theme: Theme, rendered: dict[str, bytes]
) -> None:
    from tall_teach.writers import handout

    again = handout.render(course, theme)
    assert again["handout.html"] == rendered["handout.html"]
    assert again["handout.pdf"] == rendered["handout.pdf"]


def test_every_figure_in_the_tag_tree_has_alternative_text(notes_pdf: PdfReader) -> None:
    figures: list[object] = []

    def walk(node: object) -> None:
        node = node.get_object()  # type: ignore[attr-defined]
        if not isinstance(node, dict) or "/S" not in node:
            return
        if node["/S"] == "/Figure":
            figures.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and hasattr(kid, "get_object"):
                walk(kid)

    root = notes_pdf.trailer["/Root"]["/StructTreeRoot"].get_object()["/K"]
    for top in root if isinstance(root, list) else [root]:
        walk(top)
    assert figures and all(figures), figures
