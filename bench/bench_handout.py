"""Print how long the handout writer takes on the T-ALL course (a benchmark, not a test).

Run `.venv/bin/python bench/bench_handout.py [course-folder] [--runs N]`. The first
render is "cold" (it pays for importing WeasyPrint and loading the fonts); the
following ones are "warm", as in `tall-teach build --watch`. Reading the course is
timed apart, so the figure is the writer's own: plan + HTML + PDF.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "t-all-adults"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", nargs="?", type=Path, default=COURSE)
    parser.add_argument("--runs", type=int, default=5, help="warm renders after the cold one")
    args = parser.parse_args()

    started = time.perf_counter()
    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.writers import handout

    course, _ = read_course(args.course)
    theme = load_theme(course.theme, Path(course.root))
    read_s = time.perf_counter() - started

    timings: list[float] = []
    cpu: list[float] = []
    stages: dict[str, list[float]] = {"html": [], "pdf": []}
    outputs: dict[str, bytes] = {}
    for _ in range(1 + args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        html = handout.render_html_only(course, theme)
        t1 = time.perf_counter()
        pdf = handout.render_pdf(html, theme)
        t2 = time.perf_counter()
        stages["html"].append(t1 - t0)
        stages["pdf"].append(t2 - t1)
        timings.append(t2 - t0)
        cpu.append(time.process_time() - c0)
        outputs = {"handout.html": html.encode(), "handout.pdf": pdf}

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(outputs["handout.pdf"])).pages)
    warm = timings[1:] or timings
    print(f"course            {course.id}: {len(course.slides())} slides, {pages} pages, "
          f"layout {course.handout.layout}, paper {course.handout.paper}")
    print(f"read course       {read_s:6.2f} s (not part of the writer)")
    print(f"cold render       {timings[0]:6.2f} s (imports WeasyPrint, loads fonts)")
    print(f"warm render       {statistics.median(warm):6.2f} s median of {len(warm)} "
          f"(min {min(warm):.2f}, max {max(warm):.2f})")
    print(f"warm CPU time     {statistics.median(cpu[1:] or cpu):6.2f} s median (this process "
          "only: less sensitive to other jobs on the machine)")
    print(f"  of which HTML   {statistics.median(stages['html'][1:] or stages['html']):6.2f} s")
    print(f"  of which PDF    {statistics.median(stages['pdf'][1:] or stages['pdf']):6.2f} s")
    sizes = ", ".join(f"{name} {len(data) / 1024:.0f} KiB" for name, data in outputs.items())
    print(f"sizes             {sizes}")
    target = 2.0
    verdict = "within" if statistics.median(warm) <= target else "OVER"
    print(f"target            {target:.1f} s warm: {verdict}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
