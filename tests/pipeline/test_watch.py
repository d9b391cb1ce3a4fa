"""`tall-teach watch` picks up an edit, rebuilds, and survives a content error."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tall_teach.watch import watch_courses

from .conftest import edit


def test_watch_rebuilds_on_save_and_keeps_going_after_an_error(course: Path, out: Path) -> None:
    lines: list[str] = []
    thread = threading.Thread(
        target=watch_courses, args=([course], out, ["dump"]),
        kwargs={"timeout": 8, "echo": lines.append}, daemon=True,
    )
    thread.start()
    module = course / "modules/01-example.md"

    def wait_for(text: str, since: int) -> int:
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            for index in range(since, len(lines)):
                if text in lines[index]:
                    return index + 1
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not printed; got {lines}")

    seen = wait_for("watching", 0)
    edit(module, "[@example2024]", "[@nosuchkey]")
    seen = wait_for("not rebuilt", seen)
    edit(module, "[@nosuchkey]", "[@handbook2023]")
    wait_for("rebuilt dump", seen)
    thread.join(timeout=10)
    assert not thread.is_alive()
