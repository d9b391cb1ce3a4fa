"""Institution templates rendered: the demo course built with themes made by `theme new`
from three of LibreOffice's bundled Impress templates (converted to .pptx here) and from
python-pptx's default template, printed by LibreOffice, and measured from the PDF: no word
over a template graphic (bands, pictures, logos) unless its frame is set on it, no word
outside its frame (a clipped footer, an overfull body), none off the page.

One LibreOffice run converts the three templates, one more prints the four decks.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from render_check import Finding, check, words

from tall_teach.model import Course
from tall_teach.theme import load_theme
from tall_teach.writers.pptx import render_with_plan
from tall_teach.writers.pptx.newtheme import create_theme

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("libreoffice")]

BUNDLED = Path("/usr/lib/libreoffice/share/template/common/presnt")
LIBREOFFICE = ("Progress", "Midnightblue", "Blue_Curve")  # bands top and bottom, a slanted
# band under a rotated title, a title master unlike the content master
TEMPLATES = (*LIBREOFFICE, "python-pptx")


def soffice(args: list[str], profile: Path) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary is not None
    subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def rendered(course: Course, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Per template: the deck, its PDF and its plan (absent when LibreOffice lacks it)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed (make test installs libreoffice-impress)")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    root = tmp_path_factory.mktemp("templates")
    profile = tmp_path_factory.mktemp("lo-profile")
    bundled = [path for name in LIBREOFFICE if (path := BUNDLED / f"{name}.otp").is_file()]
    if bundled:
        soffice(["--convert-to", "pptx", "--outdir", str(root), *map(str, bundled)], profile)
    from pptx import Presentation

    Presentation().save(str(root / "python-pptx.pptx"))
    decks: dict[str, Any] = {}
    for name in TEMPLATES:
        source = root / f"{name}.pptx"
        if not source.is_file():
            continue
        folder, _ = create_theme(name.lower(), source, root / "themes")
        blob, plan = render_with_plan(course, load_theme(f"./{folder.name}", folder.parent))
        deck = root / f"deck-{name}.pptx"
        deck.write_bytes(blob)
        decks[name] = (deck, plan)
    soffice(["--convert-to", "pdf", "--outdir", str(root), *(str(d) for d, _ in decks.values())],
            profile)
    return {name: (deck, deck.with_suffix(".pdf"), plan) for name, (deck, plan) in decks.items()}


def deck(rendered: dict[str, Any], name: str) -> tuple[Path, Path, Any]:
    if name not in rendered:
        pytest.skip(f"LibreOffice here has no bundled template {name}.otp")
    return rendered[name]


def shown(findings: list[Finding]) -> list[str]:
    return [f"slide {f.slide}: {f.word!r} {f.what}" for f in findings[:20]]


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_word_overlaps_a_template_graphic_or_runs_past_its_frame(
    rendered: dict[str, Any], name: str
) -> None:
    pptx, pdf, _ = deck(rendered, name)
    findings, counted = check(pptx, pdf)
    assert counted > 500
    assert shown(findings) == []


def planned_words(slide: Any) -> list[str]:
    """The words the plan puts on a slide: title, text blocks, source footer."""
    from tall_teach.writers.pptx.specs import TextBlock

    text = [slide.title_text, slide.footer]
    for slot in slide.slots:
        if isinstance(slot.content, TextBlock):
            text += ["".join(r.text for r in p.runs) for p in slot.content.paras]
    return " ".join(text).split()


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_planned_word_is_printed_on_its_slide(rendered: dict[str, Any], name: str) -> None:
    """Titles, bodies, divider text and source footers all reach the page (none clipped
    away, none left out by a frame the template's graphics covered)."""
    _, pdf, plan = deck(rendered, name)
    pages = words(pdf)
    assert len(pages) == len(plan.slides)
    assert any(s.footer for s in plan.slides) and any(s.kind == "section" and s.slots
                                                      for s in plan.slides)
    lost = []
    for n, slide in enumerate(plan.slides):  # a template may set titles in capitals
        printed = "".join(text for _, text in pages[n]).casefold()
        letters = Counter(printed)
        title = set(slide.title_text.casefold().split())
        for word in (w.casefold() for w in planned_words(slide)):
            if word in printed:
                continue
            if word in title and not Counter(word) - letters:
                continue  # a rotated title (Progress) prints letter by letter, out of order
            lost.append((n + 1, word))
    assert lost == []
