"""What the statistics say about each item, as diagnostics at the item's source line.

Thresholds (docs/item-analysis.md): findings need at least MIN_N examinees; too easy
above 0.90 facility, too hard below 0.30; discrimination below 0.20 is low, below 0
negative (Ebel & Frisbie's bands); a distractor under 5 % is non-functioning
(Tarrant et al. 2009); a distractor the upper group prefers to the key is a possible
miskey. A finding is shown by `check` only while the item is unchanged since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tall_teach.analysis.stats import ItemStats
from tall_teach.errors import Diagnostic
from tall_teach.model import Course, QuizItem

MIN_N = 20
TOO_EASY = 0.90
TOO_HARD = 0.30
LOW_DISCRIMINATION = 0.20
ANALYSIS_JSON = Path("analysis") / "analysis.json"


@dataclass(frozen=True)
class Finding:
    severity: str  # "warning" (act on it) or "note"
    kind: str
    message: str


def _quoted(texts: tuple[str, ...]) -> str:
    return ", ".join(f"'{t}'" for t in texts)


def item_findings(stats: ItemStats, item: QuizItem) -> list[Finding]:
    """The findings of one item, most serious first; none below MIN_N examinees."""
    if stats.n < MIN_N:
        return []
    found = []
    if stats.miskey:
        found.append(Finding("warning", "possible-miskey", (
            f"possible miskey: the upper group chose {_quoted(stats.miskey)} more often than "
            f"the key '{item.options[item.key_index].text}'; check the key and the message")))
    r = stats.discrimination
    if r is not None and r < 0:
        found.append(Finding("warning", "negative-discrimination", (
            f"negative discrimination (r = {r:.2f}): stronger learners got it wrong more "
            "often; the item or its key may be flawed")))
    elif r is not None and r < LOW_DISCRIMINATION:
        found.append(Finding("note", "low-discrimination", (
            f"low discrimination (r = {r:.2f} < {LOW_DISCRIMINATION}): it hardly separates "
            "stronger from weaker learners")))
    if stats.facility > TOO_EASY:
        found.append(Finding("note", "too-easy", (
            f"too easy: {stats.facility:.0%} answered correctly (n = {stats.n})")))
    elif stats.facility < TOO_HARD:
        found.append(Finding("note", "too-hard", (
            f"too hard: only {stats.facility:.0%} answered correctly (n = {stats.n})")))
    if stats.nonfunctioning:
        swap = ("; quiz: {swap_distractors: true} lets the generator replace it"
                if item.kind != "authored" else "")
        found.append(Finding("note", "non-functioning-distractor", (
            f"non-functioning distractor{'s' * (len(stats.nonfunctioning) > 1)} "
            f"{_quoted(stats.nonfunctioning)} (chosen by under 5 %){swap}")))
    return found


def avoid_lists(stats: list[ItemStats], items: list[QuizItem]) -> dict[str, list[str]]:
    """Generated items' non-functioning distractors, for quiz-review.yaml `avoid:`."""
    by_id = {i.id: i for i in items}
    return {s.item_id: list(s.nonfunctioning) for s in stats
            if s.n >= MIN_N and s.nonfunctioning and by_id[s.item_id].kind != "authored"}


def check_findings(course: Course, out_dir: Path) -> list[Diagnostic]:
    """The findings of the last `tall-teach analyze` at each unchanged item's source line."""
    from tall_teach.review import item_hash

    path = out_dir / ANALYSIS_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {e["id"]: e for e in data["items"]}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found = []
    for item in course.items:
        entry = entries.get(item.id)
        if not isinstance(entry, dict) or entry.get("hash") != item_hash(item):
            continue
        for finding in entry.get("findings", []):
            severity = "warning" if finding.get("severity") == "warning" else "note"
            found.append(Diagnostic(severity, item.source,
                                    f"item analysis of '{item.id}': {finding.get('message')}"))
    return found
