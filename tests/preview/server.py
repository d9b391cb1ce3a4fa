"""A `tall-teach preview` process for the tests: started on a free port, stopped with Ctrl+C."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

URL = re.compile(r"previewing .* at (http://127\.0\.0\.1:\d+/)")


class PreviewProcess:
    """The real command line in a child process; its output lines are collected as they come."""

    def __init__(self, course: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tall_teach", "preview", str(course), *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = URL.search(self.wait_for("previewing")).group(1)  # type: ignore[union-attr]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 120) -> str:
        """The next output line containing `text` (a first build is slow on a busy machine)."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"{text!r} never printed; got {self.seen}") from None
            self.seen.append(line)
            if text in line:
                return line

    def drain(self) -> None:
        """Forget the lines printed so far: the next wait_for sees only what comes after."""
        while not self.lines.empty():
            self.seen.append(self.lines.get_nowait())

    def interrupt(self, timeout: float = 30) -> int:
        """Ctrl+C, then the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
