"""Collecting every problem found while reading, so all are reported at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tall_teach.errors import ContentError, Diagnostic
from tall_teach.model import SourceRef


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the nearest choice, or "" when none is close."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


class Collector:
    """Errors and warnings in the order found; `raise_if_errors` ends a stage."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, path: str, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic("error", SourceRef(path, max(line, 0)), message))

    def warn(self, path: str, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", SourceRef(path, max(line, 0)), message))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def in_reading_order(self, severity: str) -> list[Diagnostic]:
        """Files in the order they were read, lines in order within each file."""
        chosen = [d for d in self.diagnostics if d.severity == severity]
        file_rank: dict[str, int] = {}
        for d in chosen:
            file_rank.setdefault(d.source.path if d.source else "", len(file_rank))
        return sorted(
            chosen,
            key=lambda d: (file_rank[d.source.path if d.source else ""],
                           d.source.line if d.source else 0),
        )

    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def raise_if_errors(self) -> None:
        """Raise one ContentError carrying every error (warnings stay out of it)."""
        if self.has_errors():
            raise ContentError(self.in_reading_order("error"))
