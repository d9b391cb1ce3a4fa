"""The `pptx:` section of theme.yaml, validated into one frozen settings object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.errors import ThemeError
from tall_teach.theme import Theme

SLIDE_KINDS = ("title", "section", "content", "two_content", "comparison", "title_only", "blank")
DEFAULT_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "two_content": "Two Content",
    "comparison": "Comparison",
    "title_only": "Title Only",
    "blank": "Blank",
}
DEFAULT_SIZES = {
    "title": 40.0,
    "title_min": 28.0,
    "title_slide": 44.0,
    "section": 44.0,
    "subtitle": 28.0,
    "body": 28.0,
    "body_min": 18.0,
    "body_shrink": 20.0,
    "table": 20.0,
    "chart": 18.0,
    "caption": 18.0,
    "references": 18.0,
    "footer": 12.0,
    "footer_min": 10.0,
    "notes": 12.0,
}
DEFAULT_LABELS = {
    "continued": "cont.",
    "references": "References",
    "figure_to_insert": "Figure to insert",
    "source": "Source",
    "take_home": "Take-home messages",
}
FONT_STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class PptxSettings:
    """Everything the deck writer takes from the theme; sizes in points."""

    template: Path
    layouts: tuple[tuple[str, str], ...]
    sizes: tuple[tuple[str, float], ...]
    labels: tuple[tuple[str, str], ...]
    font_files: tuple[tuple[str, Path], ...]
    table_max_rows: int = 10
    line_height: float = 1.2207  # the font's ascent + descent + line gap, in em

    def layout(self, kind: str) -> str:
        return dict(self.layouts)[kind]

    def size(self, name: str) -> float:
        return dict(self.sizes)[name]

    def label(self, name: str) -> str:
        return dict(self.labels)[name]

    def fonts(self) -> dict[str, Path]:
        return dict(self.font_files)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ThemeError(f"theme.yaml: {where} must be a mapping")
    return value


def _merged_numbers(defaults: dict[str, float], given: dict[str, Any], where: str) -> dict:
    merged = dict(defaults)
    for key, value in given.items():
        if key not in defaults:
            raise ThemeError(
                f"theme.yaml: unknown key {where}.{key} (known: {', '.join(defaults)})"
            )
        if not isinstance(value, int | float) or value <= 0:
            raise ThemeError(f"theme.yaml: {where}.{key} must be a positive number, not {value!r}")
        merged[key] = float(value)
    return merged


def _layouts(given: dict[str, Any]) -> dict[str, str]:
    layouts = dict(DEFAULT_LAYOUTS)
    for kind, name in given.items():
        if kind not in SLIDE_KINDS:
            known = ", ".join(SLIDE_KINDS)
            raise ThemeError(f"theme.yaml: unknown slide kind pptx.layouts.{kind} (known: {known})")
        if not isinstance(name, str) or not name.strip():
            raise ThemeError(f"theme.yaml: pptx.layouts.{kind} must be a layout name")
        layouts[kind] = name
    return layouts


def load_settings(theme: Theme) -> PptxSettings:
    """Read and check `pptx:`; theme files resolve through the theme (and what it extends)."""
    section = _mapping(theme.get("pptx"), "pptx")
    template = theme.file(str(section.get("template", "template.pptx")))
    sizes = _merged_numbers(
        DEFAULT_SIZES, _mapping(section.get("sizes"), "pptx.sizes"), "pptx.sizes"
    )
    labels = dict(DEFAULT_LABELS)
    labels.update(
        {str(k): str(v) for k, v in _mapping(section.get("labels"), "pptx.labels").items()}
    )
    files = _mapping(theme.get("fonts.files"), "fonts.files")
    missing = [style for style in FONT_STYLES if style not in files]
    if missing:
        raise ThemeError(
            f"theme.yaml: fonts.files lacks {', '.join(missing)} (used to measure text)"
        )
    max_rows = section.get("table_max_rows", 10)
    if not isinstance(max_rows, int) or max_rows < 2:
        raise ThemeError("theme.yaml: pptx.table_max_rows must be an integer of at least 2")
    line_height = section.get("line_height", 1.2207)
    if not isinstance(line_height, int | float) or not 0.8 <= line_height <= 2.0:
        raise ThemeError("theme.yaml: pptx.line_height must be between 0.8 and 2.0 (em)")
    return PptxSettings(
        template=template,
        layouts=tuple(_layouts(_mapping(section.get("layouts"), "pptx.layouts")).items()),
        sizes=tuple(sizes.items()),
        labels=tuple(labels.items()),
        font_files=tuple((style, theme.file(str(files[style]))) for style in FONT_STYLES),
        table_max_rows=max_rows,
        line_height=float(line_height),
    )
