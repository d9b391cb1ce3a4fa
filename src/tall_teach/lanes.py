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
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
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


def _pickled(message: tuple[str, Any]) -> bytes:
    """`message` pickled; an exception that cannot be, as its traceback in a LaneError."""
    import pickle

    try:
        return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        text = "".join(traceback.format_exception(message[1])) if message[0] == "error" \
            else "a result could not be sent back"
        return pickle.dumps(("error", LaneError(text)), protocol=pickle.HIGHEST_PROTOCOL)


def _spill(spill: int, data: bytes) -> bool:
    """`data` written to the unnamed file `spill`; False if it could not be (disk full)."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(spill, view):]
    except OSError:
        return False
    return True


def _stop(_signum: int, _frame: object) -> None:
    """SIGTERM from the parent: remove the cache entry being written, then end as SIGTERM
    ends a process (no exception: one raised here could land in a finaliser and be lost)."""
    from tall_teach.cache import remove_unfinished

    remove_unfinished()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _serve(conn: Any, parent_end: Any, spill: int, tasks: Sequence[Task] | Orders,
           parent_pid: int) -> None:
    """Run in the child: every task, then all results in one message.

    The results go to `spill`, a file without a name the parent opened before the fork, and
    the pipe carries only a note that they are there, which fits in the pipe at once: so
    this process ends as soon as its tasks are done, freeing its memory (the deck of a
    large course, 200 MiB), instead of waiting until the parent, busy with its own lane,
    reads a message longer than a pipe holds (64 KiB). Nothing here may print a
    traceback: a parent that is gone (a closed pipe) ends the worker quietly.
    """
    _die_with_parent(parent_pid)
    # the parent stops this process with SIGTERM (`close`): a cache entry half-written
    # (`cache.write_entry`) removes its temporary file first
    import tall_teach.cache  # noqa: F401 (imported now, not inside the signal handler)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent_end.close()  # else a send blocks forever once the parent is gone, never EPIPE
    try:
        global _ORDERS
        _ORDERS = tasks if isinstance(tasks, Orders) else None
        batches = tasks.batches() if isinstance(tasks, Orders) else [tasks]
        try:
            results: list[Any] = []
            for batch in batches:
                results.extend(function(*args) for function, args in batch)
                if _ORDERS is not None:  # the batches that came next, done `meanwhile`
                    results.extend(_ORDERS.done_ahead)
                    _ORDERS.done_ahead.clear()
            message: tuple[str, Any] = ("ok", results)
        except Exception as exc:  # sent to the parent, which raises it there
            message = ("error", exc)
        import contextlib

        for clean_up in BEFORE_RESULTS:  # now: once the parent has the results, it stops
            with contextlib.suppress(Exception):  # this process; what a clean-up raises
                clean_up()  # must not keep the results back
        data = _pickled(message)
        del message
        try:
            if _spill(spill, data):
                conn.send_bytes(b"spilled")
            else:
                conn.send_bytes(data)
        except (BrokenPipeError, ConnectionError, EOFError, OSError):
            os._exit(0)  # the parent is gone: nobody to tell
    finally:
        conn.close()


_ORDERS: Orders | None = None  # in a lane started early: its orders, for `meanwhile`

# What a lane's child runs before it sends its results, after which its parent may stop
# it: registered by a module that leaves something behind otherwise (WeasyPrint's font
# folders in /tmp, `htmlkit.pdf.remove_font_folders`).
BEFORE_RESULTS: list[Callable[[], object]] = []


def _forget_orders() -> None:
    global _ORDERS
    _ORDERS = None


if hasattr(os, "register_at_fork"):  # a process a lane forks takes none of its orders
    os.register_at_fork(after_in_child=_forget_orders)


def meanwhile() -> None:
    """In a lane started early, called by a long task between its steps: a batch of tasks
    that came in since it started is done now, its results kept for after the current
    batch's. The handout's chunks call it: the quiz PDF, sent once the quiz is made,
    is printed between two chunks by a process with WeasyPrint loaded and warm, instead
    of by the build's process importing it (0.3 s) beside the chunks. Nothing elsewhere."""
    orders = _ORDERS
    if orders is None or orders.last or orders.busy or not orders.conn.poll():
        return
    orders.busy = True
    try:
        orders.done_ahead.extend(function(*args) for function, args in orders.receive())
    finally:
        orders.busy = False


UNWIND_SECONDS = 5  # how long a stopped child may take to remove what it was writing


class Orders:
    """Tasks a lane started early receives later: the child warms up (imports what its
    tasks will need) while the parent is still working out what they are. They may come
    in batches, the child starting on one while the parent works out the next: the
    parent says which is the last."""

    def __init__(self, warm: Callable[[], object] | None) -> None:
        import multiprocessing

        self.warm = warm
        self.written = 0  # bytes of tasks in `file`
        self.last = False  # in the child: the last batch received
        self.busy = False  # in the child: doing batches `meanwhile`
        self.done_ahead: list[Any] = []  # their results, for after the current batch's
        self.conn, self.parent_conn = multiprocessing.get_context("fork").Pipe(duplex=False)
        self.warm_read, self.warm_write = -1, -1  # the child writes a byte once warm
        try:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the lane)
            self.warm_read, self.warm_write = os.pipe()
        except BaseException:
            self.conn.close()
            self.parent_conn.close()
            if hasattr(self, "file"):
                self.file.close()
            raise

    def batches(self) -> Iterator[Sequence[Task]]:
        """In the child: warm up, then each batch of tasks once it comes, up to the last
        (the process ends if the parent is gone)."""
        import contextlib

        self.parent_conn.close()
        os.close(self.warm_read)
        if self.warm is not None:
            with contextlib.suppress(Exception):  # the tasks meet it again and report it
                self.warm()
        with contextlib.suppress(OSError):  # the parent is gone: `receive` ends this process
            os.write(self.warm_write, b"w")
        os.close(self.warm_write)
        while not self.last:
            yield self.receive()

    def receive(self) -> Sequence[Task]:
        """In the child: the next batch, once it comes."""
        try:
            note = self.conn.recv_bytes()
        except (EOFError, OSError):
            os._exit(0)  # the parent is gone, or closed the lane without tasks
        self.last = note[:1] == b"L"
        return self._read(note[1:])

    def _read(self, note: bytes) -> Sequence[Task]:
        import pickle

        if note.startswith(b"data"):
            return pickle.loads(note[4:])  # type: ignore[no-any-return]
        offset, size = (int(n) for n in note.split(b":"))
        data = b""
        while len(data) < size:
            part = os.pread(self.file.fileno(), size - len(data), offset + len(data))
            if not part:
                raise LaneError("the tasks were cut short")
            data += part
        return pickle.loads(data)  # type: ignore[no-any-return]

    def send(self, tasks: Sequence[Task], last: bool = True) -> None:
        """In the parent: a batch of tasks, through the file (a pipe would block until
        read), after the batches before it."""
        import pickle

        data = pickle.dumps(list(tasks), protocol=pickle.HIGHEST_PROTOCOL)
        kind = b"L" if last else b"M"
        offset = self.written
        try:
            view = memoryview(data)
            while view:
                view = view[os.pwrite(self.file.fileno(), view, offset + len(data) - len(view)):]
        except OSError:
            self.parent_conn.send_bytes(kind + b"data" + data)
        else:
            self.written += len(data)
            self.parent_conn.send_bytes(kind + b"%d:%d" % (offset, len(data)))

    def warmed(self) -> bool:
        """In the parent: whether the child is done warming up (and waits for tasks)."""
        import select

        if self.warm_read < 0:
            return False
        return bool(select.select([self.warm_read], [], [], 0)[0])

    def close(self) -> None:
        self.conn.close()
        self.parent_conn.close()
        self.file.close()
        for fd in (self.warm_read, self.warm_write):
            if fd >= 0:
                os.close(fd)
        self.warm_read = self.warm_write = -1


class ForkedLane:
    """Start `tasks` in a forked child now; `results()` yields them in order.

    `ForkedLane.early(warm)` forks before the tasks are known: the child runs `warm()`
    (imports) while the parent works, and gets its tasks, pickled, from `submit`. Such a
    child may fork lanes of its own (it is not a multiprocessing daemon)."""

    def __init__(self, tasks: Sequence[Task] | None, *,
                 warm: Callable[[], object] | None = None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe(duplex=False)
        self._spill: Any = None
        self._orders: Orders | None = None
        self._process: Any = None
        try:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            self._orders = Orders(warm) if tasks is None else None
            self._process = context.Process(
                target=_serve, args=(child_conn, self._conn, self._spill.fileno(),
                                     self._orders or tasks, os.getpid()),
                daemon=self._orders is None,
            )
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                self._process.start()  # the child inherits the blocked mask, then ignores SIGINT
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a pending Ctrl+C fires here
        except BaseException:  # no child (fork failed), or Ctrl+C: nothing left open
            child_conn.close()
            self.close()
            raise
        child_conn.close()  # the child's end, which it has
        if self._orders is not None:
            self._orders.conn.close()
            os.close(self._orders.warm_write)
            self._orders.warm_write = -1

    @classmethod
    def early(cls, warm: Callable[[], object] | None = None) -> ForkedLane:
        """A lane forked now, its tasks given later by `submit`."""
        return cls(None, warm=warm)

    def submit(self, tasks: Sequence[Task], last: bool = True) -> None:
        """Tasks of a lane started `early` (more to come unless `last`); raises what
        pickling them raises. `results()` gives every batch's results in order."""
        if self._orders is None:
            raise LaneError("this lane was given its tasks when it started")
        self._orders.send(tasks, last)

    def warmed(self) -> bool:
        """A lane started `early`: whether it is done warming up, waiting for its tasks."""
        return self._orders is not None and self._orders.warmed()

    def done(self) -> bool:
        """Whether the child has sent its results (`results()` would not wait)."""
        return bool(self._conn.poll())

    def results(self) -> list[Any]:
        """Every task's result, in order; a task's exception is raised here, in the parent."""
        import pickle

        try:
            data = self._conn.recv_bytes()
        except EOFError:
            code = self._process.exitcode
            raise LaneError(f"the worker process stopped unexpectedly (exit {code})") from None
        if data == b"spilled":
            self._spill.seek(0)
            data = self._spill.read()
        status, value = pickle.loads(data)
        if status == "error":
            raise value
        return list(value)

    def close(self) -> None:
        """Stop the child if it is still working and reap it; safe to call twice."""
        if self._process is not None and self._process.pid is not None:
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(UNWIND_SECONDS)
                if self._process.is_alive():  # stuck where Python cannot run its handler
                    self._process.kill()
            self._process.join()
        self._conn.close()
        if self._spill is not None:
            self._spill.close()
        if self._orders is not None:
            self._orders.close()

    def __enter__(self) -> ForkedLane:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
