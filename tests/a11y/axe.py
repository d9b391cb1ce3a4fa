"""axe-core (from npm, tests/node_modules) run in the system Chromium through Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import launched_chromium

AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN = """(tags) => axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || ''))
})))"""


def open_browser() -> Iterator[Any]:
    """A headless Chromium; skipped where the browser, Playwright or axe-core is missing."""
    if not AXE_JS.is_file():
        pytest.skip("axe-core is not installed (make node-deps: npm ci --prefix tests)")
    yield from launched_chromium()


def new_page(browser: Any) -> Any:
    """A page that may inject axe despite our pages' strict Content-Security-Policy."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    return context.new_page()


def violations(page: Any) -> list[str]:
    """axe's violations on the page as it is now, one readable line per element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    # Let CSS transitions finish first: a control fading in is measured at its final colour.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    found = page.evaluate(RUN, TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {node}" for v in found for node in v["nodes"]
    ]
