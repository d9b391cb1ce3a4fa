"""The handout writer: a self-contained handout.html and the handout.pdf printed from it.

Plan (pure: `plan.plan_handout`) -> HTML (theme's Jinja templates and CSS) -> PDF
(WeasyPrint, offline, fonts embedded from the theme, tagged PDF/UA when the theme
asks for it). The pipeline calls `render(course, theme)`.
"""

from __future__ import annotations

from pathlib import Path

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers.handout.assets import (
    chart_style,
    figure_loader,
    handout_theme,
    print_font_css,
)
from tall_teach.writers.handout.blocks import BlockContext
from tall_teach.writers.handout.html import load_labels, render_html
from tall_teach.writers.handout.plan import (
    HandoutPlan,
    plan_handout,
    reference_numbers,
    short_citations,
)

__all__ = ["build_plan", "render", "render_html_only", "render_pdf"]


def build_plan(course: Course, theme: Theme) -> HandoutPlan:
    """Everything the templates show, figures already embedded as data: URIs."""
    settings = handout_theme(theme)
    ctx = BlockContext(
        numbers=reference_numbers(course),
        short=short_citations(course),
        load_figure=figure_loader(course.root),
        chart_style=chart_style(settings),
        inline_cites=course.handout.layout == "outline",
    )
    return plan_handout(
        course, ctx, load_labels(theme, course.language), settings.first_slide_number
    )


def render_html_only(course: Course, theme: Theme) -> str:
    """handout.html as text (the PDF is printed from exactly this page)."""
    return render_html(build_plan(course, theme), theme, handout_theme(theme))


def render_pdf(html: str, theme: Theme) -> bytes:
    """Print the handout page with the theme's fonts embedded; no network, no clock."""
    from tall_teach.htmlkit.pdf import html_to_pdf

    settings = handout_theme(theme)
    fonts_css, font_folders = print_font_css(theme, settings)
    return html_to_pdf(
        html,
        base_dir=None,
        pdf_variant=settings.pdf_variant or None,
        stylesheets=[fonts_css] if fonts_css else [],
        allowed_roots=[Path(p) for p in font_folders],
    )


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    """{"handout.html": ..., "handout.pdf": ...} for `build/<course>/`."""
    html = render_html_only(course, theme)
    return {
        "handout.html": html.encode("utf-8"),
        "handout.pdf": render_pdf(html, theme),
    }
