"""The review page driven in a real Chromium: decisions reach the YAML and the exports.

The server runs in this process on a free loopback port; the page is used the way a
reviewer would, with the keyboard and the buttons. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tall_teach.review.server import ReviewSession, make_server, server_url

from .conftest import set_review

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("review-browser")]

AQUIFER = "tt-practice-aquifer-cloze"
PRECIPITATION = "tt-practice-precipitation-cloze"


@pytest.fixture
def served(course_dir: Path, tmp_path: Path) -> Iterator[tuple[ReviewSession, str]]:
    set_review(course_dir, "required")
    session = ReviewSession(course_dir, tmp_path / "build", "Dr Test")
    server = make_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield session, server_url(server)
    server.shutdown()
    server.server_close()


def moodle_ids(session: ReviewSession) -> list[str]:
    text = (session.out_root / session.course_dir.name / "quiz" / "moodle.xml").read_text()
    return [line.split(">")[1].split("<")[0] for line in text.splitlines()
            if line.strip().startswith("<idnumber>")]


def review_file(session: ReviewSession) -> str:
    return (session.course_dir / "quiz-review.yaml").read_text(encoding="utf-8")


def card(page: Any, item_id: str) -> Any:
    return page.locator(f"article[data-id='{item_id}']")


def wait_saved(page: Any) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_contain_text("rebuilt", timeout=60_000)
    assert "error" not in page.locator("#status").get_attribute("class")


def open_page(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(url) else problems.append(r.url))
    page.goto(url)
    return context, page, problems


def test_the_page_lists_every_item_with_its_source_checks_and_reasons(
        browser: Any, served: tuple[ReviewSession, str]) -> None:
    session, url = served
    context, page, problems = open_page(browser, url)
    assert page.locator("article.item").count() == len(session.load().items) >= 3
    aquifer = card(page, AQUIFER)
    assert "modules/02-practice.md:32" in aquifer.locator(".facts").first.text_content()
    assert "Rule checks" in aquifer.text_content()
    assert "Selection reasons" in aquifer.text_content()
    assert "pending" in aquifer.locator(".badge").text_content()
    assert page.evaluate("document.activeElement.dataset.id") == page.locator(
        "article.item").first.get_attribute("data-id")
    assert problems == []
    context.close()


def test_approving_with_the_keyboard_writes_the_yaml_and_changes_the_exports(
        browser: Any, served: tuple[ReviewSession, str]) -> None:
    session, url = served
    context, page, problems = open_page(browser, url)
    # j moves to the next item; find the aquifer item by walking with the keyboard
    for _ in range(4):
        if page.evaluate("document.activeElement.dataset.id") == AQUIFER:
            break
        page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.id") == AQUIFER
    page.keyboard.press("a")
    wait_saved(page)
    assert f"{AQUIFER}:\n    decision: approved\n    by: Dr Test" in review_file(session)
    assert AQUIFER in moodle_ids(session)
    assert PRECIPITATION not in moodle_ids(session)  # still pending: kept out of the LMS file
    assert "approved" in card(page, AQUIFER).locator(".badge").text_content()
    assert page.evaluate("document.activeElement.dataset.id") == AQUIFER
    assert problems == []
    context.close()


def test_editing_in_place_and_rejecting_change_the_exports(
        browser: Any, served: tuple[ReviewSession, str]) -> None:
    session, url = served
    context, page, problems = open_page(browser, url)
    precipitation = card(page, PRECIPITATION)
    precipitation.get_by_role("button", name="Edit").click()
    page.locator(".editor textarea").fill("Which process returns water to the ground?")
    page.get_by_label("Option 1", exact=True).fill("Evapotranspiration")
    page.keyboard.press("Control+Enter")
    wait_saved(page)
    text = review_file(session)
    assert "decision: edited" in text and "Which process returns water to the ground?" in text
    moodle = (session.out_root / session.course_dir.name / "quiz" / "moodle.xml").read_text()
    assert "Which process returns water to the ground?" in moodle
    assert "Evapotranspiration" in moodle
    card(page, AQUIFER).get_by_role("button", name="Approve").click()
    wait_saved(page)
    assert AQUIFER in moodle_ids(session)
    card(page, AQUIFER).get_by_role("button", name="Reject").click()
    wait_saved(page)
    assert AQUIFER not in moodle_ids(session)
    html = (session.out_root / session.course_dir.name / "quiz" / "quiz.html").read_text()
    assert AQUIFER not in html
    assert "rejected" in card(page, AQUIFER).locator(".badge").text_content()
    assert problems == []
    context.close()


def test_pending_items_are_drafts_in_the_html_quiz(
        browser: Any, served: tuple[ReviewSession, str]) -> None:
    session, _url = served
    session.decide({"id": AQUIFER, "decision": "approved"})
    quiz = session.out_root / session.course_dir.name / "quiz" / "quiz.html"
    context = browser.new_context()
    page = context.new_page()
    page.goto(quiz.as_uri())
    seen = {}
    items = session.load().items
    for _ in range(len(items)):
        stem = page.locator("#stem").text_content()
        seen[stem] = page.locator("#draft-label").is_visible()
        page.locator("#options [role=radio]").first.click()
        page.locator("#check").click()
        page.locator("#next").click()
    drafts = sorted(stem[:20] for stem, draft in seen.items() if draft)
    pending = [i for i in items if i.kind != "authored" and i.id != AQUIFER]
    assert len(drafts) == len(pending) >= 1
    assert not any(s.startswith("Water stored") for s in drafts)
    context.close()


def test_a_decision_without_the_page_token_is_refused(
        served: tuple[ReviewSession, str]) -> None:
    session, url = served
    request = urllib.request.Request(
        url + "api/decide", data=json.dumps({"id": AQUIFER, "decision": "approved"}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 403
    assert not (session.course_dir / "quiz-review.yaml").exists()


def test_a_request_with_a_bad_length_is_refused_cleanly(
        served: tuple[ReviewSession, str]) -> None:
    import http.client

    session, url = served
    port = int(url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST", "/api/decide", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{port}")
    connection.putheader("X-Review-Token", session.token)
    connection.putheader("Content-Length", "lots")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 400
    assert b"empty or too large" in response.read()
    connection.close()
