"""A fresh starter course per test, made by `tall-teach new` (so it is also under test)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tall_teach.scaffold import create_course


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return create_course(tmp_path / "content", "demo", today=date(2026, 1, 2))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "build"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
