"""Fixtures for the handout tests: the default theme, built courses, rendered outputs once."""

from __future__ import annotations

import dataclasses

import pytest

from tall_teach.model import Course, HandoutSettings
from tall_teach.theme import Theme, load_theme

from .handout_course import CONTROL, HOSTILE, build_course


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme("default")


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return build_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def hostile_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return build_course(tmp_path_factory.mktemp("hostile"), text=HOSTILE + CONTROL)


@pytest.fixture(scope="session")
def rendered(course: Course, theme: Theme) -> dict[str, bytes]:
    from tall_teach.writers import handout

    return handout.render(course, theme)


@pytest.fixture(scope="session")
def outline_rendered(course: Course, theme: Theme) -> dict[str, bytes]:
    from tall_teach.writers import handout

    outline = dataclasses.replace(course, handout=HandoutSettings("outline", "letter"))
    return handout.render(outline, theme)
