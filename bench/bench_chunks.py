"""handout.pdf as one WeasyPrint document against in chunks, runs interleaved (a benchmark).

Run `.venv/bin/python bench/bench_chunks.py [course-folder] [--runs N]`. Each round
prints the PDF three ways in this process (WeasyPrint already imported): as one
document; in chunks from nothing (both lanes); in chunks after a one-module edit (the
other chunks from the store). Medians of wall time and of CPU time (this process and
the forked lane); interleaved so that other jobs on the machine weigh on all alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "t-all-adults"


def cpu() -> float:
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", nargs="?", type=Path, default=COURSE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from tall_teach.htmlkit.pdf import preload
    from tall_teach.model import Paragraph, Text
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.writers import handout

    preload()
    course, _ = read_course(args.course)
    theme = load_theme(course.theme, Path(course.root))
    html = handout.render_html_only(course, theme)
    module = course.modules[len(course.modules) // 2]
    slide = module.slides[-1]
    edits = []
    for n in range(2):
        added = Paragraph((Text(f"An added sentence, version {n}."),), slide.source)
        edited = dataclasses.replace(slide, notes=(*slide.notes, added))
        changed = dataclasses.replace(module, slides=(*module.slides[:-1], edited))
        modules = tuple(changed if m is module else m for m in course.modules)
        edits.append(handout.render_html_only(dataclasses.replace(course, modules=modules),
                                              theme))
    store = Path(tempfile.mkdtemp(prefix="tt-chunks-"))
    handout.render_pdf_chunked(edits[1], theme, course.title, store)
    turn = [0]

    def edit() -> bytes:
        turn[0] += 1
        return handout.render_pdf_chunked(edits[turn[0] % 2], theme, course.title, store)

    ways: dict[str, Callable[[], bytes]] = {
        "one document": lambda: handout.render_pdf(html, theme),
        "chunks, cold (two lanes)": lambda: handout.render_pdf_chunked(html, theme,
                                                                      course.title, None),
        "chunks, one-module edit": edit,
    }
    walls: dict[str, list[float]] = {k: [] for k in ways}
    cpus: dict[str, list[float]] = {k: [] for k in ways}
    handout.render_pdf(html, theme)  # warm-up: fonts, caches
    for _ in range(args.runs):
        for name, way in ways.items():
            c0, t0 = cpu(), time.perf_counter()
            way()
            walls[name].append(time.perf_counter() - t0)
            cpus[name].append(cpu() - c0)
    print(f"{course.id}: {len(course.slides())} slides; medians of {args.runs} interleaved runs")
    print(f"{'':<28} {'wall s':>7} {'cpu s':>7}")
    for name in ways:
        print(f"{name:<28} {statistics.median(walls[name]):7.2f} "
              f"{statistics.median(cpus[name]):7.2f}")


if __name__ == "__main__":
    main()
