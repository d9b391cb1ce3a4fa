"""`tall-teach theme new NAME --from their.pptx`: a theme that extends the default and uses
an institution's template, its layouts mapped to our slide kinds by name and type.

The template is copied with its sample slides dropped and its layouts' content
placeholders numbered apart (LibreOffice saves every one as idx 0, so a slide could not
tell its two columns apart). What was mapped, and what was not, is reported.
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
    renumbered = sum(_renumber(layout) for layout in prs.slide_layouts)
    fonts = _measured_fonts(prs)
    layouts, report = map_layouts(prs)
    if renumbered:
        report.append(f"numbered {renumbered} content placeholders apart (all had the same idx)")
    if fonts:
        report.append(f"fonts {', '.join(sorted(fonts))} set in Calibri (Carlito), the font the "
                      "deck is measured in: no text runs past its box")
    _drop_slides(prs)
    out = io.BytesIO()
    prs.save(out)
    target.mkdir(parents=True)
    (target / "template.pptx").write_bytes(out.getvalue())
    (target / "theme.yaml").write_text(theme_yaml(name, source.name, layouts), encoding="utf-8")
    return target, report


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


def map_layouts(prs: Any) -> tuple[dict[str, str], list[str]]:
    """Slide kind -> layout name, and one report line per kind."""
    found: dict[str, str] = {}
    report: list[str] = []
    for kind, (names, types) in WANTED.items():
        layout = _by_name(prs, names) or _by_type(prs, types, kind)
        if layout is not None and _usable(layout, kind):
            found[kind] = layout.name
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
        report.append(f"no layout for {kind}: uses {found[kind]!r} (the {stand_in} layout)")
    return {kind: found[kind] for kind in WANTED}, report


def _by_name(prs: Any, names: tuple[str, ...]) -> Any:
    wanted = [n.casefold() for n in names]
    return next((lay for lay in prs.slide_layouts if lay.name.casefold() in wanted), None)


def _by_type(prs: Any, types: tuple[str, ...], kind: str) -> Any:
    return next((lay for lay in prs.slide_layouts if lay._element.get("type") in types
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
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    from lxml import etree

    theme_xml = etree.fromstring(theme_part.blob)
    for root in (master._element, *(lay._element for lay in prs.slide_layouts), theme_xml):
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


def theme_yaml(name: str, source: str, layouts: dict[str, str]) -> str:
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
        "",
    ]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
