"""The preview's pages (slides, handout, quiz) kept in memory, rebuilt on save.

Nothing is written to disk and nothing but these pages is ever served. A build that
fails keeps the last good pages and records the problems (file, line, message) for
the overlay; the slides are rebuilt first and announced at once, the handout and the
quiz after them, so the page an author is looking at comes back as soon as it can.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tall_teach.errors import ContentError, TallTeachError

if TYPE_CHECKING:
    from tall_teach.model import Course
    from tall_teach.theme import Theme

PAGES = ("slides", "handout", "quiz")


@dataclass(frozen=True)
class Problem:
    """One line of the overlay: where (course-relative file and line) and what."""

    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}" if where else self.message


@dataclass
class Snapshot:
    """What the browser is told: each page's version and the current problems."""

    versions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PAGES, 0))
    problems: tuple[Problem, ...] = ()
    building: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "versions": dict(self.versions),
            "problems": [p.__dict__ for p in self.problems],
            "building": self.building,
        }


def render_page(name: str, course: Course, theme: Theme) -> bytes | None:
    """One page's HTML, or None when the course has no such page (quiz not enabled)."""
    if name == "slides":
        from tall_teach.writers import slides_html

        return slides_html.render_html(course, theme).encode("utf-8")
    if name == "handout":
        from tall_teach.writers.handout import render_html_only

        return render_html_only(course, theme).encode("utf-8")
    if "html" not in course.quiz.formats:
        return None
    from tall_teach.writers import quiz_html

    return quiz_html.render(course, theme)["quiz/quiz.html"]


class Pages:
    """The latest good HTML of each page, their versions and the problems of the last build.

    A rebuild renders at once only the pages a browser is showing (`watched`); the others
    are rendered from the same course when next asked for. `changed` is called (from the
    building thread) after a page is replaced and after a build fails, so the server can
    tell the browsers.
    """

    def __init__(self, course_dir: Path, changed: Callable[[], None] = lambda: None) -> None:
        self.course_dir = course_dir
        self.changed = changed
        self.html: dict[str, bytes] = {}
        self.state = Snapshot()
        self.lock = threading.Lock()  # guards html and state
        self.building = threading.Lock()  # one render at a time
        self.source: tuple[Course, Theme] | None = None  # the last course that read cleanly
        self.stale: set[str] = set()
        self.with_items: Course | None = None

    def get(self, name: str) -> bytes | None:
        """A page, rendered now if the course changed since it was last rendered."""
        if name in self.stale:
            with self.building:
                if name in self.stale:
                    self._render(name)
        with self.lock:
            return self.html.get(name)

    def snapshot(self) -> dict[str, object]:
        with self.lock:
            return self.state.to_json()

    def rebuild(self, watched: Collection[str] = PAGES) -> list[Problem]:
        """Read the course and render the watched pages (the slides first); on an error
        keep every page as it was and record the problems."""
        self._set(building=True)
        try:
            with self.building:
                self.source, self.with_items = self._read(), None
                self.stale = set(PAGES)
                with self.lock:  # told with the first page rendered: reload, no overlay
                    self.state.problems = ()
                for name in PAGES:
                    if name in watched:
                        self._render(name)
        except ContentError as exc:
            return self._fail([_problem(d) for d in exc.diagnostics if d.severity == "error"])
        except TallTeachError as exc:
            return self._fail([Problem("", 0, "error", str(exc))])
        except Exception as exc:  # a bug in tall-teach must not stop the preview
            detail = f"{type(exc).__name__}: {exc}"
            return self._fail([Problem("", 0, "internal error", detail)])
        self._set(building=False, problems=())
        return []

    def _read(self) -> tuple[Course, Theme]:
        from tall_teach.reader import read_course
        from tall_teach.theme import load_theme

        course, _warnings = read_course(self.course_dir)
        return course, load_theme(course.theme, self.course_dir)

    def _render(self, name: str) -> None:
        """Render one page from the last clean course (the quiz needs its items first)."""
        if self.source is None:
            return
        course, theme = self.source
        if name == "quiz":
            if self.with_items is None:
                from tall_teach.quiz import generate_items

                self.with_items = generate_items(course)[0]
            course = self.with_items
        html = render_page(name, course, theme)
        self.stale.discard(name)
        self._publish(name, html)

    def _publish(self, name: str, html: bytes | None) -> None:
        with self.lock:
            if html is None:
                self.html.pop(name, None)
            else:
                self.html[name] = html
            self.state.versions[name] += 1
        self.changed()

    def _fail(self, problems: list[Problem]) -> list[Problem]:
        self._set(building=False, problems=tuple(problems))
        return problems

    def _set(self, building: bool, problems: tuple[Problem, ...] | None = None) -> None:
        with self.lock:
            self.state.building = building
            if problems is not None:
                self.state.problems = problems
        self.changed()


def _problem(diagnostic: object) -> Problem:
    source = getattr(diagnostic, "source", None)
    return Problem(
        getattr(source, "path", "") or "",
        getattr(source, "line", 0) or 0,
        getattr(diagnostic, "severity", "error"),
        getattr(diagnostic, "message", str(diagnostic)),
    )
