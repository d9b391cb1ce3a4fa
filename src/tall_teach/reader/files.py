"""Course files: UTF-8 decoding and paths that must stay inside the course folder."""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
import re
from pathlib import Path

from tall_teach.reader.diagnostics import Collector

MAX_TEXT_BYTES = 20 * 1024 * 1024

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def decode_text(data: bytes, path: str, collector: Collector) -> str | None:
    """UTF-8 text with a BOM stripped and CRLF/CR line ends made LF; None if not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        collector.error(
            path,
            line,
            f"{path} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "save the file with UTF-8 encoding",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hard_linked(real: Path) -> bool:
    """A regular file with more than one name: another name may lie anywhere on the disk.

    A course copied from elsewhere must not smuggle in, say, a hard link to another
    user's file: realpath() cannot see it. TALL_TEACH_ALLOW_HARDLINKS=1 accepts them for
    a trusted course kept in a store that deduplicates by hard links.
    """
    if os.environ.get("TALL_TEACH_ALLOW_HARDLINKS") == "1":
        return False
    try:
        return real.stat().st_nlink > 1
    except OSError:
        return False


def is_remote(ref: str) -> bool:
    """A URL (http:, https:, data:, file:, ...) or a protocol-relative `//host/...`."""
    return (bool(_SCHEME.match(ref)) and not _DRIVE.match(ref)) or ref.startswith("//")


class CourseFiles:
    """Resolves author-written paths against one course folder, refusing any way out."""

    def __init__(self, root: Path, collector: Collector) -> None:
        self.root = root.resolve()
        self.collector = collector
        # Every file resolved for use, and the SHA-256 of the bytes read (text files):
        # the build cache fingerprints exactly these, as they were when read.
        self.used: dict[str, str] = {}

    def resolve(self, ref: str, where: tuple[str, int], what: str) -> tuple[Path, str] | None:
        """The real file and its normalised course-relative path, or None (error recorded).

        `where` is the (path, line) that names the file; `what` says what it is
        ("image", "module", "bibliography") for the messages.
        """
        path, line = where
        written = ref.strip().replace("\\", "/")
        problem = self._refuse(written, what)
        if problem:
            self.collector.error(path, line, problem)
            return None
        relative = posixpath.normpath(written)
        try:
            real = (self.root / relative).resolve()
            inside = real.is_relative_to(self.root)
            is_file = inside and real.is_file()
            exists = inside and real.exists()
            is_dir = inside and real.is_dir()
        except RuntimeError:  # Python 3.11-3.12: pathlib's "Symlink loop from ..."
            self.collector.error(path, line, f"{what} '{ref}' is a symbolic link that loops "
                                 "back on itself: replace the link with the file")
            return None
        except (OSError, ValueError):
            self.collector.error(path, line, f"{what} path '{ref}' is not a valid file name")
            return None
        if not inside:
            how = "through '..'" if relative.startswith("..") else "through a symbolic link"
            self.collector.error(
                path,
                line,
                f"{what} '{ref}' leads out of the course folder ({how}): copy the file "
                "into the course folder and link it from there",
            )
            return None
        if not is_file:
            state = ("is a folder, not a file" if is_dir
                     else "is not a regular file (a pipe, device or socket)" if exists
                     else "does not exist")
            hint = "" if exists else self._nearest_sibling(relative)
            self.collector.error(path, line, self._missing(ref, what, state) + hint)
            return None
        if _hard_linked(real):
            self.collector.error(
                path, line, f"{what} '{ref}' is a hard link shared with another name, maybe "
                "outside the course folder (which path checks cannot see): replace it with a "
                "copy of the file (cp, not ln)")
            return None
        self.used.setdefault(relative, "")
        return real, relative

    def _refuse(self, written: str, what: str) -> str:
        if not written:
            return f"empty {what} path: write the file's path relative to the course folder"
        if "\x00" in written:
            return f"{what} path contains a NUL character: fix the file name"
        if is_remote(written):
            if what == "image":
                return (
                    f"remote images are not fetched at build time: download '{written[:80]}' "
                    "into figures/ and link the file"
                )
            return f"{what} '{written[:80]}' must be a file in the course folder, not a URL"
        if written.startswith("/") or _DRIVE.match(written):
            return (
                f"{what} path '{written}' is absolute: write it relative to the course folder "
                "(for example figures/x.png) and keep the file inside the course"
            )
        return ""

    def _missing(self, ref: str, what: str, state: str) -> str:
        return (
            f"{what} '{ref}' {state} (paths are relative to the course folder "
            f"{self.root.name}/): check the name, or add the file"
        )

    def _nearest_sibling(self, relative: str) -> str:
        """"; did you mean 'figures/flow.png'?" for a near name in the same folder."""
        folder, name = posixpath.split(relative)
        try:
            names = [p.name for p in (self.root / folder).iterdir() if p.is_file()]
        except OSError:
            return ""
        near = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
        return f"; did you mean '{posixpath.join(folder, near[0])}'?" if near else ""

    def read_text(self, real: Path, relative: str) -> str | None:
        """A resolved course file as normalised text, or None (error recorded)."""
        try:
            size = real.stat().st_size
            if size > MAX_TEXT_BYTES:
                megabytes = size // 1_000_000
                self.collector.error(
                    relative, 0, f"{relative} is {megabytes} MB: split it into smaller files"
                )
                return None
            data = real.read_bytes()
            self.used[relative] = hashlib.sha256(data).hexdigest()
        except OSError as exc:
            self.collector.error(relative, 0, f"cannot read {relative}: {exc.strerror}")
            return None
        return decode_text(data, relative, self.collector)
