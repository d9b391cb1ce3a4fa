"""The build cache: which inputs each output was made from, so unchanged outputs are skipped."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_NAME = ".tall-teach-cache.json"


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_text(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def hash_file(path: Path) -> bytes:
    """SHA-256 of a file read in chunks: a 3 GB file costs time, never 3 GB of memory."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _resolves_inside(link: Path, inside: Path) -> bool:
    """False for a link leading out of `inside`, and for one that loops (resolve() raises)."""
    try:
        return link.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):
        return False


def hash_files(files: list[Path], base: Path | None = None) -> str:
    """One hash over names and contents; a file that vanished hashes as missing.

    Inside `base`, a symlink whose target lies outside it is hashed by the link text,
    never opened: content is untrusted and must not make us read files elsewhere.
    Only regular files are opened (a named pipe would block the build).
    """
    digest = hashlib.sha256()
    inside = base.resolve() if base else None
    for path in files:
        name = str(path.relative_to(base)) if base and path.is_relative_to(base) else str(path)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        if inside is not None and path.is_symlink() and not _resolves_inside(path, inside):
            digest.update(b"<link>" + os.fsencode(os.readlink(path)))
            continue
        try:
            digest.update(hash_file(path) if path.is_file() else b"<missing>")
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def file_digest(root: Path, relative: str) -> str:
    """Hex SHA-256 of a course file's bytes (as the reader's digest of what it read);
    a link out of the course by its text, a missing or special file as 'missing'."""
    path = root / relative
    if path.is_symlink() and not _resolves_inside(path, root.resolve()):
        return "link:" + os.readlink(path)
    try:
        return hash_file(path).hex() if path.is_file() else "missing"
    except OSError:
        return "missing"


def inputs_fingerprint(root: Path, inputs: list[tuple[str, str]], theme_files: list[str],
                       *salt: str) -> str:
    """One hash over the course files a build used and the theme files it could read.

    `inputs` are (course-relative path, hex digest of the bytes the reader read) pairs; an
    empty digest (an image, read again by the writers) means 'hash the file now'. Only
    these files count: a large file nobody names is never read, and an edit made while
    the reader had a file open is not mistaken for what the outputs were made from.
    """
    digest = hashlib.sha256()
    for part in salt:
        digest.update(part.encode("utf-8") + b"\0")
    for relative, read in sorted(inputs):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update((read or file_digest(root, relative)).encode("utf-8", "surrogateescape"))
    digest.update(hash_files([Path(p) for p in theme_files]).encode("ascii"))
    return digest.hexdigest()


def changed_inputs(root: Path, inputs: list[tuple[str, str]]) -> list[str]:
    """The inputs whose bytes on disk now differ from the digest recorded when read."""
    return [relative for relative, read in inputs if file_digest(root, relative) != read]


@dataclass
class BuildCache:
    """What the previous build of one course recorded in its output folder."""

    inputs: str = ""
    input_files: list[str] = field(default_factory=list)  # course-relative, what was used
    theme_files: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    manifest: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)  # repeated when up to date

    @classmethod
    def load(cls, out_dir: Path) -> BuildCache:
        try:
            data = json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(
            inputs=str(data.get("inputs", "")),
            input_files=[str(f) for f in data.get("input_files", [])],
            theme_files=list(data.get("theme_files", [])),
            outputs=dict(data.get("outputs", {})),
            manifest=dict(data.get("manifest", {})),
            diagnostics=list(data.get("diagnostics", [])),
        )

    def to_bytes(self) -> bytes:
        data = {
            "inputs": self.inputs,
            "input_files": self.input_files,
            "theme_files": self.theme_files,
            "outputs": self.outputs,
            "manifest": self.manifest,
            "diagnostics": self.diagnostics,
        }
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def output_is_current(self, writer: str, key: str, out_dir: Path) -> bool:
        """The writer's last key matches and every file it wrote is still there."""
        entry = self.outputs.get(writer)
        if not entry or entry.get("key") != key:
            return False
        return all((out_dir / name).is_file() for name in entry.get("files", []))

    def all_outputs_present(self, out_dir: Path) -> bool:
        return all(
            (out_dir / name).is_file()
            for entry in self.outputs.values()
            for name in entry.get("files", [])
        )


def write_entry(path: Path, data: bytes) -> None:
    """A cache entry written whole or not at all (temporary file, then rename), outside
    the outputs' Ctrl+C transaction: the cache is not an output, and a Ctrl+C while it is
    written is an interrupt during rendering (previous outputs kept), not after writing
    (laid-out handout chunks, subset fonts)."""
    import contextlib
    import os
    import tempfile

    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    WRITING.add(tmp)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.rename(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        WRITING.discard(tmp)


# Temporary files `write_entry` is writing now: a worker stopped by its parent (SIGTERM)
# removes them on its way out (`lanes`), where no `except` of this function would run.
WRITING: set[str] = set()


def remove_unfinished() -> None:
    """Remove the temporary files of entries being written (safe in a signal handler)."""
    import contextlib
    import os

    for tmp in list(WRITING):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


STALE_ENTRY_SECONDS = 600  # a temporary entry older than this is no write in progress


def stale_temporary(path: Path) -> bool:
    """A temporary file `write_entry` left behind (a lane killed outright while it wrote,
    skipping the cleanup): old enough that no build is still writing it."""
    import time

    if not (path.name.startswith(".") and path.name.endswith(".tmp")):
        return False
    try:
        return time.time() - path.stat().st_mtime > STALE_ENTRY_SECONDS
    except OSError:
        return False
