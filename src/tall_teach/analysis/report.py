"""analysis.json and report.html: per-item statistics, findings, a scatter, option bars.

Both hold aggregates only: no learner appears unless `--names` is given, and then only
in report.html (never in analysis.json, which `check` reads). The page is offline and
self-contained: inline SVG, its own style and script allowed by hash, nothing fetched.
Every text is escaped by the template; no CSV cell is shown at all except as counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.analysis.exports import ResultsFile
from tall_teach.analysis.findings import (
    LOW_DISCRIMINATION,
    MIN_N,
    TOO_EASY,
    TOO_HARD,
    item_findings,
)
from tall_teach.analysis.match import Cohort
from tall_teach.analysis.stats import ItemStats, QuizStats, totals
from tall_teach.model import Course

PAGE_DIR = Path(__file__).with_name("page")


@dataclass(frozen=True)
class Analysis:
    course: Course
    files: list[ResultsFile]
    cohort: Cohort
    items: list[ItemStats]
    quiz: QuizStats


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def item_entry(stats: ItemStats, analysis: Analysis, number: int) -> dict[str, Any]:
    from tall_teach.review import item_hash

    item = next(i for i in analysis.course.items if i.id == stats.item_id)
    return {
        "number": number, "id": item.id, "hash": item_hash(item), "kind": item.kind,
        "source": f"{item.source.path}:{item.source.line}", "stem": item.stem,
        "n": stats.n, "facility": _r(stats.facility), "discrimination": _r(stats.discrimination),
        "upper_lower": _r(stats.upper_lower), "no_answer": _r(stats.no_answer),
        "options": [{"text": o.text, "correct": o.correct, "rate": _r(o.rate), "upper": o.upper,
                     "lower": o.lower} for o in stats.options],
        "nonfunctioning": list(stats.nonfunctioning), "miskey": list(stats.miskey),
        "findings": [{"severity": f.severity, "kind": f.kind, "message": f.message}
                     for f in item_findings(stats, item)],
    }


def analysis_data(analysis: Analysis) -> dict[str, Any]:
    """What analysis.json holds (no names, no paths, no clock: same results, same bytes)."""
    quiz = analysis.quiz
    return {
        "course": analysis.course.title,
        "files": [{"name": f.path.name, "export": f.kind, "attempts": len(f.attempts),
                   "skipped": f.skipped} for f in analysis.files],
        "learners": len(analysis.cohort.learners),
        "quiz": {"n": quiz.n, "k": quiz.k, "mean": _r(quiz.mean), "sd": _r(quiz.sd),
                 "kr20": _r(quiz.kr20), "sem": _r(quiz.sem)},
        "thresholds": {"min_n": MIN_N, "too_easy": TOO_EASY, "too_hard": TOO_HARD,
                       "low_discrimination": LOW_DISCRIMINATION, "nonfunctioning": 0.05},
        "items": [item_entry(s, analysis, n) for n, s in enumerate(analysis.items, 1)],
        "changed": dict(sorted(analysis.cohort.changed.items())),
        "unmatched": dict(sorted(analysis.cohort.unmatched.items())),
    }


def _scatter(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Points in a 400 x 300 plot: facility 0..1 across, discrimination -0.5..1 up."""
    points = []
    for entry in items:
        r = entry["discrimination"]
        if r is None:
            continue
        y = max(-0.5, min(1.0, r))
        points.append({"x": round(40 + 360 * entry["facility"], 1),
                       "y": round(10 + 280 * (1.0 - y) / 1.5, 1), "label": entry["number"],
                       "title": f"{entry['number']}. {entry['id']}: p = {entry['facility']:.2f}, "
                                f"r = {r:.2f}", "flag": bool(entry["findings"])})
    return points


def report_html(analysis: Analysis, data: dict[str, Any], names: bool) -> str:
    from markupsafe import Markup

    from tall_teach.htmlkit.inert import content_security_policy
    from tall_teach.htmlkit.templates import render_template

    style = (PAGE_DIR / "report.css").read_text(encoding="utf-8")
    script = (PAGE_DIR / "report.js").read_text(encoding="utf-8")
    csp = content_security_policy(script, style)
    learners = []
    if names:
        scores = totals(analysis.cohort)
        learners = sorted(zip(analysis.cohort.names, scores, strict=True))
    return render_template([PAGE_DIR], "report.html.j2", data=data, csp=csp,
                           css=Markup(style), js=Markup(script), points=_scatter(data["items"]),
                           learners=learners, language=analysis.course.language or "en")


def render_outputs(analysis: Analysis, names: bool) -> dict[str, bytes]:
    data = analysis_data(analysis)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {"analysis/analysis.json": text.encode("utf-8"),
            "analysis/report.html": report_html(analysis, data, names).encode("utf-8")}
