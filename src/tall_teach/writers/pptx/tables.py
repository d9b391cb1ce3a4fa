"""Native tables: a styled header row, light banding, numbers right-aligned."""

from __future__ import annotations

from typing import Any

from tall_teach.writers.pptx.specs import TableSpec
from tall_teach.writers.pptx.template import Box
from tall_teach.writers.pptx.text import Para
from tall_teach.writers.pptx.visuals import CELL_PAD_X, CELL_PAD_Y

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
ALIGNED = {"right": "r", "center": "ctr", "left": "l", "": "l"}  # PP_ALIGN's XML values


def add_table(slide: Any, spec: TableSpec, box: Box) -> Any:
    """The table at the top of `box`, its caption under it."""
    width, height = sum(spec.col_widths), sum(spec.row_heights)
    frame = slide.shapes.add_table(
        1 + len(spec.rows), len(spec.header), box.x, box.y, width, height
    )
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    table = frame.table
    table.first_row, table.horz_banding = True, False
    # Straight into the XML: python-pptx's width setter re-adds every column's width each
    # time, and a 500-column table took minutes. The frame already has the summed size.
    for grid_column, w in zip(table._tbl.tblGrid.gridCol_lst, spec.col_widths, strict=True):
        grid_column.w = w
    for tr, h in zip(table._tbl.tr_lst, spec.row_heights, strict=True):
        tr.h = h
    made: dict[str, Any] = {}  # the cell properties of a header, even and odd row's cell
    for r, cells in enumerate([spec.header, *spec.rows]):
        for c, runs in enumerate(cells):
            style_cell(table.cell(r, c), runs, spec, r, c, made)
    if spec.caption:
        add_caption(
            slide,
            spec.caption,
            Box(box.x, box.y + height, width, spec.caption_height),
            spec.caption_size,
        )
    return frame


def style_cell(cell: Any, runs: Any, spec: TableSpec, row: int, col: int,
               made: dict[str, Any] | None = None) -> None:
    """Margins, anchor, fill and rules through python-pptx for the first cell of its kind
    (header, even or odd row), a copy of its properties (`made`) for the others: they do
    not depend on the text."""
    import copy

    from tall_teach.writers.pptx.richtext import write_paragraphs

    header = row == 0
    kind = "header" if header else "even" if row % 2 == 0 else "odd"
    made = {} if made is None else made
    if kind in made:
        properties, old = copy.deepcopy(made[kind]), cell._tc.tcPr
        if old is None:
            cell._tc.insert_element_before(properties, "a:extLst")
        else:
            old.addprevious(properties)
            cell._tc.remove(old)
    write_paragraphs(
        cell.text_frame,
        [Para(tuple(runs), 0, "none")],
        spec.size,
        spec.size,
        "BACKGROUND_1" if header else "TEXT_1",
    )
    align = spec.aligns[col] if col < len(spec.aligns) else ""
    paragraph = cell._tc.find(f"{A}txBody/{A}p")
    paragraph.find(f"{A}pPr").set("algn", ALIGNED.get(align, "l"))  # PP_ALIGN's values
    if kind not in made:
        cell_properties(cell, kind)
        made[kind] = copy.deepcopy(cell._tc.tcPr)


def cell_properties(cell: Any, kind: str) -> None:
    from pptx.enum.text import MSO_ANCHOR

    from tall_teach.writers.pptx.richtext import theme_color

    cell.margin_left = cell.margin_right = CELL_PAD_X
    cell.margin_top = cell.margin_bottom = CELL_PAD_Y
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()
    theme_color(cell.fill, {"header": "TEXT_2", "even": "BACKGROUND_2"}.get(kind, "BACKGROUND_1"))
    bottom_rule(cell, kind == "header")


def bottom_rule(cell: Any, header: bool) -> None:
    """A thin rule under each row (thicker, accent-coloured under the header)."""
    from lxml import etree

    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("lnL", "lnR", "lnT", "lnB"):
        for old in tc_pr.findall(f"{A}{tag}"):
            tc_pr.remove(old)
    lines = []
    for tag in ("lnL", "lnR", "lnT"):
        line = etree.Element(f"{A}{tag}", w="0")
        etree.SubElement(line, f"{A}noFill")
        lines.append(line)
    bottom = etree.Element(f"{A}lnB", w="25400" if header else "9525")
    solid = etree.SubElement(bottom, f"{A}solidFill")
    clr = etree.SubElement(solid, f"{A}schemeClr", val="accent1" if header else "bg2")
    if not header:
        etree.SubElement(clr, f"{A}lumMod", val="75000")
    lines.append(bottom)
    for position, line in enumerate(lines):
        tc_pr.insert(position, line)


def add_caption(slide: Any, text: str, box: Box, size: float, centred: bool = False) -> Any:
    """A caption under a table or picture: small, italic, muted, in its own text box."""
    from lxml import etree

    from tall_teach.writers.pptx.protoshapes import place
    from tall_teach.writers.pptx.richtext import write_paragraphs
    from tall_teach.writers.pptx.text import Run

    element = place(slide, "caption", "Caption", box)
    shape = slide.shapes._shape_factory(element)
    paras = [Para((Run(text, italic=True),), 0, "none")]
    write_paragraphs(shape.text_frame, paras, size, size, "TEXT_1")
    paragraph = element.find(f"{P}txBody/{A}p")
    paragraph.find(f"{A}pPr").set("algn", "ctr" if centred else "l")
    for color in paragraph.iter(f"{A}schemeClr"):  # TEXT_1 a quarter lighter
        etree.SubElement(color, f"{A}lumMod", val="75000")
        etree.SubElement(color, f"{A}lumOff", val="25000")
    return shape
