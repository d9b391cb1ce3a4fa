"""What the planner needs to know about a .pptx template: layouts, frames, text styles."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tall_teach.errors import ThemeError

EMU_PER_PT = 12700
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
DEFAULT_INSETS = (91440, 45720, 91440, 45720)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.bottom <= other.bottom
        )


@dataclass(frozen=True)
class TextFrame:
    """A placeholder's box and its text insets (left, top, right, bottom), in EMU."""

    box: Box
    insets: tuple[int, int, int, int] = DEFAULT_INSETS
    idx: int = -1  # the placeholder's idx on the layout, -1 when not a placeholder

    @property
    def inner_width_pt(self) -> float:
        return (self.box.w - self.insets[0] - self.insets[2]) / EMU_PER_PT

    @property
    def inner_height_pt(self) -> float:
        return (self.box.h - self.insets[1] - self.insets[3]) / EMU_PER_PT

    def with_box(self, box: Box) -> TextFrame:
        return TextFrame(box, self.insets, self.idx)


@dataclass(frozen=True)
class LevelStyle:
    """One body outline level: hanging indent (EMU), space before (pt), line spacing."""

    margin: int
    indent: int
    space_before: float
    line_spacing: float


@dataclass(frozen=True)
class LayoutGeometry:
    """The placeholders of one layout by role; bodies and headings left to right."""

    name: str
    title: TextFrame | None
    subtitle: TextFrame | None
    bodies: tuple[TextFrame, ...]
    headings: tuple[TextFrame, ...]
    footer: TextFrame | None
    number: TextFrame | None

    def lowered(self, drop: int) -> LayoutGeometry:
        """The layout with its title `drop` EMU taller (its top stays) and what lies below
        the title's top moved down as much: headings keep their height, bodies their bottom."""
        if drop <= 0 or self.title is None:
            return self
        top = self.title.box.y

        def moved(frame: TextFrame, keep_bottom: bool) -> TextFrame:
            box = frame.box
            if box.y < top:
                return frame
            return frame.with_box(Box(box.x, box.y + drop, box.w, box.h - drop * keep_bottom))

        title = self.title.box
        return replace(
            self,
            title=self.title.with_box(Box(title.x, title.y, title.w, title.h + drop)),
            subtitle=moved(self.subtitle, True) if self.subtitle else None,
            bodies=tuple(moved(f, True) for f in self.bodies),
            headings=tuple(moved(f, False) for f in self.headings),
        )


@dataclass(frozen=True)
class TemplateInfo:
    slide_width: int
    slide_height: int
    layouts: tuple[tuple[str, LayoutGeometry], ...]  # slide kind -> geometry
    levels: tuple[LevelStyle, ...]
    title_line_spacing: float

    def layout(self, kind: str) -> LayoutGeometry:
        return dict(self.layouts)[kind]

    @property
    def slide_box(self) -> Box:
        return Box(0, 0, self.slide_width, self.slide_height)


def layouts_by_name(prs: Any, layouts: dict[str, str], template_name: str) -> dict[str, Any]:
    """Slide kind -> python-pptx layout; a ThemeError names any missing layout."""
    available = {layout.name: layout for layout in prs.slide_layouts}
    missing = [(kind, name) for kind, name in layouts.items() if name not in available]
    if missing:
        wanted = ", ".join(f"{name!r} (for {kind})" for kind, name in missing)
        listed = ", ".join(repr(n) for n in available) or "none"
        raise ThemeError(
            f"template {template_name}: no layout named {wanted}; its layouts are: {listed}. "
            "Map the slide kinds to these names under pptx: layouts: in theme.yaml."
        )
    return {kind: available[name] for kind, name in layouts.items()}


def _insets(body_pr: Any, fallback: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    if body_pr is None:
        return fallback
    names = ("lIns", "tIns", "rIns", "bIns")
    return tuple(  # type: ignore[return-value]
        int(body_pr.get(n)) if body_pr.get(n) is not None else fallback[i]
        for i, n in enumerate(names)
    )


def _master_insets(master: Any) -> dict[Any, tuple[int, int, int, int]]:
    """Insets of the master's placeholders by placeholder type."""
    found: dict[Any, tuple[int, int, int, int]] = {}
    for shape in master.placeholders:
        found[shape._element.ph_type] = _insets(
            shape._element.find(f".//{A_NS}bodyPr"), DEFAULT_INSETS
        )
    return found


def _frame(shape: Any, master_insets: tuple[int, int, int, int]) -> TextFrame:
    box = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
    body_pr = shape._element.find(f".//{A_NS}bodyPr")
    return TextFrame(box, _insets(body_pr, master_insets), shape.placeholder_format.idx)


def _columns(frames: list[TextFrame]) -> list[list[TextFrame]]:
    """Content placeholders grouped into columns (left to right), each top to bottom."""
    columns: list[list[TextFrame]] = []
    for frame in sorted(frames, key=lambda f: (f.box.x, f.box.y)):
        if columns and abs(columns[-1][0].box.x - frame.box.x) < frame.box.w // 2:
            columns[-1].append(frame)
        else:
            columns.append([frame])
    return [sorted(col, key=lambda f: f.box.y) for col in columns]


def layout_geometry(
    layout: Any, master_insets: dict[Any, tuple[int, int, int, int]]
) -> LayoutGeometry:
    """Sort a layout's placeholders into roles; a two-row column is heading over body."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    def inherited(kind: Any) -> tuple[int, int, int, int]:
        return master_insets.get(kind, DEFAULT_INSETS)

    title = subtitle = footer = number = None
    content: list[TextFrame] = []
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind in (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE):
            title = _frame(shape, inherited(PH.TITLE))
        elif kind == PH.SUBTITLE:
            subtitle = _frame(shape, inherited(PH.BODY))
        elif kind == PH.FOOTER:
            footer = _frame(shape, inherited(PH.FOOTER))
        elif kind == PH.SLIDE_NUMBER:
            number = _frame(shape, inherited(PH.SLIDE_NUMBER))
        elif kind not in (PH.DATE, PH.HEADER):
            content.append(_frame(shape, inherited(PH.BODY)))
    bodies: list[TextFrame] = []
    headings: list[TextFrame] = []
    for column in _columns(content):
        if len(column) > 1:
            headings.append(column[0])
        bodies.append(column[-1])
    return LayoutGeometry(
        layout.name, title, subtitle, tuple(bodies), tuple(headings), footer, number
    )


def _level_styles(master: Any) -> tuple[tuple[LevelStyle, ...], float]:
    styles: list[LevelStyle] = []
    body_style = master._element.find(f"{P_NS}txStyles/{P_NS}bodyStyle")
    for level in range(1, 10):
        ppr = body_style.find(f"{A_NS}lvl{level}pPr") if body_style is not None else None
        styles.append(_level_style(ppr))
    title_ppr = master._element.find(f"{P_NS}txStyles/{P_NS}titleStyle/{A_NS}lvl1pPr")
    return tuple(styles), _level_style(title_ppr).line_spacing


def _level_style(ppr: Any) -> LevelStyle:
    if ppr is None:
        return LevelStyle(0, 0, 0.0, 1.0)
    spacing = ppr.find(f"{A_NS}lnSpc/{A_NS}spcPct")
    before = ppr.find(f"{A_NS}spcBef/{A_NS}spcPts")
    return LevelStyle(
        margin=int(ppr.get("marL", 0)),
        indent=int(ppr.get("indent", 0)),
        space_before=int(before.get("val")) / 100 if before is not None else 0.0,
        line_spacing=int(spacing.get("val")) / 100000 if spacing is not None else 1.0,
    )


def read_template(prs: Any, layouts: dict[str, str], template_name: str) -> TemplateInfo:
    """Geometry of every mapped layout; raises ThemeError for a missing one."""
    found = layouts_by_name(prs, layouts, template_name)
    master = prs.slide_master
    insets = _master_insets(master)
    levels, title_spacing = _level_styles(master)
    return TemplateInfo(
        slide_width=int(prs.slide_width),
        slide_height=int(prs.slide_height),
        layouts=tuple((kind, layout_geometry(layout, insets)) for kind, layout in found.items()),
        levels=levels,
        title_line_spacing=title_spacing,
    )
