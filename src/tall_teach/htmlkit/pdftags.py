"""Small additions to WeasyPrint's PDF structure tree, applied as a write_pdf finisher."""

from __future__ import annotations

from typing import Any


def _parent(pdf: Any, element: Any) -> Any:
    reference = element.get("P")
    if not isinstance(reference, bytes | str):
        return None
    number = int(reference.split()[0])
    return pdf.objects[number] if 0 <= number < len(pdf.objects) else None


def add_table_header_scopes(_document: Any, pdf: Any) -> None:
    """Give every /TH a /Scope: /Column in a table head, /Row in the body.

    WeasyPrint links data cells to their headers with /Headers and /IDs, which PDF/UA
    accepts; some readers and checkers only look at the header's own /Scope.
    """
    for element in pdf.objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        attributes = element.get("A")
        if not isinstance(attributes, dict) or "Scope" in attributes:
            continue
        row = _parent(pdf, element)
        group = _parent(pdf, row) if isinstance(row, dict) else None
        in_head = isinstance(group, dict) and group.get("S") == "/THead"
        attributes["Scope"] = "/Column" if in_head else "/Row"
