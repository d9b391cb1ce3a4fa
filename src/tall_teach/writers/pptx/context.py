"""What every planning function needs: the course, settings, template geometry, a fitter."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tall_teach.errors import Diagnostic
from tall_teach.model import Course, SourceRef
from tall_teach.writers.pptx.fit import Fitter
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.settings import PptxSettings
from tall_teach.writers.pptx.template import LevelStyle, TemplateInfo, TextFrame

EMU_PER_INCH = 914400
GAP = int(0.2 * EMU_PER_INCH)  # between stacked items in one frame


@dataclass(frozen=True)
class PlanContext:
    """Read-only inputs of planning, plus the list warnings are collected in."""

    course: Course
    settings: PptxSettings
    template: TemplateInfo
    measurer: Measurer
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def body(self) -> Fitter:
        """Measures body text with the template's outline levels."""
        return Fitter(self.measurer, self.template.levels)

    def compact(self, space_before: float) -> Fitter:
        """Body text with a fixed, smaller space between paragraphs (reference lists)."""
        levels = tuple(replace(level, space_before=space_before) for level in self.template.levels)
        return Fitter(self.measurer, levels)

    @property
    def flat(self) -> Fitter:
        """Measures unbulleted text with the body's first-level spacing (boxes, captions)."""
        first = self.template.levels[0]
        return Fitter(self.measurer, (LevelStyle(0, 0, first.space_before, first.line_spacing),))

    @property
    def titles(self) -> Fitter:
        spacing = self.template.title_line_spacing
        return Fitter(self.measurer, (LevelStyle(0, 0, 0.0, spacing),))

    def content_frame(self) -> TextFrame:
        """The full-width content area: the body of the content layout."""
        bodies = self.template.layout("content").bodies
        if not bodies:
            raise_missing_body(self.settings.layout("content"))
        return bodies[0]

    def size(self, name: str) -> float:
        return self.settings.size(name)

    def warn(self, source: SourceRef | None, message: str) -> None:
        self.warnings.append(Diagnostic("warning", source, message))

    def note(self, source: SourceRef | None, message: str) -> None:
        """Information for the author (`check` lists it; --strict does not fail on it)."""
        self.warnings.append(Diagnostic("note", source, message))


def raise_missing_body(layout: str) -> None:
    from tall_teach.errors import ThemeError

    raise ThemeError(f"template layout {layout!r} has no content placeholder for the slide body "
                     "(or the template's own graphics cover it): map content to another layout "
                     "under pptx: layouts: in theme.yaml")
