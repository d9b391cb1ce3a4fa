"""report.html in a real Chromium: offline, no errors, sortable, names shown as text only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tall_teach.analysis import analyse
from tall_teach.analysis.report import render_outputs

from .cohort import Simulated

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(sim: Simulated, exports: list[Path], tmp_path_factory: pytest.TempPathFactory
           ) -> Path:
    analysis = analyse(sim.course, exports)
    analysis.cohort.names[0] = '<img src=x onerror="document.title=1">=cmd|x'
    folder = tmp_path_factory.mktemp("report")
    for name, data in render_outputs(analysis, names=True).items():
        (folder / Path(name).name).write_bytes(data)
    return folder / "report.html"


def test_the_report_opens_offline_and_sorts_by_a_column(browser: Any, report: Path) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith("file:") else problems.append(r.url))
    page.goto(report.as_uri())
    assert page.locator("#items tbody tr").count() == 10
    assert page.locator(".scatter .point").count() == 10
    page.get_by_role("button", name="Facility p").click()
    facilities = [float(v) for v in page.locator("#items tbody tr td:nth-child(4)")
                  .all_text_contents()]
    assert facilities == sorted(facilities)
    page.get_by_role("button", name="Facility p").click()
    again = [float(v) for v in page.locator("#items tbody tr td:nth-child(4)")
             .all_text_contents()]
    assert again == sorted(facilities, reverse=True)
    assert page.locator("img").count() == 0  # the 'name' stayed text
    assert page.get_by_text('<img src=x onerror="document.title=1">=cmd|x').count() == 1
    assert page.title().endswith("item analysis")
    assert problems == []
    page.close()
