"""Print build timings and peak memory for the T-ALL course and a generated large course.

Benchmarks, not tests: run `make bench` (or `.venv/bin/python bench/bench.py [--large]`) and
record the figures in docs/performance.md with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "t-all-adults"

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    started = time.perf_counter()
    from tall_teach.pipeline import build
    course, out, only, force = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    result = build(course, out, [k for k in only.split(",") if k], force=force == "1")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": elapsed, "mib": peak, "written": result.written,
                      "up_to_date": result.up_to_date}))
    """
)


def run(course: Path, out: Path, only: str = "", force: bool = False) -> dict[str, object]:
    """One build in a fresh interpreter, so imports and peak memory are counted honestly."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(course), str(out), only, "1" if force else "0"],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def line(label: str, r: dict[str, object]) -> None:
    print(f"{label:<42} {r['s']:7.2f} s  {r['mib']:7.0f} MiB  {','.join(r['written']) or '-'}")


def bench_tall(tmp: Path) -> None:
    course = tmp / "t-all-adults"
    shutil.copytree(COURSE, course)
    out = tmp / "out"
    line("T-ALL cold full build", run(course, out, force=True))
    line("T-ALL no-op rebuild", run(course, out))
    module = sorted((course / "modules").glob("*.md"))[2]
    module.write_text(module.read_text(encoding="utf-8") + "\n- An added bullet\n",
                      encoding="utf-8")
    line(f"T-ALL one-module edit ({module.name})", run(course, out))
    for kind in ("pptx", "handout", "quiz", "dump"):
        line(f"T-ALL --only {kind} (cold)", run(course, tmp / f"only-{kind}", kind, force=True))


def make_large_course(root: Path, modules: int, slides_per_module: int) -> Path:
    """A synthetic course with bullets, a chart and a table on every few slides."""
    course = root / f"large-{modules * slides_per_module}"
    (course / "modules").mkdir(parents=True)
    (course / "references.yaml").write_text(
        "references:\n  - id: src\n    type: article-journal\n    author: [{family: Source, "
        "given: A}]\n    container-title: J\n    issued: {date-parts: [[2024]]}\n",
        encoding="utf-8",
    )
    names = []
    for m in range(modules):
        name = f"modules/m{m:02d}.md"
        names.append(name)
        parts = [f"---\nid: m{m:02d}\ntitle: Module {m}\n---\n\n# Module {m}\n"]
        for s in range(slides_per_module):
            parts.append(f"\n## Slide {m}.{s} [@src]\n\n")
            if s % 3 == 0:
                parts.append(
                    "```chart\ntype: column\ntitle: Values\nunit: \"%\"\n"
                    f"categories: [A, B, C]\nseries:\n  - name: S\n    values: [{s}, {m}, 5]\n```\n"
                )
            elif s % 3 == 1:
                parts.append("| Item | Value |\n|---|---:|\n" +
                             "".join(f"| row {r} | {r * s} |\n" for r in range(6)))
            else:
                parts.append("- First point of the slide\n  - a nested detail\n"
                             "- Second point with **bold** text\n")
            parts.append("\n::: notes\nNotes for this slide.\n:::\n")
        if m == modules - 1:
            parts.append("\n## Take-home\n\n::: takehome\n- **CD7** is a target\n:::\n")
        (course / name).write_text("".join(parts), encoding="utf-8")
    (course / "course.yaml").write_text(
        "title: Large course\ndate: 2026-01-01\nbibliography: references.yaml\nmodules:\n"
        + "".join(f"  - {n}\n" for n in names),
        encoding="utf-8",
    )
    return course


def bench_large(tmp: Path) -> None:
    results = []
    for modules, per in ((10, 20), (25, 20), (50, 20)):
        course = make_large_course(tmp, modules, per)
        r = run(course, tmp / "large-out", force=True)
        results.append((modules * per, r["s"]))
        line(f"generated course, {modules * per} slides, cold", r)
    (n0, t0), (n1, t1) = results[0], results[-1]
    print(f"growth: {n1 / n0:.1f}x slides took {t1 / t0:.1f}x time "
          f"({'linear' if t1 / t0 <= 1.3 * n1 / n0 else 'worse than linear'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also the 1,000-slide course")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        bench_tall(Path(tmp))
        if args.large:
            bench_large(Path(tmp))


if __name__ == "__main__":
    main()
