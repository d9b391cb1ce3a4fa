"""The handout writer: a self-contained handout.html and the handout.pdf printed from it.

Plan (pure: `plan.plan_handout`) -> HTML (theme's Jinja templates and CSS) -> PDF
(WeasyPrint, offline, fonts embedded from the theme, tagged PDF/UA when the theme
asks for it). The pipeline calls `render(course, theme, cache_dir=...)`: the PDF is
laid out in chunks (front matter, each module, back matter) over two processes and
joined (`paged`, `assemble`); `render_pdf` prints the page as one document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

__all__ = ["build_plan", "prepare", "render", "render_html_only", "render_pdf",
           "render_pdf_chunked"]


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


def _printer(theme: Theme) -> Any:
    from tall_teach.writers.handout.paged import Printer

    settings = handout_theme(theme)
    fonts_css, font_folders = print_font_css(theme, settings)
    return Printer(
        stylesheets=(fonts_css,) if fonts_css else (),
        allowed_roots=tuple(Path(p) for p in font_folders),
        pdf_variant=settings.pdf_variant or None,
    )


def render_pdf(html: str, theme: Theme) -> bytes:
    """Print the handout page as one document, theme fonts embedded; no network, no clock."""
    printer = _printer(theme)
    return printer.print(html, printer.pdf_variant).pdf


def render_pdf_chunked(
    html: str, theme: Theme, title: str, cache_dir: Path | None = None
) -> bytes:
    """The same PDF as `render_pdf`, laid out in chunks over two processes, cached by chunk."""
    from tall_teach.writers.handout.paged import render_chunked

    return render_chunked(html, _printer(theme), {"course-title": title}, cache_dir,
                          lambda: render_pdf(html, theme))


def prepare(course: Course, theme: Theme) -> str:
    """What `render` is given as `prepared`: handout.html's text, made beforehand (the
    pipeline makes it while the process that will lay out the PDF warms up)."""
    return render_html_only(course, theme)


def render(course: Course, theme: Theme, *, cache_dir: Path | None = None,
           prepared: str | None = None) -> dict[str, bytes]:
    """{"handout.html": ..., "handout.pdf": ...} for `build/<course>/`.

    `cache_dir` keeps laid-out chunks between builds (the pipeline's output folder);
    `prepared`, the page `prepare` made from the same course and theme.
    """
    html = render_html_only(course, theme) if prepared is None else prepared
    return {
        "handout.html": html.encode("utf-8"),
        "handout.pdf": render_pdf_chunked(html, theme, course.title, cache_dir),
    }
