"""The command line guards what no course file can: where outputs go, and our own bugs
shown as one clear line instead of a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tall_teach.cli import main

from .kit import GOOD_COURSE, snapshot


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "work" / "course"
    shutil.copytree(GOOD_COURSE, root)
    return root


@pytest.mark.parametrize("spelt", ["parent", "course/.."])
def test_an_out_folder_that_would_put_outputs_in_the_course_folder_is_refused(
    course: Path, spelt: str
) -> None:
    """--out DIR writes DIR/<course name>/: with DIR the course's parent that is the course
    folder itself, where CHANGES.md, quiz/ or handout.html would overwrite the author's."""
    before = snapshot(course)
    out_dir = course.parent if spelt == "parent" else course / ".."
    result = CliRunner().invoke(main, ["build", str(course), "--out", str(out_dir)])
    assert result.exit_code == 2
    assert "into the course folder itself: choose a folder outside the course" in result.output
    assert snapshot(course) == before


def test_an_out_folder_inside_the_course_is_allowed(course: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(course), "--out", str(course / "build"),
                                       "--only", "dump"])
    assert result.exit_code == 0, result.output
    assert (course / "build" / "course" / "model.json").is_file()


@pytest.mark.parametrize("command", ["build", "check", "dump"])
def test_an_unexpected_exception_is_one_clear_line_not_a_traceback(
    course: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import tall_teach.pipeline
    import tall_teach.reader

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("first line\nthe last line says what broke")

    monkeypatch.setattr(tall_teach.pipeline, "build", broken)
    monkeypatch.setattr(tall_teach.pipeline, "check_course", broken)
    monkeypatch.setattr(tall_teach.reader, "read_course", broken)
    monkeypatch.delenv("TALL_TEACH_DEBUG", raising=False)
    result = CliRunner().invoke(main, [command, str(course)])
    assert result.exit_code == 1
    assert not isinstance(result.exception, ValueError)
    assert "Traceback" not in result.output
    assert (f"{course}: internal error (ValueError: the last line says what broke): this is a "
            "bug in tall-teach, not a mistake in the course") in result.output
