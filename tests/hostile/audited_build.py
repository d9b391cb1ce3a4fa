"""Run `tall-teach build` in this process with audit hooks, and record what it opened.

Usage: python audited_build.py REPORT.json -- build COURSE --out OUT ...

Every "open" event (builtins.open, io.open, os.open, and so Pillow's Image.open),
directory listing, socket use and process start is written to REPORT.json, so a test
can check that a build read nothing outside the course, its theme and the Python
installation, and touched no network. The hooks cannot be removed once added,
which is why this runs in its own process.

The build runs as a user's does, with its forked workers (two lanes): a forked process
keeps the hooks, and every event is appended at once to a file without a name that all
of them share (O_APPEND: whole lines), read back here at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

WATCHED = {
    "open": "open",
    "os.listdir": "list",
    "os.scandir": "list",
    "socket.connect": "socket",
    "socket.getaddrinfo": "socket",
    "socket.gethostbyname": "socket",
    "socket.sendto": "socket",
    "urllib.Request": "url",
    "subprocess.Popen": "process",
    "os.system": "process",
    "os.exec": "process",
    "os.posix_spawn": "process",
    "os.spawn": "process",
}


def _record(log: int) -> None:
    """Append every watched event to the descriptor `log`, from this process and its forks."""

    def note(kind: str, detail: str) -> None:
        with contextlib.suppress(OSError):  # closed at the very end, as the process exits
            os.write(log, (json.dumps([kind, detail]) + "\n").encode("utf-8"))

    def hook(event: str, args: tuple[object, ...]) -> None:
        kind = WATCHED.get(event)
        if kind is None:
            return
        first = args[0] if args else None
        if kind == "url":
            note(kind, str(first)[:300])
            return
        if kind == "process" and event == "subprocess.Popen":
            note(kind, " ".join(str(a) for a in args[1])[:300])
            return
        if kind in ("open", "list"):
            if isinstance(first, int) or first is None:
                return  # an already open descriptor (os.fdopen), or the current folder
            if isinstance(first, bytes):
                first = os.fsdecode(first)
            note(kind, os.path.abspath(str(first)))
        else:
            note(kind, f"{event} {args!r}"[:300])

    sys.addaudithook(hook)


def _recorded(log: int) -> list[tuple[str, str]]:
    os.lseek(log, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(log, 1 << 20):
        chunks.append(chunk)
    lines = b"".join(chunks).decode("utf-8").splitlines()
    return sorted({(kind, detail) for kind, detail in map(json.loads, lines)})


def main() -> None:
    import fcntl
    import tempfile

    report, cli_args = sys.argv[1], sys.argv[3:]
    from tall_teach.cli import main as cli_main

    # No name; opened before the hooks and shared by forked workers; left open, as the
    # hooks write to it until the process ends.
    log = tempfile.TemporaryFile()  # noqa: SIM115
    fd = log.fileno()
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_APPEND)
    _record(fd)
    status = 0
    try:
        cli_main(cli_args, prog_name="tall-teach", standalone_mode=True)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        events = _recorded(fd)
        with open(report, "w", encoding="utf-8") as handle:
            json.dump({"status": status, "events": events}, handle, indent=1)
    sys.exit(status)


if __name__ == "__main__":
    main()
