"""quiz.html driven in a real Chromium (Playwright, system browser) from file://.

One browser per module. Every test watches the console and the network: no
errors, and no request other than file: and data: URLs (the CSV download is a
blob: link and fires no request).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from chromium import launched_chromium
from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import explanation_text, option_letter, source_line, useful_feedback
from tall_teach.theme import Theme
from tall_teach.writers import quiz_html

pytestmark = pytest.mark.slow

# A seeded Math.random so the retry shuffle is the same on every run.
SEEDED_RANDOM = """
(() => { let s = 42; Math.random = () => { s = (s * 1103515245 + 12345) % 2147483648;
  return s / 2147483648; }; })();
"""
LOCAL_SCHEMES = ("file:", "data:")


@dataclass
class Watch:
    """What a page did that it should not: console errors, page errors, network requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)] == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched_chromium()


def write_quiz(course: Course, theme: Theme, folder: Path) -> Path:
    path = folder / "quiz.html"
    path.write_bytes(quiz_html.render(course, theme)["quiz/quiz.html"])
    return path


@pytest.fixture(scope="module")
def quiz_file(course: Course, theme: Theme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_quiz(course, theme, tmp_path_factory.mktemp("quiz"))


@pytest.fixture
def opened(browser: Any, quiz_file: Path) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1000, "height": 900})
    context.add_init_script(SEEDED_RANDOM)
    page = context.new_page()
    watch = Watch()
    watch.attach(page)
    page.goto(quiz_file.as_uri())
    yield page, watch
    context.close()


def option_texts(page: Any) -> list[str]:
    return page.locator("#options [role=radio] .option-text").all_text_contents()


def answer_with_keyboard(page: Any, position: int) -> None:
    """Tab-stop option, arrows to the wanted one (Space for the first), Enter checks."""
    page.focus("#options [role=radio][tabindex='0']")
    if position == 0:
        page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def answer_with_mouse(page: Any, position: int) -> None:
    page.locator("#options [role=radio]").nth(position).click()
    page.click("#check")


def expected_feedback(item: QuizItem, position: int, course: Course) -> list[str]:
    key = item.key_index
    if position == key:
        verdict = "✓ Correct."
    else:
        verdict = f"✗ Not quite. The answer is {option_letter(key)}. {item.options[key].text}"
    lines = [verdict]
    if useful_feedback(item, item.options[position]):
        lines.append(useful_feedback(item, item.options[position]))
    lines.append(explanation_text(item))
    if source_line(item, course):
        lines.append(source_line(item, course))
    return lines


def take_quiz(page: Any, course: Course, wrong_every: int = 2) -> int:
    """Answer every question (keyboard and mouse alternately); return how many were right."""
    right = 0
    for number, item in enumerate(course.items):
        assert page.text_content("#stem") == item.stem
        assert option_texts(page) == [o.text for o in item.options]
        key = item.key_index
        position = key if number % wrong_every == 0 else (key + 1) % len(item.options)
        if number % 2 == 0:
            answer_with_keyboard(page, position)
        else:
            answer_with_mouse(page, position)
        feedback = page.locator("#feedback p").all_text_contents()
        assert feedback == expected_feedback(item, position, course), item.id
        right += position == key
        if number % 2 == 0:
            page.keyboard.press("Enter")  # focus is on "Next question"
        else:
            page.click("#next")
    return right


def test_every_question_answered_by_keyboard_and_mouse_gives_feedback_and_the_score(
    opened: tuple[Any, Watch], course: Course
) -> None:
    page, watch = opened
    right = take_quiz(page, course)
    assert page.is_visible("#score-view")
    assert page.text_content("#score-value") == f"{right} / {len(course.items)}"
    assert page.text_content("#score-percent") == f"{round(100 * right / len(course.items))}%"
    assert page.locator("#review li").count() == len(course.items)
    assert page.evaluate("window.__pwned") is None, "no content ran as script"
    watch.assert_clean()


def test_options_are_an_aria_radiogroup_with_a_live_feedback_region(
    opened: tuple[Any, Watch], course: Course
) -> None:
    page, watch = opened
    assert page.get_attribute("#options", "role") == "radiogroup"
    assert page.get_attribute("#feedback", "aria-live") == "polite"
    radios = page.locator("#options [role=radio]")
    assert radios.count() == len(course.items[0].options)
    page.focus("#options [role=radio][tabindex='0']")
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).get_attribute("aria-checked") == "true"
    assert radios.nth(0).get_attribute("aria-checked") == "false"
    assert page.evaluate("document.activeElement.dataset.position") == "1"
    page.keyboard.press("Enter")
    assert radios.nth(0).get_attribute("aria-disabled") == "true"
    assert page.evaluate("document.activeElement.id") == "next", "focus moves on to Next"
    watch.assert_clean()


def test_retry_reshuffles_options_but_keeps_numeric_ladders_ascending(
    opened: tuple[Any, Watch], course: Course
) -> None:
    page, watch = opened
    take_quiz(page, course)
    page.click("#retry")
    changed = 0
    for item in course.items:
        shown = option_texts(page)
        assert sorted(shown) == sorted(o.text for o in item.options)
        if item.numeric:
            assert shown == [o.text for o in item.options]
        changed += shown != [o.text for o in item.options]
        key_position = shown.index(item.options[item.key_index].text)
        answer_with_mouse(page, key_position)
        page.click("#next")
    assert changed >= 3, "most non-numeric items come back in a new order"
    assert page.text_content("#score-value") == f"{len(course.items)} / {len(course.items)}"
    assert "attempt 2" in page.text_content("#score-title")
    watch.assert_clean()


def test_results_download_as_csv_with_the_text_kept_literally(
    opened: tuple[Any, Watch], course: Course
) -> None:
    page, watch = opened
    right = take_quiz(page, course)
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == f"{course.id}-quiz-results.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(course.items)
    assert [r["item_id"] for r in rows] == [i.id for i in course.items]
    assert [r["question"] for r in rows] == [csv_safe(i.stem) for i in course.items]
    assert rows[1]["question"].startswith("'=1+1"), "a formula-like cell is neutralised"
    assert sum(int(r["correct"]) for r in rows) == right
    assert rows[0]["correct_answer"] == "A. ]]>"
    watch.assert_clean()


def csv_safe(text: str) -> str:
    """What the page writes for a cell a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def test_the_page_fits_a_phone_screen(browser: Any, quiz_file: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(page)
    page.goto(quiz_file.as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    heights = page.locator("#options [role=radio]").evaluate_all(
        "nodes => nodes.map(n => n.getBoundingClientRect().height)"
    )
    context.close()
    assert overflow <= 0
    assert min(heights) >= 44, "touch targets of at least 44 px"
    watch.assert_clean()


def test_the_real_course_quizzes_run_to_a_full_score(
    browser: Any,
    real_courses: list[tuple[str, Course]],
    theme: Theme,
    tmp_path: Path,
) -> None:
    for name, real in real_courses:
        folder = tmp_path / name
        folder.mkdir()
        path = write_quiz(real, theme, folder)
        context = browser.new_context()
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        page.goto(path.as_uri())
        right = take_quiz(page, real, wrong_every=1)
        assert right == len(real.items)
        assert page.text_content("#score-value") == f"{right} / {right}", name
        context.close()
        watch.assert_clean()
