"""Writing planned paragraphs and runs into python-pptx text frames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tall_teach.writers.pptx.measure import level_size
from tall_teach.writers.pptx.text import Para, Run

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHECK_FONT = "Wingdings"  # its "ü" is the check mark PowerPoint uses; LibreOffice maps it
CHECK_CHAR = "\u00fc"


def theme_color(font_or_fill: Any, name: str, brightness: float = 0.0) -> None:
    """Colour from the template's theme (so an institution theme recolours the deck)."""
    from pptx.enum.dml import MSO_THEME_COLOR

    color = font_or_fill.color if hasattr(font_or_fill, "color") else font_or_fill.fore_color
    color.theme_color = getattr(MSO_THEME_COLOR, name)
    if brightness:
        color.brightness = brightness


def write_runs(paragraph: Any, runs: Sequence[Run], size: float, color: str = "") -> None:
    from pptx.util import Pt

    for run in runs:
        if run.line_break:
            paragraph.add_line_break()
            continue
        r = paragraph.add_run()
        r.text = run.text
        font = r.font
        font.size = Pt(size)
        if run.bold:
            font.bold = True
        if run.italic:
            font.italic = True
        if run.code:
            theme_color(font, "TEXT_2")
        elif color:
            theme_color(font, color)
        if run.url:
            r.hyperlink.address = run.url


def _bullet_xml(p_pr: Any, para: Para, start_numbering: bool) -> None:
    from lxml import etree

    for tag in ("buClr", "buSzPct", "buFont", "buFontTx", "buNone", "buChar", "buAutoNum"):
        for old in p_pr.findall(f"{A}{tag}"):
            p_pr.remove(old)
    if para.bullet == "none":
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, f"{A}buNone")
    elif para.bullet == "check":
        clr = etree.SubElement(p_pr, f"{A}buClr")
        etree.SubElement(clr, f"{A}schemeClr", val="accent1")
        etree.SubElement(p_pr, f"{A}buFont", typeface=CHECK_FONT, pitchFamily="2", charset="2")
        etree.SubElement(p_pr, f"{A}buChar", char=CHECK_CHAR)
    elif para.bullet == "number":
        num = etree.SubElement(p_pr, f"{A}buAutoNum", type="arabicPeriod")
        if start_numbering and para.number != 1:
            num.set("startAt", str(para.number))


def _order_ppr(p_pr: Any) -> None:
    """Keep pPr children in schema order: lnSpc, spcBef, spcAft, bu*, tabLst, defRPr."""
    order = [
        "lnSpc",
        "spcBef",
        "spcAft",
        "buClrTx",
        "buClr",
        "buSzTx",
        "buSzPct",
        "buSzPts",
        "buFontTx",
        "buFont",
        "buNone",
        "buAutoNum",
        "buChar",
        "buBlip",
        "tabLst",
        "defRPr",
    ]
    children = sorted(
        p_pr,
        key=lambda c: (
            order.index(c.tag.split("}")[1]) if c.tag.split("}")[1] in order else len(order)
        ),
    )
    for child in children:
        p_pr.remove(child)
        p_pr.append(child)


def write_paragraphs(
    text_frame: Any,
    paras: Sequence[Para],
    size: float,
    floor: float,
    color: str = "",
    space_before: float = -1.0,
) -> None:
    """Replace the frame's text with `paras`; the first paragraph gets no space before."""
    from lxml import etree
    from pptx.text.text import _Paragraph

    body = text_frame._txBody
    for old in body.findall(f"{A}p"):
        body.remove(old)
    if not paras:
        body.add_p()
    previous: Para | None = None
    for i, para in enumerate(paras):
        paragraph = _Paragraph(body.add_p(), text_frame)
        p_pr = paragraph._p.get_or_add_pPr()
        if para.level:
            p_pr.set("lvl", str(min(para.level, 8)))
        before = para.space_before if para.space_before >= 0 else space_before
        if i == 0 or before >= 0:
            spacing = etree.SubElement(p_pr, f"{A}spcBef")
            points = 0 if i == 0 else round(before * 100)
            etree.SubElement(spacing, f"{A}spcPts", val=str(points))
        after = etree.SubElement(p_pr, f"{A}spcAft")  # measured without: a template's
        etree.SubElement(after, f"{A}spcPts", val="0")  # own space after would overflow
        if para.bullet != "bullet":
            restart = (
                previous is None or previous.bullet != "number" or previous.level != para.level
            )
            _bullet_xml(p_pr, para, restart)
        _order_ppr(p_pr)
        write_runs(paragraph, para.runs, para.size or level_size(size, para.level, floor), color)
        previous = para
