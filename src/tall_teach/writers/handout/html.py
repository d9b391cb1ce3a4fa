"""The handout plan through the theme's Jinja templates into one self-contained HTML page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from tall_teach.errors import ThemeError
from tall_teach.htmlkit.templates import render_template
from tall_teach.theme import Theme, safe_load
from tall_teach.writers.handout.assets import HandoutTheme
from tall_teach.writers.handout.plan import HandoutPlan

TEMPLATE = "handout.html.j2"
STYLESHEET = "handout.css"
LABELS = "labels.yaml"
NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # never valid in an HTML document
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def template_folders(theme: Theme) -> list[Path]:
    """The `handout/` folder of the theme and of every theme it extends, nearest first."""
    folders = [root / "handout" for root in theme.roots if (root / "handout").is_dir()]
    if not folders:
        raise ThemeError(f"theme {theme.name!r} has no handout/ folder")
    return folders


def load_labels(theme: Theme, language: str) -> dict[str, Any]:
    """Words in the course language, English for anything the theme does not translate."""
    import yaml

    path = theme.file(f"handout/{LABELS}")
    try:
        table = safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ThemeError(f"{path}: invalid YAML: {exc}") from None
    english = dict(table.get("en") or {})
    primary = (language or "en").split("-")[0].lower()
    return {**english, **dict(table.get(primary) or {})}


def css_string(text: str) -> str:
    """A CSS string literal that cannot end the string or the <style> element."""
    escaped = text.replace("\\", "\\5C ").replace('"', "\\22 ").replace("<", "\\3C ")
    return '"' + escaped.replace("\n", "\\A ") + '"'


def root_css(plan: HandoutPlan, settings: HandoutTheme) -> str:
    """Theme tokens as CSS custom properties, the paper size and the localized page footer."""
    colours = "".join(f" --{k.replace('_', '-')}: #{v};" for k, v in settings.palette.items())
    page, of = css_string(plan.labels.get("page", "Page")), css_string(plan.labels.get("of", "of"))
    return (
        f":root {{{colours} --font-body: {settings.font_stack}; }}\n"
        f"@page {{ size: {plan.paper}; @bottom-right {{ content: {page} \" \" counter(page) "
        f"\" \" {of} \" \" counter(pages); }} }}\n"
    )


def render_html(plan: HandoutPlan, theme: Theme, settings: HandoutTheme) -> str:
    """The complete handout.html text; CSS inline, no external reference of any kind."""
    css = root_css(plan, settings) + theme.file(f"handout/{STYLESHEET}").read_text("utf-8")
    if "</" in css:
        raise ThemeError(f"theme {theme.name!r}: {STYLESHEET} must not contain '</'")
    page = render_template(
        template_folders(theme),
        TEMPLATE,
        plan=plan,
        labels=plan.labels,
        css=Markup(css),
        csp=CSP,
    )
    return NOT_HTML.sub("", page)
