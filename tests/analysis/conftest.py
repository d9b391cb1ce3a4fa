"""The mini course (read once) and a simulated cohort written as all three exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizexport.test_browser_quiz import browser  # noqa: F401  (the system Chromium, shared)
from tall_teach.model import Course
from tall_teach.reader import read_course

from .cohort import Simulated, simulate, write_canvas, write_html, write_moodle

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"


@pytest.fixture(scope="session")
def mini() -> Course:
    return read_course(MINI)[0]


@pytest.fixture(scope="session")
def sim(mini: Course) -> Simulated:
    return simulate(mini)


@pytest.fixture(scope="session")
def exports(sim: Simulated, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Learners 0-199 in a Moodle file, 200-349 in a Canvas file, 350-399 one HTML file each."""
    folder = tmp_path_factory.mktemp("results")
    files = [write_moodle(sim, range(0, 200), folder / "moodle-responses.csv"),
             write_canvas(sim, range(200, 350), folder / "canvas-student-analysis.csv")]
    files += [write_html(sim, n, folder / f"learner-{n:03}-quiz-results.csv")
              for n in range(350, 400)]
    return files
