"""Fixtures for the deck tests: the demo course rendered once per session, and reopened.

No __init__.py in this folder, on purpose: a test package named `pptx` would
shadow python-pptx itself (pytest would import this folder as `pptx`). The
helper module `deck_course` is found through this folder on sys.path, which
pytest's default import mode provides and the line below ensures in any mode.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deck_course import demo_course

from tall_teach.model import Course
from tall_teach.theme import Theme, load_theme
from tall_teach.writers.pptx import render_with_plan
from tall_teach.writers.pptx.specs import DeckPlan


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme("default")


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return demo_course(tmp_path_factory.mktemp("demo-course"))


@pytest.fixture(scope="session")
def rendered(course: Course, theme: Theme) -> tuple[bytes, DeckPlan]:
    return render_with_plan(course, theme)


@pytest.fixture(scope="session")
def deck_bytes(rendered: tuple[bytes, DeckPlan]) -> bytes:
    return rendered[0]


@pytest.fixture(scope="session")
def plan(rendered: tuple[bytes, DeckPlan]) -> DeckPlan:
    return rendered[1]


@pytest.fixture(scope="session")
def prs(deck_bytes: bytes) -> Any:
    from pptx import Presentation

    return Presentation(io.BytesIO(deck_bytes))


@pytest.fixture(scope="session")
def deck_file(deck_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "demo-deck.pptx"
    path.write_bytes(deck_bytes)
    return path
