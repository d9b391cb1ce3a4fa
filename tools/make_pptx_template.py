"""Build themes/default/template.pptx: the default theme's 16:9 master and named layouts.

Run `python tools/make_pptx_template.py` after changing this file or the palette
in themes/default/theme.yaml. The template is made from python-pptx's own
default package: the slide master, the seven layouts and the theme XML are
rewritten here (colours and fonts live in the theme part, so the deck stays
re-themable in PowerPoint), then the package is re-zipped byte-stably.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from tall_teach.writers.pptx.package import deterministic_package  # noqa: E402

THEME_DIR = REPO / "themes" / "default"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'

EMU = 914400  # per inch
SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 x 7.5 in, 16:9
MARGIN = int(0.6 * EMU)
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_Y, TITLE_H = int(0.38 * EMU), int(1.1 * EMU)
RULE_Y = int(1.56 * EMU)
BODY_Y = int(1.82 * EMU)
BODY_H = int(6.55 * EMU) - BODY_Y
FOOTER_Y, FOOTER_H = int(6.78 * EMU), int(0.5 * EMU)
NUMBER_W = int(0.9 * EMU)
GAP = int(0.45 * EMU)
HALF_W = (CONTENT_W - GAP) // 2
HEADING_H = int(0.6 * EMU)
BAND_W = int(0.22 * EMU)  # the accent band on dark slides
DARK_X = int(1.0 * EMU)

LAYOUT_NAMES = (
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Two Content",
    "Comparison",
    "Title Only",
    "Blank",
)
LAYOUT_TYPES = {
    "Title Slide": "title",
    "Title and Content": "obj",
    "Section Header": "secHead",
    "Two Content": "twoObj",
    "Comparison": "twoTxTwoObj",
    "Title Only": "titleOnly",
    "Blank": "blank",
}
DECORATIVE = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)


def xfrm(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def fill(scheme: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{scheme}"/></a:solidFill>'


def placeholder(
    shape_id: int,
    name: str,
    ph: str,
    box: tuple[int, int, int, int] | None,
    *,
    body_pr: str = "<a:bodyPr/>",
    lst_style: str = "",
    prompt: str = "",
) -> str:
    """One placeholder `sp`; `box` None inherits the master's position."""
    geometry = xfrm(*box) if box else ""
    if box is not None:
        geometry += '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    if ph.startswith('type="sldNum"'):
        para = (
            '<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>'
        )
    elif prompt:
        para = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r></a:p>'
    else:
        para = '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{geometry}</p:spPr>"
        f"<p:txBody>{body_pr}<a:lstStyle>{lst_style}</a:lstStyle>{para}</p:txBody></p:sp>"
    )


def rectangle(shape_id: int, name: str, box: tuple[int, int, int, int], scheme: str) -> str:
    """A decorative filled rectangle (marked decorative for screen readers)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}">{DECORATIVE}</p:cNvPr>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(scheme)}'
        "<a:ln><a:noFill/></a:ln></p:spPr>"
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        '<a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>'
    )


def sp_tree(shapes: list[str]) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:spTree>'
    )


def level_style(level: int, size: int, color: str, **extra: str) -> str:
    """A `lvlNpPr` that only recolours and resizes (layout overrides)."""
    attrs = "".join(f' {k}="{v}"' for k, v in extra.items())
    return (
        f'<a:lvl{level}pPr{attrs}><a:buNone/><a:defRPr sz="{size}">{fill(color)}'
        f"</a:defRPr></a:lvl{level}pPr>"
    )


BULLETS = ("•", "–", "•", "–", "•", "–", "•", "–", "•")
LEVEL_MARGINS = (342900, 742950, 1085850, 1428750, 1771650, 2114550, 2457450, 2800350, 3143250)
LEVEL_SIZES = (2800, 2600, 2400, 2000, 2000, 2000, 2000, 2000, 2000)


def body_level(level: int) -> str:
    """Master body style for one level: hanging bullet in the accent colour."""
    mar_l = LEVEL_MARGINS[level]
    indent = -(mar_l - (LEVEL_MARGINS[level - 1] if level else 0))
    before = 1000 if level == 0 else 400
    bullet_size = 100000 if level % 2 == 0 else 90000
    return (
        f'<a:lvl{level + 1}pPr marL="{mar_l}" indent="{indent}" algn="l" defTabSz="914400"'
        ' rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{before}"/>'
        f'</a:spcBef><a:buClr><a:schemeClr val="accent1"/></a:buClr>'
        f'<a:buSzPct val="{bullet_size}"/><a:buFontTx/><a:buChar char="{BULLETS[level]}"/>'
        f'<a:defRPr sz="{LEVEL_SIZES[level]}" kern="1200">{fill("tx1")}'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        f"</a:defRPr></a:lvl{level + 1}pPr>"
    )


def master_xml(layout_rids: list[str]) -> str:
    """The slide master: geometry of the shared placeholders and the type scale."""
    no_inset = 'lIns="0" tIns="0" rIns="0" bIns="0"'
    number_x = SLIDE_W - MARGIN - NUMBER_W
    footer_w = number_x - MARGIN - GAP
    small = (
        '<a:lvl1pPr algn="{algn}"><a:defRPr sz="1200">'
        '<a:solidFill><a:schemeClr val="tx1"><a:lumMod val="75000"/><a:lumOff val="25000"/>'
        "</a:schemeClr></a:solidFill></a:defRPr></a:lvl1pPr>"
    )
    shapes = [
        placeholder(
            2,
            "Title Placeholder 1",
            'type="title"',
            (MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
            body_pr=f'<a:bodyPr vert="horz" wrap="square" {no_inset} rtlCol="0" anchor="b">'
            "<a:noAutofit/></a:bodyPr>",
            prompt="Click to edit Master title style",
        ),
        placeholder(
            3,
            "Text Placeholder 2",
            'type="body" idx="1"',
            (MARGIN, BODY_Y, CONTENT_W, BODY_H),
            body_pr=f'<a:bodyPr vert="horz" wrap="square" {no_inset} rtlCol="0" anchor="t">'
            "<a:noAutofit/></a:bodyPr>",
            prompt="Click to edit Master text styles",
        ),
        placeholder(
            4,
            "Date Placeholder 3",
            'type="dt" sz="half" idx="2"',
            (number_x - 2 * EMU, FOOTER_Y, 2 * EMU, FOOTER_H),
            body_pr=f'<a:bodyPr vert="horz" {no_inset} rtlCol="0" anchor="t"/>',
            lst_style=small.format(algn="r"),
        ),
        placeholder(
            5,
            "Footer Placeholder 4",
            'type="ftr" sz="quarter" idx="3"',
            (MARGIN, FOOTER_Y, footer_w, FOOTER_H),
            body_pr=f'<a:bodyPr vert="horz" wrap="square" {no_inset} rtlCol="0" anchor="t"/>',
            lst_style=small.format(algn="l"),
        ),
        placeholder(
            6,
            "Slide Number Placeholder 5",
            'type="sldNum" sz="quarter" idx="4"',
            (number_x, FOOTER_Y, NUMBER_W, FOOTER_H),
            body_pr=f'<a:bodyPr vert="horz" {no_inset} rtlCol="0" anchor="t"/>',
            lst_style=small.format(algn="r"),
        ),
    ]
    layout_ids = "".join(
        f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids)
    )
    title_style = (
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0"'
        ' hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/>'
        f'</a:spcBef><a:buNone/><a:defRPr sz="4000" b="1" kern="1200">{fill("tx2")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )
    body_style = "<p:bodyStyle>" + "".join(body_level(i) for i in range(9)) + "</p:bodyStyle>"
    other_style = (
        '<p:otherStyle><a:defPPr><a:defRPr lang="en-GB"/></a:defPPr>'
        '<a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0"'
        f' hangingPunct="1"><a:defRPr sz="1800" kern="1200">{fill("tx1")}'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:otherStyle>"
    )
    return (
        f'<p:sldMaster {NSDECL}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/>'
        f"</p:bgRef></p:bg>{sp_tree(shapes)}</p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2"'
        ' accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink"'
        ' folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{layout_ids}</p:sldLayoutIdLst>"
        '<p:hf hdr="0" dt="0"/>'
        f"<p:txStyles>{title_style}{body_style}{other_style}</p:txStyles></p:sldMaster>"
    )


def footer_shapes(first_id: int, color: str | None = None) -> list[str]:
    """Footer and slide number placeholders (inherit the master's place)."""
    lst = f"<a:lvl1pPr><a:defRPr>{fill(color)}</a:defRPr></a:lvl1pPr>" if color else ""
    return [
        placeholder(
            first_id, "Footer Placeholder", 'type="ftr" sz="quarter" idx="11"', None, lst_style=lst
        ),
        placeholder(
            first_id + 1,
            "Slide Number Placeholder",
            'type="sldNum" sz="quarter" idx="12"',
            None,
            lst_style=lst,
        ),
    ]


def title_shape(shape_id: int = 2) -> str:
    return placeholder(
        shape_id, "Title", 'type="title"', None, prompt="Click to edit Master title style"
    )


def rule_shape(shape_id: int) -> str:
    return rectangle(
        shape_id, "Title Rule", (MARGIN, RULE_Y, int(0.9 * EMU), int(0.055 * EMU)), "accent1"
    )


def content_shape(shape_id: int, idx: int, box: tuple[int, int, int, int], name: str) -> str:
    return placeholder(
        shape_id, name, f'sz="half" idx="{idx}"', box, prompt="Click to edit Master text styles"
    )


def dark_slide_shapes(kind: str) -> list[str]:
    """Title Slide and Section Header: navy background, accent band, light text."""
    width = SLIDE_W - DARK_X - MARGIN
    inset = 'lIns="0" tIns="0" rIns="0" bIns="0"'
    if kind == "title":
        title_box, size, rule_y, sub_y, sub_size = (
            (DARK_X, int(1.3 * EMU), width, int(2.75 * EMU)),
            4400,
            4.28,
            4.55,
            2400,
        )
        title_ph, sub_ph = 'type="ctrTitle"', 'type="subTitle" idx="1"'
    else:
        title_box, size, rule_y, sub_y, sub_size = (
            (DARK_X, int(1.6 * EMU), width, int(2.45 * EMU)),
            4000,
            4.28,
            4.55,
            2400,
        )
        title_ph, sub_ph = 'type="title"', 'type="body" idx="1"'
    sub_box = (DARK_X, int(sub_y * EMU), width, int(6.55 * EMU) - int(sub_y * EMU))
    title_lst = (
        f'<a:lvl1pPr><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        f'<a:defRPr sz="{size}" b="1">{fill("bg1")}</a:defRPr></a:lvl1pPr>'
    )
    sub_lst = level_style(1, sub_size, "bg2", marL="0", indent="0")
    return [
        rectangle(4, "Accent Band", (0, 0, BAND_W, SLIDE_H), "accent1"),
        placeholder(
            2,
            "Title",
            title_ph,
            title_box,
            lst_style=title_lst,
            body_pr=f'<a:bodyPr {inset} anchor="b"><a:noAutofit/></a:bodyPr>',
            prompt="Click to edit Master title style",
        ),
        rectangle(
            5, "Title Rule", (DARK_X, int(rule_y * EMU), int(1.4 * EMU), int(0.07 * EMU)), "accent1"
        ),
        placeholder(
            3,
            "Subtitle",
            sub_ph,
            sub_box,
            lst_style=sub_lst,
            body_pr=f'<a:bodyPr {inset} anchor="t"><a:noAutofit/></a:bodyPr>',
            prompt="Click to edit Master subtitle style",
        ),
        *footer_shapes(6, "bg2"),
    ]


def layout_shapes(name: str) -> list[str]:
    """The shapes of one named layout, title first (reading order)."""
    if name == "Title Slide":
        return dark_slide_shapes("title")
    if name == "Section Header":
        return dark_slide_shapes("section")
    if name == "Title and Content":
        return [
            title_shape(),
            rule_shape(3),
            content_shape(4, 1, (MARGIN, BODY_Y, CONTENT_W, BODY_H), "Content Placeholder"),
            *footer_shapes(5),
        ]
    if name == "Two Content":
        right_x = MARGIN + HALF_W + GAP
        return [
            title_shape(),
            rule_shape(3),
            content_shape(4, 1, (MARGIN, BODY_Y, HALF_W, BODY_H), "Content Placeholder Left"),
            content_shape(5, 2, (right_x, BODY_Y, HALF_W, BODY_H), "Content Placeholder Right"),
            *footer_shapes(6),
        ]
    if name == "Comparison":
        return comparison_shapes()
    if name == "Title Only":
        return [title_shape(), rule_shape(3), *footer_shapes(4)]
    return footer_shapes(2)


def comparison_shapes() -> list[str]:
    right_x = MARGIN + HALF_W + GAP
    content_y = BODY_Y + HEADING_H + int(0.12 * EMU)
    content_h = BODY_Y + BODY_H - content_y
    heading_lst = (
        '<a:lvl1pPr marL="0" indent="0"><a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="2400" b="1">{fill("tx2")}</a:defRPr></a:lvl1pPr>'
    )
    heading_pr = (
        '<a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"><a:noAutofit/></a:bodyPr>'
    )

    def heading(shape_id: int, idx: int, x: int, side: str) -> str:
        return placeholder(
            shape_id,
            f"Heading {side}",
            f'type="body" sz="quarter" idx="{idx}"',
            (x, BODY_Y, HALF_W, HEADING_H),
            lst_style=heading_lst,
            body_pr=heading_pr,
            prompt="Click to edit Master text styles",
        )

    return [
        title_shape(),
        rule_shape(3),
        heading(4, 1, MARGIN, "Left"),
        content_shape(5, 2, (MARGIN, content_y, HALF_W, content_h), "Content Placeholder Left"),
        heading(6, 3, right_x, "Right"),
        content_shape(7, 4, (right_x, content_y, HALF_W, content_h), "Content Placeholder Right"),
        *footer_shapes(8),
    ]


def layout_xml(name: str) -> str:
    background = ""
    if name in ("Title Slide", "Section Header"):
        background = f"<p:bg><p:bgPr>{fill('tx2')}<a:effectLst/></p:bgPr></p:bg>"
    return (
        f'<p:sldLayout {NSDECL} type="{LAYOUT_TYPES[name]}" preserve="1">'
        f'<p:cSld name="{name}">{background}{sp_tree(layout_shapes(name))}</p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def retheme(theme_blob: bytes, colors: dict[str, str], fonts: dict[str, Any]) -> bytes:
    """Palette into the theme's colour scheme, fonts into its font scheme."""
    root = etree.fromstring(theme_blob)
    ns = {"a": NS_A}
    root.set("name", "tall_teach")
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", "tall_teach")
    slots = {
        "dk1": colors["text"],
        "lt1": colors["background"],
        "dk2": colors["primary"],
        "lt2": colors["panel"],
        "accent1": colors["accent"],
        "accent2": colors["accent2"],
        "accent3": colors["accent3"],
        "accent4": colors["accent4"],
        "accent5": colors["primary"],
        "accent6": colors["muted"],
        "hlink": colors["accent"],
        "folHlink": colors["muted"],
    }
    for slot, value in slots.items():
        element = scheme.find(f"a:{slot}", ns)
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{NS_A}}}srgbClr", val=value.upper())
    effects = root.find(".//a:effectStyleLst", ns)  # flat: no shadows or bevels on shapes
    for style in list(effects):
        effects.remove(style)
    for _ in range(3):
        style = etree.SubElement(effects, f"{{{NS_A}}}effectStyle")
        etree.SubElement(style, f"{{{NS_A}}}effectLst")
    font_scheme = root.find(".//a:fontScheme", ns)
    font_scheme.set("name", "tall_teach")
    font_scheme.find("a:majorFont/a:latin", ns).set("typeface", fonts["heading"])
    font_scheme.find("a:minorFont/a:latin", ns).set("typeface", fonts["body"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>tall_teach</Application><PresentationFormat>Widescreen</PresentationFormat>"
    "</Properties>"
)


def build_template(settings: dict[str, Any]) -> bytes:
    """The template's bytes, from python-pptx's default package."""
    import datetime

    from pptx.oxml import parse_xml

    prs = Presentation()
    master = prs.slide_master
    wanted = {
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Two Content",
        "Comparison",
        "Title Only",
        "Blank",
    }
    for layout in list(prs.slide_layouts):
        if layout.name not in wanted:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout.part._element = parse_xml(layout_xml(layout.name).encode("utf-8"))
    rids = [el.get(f"{{{NS_R}}}id") for el in master._element.sldLayoutIdLst]
    master.part._element = parse_xml(master_xml(rids).encode("utf-8"))
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = retheme(theme_part.blob, settings["colors"], settings["fonts"])
    size = prs.part._element.find(f"{{{NS_P}}}sldSz")
    size.attrib.clear()
    size.set("cx", str(SLIDE_W))
    size.set("cy", str(SLIDE_H))
    drop_extras(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "tall_teach default", "tall_teach", ""
    props.comments, props.subject, props.keywords, props.revision = "", "", "", 1
    stamp = datetime.datetime(2026, 1, 1)
    props.created = props.modified = props.last_printed = stamp
    import io

    out = io.BytesIO()
    prs.save(out)
    return deterministic_package(out.getvalue(), "2026-01-01T00:00:00Z")


def drop_extras(prs: Any) -> None:
    """No thumbnail of a blank slide, no printer settings, a truthful app.xml."""
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)


def main() -> None:
    settings = yaml.safe_load((THEME_DIR / "theme.yaml").read_text(encoding="utf-8"))
    target = THEME_DIR / "template.pptx"
    target.write_bytes(build_template(settings))
    print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
