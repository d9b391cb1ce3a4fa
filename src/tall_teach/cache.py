"""The build cache: which inputs each output was made from, so unchanged outputs are skipped."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_NAME = ".tall-teach-cache.json"
_SKIP_DIRS = {".git", "__pycache__", ".hypothesis", "node_modules"}


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_text(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def folder_files(root: Path) -> list[Path]:
    """Every file under root that a build could read, in a stable order.

    Symlinks are listed too, but `hash_files` never reads one that leads out of root.
    """
    found: list[Path] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() or path.is_file():
            found.append(path)
    return found


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
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


@dataclass
class BuildCache:
    """What the previous build of one course recorded in its output folder."""

    inputs: str = ""
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
            theme_files=list(data.get("theme_files", [])),
            outputs=dict(data.get("outputs", {})),
            manifest=dict(data.get("manifest", {})),
            diagnostics=list(data.get("diagnostics", [])),
        )

    def to_bytes(self) -> bytes:
        data = {
            "inputs": self.inputs,
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
