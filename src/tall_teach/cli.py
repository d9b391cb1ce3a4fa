"""The command line: parse arguments, call the pipeline, turn errors into clear messages."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from tall_teach import __version__

ONLY_HELP = (
    "Comma-separated outputs: pptx, handout, quiz, dump, "
    "or a quiz format (html, moodle, gift, qti, pdf, anki)."
)


def _fail(message: str, status: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(status)


def _parse_only(value: tuple[str, ...]) -> list[str]:
    from tall_teach.pipeline import ONLY_CHOICES

    kinds = [k.strip() for v in value for k in v.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in ONLY_CHOICES]
    if unknown:
        raise click.BadParameter(
            f"unknown output {unknown[0]!r}; choose from {', '.join(ONLY_CHOICES)}",
            param_hint="--only",
        )
    return kinds


def _courses(paths: tuple[Path, ...]) -> list[Path]:
    from tall_teach.pipeline import find_courses

    courses = find_courses(paths)
    if not courses:
        raise click.UsageError(
            "no course given: name a course folder (one with a course.yaml), or run this "
            "inside one, or in a folder with content/<course>/course.yaml")
    for course in courses:
        if not (course / "course.yaml").is_file():
            raise click.UsageError(f"{course} is not a course folder (it has no course.yaml)")
    return courses


def _reporter() -> Callable[[str], None]:
    """Plain lines in CI and pipes; on a terminal, one progress line rewritten in place."""
    if not sys.stdout.isatty():
        return lambda line: None if line.endswith("…") else click.echo(line)

    def progress(line: str) -> None:
        click.echo(f"\r\033[K{line.strip()}", nl=False)

    return progress


def _show(course_dir: Path, diagnostic: object) -> str:
    """`path:line: severity: message`, the path as the user can open it."""
    source = getattr(diagnostic, "source", None)
    severity = getattr(diagnostic, "severity", "error")
    message = getattr(diagnostic, "message", str(diagnostic))
    if source is None:
        return f"{course_dir}: {severity}: {message}"
    where = course_dir / source.path if source.path else course_dir
    line = f":{source.line}" if source.line else ""
    return f"{where}{line}: {severity}: {message}"


def _internal_error(course_dir: Path, exc: Exception) -> str:
    """One clear line for an exception that is a bug in tall-teach, not in the course.

    The traceback is shown only with TALL_TEACH_DEBUG=1: an author cannot act on it, and
    a build that fails this way has replaced no output (they are renamed into place only
    once every one has rendered).
    """
    import os
    import traceback

    if os.environ.get("TALL_TEACH_DEBUG"):
        traceback.print_exception(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = f"{type(exc).__name__}: {lines[-1][:300]}" if lines else type(exc).__name__
    return (f"{course_dir}: internal error ({detail}): this is a bug in tall-teach, not a "
            "mistake in the course; please report it with the course "
            "(TALL_TEACH_DEBUG=1 shows the details)")


def _check_out_folder(course_dir: Path, out: Path) -> None:
    """Refuse an output folder that is the course folder or holds it: outputs such as
    CHANGES.md or quiz/ would land among the sources and could overwrite the author's."""
    target = (out / course_dir.resolve().name).resolve()
    course = course_dir.resolve()
    if course == target or course.is_relative_to(target):
        raise click.UsageError(
            f"--out {out} would write the outputs of {course_dir} into the course folder "
            "itself: choose a folder outside the course (the default is build/)")


def _exit_interrupted() -> None:
    """Exit 130 at once. Not sys.exit: a Ctrl+C that lands inside an eval() (cssselect2
    compiles WeasyPrint's selectors that way) makes CPython 3.11 believe it went unhandled,
    and the interpreter then kills itself with SIGINT at exit although we handled it."""
    import multiprocessing
    import os

    for child in multiprocessing.active_children():  # a worker forked a moment ago
        child.terminate()
        child.join()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def _quiet_late_interrupts() -> None:
    """A Ctrl+C that lands in a finaliser (WeasyPrint's font configuration, collected while
    Python shuts down after the outputs are in place) is reported by Python as "Exception
    ignored in …" with a traceback: it interrupts nothing, so it is not shown."""
    default = sys.unraisablehook
    if getattr(default, "tall_teach", False):
        return  # installed already

    def hook(unraisable: object) -> None:
        if not isinstance(getattr(unraisable, "exc_value", None), KeyboardInterrupt):
            default(unraisable)  # type: ignore[arg-type]

    hook.tall_teach = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook


def _echo_diagnostics(course_dir: Path, diagnostics: list[object], err: bool) -> None:
    """The one way check, build and watch print problems: `path:line: severity: message`."""
    for diagnostic in diagnostics:
        click.echo(_show(course_dir, diagnostic), err=err)


def _counts(diagnostics: list[object]) -> str:
    """'2 errors, 1 warning' (and notes when there are some), the summary of check."""
    errors = sum(getattr(d, "severity", "") == "error" for d in diagnostics)
    warnings = sum(getattr(d, "severity", "") == "warning" for d in diagnostics)
    notes = sum(getattr(d, "severity", "") == "note" for d in diagnostics)
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return summary + (f", {notes} note{'s' * (notes != 1)}" if notes else "")


def _left_as_is(out_dir: Path) -> str:
    """What a failed build left: previous outputs only when there are some."""
    from tall_teach.cache import CACHE_NAME

    if (out_dir / CACHE_NAME).is_file():
        return "previous outputs are left as they were"
    return "nothing was written"


OUT_HELP = ("Folder the outputs go under (DIR/<course folder name>/). "
            "Default: build/ beside the course (beside content/ for content/<course>).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tall-teach")
def main() -> None:
    """Turn a Markdown course into a lecture deck, a handout and quizzes.

    COURSE is a course folder (with a course.yaml); where omitted, the current folder if
    it is a course, else every course under ./content/. Outputs go to a build/ folder
    beside the course: build/<course folder name>/.
    """


@main.command()
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False),
              default=None, help=OUT_HELP)
@click.option("--only", multiple=True, help=ONLY_HELP)
@click.option("--force", is_flag=True, help="Rebuild every output, even if nothing changed.")
@click.option("--strict", is_flag=True,
              help="Fail on warnings, as check --strict does; then nothing is written.")
def build(courses: tuple[Path, ...], out: Path | None, only: tuple[str, ...], force: bool,
          strict: bool) -> None:
    """Build the deck, handout and quizzes of each COURSE.

    Prints the same warnings as check (again when the outputs are up to date).
    """
    _quiet_late_interrupts()
    from tall_teach.errors import ContentError, TallTeachError
    from tall_teach.pipeline import build as build_course
    from tall_teach.pipeline import output_root

    kinds = _parse_only(only)
    failed = False
    report = _reporter()
    selected = _courses(courses)
    for course_dir in selected:
        _check_out_folder(course_dir, output_root(course_dir, out))
    for course_dir in selected:
        started = time.perf_counter()
        root = output_root(course_dir, out)
        try:
            result = build_course(course_dir, root, kinds, force=force, report=report,
                                  strict=strict)
        except KeyboardInterrupt as exc:
            from tall_teach.outputs import InterruptedAfterWriting

            kept = ("the new outputs were already in place (the cache was not updated)"
                    if isinstance(exc, InterruptedAfterWriting) else "previous outputs kept")
            click.echo(f"\n{course_dir}: interrupted; nothing half-written, {kept}", err=True)
            _exit_interrupted()
        except ContentError as exc:
            _clear_progress()
            _echo_diagnostics(course_dir, exc.diagnostics, err=True)
            out_dir = root / course_dir.resolve().name
            click.echo(f"{course_dir}: build failed ({_counts(exc.diagnostics)}); "
                       f"{_left_as_is(out_dir)}", err=True)
            failed = True
            continue
        except TallTeachError as exc:
            _clear_progress()
            click.echo(f"{course_dir}: error: {exc}", err=True)
            failed = True
            continue
        except Exception as exc:  # a bug of ours: a clear line, not a traceback
            _clear_progress()
            click.echo(_internal_error(course_dir, exc), err=True)
            failed = True
            continue
        _clear_progress()
        _echo_diagnostics(course_dir, result.warnings, err=True)
        elapsed = time.perf_counter() - started
        if result.strict_failed:
            click.echo(f"{course_dir}: --strict: {_counts(result.warnings)}; not built, "
                       f"{_left_as_is(result.out_dir)}", err=True)
            failed = True
        elif result.up_to_date:
            click.echo(f"{course_dir}: up to date ({result.out_dir}, {elapsed:.2f} s)")
        else:
            click.echo(f"{course_dir}: built {len(result.written)}, skipped "
                       f"{len(result.skipped)} into {result.out_dir} ({elapsed:.2f} s)")
    _no_collection_at_exit()
    if failed:
        sys.exit(1)


def _no_collection_at_exit() -> None:
    """The objects left are frozen, so that Python does not search them for reference
    cycles when it exits (60-70 ms after a build, which every build waited for: a cold
    T-ALL build's, a one-module edit's, a deck-only build's): the system frees the
    process's memory at once. Nothing left needs a collection to clean up: WeasyPrint's
    font folders are removed when the documents are done (`htmlkit.pdf`), the lanes'
    files are closed, and the outputs are in place."""
    import gc

    gc.freeze()


def _clear_progress() -> None:
    if sys.stdout.isatty():
        click.echo("\r\033[K", nl=False)


@main.command()
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (notes never fail).")
def check(courses: tuple[Path, ...], strict: bool) -> None:
    """Report every problem in each COURSE, one per line, without building.

    Finds what build finds: build prints the same lines.
    """
    from tall_teach.errors import Diagnostic, TallTeachError
    from tall_teach.pipeline import check_course

    found: list[object] = []
    for course_dir in _courses(courses):
        try:
            diagnostics = check_course(course_dir)
        except TallTeachError as exc:
            click.echo(f"{course_dir}: error: {exc}")
            found.append(Diagnostic("error", None, str(exc)))
            continue
        except Exception as exc:  # a bug of ours: a clear line, not a traceback
            click.echo(_internal_error(course_dir, exc))
            found.append(Diagnostic("error", None, "internal error"))
            continue
        _echo_diagnostics(course_dir, diagnostics, err=False)
        found += diagnostics
    click.echo(_counts(found))
    _no_collection_at_exit()
    severities = {getattr(d, "severity", "") for d in found}
    if "error" in severities or (strict and "warning" in severities):
        sys.exit(1)


@main.command()
@click.argument("course", type=click.Path(path_type=Path, file_okay=False))
@click.option("--with-quiz", is_flag=True, help="Include the generated quiz items.")
def dump(course: Path, with_quiz: bool) -> None:
    """Print the course model as JSON (what every writer sees)."""
    from tall_teach.errors import ContentError, TallTeachError
    from tall_teach.reader import read_course
    from tall_teach.writers.dump import dump_json

    _courses((course,))
    try:
        model, _warnings = read_course(course)
        if with_quiz:
            from tall_teach.quiz import generate_items

            model, _ = generate_items(model)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(_show(course, diagnostic), err=True)
        sys.exit(1)
    except TallTeachError as exc:
        _fail(f"{course}: error: {exc}")
    except Exception as exc:  # a bug of ours: a clear line, not a traceback
        _fail(_internal_error(course, exc))
    click.echo(dump_json(model), nl=False)


@main.command()
@click.argument("path", type=click.Path(path_type=Path, file_okay=False))
@click.option("--dir", "parent", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Folder to create PATH in (default: the current folder).")
def new(path: Path, parent: Path | None) -> None:
    """Create a new course folder PATH from an example that uses every block.

    PATH may be anywhere (tall-teach new ~/teaching/my-course); its last part becomes the
    course's name and the name of its outputs.
    """
    from tall_teach.errors import TallTeachError
    from tall_teach.pipeline import output_root
    from tall_teach.scaffold import create_course

    target_path = parent / path if parent is not None else path
    try:
        target = create_course(target_path.parent, target_path.name)
    except TallTeachError as exc:
        _fail(f"error: {exc}", 2)
    out = output_root(target) / target.name
    click.echo(f"created {target}: edit {target / 'course.yaml'} and {target / 'modules'}/, "
               f"then run: tall-teach check {target} and tall-teach build {target} "
               f"(outputs in {out}/)")


@main.command()
@click.argument("course", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False),
              default=None, help=OUT_HELP)
@click.option("--only", multiple=True, help=ONLY_HELP)
@click.option("--timeout", type=float, default=0, help="Stop after this many seconds (0: never).")
def watch(course: Path | None, out: Path | None, only: tuple[str, ...], timeout: float) -> None:
    """Build COURSE, then rebuild it whenever one of its files (or its theme) is saved.

    Prints the build's warnings and errors each time; content errors never stop watching.
    Stop with Ctrl+C.
    """
    from tall_teach.pipeline import output_root
    from tall_teach.watch import watch_courses

    kinds = _parse_only(only)
    courses = _courses((course,) if course else ())
    for course_dir in courses:
        _check_out_folder(course_dir, output_root(course_dir, out))
    watch_courses(courses, out, kinds, timeout=timeout, echo=click.echo)


@main.command()
@click.argument("course", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Folder the quiz outputs rebuild under (as for build).")
@click.option("--port", type=int, default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option("--reviewer", default="", help="Name stored with each decision (default: "
              "your user name).")
@click.option("--timeout", type=float, default=0, help="Stop after this many seconds (0: never).")
def review(course: Path, out: Path | None, port: int, open_browser: bool, reviewer: str,
           timeout: float) -> None:
    """Review COURSE's quiz items in a local web page; decisions go to quiz-review.yaml."""
    import getpass

    from tall_teach.errors import ContentError, TallTeachError
    from tall_teach.pipeline import output_root
    from tall_teach.review.server import ReviewSession, serve

    _courses((course,))
    root = output_root(course, out)
    _check_out_folder(course, root)
    session = ReviewSession(course, root, reviewer or getpass.getuser())
    try:
        serve(session, port, open_browser, timeout, click.echo)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(_show(course, diagnostic), err=True)
        sys.exit(1)
    except (TallTeachError, OSError) as exc:
        _fail(f"{course}: error: {exc}")


@main.command()
@click.argument("course", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the slides in the browser.")
def preview(course: Path, port: int, open_browser: bool) -> None:
    """Serve COURSE's slides, handout and quiz on 127.0.0.1; reload them on every save.

    The page stays on its slide after a reload; a content error shows over the last good
    version with its file and line. Stop with Ctrl+C.
    """
    from tall_teach.errors import TallTeachError
    from tall_teach.preview import serve

    try:
        serve(course, port=port, open_browser=open_browser, echo=click.echo)
    except TallTeachError as exc:
        _fail(f"{course}: error: {exc}", 2)


@main.command()
@click.argument("course", type=click.Path(path_type=Path, file_okay=False))
@click.argument("results", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Folder the outputs go under (as for build).")
@click.option("--names", is_flag=True, help="Show learners' names and scores in report.html.")
def analyze(course: Path, results: tuple[Path, ...], out: Path | None, names: bool) -> None:
    """Item analysis of COURSE's quiz from RESULTS exports (Moodle, Canvas, quiz.html CSV)."""
    from tall_teach.analysis import analyze_course
    from tall_teach.analysis.run import findings_as_diagnostics
    from tall_teach.errors import ContentError, TallTeachError
    from tall_teach.pipeline import output_root

    _courses((course,))
    root = output_root(course, out)
    _check_out_folder(course, root)
    try:
        folder, analysis, done = analyze_course(course, list(results), root, names)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(_show(course, diagnostic), err=True)
        _fail(f"{course}: analysis failed; nothing was written")
    except TallTeachError as exc:
        _fail(f"{exc}\n{course}: analysis failed; nothing was written")
    for diagnostic in findings_as_diagnostics(analysis):
        click.echo(_show(course, diagnostic))
    quiz = analysis.quiz
    kr20 = f", KR-20 {quiz.kr20:.2f}" if quiz.kr20 is not None else ""
    click.echo(f"{course}: analysed {len(analysis.items)} items, "
               f"{len(analysis.cohort.learners)} learners{kr20}: {folder / 'report.html'}")
    for line in done:
        click.echo(f"{course}: {line}")


@main.group()
def theme() -> None:
    """Make and manage themes."""


@theme.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The institution's template (.pptx).")
@click.option("--dir", "parent", type=click.Path(path_type=Path, file_okay=False),
              default=Path("themes"), show_default=True, help="Folder to create the theme in.")
def theme_new(name: str, source: Path, parent: Path) -> None:
    """Create theme NAME: the default theme with the deck template SOURCE, layouts mapped."""
    from tall_teach.errors import TallTeachError
    from tall_teach.writers.pptx.newtheme import create_theme

    try:
        target, report = create_theme(name, source, parent)
    except TallTeachError as exc:
        _fail(f"error: {exc}", 2)
    for line in report:
        click.echo(f"  {line}")
    click.echo(f"created {target}: set 'theme: {name}' in a course.yaml (or a path to the "
               f"folder, relative to the course), then build and look at the deck")
