"""The command line as a user runs it: exit statuses, message format, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tall_teach.cli import main

from .conftest import edit


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tall_teach", *args],
        capture_output=True, text=True, cwd=cwd, check=False,
    )


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "check", "dump", "new", "watch"):
        assert command in result.output


def test_check_of_the_starter_course_is_clean_even_strict(course: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(course), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings, 1 note")
    assert ": note: figure to insert: The figure you still have to insert" in result.output


def test_check_reports_every_error_as_path_line_severity_message(course: Path) -> None:
    edit(course / "course.yaml", "subtitle:", "subtitel:")
    edit(course / "modules/01-example.md", "[@example2024]", "[@nosuchkey]")
    result = run("check", str(course))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{course}/course.yaml:") and ": error: " in line and "subtitle" in line
        for line in lines
    ), result.stdout
    assert any(
        line.startswith(f"{course}/modules/01-example.md:") and "nosuchkey" in line
        for line in lines
    ), result.stdout
    assert lines[-1].startswith("2 errors")


def test_check_strict_fails_on_warnings(course: Path) -> None:
    edit(course / "modules/01-example.md", "![A diagram of the flow from Markdown to the outputs]",
         "![]")
    assert CliRunner().invoke(main, ["check", str(course)]).exit_code == 0
    strict = CliRunner().invoke(main, ["check", str(course), "--strict"])
    assert strict.exit_code == 1
    assert "warning: image figures/flow.png has no alt text" in strict.output


def test_usage_errors_exit_with_status_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(main, ["build", "--only", "slides", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(main, ["frobnicate"]).exit_code == 2


def test_build_failure_is_a_message_not_a_traceback(course: Path, tmp_path: Path) -> None:
    edit(course / "modules/01-example.md", "```chart\ntype: column", "```chart\ntype: donut")
    result = run("build", str(course), "--only", "dump", "--out", str(tmp_path / "b"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{course}/modules/01-example.md:" in result.stderr
    assert not (tmp_path / "b" / "demo" / "model.json").exists()


def test_dump_prints_the_model_as_json(course: Path) -> None:
    result = CliRunner().invoke(main, ["dump", str(course)])
    assert result.exit_code == 0, result.output
    model = json.loads(result.output)
    assert model["type"] == "Course" and model["title"] == "Demo"
    titles = [s["id"] for m in model["modules"] for s in m["slides"]]
    assert "example/a-native-chart" in titles


def test_build_only_dump_then_up_to_date(course: Path, tmp_path: Path) -> None:
    args = ["build", str(course), "--only", "dump", "--out", str(tmp_path / "b")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert (tmp_path / "b" / "demo" / "model.json").is_file()
    second = CliRunner().invoke(main, args)
    assert "up to date" in second.output


def test_new_refuses_a_bad_name_and_an_existing_folder(tmp_path: Path) -> None:
    bad = CliRunner().invoke(main, ["new", "My Course", "--dir", str(tmp_path)])
    assert bad.exit_code == 2 and "lowercase" in bad.output
    assert CliRunner().invoke(main, ["new", "ok", "--dir", str(tmp_path)]).exit_code == 0
    again = CliRunner().invoke(main, ["new", "ok", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_courses_default_to_every_course_under_content(course: Path) -> None:
    result = run("check", cwd=course.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_check_counts_notes_apart_and_strict_does_not_fail_on_them(course: Path) -> None:
    # Two terms in the glossary category: the generated item gets 3 of 4 options, a note.
    glossary = course / "glossary.yaml"
    glossary.write_text("tool: [Markdown, YAML, BibTeX]\n", encoding="utf-8")
    (course / "modules" / "01-example.md").write_text(
        "---\nid: example\ntitle: Example\n---\n\n## Take-home\n\n::: takehome\n"
        "- Every course is written once in **Markdown** files\n:::\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(course), "--strict"])
    assert result.exit_code == 0, result.output
    assert ": note: quiz coverage: item" in result.output
    assert result.output.strip().endswith("0 errors, 0 warnings, 1 note")
