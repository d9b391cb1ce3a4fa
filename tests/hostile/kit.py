"""The hostile corpus: cases as folders with an expect.yaml, the generators for inputs that
must not be stored in git, and running the real CLI on them.

Every case folder under corpus/ is a complete small course plus `expect.yaml`. A case whose
input cannot live in git (5 MB, invalid UTF-8, symlinks, a bomb PNG) names a `generate:`
function below that rewrites its copy at test time.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tall_teach import pipeline

from .round2 import GENERATORS as ROUND_TWO
from .round2 import append as _append
from .round2 import module_file as _module

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GOOD_COURSE = HERE / "good-course"
AUDITED_BUILD = HERE / "audited_build.py"
REPO = HERE.parents[1]
COURSE_NAME = "course"  # every case is copied to <tmp>/<case>/course: outputs are out/course/


@dataclass(frozen=True)
class ExpectedError:
    """One diagnostic the build must print: where (file:line, or None) and what it says."""

    at: str | None
    says: str
    fix: str


@dataclass(frozen=True)
class Case:
    """One corpus case as its expect.yaml describes it."""

    name: str
    folder: Path
    what: str
    outcome: str  # "error" or "ok"
    errors: tuple[ExpectedError, ...] = ()
    warnings: tuple[str, ...] = ()
    slides: tuple[str, ...] = ()  # literally in handout.html and the deck
    quiz: tuple[str, ...] = ()  # literally in quiz.html, moodle.xml, QTI and GIFT
    only: tuple[str, ...] = ()
    generate: str = ""
    audit: bool = False
    bug: str = ""  # a known bug in someone else's code: the case is xfail(strict) until fixed
    audit_bug: str = ""  # the same, for the audited run only (files read, network, processes)
    max_seconds: float = 60.0
    unopened: tuple[str, ...] = ()  # course files the (audited) build must never open
    extra: dict[str, Any] = field(default_factory=dict)


def load_case(folder: Path) -> Case:
    data = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
    errors = tuple(ExpectedError(e.get("at"), e["says"], e.get("fix", ""))
                   for e in data.pop("errors", []))
    known = {"what", "outcome", "warnings", "slides", "quiz", "only", "generate", "audit", "bug",
             "audit_bug", "max_seconds", "unopened"}
    unknown = set(data) - known
    assert not unknown, f"{folder.name}/expect.yaml: unknown keys {sorted(unknown)}"
    tuples = {k: tuple(data.pop(k)) for k in ("warnings", "slides", "quiz", "only", "unopened")
              if k in data}
    return Case(name=folder.name, folder=folder, errors=errors, **tuples, **data)


def all_cases() -> list[Case]:
    return [load_case(p) for p in sorted(CORPUS.iterdir()) if (p / "expect.yaml").is_file()]


def materialise(case: Case, workdir: Path) -> Path:
    """Copy the case's course to workdir/course (symlinks kept) and run its generator."""
    root = workdir / COURSE_NAME
    shutil.copytree(case.folder, root, symlinks=True, ignore=shutil.ignore_patterns("expect.yaml"))
    if case.generate:
        GENERATORS[case.generate](root)
    return root


# --- generators: inputs that are built at test time --------------------------------------


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A 1-bit PNG whose header claims width x height, with a few bytes of data: a bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def truncated_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()[:300]


def outside_secret(root: Path) -> Path:
    """A file beside the course folder, outside it: what a hostile symlink points at."""
    secret = root.parent / "outside" / "secret.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("a private file that no build may read\n", encoding="utf-8")
    return secret


def gen_invalid_utf8(root: Path) -> None:
    """A Latin-1 'é' (byte 0xE9) on line 7 of the module."""
    data = _module(root).read_bytes()
    _module(root).write_bytes(data.replace(b"Steeping basics", b"Steeping b\xe9sics", 1))


def gen_bom(root: Path) -> None:
    for path in (root / "course.yaml", _module(root), root / "references.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def gen_crlf(root: Path) -> None:
    for path in (root / "course.yaml", _module(root), root / "references.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


PARAGRAPH = ("Neutral filler about tea leaves, water and cups, repeated to make a large "
             "module that a careless copy from a paper could produce. ") * 6


def big_module_text(megabytes: float = 5.0) -> str:
    """About `megabytes` MB of Markdown: slides of five long paragraphs each."""
    slide = "".join(f"{PARAGRAPH}\n\n" for _ in range(5))
    count = int(megabytes * 1_000_000 / len(slide)) + 1
    return "".join(f"\n## Filler slide {i}\n\n{slide}" for i in range(count))


def gen_big_module(root: Path) -> None:
    _append(root, big_module_text())
    assert _module(root).stat().st_size > 5_000_000


def gen_many_items(root: Path) -> None:
    _append(root, "\n## Ten thousand items\n\n" + "".join(f"- item {i}\n" for i in range(10_000)))


def gen_deep_list(root: Path) -> None:
    _append(root, "\n## Fifty levels\n\n" + "".join(f"{'  ' * i}- level {i}\n" for i in range(50)))


def gen_truncated_image(root: Path) -> None:
    (root / "figures" / "dot.png").write_bytes(truncated_png())


def gen_bomb_image(root: Path) -> None:
    (root / "figures" / "dot.png").write_bytes(png_claiming(100_000, 100_000))


def gen_symlink_out(root: Path) -> None:
    link = root / "figures" / "dot.png"
    link.unlink()
    link.symlink_to(outside_secret(root))


def gen_unused_symlink_out(root: Path) -> None:
    """A symlink out of the course that no module names: nothing should ever open it."""
    (root / "figures" / "notes.txt").symlink_to(outside_secret(root))


def gen_module_symlink_out(root: Path) -> None:
    secret = outside_secret(root).with_name("outside.md")
    secret.write_text("## A slide from outside\n\nprivate text\n", encoding="utf-8")
    (root / "modules" / "two.md").symlink_to(secret)


def gen_symlink_loop(root: Path) -> None:
    """figures/dot.png -> loop.png -> dot.png."""
    link = root / "figures" / "dot.png"
    link.unlink()
    link.symlink_to("loop.png")
    (root / "figures" / "loop.png").symlink_to("dot.png")


def gen_unused_symlink_loop(root: Path) -> None:
    (root / "figures" / "a.png").symlink_to("b.png")
    (root / "figures" / "b.png").symlink_to("a.png")


def gen_fifo_image(root: Path) -> None:
    """A named pipe where the image belongs: opening it for reading would block forever."""
    image = root / "figures" / "dot.png"
    image.unlink()
    os.mkfifo(image)


def gen_theme_in_course(root: Path) -> None:
    """A copy of the default theme inside the course, its handout template made hostile."""
    from tall_teach.theme import theme_search_path

    default = next(p / "default" for p in theme_search_path() if (p / "default").is_dir())
    shutil.copytree(default, root / "mytheme")
    template = root / "mytheme" / "handout" / "handout.html.j2"
    payload = "{{ cycler.__init__.__globals__.os.system('true') }}\n"
    template.write_text(payload + template.read_text(encoding="utf-8"), encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "invalid_utf8": gen_invalid_utf8,
    "bom": gen_bom,
    "crlf": gen_crlf,
    "big_module": gen_big_module,
    "many_items": gen_many_items,
    "deep_list": gen_deep_list,
    "truncated_image": gen_truncated_image,
    "bomb_image": gen_bomb_image,
    "symlink_out": gen_symlink_out,
    "unused_symlink_out": gen_unused_symlink_out,
    "module_symlink_out": gen_module_symlink_out,
    "symlink_loop": gen_symlink_loop,
    "unused_symlink_loop": gen_unused_symlink_loop,
    "fifo_image": gen_fifo_image,
    "theme_in_course": gen_theme_in_course,
    **ROUND_TWO,
}


# --- running the CLI -----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str
    events: tuple[tuple[str, str], ...] = ()  # (kind, detail) from the audited build


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env["COLUMNS"] = "200"
    env["SOURCE_DATE_EPOCH"] = "1800000000"  # the clock that dates edited Anki notes
    return env


def build_args(course: Path, out: Path, only: tuple[str, ...] = ()) -> list[str]:
    args = ["build", str(course), "--out", str(out)]
    return [*args, "--only", ",".join(only)] if only else args


def run_cli(args: list[str], timeout: float = 120) -> Run:
    """`python -m tall_teach ARGS` in a subprocess, as a user runs it."""
    done = subprocess.run([sys.executable, "-m", "tall_teach", *args], capture_output=True,
                          text=True, timeout=timeout, env=cli_env(), check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def run_audited(args: list[str], report: Path, timeout: float = 120) -> Run:
    """The same CLI, in a process whose audit hooks record every file opened and socket used."""
    done = subprocess.run([sys.executable, str(AUDITED_BUILD), str(report), "--", *args],
                          capture_output=True, text=True, timeout=timeout, env=cli_env(),
                          check=False)
    recorded = json.loads(report.read_text(encoding="utf-8"))
    events = tuple((kind, detail) for kind, detail in recorded["events"])
    return Run(done.returncode, done.stdout, done.stderr, events)


# The writers' caches (laid-out handout chunks, subset fonts): kept by input, not outputs.
CHUNK_CACHES = frozenset(pipeline.CHUNK_CACHES.values())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (relative path -> bytes); the 'previous outputs'. The
    writers' caches are left out: entries of an interrupted build are keyed by their
    inputs and reused."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()
            and not CHUNK_CACHES.intersection(p.relative_to(folder).parts)}


def leftovers(*folders: Path) -> list[str]:
    """Staged files a build left behind (outputs.py stages as .<name>.<random>.tmp)."""
    return [str(p) for f in folders if f.is_dir() for p in f.rglob("*") if p.name.endswith(".tmp")]


# --- what a build may read -----------------------------------------------------------------

SYSTEM_READS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "/var/cache/fontconfig",
                "/usr/share/zoneinfo", "/etc/localtime", "/etc/mime.types", "/dev", "/proc/self",
                "/usr/share/mime", os.path.expanduser("~/.cache/fontconfig"),
                os.path.expanduser("~/.fonts"))


def python_roots() -> list[str]:
    import tall_teach

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             str(Path(tall_teach.__file__).resolve().parent)}
    return [os.path.realpath(r) for r in roots]


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def outside_reads(events: tuple[tuple[str, str], ...], allowed: list[Path],
                  forbidden: list[Path]) -> list[str]:
    """Opened or listed paths outside the allowed folders (symlinks resolved).

    `forbidden` folders (the test's own temporary tree, where the hostile symlinks point)
    win over the general allowance for the system temporary folder.
    """
    import tempfile

    own = [os.path.realpath(p) for p in allowed]
    banned = [os.path.realpath(p) for p in forbidden]
    general = [*python_roots(), *SYSTEM_READS, os.path.realpath(tempfile.gettempdir())]
    bad = []
    for kind, detail in events:
        if kind not in ("open", "list"):
            continue
        real = os.path.realpath(detail)
        if _under(real, own):
            continue
        if _under(real, banned) or not _under(real, general):
            bad.append(f"{kind} {detail} -> {real}" if real != detail else f"{kind} {detail}")
    return sorted(set(bad))


# ctypes.util.find_library (WeasyPrint loading pango and fontconfig) asks these tools where
# a shared library is: the only processes a build may start.
LIBRARY_LOOKUPS = ("ldconfig", "gcc", "cc", "ld", "objdump", "x86_64-linux-gnu-gcc")


def _library_lookup(command: str) -> bool:
    words = command.split()
    return bool(words) and os.path.basename(words[0]) in LIBRARY_LOOKUPS and all(
        w.startswith(("-l", "-W", "-t", "-o", "-p", "/tmp/", "/dev/null")) or w == words[0]
        for w in words[1:])


def network_or_processes(events: tuple[tuple[str, str], ...], allowed: list[Path]) -> list[str]:
    """Sockets, URLs other than data: and file: inside allowed folders, processes started."""
    own = [os.path.realpath(p) for p in allowed]
    bad = []
    for kind, detail in events:
        if kind == "socket":
            bad.append(detail)
        elif kind == "url" and not detail.startswith("data:"):
            path = detail.removeprefix("file://")
            if path == detail or not _under(os.path.realpath(path), own):
                bad.append(f"url {detail[:120]}")
        elif kind == "process" and not _library_lookup(detail):
            bad.append(f"process {detail}")
    return bad


def theme_roots(course: Path) -> list[Path]:
    """The default theme folder(s) a build may read besides the course's own folder."""
    from tall_teach.theme import theme_search_path

    return [p / "default" for p in theme_search_path() if (p / "default").is_dir()]
