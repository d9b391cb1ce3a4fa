"""Run `tall-teach build` in this process with one fault injected into the output writing.

Usage: python faulty_build.py FAULT N -- build COURSE --out OUT ...

FAULT is one of:
  enospc-fsync    the N-th os.fsync fails with ENOSPC (the disk filled while staging)
  enospc-mkstemp  the N-th temporary file cannot be created: ENOSPC
  sigint-fsync    Ctrl+C arrives during the N-th os.fsync (while staging)
  sigint-replace  Ctrl+C arrives during the N-th os.replace (while renaming into place)
  edit-render     an editor saves the file named by $TALL_TEACH_TEST_EDIT (a line appended)
                  while the first N renders run: after reading, before writing

The patches are made here, in a process of its own, so a stray KeyboardInterrupt can
never reach the test runner.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any


def _nth(original: Callable[..., Any], n: int, fault: Callable[[], None]) -> Callable[..., Any]:
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == n:
            fault()
        return original(*args, **kwargs)

    return patched


def _disk_full() -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def _editing(original: Callable[..., Any], n: int) -> Callable[..., Any]:
    """Render, and during the first n renders append a new line to the edited file."""
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        result = original(*args, **kwargs)
        if calls[0] <= n:
            with open(os.environ["TALL_TEACH_TEST_EDIT"], "a", encoding="utf-8") as handle:
                handle.write(f"\n- saved during render {calls[0]}\n")
        return result

    return patched


def install(fault: str, n: int) -> None:
    if fault == "enospc-fsync":
        os.fsync = _nth(os.fsync, n, _disk_full)
    elif fault == "enospc-mkstemp":
        tempfile.mkstemp = _nth(tempfile.mkstemp, n, _disk_full)
    elif fault == "sigint-fsync":
        os.fsync = _nth(os.fsync, n, _ctrl_c)
    elif fault == "sigint-replace":
        os.replace = _nth(os.replace, n, _ctrl_c)
    elif fault == "edit-render":
        import tall_teach.pipeline as pipeline

        pipeline._render_all = _editing(pipeline._render_all, n)
    else:
        raise SystemExit(f"unknown fault {fault!r}")


def main() -> None:
    fault, n, cli_args = sys.argv[1], int(sys.argv[2]), sys.argv[4:]
    os.environ["TALL_TEACH_JOBS"] = "1"
    from tall_teach.cli import main as cli_main

    install(fault, n)
    cli_main(cli_args, prog_name="tall-teach")


if __name__ == "__main__":
    main()
