"""The fonts of an institution's template, kept: the theme measures its text with the font
files this machine renders those fonts with (fontconfig's match, as LibreOffice uses).

The files are copied into the theme's fonts/ folder (text set in a font we cannot
measure could run past its box); a font whose licence bits forbid copying, or a machine
without fontconfig, leaves the caller to set the template in Calibri (Carlito) instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
STYLES = {  # fonts.files key -> fontconfig pattern suffix
    "regular": "",
    "bold": ":weight=bold",
    "italic": ":slant=italic",
    "bold_italic": ":weight=bold:slant=italic",
}
FONT_NAME = re.compile(r"[A-Za-z0-9 .+\-]{1,80}")  # what themecheck accepts
TWINS = {  # fonts and their free metric-compatible twins: the same advance widths
    "calibri": "carlito", "cambria": "caladea", "arial": "liberation sans",
    "times new roman": "liberation serif", "courier new": "liberation mono",
}
RESTRICTED = 0x0002  # OS/2 fsType: restricted licence embedding, no copies


@dataclass(frozen=True)
class TemplateFonts:
    heading: str
    body: str
    measured: str  # the family of the files: the body font, or what stands in for it
    files: tuple[tuple[str, Path], ...]  # fonts.files key -> the system file

    def write(self, theme: Path) -> list[str]:
        """Copy the files into theme/fonts/ and return the theme.yaml lines naming them."""
        folder = theme / "fonts"
        folder.mkdir(exist_ok=True)
        lines = ["fonts:  # the template's fonts; measured in these files (see README)",
                 f'  heading: "{self.heading}"', f'  body: "{self.body}"', "  files:"]
        for key, path in self.files:
            shutil.copyfile(path, folder / path.name)
            lines.append(f"    {key}: fonts/{path.name}")
        lines += ["handout:", f'  embedded_family: "{self.measured}"']
        return lines


def template_fonts(prs: Any, master: Any) -> tuple[TemplateFonts | None, list[str]]:
    """The template's title and body fonts and the files to measure them with; None (and
    why) when they cannot be found or copied."""
    heading, body = _style_font(master, "titleStyle"), _style_font(master, "bodyStyle")
    if not body or not FONT_NAME.fullmatch(body) or not FONT_NAME.fullmatch(heading or body):
        return None, []
    heading = heading or body
    files: list[tuple[str, Path]] = []
    family = ""
    for key, pattern in STYLES.items():
        found = _match(body + pattern)
        if found is None:
            return None, [f"font {body}: no fontconfig here to find its files"]
        path, matched = found
        if _restricted(path):
            return None, [f"font {body} ({path.name}) may not be copied (its licence bits)"]
        family = family or matched
        files.append((key, path))
    if not FONT_NAME.fullmatch(family):
        return None, []
    said = [f"fonts kept: titles {heading}, text {body}"]
    if TWINS.get(body.casefold()) == family.casefold():
        said.append(f"font {body} is measured in {family}, its metric-compatible twin")
    elif family.casefold() != body.casefold():
        said.append(f"font {body} is not installed here: the deck is measured in {family}, "
                    f"what LibreOffice shows here instead (install {body} and run theme new "
                    "again to measure in it)")
    return TemplateFonts(heading, body, family, tuple(files)), said


def _style_font(master: Any, style: str) -> str:
    """The Latin typeface of a master text style's first level, theme fonts resolved."""
    kind = "title" if style == "titleStyle" else "body"
    latin = None
    for ph in master.placeholders:  # the placeholder's own list style first (LibreOffice's)
        if ph._element.ph_type is not None and str(ph._element.ph_type).lower().startswith(kind):
            latin = ph._element.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr/{A}defRPr/{A}latin")
            break
    if latin is None:
        latin = master._element.find(f"{P}txStyles/{P}{style}/{A}lvl1pPr/{A}defRPr/{A}latin")
    face = latin.get("typeface", "") if latin is not None else ""
    if not face or face.startswith("+"):
        which = "majorFont" if (face.startswith("+mj") or (not face and style == "titleStyle")) \
            else "minorFont"
        face = _theme_font(master, which)
    return face


def _theme_font(master: Any, which: str) -> str:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    latin = theme.find(f".//{A}fontScheme/{A}{which}/{A}latin")
    return latin.get("typeface", "") if latin is not None else ""


def _match(pattern: str) -> tuple[Path, str] | None:
    """fontconfig's file and family for a pattern (what LibreOffice renders it with)."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{family[0]}", pattern],
                             capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, family = out.partition("\n")
    if not path or not Path(path).is_file() or not path.lower().endswith((".ttf", ".otf")):
        return None
    return Path(path), family.strip()


def _restricted(path: Path) -> bool:
    """The OS/2 table's fsType forbids copies (restricted licence embedding); an unreadable
    file counts as forbidden."""
    import struct

    try:
        with path.open("rb") as font:
            head = font.read(12)
            tables = struct.unpack(">H", head[4:6])[0]
            directory = font.read(16 * tables)
            for n in range(tables):
                tag, _, offset, _ = struct.unpack(">4sIII", directory[16 * n: 16 * n + 16])
                if tag == b"OS/2":
                    font.seek(offset + 8)
                    return bool(struct.unpack(">H", font.read(2))[0] & RESTRICTED)
    except (OSError, struct.error):
        return True
    return False
