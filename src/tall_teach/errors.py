"""The one small error hierarchy, and diagnostics as data (MkDocs style)."""

from __future__ import annotations

from dataclasses import dataclass

from tall_teach.model.source import SourceRef


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a course. `severity` is "error", "warning" or "note".

    A note is information the author may act on (as gcc's notes); `--strict` fails on
    warnings, never on notes.
    """

    severity: str
    source: SourceRef | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.severity}: {self.message}"


class TallTeachError(Exception):
    """Base of every error the CLI turns into a clear message instead of a traceback."""


class ContentError(TallTeachError):
    """An author mistake. Carries every problem found, so all are reported at once."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, path: str, line: int, message: str) -> ContentError:
        return cls(Diagnostic("error", SourceRef(path, line), message))


class ThemeError(TallTeachError):
    """A theme that cannot be used: missing folder, layout or file."""


class OutputError(TallTeachError):
    """An output that cannot be written (folder not writable, disk full)."""
