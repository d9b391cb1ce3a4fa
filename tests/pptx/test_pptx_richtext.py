"""Text written straight into the XML is what python-pptx's own object layer writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from tall_teach.writers.pptx.richtext import theme_color, write_paragraphs
from tall_teach.writers.pptx.text import Para, Run

RUNS = (
    Run("Plain "), Run("bold", bold=True), Run(" and "), Run("italic", italic=True),
    Run("both", bold=True, italic=True), Run("", line_break=True), Run("code()", code=True),
    Run(" a link", url="https://example.org/a?b=1&c=2"), Run("bell\x07tab\tend"), Run(""),
)


def python_pptx_runs(paragraph: Any, runs: Sequence[Run], size: float, color: str) -> None:
    """The writer's runs as python-pptx 1.0's API makes them (the reference)."""
    from pptx.util import Pt

    for run in runs:
        if run.line_break:
            paragraph.add_line_break()
            continue
        r = paragraph.add_run()
        r.text = run.text
        r.font.size = Pt(size)
        if run.bold:
            r.font.bold = True
        if run.italic:
            r.font.italic = True
        if run.code:
            theme_color(r.font, "TEXT_2")
        elif color:
            theme_color(r.font, color)
        if run.url:
            r.hyperlink.address = run.url


def test_runs_are_the_elements_python_pptx_makes() -> None:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    ours = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400)).text_frame
    theirs = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400)).text_frame
    for size, color in ((18.0, ""), (13.5, "ACCENT_1"), (9.3, "BACKGROUND_1")):
        write_paragraphs(ours, [Para(RUNS, 0, "none", size=size)], size, size, color)
        write_paragraphs(theirs, [Para((), 0, "none", size=size)], size, size, color)
        python_pptx_runs(theirs.paragraphs[0], RUNS, size, color)
        assert etree.tostring(ours._txBody) == etree.tostring(theirs._txBody)
    links = [r.target_ref for r in slide.part.rels.values() if r.is_external]
    assert links == ["https://example.org/a?b=1&c=2"]  # one relationship, used by both


def test_paragraph_properties_keep_schema_order() -> None:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400)).text_frame
    paras = [Para((Run("a"),), 0, "none"), Para((Run("b"),), 1, "check", space_before=6.0),
             Para((Run("c"),), 2, "number", number=3), Para((Run("d"),), 0, "bullet")]
    write_paragraphs(frame, paras, 20.0, 12.0, space_before=4.0)
    order = ["lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts",
             "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst",
             "defRPr"]
    for paragraph in frame.paragraphs:
        names = [etree.QName(child).localname for child in paragraph._p.pPr]
        assert names == sorted(names, key=order.index)
