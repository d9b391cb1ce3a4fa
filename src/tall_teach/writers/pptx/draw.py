"""The thin half of the deck writer: a DeckPlan into a .pptx made from the template."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from tall_teach.writers.pptx.fastxml import compile_placeholder_xpath
from tall_teach.writers.pptx.package import saved_package, stamped_workbooks
from tall_teach.writers.pptx.partnames import SlideAdder, remember_partnames
from tall_teach.writers.pptx.richtext import write_paragraphs
from tall_teach.writers.pptx.specs import (
    ChartSpec,
    CoreProps,
    DeckPlan,
    FigureBoxSpec,
    PictureSpec,
    SlidePlan,
    Slot,
    StatTilesSpec,
    TableSpec,
    TextBlock,
)
from tall_teach.writers.pptx.template import Box, layouts_by_name
from tall_teach.writers.pptx.text import Para, Run
from tall_teach.writers.pptx.visuals import figure_caption, fit_picture

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLE_TYPES = ("title", "ctrTitle")


def open_template(path: Any) -> Any:
    """The template as a python-pptx Presentation with any sample slides removed."""
    from pptx import Presentation

    from tall_teach.errors import ThemeError

    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise ThemeError(
            f"the deck template {path} cannot be opened as a .pptx file ({exc}); "
            "save it again from PowerPoint or point pptx.template at a valid file"
        ) from None
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    remember_partnames(prs.part.package)  # after the drops: names are scanned lazily
    compile_placeholder_xpath()
    return prs


def render_plan(
    plan: DeckPlan, prs: Any, layouts: dict[str, str], template_name: str, labels: dict[str, str]
) -> bytes:
    """Serialize the plan into `prs` (opened from the template) and return stable bytes."""
    by_kind = layouts_by_name(prs, layouts, template_name)
    adder = SlideAdder(prs)
    stamp = f"{plan.properties.date}T00:00:00Z"
    with stamped_workbooks(stamp):  # each chart's workbook zipped once, as saving keeps it
        for number, slide_plan in enumerate(plan.slides, start=1):
            layout = by_kind[slide_plan.kind]
            add_slide(prs, layout, adder.add(layout), slide_plan, number, labels, adder)
        set_core_properties(prs, plan.properties)
        return saved_package(prs, stamp)


def add_slide(
    prs: Any, layout: Any, slide: Any, plan: SlidePlan, number: int, labels: dict[str, str],
    adder: SlideAdder,
) -> Any:
    """Fill `slide`, just added from `layout`, with its plan."""
    placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    used: set[int] = set()
    title = slide.shapes.title
    if title is not None:
        write_paragraphs(
            title.text_frame, [Para(plan.title, 0, "none")], plan.title_size, plan.title_size
        )
        used.add(title.placeholder_format.idx)
    for slot in plan.slots:
        used |= place(slide, slot, placeholders, labels)
    for idx, ph in placeholders.items():
        if idx not in used:
            ph._element.getparent().remove(ph._element)
    if title is not None:
        move_first(title._element)
        if plan.title_box is not None:
            raise_title(slide, layout, title, plan.title_box)
    if plan.progress[1]:
        add_progress(slide, plan.progress, strip_span(layout, prs.slide_width, prs.slide_height))
    if plan.footer:
        add_footer(slide, layout, "ftr", plan.footer, plan.footer_size, plan.footer_box)
    if plan.numbered:
        add_footer(slide, layout, "sldNum", str(number), 12.0, plan.number_box)
    if plan.notes:
        frame = adder.notes(slide).notes_text_frame
        write_paragraphs(frame, [notes_para(p) for p in plan.notes], 12.0, 12.0)
    return slide


def place(slide: Any, slot: Slot, placeholders: dict[int, Any], labels: dict[str, str]) -> set[int]:
    """Put one slot's content on the slide; returns the placeholder idx it filled."""
    content, box = slot.content, slot.frame.box
    if isinstance(content, TextBlock):
        shape = placeholders.get(slot.frame.idx)
        if shape is None:
            return set()
        if (shape.left, shape.top, shape.width, shape.height) != (box.x, box.y, box.w, box.h):
            shape.left, shape.top, shape.width, shape.height = box.x, box.y, box.w, box.h
        write_paragraphs(
            shape.text_frame,
            content.paras,
            content.size,
            content.floor,
            space_before=content.space_before,
        )
        return {slot.frame.idx}
    if isinstance(content, ChartSpec):
        from tall_teach.writers.pptx.charts import add_chart

        add_chart(slide, content, box)
    elif isinstance(content, TableSpec):
        from tall_teach.writers.pptx.tables import add_table

        add_table(slide, content, box)
    elif isinstance(content, PictureSpec):
        add_picture(slide, content, box)
    elif isinstance(content, FigureBoxSpec):
        add_figure_box(slide, content, box)
    elif isinstance(content, StatTilesSpec):
        from tall_teach.writers.pptx.stats import add_stat_tiles

        add_stat_tiles(slide, content)
    return set()


def add_picture(slide: Any, spec: PictureSpec, box: Box) -> Any:
    from tall_teach.writers.pptx.tables import add_caption

    pixels = spec.pixels
    if not pixels[0]:
        from PIL import Image

        with Image.open(spec.path) as image:
            pixels = image.size
    where = fit_picture(pixels, Box(box.x, box.y, box.w, box.h - spec.caption_height))
    if spec.path.lower().endswith(".svg"):
        from tall_teach.writers.pptx.svgpicture import add_svg_picture

        picture = add_svg_picture(slide, spec.path, where.x, where.y, where.w, where.h)
    else:
        picture = slide.shapes.add_picture(spec.path, where.x, where.y, where.w, where.h)
    picture._element.nvPicPr.cNvPr.set("descr", spec.alt)
    if spec.caption:
        below = Box(box.x, where.bottom, box.w, spec.caption_height)
        add_caption(slide, spec.caption, below, spec.caption_size, centred=True)
    return picture


def add_figure_box(slide: Any, spec: FigureBoxSpec, box: Box) -> Any:
    """A figure slot: a light dashed frame (what LibreOffice and a slide show draw), an
    empty picture placeholder over it (click its icon in PowerPoint to insert the figure,
    which then covers the frame) and the caption line under it."""
    from pptx.enum.text import PP_ALIGN

    from tall_teach.writers.pptx.tables import add_caption

    slot = Box(box.x, box.y, box.w, box.h - spec.caption_height)
    frame = add_slot_frame(slide, spec, slot)
    picture = add_picture_placeholder(slide, slot, f"{spec.label}: {spec.caption}".strip(": "))
    line = figure_caption(spec.caption, spec.source, spec.source_label)
    if line:
        caption = add_caption(
            slide, line, Box(box.x, slot.bottom, box.w, spec.caption_height), spec.size, True
        )
        caption.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    return frame, picture


def add_slot_frame(slide: Any, spec: FigureBoxSpec, box: Box) -> Any:
    from tall_teach.writers.pptx.protoshapes import place

    element = place(slide, "slot", "Figure Slot Frame", box)
    shape = slide.shapes._shape_factory(element)
    write_paragraphs(shape.text_frame, [Para((Run(spec.label.upper(), bold=True),), 0, "none")],
                     spec.size, spec.size, "ACCENT_1")
    element.find(f"{P}txBody/{A}p/{A}pPr").set("algn", "ctr")
    decorative(element)
    return shape


def add_picture_placeholder(slide: Any, box: Box, name: str) -> Any:
    """An empty picture placeholder at `box` (its own idx: the layout need not have one)."""
    from lxml import etree

    tree = slide.shapes._spTree
    ids = [int(e.get("id")) for e in tree.iter(f"{P}cNvPr")]
    taken = [int(ph.get("idx", 0)) for ph in tree.iter(f"{P}ph")]
    idx = max([*taken, 99]) + 1
    xml = (
        f'<p:sp xmlns:p="{P[1:-1]}" xmlns:a="{A[1:-1]}"><p:nvSpPr>'
        f'<p:cNvPr id="{max(ids) + 1}" name="Picture Placeholder {idx}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="pic" sz="half" idx="{idx}"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody>'
        "</p:sp>"
    )
    element = etree.fromstring(xml)
    element.find(f"{P}nvSpPr/{P}cNvPr").set("descr", name)
    tree.append(element)
    return element


DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def decorative(shape: Any) -> None:
    """Mark a drawn shape (on a slide) decorative: screen readers skip it."""
    from lxml import etree

    element = getattr(shape, "_element", shape)
    c_nv_pr = element.find(f".//{P}cNvPr")
    ext_lst = etree.SubElement(c_nv_pr, f"{A}extLst")
    ext = etree.SubElement(ext_lst, f"{A}ext", uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    # The prefix lxml gives a namespace the slide does not declare: ns0, ns1, ... in the
    # order the slide's document meets it (each mark declares it anew), named here so
    # that a mark made by copying a shape is the same.
    count = sum(1 for _ in element.getroottree().iter(DECORATIVE))
    namespace = DECORATIVE[1:].split("}")[0]
    etree.SubElement(ext, DECORATIVE, nsmap={f"ns{count}": namespace}, val="1")


PROGRESS_TOP, PROGRESS_H, PROGRESS_GAP = 457200, 54864, 91440  # 0.5 in, 0.06 in, 0.1 in


def strip_span(layout: Any, width: int, height: int) -> Box:
    """Where the progress strip goes: across the top, clear of the template's graphics
    (the part beside a corner shape; whole on a band it lies on)."""
    from tall_teach.writers.pptx.template import free_box, own_graphics

    left = width // 12
    want = Box(left, PROGRESS_TOP - PROGRESS_H, width - 2 * left, 2 * PROGRESS_H)
    page = Box(0, 0, width, height)
    placed = free_box(want, own_graphics(layout, page), page)
    return placed if placed is not None and placed.h == want.h else want


def add_progress(slide: Any, progress: tuple[int, int], span: Box) -> None:
    """A strip of one segment per section across the top of a divider, this one taller and
    in the second accent: where the lecture is, without text under 18 pt."""
    from tall_teach.writers.pptx.protoshapes import place

    current, total = progress
    left, middle = span.x, span.y + span.h // 2
    step = (span.w + PROGRESS_GAP) // total
    shape_id = slide.shapes._spTree.max_shape_id
    for n in range(1, total + 1):
        here = n == current
        height = PROGRESS_H * (2 if here else 1)
        shape_id += 1
        name = f"Progress {n} of {total}" + (" (here)" if here else "")
        where = Box(left + (n - 1) * step, middle - height // 2, step - PROGRESS_GAP, height)
        element = place(slide, "segment", name, where, shape_id)
        if here:
            element.find(f"{P}spPr/{A}solidFill/{A}schemeClr").set("val", "accent2")
        decorative(element)


def notes_para(para: Para) -> Para:
    """Notes are plain text: list items keep their bullet or number as a prefix."""
    if para.bullet == "none":
        return para
    mark = f"{para.number}. " if para.bullet == "number" else "• "
    indent = "    " * para.level
    return Para((Run(indent + mark), *para.runs), 0, "none")


def move_first(element: Any) -> None:
    """The title first in the shape tree: first in reading order."""
    tree = element.getparent()
    tree.remove(element)
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


SHAPE_TAGS = tuple(f"{P}{t}" for t in ("sp", "pic", "grpSp", "cxnSp", "graphicFrame"))
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def raise_title(slide: Any, layout: Any, title: Any, box: Box) -> None:
    """Give the slide's title placeholder a taller box (still the layout's placeholder,
    first in reading order) and move the layout's decorations between the title and
    the body (an accent rule) down as far as the title's bottom moved."""
    old = Box(int(title.left), int(title.top), int(title.width), int(title.height))
    title.left, title.top, title.width, title.height = box.x, box.y, box.w, box.h
    drop = box.bottom - old.bottom
    if drop <= 0 or slide._element.get("showMasterSp") == "0":
        return
    band = (old.bottom, body_top(layout, old))
    owners = [layout]
    if layout._element.get("showMasterSp") != "0":
        owners.insert(0, layout.slide_master)  # drawn first, behind the layout's own
    decorations = [
        (owner, shape)
        for owner in owners
        for shape in owner.shapes
        if not shape.is_placeholder and shape._element.tag in SHAPE_TAGS
    ]
    if not any(in_band(shape, old, band) for _, shape in decorations):
        return  # nothing lies between title and body: the layout's shapes stay as they are
    slide._element.set("showMasterSp", "0")  # the copies stand in for the layout's shapes
    after = title._element
    for owner, shape in decorations:  # behind the content, after the title in reading order
        element = copied_shape(slide, owner, shape, drop if in_band(shape, old, band) else 0)
        after.addnext(element)
        after = element


def body_top(layout: Any, title: Box) -> int:
    """Where the content area starts under the title: the highest body placeholder below
    it on the layout, else on the master; else right under the title."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    skip = (PH.TITLE, PH.CENTER_TITLE, PH.FOOTER, PH.SLIDE_NUMBER, PH.DATE, PH.HEADER)
    for owner in (layout, layout.slide_master):
        tops = [
            int(ph.top)
            for ph in owner.placeholders
            if ph.placeholder_format.type not in skip
            and ph.top is not None
            and int(ph.top) >= title.bottom
        ]
        if tops:
            return min(tops)
    return title.bottom


def in_band(shape: Any, title: Box, band: tuple[int, int]) -> bool:
    """A decoration under the title, above the body, and across the title's width."""
    if shape.top is None or shape.left is None or shape.width is None:
        return False
    left, top, right = int(shape.left), int(shape.top), int(shape.left) + int(shape.width)
    return band[0] <= top < max(band[1], band[0] + 1) and left < title.right and right > title.x


def copied_shape(slide: Any, owner: Any, shape: Any, drop: int) -> Any:
    """A copy of a layout or master shape for the slide, `drop` EMU lower, with its own
    id and its pictures or links related from the slide."""
    element = copy.deepcopy(shape._element)
    if drop:
        offset = element.find(f"./*/{A}xfrm/{A}off")
        if offset is None:
            offset = element.find(f"./{P}xfrm/{A}off")
        if offset is not None:
            offset.set("y", str(int(offset.get("y")) + drop))
    tree = slide.shapes._spTree
    next_id = max(int(e.get("id")) for e in tree.iter(f"{P}cNvPr")) + 1
    for n, c_nv_pr in enumerate(element.iter(f"{P}cNvPr")):
        c_nv_pr.set("id", str(next_id + n))
    for node in element.iter():
        for name, value in list(node.attrib.items()):
            if name.startswith(R) and value in owner.part.rels:
                rel = owner.part.rels[value]
                if rel.is_external:
                    node.set(name, slide.part.relate_to(rel.target_ref, rel.reltype, True))
                else:
                    node.set(name, slide.part.relate_to(rel.target_part, rel.reltype))
    return element


def add_footer(
    slide: Any, layout: Any, kind: str, text: str, size: float, box: Box | None = None
) -> None:
    """Footer or slide number: a copy of the layout's placeholder (python-pptx skips them),
    at `box` when the plan moved it clear of the template's graphics."""
    source = find_placeholder(layout, kind)
    if source is None:
        source = find_placeholder(layout.slide_master, kind)
    tree = slide.shapes._spTree
    if source is None:
        return
    element = copy.deepcopy(source)
    shape_id = max(int(e.get("id")) for e in tree.iter(f"{P}cNvPr")) + 1
    element.find(f"{P}nvSpPr/{P}cNvPr").set("id", str(shape_id))
    if find_placeholder(layout, kind) is not None or box is not None:
        sp_pr = element.find(f"{P}spPr")  # inherit the layout's position, or take `box`
        for child in list(sp_pr):
            sp_pr.remove(child)
        if box is not None:
            from lxml import etree

            xfrm = etree.SubElement(sp_pr, f"{A}xfrm")
            etree.SubElement(xfrm, f"{A}off", x=str(box.x), y=str(box.y))
            etree.SubElement(xfrm, f"{A}ext", cx=str(box.w), cy=str(box.h))
    tree.append(element)
    body = element.find(f"{P}txBody")
    for old in body.findall(f"{A}p"):
        body.remove(old)
    from lxml import etree

    p = etree.SubElement(body, f"{A}p")
    if kind == "sldNum":
        field = etree.SubElement(
            p, f"{A}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum"
        )
        etree.SubElement(field, f"{A}rPr", lang="en-GB", sz=str(int(size * 100)))
        etree.SubElement(field, f"{A}t").text = text
    else:
        run = etree.SubElement(p, f"{A}r")
        etree.SubElement(run, f"{A}rPr", lang="en-GB", sz=str(int(size * 100)))
        etree.SubElement(run, f"{A}t").text = text


def find_placeholder(owner: Any, kind: str) -> Any:
    for element in owner.shapes._spTree.iter(f"{P}sp"):
        ph = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") == kind:
            return element
    return None


def set_core_properties(prs: Any, props: CoreProps) -> None:
    core = prs.core_properties
    year, month, day = (int(p) for p in props.date.split("-"))
    stamp = datetime.datetime(year, month, day, 0, 0, 0)
    core.title, core.author, core.subject = props.title, props.author, props.subject
    core.keywords, core.last_modified_by, core.comments = props.keywords, props.author, ""
    core.category, core.content_status, core.identifier = "", "", ""
    core.language, core.version, core.revision = props.language, "", 1
    core.created = core.modified = core.last_printed = stamp
