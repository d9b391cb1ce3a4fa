"""axe-core finds nothing (WCAG 2.1 AA, best practice) on the review page, a quiz with
drafts, and the item-analysis report."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from a11y.axe import new_page, violations
from tall_teach.analysis import analyse
from tall_teach.analysis.report import render_outputs
from tall_teach.review.server import ReviewSession, make_server, server_url

from .conftest import set_review

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("review-browser")]


@pytest.fixture(scope="module")
def axe_browser() -> Any:
    from a11y.axe import open_browser

    yield from open_browser()


def test_the_review_page_and_a_quiz_with_drafts_pass_axe(
        axe_browser: Any, course_dir: Path, tmp_path: Path) -> None:
    set_review(course_dir, "required")
    session = ReviewSession(course_dir, tmp_path / "build", "Dr Test")
    server = make_server(session)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = new_page(axe_browser)
        page.goto(server_url(server))
        found = {"review page": violations(page)}
        page.locator("article.item").nth(1).get_by_role("button", name="Edit").click()
        found["review page, editing"] = violations(page)
        page.locator("article.item").nth(2).get_by_role("button", name="Approve").click()
        page.locator("#status").filter(has_text="rebuilt").wait_for(timeout=60_000)
        found["review page, after a decision"] = violations(page)
        page.goto((tmp_path / "build" / "water" / "quiz" / "quiz.html").as_uri())
        page.locator("#options [role=radio]").first.click()
        page.click("#check")
        page.click("#next")
        assert page.locator("#draft-label").is_visible() or page.locator(
            "#draft-label").count() == 1
        found["quiz with drafts"] = violations(page)
        page.context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert found == {name: [] for name in found}


def test_the_analysis_report_passes_axe(axe_browser: Any, tmp_path: Path) -> None:
    from analysis.cohort import simulate, write_moodle
    from tall_teach.reader import read_course

    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
    sim = simulate(read_course(mini)[0], learners=120)
    results = write_moodle(sim, range(120), tmp_path / "responses.csv")
    analysis = analyse(sim.course, [results])
    for name, data in render_outputs(analysis, names=True).items():
        (tmp_path / Path(name).name).write_bytes(data)
    page = new_page(axe_browser)
    page.goto((tmp_path / "report.html").as_uri())
    page.get_by_role("button", name="Facility p").click()
    assert violations(page) == []
    page.context.close()
