"""Reader test fixtures: a course folder written on the fly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import MINIMAL_CONFIG, MINIMAL_MODULE, REFERENCES, write_files


@pytest.fixture
def course_dir(tmp_path: Path) -> Callable[..., Path]:
    """A course folder: defaults (course.yaml, one module, references) overridden by `files`."""

    def make(files: dict[str, str | bytes | None] | None = None, module: str | bytes | None = None
             ) -> Path:
        root = tmp_path / "course"
        defaults: dict[str, str | bytes | None] = {
            "course.yaml": MINIMAL_CONFIG,
            "modules/one.md": MINIMAL_MODULE if module is None else module,
            "references.yaml": REFERENCES,
        }
        return write_files(root, {**defaults, **(files or {})})

    return make
