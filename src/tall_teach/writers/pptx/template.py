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

    def inside(self, other: Box, slack: int = 0) -> bool:
        return (
            self.x >= other.x - slack
            and self.y >= other.y - slack
            and self.right <= other.right + slack
            and self.bottom <= other.bottom + slack
        )

    def overlap(self, other: Box) -> int:
        """The area the two boxes share (a line's box counts as 1 EMU thick)."""
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        if w < 0 or h < 0 or (w == 0 and h == 0):
            return 0
        return max(w, 1) * max(h, 1)

    @property
    def area(self) -> int:
        return self.w * self.h


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
    bold: bool = False  # the template sets this level bold (LibreOffice's Midnightblue does)
    space_before_lines: float = 0.0  # space before as a share of a line (a:spcPct)


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
    graphics: tuple[Box, ...] = ()  # the master's and layout's own shapes (bands, logos)
    title_room: int = -1  # EMU the title may grow downwards; -1: as much as it needs
    moved: tuple[str, ...] = ()  # "title", "footer", "number": frames apart from their placeholder
    title_spacing: float = 0.0  # the title's line spacing on this layout's master; 0: the deck's

    def lowered(self, drop: int) -> LayoutGeometry:
        """The layout with its title `drop` EMU taller (its top stays) and what lies below
        the title's top moved down as much: headings keep their height, bodies their bottom."""
        if self.title_room >= 0:
            drop = min(drop, self.title_room)
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
    notes: tuple[str, ...] = ()  # what the author should know about the template's layouts

    def layout(self, kind: str) -> LayoutGeometry:
        return dict(self.layouts)[kind]

    @property
    def slide_box(self) -> Box:
        return Box(0, 0, self.slide_width, self.slide_height)


def layouts_by_name(prs: Any, layouts: dict[str, str], template_name: str) -> dict[str, Any]:
    """Slide kind -> python-pptx layout; a ThemeError names any missing layout."""
    available: dict[str, Any] = {}
    for master in prs.slide_masters:  # a template may have a title master and a content master
        for layout in master.slide_layouts:
            available.setdefault(layout.name, layout)
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


BACKGROUND = 0.8  # a shape covering this share of the slide is its background, not a graphic
MARGIN = 45720  # 0.05 in kept between text and a template graphic
MIN_BODY = (0.4, 0.25)  # a content body under these shares of the slide's width (split among
# the layout's columns) and height is unusable: a slide of two words a line


def clip(box: Box, bounds: Box) -> Box | None:
    """The part of `box` inside `bounds`; None when they do not meet."""
    x, y = max(box.x, bounds.x), max(box.y, bounds.y)
    right, bottom = min(box.right, bounds.right), min(box.bottom, bounds.bottom)
    if right < x or bottom < y:
        return None
    return Box(x, y, right - x, bottom - y)


def own_graphics(layout: Any, slide: Box) -> tuple[Box, ...]:
    """Boxes of the shapes a slide on `layout` shows from its layout and master that are not
    placeholders (bands, logos, pictures, lines); a shape covering most of the slide is a
    background: text is set on it."""
    owners = [layout]
    if layout._element.get("showMasterSp") != "0":
        owners.append(layout.slide_master)
    found: list[Box] = []
    for owner in owners:
        for shape in owner.shapes:
            if shape.is_placeholder or None in (shape.left, shape.top, shape.width, shape.height):
                continue
            box = clip(Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height)),
                       slide)
            if box is not None and box.area < BACKGROUND * slide.area:
                found.append(box)
    return tuple(found)


def _cut(box: Box, obstacle: Box) -> Box | None:
    """The largest of the four parts of `box` beside `obstacle` (above, below, left, right)."""
    parts = []
    top, bottom = obstacle.bottom + MARGIN, obstacle.y - MARGIN
    left, right = obstacle.right + MARGIN, obstacle.x - MARGIN
    if top < box.bottom:
        parts.append(Box(box.x, max(top, box.y), box.w, box.bottom - max(top, box.y)))
    if bottom > box.y:
        parts.append(Box(box.x, box.y, box.w, min(bottom, box.bottom) - box.y))
    if left < box.right:
        parts.append(Box(max(left, box.x), box.y, box.right - max(left, box.x), box.h))
    if right > box.x:
        parts.append(Box(box.x, box.y, min(right, box.right) - box.x, box.h))
    return max(parts, key=lambda b: b.area, default=None)


def sits_on(box: Box, graphics: tuple[Box, ...]) -> Box | None:
    """The graphic `box` lies wholly on (a title on its band): set there on purpose."""
    return next((g for g in graphics if box.inside(g, MARGIN // 2)), None)


def free_box(box: Box, obstacles: tuple[Box, ...], slide: Box) -> Box | None:
    """The largest part of `box` on the slide clear of `obstacles`, cutting one side per
    obstacle it overlaps (obstacles it lies wholly on excepted); None when nothing is left."""
    here = clip(box, slide)
    base = sits_on(here, obstacles) if here is not None else None
    while here is not None and here.area:
        clashes = [g for g in obstacles if g is not base and here.overlap(g)
                   and not (base is not None and g.inside(base))]
        if not clashes:
            return here
        here = _cut(here, max(clashes, key=here.overlap))
    return None


def _title_room(title: Box, graphics: tuple[Box, ...], body_top: int) -> int:
    """How far a title may grow downwards: to the bottom of the band it sits on, else to the
    nearest graphic under it (a rule between title and body moves down with the title);
    -1 when nothing is in the way."""
    base = sits_on(title, graphics)
    if base is not None:
        return max(0, base.bottom - MARGIN - title.bottom)
    below = [g.y - MARGIN - title.bottom for g in graphics
             if g.y >= max(title.bottom, body_top) and g.x < title.right and g.right > title.x]
    return max(0, min(below)) if below else -1


FOOTER_LINES = int(2.1 * 10 * 1.2207 * EMU_PER_PT)  # two lines of a 10 pt footer, and a little


def _two_lines(footer: TextFrame, graphics: tuple[Box, ...], slide: Box) -> TextFrame:
    """A footer not set on a band, taller upwards to hold two lines when that space is free
    (python-pptx's template has a footer one line high)."""
    need = FOOTER_LINES + footer.insets[1] + footer.insets[3]
    box = footer.box
    if box.h >= need:
        return footer
    grown = Box(box.x, box.bottom - need, box.w, need)
    return footer.with_box(grown) if free_box(grown, graphics, slide) == grown else footer


def _row_widened(footer: TextFrame, date: TextFrame | None) -> TextFrame:
    """The footer over the date's place too when the date sits just left of it on the same
    row: the deck never shows a date, and a source line needs the width."""
    if date is None:
        return footer
    box, other = footer.box, date.box
    same_row = min(box.bottom, other.bottom) - max(box.y, other.y) >= min(box.h, other.h) // 2
    if not same_row or other.x >= box.x or other.right > box.x + MARGIN * 4:
        return footer
    return footer.with_box(Box(other.x, box.y, box.right - other.x, box.h))


def layout_geometry(
    layout: Any, master_insets: dict[Any, tuple[int, int, int, int]], slide: Box | None = None,
    kind: str = "content",
) -> tuple[LayoutGeometry, list[str]]:
    """Sort a layout's placeholders into roles (a two-row column is heading over body) and
    fit each into the area free of the template's own graphics; returns what the author
    should know about the layout."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    def inherited(kind: Any) -> tuple[int, int, int, int]:
        return master_insets.get(kind, DEFAULT_INSETS)

    title = subtitle = footer = number = date = None
    content: list[TextFrame] = []
    for shape in layout.placeholders:
        ph_type = shape.placeholder_format.type
        if ph_type in (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE):
            title = _frame(shape, inherited(PH.TITLE))
        elif ph_type == PH.SUBTITLE:
            subtitle = _frame(shape, inherited(PH.BODY))
        elif ph_type == PH.FOOTER:
            footer = _frame(shape, inherited(PH.FOOTER))
        elif ph_type == PH.SLIDE_NUMBER:
            number = _frame(shape, inherited(PH.SLIDE_NUMBER))
        elif ph_type == PH.DATE:
            date = _frame(shape, inherited(PH.DATE))
        elif ph_type != PH.HEADER:
            content.append(_frame(shape, inherited(PH.BODY)))
    master = {s.placeholder_format.type: s for s in layout.slide_master.placeholders}
    if footer is None and PH.FOOTER in master:  # the deck copies the master's
        footer = _frame(master[PH.FOOTER], inherited(PH.FOOTER))
    if number is None and PH.SLIDE_NUMBER in master:
        number = _frame(master[PH.SLIDE_NUMBER], inherited(PH.SLIDE_NUMBER))
    if date is None and PH.DATE in master:
        date = _frame(master[PH.DATE], inherited(PH.DATE))
    bodies: list[TextFrame] = []
    headings: list[TextFrame] = []
    for column in _columns(content):
        if len(column) > 1:
            headings.append(column[0])
        bodies.append(column[-1])
    geometry = LayoutGeometry(
        layout.name, title, subtitle, tuple(bodies), tuple(headings), footer, number
    )
    if slide is None:
        return geometry, []
    body = master.get(PH.BODY)
    below = [f.box.y for f in content if title is None or f.box.y >= title.box.bottom]
    if not below and body is not None and body.top is not None:
        below = [int(body.top)]  # as draw.body_top: where the content area starts
    return fitted(geometry, own_graphics(layout, slide), slide, kind, date, min(below, default=0))


def fitted(
    geometry: LayoutGeometry, graphics: tuple[Box, ...], slide: Box, kind: str,
    date: TextFrame | None = None, body_top: int = 0,
) -> tuple[LayoutGeometry, list[str]]:
    """The layout's frames moved into the area free of the template's graphics: titles and
    footers clear of graphics they do not sit on, bodies also clear of the footer row."""
    notes: list[str] = []
    name = repr(geometry.name)
    moved: list[str] = []

    def fit(frame: TextFrame | None, role: str, obstacles: tuple[Box, ...]) -> TextFrame | None:
        if frame is None:
            return None
        box = free_box(frame.box, obstacles, slide)
        least = (slide.w * MIN_BODY[0] / max(len(geometry.bodies), 1), slide.h * MIN_BODY[1])
        if kind not in ("content", "two_content", "comparison"):  # a divider's line or two
            least = (914400, 365760)
        if box is None or (role == "body" and (box.w < least[0] or box.h < least[1])):
            notes.append(f"template layout {name} ({kind}): its {role} area is covered by the "
                         "template's own graphics; that area is not used")
            return None
        if box != frame.box and role == "title":
            moved.append(role)
        return frame.with_box(box)

    footer = geometry.footer and _row_widened(geometry.footer, date)
    footer = fit(footer, "footer", graphics) or geometry.footer
    if footer is not None and sits_on(footer.box, graphics) is None:
        footer = _two_lines(footer, graphics, slide)
    number = fit(geometry.number, "slide number", graphics) or geometry.number
    if number is not None and geometry.number is not None and number.box != geometry.number.box:
        moved.append("number")
    shown = {"title": (), "section": (number,)}.get(kind, (footer, number))  # a divider's
    row = tuple(f.box for f in shown if f is not None)  # footer: only when cited (plan)
    title = fit(geometry.title, "title", graphics)
    if title is None and geometry.title is not None:
        title = geometry.title
    around = graphics + row
    subtitle = fit(geometry.subtitle, "subtitle", around)
    bodies = tuple(f for f in (fit(b, "body", around) for b in geometry.bodies) if f)
    headings: list[TextFrame] = []
    for heading in geometry.headings:
        placed = free_box(heading.box, around, slide)
        if placed is not None and placed.h >= heading.box.h // 2:
            headings.append(heading.with_box(placed))
            continue
        column = next((n for n, b in enumerate(bodies) if b.box.x < heading.box.right
                       and b.box.right > heading.box.x), None)
        if column is None:
            continue
        body = bodies[column].box  # the heading on top of its column, the body under it
        headings.append(heading.with_box(Box(body.x, body.y, body.w, heading.box.h)))
        lower = heading.box.h + MARGIN
        bodies = (*bodies[:column], bodies[column].with_box(
            Box(body.x, body.y + lower, body.w, body.h - lower)), *bodies[column + 1:])
    if footer is not None and footer.box != (geometry.footer.box if geometry.footer else None):
        moved.append("footer")
    room = -1
    if title is not None:
        room = _title_room(title.box, graphics, body_top)
    return replace(
        geometry, title=title, subtitle=subtitle, bodies=bodies, headings=tuple(headings),
        footer=footer, number=number, graphics=graphics, title_room=room,
        moved=tuple(dict.fromkeys(moved)),
    ), notes


def _level_styles(master: Any) -> tuple[tuple[LevelStyle, ...], float]:
    """Body outline levels and the title's line spacing: the master placeholder's own list
    style where it has one (LibreOffice's), else the master's text styles."""
    styles: list[LevelStyle] = []
    own = {s._element.ph_type: s._element.find(f".//{A_NS}lstStyle") for s in master.placeholders}
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    def style(kind: Any, name: str, level: int) -> Any:
        listed = own.get(kind)
        found = listed.find(f"{A_NS}lvl{level}pPr") if listed is not None else None
        if found is None:
            found = master._element.find(f"{P_NS}txStyles/{P_NS}{name}/{A_NS}lvl{level}pPr")
        return found

    for level in range(1, 10):
        styles.append(_level_style(style(PH.BODY, "bodyStyle", level)))
    return tuple(styles), _level_style(style(PH.TITLE, "titleStyle", 1)).line_spacing


def _level_style(ppr: Any) -> LevelStyle:
    if ppr is None:
        return LevelStyle(0, 0, 0.0, 1.0)
    spacing = ppr.find(f"{A_NS}lnSpc/{A_NS}spcPct")
    before = ppr.find(f"{A_NS}spcBef/{A_NS}spcPts")
    share = ppr.find(f"{A_NS}spcBef/{A_NS}spcPct")
    defaults = ppr.find(f"{A_NS}defRPr")
    return LevelStyle(
        margin=int(ppr.get("marL", 0)),
        indent=int(ppr.get("indent", 0)),
        space_before=int(before.get("val")) / 100 if before is not None else 0.0,
        line_spacing=int(spacing.get("val")) / 100000 if spacing is not None else 1.0,
        bold=defaults is not None and defaults.get("b") in ("1", "true"),
        space_before_lines=int(share.get("val")) / 100000 if share is not None else 0.0,
    )


def read_template(prs: Any, layouts: dict[str, str], template_name: str) -> TemplateInfo:
    """Geometry of every mapped layout, fitted to the area its master's and its own graphics
    leave free; raises ThemeError for a missing layout."""
    found = layouts_by_name(prs, layouts, template_name)
    slide = Box(0, 0, int(prs.slide_width), int(prs.slide_height))
    insets: dict[int, dict[Any, tuple[int, int, int, int]]] = {}
    geometries: list[tuple[str, LayoutGeometry]] = []
    notes: list[str] = []
    for kind, layout in found.items():
        master = layout.slide_master
        master_insets = insets.setdefault(id(master), _master_insets(master))
        geometry, said = layout_geometry(layout, master_insets, slide, kind)
        spacing = _level_styles(master)[1]
        geometries.append((kind, replace(geometry, title_spacing=spacing)))
        notes += said
    text_master = found["content"].slide_master if "content" in found else prs.slide_master
    levels, title_spacing = _level_styles(text_master)
    return TemplateInfo(
        slide_width=slide.w,
        slide_height=slide.h,
        layouts=tuple(geometries),
        levels=levels,
        title_line_spacing=title_spacing,
        notes=tuple(dict.fromkeys(notes)),
    )
