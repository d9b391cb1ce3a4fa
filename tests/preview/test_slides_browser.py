"""slides.html driven in a real Chromium from file://: views, keys, touch, speaker, print."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers import slides_html

pytestmark = pytest.mark.slow

# Every box on every slide, shown as print lays them out (all slides, no scaling):
# the content of a box must fit it, and the box must lie on the slide.
CLIPPED = """() => {
  const bad = [];
  for (const canvas of document.querySelectorAll('.canvas')) {
    const c = canvas.getBoundingClientRect();
    const n = canvas.closest('.slide').dataset.n;
    for (const e of canvas.querySelectorAll('.slot, .footer, .number')) {
      const r = e.getBoundingClientRect();
      if (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
        bad.push(n + ': ' + e.className + ' overflows ' + e.scrollHeight + '>' + e.clientHeight);
      if (r.left < c.left - 1 || r.top < c.top - 1 || r.right > c.right + 1
          || r.bottom > c.bottom + 1)
        bad.push(n + ': ' + e.className + ' leaves the slide');
    }
    for (const t of canvas.querySelectorAll('.title')) {
      if (t.firstElementChild.getBoundingClientRect().height > t.clientHeight + 1)
        bad.push(n + ': title taller than its box');
    }
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def slides_file(demo: Course, theme: Theme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slides") / "slides.html"
    path.write_bytes(slides_html.render(demo, theme)["slides.html"])
    return path


@pytest.fixture
def opened(browser: Any, slides_file: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    context = browser.new_context(viewport={"width": 1100, "height": 700}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(slides_file.as_uri() + "#/3")
    yield page, errors, requests
    context.close()


def current(page: Any) -> int:
    return int(page.evaluate("document.querySelector('.slide.current').dataset.n"))


def test_opens_offline_on_the_slide_its_url_names(opened: tuple[Any, list[str], list[str]]) -> None:
    page, errors, requests = opened
    assert current(page) == 3
    assert page.locator(".slide.current").is_visible()
    assert page.locator(".slide:not(.current)").first.is_hidden()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []


def test_nothing_is_clipped_on_any_slide(opened: tuple[Any, list[str], list[str]]) -> None:
    page, _, _ = opened
    page.emulate_media(media="print")
    assert page.evaluate(CLIPPED) == []


def test_keys_move_through_the_slides_and_the_url_follows(
    opened: tuple[Any, list[str], list[str]],
) -> None:
    page, errors, _ = opened
    count = page.locator(".slide").count()
    page.keyboard.press("ArrowRight")
    assert current(page) == 4 and page.url.endswith("#/4")
    title = page.locator("#slide-4 h2").text_content().split()
    announced = page.locator("#announce").text_content().split()
    assert announced == ["4", "of", f"{count}:", *title]
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert current(page) == 2
    page.keyboard.press("End")
    assert current(page) == count and page.url.endswith(f"#/{count}")
    page.keyboard.press("Space")
    assert current(page) == count  # the last slide stays the last
    page.keyboard.press("Home")
    assert current(page) == 1
    assert page.locator("#position").text_content() == f"1 / {count}"
    assert errors == []


def test_a_swipe_turns_the_slide(opened: tuple[Any, list[str], list[str]]) -> None:
    page, _, _ = opened
    page.evaluate(
        """([x0, x1]) => {
        const touch = (x) => new Touch({identifier: 1, target: document.body, clientX: x,
                                        clientY: 300});
        document.dispatchEvent(new TouchEvent('touchstart',
            {touches: [touch(x0)], changedTouches: [touch(x0)]}));
        document.dispatchEvent(new TouchEvent('touchend',
            {touches: [], changedTouches: [touch(x1)]}));
    }""",
        [800, 300],
    )
    assert current(page) == 4


def test_overview_shows_every_slide_and_a_click_opens_one(
    opened: tuple[Any, list[str], list[str]],
) -> None:
    page, _, _ = opened
    page.keyboard.press("o")
    slides = page.locator(".slide")
    assert all(slides.nth(i).is_visible() for i in range(slides.count()))
    slides.nth(5).click()
    assert current(page) == 6
    assert page.evaluate("document.documentElement.classList.contains('present')")
    assert page.locator(".slide:not(.current)").first.is_hidden()


def test_speaker_view_shows_notes_the_next_slide_and_a_running_timer(
    opened: tuple[Any, list[str], list[str]], demo: Course, theme: Theme
) -> None:
    page, errors, _ = opened
    with_notes = page.evaluate(
        "[...document.querySelectorAll('.slide')].findIndex(s => s.querySelector('.notes')) + 1"
    )
    assert with_notes > 0
    page.evaluate(f"talltSlides.show({with_notes})")
    page.keyboard.press("s")
    panel = page.locator("#speaker")
    assert panel.is_visible()
    notes = page.locator(f"#slide-{with_notes} .notes").text_content().split()
    assert page.locator("#speaker-notes").text_content().split() == notes != []
    assert page.locator(".slide.next").is_visible()
    next_title = page.locator(f"#slide-{with_notes + 1} :is(h1, h2)").first.inner_text()
    assert page.locator("#speaker-next").inner_text().split() == next_title.split()
    page.wait_for_function("() => document.getElementById('speaker-timer').textContent !== '0:00'")
    page.keyboard.press("ArrowRight")
    assert current(page) == with_notes + 1
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert errors == []


def test_printing_gives_one_slide_per_page(opened: tuple[Any, list[str], list[str]]) -> None:
    from pypdf import PdfReader

    page, _, _ = opened
    count = page.locator(".slide").count()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(pdf.pages) == count
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (960, 540)
    assert "Speaker notes" not in pdf.pages[0].extract_text()
    titles = page.evaluate(
        "[...document.querySelectorAll('.slide :is(h1,h2)')].map(h => h.innerText)"
    )
    for number, (pdf_page, title) in enumerate(zip(pdf.pages, titles, strict=True), 1):
        first_word = title.split()[0]
        assert first_word in pdf_page.extract_text(), number


TALL = Path(__file__).resolve().parent.parent.parent / "content" / "t-all-adults"


def test_the_t_all_slides_are_the_deck_s_slides_and_nothing_is_clipped(
    browser: Any, tmp_path: Path
) -> None:
    """The flagship course: every slide of the deck plan, each box's content inside it."""
    if not (TALL / "course.yaml").is_file():
        pytest.skip("the T-ALL course is not in this checkout")
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.writers.pptx import build_plan

    course, _ = read_course(TALL)
    theme = load_theme(course.theme, TALL)
    path = tmp_path / "slides.html"
    path.write_bytes(slides_html.render(course, theme)["slides.html"])
    plan = build_plan(course, theme)
    titles = [" ".join(s.title_text.split()) for s in plan.slides]
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        shown = page.evaluate(
            "[...document.querySelectorAll('.slide')].map(s => "
            "s.querySelector(':is(h1,h2)').textContent.split(/\\s+/).join(' ').trim())"
        )
        assert shown == titles
        assert page.evaluate(CLIPPED) == []
        strips = page.evaluate(
            "[...document.querySelectorAll('.slide')].map(s => [...s.querySelectorAll("
            "'.progress-mark')].map(m => m.classList.contains('here')))"
        )
        planned = [[n == s.progress[0] for n in range(1, s.progress[1] + 1)] for s in plan.slides]
        assert strips == planned and any(planned)  # the dividers' progress strips
    finally:
        page.close()


def test_a_speaker_window_follows_the_presenting_window(browser: Any, slides_file: Path) -> None:
    """?view=speaker opens the speaker view; the two windows move together both ways."""
    context = browser.new_context(viewport={"width": 1000, "height": 650})
    try:
        audience = context.new_page()
        audience.goto(slides_file.as_uri() + "#/2")
        speaker = context.new_page()
        speaker.goto(slides_file.as_uri() + "?view=speaker#/2")
        assert speaker.locator("#speaker").is_visible()
        audience.keyboard.press("ArrowRight")
        speaker.wait_for_function("() => talltSlides.current() === 3")
        speaker.keyboard.press("ArrowRight")
        audience.wait_for_function("() => talltSlides.current() === 4")
        assert audience.evaluate("talltSlides.mode()") == "present"
    finally:
        context.close()
