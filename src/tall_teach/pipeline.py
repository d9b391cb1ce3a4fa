"""build(): read, check, generate quiz items, render, write atomically. One line per stage."""

from __future__ import annotations

import functools
import importlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tall_teach import __version__
from tall_teach.cache import (
    CACHE_NAME,
    BuildCache,
    changed_inputs,
    file_digest,
    hash_files,
    hash_text,
    inputs_fingerprint,
)
from tall_teach.errors import ContentError, Diagnostic, TallTeachError

if TYPE_CHECKING:
    from tall_teach.changes import Manifest
    from tall_teach.lanes import ForkedLane
    from tall_teach.model import Course
    from tall_teach.theme import Theme

Report = Callable[[str], None]


@dataclass(frozen=True)
class WriterSpec:
    """A writer known by name; its module is imported only when it runs."""

    name: str
    module: str
    kind: str  # what --only selects: dump, pptx, handout, quiz
    quiz_format: str = ""  # the course.yaml quiz format that enables it
    uses_items: bool = False  # depends on quiz items, not on the slides
    # One of its own outputs that it is given back (previous=..., now=clock) when it runs
    # again: the Anki deck's record of its notes, so that edited notes get a newer mtime.
    record: str = ""


WRITERS: tuple[WriterSpec, ...] = (
    WriterSpec("dump", "tall_teach.writers.dump", "dump"),
    WriterSpec("pptx", "tall_teach.writers.pptx", "pptx"),
    WriterSpec("handout", "tall_teach.writers.handout", "handout"),
    WriterSpec("slides-html", "tall_teach.writers.slides_html", "slides"),
    WriterSpec("quiz-html", "tall_teach.writers.quiz_html", "quiz", "html", True),
    WriterSpec("moodle", "tall_teach.writers.moodle", "quiz", "moodle", True),
    WriterSpec("gift", "tall_teach.writers.gift", "quiz", "gift", True),
    WriterSpec("qti", "tall_teach.writers.qti", "quiz", "qti", True),
    WriterSpec("anki", "tall_teach.writers.anki", "quiz", "anki", True,
               record="quiz/.anki-notes.json"),
    WriterSpec("quiz-pdf", "tall_teach.writers.quiz_pdf", "quiz", "pdf", True),
    WriterSpec("quiz-report", "tall_teach.writers.quiz_report", "quiz", "", True),
)

# Usual relative cost of the slow writers, to balance them over two processes.
HEAVY_WRITERS: dict[str, float] = {
    "pptx": 1.0, "handout": 1.5, "quiz-pdf": 0.6, "anki": 0.2, "slides-html": 0.5
}

# Writers that keep work between builds in a folder of the output (the handout's laid-out
# chunks, the HTML slides' subset fonts), so that a one-module edit lays out one module.
CHUNK_CACHES: dict[str, str] = {"handout": ".tall-teach-chunks",
                                "slides-html": ".tall-teach-fonts"}

# Modules whose `preload()` loads a heavy library the writer needs: run once before the
# worker is forked, so that the two processes do not both pay for the import.
PRELOAD: dict[str, str] = {
    "handout": "tall_teach.htmlkit.pdf",
    "quiz-pdf": "tall_teach.htmlkit.pdf",
}

# Modules whose `warm()` a lane forked before the course is read runs meanwhile, for the
# writers it then takes: those printing with WeasyPrint (imported, a line laid out), or
# else the deck (python-pptx imported: 0.1 s of a deck-only build).
EARLY_WARM: dict[str, str] = {**PRELOAD, "pptx": "tall_teach.writers.pptx"}

# Writers that deliver items to learners outside the self-test page: with
# `quiz: {review: required}` they get authored and approved items only.
REVIEWED_ONLY = frozenset({
    "tall_teach.writers.moodle", "tall_teach.writers.gift", "tall_teach.writers.qti",
    "tall_teach.writers.anki", "tall_teach.writers.quiz_pdf",
})

QUIZ_FORMATS = frozenset(spec.quiz_format for spec in WRITERS if spec.quiz_format)

ONLY_CHOICES = (
    "dump", "pptx", "handout", "slides", "quiz", "html", "moodle", "gift", "qti", "pdf", "anki"
)


def select_writers(only: Iterable[str], quiz_formats: Iterable[str]) -> list[WriterSpec]:
    """Writers for --only (kinds or quiz format names); quiz writers limited to course formats."""
    wanted = set(only)
    formats = set(quiz_formats)
    chosen = []
    for spec in WRITERS:
        if spec.quiz_format and spec.quiz_format not in formats:
            continue
        if not wanted or spec.kind in wanted or (spec.quiz_format and spec.quiz_format in wanted):
            chosen.append(spec)
    return chosen


def find_courses(paths: Iterable[Path], content_dir: Path = Path("content")) -> list[Path]:
    """Course folders named on the command line, else the course in the current folder,
    else every course under content/."""
    given = list(paths)
    if given:
        return given
    if Path("course.yaml").is_file():
        return [Path(".")]
    if not content_dir.is_dir():
        return []
    return sorted(p.parent for p in content_dir.glob("*/course.yaml"))


def output_root(course_dir: Path, out: Path | None = None) -> Path:
    """The folder a course's outputs go under: --out if given, else a build/ beside it.

    A course in a project's content/ folder builds into the project's build/ (the
    repository layout: content/x -> build/x); a course anywhere else builds into a build/
    next to its own folder (~/teaching/course -> ~/teaching/build/course), never inside it.
    """
    if out is not None:
        return out
    parent = course_dir.resolve().parent
    if parent.name == "content":
        parent = parent.parent
    return _shortest(parent / "build")


def _shortest(path: Path) -> Path:
    """A path relative to the current folder when it lies inside it, for readable messages."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@dataclass
class BuildResult:
    course_dir: Path
    out_dir: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    changes: str | None = None
    up_to_date: bool = False
    strict_failed: bool = False  # --strict found warnings: nothing was written


def blocking(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """What --strict fails on: errors and warnings, never notes."""
    return [d for d in diagnostics if d.severity != "note"]


@dataclass
class Diagnosis:
    """A read course, its theme and every problem found: what check shows and build obeys."""

    course: Course
    theme: Theme
    diagnostics: list[Diagnostic]
    # Where the deck plan's warnings go in `diagnostics` when they come with the deck,
    # drawn in another process (`ready` said so); None: they are in.
    deck_at: int | None = None

    def with_deck(self, warnings: Iterable[Diagnostic]) -> list[Diagnostic]:
        """`diagnostics` with the deck plan's warnings where `check` puts them."""
        at = len(self.diagnostics) if self.deck_at is None else self.deck_at
        return [*self.diagnostics[:at], *warnings, *self.diagnostics[at:]]


def diagnose(
    course_dir: Path, ready: Callable[[Course, Theme], bool] | None = None,
    read: Callable[[Course, Theme], None] | None = None,
) -> Diagnosis:
    """The one diagnostics path of check and build: read, lint, make the quiz, plan the deck.

    A build starts its second lane's writers through the two hooks, if nothing so far is
    an error: `read(course, theme)` once the course is read (not linted, the quiz not made
    yet: for writers that read no quiz item and write nothing before the build does),
    `ready(course, theme)` with the course as it will be returned, before the deck is
    planned for its warnings. `ready` returns True when the deck is being drawn in the
    other lane and its plan's warnings will come with it: the deck is not planned here
    then (`Diagnosis.deck_at`). Raises ContentError (carrying the warnings found so far
    too) when the course has errors.
    """
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme

    course, diagnostics = read_course(course_dir)
    theme = load_theme(course.theme, course_dir)
    if read is not None and not any(d.severity == "error" for d in diagnostics):
        read(course, theme)
    from tall_teach.quiz import coverage, generate_items  # imported after `read`: 25 ms
    from tall_teach.review import apply_reviews
    from tall_teach.transforms.lint import lint_course

    diagnostics = [*diagnostics, *lint_course(course, theme)]
    course, quiz_warnings = generate_items(course)
    reported = {d.source for d in quiz_warnings}
    uncovered = [d for d in coverage(course) if d.source not in reported]
    course, review_warnings = apply_reviews(course)
    quiz = [*quiz_warnings, *uncovered, *review_warnings]
    if ready is not None and not any(d.severity == "error" for d in [*diagnostics, *quiz]) \
            and ready(course, theme):
        found = Diagnosis(course, theme, [*diagnostics, *quiz], len(diagnostics))
    else:
        # The deck's plan reads no quiz item or review: planned on the quizzed course, it
        # is the one the deck and the HTML slides then reuse (`plan_with_template`).
        found = Diagnosis(course, theme, [*diagnostics, *_deck_warnings(course, theme), *quiz])
    if any(d.severity == "error" for d in found.diagnostics):
        raise ContentError(found.diagnostics)
    return found


def check_course(course_dir: Path) -> list[Diagnostic]:
    """Every problem in a course, errors and warnings, without writing anything."""
    try:
        diagnosis = diagnose(course_dir)
    except ContentError as exc:
        return exc.diagnostics
    return [*diagnosis.diagnostics, *_analysis_findings(diagnosis.course, course_dir)]


def _analysis_findings(course: Course, course_dir: Path) -> list[Diagnostic]:
    """What the last `tall-teach analyze` found about items unchanged since (check only)."""
    from tall_teach.analysis import check_findings

    return check_findings(course, output_root(course_dir) / course_dir.resolve().name)


def _deck_warnings(course: Course, theme: Theme) -> list[Diagnostic]:
    """What the deck planner had to do about the content (split, shorten, stack)."""
    from tall_teach.writers.pptx import build_plan

    return list(build_plan(course, theme).warnings)


MAX_BUILD_ATTEMPTS = 3  # a file edited while building: read and render again, this often


def _inputs_fingerprint(course_dir: Path, inputs: list[tuple[str, str]], theme_files: list[str],
                        selection: str) -> str:
    # "diagnostics": a record from before warnings were kept in the cache is not current;
    # "imprint": nor one from before books kept their edition, place and publisher (their
    # references were wrong, and the course files, hence this hash, did not change).
    return inputs_fingerprint(course_dir, inputs, theme_files, __version__, "diagnostics",
                              "imprint", selection)


def build(
    course_dir: Path,
    out_root: Path,
    only: Iterable[str] = (),
    force: bool = False,
    report: Report = lambda _line: None,
    strict: bool = False,
) -> BuildResult:
    """Build one course into out_root/<course folder name>/, skipping what is current.

    The warnings are those of `check`; an up-to-date build repeats the ones recorded by
    the build that made its outputs. With `strict`, warnings stop the build before
    anything is written (result.strict_failed).
    """
    out_dir = out_root / course_dir.resolve().name
    result = BuildResult(course_dir, out_dir)
    selection = ",".join(sorted(only))
    cache = BuildCache.load(out_dir)
    if (
        not force
        and cache.inputs
        and cache.all_outputs_present(out_dir)
        and cache.inputs == _inputs_fingerprint(
            course_dir, [(f, "") for f in cache.input_files], cache.theme_files, selection)
    ):
        result.up_to_date = True
        result.warnings = _recorded(cache)
        result.strict_failed = strict and bool(blocking(result.warnings))
        return result
    moved: list[Diagnostic] = []
    early = _early_lane(only)
    try:
        for attempt in range(1, MAX_BUILD_ATTEMPTS + 1):
            start = _Start(course_dir, only, cache, out_dir, force, report, early)
            # Not with --strict: a warning of the deck's plan, known only after `ready`,
            # would stop the build, and the early lane must not have written its caches.
            diagnosis = diagnose(course_dir, *(() if strict else (start.ready, start.read)))
            course, theme = diagnosis.course, diagnosis.theme
            result.warnings = diagnosis.diagnostics
            if strict and blocking(result.warnings):
                result.strict_failed = True
                return result
            # What the outputs are made from, fixed before any writer starts (`start`, when
            # the early lane does, else now).
            used = start.used if start.used is not None else _used_inputs(course_dir, course)
            fingerprint = _inputs_fingerprint(course_dir, used, _theme_files(theme), selection)
            result.written, result.skipped = [], []
            manifest = _manifest_meanwhile(course, start.chosen)
            rendered, keys = _render_all(course, theme, only, cache, out_dir, force, result,
                                         report, early, start.chosen)
            early = None  # used (or closed) by the first attempt
            if diagnosis.deck_at is not None and start.chosen is not None:
                result.warnings = diagnosis.with_deck(start.chosen.deck_warnings)
                if any(d.severity == "error" for d in result.warnings):
                    raise ContentError(result.warnings)
            edited = _moved_inputs(course_dir, used, again=attempt < MAX_BUILD_ATTEMPTS,
                                   report=report)
            if not edited:
                break
            moved = edited
            if attempt == MAX_BUILD_ATTEMPTS:
                fingerprint = ""  # outputs made from a moving target: never 'up to date'
    finally:
        if early is not None:
            early.close()
    result.warnings = [*result.warnings, *moved]
    cache.input_files = [f for f, _ in used]
    _write_outputs(course, theme, rendered, keys, cache, out_dir, fingerprint, result, manifest)
    return result


def _manifest_meanwhile(course: Course, chosen: _Selection | None) -> Manifest | None:
    """The outputs' manifest (CHANGES.md's, 10 ms for T-ALL) made now, while the early lane
    renders, when this process has no writer of its own to render (a deck-only build);
    None: made when the outputs are written."""
    if chosen is None or chosen.lanes is None or chosen.lanes[0]:
        return None
    from tall_teach.changes import course_manifest

    return course_manifest(course)


def _used_inputs(course_dir: Path, course: Course) -> list[tuple[str, str]]:
    """What the outputs are made from: text files as the reader read them, images (which
    the writers read again) as they are now."""
    return [(f, read or file_digest(course_dir, f)) for f, read in course.inputs]


@dataclass
class _Start:
    """`diagnose`'s hooks for a build: the writers chosen as soon as they can be, and the
    early lane's share of them started then."""

    course_dir: Path
    only: Iterable[str]
    cache: BuildCache
    out_dir: Path
    force: bool
    report: Report
    early: _Early | None
    chosen: _Selection | None = None
    used: list[tuple[str, str]] | None = None  # the inputs' digests when the lane started
    started: list[WriterSpec] = field(default_factory=list)  # sent at `read`, more to come

    def read(self, course: Course, theme: Theme) -> None:
        """The course read: the early lane starts on what it can while this process lints
        the course and makes the quiz (for their warnings: neither reports errors, the
        reader does, so a writer started here is not stopped by them). When no selected
        writer reads quiz items (a deck-only build), every writer and its key is known
        now and the lane gets its whole share; else it starts on the writers it warmed up
        for that read none (the handout), the rest of its share following at `ready`."""
        if self.early is None:
            return
        selected = select_writers(self.only, course.quiz.formats)
        if not any(spec.uses_items for spec in selected):
            self._choose(course, theme)
            return
        first = frozenset(s.name for s in selected
                          if s.name in self.early.ahead and not s.uses_items)
        if not first:
            return
        self.used = _used_inputs(self.course_dir, course)
        part = _select(course, theme, self.only, self.cache, self.out_dir, self.force,
                       lambda _line: None, names=first)
        # the early lane's share starts with them (`_early_lanes`), in WRITERS' order
        reporting = frozenset(s.name for s in part.todo) & REPORTING
        if part.todo and _submit(part.todo, part.course, theme, self.out_dir, self.early,
                                 reporting, last=False):
            self.started = part.todo

    def ready(self, course: Course, theme: Theme) -> bool:
        """The course read and quizzed: the writers chosen and the early lane's share
        started, if not done yet. True if the deck is drawn in the early lane, which
        sends its plan's warnings with it."""
        if self.chosen is None:
            self._choose(course, theme)
        else:  # chosen before the quiz was made: this process's writers get the quizzed course
            self.chosen.course = replace(course, inputs=())
        assert self.chosen is not None
        self.chosen.keyed()  # while the early lane works
        return self.chosen.reports_deck

    def _choose(self, course: Course, theme: Theme) -> None:
        """The images' digests are taken first: an image saved after the early lane read
        it is then seen as moved."""
        if self.used is None:
            self.used = _used_inputs(self.course_dir, course)
        self.chosen = _select(course, theme, self.only, self.cache, self.out_dir, self.force,
                              self.report)
        if self.early is not None:
            _start_early(self.chosen, theme, self.out_dir, self.early, self.started)


def _moved_inputs(course_dir: Path, used: list[tuple[str, str]], again: bool, report: Report
                  ) -> list[Diagnostic]:
    """A note for each input edited while the build read or rendered it (an editor saving
    mid-build): without it the outputs would hold the old text and be 'up to date' for good."""
    from tall_teach.model import SourceRef

    changed = changed_inputs(course_dir, used)
    if changed:
        report(f"  {', '.join(changed[:3])} changed during the build"
               + (": building again" if again else ""))
    what = "built again from the new version" if again else "the next build will redo it"
    return [Diagnostic("note", SourceRef(f, 0), f"changed while the build was reading or "
                       f"rendering it: {what}") for f in changed]


def _theme_files(theme: Theme) -> list[str]:
    return [str(p) for p in theme.files()]


def _recorded(cache: BuildCache) -> list[Diagnostic]:
    from tall_teach.model import SourceRef

    found = []
    for entry in cache.diagnostics:
        if not isinstance(entry, dict):
            continue
        path, line = entry.get("path"), entry.get("line", 0)
        source = SourceRef(str(path), line if isinstance(line, int) else 0) if path else None
        found.append(Diagnostic(str(entry.get("severity", "warning")), source,
                                str(entry.get("message", ""))))
    return found


def _to_record(diagnostics: Iterable[Diagnostic]) -> list[dict[str, object]]:
    return [
        {"severity": d.severity, "message": d.message,
         **({"path": d.source.path, "line": d.source.line} if d.source else {})}
        for d in diagnostics
    ]


def _load_theme(course: Course, course_dir: Path) -> Theme:
    from tall_teach.theme import load_theme

    return load_theme(course.theme, course_dir)


def _writer_key(spec: WriterSpec, course: Course, theme_hash: str | _ThemeHash,
                texts: dict[bool, str] | None = None) -> str:
    """What a writer's output is made of, hashed; `texts` keeps the course's two texts
    (with the quiz and without) for the next writer (the course is the same)."""
    texts = {} if texts is None else texts
    if spec.uses_items not in texts:
        texts[spec.uses_items] = _writer_text(course, spec.uses_items)
    return hash_text(__version__, spec.name, str(theme_hash), texts[spec.uses_items])


class _ThemeHash:
    """The theme's files hashed when first needed (reading its template and fonts: 5 ms)."""

    def __init__(self, theme: Theme) -> None:
        self._theme = theme
        self._hash = ""

    def __str__(self) -> str:
        if not self._hash:
            self._hash = hash_files(self._theme.files())
        return self._hash


def _writer_text(course: Course, uses_items: bool) -> str:
    from tall_teach.writers.dump import to_jsonable

    if uses_items:
        data = to_jsonable(replace(course, modules=()))
    else:
        data = to_jsonable(replace(course, items=(), declined=()))
        data["figures"] = _figure_hashes(course)
    data.pop("root", None)
    return json.dumps(data, sort_keys=True)


def _figure_hashes(course: Course) -> dict[str, str]:
    from tall_teach.model import Columns, Figure

    root = Path(course.root)
    found: dict[str, str] = {}

    def visit(blocks: Iterable[object]) -> None:
        for block in blocks:
            if isinstance(block, Figure):
                found[block.path] = hash_files([root / block.path], root)
            elif isinstance(block, Columns):
                for column in block.columns:
                    visit(column.blocks)

    for slide in course.slides():
        visit(slide.blocks)
    return found


def _render_all(
    course: Course,
    theme: Theme,
    only: Iterable[str],
    cache: BuildCache,
    out_dir: Path,
    force: bool,
    result: BuildResult,
    report: Report,
    early: _Early | None = None,
    chosen: _Selection | None = None,
) -> tuple[dict[str, dict[str, bytes]], dict[str, str]]:
    """Render every selected writer whose inputs changed; nothing is written yet.

    `early`, a second lane forked before the course was read, is used or closed here;
    `chosen`, the writers selected for this very course (`diagnose`'s hooks), perhaps
    with the early lane's share already started."""
    if chosen is None:
        chosen = _select(course, theme, only, cache, out_dir, force, report)
    result.skipped.extend(chosen.skipped)
    rendered = _run_writers(chosen.todo, chosen.course, theme, report, out_dir, early,
                            chosen.lanes, chosen.deck_warnings)
    result.written.extend(spec.name for spec in chosen.todo)
    return rendered, chosen.keyed()


@dataclass
class _Selection:
    """The writers a build runs for one course, and how they share the two lanes once the
    early lane has its tasks."""

    course: Course  # as the writers get it (the inputs' record left out)
    keys: dict[str, str]
    todo: list[WriterSpec]
    skipped: list[str]
    lanes: list[list[WriterSpec]] | None = None
    reports_deck: bool = False  # the early lane draws the deck and sends its plan's warnings
    deck_warnings: list[Diagnostic] = field(default_factory=list)
    # Writers with no output on record, which run whatever their key: keyed by `keyed()`,
    # once they are started (10-25 ms less before the early lane gets its writers).
    unkeyed: list[WriterSpec] = field(default_factory=list)
    theme: Theme | None = None

    def keyed(self) -> dict[str, str]:
        """Every selected writer's key."""
        if self.unkeyed and self.theme is not None:
            theme_hash, texts = _ThemeHash(self.theme), {}
            for spec in self.unkeyed:
                self.keys[spec.name] = _writer_key(spec, self.course, theme_hash, texts)
            self.unkeyed = []
        return self.keys


def _select(
    course: Course, theme: Theme, only: Iterable[str], cache: BuildCache, out_dir: Path,
    force: bool, report: Report, names: frozenset[str] | None = None,
) -> _Selection:
    """The selected writers whose inputs changed (the others reported as skipped); only
    those in `names` if given."""
    theme_hash = _ThemeHash(theme)
    writers_course = replace(course, inputs=())
    chosen = _Selection(writers_course, {}, [], [], theme=theme)
    texts: dict[bool, str] = {}
    for spec in select_writers(only, course.quiz.formats):
        if names is not None and spec.name not in names:
            continue
        if force or not cache.outputs.get(spec.name):  # runs whatever its key: keyed later
            chosen.unkeyed.append(spec)
        else:
            chosen.keys[spec.name] = _writer_key(spec, writers_course, theme_hash, texts)
        if spec.name in chosen.keys and cache.output_is_current(
                spec.name, chosen.keys[spec.name], out_dir):
            chosen.skipped.append(spec.name)
            report(f"  skipped {spec.name} (unchanged)")
        elif _available(spec):
            chosen.todo.append(spec)
        else:
            report(f"  {spec.name}: writer not available in this version, skipped")
    return chosen


def _available(spec: WriterSpec) -> bool:
    import importlib.util

    return importlib.util.find_spec(spec.module) is not None


def render_one(
    module_name: str, course: Course, theme: Theme, args: dict[str, Any] | None = None
) -> tuple[dict[str, bytes], float]:
    """Import one writer and render it; also the unit of work of a worker process."""
    started = time.perf_counter()
    if module_name in REVIEWED_ONLY:
        from tall_teach.review import deliverable

        course = deliverable(course)
    files = importlib.import_module(module_name).render(course, theme, **(args or {}))
    return files, time.perf_counter() - started


# Writers whose module also has `render_reporting(course, theme)` -> (files, warnings of
# check's): the deck and its plan's warnings, which the lane drawing it sends back so
# that this process does not plan the deck again for them.
REPORTING = frozenset({"pptx"})


def render_reporting(
    module_name: str, course: Course, theme: Theme, args: dict[str, Any] | None = None
) -> tuple[dict[str, bytes], float, list[Diagnostic]]:
    """`render_one`, and the warnings the writer found, for a writer in REPORTING."""
    started = time.perf_counter()
    files, warnings = importlib.import_module(module_name).render_reporting(
        course, theme, **(args or {}))
    return files, time.perf_counter() - started, list(warnings)


def _writer_args(spec: WriterSpec, out_dir: Path) -> dict[str, Any]:
    """What a writer is given beyond the model: its chunk cache, or its last record and the
    clock (to date what changed)."""
    folder = CHUNK_CACHES.get(spec.name)
    if folder:
        return {"cache_dir": out_dir / folder}
    if not spec.record:
        return {}
    try:
        previous = (out_dir / spec.record).read_bytes()
    except OSError:
        previous = b""
    return {"previous": previous, "now": build_clock()}


def build_clock() -> int:
    """The time that dates what changed; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(pinned) if pinned.isdigit() else int(time.time())


def _jobs() -> int:
    configured = os.environ.get("TALL_TEACH_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(2, os.cpu_count() or 1)


@dataclass
class _Early:
    """A second lane forked before the course is read, and the writers it is warming up
    for (none: it only shares the writers out)."""

    lane: ForkedLane
    ahead: frozenset[str]

    def close(self) -> None:
        self.lane.close()


def _early_lane(only: Iterable[str]) -> _Early | None:
    """The second lane, forked before the course is read when there are two: it loads the
    library of the writers it will take, on the other core meanwhile: WeasyPrint
    (0.2-0.3 s) if a selected writer prints with it, else python-pptx for the deck. No
    lane for one writer that needs neither."""
    if _jobs() < 2 or not _can_fork():
        return None
    from tall_teach.lanes import ForkedLane

    names = {s.name for s in select_writers(only, QUIZ_FORMATS)}
    ahead = frozenset(n for n in names if n in PRELOAD) or frozenset(names & set(EARLY_WARM))
    if not ahead and len(names) < 2:
        return None
    modules = sorted({EARLY_WARM[name] for name in ahead})
    return _Early(ForkedLane.early(functools.partial(_warm, modules) if modules else None),
                  ahead)


def _warm(modules: list[str]) -> None:
    for module in modules:
        importlib.import_module(module).warm()


def _run_writers(
    todo: list[WriterSpec], course: Course, theme: Theme, report: Report, out_dir: Path,
    early: _Early | None = None, lanes: list[list[WriterSpec]] | None = None,
    reported: list[Diagnostic] | None = None,
) -> dict[str, dict[str, bytes]]:
    """The slow writers (deck, handout, PDFs) run in a second process beside the others.

    `lanes`: the share of the early lane, its tasks already submitted; `reported` gets
    the warnings its writers in REPORTING send back."""
    if early is not None and lanes is not None:
        return _share_lanes(todo, lanes, course, theme, report, out_dir, early.lane, reported)
    if early is not None and todo:
        try:
            return _run_in_early_lane(todo, course, theme, report, out_dir, early)
        except _NotSent:
            early.close()  # the model could not be pickled: fork a lane the usual way
    elif early is not None:
        early.close()
    heavy = [s for s in todo if s.name in HEAVY_WRITERS]
    if _jobs() < 2 or len(heavy) < 1 or len(todo) < 2 or not _can_fork():
        return _render_here(todo, course, theme, report, out_dir)
    return _run_in_two_lanes(todo, course, theme, report, out_dir)


def _render_here(specs: list[WriterSpec], course: Course, theme: Theme, report: Report,
                 out_dir: Path) -> dict[str, dict[str, bytes]]:
    """`specs` rendered in this process, one after the other."""
    rendered = {}
    for spec in specs:
        report(f"  building {spec.name}…")
        rendered[spec.name], seconds = render_one(
            spec.module, course, theme, _writer_args(spec, out_dir))
        report(f"  built {spec.name} ({seconds:.2f} s)")
    return rendered


def _cost(spec: WriterSpec) -> float:
    return HEAVY_WRITERS.get(spec.name, 0.05)


def _balance(specs: list[WriterSpec], lanes: list[list[WriterSpec]], loads: list[float]
             ) -> None:
    """`specs`, heaviest first, each to the lane with less work so far (this one on a tie)."""
    for spec in sorted(specs, key=lambda s: -_cost(s)):
        lane = 0 if loads[0] <= loads[1] else 1
        lanes[lane].append(spec)
        loads[lane] += _cost(spec)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _preload(todo: list[WriterSpec]) -> None:
    for module in sorted({PRELOAD[s.name] for s in todo if s.name in PRELOAD}):
        importlib.import_module(module).preload()


def _run_in_two_lanes(
    todo: list[WriterSpec],
    course: Course,
    theme: Theme,
    report: Report,
    out_dir: Path,
) -> dict[str, dict[str, bytes]]:
    """Balance writers over this process and one forked worker by their usual cost."""
    from tall_teach.lanes import ForkedLane

    _preload(todo)

    lanes: list[list[WriterSpec]] = [[], []]
    _balance(todo, lanes, [0.0, 0.0])
    tasks = [(render_one, (s.module, course, theme, _writer_args(s, out_dir))) for s in lanes[1]]
    return _share_lanes(todo, lanes, course, theme, report, out_dir, ForkedLane(tasks))


def _share_lanes(
    todo: list[WriterSpec],
    lanes: list[list[WriterSpec]],
    course: Course,
    theme: Theme,
    report: Report,
    out_dir: Path,
    worker: ForkedLane,
    reported: list[Diagnostic] | None = None,
) -> dict[str, dict[str, bytes]]:
    """lanes[0] rendered here while `worker` renders lanes[1] (a writer submitted with
    `render_reporting` also sends warnings, into `reported`)."""
    with worker:
        rendered = _render_here(lanes[0], course, theme, report, out_dir)
        if lanes[0] and not worker.done():
            _give_back_memory()
        for spec, (files, seconds, *found) in zip(lanes[1], worker.results(), strict=True):
            rendered[spec.name] = files
            if found and reported is not None:
                reported.extend(found[0])
            report(f"  built {spec.name} ({seconds:.2f} s, in parallel)")
    return {s.name: rendered[s.name] for s in todo}


class _NotSent(Exception):
    """The tasks of the early lane could not be pickled."""


def _run_in_early_lane(
    todo: list[WriterSpec],
    course: Course,
    theme: Theme,
    report: Report,
    out_dir: Path,
    early: _Early,
) -> dict[str, dict[str, bytes]]:
    """The writers the early lane warmed up for there; the others balanced over both
    lanes by their usual cost."""
    lanes = _early_lanes(todo, out_dir, early.ahead)
    if not lanes[1]:
        early.close()
        return _render_here(lanes[0], course, theme, report, out_dir)
    if not _submit(lanes[1], course, theme, out_dir, early):
        raise _NotSent
    return _share_lanes(todo, lanes, course, theme, report, out_dir, early.lane)


def _early_lanes(todo: list[WriterSpec], out_dir: Path, ahead: frozenset[str]
                 ) -> list[list[WriterSpec]]:
    """[this process's writers, the early lane's]: those it warmed up for (`ahead`) there.
    A handout laid out from nothing (no chunk kept from an earlier build) takes the lane
    and a fork of it longer than everything else takes here: the other writers all run
    here then, but the quiz PDF, which the lane prints between two chunks
    (`lanes.meanwhile`) with WeasyPrint warm (this process would import it: 0.3 s of CPU
    beside the chunks); else the others are balanced over both lanes by their usual cost."""
    printing = [s for s in todo if s.name in ahead]
    handout = [s for s in printing if s.name == "handout"]
    chunks = out_dir / CHUNK_CACHES["handout"]
    cold = bool(handout) and not (chunks.is_dir() and any(chunks.iterdir()))
    lanes: list[list[WriterSpec]] = [[], printing]
    others = [s for s in todo if s.name not in ahead]
    if cold:
        lanes[0] += others
    else:
        _balance(others, lanes, [0.0, sum(_cost(s) for s in lanes[1])])
    return lanes


# Writers whose module's `prepare(course, theme)` makes part of their work in this
# process when they are sent to the early lane, given to their `render` as `prepared`:
# the handout's HTML (Jinja imported, its templates compiled: 0.06 s for T-ALL), which
# the lane would make after its warm-up, on the way of the PDF, is made while it warms
# up. Never later than the lane would have had it: it starts on the page at the end of
# its warm-up or when the page comes, whichever is later. Not when the lane is warm
# already (a long course read, 0.6 s for 1,000 slides): it would wait for the page
# (0.4 s) while it can make it, and this process go on with its own writers.
PREPARED_HERE = frozenset({"handout"})


def _prepared(spec: WriterSpec, course: Course, theme: Theme, lane_warm: bool = False
              ) -> dict[str, Any]:
    if spec.name not in PREPARED_HERE or lane_warm:
        return {}
    try:
        return {"prepared": importlib.import_module(spec.module).prepare(course, theme)}
    except Exception:  # the lane makes it again, and reports what fails there
        return {}


def _submit(specs: list[WriterSpec], course: Course, theme: Theme, out_dir: Path,
            early: _Early, reporting: frozenset[str] = frozenset(), last: bool = True) -> bool:
    """`specs` given to the early lane (those in `reporting` sending their warnings too;
    more to come unless `last`); False if they cannot be sent."""
    import pickle

    warm = early.lane.warmed()
    try:
        early.lane.submit([(render_reporting if s.name in reporting else render_one,
                            (s.module, course, theme,
                             {**_writer_args(s, out_dir), **_prepared(s, course, theme, warm)}))
                           for s in specs], last)
    except (pickle.PicklingError, TypeError, AttributeError, OSError):
        return False  # not picklable, or the lane died while warming up (a broken pipe)
    return True


def _start_early(chosen: _Selection, theme: Theme, out_dir: Path, early: _Early,
                 started: list[WriterSpec] | None = None) -> None:
    """The early lane's share of `chosen` started now (`chosen.lanes` says it is): the
    rest of it if it `started` on its first writers already."""
    lanes = _early_lanes(chosen.todo, out_dir, early.ahead)
    if started:
        names = {s.name for s in started}
        rest = [s for s in lanes[1] if s.name not in names]
        lanes = [[s for s in lanes[0] if s.name not in names], [*started, *rest]]
        reporting = frozenset(s.name for s in lanes[1]) & REPORTING
        if not _submit(rest, chosen.course, theme, out_dir, early, reporting):
            lanes = [[*lanes[0], *rest], list(started)]  # the lane is gone: they run here
        chosen.lanes = lanes
        chosen.reports_deck = bool(frozenset(s.name for s in lanes[1]) & REPORTING)
        return
    reporting = frozenset(s.name for s in lanes[1]) & REPORTING
    if lanes[1] and _submit(lanes[1], chosen.course, theme, out_dir, early, reporting):
        chosen.lanes = lanes
        chosen.reports_deck = bool(reporting)


TRIM_FROM_MIB = 128  # this process's peak from which `_give_back_memory` gives some back


def _give_back_memory() -> None:
    """What this process's writers freed, returned to the system while it waits for the
    other lane: python-pptx's XML is freed into malloc's heap, which keeps it (the
    1,000-slide deck: 200 MiB held to the end of the build, 70 MiB once trimmed). Not
    below TRIM_FROM_MIB (T-ALL's build peaks at 66 MiB here, a 200-slide course's at
    87): the collection would take 20-40 ms of the cores the other lane lays out on."""
    import gc
    import resource

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if peak_kib < TRIM_FROM_MIB * 1024:
        return
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory stays until the exit
        pass


def _write_outputs(
    course: Course,
    theme: Theme,
    rendered: dict[str, dict[str, bytes]],
    keys: dict[str, str],
    cache: BuildCache,
    out_dir: Path,
    fingerprint: str,
    result: BuildResult,
    manifest: Manifest | None = None,
) -> None:
    """Write all rendered files atomically, then CHANGES.md, then the cache record
    (`manifest`: the course's, if made already)."""
    from tall_teach.changes import changes_markdown, course_manifest
    from tall_teach.outputs import write_all, write_atomic

    files = {name: data for output in rendered.values() for name, data in output.items()}
    if manifest is None:
        manifest = course_manifest(course)
    changes = changes_markdown(course, cache.manifest, manifest)
    if changes is not None and (rendered or not cache.manifest):
        files["CHANGES.md"] = changes.encode("utf-8")
        result.changes = changes
    write_all(out_dir, files)
    try:
        for name, output in rendered.items():
            _remove_stale(out_dir, cache.outputs.get(name, {}).get("files", []), output)
            cache.outputs[name] = {"key": keys[name], "files": sorted(output)}
        cache.manifest = manifest
        cache.diagnostics = _to_record(result.warnings)
        cache.theme_files = _theme_files(theme)
        cache.inputs = fingerprint
        write_atomic(out_dir / CACHE_NAME, cache.to_bytes())
    except KeyboardInterrupt as exc:  # the outputs are new already: say so
        from tall_teach.outputs import InterruptedAfterWriting

        raise InterruptedAfterWriting from exc


def _remove_stale(out_dir: Path, previous: list[str], current: dict[str, bytes]) -> None:
    """A writer that no longer produces a file (renamed course) leaves no stale copy."""
    for name in previous:
        if name not in current:
            (out_dir / name).unlink(missing_ok=True)


__all__ = [
    "ONLY_CHOICES",
    "WRITERS",
    "BuildResult",
    "Diagnosis",
    "TallTeachError",
    "build",
    "check_course",
    "diagnose",
    "find_courses",
    "output_root",
    "select_writers",
]
