"""The preview's web app: three pages, a server-sent event stream, nothing else.

Routes are a fixed list, so no request can name a file: /slides, /handout and /quiz
are the pages kept in memory (with a small reload-and-overlay script added), and
/__preview/events streams their versions and the current problems. Requests whose
Host is not the loopback are refused (a web page elsewhere cannot reach the preview
through DNS rebinding).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import threading
from collections.abc import AsyncIterator
from html import escape, unescape
from importlib import resources
from typing import Any

from tall_teach.preview.pages import PAGES, Pages

CSP_META = re.compile(
    rb'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
KEEPALIVE_TICKS = 15  # a comment line every ~15 s keeps proxies and browsers patient


class Hub:
    """Who is listening: one asyncio queue per open event stream, woken from any thread."""

    def __init__(self) -> None:
        self.queues: dict[asyncio.Queue[None], str] = {}  # stream -> the page it shows
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stopping = threading.Event()

    def watched(self) -> set[str]:
        """The pages open in a browser now: a rebuild renders these at once."""
        return set(self.queues.values())

    def notify(self) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        for queue in list(self.queues):
            loop.call_soon_threadsafe(queue.put_nowait, None)


def client_script(page: str, version: int) -> str:
    """The text of the script added to every page (reload on a new version, overlay)."""
    script = resources.files("tall_teach.preview").joinpath("client.js").read_text("utf-8")
    setup = json.dumps({"page": page, "version": version})
    return f"window.__talltPreview = {setup};\n{script}"


def allow_script(html: bytes, script: str) -> bytes:
    """The page's own Content-Security-Policy, widened by exactly this script (by its
    hash) and by event streams from the preview itself; everything else it forbade stays
    forbidden."""
    found = CSP_META.search(html)
    if found is None:
        return html
    policy = unescape(found.group(2).decode("utf-8"))
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    scripts = directives.get("script-src", directives.get("default-src", []))
    directives["script-src"] = [*(s for s in scripts if s != "'none'"), f"'sha256-{digest}'"]
    connect = directives.get("connect-src", directives.get("default-src", []))
    directives["connect-src"] = [*(s for s in connect if s != "'none'"), "'self'"]
    widened = "; ".join(" ".join([name, *values]) for name, values in directives.items())
    return html[: found.start(2)] + escape(widened).encode("utf-8") + html[found.end(2) :]


def with_client(html: bytes, page: str, version: int) -> bytes:
    """The page with the preview script just before </body> (or at the end)."""
    script = client_script(page, version)
    html = allow_script(html, script)
    tag = f"<script>{script}</script>".encode()
    at = html.rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def placeholder(name: str, waiting: bool) -> bytes:
    """A page standing in for one not built yet: it shows the overlay and reloads itself
    as soon as the course builds."""
    text = (
        "Waiting for the course to build without errors; the page reloads itself."
        if waiting
        else "This course has no such page (the HTML quiz is not among its quiz formats)."
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>'
        f"</head><body><main><h1>{name}</h1><p>{text}</p></main></body></html>"
    ).encode()


def create_app(pages: Pages, hub: Hub, lifespan: Any = None) -> Any:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
    from starlette.routing import Route

    async def index(request: Request) -> Response:
        return RedirectResponse("/slides")

    async def page(request: Request) -> Response:
        name = request.url.path.strip("/")
        body = await asyncio.to_thread(pages.get, name)
        status = 200
        if body is None:  # never built (errors from the start) or no such page in the course
            waiting = bool(pages.snapshot()["problems"])
            status = 503 if waiting else 404
            body = placeholder(name, waiting)
        version = int(pages.snapshot()["versions"][name])  # type: ignore[index]
        return HTMLResponse(
            with_client(body, name, version),
            status_code=status,
            headers={"Cache-Control": "no-store"},
        )

    async def events(request: Request) -> Response:
        shown = request.query_params.get("page", "")
        return StreamingResponse(
            stream(shown if shown in PAGES else ""),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    async def stream(shown: str) -> AsyncIterator[str]:
        queue: asyncio.Queue[None] = asyncio.Queue()
        hub.loop = asyncio.get_running_loop()
        hub.queues[queue] = shown
        try:
            yield f"event: state\ndata: {json.dumps(pages.snapshot())}\n\n"
            ticks = 0
            while not hub.stopping.is_set():
                try:
                    await asyncio.wait_for(queue.get(), 1.0)
                except TimeoutError:
                    ticks += 1
                    if ticks % KEEPALIVE_TICKS == 0:
                        yield ": keepalive\n\n"
                    continue
                while not queue.empty():  # several changes at once: one message
                    queue.get_nowait()
                yield f"event: state\ndata: {json.dumps(pages.snapshot())}\n\n"
        finally:
            hub.queues.pop(queue, None)

    async def state(request: Request) -> Response:
        return Response(json.dumps(pages.snapshot()), media_type="application/json")

    routes = [
        Route("/", index),
        *(Route(f"/{name}", page) for name in PAGES),
        Route("/__preview/events", events),
        Route("/__preview/state", state),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"])]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
