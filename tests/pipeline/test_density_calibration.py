"""The density lint's line estimate against LibreOffice's render (tools/calibrate_density.py).

A small neutral deck of text slides near the theme's limit is built, converted to PDF by
LibreOffice and its body lines counted: the estimate must match on nearly every slide,
and never call a slide over the limit that LibreOffice draws within it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

import calibrate_density  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("libreoffice")]


def test_the_estimate_matches_libreoffice_and_gives_no_false_warning(tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and poppler are installed by make test")
    course = calibrate_density.synthetic(tmp_path / "src" / "synthetic", slides=15, seed=11)
    calibrate_density.render(course, tmp_path)
    pages = calibrate_density.measure_pages(course, tmp_path)
    assert len(pages) >= 12
    exact = sum(est == drawn for *_r, est, drawn in pages)
    assert exact >= len(pages) - 1, pages
    assert all(abs(est - drawn) <= 1 for *_r, est, drawn in pages), pages
    assert not [row for row in pages if row[2] > 8 >= row[3]], "a false density warning"
