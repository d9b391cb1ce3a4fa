"""A second lane of work in a forked process that Ctrl+C cannot tear.

Why not `concurrent.futures.ProcessPoolExecutor`: a terminal sends SIGINT to the whole
process group, so its worker got KeyboardInterrupt wherever it happened to be (waiting
on its queue, or still inside multiprocessing's start-up), printed tracebacks and
sometimes made the parent die by the signal instead of exiting cleanly.

Here the parent alone owns Ctrl+C: SIGINT is blocked across the fork, the child
ignores it, and the parent terminates the child when it is interrupted or fails.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any

Task = tuple[Callable[..., Any], tuple[Any, ...]]
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class LaneError(RuntimeError):
    """A task in the worker raised something that could not be sent back as is."""


def _die_with_parent(parent_pid: int) -> None:
    """Make this worker end when the build process ends, however it ends (kill -9 too).

    Linux: the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG), set first and
    then checked against a parent that died before it was set. Elsewhere a daemon thread
    watches the parent's pid. The worker holds nothing to clean up: the parent alone
    writes outputs, so being killed outright is safe.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux, or no libc symbol: the thread below
        pass
    if os.getppid() != parent_pid:
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="tall-teach-parent-watch", daemon=True).start()


def _serve(conn: Any, parent_end: Any, tasks: Sequence[Task], parent_pid: int) -> None:
    """Run in the child: every task, then all results in one message.

    One message at the end, not one per task: a pipe holds 64 KiB, so sending the first
    result would block this process until the parent, busy with its own lane, reads it.
    Nothing here may print a traceback: a parent that is gone (a closed pipe) ends the
    worker quietly.
    """
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent_end.close()  # else a send blocks forever once the parent is gone, never EPIPE
    try:
        try:
            message: tuple[str, Any] = ("ok", [function(*args) for function, args in tasks])
        except Exception as exc:  # sent to the parent, which raises it there
            message = ("error", exc)
        import gc

        gc.collect()  # now: once the parent has the results it stops this process, and
        # WeasyPrint's font folders in /tmp are only removed when their objects are freed
        try:
            conn.send(message)
        except (BrokenPipeError, ConnectionError, EOFError):
            os._exit(0)  # the parent is gone: nobody to tell
        except Exception:  # the exception cannot be pickled: send its traceback instead
            text = "".join(traceback.format_exception(message[1])) if message[0] == "error" \
                else "a result could not be sent back"
            try:
                conn.send(("error", LaneError(text)))
            except (OSError, EOFError):
                os._exit(0)
    finally:
        conn.close()


class ForkedLane:
    """Start `tasks` in a forked child now; `results()` yields them in order."""

    def __init__(self, tasks: Sequence[Task]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve, args=(child_conn, self._conn, tasks, os.getpid()), daemon=True
        )
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process.start()  # the child inherits the blocked mask, then ignores SIGINT
            child_conn.close()
        finally:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a pending Ctrl+C fires here
            except BaseException:
                self.close()
                raise

    def results(self) -> list[Any]:
        """Every task's result, in order; a task's exception is raised here, in the parent."""
        try:
            status, value = self._conn.recv()
        except EOFError:
            code = self._process.exitcode
            raise LaneError(f"the worker process stopped unexpectedly (exit {code})") from None
        if status == "error":
            raise value
        return list(value)

    def close(self) -> None:
        """Stop the child if it is still working and reap it; safe to call twice."""
        if self._process.pid is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
        self._conn.close()

    def __enter__(self) -> ForkedLane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
