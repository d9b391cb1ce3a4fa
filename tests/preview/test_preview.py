"""`tall-teach preview` in a real Chromium: reload to the same slide, error overlay, safety."""

from __future__ import annotations

import http.client
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tall_teach.errors import TallTeachError
from tall_teach.preview import open_socket

from .server import PreviewProcess

pytestmark = pytest.mark.slow

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-course"
MODULE = "modules/01-basics.md"
BULLET = "- **Evaporation** turns liquid water into vapour"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("preview") / "mini-course"
    shutil.copytree(MINI, folder)
    return folder


@pytest.fixture(scope="module")
def server(course: Path) -> Iterator[PreviewProcess]:
    process = PreviewProcess(course)
    yield process
    process.kill()


@pytest.fixture
def page(browser: Any, server: PreviewProcess) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def slide_with(page: Any, text: str) -> int:
    return int(page.evaluate(
        "(t) => [...document.querySelectorAll('.slide')].find(s => s.textContent.includes(t))"
        ".dataset.n", text,
    ))


def test_a_saved_edit_shows_on_the_same_slide(
    page: Any, server: PreviewProcess, course: Path
) -> None:
    page.goto(server.url + "slides")
    number = slide_with(page, "Evaporation")
    page.keyboard.press("End")
    page.evaluate(f"talltSlides.show({number})")
    assert page.url.endswith(f"#/{number}")
    server.drain()
    edit(course / MODULE, BULLET, BULLET + " and back again")
    page.wait_for_function(
        "() => document.querySelector('.slide.current').textContent.includes('and back again')",
        timeout=15000,
    )
    assert page.url.endswith(f"#/{number}")
    assert page.locator(".slide.current").is_visible()


def test_an_error_shows_file_and_line_over_the_last_good_view_until_fixed(
    page: Any, server: PreviewProcess, course: Path
) -> None:
    page.goto(server.url + "slides#/3")
    before = page.locator(".slide.current").text_content()
    edit(course / MODULE, "[@handbook2019]", "[@nosuchkey]")
    overlay = page.locator("#tallt-preview-overlay")
    overlay.wait_for(state="visible", timeout=15000)
    assert f"{MODULE}:11" in overlay.text_content()
    assert "nosuchkey" in overlay.text_content()
    assert page.locator(".slide.current").text_content() == before  # the last good view stays
    assert page.url.endswith("#/3")
    edit(course / MODULE, "[@nosuchkey]", "[@handbook2019]")
    overlay.wait_for(state="detached", timeout=15000)
    assert page.url.endswith("#/3")


def test_an_error_already_there_shows_when_the_page_opens(
    page: Any, server: PreviewProcess, course: Path
) -> None:
    server.drain()
    edit(course / MODULE, "[@handbook2019]", "[@nosuchkey]")
    try:
        server.wait_for("not rebuilt", timeout=60)
        page.goto(server.url + "handout")
        page.locator("#tallt-preview-overlay").wait_for(state="visible", timeout=15000)
    finally:
        server.drain()
        edit(course / MODULE, "[@nosuchkey]", "[@handbook2019]")
    server.wait_for("rebuilt in", timeout=60)


def test_the_handout_and_the_quiz_are_served_too(page: Any, server: PreviewProcess) -> None:
    page.goto(server.url + "handout")
    page.locator("h1").first.wait_for()
    page.goto(server.url + "quiz")
    page.locator("h1").first.wait_for()
    page.goto(server.url)
    assert urlparse(page.url).path == "/slides"


def raw_get(url: str, path: str, host: str = "") -> tuple[int, bytes]:
    where = urlparse(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)  # sent as written: no normalising
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/slides/../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/slides/..%2f..%2f..%2fetc%2fpasswd",
        "/course.yaml",
        "/modules/01-basics.md",
        "/figures/cycle.png",
        "//etc/passwd",
    ],
)
def test_only_the_pages_are_served(server: PreviewProcess, path: str) -> None:
    status, body = raw_get(server.url, path)
    assert status == 404
    assert b"root:" not in body and b"title:" not in body


def test_a_request_for_another_host_is_refused(server: PreviewProcess) -> None:
    status, _ = raw_get(server.url, "/slides", host="attacker.example:80")
    assert status == 400


def test_it_listens_on_the_loopback_only() -> None:
    sock = open_socket(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
        with pytest.raises(TallTeachError, match="another --port"):
            open_socket(sock.getsockname()[1])
    finally:
        sock.close()


def test_ctrl_c_stops_it_cleanly(course: Path, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    shutil.copytree(course, folder)
    process = PreviewProcess(folder)
    port = urlparse(process.url).port
    try:
        status, _ = raw_get(process.url, "/slides")
        assert status == 200
        assert process.interrupt() == 0
        process.wait_for("stopped previewing", timeout=10)
        assert not any("Traceback" in line for line in process.seen)
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    finally:
        process.kill()


def test_a_course_broken_from_the_start_shows_its_error_then_its_slides(
    browser: Any, course: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "course"
    shutil.copytree(course, folder)
    edit(folder / MODULE, "[@handbook2019]", "[@nosuchkey]")
    process = PreviewProcess(folder)
    context = browser.new_context()
    try:
        assert any("nosuchkey" in line for line in process.seen)
        page = context.new_page()
        page.goto(process.url + "slides")
        overlay = page.locator("#tallt-preview-overlay")
        overlay.wait_for(state="visible", timeout=15000)
        assert f"{MODULE}:11" in overlay.text_content()
        edit(folder / MODULE, "[@nosuchkey]", "[@handbook2019]")
        page.locator(".slide.current").wait_for(state="visible", timeout=30000)
        assert overlay.count() == 0
    finally:
        context.close()
        process.kill()
