"""check and build share one diagnostics path: same lines, same --strict verdict, cached too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tall_teach.cli import main

from .conftest import edit

REPO = Path(__file__).resolve().parents[2]
COURSES = sorted(
    p.parent for p in [*REPO.glob("content/*/course.yaml"), *REPO.glob("tests/**/course.yaml"),
                       REPO / "src/tall_teach/scaffold/course/course.yaml"]
    if "__TITLE__" not in p.read_text(encoding="utf-8", errors="replace") or "scaffold" in str(p)
)


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    lines = [line for line in result.output.splitlines() if ": warning: " in line
             or ": error: " in line or ": note: " in line]
    return result.exit_code, lines


def copy_course(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content" / source.name
    shutil.copytree(source, target, symlinks=True)
    if "scaffold" in str(source):
        edit(target / "course.yaml", "__TITLE__", "Scaffold")
        edit(target / "course.yaml", "__DATE__", "2026-01-02")
    return target


def add_uncited_slide(course: Path) -> None:
    module = course / "modules/01-example.md"
    module.write_text(module.read_text(encoding="utf-8")
                      + "\n## Uncited\n\n- 42 patients with no citation\n", encoding="utf-8")


@pytest.mark.parametrize("source", COURSES, ids=lambda p: p.name)
def test_check_strict_and_build_strict_agree_first_build_and_cached(
    source: Path, tmp_path: Path
) -> None:
    course = copy_course(source, tmp_path)
    out = str(tmp_path / "build")
    checked, check_lines = run("check", "--strict", str(course))
    built, build_lines = run("build", "--strict", "--only", "dump", "--out", out, str(course))
    assert (checked == 0) == (built == 0), (check_lines, build_lines)
    assert build_lines == check_lines
    if built == 0:  # the second, cached build repeats the verdict and the warnings
        again, again_lines = run("build", "--strict", "--only", "dump", "--out", out, str(course))
        assert again == 0
        assert again_lines == check_lines


def test_a_cached_build_repeats_its_warnings_and_strict_fails_again(
    course: Path, out: Path
) -> None:
    add_uncited_slide(course)
    first, first_lines = run("build", "--only", "dump", "--out", str(out), str(course))
    assert first == 0
    assert any("states '42'" in line for line in first_lines)
    again = CliRunner().invoke(main, ["build", "--only", "dump", "--out", str(out), str(course)])
    assert "up to date" in again.output
    repeated = [line for line in again.output.splitlines() if ": warning: " in line
                or ": note: " in line]
    assert repeated == first_lines
    strict, _ = run("build", "--strict", "--only", "dump", "--out", str(out), str(course))
    assert strict == 1


def test_strict_build_with_warnings_writes_nothing(course: Path, out: Path) -> None:
    add_uncited_slide(course)
    result = CliRunner().invoke(main, ["build", "--strict", "--out", str(out), str(course)])
    assert result.exit_code == 1
    assert "--strict: 0 errors, 1 warning, 1 note; not built, nothing was written" in result.output
    assert not (out / "demo").exists()


def test_a_strict_build_starts_no_writer_before_every_warning_is_known(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The early lane's writers start before the deck is planned for its warnings, but
    not with --strict: one of those could stop the build, and nothing may be written."""
    from tall_teach import pipeline

    started: list[object] = []
    monkeypatch.setattr(pipeline, "_start_early", lambda *args: started.append(args))
    add_uncited_slide(course)
    result = CliRunner().invoke(main, ["build", "--strict", "--out", str(out), str(course)])
    assert result.exit_code == 1 and started == []
    assert not (out / "demo").exists()


def test_a_failed_build_says_nothing_was_written_or_previous_outputs_kept(
    course: Path, out: Path
) -> None:
    module = course / "modules/01-example.md"
    good = module.read_text(encoding="utf-8")
    edit(module, "[@example2024]", "[@no-such-key]")
    first = CliRunner().invoke(main, ["build", "--only", "dump", "--out", str(out), str(course)])
    assert first.exit_code == 1
    assert "build failed (1 error, 0 warnings); nothing was written" in first.output
    assert "previous outputs" not in first.output
    module.write_text(good, encoding="utf-8")
    assert CliRunner().invoke(main, ["build", "--only", "dump", "--out", str(out),
                                     str(course)]).exit_code == 0
    edit(module, "[@example2024]", "[@no-such-key]")
    again = CliRunner().invoke(main, ["build", "--only", "dump", "--out", str(out), str(course)])
    assert "previous outputs are left as they were" in again.output


@pytest.mark.parametrize("source", [c for c in COURSES if c.name in
                                    {"t-all-adults", "mini-course", "diabetes-t2"}],
                         ids=lambda p: p.name)
def test_a_deck_only_build_shows_checks_lines_with_the_deck_drawn_in_the_early_lane(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lane drawing the deck sends its plan's warnings back: they are not planned again
    here, and come in check's order."""
    monkeypatch.setenv("TALL_TEACH_JOBS", "2")
    course = copy_course(source, tmp_path)
    _, check_lines = run("check", str(course))
    built, build_lines = run("build", "--only", "pptx", "--out", str(tmp_path / "b"), str(course))
    assert built == 0 and build_lines == check_lines


def test_a_deck_only_build_with_an_error_writes_nothing(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deck starts before the course is linted and quizzed; an error found then stops
    it, and nothing is written."""
    monkeypatch.setenv("TALL_TEACH_JOBS", "2")
    edit(course / "modules/01-example.md", "[@example2024]", "[@no-such-key]")
    result = CliRunner().invoke(main, ["build", "--only", "pptx", "--out", str(out), str(course)])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not (out / "demo").exists()
