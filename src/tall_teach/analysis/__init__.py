"""Item analysis: results exports read, matched to the items, and their statistics.

`analyze_course(course_dir, results, out_root)` writes analysis/report.html and
analysis/analysis.json; `check_findings(course, out_dir)` turns the last analysis into
diagnostics at the items' source lines for `tall-teach check`. Formulas, thresholds
and the exports read are in docs/item-analysis.md.
"""

from tall_teach.analysis.csvfile import ResultsError
from tall_teach.analysis.findings import check_findings
from tall_teach.analysis.run import analyse, analyze_course

__all__ = ["ResultsError", "analyse", "analyze_course", "check_findings"]
