"""Atomic, all-or-nothing writing of a build's files: the last good outputs always survive."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from tall_teach.errors import OutputError


def _explain(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full; free some space and build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: permission denied; choose a writable folder with --out"
    if exc.errno in (errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
        return (f"cannot write {path}: {exc.strerror or exc}; a file or folder is in the way: "
                "move it, or choose another output folder with --out")
    return (f"cannot write {path}: {exc.strerror or exc}; check the output folder, "
            "or choose another with --out")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _stage(path: Path, data: bytes) -> str:
    """Write data to a fsynced temporary file beside path; return its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_explain(exc, path)) from None
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(_explain(exc, path)) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename into place."""
    write_all(path.parent, {path.name: data})


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """All or nothing: stage every file first, then rename them all with Ctrl+C held back.

    A failure while staging (disk full, interrupt) removes the staged files and
    leaves every previous output untouched; Ctrl+C while renaming finishes the
    renames, then raises InterruptedAfterWriting.
    """
    root = out_dir.resolve()
    targets: list[tuple[Path, bytes]] = []
    for relative in sorted(files):
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise OutputError(f"refusing to write {relative!r} outside {root}")
        targets.append((target, files[relative]))
    for target, _data in targets:
        if target.is_dir():  # found before anything is replaced, so nothing changes
            raise OutputError(_explain(OSError(errno.EISDIR, "a folder has its name"), target))
    staged: list[tuple[str, Path]] = []
    # Ctrl+C is caught by a flag for the whole section, so no KeyboardInterrupt can land
    # between mkstemp and its bookkeeping: while staging it aborts cleanly (previous
    # outputs kept); while renaming it waits until every output is in place.
    with _interrupts_held() as pressed:
        try:
            for target, data in targets:
                staged.append((_stage(target, data), target))
                if pressed:
                    raise KeyboardInterrupt
        except BaseException:
            for tmp, _target in staged:
                _remove_quietly(tmp)
            raise
        for index, (tmp, target) in enumerate(staged):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                for leftover, _target in staged[index:]:
                    _remove_quietly(leftover)
                raise OutputError(_explain(exc, target)) from None
    return [t for t, _ in targets]


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl+C arrived while outputs were written: they were finished first, all new."""


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[object]]:
    """Defer SIGINT while renaming, so Ctrl+C cannot leave a mix of old and new outputs."""
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    pressed: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *args: pressed.append(args))
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise InterruptedAfterWriting


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
