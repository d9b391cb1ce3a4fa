"""Run `tall-teach build` in this process with audit hooks, and record what it opened.

Usage: python audited_build.py REPORT.json -- build COURSE --out OUT ...

Every "open" event (builtins.open, io.open, os.open, and so Pillow's Image.open),
directory listing, socket use and process start is written to REPORT.json, so a test
can check that a build read nothing outside the course, its theme and the Python
installation, and touched no network. The hooks cannot be removed once added,
which is why this runs in its own process.
"""

from __future__ import annotations

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


def _record(events: list[tuple[str, str]]) -> None:
    def hook(event: str, args: tuple[object, ...]) -> None:
        kind = WATCHED.get(event)
        if kind is None:
            return
        first = args[0] if args else None
        if kind == "url":
            events.append((kind, str(first)[:300]))
            return
        if kind == "process" and event == "subprocess.Popen":
            events.append((kind, " ".join(str(a) for a in args[1])[:300]))
            return
        if kind in ("open", "list"):
            if isinstance(first, int) or first is None:
                return  # an already open descriptor (os.fdopen), or the current folder
            if isinstance(first, bytes):
                first = os.fsdecode(first)
            events.append((kind, os.path.abspath(str(first))))
        else:
            events.append((kind, f"{event} {args!r}"[:300]))

    sys.addaudithook(hook)


def main() -> None:
    report, cli_args = sys.argv[1], sys.argv[3:]
    events: list[tuple[str, str]] = []
    os.environ["TALL_TEACH_JOBS"] = "1"  # one process: a forked worker's events would be lost
    from tall_teach.cli import main as cli_main

    _record(events)
    status = 0
    try:
        cli_main(cli_args, prog_name="tall-teach", standalone_mode=True)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        with open(report, "w", encoding="utf-8") as handle:
            json.dump({"status": status, "events": sorted(set(events))}, handle, indent=1)
    sys.exit(status)


if __name__ == "__main__":
    main()
