"""`tall-teach watch`: rebuild on save, survive content errors, report what was rebuilt."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from tall_teach.errors import ContentError, Diagnostic, TallTeachError


def _line(course_dir: Path, diagnostic: Diagnostic) -> str:
    """`path:line: severity: message`, as check and build print it."""
    if diagnostic.source is None:
        return f"{course_dir}: {diagnostic.severity}: {diagnostic.message}"
    line = f":{diagnostic.source.line}" if diagnostic.source.line else ""
    return f"{course_dir / diagnostic.source.path}{line}: {diagnostic.severity}: " \
        f"{diagnostic.message}"


def build_once(
    course_dir: Path, out: Path | None, only: list[str], echo: Callable[[str], None]
) -> bool:
    """One incremental build; errors are printed, never raised, so watching goes on."""
    from tall_teach.pipeline import build, output_root

    started = time.perf_counter()
    try:
        result = build(course_dir, output_root(course_dir, out), only, report=echo)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            echo(_line(course_dir, diagnostic))
        echo(f"{course_dir}: not rebuilt (fix the errors above; previous outputs kept)")
        return False
    except TallTeachError as exc:
        echo(f"{course_dir}: error: {exc}")
        return False
    for diagnostic in result.warnings:
        echo(_line(course_dir, diagnostic))
    elapsed = time.perf_counter() - started
    if result.up_to_date:
        echo(f"{course_dir}: up to date ({elapsed:.2f} s)")
    else:
        rebuilt = ", ".join(result.written) or "nothing"
        echo(f"{course_dir}: rebuilt {rebuilt} into {result.out_dir} in {elapsed:.2f} s")
    return True


def _theme_dirs(course_dir: Path) -> list[Path]:
    try:
        import yaml

        from tall_teach.theme import load_theme

        data = yaml.safe_load((course_dir / "course.yaml").read_text(encoding="utf-8")) or {}
        return list(load_theme(str(data.get("theme", "default")), course_dir).roots)
    except Exception:  # a broken course.yaml is reported by the build itself
        return []


def watch_courses(
    courses: list[Path],
    out: Path | None,
    only: list[str],
    timeout: float = 0,
    echo: Callable[[str], None] = print,
) -> None:
    """Build every course, then rebuild the ones whose files change until stopped."""
    from watchfiles import watch

    for course in courses:
        build_once(course, out, only, echo)
    folders = {c.resolve(): c for c in courses}
    watched = [*folders, *(d for c in courses for d in _theme_dirs(c))]
    stop = threading.Event()
    if timeout > 0:
        threading.Timer(timeout, stop.set).start()
    echo(f"watching {', '.join(str(c) for c in courses)} (Ctrl+C to stop)")
    try:
        for changes in watch(*watched, stop_event=stop, debounce=200, rust_timeout=500):
            paths = [Path(p).resolve() for _, p in changes]
            touched = [c for r, c in folders.items() if any(p.is_relative_to(r) for p in paths)]
            for course in touched or courses:  # a theme change rebuilds every course
                build_once(course, out, only, echo)
    except KeyboardInterrupt:
        echo("stopped watching")
