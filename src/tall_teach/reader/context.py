"""What converting one module needs to know: where it is, what it may cite, what was found."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from tall_teach.model import Figure
from tall_teach.reader.diagnostics import Collector, did_you_mean
from tall_teach.reader.files import CourseFiles

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_AUTHORED_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
MAX_SLUG = 60


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens ("Auto CD7 CAR-T" -> "auto-cd7-car-t")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return slug


class UniqueIds:
    """Hands out ids, numbering repeats `-2`, `-3` so no two are equal."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, base: str) -> str:
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        return candidate

    def claim(self, authored: str) -> bool:
        """Reserve an author-written id; False if it is already taken."""
        if authored in self.used:
            return False
        self.used.add(authored)
        return True


def valid_authored_id(value: str) -> bool:
    return bool(_AUTHORED_ID.match(value))


@dataclass
class ModuleContext:
    """State while one module's tokens become model objects."""

    path: str
    module_id: str
    collector: Collector
    files: CourseFiles | None = None
    known_keys: Collection[str] | None = None
    slide_level: int = 2  # the heading level that starts a slide; those above it: sections
    pending_figures: list[Figure] = field(default_factory=list)
    block_ids: UniqueIds = field(default_factory=UniqueIds)

    def error(self, line: int, message: str) -> None:
        self.collector.error(self.path, line, message)

    def warn(self, line: int, message: str) -> None:
        self.collector.warn(self.path, line, message)

    def check_citation(self, key: str, line: int) -> None:
        """An unknown key is an error naming the nearest known one."""
        if self.known_keys is None or key in self.known_keys:
            return
        if not self.known_keys:
            hint = ": the course has no bibliography; add references.yaml with this entry"
        else:
            hint = ": add it to the bibliography or fix the key" + did_you_mean(
                key, self.known_keys
            )
        self.error(line, f"unknown citation key '{key}'{hint}")

    def take_figures(self) -> list[Figure]:
        figures, self.pending_figures = self.pending_figures, []
        return figures
