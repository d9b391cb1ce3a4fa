"""A real client: LibreOffice opens the deck and prints one page per slide, nothing overflowing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

BODY_BOTTOM_PT = 6.55 * 72  # the body area of the default template ends here
FOOTER_TOP_PT = 6.78 * 72  # and the footer line starts here


@pytest.fixture(scope="module")
def pdf(deck_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make test installs libreoffice-impress)")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(deck_file),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / "demo-deck.pdf"


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y0, x1, y1, word) for every word poppler finds, in points."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found, page = [], 0
    pattern = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<')
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        elif match := pattern.search(line):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            found.append((page, x0, y0, x1, y1, match.group(5)))
    return found


def test_libreoffice_prints_one_page_per_slide(pdf: Path, prs: Any) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) == len(prs.slides) == 27
    box = reader.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 3) == round(16 / 9, 3)


def test_no_text_runs_past_the_body_into_the_footer_or_off_the_page(pdf: Path) -> None:
    found = words(pdf)
    assert len(found) > 500
    stray = [
        w
        for w in found
        if (w[4] > BODY_BOTTOM_PT + 1 and w[2] < FOOTER_TOP_PT - 1)
        or w[1] < 0
        or w[3] > 960.5
        or w[4] > 540.5
    ]
    assert stray == []


def test_titles_and_footers_are_printed_where_they_belong(pdf: Path) -> None:
    found = words(pdf)
    on_four = " ".join(w[5] for w in found if w[0] == 4)
    assert "A very long slide" in on_four and "Point number 1:" in on_four
    footer = [w for w in found if w[0] == 4 and w[2] >= FOOTER_TOP_PT - 1]
    assert " ".join(w[5] for w in footer).startswith("Alpha A et al, J Ex 2020; Gamma G")
