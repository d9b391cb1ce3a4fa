"""`tall-teach theme new NAME --from their.pptx`: a theme that extends the default and uses
an institution's template, its layouts mapped to our slide kinds by name and type.

The template is copied with its sample slides dropped and its layouts' content
placeholders numbered apart (LibreOffice saves every one as idx 0, so a slide could not
tell its two columns apart). A template with a title master and a content master (as
LibreOffice's are) maps title slides to the first and content slides to the second, as
its sample slides use them; LibreOffice's layouts get their master's title and body
areas back (its export gives every master's layouts one master's positions). The
template's fonts stay: the theme measures text in the font files this machine renders
them with. What was mapped, and what was not, is reported.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tall_teach.errors import ThemeError

# Per slide kind: layout names tried first (PowerPoint's, LibreOffice's), then OOXML types.
WANTED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("Title Slide",), ("title", "tx")),
    "section": (("Section Header", "Section Title", "Section"), ("secHead",)),
    "content": (("Title and Content", "Title, Content"), ("obj",)),
    "two_content": (("Two Content", "Title, 2 Content"), ("twoObj",)),
    "comparison": (("Comparison",), ("twoTxTwoObj",)),
    "title_only": (("Title Only",), ("titleOnly",)),
    "blank": (("Blank", "Blank Slide"), ("blank",)),
}
FALLBACK = {"section": "title", "comparison": "two_content", "title_only": "content",
            "blank": "title_only"}
FIXED_TYPES = ("title", "ctrTitle", "dt", "ftr", "sldNum", "hdr")
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def create_theme(name: str, source: Path, parent: Path) -> tuple[Path, list[str]]:
    """Write parent/NAME/ (template.pptx, theme.yaml); returns it and the report lines."""
    if not name or "/" in name or name.startswith("."):
        raise ThemeError(f"theme name {name!r}: use a plain folder name (letters, digits, '-')")
    target = parent / name
    if target.exists():
        raise ThemeError(f"{target} already exists: choose another name or remove it")
    prs = _open(source)
    renumbered = sum(_renumber(layout) for layout in all_layouts(prs))
    repaired = _repair_libreoffice(prs)
    layouts, report = map_layouts(prs, roomiest(prs, _masters_in_use(prs)))
    layouts = _unique_names(prs, layouts)
    if repaired:
        report.append(f"placed the title and content areas of {repaired} LibreOffice layouts "
                      "where their masters have them")
    if renumbered:
        report.append(f"numbered {renumbered} content placeholders apart (all had the same idx)")
    from tall_teach.writers.pptx.templatefonts import template_fonts

    fonts, said = template_fonts(prs, _layout(prs, layouts["content"]).slide_master)
    report += said
    if fonts is None:
        replaced = _measured_fonts(prs)
        if replaced:
            report.append(f"fonts {', '.join(sorted(replaced))} set in Calibri (Carlito), the "
                          "font the deck is measured in: no text runs past its box")
    _drop_slides(prs)
    out = io.BytesIO()
    prs.save(out)
    target.mkdir(parents=True)
    (target / "template.pptx").write_bytes(out.getvalue())
    extra = fonts.write(target) if fonts is not None else []
    smallest = title_floor(prs, layouts["content"])
    if smallest < TITLE_MIN:
        report.append(f"titles go down to {smallest:g} pt (not {TITLE_MIN:g}): two lines fit "
                      "the template's title band at that size")
        extra = ["  sizes:  # the title band holds two lines at this size",
                 f"    title_min: {smallest:g}", *extra]
    extra += lint_widths(prs, layouts)
    from tall_teach.writers.pptx.template import read_template

    report += read_template(prs, layouts, source.name).notes  # what the graphics cover
    (target / "theme.yaml").write_text(theme_yaml(name, source.name, layouts, extra),
                                       encoding="utf-8")
    return target, report


TITLE_MIN, TITLE_FLOOR = 28.0, 20  # the default theme's title_min; never below this
LINE = 1.2207  # the default theme's line height (em): titles are measured with it


def title_floor(prs: Any, content: str) -> float:
    """The title size two lines fit at in the content layout's title band (its box and the
    band under it), from TITLE_MIN down to TITLE_FLOOR points."""
    from tall_teach.writers.pptx.template import EMU_PER_PT, read_template

    info = read_template(prs, {"content": content}, "template")
    title = info.layout("content").title
    if title is None or info.layout("content").title_room < 0:
        return TITLE_MIN
    room = (title.box.h + info.layout("content").title_room) / EMU_PER_PT
    room -= (title.insets[1] + title.insets[3]) / EMU_PER_PT
    spacing = info.layout("content").title_spacing or 1.0
    fits = int(room / (2 * LINE * spacing))
    return float(max(TITLE_FLOOR, min(fits, int(TITLE_MIN))))


def lint_widths(prs: Any, layouts: dict[str, str]) -> list[str]:
    """theme.yaml lines giving `check`'s density estimate the widths of the template's
    body areas (free of its graphics), in points."""
    from tall_teach.writers.pptx.template import read_template

    info = read_template(prs, {k: layouts[k] for k in ("content", "two_content")}, "template")
    body, columns = info.layout("content").bodies, info.layout("two_content").bodies
    if not body:
        return []
    lines = ["lint:  # the template's body widths: check measures lines as it draws them",
             f"  body_width_pt: {body[0].inner_width_pt:.1f}"]
    if len(columns) >= 2:
        lines.append(f"  column_width_pt: {min(c.inner_width_pt for c in columns):.1f}")
    return lines


def all_layouts(prs: Any) -> list[Any]:
    """Every master's layouts, the first master's first."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def _layout(prs: Any, name: str) -> Any:
    return next(lay for lay in all_layouts(prs) if lay.name == name)


def _masters_in_use(prs: Any) -> tuple[Any, Any]:
    """The masters the template's sample slides use for a title slide and for content (a
    LibreOffice template has one of each): a title layout's, else the first slide's; a
    body layout's, else another master than the title's; the first master when no slide
    says."""
    slides = list(prs.slides)
    first = prs.slide_masters[0]

    def master_of(kinds: tuple[str, ...], names: tuple[str, ...] = ()) -> Any:
        return next((s.slide_layout.slide_master for s in slides
                     if s.slide_layout._element.get("type") in kinds
                     or s.slide_layout.name.casefold() in names), None)

    title = master_of(("title",), ("title slide",))
    if title is None and slides:
        title = slides[0].slide_layout.slide_master
    content = master_of(("obj", "twoObj", "objOnly", "twoColTx"))
    if content is None and title is not None and len(prs.slide_masters) > 1:
        content = next(m for m in prs.slide_masters if m != title)
    return title or first, content or first


def _open(source: Path) -> Any:
    from pptx import Presentation

    if not source.is_file():
        raise ThemeError(f"{source}: no such file")
    try:
        return Presentation(str(source))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise ThemeError(f"{source} cannot be opened as a .pptx file ({exc}); save it "
                         "again as .pptx (PowerPoint, or LibreOffice Impress: File > Save As)"
                         ) from None


def roomiest(prs: Any, masters: tuple[Any, Any]) -> tuple[Any, Any]:
    """The masters to use: of those the template's content slides use (else all), the one
    whose content layout leaves the largest body area free of its graphics (LibreOffice's
    Focus has three; one keeps its shapes in the corners); the title master unless its
    graphics cover most of its title, then the one leaving the largest title free."""
    from tall_teach.writers.pptx.template import Box, _master_insets, layout_geometry

    slide = Box(0, 0, int(prs.slide_width), int(prs.slide_height))

    def room(master: Any, kind: str) -> int:
        names, types = WANTED[kind]
        layouts = list(master.slide_layouts)
        layout = _by_name(layouts, names) or _by_type(layouts, types, kind)
        if layout is None:
            return -1
        geometry, _ = layout_geometry(layout, _master_insets(master), slide, kind)
        if kind == "title":
            return geometry.title.box.area if geometry.title is not None else -1
        return max((b.box.area for b in geometry.bodies), default=0)

    used = [s.slide_layout.slide_master for s in prs.slides
            if s.slide_layout._element.get("type") in ("obj", "twoObj")]
    candidates = list({id(m): m for m in used or prs.slide_masters}.values())
    title, content = masters
    best = max(candidates, key=lambda m: room(m, "content"))
    if room(best, "content") > room(content, "content"):
        content = best
    whole = _title_area(title)
    if whole and room(title, "title") < whole // 2:
        title = max(prs.slide_masters, key=lambda m: room(m, "title"))
    return title, content


def _title_area(master: Any) -> int:
    """The title placeholder's area on the master's title layout (0 when it has none)."""
    layout = _by_name(list(master.slide_layouts), WANTED["title"][0])
    ph = next((p for p in (layout.placeholders if layout is not None else ())
               if _ph_type(p) in ("title", "ctrTitle")), None)
    return int(ph.width) * int(ph.height) if ph is not None and ph.width is not None else 0


def map_layouts(
    prs: Any, masters: tuple[Any, Any] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Slide kind -> layout name, and one report line per kind. Title and section slides
    look in the title master's layouts first, the others in the content master's."""
    title_master, content_master = masters or (prs.slide_masters[0], prs.slide_masters[0])
    found: dict[str, str] = {}
    report: list[str] = []
    for kind, (names, types) in WANTED.items():
        first = title_master if kind in ("title", "section") else content_master
        layouts = [*first.slide_layouts, *(lay for lay in all_layouts(prs)
                                           if lay.slide_master != first)]
        layout = _by_name(layouts, names) or _by_type(layouts, types, kind)
        if layout is not None and _usable(layout, kind):
            found[kind] = layout
            report.append(f"mapped {kind} -> {layout.name!r}")
    for kind in WANTED:
        if kind in found:
            continue
        stand_in = FALLBACK.get(kind)
        while stand_in and stand_in not in found:
            stand_in = FALLBACK.get(stand_in)
        if stand_in is None:
            raise ThemeError(f"the template has no usable layout for {kind} slides (wanted a "
                             f"layout named {' or '.join(WANTED[kind][0])!r}); add one in "
                             "PowerPoint's slide master view")
        found[kind] = found[stand_in]
        report.append(f"no layout for {kind}: uses {found[kind].name!r} (the {stand_in} layout)")
    return {kind: found[kind] for kind in WANTED}, report  # type: ignore[misc]


def _unique_names(prs: Any, layouts: dict[str, Any]) -> dict[str, str]:
    """Layout names for theme.yaml; a mapped layout whose name another master's layout
    shares (LibreOffice's masters each have a "Title, Content") gets its master's number."""
    counts: dict[str, int] = {}
    for layout in all_layouts(prs):
        counts[layout.name] = counts.get(layout.name, 0) + 1
    masters = list(prs.slide_masters)
    renamed: set[int] = set()
    for layout in layouts.values():
        if id(layout._element) in renamed:
            continue
        renamed.add(id(layout._element))
        if counts[layout.name] > 1 and layout.slide_master != masters[0]:
            number = masters.index(layout.slide_master) + 1
            layout._element.cSld.set("name", f"{layout.name} (master {number})")
    return {kind: layout.name for kind, layout in layouts.items()}


def _by_name(layouts: list[Any], names: tuple[str, ...]) -> Any:
    wanted = [n.casefold() for n in names]
    return next((lay for lay in layouts if lay.name.casefold() in wanted), None)


def _by_type(layouts: list[Any], types: tuple[str, ...], kind: str) -> Any:
    return next((lay for lay in layouts if lay._element.get("type") in types
                 and _usable(lay, kind)), None)


def _usable(layout: Any, kind: str) -> bool:
    """The placeholders the kind needs: a title, and one or two content areas."""
    types = [_ph_type(ph) for ph in layout.placeholders]
    titled = any(t in ("title", "ctrTitle") for t in types)
    content = sum(t not in FIXED_TYPES and t != "subTitle" for t in types)
    needs = {"title": titled, "section": titled, "title_only": titled, "blank": True,
             "content": titled and content >= 1,
             "two_content": titled and content >= 2, "comparison": titled and content >= 4}
    return needs[kind]


def _ph_type(ph: Any) -> str:
    element = ph._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return element.get("type", "obj") if element is not None else "obj"


LIBREOFFICE_LAYOUTS = {  # LibreOffice's AutoLayouts: name -> content columns on the body area
    "Title Slide": 1, "Title, Content": 1, "Title, 2 Content": 2, "Title Only": 0,
    "Centered Text": 1, "Blank Slide": 0,
}
COLUMN, COLUMN_GAP = 0.488, 0.024  # of the body width: LibreOffice's two-column AutoLayout


def _repair_libreoffice(prs: Any) -> int:
    """LibreOffice writes every master's layouts with one master's placeholder positions;
    Impress itself lays them out on their own master's title and body areas. Put them
    there (the body split in two columns for "Title, 2 Content"); returns how many."""
    if "LibreOffice" not in (prs.core_properties.author or "") + _application(prs):
        return 0
    repaired = 0
    for master in prs.slide_masters:
        areas = {_ph_type(ph): ph._element for ph in master.placeholders}
        for element in areas.values():
            _styles_from_sample(element)
        for layout in master.slide_layouts:
            columns = LIBREOFFICE_LAYOUTS.get(layout.name)
            if columns is None:
                continue
            content = [ph for ph in layout.placeholders if _ph_type(ph) not in FIXED_TYPES]
            for ph in layout.placeholders:
                kind = _ph_type(ph)
                key = {"ctrTitle": "title"}.get(kind, kind)
                source = areas.get("body" if kind not in FIXED_TYPES else key)
                if source is None:
                    continue
                column = content.index(ph) if ph in content else -1
                _place_like(ph._element, source, column, len(content))
            repaired += 1
    return repaired


def _styles_from_sample(element: Any) -> None:
    """LibreOffice writes a master placeholder's text style (colour, font, size, bullets)
    on its sample text only, where nothing inherits it: make it the placeholder's list
    style, level by level (space after a paragraph becomes space before it, as measured;
    justified text is set ragged right)."""
    import copy

    from lxml import etree

    body = element.find(f"{P}txBody")
    if body is None:
        return
    styles = body.find(f"{A}lstStyle")
    if styles is None:
        styles = etree.Element(f"{A}lstStyle")
        body.insert(1, styles)
    if len(styles):
        return
    levels: dict[int, Any] = {}
    for para in body.findall(f"{A}p"):
        p_pr = para.find(f"{A}pPr")
        r_pr = para.find(f"{A}r/{A}rPr")
        if r_pr is None:
            r_pr = para.find(f"{A}endParaRPr")
        level = int(p_pr.get("lvl", "0")) if p_pr is not None else 0
        if level in levels or level > 8:
            continue
        style = copy.deepcopy(p_pr) if p_pr is not None else etree.Element(f"{A}pPr")
        style.tag = f"{A}lvl{level + 1}pPr"
        style.attrib.pop("lvl", None)
        if style.get("algn") in ("just", "dist"):  # justified slide text opens rivers
            style.attrib.pop("algn")
        after = style.find(f"{A}spcAft")
        if after is not None and style.find(f"{A}spcBef") is None:
            after.tag = f"{A}spcBef"
            style.remove(after)
            style.insert(0 if style.find(f"{A}lnSpc") is None else 1, after)
        if r_pr is not None:
            defaults = copy.deepcopy(r_pr)
            defaults.tag = f"{A}defRPr"
            defaults.attrib.pop("lang", None)
            style.append(defaults)
        levels[level] = style
    for level in sorted(levels):
        styles.append(levels[level])


def _application(prs: Any) -> str:
    part = next((p for p in prs.part.package.iter_parts()
                 if str(p.partname) == "/docProps/app.xml"), None)
    return part.blob.decode("utf-8", "replace") if part is not None else ""


def _place_like(element: Any, source: Any, column: int, columns: int) -> None:
    """Give a layout placeholder the master placeholder's box (rotation included); one
    of `columns` side by side when there are two or more."""
    import copy

    xfrm = source.find(f"{P}spPr/{A}xfrm")
    sp_pr = element.find(f"{P}spPr")
    if xfrm is None or sp_pr is None:
        return
    new = copy.deepcopy(xfrm)
    if columns >= 2 and column >= 0:
        off, ext = new.find(f"{A}off"), new.find(f"{A}ext")
        width = int(ext.get("cx"))
        ext.set("cx", str(int(width * COLUMN)))
        step = int(width * (COLUMN + COLUMN_GAP))
        off.set("x", str(int(off.get("x")) + column * step))
    old = sp_pr.find(f"{A}xfrm")
    if old is not None:
        sp_pr.remove(old)
    sp_pr.insert(0, new)


def _renumber(layout: Any) -> int:
    """Give content placeholders sharing an idx their own (1, 2, ... after the largest)."""
    phs = [ph._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph") for ph in layout.placeholders]
    phs = [e for e in phs if e is not None]
    taken = [int(e.get("idx", "0")) for e in phs]
    changed = 0
    next_idx = max([*taken, 0]) + 1
    seen: set[int] = set()
    for element in phs:
        idx = int(element.get("idx", "0"))
        if element.get("type", "obj") in ("title", "ctrTitle"):
            continue
        if idx in seen or idx == 0:
            element.set("idx", str(next_idx))
            seen.add(next_idx)
            next_idx += 1
            changed += 1
        else:
            seen.add(idx)
    return changed


MEASURED_FONT = "Calibri"  # the default theme's font: its twin Carlito measures the text
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _measured_fonts(prs: Any) -> set[str]:
    """Set the master's, layouts' and theme's Latin fonts to the measured one (text set in
    a font we cannot measure could run past its box); returns the fonts replaced."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    replaced: set[str] = set()
    from lxml import etree

    for master in prs.slide_masters:
        theme_part = master.part.part_related_by(RT.THEME)
        theme_xml = etree.fromstring(theme_part.blob)
        for root in (master._element, *(lay._element for lay in master.slide_layouts),
                     theme_xml):
            for latin in root.iter(f"{A}latin", f"{A}ea", f"{A}cs"):
                face = latin.get("typeface", "")
                if face and not face.startswith("+") and face != MEASURED_FONT:
                    replaced.add(face)
                    latin.set("typeface", MEASURED_FONT)
        theme_part._blob = etree.tostring(theme_xml, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
    return replaced


def _drop_slides(prs: Any) -> None:
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def theme_yaml(name: str, source: str, layouts: dict[str, str], extra: list[str] | None = None
               ) -> str:
    lines = [
        f"# Made by `tall-teach theme new {name} --from {source}`: the default theme with",
        "# this template. Change a mapping below if a slide kind should use another layout.",
        f"name: {name}",
        "extends: default",
        f"description: {name} (from {source})",
        "pptx:",
        "  template: template.pptx",
        "  layouts:",
        *(f"    {kind}: {_quoted(layout)}" for kind, layout in layouts.items()),
        *(extra or []),
        "",
    ]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
