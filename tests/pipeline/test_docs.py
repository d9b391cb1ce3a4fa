"""The docs cannot drift: docs/cli.md is the commands' own help; the guide's examples build."""

from __future__ import annotations

from pathlib import Path

from tall_teach.cli import main
from tall_teach.clidoc import render

REPO = Path(__file__).resolve().parents[2]


def test_the_cli_reference_is_the_commands_own_help() -> None:
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render(main), (
        "docs/cli.md is stale: run `.venv/bin/python -m tall_teach.clidoc > docs/cli.md`")
