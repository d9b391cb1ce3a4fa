"""tall_teach against Pandoc and Marp CLI on the same lecture, runs interleaved (a benchmark).

`make bench-anchors` installs the two tools (Pandoc from apt, Marp CLI from npm into
bench/anchors/node_modules; Marp prints through the system Chromium, CHROME_PATH) and
runs `.venv/bin/python bench/anchors.py [--runs N] [--anchors DIR]`. The lecture is
../shared/anchors/ (the seed lecture as plain slide Markdown, see its README); tall_teach
builds the flagship course made from the same seed. `--before OTHER_TALL_TEACH` times
another install's cold full build and one-module edit in the same rounds (before/after).

Each round runs every command once, in an order rotated from round to round, so that
other jobs on the machine weigh on all of them alike; the figures are medians of wall
time (and of the CPU time of the command's process tree), the ratios are of medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "content" / "t-all-adults"
MARP = ROOT / "bench" / "anchors" / "node_modules" / "@marp-team" / "marp-cli" / "marp-cli.js"
TALL = Path(sys.executable).parent / "tall-teach"
# ../shared/anchors beside the checkout (or beside the folder of git worktrees)
DEFAULT_ANCHORS = next((p / "shared" / "anchors" for p in (ROOT.parent, ROOT.parent.parent)
                        if (p / "shared" / "anchors").is_dir()), ROOT.parent / "shared" / "anchors")
CHROMIUM = "/usr/bin/chromium"


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the whole reaped process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # As installed: Python may keep its byte code (an environment that forbids it, as some
    # sandboxes do, recompiles every module on every run: about 0.1 s a build).
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**base, **(env or {})})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def slides_in(pptx: Path) -> int:
    with zipfile.ZipFile(pptx) as package:
        return sum(1 for n in package.namelist()
                   if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} at the start")


def versions() -> str:
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    marp = subprocess.run(["node", str(MARP), "--version"], capture_output=True, text=True)
    return f"{pandoc.splitlines()[0]}; {marp.stdout.strip().splitlines()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds of interleaved runs")
    parser.add_argument("--anchors", type=Path, default=DEFAULT_ANCHORS)
    parser.add_argument("--before", type=Path, default=None,
                        help="another tall-teach (e.g. main's .venv/bin/tall-teach) whose "
                             "cold full build and one-module edit run in the same rounds")
    args = parser.parse_args()
    if not MARP.is_file() or shutil.which("pandoc") is None:
        raise SystemExit("run `make bench-anchors` (installs Pandoc and Marp CLI) first")

    tmp = Path(tempfile.mkdtemp(prefix="tt-anchors-"))
    course = tmp / "t-all-adults"
    shutil.copytree(COURSE, course)
    module = sorted((course / "modules").glob("*.md"))[2]
    original = module.read_text(encoding="utf-8")
    edits = [original + "\n- An added bullet\n", original]
    marp_md = tmp / "t-all-marp.md"
    shutil.copy(args.anchors / "t-all-marp.md", marp_md)
    pandoc_md = args.anchors / "t-all.md"
    chrome = {"CHROME_PATH": CHROMIUM}

    def cold(only: str) -> Callable[[], tuple[float, float]]:
        def run() -> tuple[float, float]:
            out = tmp / f"cold-{only or 'all'}"
            shutil.rmtree(out, ignore_errors=True)  # no build cache, no laid-out chunks
            return timed([str(TALL), "build", str(course), "--out", str(out),
                          *(["--only", only] if only else [])])
        return run

    def editing(tall: Path, name: str) -> Callable[[], tuple[float, float]]:
        """One-module edits by `tall`, on a copy of the course of its own, built once."""
        copy, out = tmp / name / "t-all-adults", tmp / f"{name}-out"
        shutil.copytree(course, copy)
        changed = copy / "modules" / module.name
        subprocess.run([str(tall), "build", str(copy), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        turn = [0]

        def run() -> tuple[float, float]:
            changed.write_text(edits[turn[0] % 2], encoding="utf-8")
            turn[0] += 1
            return timed([str(tall), "build", str(copy), "--out", str(out)])
        return run

    def cold_by(tall: Path) -> Callable[[], tuple[float, float]]:
        def run() -> tuple[float, float]:
            out = tmp / "cold-before"
            shutil.rmtree(out, ignore_errors=True)
            return timed([str(tall), "build", str(course), "--out", str(out)])
        return run

    one_module_edit = editing(TALL, "edit")

    commands: dict[str, Callable[[], tuple[float, float]]] = {
        "marp --pdf (Marp CLI, Chromium)": lambda: timed(
            ["node", str(MARP), "--pdf", str(marp_md), "-o", str(tmp / "marp.pdf")], chrome),
        "pandoc -o .pptx": lambda: timed(["pandoc", str(pandoc_md), "-o",
                                          str(tmp / "pandoc.pptx")]),
        "tall-teach build (cold, all outputs)": cold(""),
        "tall-teach build --only pptx (cold)": cold("pptx"),
        "tall-teach one-module edit": one_module_edit,
    }
    if args.before is not None:
        commands["before: build (cold, all outputs)"] = cold_by(args.before)
        commands["before: one-module edit"] = editing(args.before, "edit-before")
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    print(machine(), flush=True)
    loads = [os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")]
    print(versions(), flush=True)
    for round_ in range(args.runs):
        order = names[round_ % len(names):] + names[: round_ % len(names)]
        for name in order:
            wall, cpu = commands[name]()
            walls[name].append(wall)
            cpus[name].append(cpu)
        print(f"round {round_ + 1}/{args.runs} done", file=sys.stderr, flush=True)
        loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))
    module.write_text(original, encoding="utf-8")
    # The machine may be shared: how busy it was over the rounds, beside the figures.
    print(f"load average over the rounds: {min(loads):.1f}-{max(loads):.1f}")

    median = {name: statistics.median(values) for name, values in walls.items()}
    print(f"\n{'command':<40} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>7}")
    for name in names:
        print(f"{name:<40} {median[name]:9.2f} {min(walls[name]):7.2f} "
              f"{max(walls[name]):7.2f} {statistics.median(cpus[name]):7.2f}")

    tall_slides = slides_in(tmp / "cold-pptx" / "t-all-adults" / "t-all-adults.pptx")
    pandoc_slides = slides_in(tmp / "pandoc.pptx")
    full = median["tall-teach build (cold, all outputs)"] / median[
        "marp --pdf (Marp CLI, Chromium)"]
    per_slide_tall = median["tall-teach build --only pptx (cold)"] / tall_slides
    per_slide_pandoc = median["pandoc -o .pptx"] / pandoc_slides
    print(f"\ncold full build / Marp PDF: {full:.2f} (target <= 1.0)")
    print(f"one-module edit: {median['tall-teach one-module edit']:.2f} s (target <= 0.8 s)")
    if args.before is not None:
        before = median["before: build (cold, all outputs)"] / median[
            "marp --pdf (Marp CLI, Chromium)"]
        print(f"before: cold full build / Marp PDF {before:.2f}, one-module edit "
              f"{median['before: one-module edit']:.2f} s")
    print(f"deck per slide: tall-teach {per_slide_tall * 1000:.1f} ms ({tall_slides} slides), "
          f"Pandoc {per_slide_pandoc * 1000:.1f} ms ({pandoc_slides} slides), "
          f"ratio {per_slide_tall / per_slide_pandoc:.2f} (target <= 2.0)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
