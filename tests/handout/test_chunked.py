"""The handout laid out in chunks and joined is the same to a reader as one document.

Both PDFs are read back with pypdf (pages, text, outline, named destinations, link
targets, metadata) and pikepdf (the structure tree): an independent reading of what
WeasyPrint wrote in one go against what the chunks and the joining made.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from tall_teach.model import Course, HandoutSettings
from tall_teach.theme import Theme

from .handout_course import TALL_COURSE

pytestmark = pytest.mark.xdist_group("chunked")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def outline(reader: PdfReader, items: Any = None, depth: int = 0) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item),
                          round(float(item.top or 0), 1)))
    return found


def links(reader: PdfReader) -> list[tuple[Any, ...]]:
    """(page, rectangle, target page) of every link; a link to nowhere fails here."""
    pages = {name: reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    found = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            rect = tuple(round(float(x), 1) for x in annot["/Rect"])
            if "/Dest" in annot:
                found.append((index, rect, str(annot["/Dest"]), pages[str(annot["/Dest"])]))
            else:
                found.append((index, rect, str(annot["/A"]["/URI"]), None))
    return found


def same_to_a_reader(whole: bytes, chunked: bytes) -> None:
    one, joined = PdfReader(io.BytesIO(whole)), PdfReader(io.BytesIO(chunked))
    assert len(joined.pages) == len(one.pages)
    assert joined.page_labels == one.page_labels
    assert outline(joined) == outline(one)
    assert {k: joined.get_destination_page_number(v)
            for k, v in joined.named_destinations.items()} == {
        k: one.get_destination_page_number(v) for k, v in one.named_destinations.items()}
    assert links(joined) == links(one)
    assert joined.metadata == one.metadata
    for index, (a, b) in enumerate(zip(one.pages, joined.pages, strict=True)):
        assert squeeze(b.extract_text()) == squeeze(a.extract_text()), f"page {index + 1}"
    assert "tt-anchor:" not in chunked.decode("latin-1")


def structure_is_whole(chunked: bytes) -> None:
    """One tagged document: every page's and link's parent tree key leads to its elements."""
    with pikepdf.open(io.BytesIO(chunked)) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        keys = {int(nums[i]) for i in range(0, len(nums), 2)}
        document = root.K[0]
        assert str(document.S) == "/Document"
        assert all(kid.P.objgen == document.objgen for kid in document.K)
        for page in pdf.pages:
            assert int(page.obj.StructParents) in keys
            for annot in page.obj.get("/Annots", []):
                assert int(annot.StructParent) in keys
        assert int(root.ParentTreeNextKey) == max(keys) + 1
        page_ids = {page.obj.objgen for page in pdf.pages}
        for kid in document.K:  # struct elements point at pages of this document
            if "/Pg" in kid:
                assert kid.Pg.objgen in page_ids


def render_both(course: Course, theme: Theme, cache: Path | None = None) -> tuple[bytes, bytes]:
    from tall_teach.writers import handout

    html = handout.render_html_only(course, theme)
    return (handout.render_pdf(html, theme),
            handout.render_pdf_chunked(html, theme, course.title, cache))


@pytest.mark.parametrize("layout", ["notes", "outline"])
def test_the_chunked_handout_reads_like_one_document(
    course: Course, theme: Theme, layout: str
) -> None:
    changed = dataclasses.replace(course, handout=HandoutSettings(layout, "a4"))
    whole, chunked = render_both(changed, theme)
    same_to_a_reader(whole, chunked)
    structure_is_whole(chunked)


@pytest.mark.slow
def test_the_chunked_tall_handout_reads_like_one_document(theme: Theme) -> None:
    from tall_teach.reader import read_course

    course, _ = read_course(TALL_COURSE)
    whole, chunked = render_both(course, theme)
    assert len(PdfReader(io.BytesIO(whole)).pages) > 20
    same_to_a_reader(whole, chunked)
    structure_is_whole(chunked)


def test_a_one_module_edit_lays_out_that_module_only(
    course: Course, theme: Theme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cached chunks are reused; the contents are laid out again only if numbers moved."""
    from tall_teach.writers import handout
    from tall_teach.writers.handout import paged

    cache = tmp_path / "chunks"
    first = handout.render_pdf_chunked(handout.render_html_only(course, theme), theme,
                                       course.title, cache)
    printed: list[str] = []
    original = paged.Printer.print

    def counting(self: paged.Printer, html: str, variant: str | None) -> Any:
        printed.append(html)
        return original(self, html, variant)

    monkeypatch.setattr(paged.Printer, "print", counting)
    again = handout.render_pdf_chunked(handout.render_html_only(course, theme), theme,
                                       course.title, cache)
    assert printed == [] and again == first

    from tall_teach.model import Paragraph, Text

    module = course.modules[-1]
    slide = module.slides[-1]
    added = Paragraph((Text("A sentence added to the notes of the last slide."),), slide.source)
    edited_slide = dataclasses.replace(slide, notes=(*slide.notes, added))
    edited_module = dataclasses.replace(module, slides=(*module.slides[:-1], edited_slide))
    edited = dataclasses.replace(course, modules=(*course.modules[:-1], edited_module))
    html = handout.render_html_only(edited, theme)
    rebuilt = handout.render_pdf_chunked(html, theme, edited.title, cache)
    laid_out = [h for h in printed if 'class="tt-page"' not in h]  # not the footers
    assert len(laid_out) <= 2  # the edited module, and the front matter if a number moved
    assert any(f'data-running="{edited_module.title}"' in h for h in laid_out), len(printed)
    same_to_a_reader(handout.render_pdf(html, theme), rebuilt)
    # no leftovers: each chunk with its note, the joined ones with their reading
    assert len(list(cache.iterdir())) == len(list(cache.glob("*.pdf"))) * 2 + len(
        list(cache.glob("*.read")))
    assert {p.stem for p in cache.glob("*.read")} < {p.stem for p in cache.glob("*.pdf")}


def test_a_page_prepared_beforehand_gives_the_same_handout(
    course: Course, theme: Theme, rendered: dict[str, bytes]
) -> None:
    """The pipeline makes the page while the lane that lays out the PDF warms up."""
    from tall_teach.writers import handout

    again = handout.render(course, theme, prepared=handout.prepare(course, theme))
    assert again == rendered
