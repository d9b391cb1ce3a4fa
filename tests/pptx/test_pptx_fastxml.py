"""python-pptx's lookups answered from tables and compiled XPath give the same answers."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_tables_answer_as_python_pptx_does() -> None:
    """In a fresh process (the tables are installed for good): qualified names, new
    elements and XPath results before and after `compile_placeholder_xpath`."""
    code = textwrap.dedent(
        """
        from lxml import etree
        from pptx.oxml import ns, xmlchemy
        import pptx.oxml.shapes.shared as shared
        from pptx.oxml import parse_xml
        from tall_teach.writers.pptx.fastxml import compile_placeholder_xpath

        tags = ["a:t", "p:sp", "c:numFmt", "a:solidFill", "p:cNvPr", "c:dLbl"]
        xml = ('<p:sp xmlns:p="%s" xmlns:a="%s"><p:nvSpPr><p:cNvPr id="7" name="x"/>'
               '<p:cNvSpPr/><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>'
               '<p:spPr/><p:txBody><a:p><a:r><a:t>1</a:t></a:r></a:p></p:txBody></p:sp>'
               ) % (ns._nsmap["p"], ns._nsmap["a"])

        def answers():
            sp = parse_xml(xml)
            made = [etree.tostring(xmlchemy.OxmlElement(t)) for t in tags]
            made.append(etree.tostring(xmlchemy.OxmlElement("a:t", {"x": ns._nsmap["a"]})))
            return ([ns.qn(t) for t in tags], [shared.qn(t) for t in tags], made,
                    [str(v) for v in sp.xpath("//@id")], len(sp.xpath(".//a:t")),
                    sp.first_child_found_in("p:spPr", "p:txBody").tag)

        before = answers()
        compile_placeholder_xpath()
        assert shared.qn is xmlchemy.qn is ns.qn  # one table, in every module
        assert answers() == before == answers()
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip() == "ok", done.stderr
