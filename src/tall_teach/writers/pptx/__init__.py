"""The PowerPoint deck writer: `render(course, theme)` -> {"<course>.pptx": bytes}.

Two steps, as in Pandoc's PowerPoint writer: `plan.plan_deck` decides every
slide as data (layouts, text, sizes, continuations, warnings) and
`draw.render_plan` fills the template's named placeholders with python-pptx.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tall_teach.errors import Diagnostic
    from tall_teach.model import Course
    from tall_teach.theme import Theme
    from tall_teach.writers.pptx.measure import Measurer
    from tall_teach.writers.pptx.specs import DeckPlan
    from tall_teach.writers.pptx.template import TemplateInfo


def build_plan(course: Course, theme: Theme) -> DeckPlan:
    """The deck plan for a course with a theme (reads the template's geometry)."""
    return plan_with_template(course, theme)[0]


def plan_with_template(course: Course, theme: Theme) -> tuple[DeckPlan, TemplateInfo]:
    """The plan and the template geometry it was made for: what a second serializer
    (the HTML slides) needs to draw the same slides without python-pptx."""
    from tall_teach.writers.pptx.plan import plan_deck
    from tall_teach.writers.pptx.settings import load_settings

    settings = load_settings(theme)
    path = settings.template
    template, measurer = _geometry_and_measurer(
        path, path.stat().st_mtime_ns, settings.layouts,
        tuple(sorted((k, str(v)) for k, v in settings.fonts().items())), settings.line_height,
    )
    # A build plans the deck three times (check's warnings, the deck, the HTML slides),
    # the last two in a forked worker that inherits this: the last plan is kept, for the
    # same slides (the quiz and the inputs' record play no part), settings and template.
    key = (_slides_of(course), settings, template)
    global _last_plan
    if _last_plan is not None and _last_plan[0] == key:
        return _last_plan[1], template
    plan = plan_deck(course, settings, template, measurer)
    _last_plan = (key, plan)
    return plan, template


_last_plan: tuple[tuple[object, ...], DeckPlan] | None = None


def _slides_of(course: Course) -> Course:
    """The course without what the deck does not show (compared by value: the reader's
    course and the quizzed one share every other part, so the comparison is quick)."""
    from dataclasses import replace

    return replace(course, items=(), declined=(), reviews=(), inputs=())


@functools.lru_cache(maxsize=4)
def _geometry_and_measurer(
    path: Path, mtime: int, layouts: tuple[tuple[str, str], ...],
    fonts: tuple[tuple[str, str], ...], line_height: float,
) -> tuple[TemplateInfo, Measurer]:
    """Read once per process and template (a build plans the deck for check, the deck and
    the HTML slides; the preview on every save): the geometry, and a Measurer whose
    width cache then serves every plan. Widths depend on the text and font only."""
    from tall_teach.writers.pptx.draw import open_template
    from tall_teach.writers.pptx.measure import Measurer
    from tall_teach.writers.pptx.template import read_template

    template = read_template(open_template(path), dict(layouts), path.name)
    return template, Measurer({k: Path(v) for k, v in fonts}, line_height)


def render_with_plan(course: Course, theme: Theme) -> tuple[bytes, DeckPlan]:
    """The deck's bytes and the plan they were drawn from (its warnings included)."""
    from tall_teach.writers.pptx.draw import open_template, render_plan
    from tall_teach.writers.pptx.settings import load_settings

    settings = load_settings(theme)
    plan = build_plan(course, theme)
    prs = open_template(settings.template)
    blob = render_plan(
        plan, prs, dict(settings.layouts), settings.template.name, dict(settings.labels)
    )
    return blob, plan


def warm() -> None:
    """What drawing a deck imports (python-pptx, its chart data and XlsxWriter, Pillow's
    fonts: 0.1 s), imported by a lane forked to draw it while the course is still read."""
    import importlib

    for module in ("plan", "draw", "charts", "tables", "stats", "measure"):
        importlib.import_module(f"{__name__}.{module}")
    import pptx.chart.data  # noqa: F401
    from PIL import ImageFont  # noqa: F401


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    """The writer contract: output path relative to build/<course>/ -> bytes."""
    return render_reporting(course, theme)[0]


def render_reporting(course: Course, theme: Theme) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """`render`, and the warnings of the plan drawn (those `check` shows for the deck)."""
    blob, plan = render_with_plan(course, theme)
    return {f"{course.id}.pptx": blob}, list(plan.warnings)
