"""Writing planned paragraphs and runs into python-pptx text frames."""

from __future__ import annotations

import functools
import re
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
    """`runs` appended to a python-pptx paragraph."""
    _append_runs(paragraph._p, paragraph, runs, size, color)


def _append_runs(p: Any, parent: Any, runs: Sequence[Run], size: float, color: str) -> None:
    """`runs` appended to the `a:p` element `p` (in a text frame `parent` leads to): the
    elements python-pptx's `add_run`, font and colour setters make, in the same order,
    made directly (its object layer was a sixth of the deck's drawing)."""
    from lxml import etree

    sz = _centipoints(size)
    for run in runs:
        if run.line_break:
            etree.SubElement(p, f"{A}br")
            continue
        r = etree.SubElement(p, f"{A}r")
        r_pr = etree.SubElement(r, f"{A}rPr", sz=sz)
        if run.bold:
            r_pr.set("b", "1")
        if run.italic:
            r_pr.set("i", "1")
        scheme = "TEXT_2" if run.code else color
        if scheme:
            fill = etree.SubElement(r_pr, f"{A}solidFill")
            etree.SubElement(fill, f"{A}schemeClr", val=_scheme(scheme))
        etree.SubElement(r, f"{A}t").text = _escape_ctrl_chars(run.text)
        if run.url:
            from pptx.text.text import _Paragraph, _Run

            _Run(r, _Paragraph(p, parent)).hyperlink.address = run.url


@functools.cache
def _centipoints(size: float) -> str:
    """A font size as python-pptx writes it (`Font.size = Pt(size)`)."""
    from pptx.util import Pt

    return str(Pt(size).centipoints)


@functools.cache
def _scheme(name: str) -> str:
    """The `val` of an `a:schemeClr` for a theme colour (MSO_THEME_COLOR's name)."""
    from pptx.enum.dml import MSO_THEME_COLOR

    return str(getattr(MSO_THEME_COLOR, name).xml_value)


_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _escape_ctrl_chars(text: str) -> str:
    """What python-pptx's run text setter stores: control characters as `_xHHHH_`."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)


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

    body = text_frame._txBody
    for old in body.findall(f"{A}p"):
        body.remove(old)
    if not paras:
        body.add_p()
    previous: Para | None = None
    for i, para in enumerate(paras):
        p = etree.SubElement(body, f"{A}p")  # `add_p` and `get_or_add_pPr` on a new one
        p_pr = etree.SubElement(p, f"{A}pPr")
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
            _bullet_xml(p_pr, para, restart)  # its elements in schema order, after spcAft
        _append_runs(p, text_frame, para.runs,
                     para.size or level_size(size, para.level, floor), color)
        previous = para
