"""The streaming join on small PDFs made with pikepdf (fast): references renumbered,
text left alone, a large name tree split into leaves, outline and pages in order."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from tall_teach.writers.handout.assemble import (
    _SAME,
    LEAF,
    _Live,
    _Writer,
    dumps,
    fill,
    join,
    loads,
    prepare,
)


def chunk(index: int, anchors: int) -> bytes:
    """One page with `anchors` named destinations and one outline item."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0].obj
    text = f"BT /F1 12 Tf 20 100 Td (Chunk {index}) Tj ET".encode()
    page.Contents = pdf.make_stream(text)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                           BaseFont=pikepdf.Name.Helvetica))))
    names = pikepdf.NameTree.new(pdf)
    for a in range(anchors):
        names[f"c{index}-a{a:03d}"] = pikepdf.Array([page, pikepdf.Name.XYZ, 0, 200 - a, 0])
    pdf.Root.Names = pikepdf.Dictionary(Dests=names.obj)
    outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    item = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(f"Part (one) {index} 12 0 R"), Parent=outlines,
        Dest=pikepdf.Array([page, pikepdf.Name.XYZ, 0, 200, 0]), Count=0))
    outlines.First = outlines.Last = item
    outlines.Count = 1
    pdf.Root.Outlines = outlines
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_references_are_renumbered_and_text_is_kept() -> None:
    pdf = pikepdf.new()
    target = pdf.make_indirect(pikepdf.Dictionary(Kind=pikepdf.Name("/N12")))
    value = pikepdf.Array([pikepdf.String("(12 0 R) \\ 3 0 R"), pikepdf.Name("/N3"), target, 1.5])
    source = _Live(pdf, _Writer(io.BytesIO(), "1.7"))
    renumbered = fill(source.text(value), _SAME)
    number = source.numbers[target.objgen]
    assert renumbered == (b"[ (\\(12 0 R\\) \\\\ 3 0 R) /N3 %d 0 R 1.5 ]" % number)
    assert list(source.todo) == [target.objgen]


def test_chunks_join_into_one_readable_pdf() -> None:
    parts = [chunk(i, LEAF // 2 + 7) for i in range(5)]
    joined = join(parts, None)
    reader = PdfReader(io.BytesIO(joined))
    assert len(reader.pages) == 5
    assert [reader.pages[i].extract_text() for i in range(5)] == [f"Chunk {i}" for i in range(5)]
    dests = reader.named_destinations
    assert len(dests) == 5 * (LEAF // 2 + 7) > LEAF  # more than one leaf
    assert all(reader.get_destination_page_number(dests[f"c{i}-a010"]) == i for i in range(5))
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] \
        == [(f"Part (one) {i} 12 0 R", i) for i in range(5)]
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert pdf.check_pdf_syntax() == []
    assert join(parts, None) == joined  # the same bytes again


def test_chunks_read_beforehand_join_into_the_same_bytes() -> None:
    """Each chunk read by the process that laid it out (`prepare`), the join only numbering
    and writing: the same PDF as the join reading them; a chunk read for another place
    (not first, or without footers) is read again."""
    parts = [chunk(i, 3) for i in range(4)]
    footers = footer_pages(4)
    for stamps in (None, footers):
        joined = join(parts, stamps)
        stamping = stamps is not None
        assert join([prepare(p, i == 0, stamping) for i, p in enumerate(parts)], stamps) == joined
        assert join([prepare(p, i == 1, not stamping) for i, p in enumerate(parts)],
                    stamps) == joined


def test_a_chunk_read_and_kept_joins_into_the_same_bytes() -> None:
    """A chunk's reading kept in the chunks' store (`dumps`) and read back (`loads`) joins
    as it did; what is not a reading of that chunk is none."""
    parts = [chunk(i, 3) for i in range(3)]
    footers = footer_pages(3)
    read = [prepare(p, i == 0, True) for i, p in enumerate(parts)]
    kept = [loads(dumps(r), p) for r, p in zip(read, parts, strict=True)]
    assert all(k is not None for k in kept)
    assert join(kept, footers) == join(read, footers) == join(parts, footers)
    data = dumps(read[1])
    assert loads(data, parts[1] + b"\n") is None  # another chunk
    assert loads(data[:-1], parts[1]) is None
    assert loads(b"garbage", parts[1]) is None
    assert loads(data.replace(b'"pages":[[', b'"pages":[[[', 1), parts[1]) is None


def test_a_percent_sign_in_a_chunk_is_kept() -> None:
    """The text of an object with references is a %-template: a % of its own is doubled."""
    pdf = pikepdf.open(io.BytesIO(chunk(0, 1)))
    page = pdf.pages[0].obj
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (50% of 12 0 R) Tj ET")
    page.TTNote = pikepdf.Array([pikepdf.String("100% (sure)"), page.Resources.Font.F1])
    out = io.BytesIO()
    pdf.save(out)
    joined = join([prepare(out.getvalue(), True, False)], None)
    assert joined == join([out.getvalue()], None)
    assert b"/TTNote [ (100% \\(sure\\)) " in zlib_inflated_objects(joined)


def footer_pages(count: int) -> bytes:
    pdf = pikepdf.new()
    for i in range(count):
        pdf.add_blank_page(page_size=(200, 200))
        text = f"BT /F1 8 Tf 150 10 Td ({i + 1}) Tj ET".encode()
        pdf.pages[i].obj.Contents = pdf.make_stream(text)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def zlib_inflated_objects(pdf: bytes) -> bytes:
    """Every object stream of `pdf` inflated, one after the other."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return b"".join(obj.read_bytes() for obj in opened.objects
                        if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/ObjStm")


def test_a_temporary_cache_entry_left_long_ago_is_stale(tmp_path: Path) -> None:
    """A lane stopped by SIGTERM while it wrote leaves `.name.NNN.tmp` behind: pruned once
    old enough that no build is still writing it."""
    import os
    import time

    from tall_teach.cache import STALE_ENTRY_SECONDS, stale_temporary

    left = tmp_path / ".chunk.pdf.123.tmp"
    left.write_bytes(b"half")
    assert not stale_temporary(left)  # maybe still being written
    old = time.time() - STALE_ENTRY_SECONDS - 1
    os.utime(left, (old, old))
    assert stale_temporary(left)
    kept = tmp_path / "chunk.pdf"
    kept.write_bytes(b"%PDF")
    os.utime(kept, (old, old))
    assert not stale_temporary(kept)
