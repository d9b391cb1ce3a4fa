"""`tall-teach preview COURSE`: the slides, handout and quiz in a browser, reloaded on save.

Starlette and uvicorn serve the pages kept in memory by `pages.Pages` on the loopback
only; watchfiles (as `watch` uses) triggers a rebuild, and the open page learns of it
through server-sent events: it reloads to the same slide, or shows the course's
errors (file, line, message) over the last good view. Ctrl+C stops it cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from tall_teach.errors import TallTeachError
from tall_teach.preview.app import Hub, create_app
from tall_teach.preview.pages import Pages, Problem

__all__ = ["Pages", "open_socket", "serve"]

Echo = Callable[[str], None]
LOOPBACK = "127.0.0.1"


def open_socket(port: int = 0, host: str = LOOPBACK) -> socket.socket:
    """A listening socket on the loopback: the given port, or a free one (port 0)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise TallTeachError(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port "
            "or leave it out to take a free one"
        ) from None
    sock.listen(64)
    sock.setblocking(False)
    return sock


def report(course_dir: Path, problems: list[Problem], seconds: float, echo: Echo) -> None:
    if problems:
        for problem in problems:
            where = course_dir / problem.path if problem.path else course_dir
            line = f":{problem.line}" if problem.line else ""
            echo(f"{where}{line}: {problem.severity}: {problem.message}")
        echo(f"{course_dir}: not rebuilt (the preview shows the last good version)")
    else:
        echo(f"{course_dir}: rebuilt in {seconds:.2f} s")


async def watch_and_rebuild(pages: Pages, hub: Hub, stop: asyncio.Event, echo: Echo) -> None:
    """Rebuild after each save (50 ms of quiet gathers an editor's several writes): the
    pages open in a browser at once, the slides always (they show most errors)."""
    from watchfiles import awatch

    from tall_teach.watch import _theme_dirs

    folders = [pages.course_dir, *_theme_dirs(pages.course_dir)]
    async for _changes in awatch(*folders, debounce=50, step=20, stop_event=stop):
        started = time.perf_counter()
        problems = await asyncio.to_thread(pages.rebuild, {"slides", *hub.watched()})
        report(pages.course_dir, problems, time.perf_counter() - started, echo)


def serve(
    course_dir: Path, port: int = 0, open_browser: bool = False, echo: Echo = print
) -> None:
    """Build, serve on the loopback until Ctrl+C, rebuild on every save."""
    import uvicorn

    hub = Hub()
    pages = Pages(course_dir, hub.notify)
    started = time.perf_counter()
    report(course_dir, pages.rebuild(), time.perf_counter() - started, echo)
    sock = open_socket(port)
    url = f"http://{LOOPBACK}:{sock.getsockname()[1]}/"

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        hub.loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        task = asyncio.create_task(watch_and_rebuild(pages, hub, stop, echo))
        echo(f"previewing {course_dir} at {url} (Ctrl+C to stop)")
        if open_browser:
            import webbrowser

            hub.loop.run_in_executor(None, webbrowser.open, url)
        yield
        stop.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    class Server(uvicorn.Server):  # type: ignore[misc]
        def handle_exit(self, sig: int, frame: Any) -> None:
            hub.stopping.set()  # event streams end, so shutdown does not wait on them
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        create_app(pages, hub, lifespan),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
    )
    try:
        asyncio.run(Server(config).serve(sockets=[sock]))
    except KeyboardInterrupt:  # uvicorn raises the Ctrl+C again once it has shut down
        pass
    finally:
        sock.close()
    echo("stopped previewing")
