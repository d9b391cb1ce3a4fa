"""No near-empty handout pages: every page is measured from its render.

A page's fill is how far down its body area (between the running header and the page
footer) the lowest ink reaches: the handout flows top to bottom, so a page filled to
0.2 is four-fifths white. Only the last page of a section (a module, the back matter)
may be short: a module opens a page of its own. Anything else short was left by a
forced break or a block that would not fit.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tall_teach.theme import load_theme

PROBES = Path(__file__).resolve().parents[1] / "fixtures" / "probes"
TALL = Path(__file__).resolve().parents[2] / "content" / "t-all-adults"
BODY = (0.09, 0.91)  # the body area, as fractions of the page height (A4, 22/20 mm margins)
NEAR_EMPTY = 0.15  # less than this is a near-empty page, wherever it is
MID_SECTION = 0.5  # a page inside a section is at least half full

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")


def fills(pdf: bytes, tmp: Path) -> list[float]:
    """Each page's fill, from a 20 dpi greyscale render."""
    from PIL import Image

    (tmp / "h.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(tmp / "h.pdf"), str(tmp / "p")],
                   check=True, timeout=120)
    found = []
    for page in sorted(tmp.glob("p*.pgm")):
        with Image.open(page) as image:
            width, height = image.size
            pixels = image.load()
            top, bottom = int(BODY[0] * height), int(BODY[1] * height)
            inked = [y for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(width))]
        found.append((max(inked) - top) / (bottom - top) if inked else 0.0)
    return found


def section_starts(pdf: bytes) -> list[int]:
    """0-based pages where a module, the glossary or the references begin (the bookmarks)."""
    reader = PdfReader(io.BytesIO(pdf))
    return sorted({reader.get_destination_page_number(item) for item in reader.outline
                   if not isinstance(item, list)})


def render(folder: Path) -> bytes:
    from tall_teach.reader import read_course
    from tall_teach.writers import handout

    course, _ = read_course(folder)
    return handout.render(course, load_theme(course.theme, Path(course.root)))["handout.pdf"]


@pytest.fixture(scope="module", params=["diabetes-t2", "t-all-adults"])
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[list[float], list[int]]:
    folder = TALL if request.param == "t-all-adults" else PROBES / request.param
    if not (folder / "course.yaml").is_file():
        pytest.skip(f"{folder} does not exist")
    pdf = render(folder)
    return fills(pdf, tmp_path_factory.mktemp(request.param)), section_starts(pdf)


def test_only_the_last_page_of_a_section_is_short(measured: tuple[list[float], list[int]]
                                                   ) -> None:
    fill, starts = measured
    first_module = starts[1]  # starts[0] is the contents page (its own bookmark)
    last_of_section = {s - 1 for s in starts} | {len(fill) - 1}
    short = [(n + 1, round(f, 2)) for n, f in enumerate(fill)
             if n >= first_module and n not in last_of_section and f < MID_SECTION]
    assert short == []


def test_no_page_is_near_empty_but_the_very_last(measured: tuple[list[float], list[int]]
                                                  ) -> None:
    fill, _ = measured
    empty = [(n + 1, round(f, 2)) for n, f in enumerate(fill[:-1]) if f < NEAR_EMPTY]
    assert empty == []


def test_a_short_glossary_and_the_references_share_a_page(tmp_path: Path) -> None:
    pdf = render(PROBES / "diabetes-t2")
    reader = PdfReader(io.BytesIO(pdf))
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline
             if not isinstance(item, list)}
    assert pages["References"] == pages["Glossary"]
