"""WeasyPrint's page margin boxes that it drops, no longer measured first.

For every page WeasyPrint makes the sixteen margin boxes (`@top-left` ... `@right-bottom`
and the four corners), resolves the percentages of each one (twenty-odd properties
computed from the page's styles), and then drops a side none of whose three boxes has
content, and a corner without content. A page of a handout chunk draws two of them (the
running headers: its footer is stamped later) and a page of the footers one: the other
boxes were measured for nothing (a fifth of laying out the 1,000-slide course's 356 pages
of footers, 2-3 % of its chunks). Their percentages are no longer resolved; every box is
made and dropped as before, and a side with one box of content is measured whole, as
before (its empty boxes share out the room). Only for the WeasyPrint versions whose
`make_margin_boxes` this follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

VERSIONS = frozenset({"70.0"})
# The boxes WeasyPrint keeps or drops together: a side's three, or one corner.
_TOGETHER = (
    ("@top-left", "@top-center", "@top-right"),
    ("@bottom-left", "@bottom-center", "@bottom-right"),
    ("@left-top", "@left-middle", "@left-bottom"),
    ("@right-top", "@right-middle", "@right-bottom"),
    ("@top-left-corner",), ("@top-right-corner",),
    ("@bottom-left-corner",), ("@bottom-right-corner",),
)
_DROPPED: list[frozenset[str]] = []  # of the page whose margin boxes are being made


def install() -> None:
    """Once per process, for the versions in VERSIONS."""
    import weasyprint
    from weasyprint import layout
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.layout import page as pages

    if getattr(pages, "_tall_teach_lean", False) or weasyprint.__version__ not in VERSIONS:
        return
    make, resolve = pages.make_margin_boxes, pages.resolve_percentages

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Iterator[Any]:
        _DROPPED.append(dropped(context, page))
        try:
            yield from make(context, page, state)
        finally:
            _DROPPED.pop()

    def resolve_percentages(box: Any, *args: Any, **kwargs: Any) -> Any:
        if _DROPPED and type(box) is MarginBox and box.at_keyword in _DROPPED[-1]:
            return None  # dropped once made: WeasyPrint zeroes its size and spacing first
        return resolve(box, *args, **kwargs)

    pages.resolve_percentages = resolve_percentages
    pages.make_margin_boxes = layout.make_margin_boxes = make_margin_boxes
    pages._tall_teach_lean = True


def dropped(context: Any, page: Any) -> frozenset[str]:
    """The margin boxes of `page` WeasyPrint will drop, as its `make_box` decides: no
    content of their own ('normal', 'inhibit', 'none', or no rule: the page's anonymous
    style) in any box kept or dropped with them."""
    found: list[str] = []
    for boxes in _TOGETHER:
        if not any(_has_content(context.style_for(page.page_type, box)) for box in boxes):
            found += boxes
    return frozenset(found)


def _has_content(style: Any) -> bool:
    return style is not None and style["content"] not in ("normal", "inhibit", "none")
