"""Shapes copied from a prototype are the elements python-pptx's own calls make."""

from __future__ import annotations

from typing import Any

from lxml import etree

from tall_teach.writers.pptx.draw import add_progress, add_slot_frame, decorative
from tall_teach.writers.pptx.richtext import theme_color
from tall_teach.writers.pptx.specs import FigureBoxSpec
from tall_teach.writers.pptx.tables import add_caption
from tall_teach.writers.pptx.template import Box

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def new_slide() -> Any:
    from pptx import Presentation

    prs = Presentation()
    return prs.slides.add_slide(prs.slide_layouts[6])


def rectangle(slide: Any, box: Box, name: str) -> Any:
    """python-pptx's rectangle, its theme style removed (the writer's way before)."""
    from pptx.enum.shapes import MSO_SHAPE

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.x, box.y, box.w, box.h)
    shape.name = name
    shape._element.remove(shape._element.find(f"{P}style"))
    return shape


def shapes(slide: Any) -> list[bytes]:
    return [etree.tostring(e) for e in slide.shapes._spTree.iterchildren(f"{P}sp")]


def test_progress_segments() -> None:
    ours, theirs = new_slide(), new_slide()
    span = Box(1016000, 402336, 10160000, 109728)
    add_progress(ours, (2, 4), span)
    step = (span.w + 91440) // 4
    for n in range(1, 5):
        height = 54864 * (2 if n == 2 else 1)
        shape = rectangle(theirs, Box(span.x + (n - 1) * step,
                                      span.y + span.h // 2 - height // 2,
                                      step - 91440, height),
                          f"Progress {n} of 4" + (" (here)" if n == 2 else ""))
        shape.fill.solid()
        theme_color(shape.fill, "ACCENT_2" if n == 2 else "ACCENT_1")
        shape.line.fill.background()
        decorative(shape)
    assert shapes(ours) == shapes(theirs)


def test_a_figure_slot_frame_and_a_caption() -> None:
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import write_paragraphs
    from tall_teach.writers.pptx.text import Para, Run

    ours, theirs = new_slide(), new_slide()
    box = Box(548640, 1664208, 11094720, 3972907)
    spec = FigureBoxSpec("Figure to insert", (), "", 18.0, "A caption")
    add_slot_frame(ours, spec, box)
    add_caption(ours, "Under it · Source: A & B <2024>", Box(0, 10, 20, 30), 14.0, centred=True)
    add_caption(ours, "Left", Box(1, 2, 3, 4), 12.0)

    shape = rectangle(theirs, box, "Figure Slot Frame")
    shape.fill.solid()
    theme_color(shape.fill, "BACKGROUND_2")
    shape.line.width = Pt(1.5)
    shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    theme_color(shape.line, "ACCENT_1")
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_top = Pt(14)
    write_paragraphs(frame, [Para((Run("FIGURE TO INSERT", bold=True),), 0, "none")],
                     18.0, 18.0, "ACCENT_1")
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    decorative(shape)
    for text, where, size, centred in (("Under it · Source: A & B <2024>", Box(0, 10, 20, 30),
                                        14.0, True), ("Left", Box(1, 2, 3, 4), 12.0, False)):
        caption = theirs.shapes.add_textbox(where.x, where.y, where.w, where.h)
        caption.name = "Caption"
        frame = caption.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = 0
        frame.margin_top, frame.margin_bottom = 45720, 0
        write_paragraphs(frame, [Para((Run(text, italic=True),), 0, "none")], size, size)
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER if centred else PP_ALIGN.LEFT
        for run in frame.paragraphs[0].runs:
            theme_color(run.font, "TEXT_1", 0.25)
    assert shapes(ours) == shapes(theirs)


def test_table_cells_copy_the_properties_python_pptx_gives_the_first_of_their_kind() -> None:
    from pptx.enum.text import PP_ALIGN

    from tall_teach.writers.pptx.richtext import write_paragraphs
    from tall_teach.writers.pptx.specs import TableSpec
    from tall_teach.writers.pptx.tables import add_table, cell_properties
    from tall_teach.writers.pptx.text import Para, Run

    header = ((Run("Drug", bold=True),), (Run("CR"),), (Run("Note"),))
    rows = tuple(((Run(f"arm {r}"),), (Run(f"{r * 7} %"),), (Run("a", italic=True),))
                 for r in range(5))
    aligns = ("", "right", "center")
    spec = TableSpec(header, rows, aligns, (3000000, 2000000, 2000000), (380000,) * 6,
                     14.0, "A table")
    ours, theirs = new_slide(), new_slide()
    add_table(ours, spec, Box(100, 200, 7000000, 2280000))
    add_table(theirs, spec, Box(100, 200, 7000000, 2280000))
    table = theirs.shapes[-1].table
    for r, cells in enumerate([header, *rows]):  # every cell the way python-pptx sets it
        for c, runs in enumerate(cells):
            cell = table.cell(r, c)
            cell._tc.remove(cell._tc.tcPr)
            cell_properties(cell, "header" if r == 0 else "even" if r % 2 == 0 else "odd")
            write_paragraphs(cell.text_frame, [Para(runs, 0, "none")], 14.0, 14.0,
                             "BACKGROUND_1" if r == 0 else "TEXT_1")
            cell.text_frame.paragraphs[0].alignment = {
                "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}.get(aligns[c], PP_ALIGN.LEFT)
    graphic = f"{P}graphicFrame"
    assert [etree.tostring(e) for e in ours.shapes._spTree.iter(graphic)] == \
        [etree.tostring(e) for e in theirs.shapes._spTree.iter(graphic)]
