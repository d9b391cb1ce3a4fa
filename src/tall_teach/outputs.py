"""Atomic, all-or-nothing writing of a build's files: the last good outputs always survive."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from tall_teach.errors import OutputError


def _explain(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full; free some space and build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: permission denied; choose a writable folder with --out"
    return f"cannot write {path}: {exc.strerror or exc}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_explain(exc, path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(_explain(exc, path)) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file atomically, in a stable order. Paths must stay inside out_dir."""
    root = out_dir.resolve()
    targets: list[tuple[Path, bytes]] = []
    for relative in sorted(files):
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise OutputError(f"refusing to write {relative!r} outside {root}")
        targets.append((target, files[relative]))
    for target, data in targets:
        write_atomic(target, data)
    return [t for t, _ in targets]


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
