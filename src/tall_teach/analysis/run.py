"""`tall-teach analyze`: read results, compute, write report.html and analysis.json at once."""

from __future__ import annotations

from pathlib import Path

from tall_teach.analysis.exports import read_results
from tall_teach.analysis.findings import avoid_lists
from tall_teach.analysis.match import build_cohort
from tall_teach.analysis.report import Analysis, render_outputs
from tall_teach.analysis.stats import item_statistics, quiz_statistics
from tall_teach.errors import Diagnostic
from tall_teach.model import Course


def analyse(course: Course, results: list[Path]) -> Analysis:
    """Every results file read (the first bad one raises ResultsError), matched, computed."""
    files = [read_results(path) for path in results]
    cohort = build_cohort(list(course.items), files)
    return Analysis(course, files, cohort, item_statistics(cohort), quiz_statistics(cohort))


def findings_as_diagnostics(analysis: Analysis) -> list[Diagnostic]:
    from tall_teach.analysis.findings import item_findings

    by_id = {i.id: i for i in analysis.course.items}
    return [Diagnostic(f.severity, by_id[s.item_id].source,
                       f"item analysis of '{s.item_id}': {f.message}")
            for s in analysis.items for f in item_findings(s, by_id[s.item_id])]


def analyze_course(course_dir: Path, results: list[Path], out_root: Path, names: bool = False
                   ) -> tuple[Path, Analysis, list[str]]:
    """Write build/<course>/analysis/ (both files or neither); return what else was done."""
    from tall_teach.outputs import write_all
    from tall_teach.pipeline import diagnose

    course = diagnose(course_dir).course
    analysis = analyse(course, results)
    out_dir = out_root / Path(course_dir).resolve().name
    write_all(out_dir, render_outputs(analysis, names))
    done = []
    avoid = avoid_lists(analysis.items, list(course.items))
    if course.quiz.swap_distractors and avoid:
        from tall_teach.review.store import save_reviews, with_avoided

        save_reviews(Path(course_dir), with_avoided(course, avoid))
        done.append(f"listed {sum(map(len, avoid.values()))} non-functioning distractor(s) "
                    f"under 'avoid:' in {Path(course_dir) / 'quiz-review.yaml'} for the "
                    "generator's next build")
    return out_dir / "analysis", analysis, done
