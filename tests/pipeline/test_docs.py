"""The docs cannot drift: docs/cli.md is the commands' own help; the guide's examples build."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tall_teach.cli import main
from tall_teach.clidoc import render
from tall_teach.scaffold import create_course

REPO = Path(__file__).resolve().parents[2]


def test_the_cli_reference_is_the_commands_own_help() -> None:
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render(main), (
        "docs/cli.md is stale: run `.venv/bin/python -m tall_teach.clidoc > docs/cli.md`")


def examples(text: str) -> list[tuple[str, str]]:
    """(info string, body) of every fenced block, fences of 3 or more backticks."""
    found, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        match = re.match(r"^(`{3,})(.*)$", lines[i])
        if not match:
            i += 1
            continue
        fence, info, body = match.group(1), match.group(2).strip(), []
        i += 1
        while i < len(lines) and lines[i].rstrip() != fence:
            body.append(lines[i])
            i += 1
        found.append((info, "\n".join(body) + "\n"))
        i += 1
    return found


GUIDE = REPO / "docs" / "authoring.md"


def guide_course(tmp_path: Path) -> Path:
    """A course made of the guide's examples: its course.yaml, references, glossary and
    theme, and every Markdown example as a module of its own (figures from the starter)."""
    found = examples(GUIDE.read_text(encoding="utf-8"))
    modules = [body for info, body in found if info == "markdown"]
    files = {info.split()[1]: body for info, body in found if info.startswith("yaml ")}
    assert {"course.yaml", "references.yaml", "glossary.yaml", "theme.yaml"} <= set(files)
    assert len(modules) >= 10
    course = create_course(tmp_path / "teaching", "guide", today=date(2026, 1, 2))
    for old in (course / "modules").glob("*.md"):
        old.unlink()
    names = []
    for number, body in enumerate(modules, start=1):
        names.append(f"modules/{number:02d}-example.md")
        (course / names[-1]).write_text(body, encoding="utf-8")
    config = yaml.safe_load(files["course.yaml"])
    config.update(modules=names, theme="./theme")
    (course / "course.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (course / "references.yaml").write_text(files["references.yaml"], encoding="utf-8")
    (course / "glossary.yaml").write_text(files["glossary.yaml"], encoding="utf-8")
    (course / "theme").mkdir()
    (course / "theme" / "theme.yaml").write_text(files["theme.yaml"], encoding="utf-8")
    return course


@pytest.mark.slow
def test_every_example_of_the_authoring_guide_checks_and_builds(tmp_path: Path) -> None:
    course = guide_course(tmp_path)
    checked = CliRunner().invoke(main, ["check", str(course)])
    assert checked.exit_code == 0, checked.output
    assert ": error:" not in checked.output
    built = CliRunner().invoke(main, ["build", str(course)])
    assert built.exit_code == 0, built.output
    out = tmp_path / "teaching" / "build" / "guide"
    for name in ("guide.pptx", "handout.pdf", "quiz/quiz.html", "quiz/qti.zip", "CHANGES.md"):
        assert (out / name).is_file(), name


def test_the_guide_names_every_course_yaml_key() -> None:
    from tall_teach.reader.course import COURSE_KEYS, HANDOUT_KEYS, QUIZ_KEYS

    text = GUIDE.read_text(encoding="utf-8")
    for key in (*COURSE_KEYS, *HANDOUT_KEYS, *QUIZ_KEYS):
        assert re.search(rf"^\s*{key}:", text, re.MULTILINE), f"{key} is not in the guide"
