"""axe-core finds nothing at WCAG 2.1 AA and best practice in any HTML page we write.

Every .html in the build folder is checked (handout, quiz, and any page a writer adds
later), on T-ALL and on the starter course that uses every block. The quiz page is
checked again in each state a learner sees: feedback after a wrong and a right answer,
and the score with its review list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from .axe import new_page, open_browser, violations

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("a11y")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from open_browser()


def test_every_html_page_has_no_axe_violations(built: Path, browser: Any) -> None:
    pages = sorted(built.rglob("*.html"))
    names = {p.relative_to(built).as_posix() for p in pages}
    assert {"handout.html", "quiz/quiz.html"} <= names
    found = {}
    for path in pages:
        page = new_page(browser)
        page.goto(path.as_uri())
        found[path.relative_to(built).as_posix()] = violations(page)
        page.context.close()
    assert found == {name: [] for name in found}


def test_the_quiz_page_has_no_axe_violations_in_any_state(built: Path, browser: Any) -> None:
    """Answer first options and second options in turn; check each kind of feedback once."""
    page = new_page(browser)
    page.goto((built / "quiz" / "quiz.html").as_uri())
    states: dict[str, list[str]] = {}
    number = 0
    while not page.is_visible("#score-view"):
        page.locator("#options [role=radio]").nth(number % 2).click()
        page.click("#check")
        verdict = page.get_attribute("#feedback", "class") or ""
        outcome = "wrong" if "incorrect" in verdict else "right"
        state = f"feedback after a {outcome} answer"
        if state not in states:
            states[state] = violations(page)
        page.click("#next")
        number += 1
    states["score and review"] = violations(page)
    page.context.close()
    assert "feedback after a wrong answer" in states
    assert states == {state: [] for state in states}


def test_the_slides_page_has_no_axe_violations_in_any_view(built: Path, browser: Any) -> None:
    """Presenting shows one slide; the overview shows them all, so their contrast too."""
    slides = built / "slides.html"
    if not slides.is_file():
        pytest.skip("this build writes no slides.html")
    page = new_page(browser)
    page.goto(slides.as_uri())
    views = {"presenting, first slide": violations(page)}
    page.keyboard.press("End")
    views["presenting, last slide"] = violations(page)
    page.keyboard.press("o")
    views["overview of every slide"] = violations(page)
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    views["speaker view"] = violations(page)
    page.context.close()
    assert views == {view: [] for view in views}


def test_the_quiz_review_page_has_no_axe_violations(
    built: Path, course_sources: dict[str, Path], browser: Any, tmp_path: Path
) -> None:
    """`tall-teach review` serves its page on 127.0.0.1: checked as a reviewer opens it."""
    import threading

    from tall_teach.review.server import ReviewSession, make_server, server_url

    name = next(n for n, folder in course_sources.items() if folder.name == built.name)
    session = ReviewSession(course_sources[name], tmp_path / "build", "Dr Test")
    server = make_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = new_page(browser)
        page.goto(server_url(server))
        page.wait_for_selector("article.item")
        found = violations(page)
        page.context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert found == []


def test_the_item_analysis_report_has_no_axe_violations(
    built: Path, course_sources: dict[str, Path], browser: Any, tmp_path: Path
) -> None:
    """`tall-teach analyze`'s report.html on a simulated cohort answering the course's quiz."""
    from analysis.cohort import simulate, write_moodle
    from tall_teach.analysis import analyse
    from tall_teach.analysis.report import render_outputs
    from tall_teach.pipeline import diagnose

    name = next(n for n, folder in course_sources.items() if folder.name == built.name)
    course = diagnose(course_sources[name]).course
    four = tuple(item for item in course.items if len(item.options) == 4)  # what cohort answers
    sim = simulate(replace(course, items=four), learners=120, real=True)
    export = write_moodle(sim, range(120), tmp_path / "moodle-responses.csv")
    outputs = render_outputs(analyse(sim.course, [export]), names=True)
    report = tmp_path / "report.html"
    report.write_bytes(next(data for out, data in outputs.items() if out.endswith(".html")))
    page = new_page(browser)
    page.goto(report.as_uri())
    assert four and page.locator("#items tbody tr").count() == len(four)
    views = {"as opened": violations(page)}
    page.locator("#items thead button").first.click()
    views["sorted by a column"] = violations(page)
    page.context.close()
    assert views == {view: [] for view in views}


def test_the_outline_handout_has_no_axe_violations(
    course_sources: dict[str, Path], browser: Any, tmp_path: Path
) -> None:
    """The handout's other layout (outline, letter paper) on the every-block starter:
    axe on its HTML, pdfua on its PDF."""
    import shutil

    from tall_teach.pipeline import build

    course = Path(shutil.copytree(course_sources["every-block"], tmp_path / "outline"))
    settings = course / "course.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "layout: notes" in text and "paper: a4" in text
    text = text.replace("layout: notes", "layout: outline").replace("paper: a4", "paper: letter")
    settings.write_text(text, encoding="utf-8")
    out = build(course, tmp_path / "build", only=["handout"], force=True).out_dir
    page = new_page(browser)
    page.goto((out / "handout.html").as_uri())
    assert page.locator(".outline-section, .outline").count() > 0
    found = violations(page)
    page.context.close()
    assert found == []
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(out / "handout.pdf"))
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
