"""Measure the density lint's line estimate against LibreOffice's render of the real decks.

    .venv/bin/python tools/calibrate_density.py COURSE... [--out DIR]

Builds each course's deck, converts it to PDF with `soffice --headless`, and counts the
text lines LibreOffice drew in each slide's body boxes (`pdftotext -bbox-layout`, lines
grouped by their vertical position). For every slide drawn on one page with text only
(no table, chart or picture), it prints the lint's estimate beside the rendered count,
then the error: mean, worst over- and under-estimate, and the slides over the theme's
`lint.max_lines` by the estimate but not in the render (false warnings) and the reverse.
A measurement, not a test: the figures go into docs/density.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

EMU_PER_PT = 12700
CONT = re.compile(r"\s*\((?:cont\.|continued)[^)]*\)\s*$")


def render(course: Path, out: Path) -> tuple[Path, Path]:
    subprocess.run([sys.executable, "-m", "tall_teach", "build", str(course), "--out", str(out),
                    "--only", "pptx", "--force"], check=True, capture_output=True)
    deck = next((out / course.resolve().name).glob("*.pptx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(deck.parent),
                    str(deck)], check=True, capture_output=True)
    return deck, deck.with_suffix(".pdf")


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, float]]]:
    """Per page: (x centre, y centre, height) of every text line LibreOffice drew."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ElementTree.fromstring(xml)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        found = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            x0, y0 = float(line.get("xMin", 0)), float(line.get("yMin", 0))
            x1, y1 = float(line.get("xMax", 0)), float(line.get("yMax", 0))
            found.append(((x0 + x1) / 2, (y0 + y1) / 2, y1 - y0))
        pages.append(found)
    return pages


def deck_pages(deck: Path) -> list[dict[str, object]]:
    """Per slide: its title, the body text boxes (in points) and whether it has visuals."""
    from pptx import Presentation
    from pptx.util import Emu

    pages = []
    for slide in Presentation(str(deck)).slides:
        title, boxes, visual = "", [], False
        for shape in slide.shapes:
            if shape.shape_type is not None and shape.shape_type in (13, 3):  # picture, chart
                visual = True
            if getattr(shape, "has_table", False) and shape.has_table:
                visual = True
            if getattr(shape, "has_chart", False) and shape.has_chart:
                visual = True
            if not shape.has_text_frame or shape.top is None:
                continue
            if not shape.is_placeholder and shape.text_frame.text.strip():
                visual = True  # a "figure to insert" box or a caption: not body text
            is_title = shape.is_placeholder and shape.placeholder_format.type in (1, 3)
            if is_title:
                title = shape.text_frame.text
                continue
            if shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16):
                continue  # slide number, footer, date
            if not shape.text_frame.text.strip():
                continue
            box = tuple(Emu(v).pt for v in (shape.left, shape.top, shape.width, shape.height))
            paras = [(p.text, p.level, _size(p), p._p.find(".//" + BU_NONE) is None)
                     for p in shape.text_frame.paragraphs if p.text.strip()]
            boxes.append((*box, paras))
        pages.append({"title": CONT.sub("", title).strip(), "boxes": boxes, "visual": visual})
    return pages


BU_NONE = "{http://schemas.openxmlformats.org/drawingml/2006/main}buNone"


def _size(paragraph: object) -> float:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size]  # type: ignore[attr-defined]
    return max(sizes, default=0.0)


def page_estimate(boxes: list[tuple], wrap: object) -> int:
    """The lint's wrapping applied to the page's own paragraphs at their drawn sizes."""
    best: dict[float, int] = defaultdict(int)
    for _left, top, width, _height, paras in boxes:
        count = sum(wrap.lines(text, level, width, bullet, size)  # type: ignore[attr-defined]
                    for text, level, size, bullet in paras)
        best[round(top)] = max(best[round(top)], count)
    return sum(best.values())


def rendered_lines(lines: list[tuple[float, float, float]], boxes: list[tuple]) -> int:
    """Text lines drawn inside the body boxes; side-by-side boxes count the fuller one."""
    best: dict[float, int] = defaultdict(int)
    for left, top, width, height, _paras in boxes:
        ys = sorted(y for x, y, _h in lines
                    if left <= x <= left + width and top <= y <= top + height)
        bands = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 4]
        best[round(top)] = max(best[round(top)], len(bands))  # columns share a top
    return sum(best.values())


def measure_pages(course: Path, out: Path) -> list[tuple[str, str, int, int]]:
    """Every text-only page of the deck: the estimate of its own paragraphs, drawn lines."""
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.transforms.lint import _Wrapper

    model, _ = read_course(course)
    wrap = _Wrapper(load_theme(model.theme, course))
    deck = next((out / course.resolve().name).glob("*.pptx"))
    pages, lines = deck_pages(deck), pdf_lines(deck.with_suffix(".pdf"))
    return [(course.name, str(page["title"])[:48], page_estimate(page["boxes"], wrap),
             rendered_lines(found, page["boxes"]))  # type: ignore[arg-type]
            for page, found in zip(pages, lines, strict=True)
            if not page["visual"] and page["boxes"] and page["title"]]


def measure(course: Path, out: Path) -> list[tuple[str, str, int, int]]:
    from tall_teach.model import BulletList, Columns, Paragraph, TakeHome, plain_text
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.transforms.lint import estimated_lines

    model, _ = read_course(course)
    theme = load_theme(model.theme, course)
    deck, pdf = render(course, out)
    pages, lines = deck_pages(deck), pdf_lines(pdf)
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        by_title[str(page["title"])].append(i)
    rows = []
    titles = [plain_text(s.title).strip() for s in model.slides()]
    for slide in model.slides():
        title = plain_text(slide.title).strip()
        if slide.kind != "content" or titles.count(title) > 1:
            continue
        found = by_title.get(title, [])
        blocks = [b for c in slide.blocks for b in (
            [x for col in c.columns for x in col.blocks] if isinstance(c, Columns) else [c])]
        if len(found) != 1 or not all(isinstance(b, Paragraph | BulletList | TakeHome)
                                      for b in blocks):
            continue  # split over pages, untitled, or with a table, chart or picture
        page = pages[found[0]]
        if page["visual"] or not page["boxes"]:
            continue
        drawn = rendered_lines(lines[found[0]], page["boxes"])  # type: ignore[arg-type]
        rows.append((course.name, title[:48], estimated_lines(slide, theme), drawn))
    return rows


_VOCABULARY = ("the a of course slide deck text line word short longer lengthy wrapping measured "
         "render typeface column bullet nested level paragraph example message quiz handout "
         "teacher trainee lecture theme margin width height estimate calibrated minimum "
         "maximum number figure table chart source notes glossary reference")
WORDS = _VOCABULARY.split()


def synthetic(folder: Path, slides: int = 40, seed: int = 3) -> Path:
    """A neutral course of text slides from 6 to 11 lines, lists, nesting, paragraphs,
    take-home lists and columns: words of every length near the line ends."""
    import random

    rng = random.Random(seed)

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()

    parts = []
    for i in range(slides):
        kind = i % 5
        parts.append(f"## Synthetic slide {i + 1}\n")
        if kind == 0:
            parts += [f"- {sentence(3, 22)}" for _ in range(rng.randint(4, 9))]
        elif kind == 1:
            for _ in range(rng.randint(2, 4)):
                parts.append(f"- {sentence(3, 14)}")
                parts += [f"  - {sentence(3, 16)}" for _ in range(rng.randint(1, 2))]
        elif kind == 2:
            parts += [f"{sentence(10, 40)}.\n" for _ in range(rng.randint(2, 3))]
        elif kind == 3:
            parts += ["::: takehome", *(f"- {sentence(6, 24)}" for _ in range(rng.randint(3, 6))),
                      ":::"]
        else:
            parts.append(":::: columns")
            for _ in range(2):
                parts += ["::: column", *(f"- {sentence(2, 12)}" for _ in range(rng.randint(3, 6))),
                          ":::"]
            parts.append("::::")
        parts.append("")
    (folder / "modules").mkdir(parents=True, exist_ok=True)
    (folder / "modules" / "01-synthetic.md").write_text("\n".join(parts), encoding="utf-8")
    (folder / "course.yaml").write_text(
        "title: Synthetic calibration deck\ndate: 2026-01-01\nmodules: [modules/01-synthetic.md]\n"
        "quiz: {formats: []}\n", encoding="utf-8")
    return folder


def summary(rows: list[tuple[str, str, int, int]], limit: int) -> str:
    errors = [est - drawn for *_rest, est, drawn in rows]
    false_warn = sum(est > limit >= drawn for *_r, est, drawn in rows)
    missed = sum(drawn > limit >= est for *_r, est, drawn in rows)
    exact = sum(e == 0 for e in errors)
    return (f"{len(rows)} slides; exact {exact}, mean error {sum(errors) / len(rows):+.2f} "
            f"lines, mean |error| {sum(map(abs, errors)) / len(rows):.2f}, worst over "
            f"{max(errors):+d}, worst under {min(errors):+d}; over {limit} by the estimate "
            f"but not drawn so (false warnings) {false_warn}, the reverse {missed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("courses", nargs="+", type=Path)
    parser.add_argument("--max-lines", type=int, default=8)
    parser.add_argument("--synthetic", action="store_true",
                        help="also measure a generated neutral course of 40 text slides")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per slide")
    args = parser.parse_args()
    slides, pages = [], []
    with tempfile.TemporaryDirectory() as tmp:
        courses = list(args.courses)
        if args.synthetic:
            courses.append(synthetic(Path(tmp) / "src" / "synthetic"))
        for course in courses:
            slides += measure(course, Path(tmp))
            pages += measure_pages(course, Path(tmp))
    for label, rows in (("slides drawn on one page (lint estimate)", slides),
                        ("every text page (its own paragraphs)", pages)):
        if args.verbose:
            print(f"{'course':14} {'slide':48} {'est':>4} {'drawn':>5}")
            for course, title, est, drawn in rows:
                print(f"{course[:14]:14} {title:48} {est:4d} {drawn:5d}")
        print(f"{label}: {summary(rows, args.max_lines)}")


if __name__ == "__main__":
    main()
