"""`tall-teach review`: the review page on a loopback port; decisions saved, quiz rebuilt.

Bound to 127.0.0.1 only. A decision must carry the page's random token and a Host of
this very address, so another web page the reviewer has open (or a DNS-rebinding
site) cannot post decisions. Decisions are serialised by a lock: one YAML write and
one quiz rebuild at a time.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tall_teach.errors import ContentError, TallTeachError
from tall_teach.model import DECISIONS, Course, Option

MAX_BODY = 256 * 1024
UNDO = "pending"


class DecisionError(ValueError):
    """A decision the page sent that cannot be stored (shown to the reviewer as is)."""


@dataclass
class ReviewSession:
    """The course being reviewed: items as generated, and what a decision does."""

    course_dir: Path
    out_root: Path
    reviewer: str
    rebuild: bool = True
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    lock: threading.Lock = field(default_factory=threading.Lock)
    course: Course | None = None

    def load(self) -> Course:
        """Read and generate again (the YAML may have been edited by hand meanwhile)."""
        from tall_teach.quiz import generate_items
        from tall_teach.reader import read_course

        course, _ = read_course(self.course_dir)
        self.course, _ = generate_items(course)
        return self.course

    def page(self) -> bytes:
        from tall_teach.review.page import review_page

        return review_page(self.load(), self.token).encode("utf-8")

    def decide(self, payload: Any) -> dict[str, Any]:
        """Store one decision, rebuild the quiz outputs, return the page's new data."""
        from tall_teach.review.page import page_data
        from tall_teach.review.store import decided, now_utc, save_reviews

        with self.lock:
            course = self.load()
            item_id, decision, stem, options = _parse_decision(payload, course)
            item = next(i for i in course.items if i.id == item_id)
            if decision == UNDO:
                reviews = [r for r in course.reviews if r.item_id != item_id]
            else:
                reviews = decided(course, item, decision, self.reviewer, now_utc(), stem, options)
            save_reviews(self.course_dir, reviews)
            course = self.load()
            message = f"Saved: {item_id} {decision}."
            if self.rebuild:
                message += " " + self._rebuild()
            return {"data": page_data(course, []), "message": message}

    def _rebuild(self) -> str:
        from tall_teach.pipeline import build

        try:
            result = build(self.course_dir, self.out_root, ["quiz"])
        except ContentError as exc:
            return f"Quiz outputs not rebuilt: {exc.diagnostics[0]}"
        except TallTeachError as exc:
            return f"Quiz outputs not rebuilt: {exc}"
        return f"Quiz outputs rebuilt in {result.out_dir}."


def _parse_decision(payload: Any, course: Course
                    ) -> tuple[str, str, str, tuple[Option, ...]]:
    if not isinstance(payload, dict):
        raise DecisionError("a decision is a JSON object")
    item_id, decision = payload.get("id"), payload.get("decision")
    if not isinstance(item_id, str) or item_id not in {i.id for i in course.items}:
        raise DecisionError(f"no quiz item has the id {item_id!r} (reload the page)")
    if decision not in (*DECISIONS, UNDO):
        raise DecisionError(f"unknown decision {decision!r}")
    if decision != "edited":
        return item_id, decision, "", ()
    stem, raw = payload.get("stem"), payload.get("options")
    if not isinstance(stem, str) or not stem.strip() or not isinstance(raw, list):
        raise DecisionError("an edit needs a stem and a list of options")
    options = tuple(Option(str(o.get("text", "")).strip(), o.get("correct") is True)
                    for o in raw if isinstance(o, dict))
    texts = [o.text for o in options]
    if (len(options) < 2 or not all(texts) or len(set(texts)) != len(texts)
            or sum(o.correct for o in options) != 1):
        raise DecisionError("an edit needs at least two different options, exactly one the key")
    return item_id, decision, stem.strip(), options


class _Handler(BaseHTTPRequestHandler):
    session: ReviewSession
    server_version = "tall-teach-review"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI prints the URL
        return

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")  # no other page may frame the buttons
        self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value).encode("utf-8"), "application/json")

    def do_GET(self) -> None:
        if not self._host_ok() or self.path not in ("/", "/index.html"):
            self._send(404, b"not found", "text/plain")
            return
        try:
            page = self.session.page()
        except ContentError as exc:
            text = "The course has errors; fix them and reload:\n" + str(exc)
            self._send(500, text.encode("utf-8"), "text/plain; charset=utf-8")
            return
        self._send(200, page, "text/html; charset=utf-8")

    def do_POST(self) -> None:
        if (not self._host_ok() or self.path != "/api/decide"
                or not secrets.compare_digest(self.headers.get("X-Review-Token", ""),
                                              self.session.token)):
            self._json(403, {"error": "refused: not from this review page"})
            return
        declared = self.headers.get("Content-Length") or "0"
        length = int(declared) if declared.isdigit() else 0
        if length <= 0 or length > MAX_BODY:
            self._json(400, {"error": "empty or too large request"})
            return
        try:
            payload = json.loads(self.rfile.read(length))
            self._json(200, self.session.decide(payload))
        except (ValueError, DecisionError) as exc:
            self._json(400, {"error": f"Not saved: {exc}"})
        except ContentError as exc:
            self._json(409, {"error": f"Not saved: the course has errors: {exc.diagnostics[0]}"})
        except TallTeachError as exc:
            self._json(500, {"error": f"Not saved: {exc}"})


def make_server(session: ReviewSession, port: int = 0) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 (port 0: a free one the system picks)."""
    handler = type("ReviewHandler", (_Handler,), {"session": session})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def server_url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(session: ReviewSession, port: int, open_browser: bool, timeout: float,
          echo: Any) -> None:
    """Serve until Ctrl+C (or `timeout` seconds); print the URL first."""
    import os
    import time
    import webbrowser

    os.environ.setdefault("TALL_TEACH_JOBS", "1")  # rebuilds run in a server thread: no fork
    session.load()  # a course with errors fails here, before a port is opened
    server = make_server(session, port)
    url = server_url(server)
    echo(f"Reviewing {session.course_dir} at {url} (decisions go to "
         f"{session.course_dir / 'quiz-review.yaml'}; Ctrl+C to stop)")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    if open_browser:
        webbrowser.open(url)
    try:
        started = time.monotonic()
        while thread.is_alive() and (not timeout or time.monotonic() - started < timeout):
            time.sleep(0.2)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        server.shutdown()
        server.server_close()
