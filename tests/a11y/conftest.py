"""The two courses every accessibility check runs on, built once for the whole package:
the flagship T-ALL course and the starter from `tall-teach new`, which uses every block."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TALL_COURSE = REPO / "content" / "t-all-adults"
COURSES = ("t-all", "every-block")



@pytest.fixture(scope="session")
def course_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Course name -> a copy of its source folder (the review page may write into it)."""
    import shutil

    from tall_teach.scaffold import create_course

    root = tmp_path_factory.mktemp("a11y-content")
    sources = {"every-block": create_course(root, "every-block", today=date(2026, 1, 15))}
    if (TALL_COURSE / "course.yaml").is_file():
        sources["t-all"] = Path(shutil.copytree(TALL_COURSE, root / TALL_COURSE.name))
    return sources


@pytest.fixture(scope="session")
def built_courses(
    tmp_path_factory: pytest.TempPathFactory, course_sources: dict[str, Path]
) -> dict[str, Path]:
    """Course name -> its build folder (deck, handout, quiz and exports all written)."""
    from tall_teach.pipeline import build

    out = tmp_path_factory.mktemp("a11y-build")
    return {
        name: build(folder, out, force=True).out_dir for name, folder in course_sources.items()
    }


@pytest.fixture(scope="session", params=COURSES)
def built(request: pytest.FixtureRequest, built_courses: dict[str, Path]) -> Path:
    if request.param not in built_courses:
        pytest.skip(f"course {request.param} is not in this checkout")
    return built_courses[request.param]
