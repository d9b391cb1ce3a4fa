"""Fixtures for the HTML slides and preview tests: a demo course, its deck plan, a Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import launched_chromium
from tall_teach.model import Course
from tall_teach.theme import Theme, load_theme

TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme("default")


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The deck tests' course: every block type, long lists, tables, charts, pictures."""
    sys.path.insert(0, str(TESTS / "pptx"))
    from deck_course import demo_course  # a helper module of tests/pptx (no package)

    return demo_course(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")  # one sync_playwright at a time per worker
def browser() -> Iterator[Any]:
    yield from launched_chromium()
