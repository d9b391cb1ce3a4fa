"""python-pptx's XML lookups answered the same way, faster: XPath expressions compiled
once, tag names qualified from a table.

`BaseShapeElement.ph` compiles "./*[1]/p:nvPr/p:ph" on every call, and python-pptx
asks it for every shape each time it lists or builds shapes: on T-ALL about 5,500
calls, a sixth of the deck's CPU time. A compiled `etree.XPath` evaluates the very
same expression; so does `BaseOxmlElement.xpath` (each new shape's id, each chart's
series) with each expression compiled once.

`qn("a:t")` (a prefixed tag to lxml's "{uri}t") and `OxmlElement("a:t")` make a
`NamespacePrefixedTag` each time; python-pptx calls them for every child it looks up,
adds or inserts before (240,000 times for the 1,000-slide course's deck: 8 % of its
CPU). They are pure: the answer for a tag is kept.
"""

from __future__ import annotations

import sys
from typing import Any


def compile_placeholder_xpath() -> None:
    """Install the compiled lookup on python-pptx's shape element class, once per process."""
    from lxml import etree
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.shapes.shared import BaseShapeElement

    if getattr(BaseShapeElement, "_tall_teach_compiled_ph", False):
        return
    find = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces={"p": _nsmap["p"]})

    def ph(self: Any) -> Any:
        """The `p:ph` descendant element if there is one, None otherwise."""
        found = find(self)
        return found[0] if found else None

    BaseShapeElement.ph = property(ph)  # type: ignore[assignment, method-assign]
    BaseShapeElement._tall_teach_compiled_ph = True  # type: ignore[attr-defined]
    _compile_xpath()
    _name_table()


def _compile_xpath() -> None:
    """`BaseOxmlElement.xpath` with each expression compiled once (the same namespaces)."""
    from lxml import etree
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.xmlchemy import BaseOxmlElement

    compiled: dict[str, Any] = {}

    def xpath(self: Any, xpath_str: str) -> Any:
        find = compiled.get(xpath_str)
        if find is None:
            find = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=_nsmap)
        return find(self)

    BaseOxmlElement.xpath = xpath  # type: ignore[assignment, method-assign]


def _name_table() -> None:
    """`qn` and `OxmlElement` answered from a table, in python-pptx's modules that have
    them (and in those imported later, which take them from where these are defined)."""
    from pptx.oxml import ns, xmlchemy

    qualify, element = ns.qn, xmlchemy.OxmlElement
    names: dict[str, str] = {}
    tags: dict[str, tuple[str, dict[str, str]]] = {}
    make = xmlchemy.oxml_parser.makeelement

    def qn(namespace_prefixed_tag: str) -> str:
        found = names.get(namespace_prefixed_tag)
        if found is None:
            found = names[namespace_prefixed_tag] = qualify(namespace_prefixed_tag)
        return found

    def oxml_element(nsptag_str: str, nsmap: dict[str, str] | None = None) -> Any:
        found = tags.get(nsptag_str)
        if found is None:
            tag = ns.NamespacePrefixedTag(nsptag_str)
            found = tags[nsptag_str] = (tag.clark_name, tag.nsmap)
        return make(found[0], nsmap=nsmap if nsmap is not None else found[1])

    for module in [m for name, m in sys.modules.items() if name.split(".")[0] == "pptx"]:
        if getattr(module, "qn", None) is qualify:
            module.qn = qn
        if getattr(module, "OxmlElement", None) is element:
            module.OxmlElement = oxml_element
