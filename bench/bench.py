"""Print build timings and peak memory for the T-ALL course and a generated large course.

Benchmarks, not tests: run `make bench` (or `.venv/bin/python bench/bench.py [--large]`) and
record the figures in docs/performance.md with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
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
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the forked worker, once reaped
    print(json.dumps({"s": elapsed,
                      "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                      "self_mib": me.ru_maxrss / 1024, "worker_mib": kids.ru_maxrss / 1024,
                      "written": result.written, "up_to_date": result.up_to_date}))
    """
)


def _tree_pss_kib(root: int) -> int:
    """Proportional set size of a process and its descendants: memory they really use.

    Summing RSS would count twice the pages a forked worker shares with its parent.
    """
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as kids:
                    todo.extend(int(k) for k in kids.read().split())
        except (OSError, StopIteration):
            continue
    return total


def run(course: Path, out: Path, only: str = "", force: bool = False) -> dict[str, object]:
    """One build in a fresh interpreter, so imports and peak memory are counted honestly.

    Wall time, CPU time of the build and its worker, peak RSS of each, and the peak of
    the process tree's summed PSS, sampled every 10 ms from here (outside the build).
    """
    command = [sys.executable, "-c", _CHILD, str(course), str(out), only, "1" if force else "0"]
    # As installed: Python keeps its byte code (an environment that forbids it recompiles
    # every module changed since it was written, on every run), as `anchors.timed` does.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=env) as proc:
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_pss_kib(proc.pid))
            time.sleep(0.01)
        stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["tree_mib"] = peak / 1024
    return result


def median_of(runs: int, course: Path, out: Path, only: str = "") -> dict[str, object]:
    """The median (by wall time) of several cold builds, each into an empty folder.

    Empty, not forced: a forced build still finds the handout's laid-out chunks of the
    previous run in the output folder, and would not be cold.
    """
    results = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        results.append(run(course, out, only))
    return sorted(results, key=lambda r: r["s"])[len(results) // 2]


HEADER = (f"{'':<40} {'wall':>7} {'cpu':>7} {'peak':>8} {'parent':>7} {'worker':>7}  "
          "(1-min load)  written\n"
          f"{'':<40} {'s':>7} {'s':>7} {'MiB':>8} {'MiB':>7} {'MiB':>7}")


def line(label: str, r: dict[str, object]) -> None:
    """One row, with the load average after it (the machine may be shared)."""
    written = ",".join(r["written"]) or "-"
    print(f"{label:<40} {r['s']:7.2f} {r['cpu']:7.2f} {r['tree_mib']:8.0f} "
          f"{r['self_mib']:7.0f} {r['worker_mib']:7.0f}  load {os.getloadavg()[0]:.1f}  "
          f"{written}", flush=True)


def bench_tall(tmp: Path, runs: int) -> None:
    course = tmp / "t-all-adults"
    shutil.copytree(COURSE, course)
    out = tmp / "out"
    print(HEADER)
    line(f"T-ALL cold full build (median of {runs})", median_of(runs, course, out))
    line("T-ALL no-op rebuild", run(course, out))
    module = sorted((course / "modules").glob("*.md"))[2]
    original = module.read_text(encoding="utf-8")
    edits = []
    for turn in range(runs):  # each run a real edit: the bullet added, then taken away
        module.write_text(original + ("\n- An added bullet\n" if turn % 2 == 0 else ""),
                          encoding="utf-8")
        edits.append(run(course, out))
    edit = sorted(edits, key=lambda r: r["s"])[len(edits) // 2]
    line(f"T-ALL one-module edit ({module.name}, median)", edit)
    for kind in ("pptx", "handout", "quiz", "dump"):
        line(f"T-ALL --only {kind} (cold)", median_of(runs, course, tmp / f"only-{kind}", kind))


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
    print(HEADER)
    for modules, per in ((10, 20), (25, 20), (50, 20)):
        course = make_large_course(tmp, modules, per)
        r = run(course, tmp / f"large-out-{modules}")
        results.append((modules * per, r))
        line(f"generated course, {modules * per} slides, cold", r)
    (n0, r0), (n1, r1) = results[0], results[-1]
    for what in ("s", "cpu"):
        ratio = r1[what] / r0[what]
        verdict = "linear" if ratio <= 1.3 * n1 / n0 else "worse than linear"
        print(f"growth ({'wall' if what == 's' else 'cpu'}): {n1 / n0:.1f}x slides took "
              f"{ratio:.1f}x time ({verdict})")


def machine() -> str:
    """Where the figures come from: CPU model, cores, memory, Python and the heavy libraries."""
    from importlib.metadata import version

    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text(encoding="ascii").splitlines()
                  if line.startswith("model name")), platform.machine())
    memory = next(int(line.split()[1]) for line in
                  Path("/proc/meminfo").read_text(encoding="ascii").splitlines()
                  if line.startswith("MemTotal"))
    return (f"machine: {model}, {len(os.sched_getaffinity(0))} cores, "
            f"{memory / 1024 ** 2:.1f} GiB, Python {platform.python_version()}, "
            f"WeasyPrint {version('weasyprint')}, python-pptx {version('python-pptx')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also the 200/500/1,000-slide courses")
    parser.add_argument("--only-large", action="store_true", help="only the generated courses")
    parser.add_argument("--runs", type=int, default=5, help="T-ALL builds per row, median kept")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        if not args.only_large:
            bench_tall(Path(tmp), max(1, args.runs))
        if args.large or args.only_large:
            bench_large(Path(tmp))


if __name__ == "__main__":
    main()
