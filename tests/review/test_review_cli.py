"""`tall-teach review` on the command line: the URL, and a broken review file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tall_teach.cli import main


def test_review_prints_a_loopback_url_and_stops_after_its_timeout(course_dir: Path,
                                                                   tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", str(course_dir), "--timeout", "0.3",
                                       "--out", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    assert "at http://127.0.0.1:" in result.output


def test_review_of_a_course_with_a_broken_review_file_names_the_line(course_dir: Path) -> None:
    (course_dir / "quiz-review.yaml").write_text("items:\n  x:\n    decision: maybe\n")
    result = CliRunner().invoke(main, ["review", str(course_dir), "--timeout", "0.3"])
    assert result.exit_code == 1
    assert f"{course_dir}/quiz-review.yaml:3: error: 'decision' must be one of" in result.output
    assert "http://" not in result.output
