"""The theme palette's contrast is checked when a theme loads, naming the failing pair."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from tall_teach.a11y.palette import PAIRS, contrast, palette_problems
from tall_teach.errors import ThemeError
from tall_teach.theme import load_theme


def test_the_default_palette_passes_every_pair() -> None:
    theme = load_theme("default")
    assert palette_problems(theme.settings["colors"]) == []
    colours = theme.settings["colors"]
    for fore, back, least, _ in PAIRS:
        if " " not in fore + back:
            assert contrast(colours[fore], colours[back]) >= least, (fore, back)


def test_the_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def child_theme(root: Path, colours: dict[str, str]) -> Path:
    folder = root / "pale"
    folder.mkdir(parents=True)
    settings = {"extends": "default", "colors": colours}
    (folder / "theme.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return folder


def test_a_theme_with_a_pale_accent_is_refused_naming_the_pair_and_ratio(tmp_path: Path) -> None:
    child_theme(tmp_path, {"accent": "7FB3BD"})
    with pytest.raises(ThemeError) as caught:
        load_theme("./pale", tmp_path)
    message = str(caught.value)
    assert "theme './pale'" in message
    assert "colors.accent #7FB3BD on colors.background #FFFFFF has a contrast of 2.31:1" in message
    assert "under the 4.5:1 WCAG 2.1 AA asks for" in message
    assert "colors.text" not in message  # only the failing pairs


def test_a_graphics_colour_needs_only_three_to_one(tmp_path: Path) -> None:
    child_theme(tmp_path, {"accent3": "8AA5BF"})  # 2.6:1 on white: too pale for a series
    with pytest.raises(ThemeError, match=r"colors\.accent3 #8AA5BF .* under the 3:1"):
        load_theme("./pale", tmp_path)
    ok = tmp_path / "ok"
    child_theme(ok, {"accent3": "6C8EAD"})  # 3.4:1: fine for a chart series
    load_theme("./pale", ok)


def test_building_with_a_failing_theme_is_a_clear_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    from tall_teach.scaffold import create_course

    course = create_course(tmp_path, "pale-course", today=date(2026, 1, 15))
    child_theme(course, {"muted": "9AA3AD"})
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("theme: default", "theme: ./pale"))
    out = tmp_path / "build"
    run = subprocess.run(
        [sys.executable, "-m", "tall_teach", "build", str(course), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "colors.muted #9AA3AD on colors.background #FFFFFF" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (out / "pale-course" / "handout.html").exists()
