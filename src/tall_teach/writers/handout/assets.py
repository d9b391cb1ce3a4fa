"""What the handout takes from disk: figures as data: URIs, theme settings, print fonts."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.errors import ContentError, ThemeError
from tall_teach.htmlkit.svgchart import ChartStyle
from tall_teach.theme import Theme

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
FONT_FACES = (  # theme.yaml fonts.files key -> (font-weight, font-style)
    ("regular", "normal", "normal"),
    ("bold", "bold", "normal"),
    ("italic", "normal", "italic"),
    ("bold_italic", "bold", "italic"),
)
PALETTE_KEYS = (
    "primary", "accent", "accent2", "accent3", "accent4", "text", "muted", "background",
    "panel", "on_primary",
)
DEFAULT_FALLBACKS = ("Carlito", "Liberation Sans", "Arial", "sans-serif")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True, slots=True)
class HandoutTheme:
    """The theme settings the handout uses, validated once."""

    palette: dict[str, str]
    font_stack: str  # CSS font-family list for the HTML
    embedded_family: str  # the family the PDF embeds from the theme's font files
    pdf_variant: str  # "" for a plain PDF
    first_slide_number: int = 1  # the deck's number of the first authored slide


def figure_loader(course_root: str) -> Any:
    """A function turning a course-relative image path into a data: URI."""
    root = Path(course_root).resolve()

    def load(path: str) -> str:
        file = (root / path).resolve()
        if not file.is_relative_to(root) or not file.is_file():
            raise ContentError.at(path, 0, "figure file not found inside the course folder")
        mime = IMAGE_TYPES.get(file.suffix.lower(), "application/octet-stream")
        return f"data:{mime};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"

    return load


def _css_family(name: str) -> str:
    generic = {"serif", "sans-serif", "monospace", "system-ui", "cursive", "fantasy"}
    if name in generic or re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name):
        return name
    cleaned = name.replace("\\", "").replace("'", "").replace('"', "")
    return f"'{cleaned}'"


def handout_theme(theme: Theme) -> HandoutTheme:
    """Palette (hex checked: it lands in CSS and SVG), font stack and PDF variant."""
    palette: dict[str, str] = {}
    for key in PALETTE_KEYS:
        value = str(theme.get(f"colors.{key}", "")).lstrip("#")
        if not _HEX.match(value):
            raise ThemeError(f"theme {theme.name!r}: colors.{key} must be a hex colour like 1F3A5F")
        palette[key] = value.upper()
    body = str(theme.get("fonts.body", "Calibri"))
    fallbacks = theme.get("handout.font_fallbacks", list(DEFAULT_FALLBACKS))
    stack = [body, *[str(f) for f in fallbacks]]
    stack = list(dict.fromkeys(stack))
    embedded = str(theme.get("handout.embedded_family", "Carlito"))
    variant = str(theme.get("handout.pdf_variant", "pdf/ua-1") or "")
    first = theme.get("handout.first_slide_number", 1)
    if not isinstance(first, int) or isinstance(first, bool) or first < 0:
        raise ThemeError(f"theme {theme.name!r}: handout.first_slide_number must be a number")
    return HandoutTheme(
        palette, ", ".join(_css_family(f) for f in stack), embedded, variant, first
    )


def chart_style(settings: HandoutTheme) -> ChartStyle:
    p = settings.palette
    svg_stack = f"{_css_family(settings.embedded_family)}, {settings.font_stack}"
    return ChartStyle(
        series=(p["accent"], p["accent2"], p["accent3"], p["accent4"], p["primary"]),
        text=p["text"],
        muted=p["muted"],
        grid="D5DBE1",
        font_family=svg_stack,
    )


def print_font_css(theme: Theme, settings: HandoutTheme) -> tuple[str, list[Path]]:
    """@font-face rules for the theme's TTFs (read through file: URLs) and the folders allowed.

    A user stylesheet for WeasyPrint only: the HTML itself stays free of file references.
    `!important` lets it win over the document's own font stack.
    """
    family = _css_family(settings.embedded_family)
    rules: list[str] = []
    folders: list[Path] = []
    for key, weight, style in FONT_FACES:
        relative = theme.get(f"fonts.files.{key}")
        if not relative:
            continue
        path = theme.file(str(relative))
        folders.append(path.parent)
        rules.append(
            f"@font-face {{ font-family: {family}; font-weight: {weight}; "
            f"font-style: {style}; src: url('{path.as_uri()}'); }}"
        )
    if rules:
        rules.append(f":root {{ --font-body: {family}, sans-serif !important; }}")
    return "\n".join(rules), sorted(set(folders))
