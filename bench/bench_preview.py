"""Time from saving a module to the reloaded preview page, on the T-ALL course.

A benchmark, not a test: `.venv/bin/python bench/bench_preview.py [--rounds N]` starts
`tall-teach preview` on a copy of the course, opens /slides on a slide in Chromium,
then N times appends a word to a bullet of that slide's module and measures until the
page shows it (the browser polls every animation frame). It prints each round, the
median and the server's own rebuild times; record them in docs/performance.md with
the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "t-all-adults"
MODULE = "modules/05-nelarabine.md"
ANCHOR = "no significant reduction in CIR"
sys.path.insert(0, str(ROOT / "tests" / "preview"))

from server import PreviewProcess  # noqa: E402  (the tests' process helper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "t-all-adults"
        shutil.copytree(COURSE, course)
        module = course / MODULE
        started = time.perf_counter()
        server = PreviewProcess(course)
        print(f"first build and start: {time.perf_counter() - started:.2f} s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(server.url + "slides")
            number = page.evaluate(
                "(t) => [...document.querySelectorAll('.slide')]"
                ".find(s => s.textContent.includes(t)).dataset.n",
                ANCHOR,
            )
            page.evaluate(f"talltSlides.show({number})")
            times = []
            for n in range(args.rounds):
                marker = f"edit{n}x"
                text = module.read_text(encoding="utf-8")
                server.drain()
                t0 = time.perf_counter()
                module.write_text(text.replace(ANCHOR, f"{ANCHOR} {marker}", 1), "utf-8")
                page.wait_for_function(
                    "(m) => { const s = document.querySelector('.slide.current');"
                    " return s && s.textContent.includes(m); }",
                    arg=marker, polling="raf", timeout=30000,
                )
                times.append(time.perf_counter() - t0)
                assert page.url.endswith(f"#/{number}"), page.url
                print(f"round {n + 1}: {times[-1] * 1000:.0f} ms to the reloaded slide {number}")
                module.write_text(text, "utf-8")
                server.wait_for("rebuilt in", timeout=60)  # the undo, not timed
                page.wait_for_function(
                    "(m) => !document.querySelector('.slide.current').textContent.includes(m)",
                    arg=marker, timeout=30000,
                )
            browser.close()
        server.interrupt()
        rebuilds = [float(m.group(1)) for line in server.seen
                    if (m := re.search(r"rebuilt in ([\d.]+) s", line))]
    print(f"save -> reloaded page: median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ({len(times)} rounds)")
    print(f"server rebuild (read + the pages in view): median {statistics.median(rebuilds):.2f} s")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
