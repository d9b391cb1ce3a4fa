"""HTML slides: `render(course, theme)` -> {"slides.html": bytes} (and "slides.pdf" on request).

A second serializer of the deck's own plan (`writers.pptx.plan_with_template`):
the same layouts, splits, continuations, sizes and boxes as the .pptx, drawn as
absolutely placed HTML on a 960 x 540 pt slide. This module never touches
python-pptx objects; the planner reads the template's geometry for both writers.
The page is self-contained (CSS, script, subset fonts, images and SVG charts
inline) and offline; the theme's slides/ folder holds its template, CSS and script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from tall_teach.errors import ThemeError

if TYPE_CHECKING:
    from tall_teach.model import Course
    from tall_teach.theme import Theme
    from tall_teach.writers.pptx.specs import DeckPlan, SlidePlan
    from tall_teach.writers.pptx.template import TemplateInfo
    from tall_teach.writers.slides_html.parts import SlotContext

__all__ = ["render", "render_html"]

PALETTE = ("primary", "accent", "accent2", "accent3", "accent4", "text", "muted",
           "background", "panel", "on_primary")
DARK_KINDS = ("title", "section")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class SlideView:
    """One slide as the template shows it: escaped fragments and plain fields."""

    number: int
    kind: str
    title_tag: str
    title_html: Markup
    title_text: str
    title_style: str
    body: Markup
    footer: Markup
    number_html: Markup
    notes: Markup
    source_id: str


def render(course: Course, theme: Theme, *, cache_dir: Path | None = None
           ) -> dict[str, bytes]:
    """slides.html always; slides.pdf when course.yaml asks for it (slides: pdf: true).

    `cache_dir` keeps the subset fonts between builds (the pipeline's output folder)."""
    html = render_html(course, theme, cache_dir)
    files = {"slides.html": html.encode("utf-8")}
    if course.html_slides.pdf:
        files["slides.pdf"] = render_pdf(html)
    return files


def render_html(course: Course, theme: Theme, cache_dir: Path | None = None) -> str:
    from tall_teach.htmlkit.fonts import font_face_css
    from tall_teach.htmlkit.templates import render_template
    from tall_teach.writers.pptx import plan_with_template
    from tall_teach.writers.pptx.settings import load_settings

    plan, template = plan_with_template(course, theme)
    settings = load_settings(theme)
    ctx = _slot_context(theme, template, settings.line_height, settings.label("source"))
    slides = [_slide_view(s, n, template, ctx) for n, s in enumerate(plan.slides, 1)]
    text = [s.title_text + str(s.body) + str(s.notes) + str(s.footer) for s in slides]
    script = _read(theme, "slides.js")
    fonts = font_face_css("TT Slides", settings.fonts(), text, _faces(plan), cache_dir)
    return render_template(
        _folders(theme),
        "slides.html.j2",
        course=course,
        plan=plan,
        slides=slides,
        language=plan.properties.language,
        palette=_palette(theme),
        fonts_css=Markup(fonts),
        css=Markup(_read(theme, "slides.css")),
        script=Markup(script),
        script_hash=_sha256(script),
        width=f"{template.slide_width / 12700:g}pt",
        height=f"{template.slide_height / 12700:g}pt",
    )


def _faces(plan: DeckPlan) -> set[str]:
    """The font faces the slides use: regular, bold (titles), italic and bold italic if
    some run is set so (figure boxes and stat tiles cite their source in italics)."""
    from tall_teach.writers.pptx.specs import (
        FigureBoxSpec,
        PictureSpec,
        StatTilesSpec,
        TableSpec,
        TextBlock,
    )

    faces = {"regular", "bold"}
    for slide in plan.slides:
        for slot in slide.slots:
            content = slot.content
            cited = (isinstance(content, FigureBoxSpec) and bool(content.source)) or (
                isinstance(content, StatTilesSpec) and any(t.source for t in content.tiles))
            if cited:
                faces.add("italic")  # a figure box's or a stat tile's source
            runs = []
            if isinstance(content, TextBlock | FigureBoxSpec):
                runs = [r for p in content.paras for r in p.runs]
            elif isinstance(content, TableSpec):
                if content.caption:
                    faces.add("italic")
                runs = [r for row in (content.header, *content.rows) for cell in row for r in cell]
            elif isinstance(content, PictureSpec) and content.caption:
                faces.add("italic")
            for run in runs:
                if run.italic:
                    faces.add("bold_italic" if run.bold else "italic")
    return faces


def render_pdf(html: str) -> bytes:
    """The slides printed by WeasyPrint through the print CSS: one slide per page."""
    from tall_teach.htmlkit.pdf import html_to_pdf

    return html_to_pdf(html)


def _folders(theme: Theme) -> list[Path]:
    """The theme's slides/ folders, then the default theme's: a theme made before HTML
    slides existed (or one that only restyles the deck) still gets slides."""
    from tall_teach.theme import find_theme

    default = find_theme("default") / "slides"
    folders = [root / "slides" for root in theme.roots if (root / "slides").is_dir()]
    return [*folders, default] if default not in folders else folders


def _read(theme: Theme, name: str) -> str:
    """A theme's CSS or script, unable to close the <style> or <script> it is put in."""
    for folder in _folders(theme):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8").replace("</", "<\\/")
    raise ThemeError(f"theme {theme.name!r}: missing file slides/{name}")


def _sha256(text: str) -> str:
    """The base64 SHA-256 the page's Content-Security-Policy allows its one script by."""
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _palette(theme: Theme) -> dict[str, str]:
    palette = {}
    for key in PALETTE:
        value = str(theme.get(f"colors.{key}", "")).lstrip("#")
        if not _HEX.match(value):
            raise ThemeError(f"theme {theme.name!r}: colors.{key} must be a hex colour like 1F3A5F")
        palette[key.replace("_", "-")] = value.upper()
    return palette


def _slot_context(
    theme: Theme, template: TemplateInfo, line_height: float, source_label: str
) -> SlotContext:
    from tall_teach.htmlkit.svgchart import ChartStyle
    from tall_teach.writers.slides_html.parts import SlotContext

    p = _palette(theme)
    style = ChartStyle(
        series=(p["accent"], p["accent2"], p["accent3"], p["accent4"], p["primary"]),
        text=p["text"], muted=p["muted"], grid="D5DBE1",
        font_family="'TT Slides', Carlito, Calibri, sans-serif",
    )
    return SlotContext(template.levels, line_height, style, source_label)


def _slide_view(
    slide: SlidePlan, number: int, template: TemplateInfo, ctx: SlotContext
) -> SlideView:
    from tall_teach.writers.pptx.specs import TextBlock
    from tall_teach.writers.slides_html.parts import (
        TextStyle,
        box_style,
        frame_style,
        paras_html,
        progress_html,
        runs_html,
        slot_html,
    )

    geometry = template.layout(slide.kind)  # footer and number never move
    title_style = ""
    if geometry.title is not None:
        frame = geometry.title
        box = slide.title_box or frame.box
        lh = ctx.line_height * template.title_line_spacing
        title_style = (
            f"{box_style(box, frame.insets)};font-size:{slide.title_size:g}pt;line-height:{lh:.4g}"
        )
    body = progress_html(slide.progress, template.slide_width)
    body += "".join(slot_html(s, ctx) for s in slide.slots)
    footer = ""
    if slide.footer and geometry.footer is not None:
        footer = (
            f'<p class="footer" style="{frame_style(geometry.footer)};'
            f'font-size:{slide.footer_size:g}pt">{Markup.escape(slide.footer)}</p>'
        )
    number_html = ""
    if slide.numbered and geometry.number is not None:
        number_html = (
            f'<p class="number" style="{frame_style(geometry.number)};font-size:12pt">'
            f'<span class="visually-hidden">Slide </span>{number}</p>'
        )
    notes = ""
    if slide.notes:
        notes = paras_html(slide.notes, TextStyle(TextBlock(slide.notes, 16, 12), ctx.levels, 1.35))
    return SlideView(
        number=number,
        kind=slide.kind,
        title_tag="h2",  # the page's one h1 is the lecture title, always there for readers
        title_html=Markup(runs_html(slide.title)),
        title_text=slide.title_text,
        title_style=title_style,
        body=Markup(body),
        footer=Markup(footer),
        number_html=Markup(number_html),
        notes=Markup(notes),
        source_id=slide.source_id,
    )
