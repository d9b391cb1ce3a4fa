"""Shapes the deck draws many times, copied from one parsed element instead of built
through python-pptx's object layer (its `add_shape`, fill, line and margin setters cost
about a millisecond a shape).

Each prototype is the very element python-pptx leaves once the writer has set it up
(a rectangle from `add_shape` with its style removed and its fill and line set, a text
box from `add_textbox` with its margins set); `place` gives a copy the id python-pptx
would (the largest id in the slide plus one), its name and its box, and puts it where
`add_shape` does. Tests compare the result with python-pptx's own.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from tall_teach.writers.pptx.template import Box

_BODY = '<a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>'
_RECT = (
    '<p:sp {ns}><p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr{box}/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr><p:txBody>{body}'
)
PROTOTYPES = {
    # a progress segment: `add_shape` rectangle, filled (accent1), no line
    "segment": _RECT.format(
        ns="{ns}", box="", body='<a:bodyPr rtlCol="0" anchor="ctr"/>' + _BODY,
        fill='<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln>'),
    # a figure slot's frame: background 2, a dashed 1.5 pt accent line, text from the top
    "slot": _RECT.format(
        ns="{ns}", box="", body='<a:bodyPr rtlCol="0" anchor="t" tIns="177800"/>' + _BODY,
        fill='<a:solidFill><a:schemeClr val="bg2"/></a:solidFill><a:ln w="19050"><a:solidFill>'
             '<a:schemeClr val="accent1"/></a:solidFill><a:prstDash val="dash"/></a:ln>'),
    # a caption: `add_textbox`, wrapping, no margin but the top's
    "caption": _RECT.format(
        ns="{ns}", box=' txBox="1"', fill="<a:noFill/>",
        body='<a:bodyPr wrap="square" lIns="0" rIns="0" bIns="0"><a:spAutoFit/></a:bodyPr>'
             "<a:lstStyle/><a:p/></p:txBody></p:sp>"),
}


@functools.cache
def prototype(kind: str) -> Any:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    return parse_xml(PROTOTYPES[kind].replace("{ns}", nsdecls("a", "p")))


def place(slide: Any, kind: str, name: str, box: Box, shape_id: int = 0) -> Any:
    """A copy of the `kind` prototype on `slide` (its shape element); `shape_id` 0 for the
    next one."""
    tree = slide.shapes._spTree
    element = copy.deepcopy(prototype(kind))
    c_nv_pr = element[0][0]
    c_nv_pr.set("id", str(shape_id or tree.max_shape_id + 1))
    c_nv_pr.set("name", name)
    offset, extent = element[1][0]
    offset.set("x", str(box.x))
    offset.set("y", str(box.y))
    extent.set("cx", str(box.w))
    extent.set("cy", str(box.h))
    tree.insert_element_before(element, "p:extLst")
    return element
