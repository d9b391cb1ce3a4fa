"""The rated items of docs/quiz-ratings as data, to measure a rule before adopting it.

Every held-out round (18 on) has an item sheet and two raters' tables. A candidate rule
is judged by the items it would touch: if the items it flags passed as often as the
rest, declining them costs coverage and buys nothing.

    python tools/ratings.py stats              pass rates per round and per option count
    python tools/ratings.py eval MODULE:FUNC   FUNC(item, course) -> bool over today's items
    python tools/ratings.py changed            rated items that today's generator writes otherwise
    python tools/ratings.py dump               every item of every fixture course (diff two runs)
    python tools/ratings.py coverage DIR...    messages with a bold key term that got an item

Run from the repository root with PYTHONPATH=src (and tools/ on the path for `eval`).
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

RATINGS = Path("docs/quiz-ratings")
FIRST_HELD_OUT = 18
ROW = re.compile(r"^\|\s*`?(tt-[^|`\s]+)`?\s*\|\s*([✓✗])")


@dataclass
class Rated:
    """One item as the raters saw it, and their verdicts."""

    round: int
    course: str
    id: str
    stem: str = ""
    options: list[str] = field(default_factory=list)
    key: str = ""
    verdicts: dict[str, bool] = field(default_factory=dict)

    @property
    def passes(self) -> int:
        return sum(self.verdicts.values())


def rounds() -> list[int]:
    found = (re.match(r"round-(\d+)-items\.md$", p.name) for p in RATINGS.iterdir())
    return sorted(n for m in found if m and (n := int(m.group(1))) >= FIRST_HELD_OUT)


def read_round(n: int) -> list[Rated]:
    items: dict[str, Rated] = {}
    course = ""
    current: Rated | None = None
    for line in (RATINGS / f"round-{n}-items.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## Course: "):
            course = line[len("## Course: ") :].split(" (")[0].strip()
        elif line.startswith("### "):
            current = items.setdefault(line[4:].strip(), Rated(n, course, line[4:].strip()))
        elif current and line.startswith("Stem: "):
            current.stem = line[6:]
        elif current and re.match(r"^[A-F]\. ", line):
            text = line[3:]
            if text.endswith("<- key"):
                text = text[: -len("<- key")].rstrip()
                current.key = text
            current.options.append(text)
    for rater in ("A", "B"):
        path = RATINGS / f"round-{n}-rater-{rater}.md"
        for line in path.read_text(encoding="utf-8").splitlines():
            if (m := ROW.match(line)) and m.group(1) in items:
                items[m.group(1)].verdicts[rater] = m.group(2) == "✓"
    return list(items.values())


def all_rated() -> list[Rated]:
    return [item for n in rounds() for item in read_round(n)]


@cache
def generated(course_dir: str) -> tuple[object, dict[str, object]]:
    """Today's course (with items) and its generated items by id."""
    from tall_teach.quiz import generate_items
    from tall_teach.reader.course import read_course

    course, _ = read_course(Path(course_dir))
    course, _ = generate_items(course)
    return course, {i.id: i for i in course.items if i.kind != "authored"}


def today(rated: list[Rated]) -> Iterator[tuple[Rated, object, object]]:
    """Each rated item that today's generator still writes, with today's item and course."""
    for r in rated:
        if not Path(r.course).is_dir():
            continue
        course, items = generated(r.course)
        if r.id in items:
            yield r, items[r.id], course


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "0/0"


def stats(rated: list[Rated]) -> None:
    by_round: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_count: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in rated:
        for table in (by_round[r.round], by_count[len(r.options)]):
            table[0] += r.passes
            table[1] += len(r.verdicts)
    for n, (p, t) in sorted(by_round.items()):
        print(f"round {n}: {_pct(p, t)}")
    for n, (p, t) in sorted(by_count.items()):
        print(f"{n} options: {_pct(p, t)}")
    total = sum(r.passes for r in rated), sum(len(r.verdicts) for r in rated)
    print(f"all: {_pct(*total)}")


def evaluate(rule: Callable[[object, object], bool], rated: list[Rated]) -> None:
    flagged = [0, 0]
    rest = [0, 0]
    for r, item, course in today(rated):
        same = item.stem == r.stem and [o.text for o in item.options] == r.options
        if not same:
            continue
        side = flagged if rule(item, course) else rest
        side[0] += r.passes
        side[1] += len(r.verdicts)
        if side is flagged:
            mark = "".join("✓" if v else "✗" for v in r.verdicts.values())
            print(f"{mark} r{r.round} {r.id}: {item.stem} | {' / '.join(r.options)}")
    print(f"flagged: {_pct(*flagged)} of ratings pass; the rest: {_pct(*rest)}")


def changed(rated: list[Rated]) -> None:
    for r, item, _ in today(rated):
        options = [o.text for o in item.options]
        if item.stem != r.stem or options != r.options:
            print(f"r{r.round} {r.id} ({r.passes}/{len(r.verdicts)})")
            print(f"   was: {r.stem} | {' / '.join(r.options)}")
            print(f"   now: {item.stem} | {' / '.join(options)}")


def dump() -> None:
    """Every generated item of the flagship and fixture courses, one line each, and the
    declined messages: diff the output of two trees to see what a change does."""
    roots = sorted({p.parent for p in Path("tests/fixtures").rglob("course.yaml")})
    for root in [Path("content/t-all-adults"), *roots]:
        try:
            course, items = generated(str(root))
        except Exception as exc:  # a broken fixture is reported, not fatal
            print(f"{root}: unreadable ({type(exc).__name__})")
            continue
        for item in items.values():
            options = " / ".join(("*" if o.correct else "") + o.text for o in item.options)
            taught = re.search(r"Taught on: ([^.]*)", item.explanation)
            where = taught.group(1) if taught else "-"
            print(f"{root} {item.id}: {item.stem} | {options} | taught: {where}")
        for d in course.declined:
            print(f"{root} declined {d.message_id}: {'; '.join(d.reasons)[:200]}")


def coverage(dirs: list[str]) -> None:
    """Coverage as docs/quiz-quality.md counts it: take-home messages with a bold key term
    that got a generated item, and those an authored question asks instead."""
    from tall_teach.model.inline import Strong
    from tall_teach.quiz.walk import takehome_messages

    totals = [0, 0, 0]
    for root in dirs:
        course, items = generated(root)
        bold = [m for _, m in takehome_messages(course) if any(isinstance(i, Strong)
                                                                for i in m.inlines)]
        with_item = {i.message_id for i in items.values()}
        asked = {d.message_id for d in course.declined if d.asked_by}
        counts = [len(bold), sum(m.id in with_item for m in bold),
                  sum(m.id in asked for m in bold)]
        print(f"{root}: {counts[1]} of {counts[0]} with an item, {counts[2]} asked by authored")
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    print(f"all: {totals[1]} of {totals[0]} ({100 * totals[1] / max(totals[0], 1):.0f} %), "
          f"{totals[1] + totals[2]} with authored")


def main(argv: list[str]) -> int:
    rated = all_rated() if argv[:1] not in (["dump"], ["coverage"]) else []
    if argv[:1] == ["stats"]:
        stats(rated)
    elif argv[:1] == ["eval"] and len(argv) == 2:
        module, func = argv[1].split(":")
        evaluate(getattr(importlib.import_module(module), func), rated)
    elif argv[:1] == ["changed"]:
        changed(rated)
    elif argv[:1] == ["dump"]:
        dump()
    elif argv[:1] == ["coverage"] and len(argv) > 1:
        coverage(argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
