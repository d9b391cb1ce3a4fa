"""Responses matched to the course's items, by id or by question text; changes reported.

An export names an item by our id (quiz.html) or only by its question text (Moodle,
Canvas). A response counts for an item only when everything the export says about
the item still holds: its question text, its options and its key. An item that
changed since the results were collected is reported and its responses left out,
never merged with answers to a different question.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from tall_teach.analysis.csvfile import ResultsError, looks_like_formula
from tall_teach.analysis.exports import Response, ResultsFile
from tall_teach.model import QuizItem

_TAG = re.compile(r"<[^>]*>")
NO_ANSWER = -1


def normal(text: str) -> str:
    """Text compared as a reader would: entities decoded, tags and spacing ignored."""
    return " ".join(_TAG.sub(" ", html.unescape(text)).split()).casefold()


@dataclass
class Cohort:
    """Each learner's chosen option index per item id (NO_ANSWER when left blank)."""

    items: list[QuizItem]
    learners: list[dict[str, int]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)  # item id -> what differs
    unmatched: dict[str, str] = field(default_factory=dict)  # question -> where it was seen
    skipped: int = 0


class _Index:
    def __init__(self, items: list[QuizItem]) -> None:
        self.by_id = {i.id: i for i in items}
        self.by_stem: dict[str, list[QuizItem]] = {}
        for item in items:
            self.by_stem.setdefault(normal(item.stem), []).append(item)

    def find(self, response: Response) -> QuizItem | None:
        if response.item_id:
            return self.by_id.get(response.item_id)
        wanted = normal(response.question)
        found = self.by_stem.get(wanted, [])
        if not found and len(wanted) >= 20:  # an LMS may shorten long question texts
            found = [i for stem, same in self.by_stem.items() if stem.startswith(wanted)
                     for i in same]
        return found[0] if len(found) == 1 else None


def _option_index(item: QuizItem, text: str) -> int | None:
    wanted = normal(text)
    return next((i for i, o in enumerate(item.options) if normal(o.text) == wanted), None)


def _difference(item: QuizItem, response: Response, chosen: int | None) -> str:
    """What no longer holds between the export and the item, or ""."""
    if response.item_id and response.question and normal(response.question) != normal(item.stem):
        return "its question text differs"
    if response.chosen is not None and chosen is None:
        return "an answer given is not one of its options now"
    key = item.options[item.key_index].text
    if response.key is not None and normal(response.key) != normal(key):
        return "its right answer differs"
    if response.correct is not None and response.chosen is not None and chosen is not None \
            and response.correct != (chosen == item.key_index):
        return "its key differs"
    return ""


def build_cohort(items: list[QuizItem], files: list[ResultsFile]) -> Cohort:
    """Every file's attempts as one cohort over the course's items."""
    index = _Index(items)
    cohort = Cohort(items)
    for results in files:
        matched = 0
        for attempt in results.attempts:
            answers: dict[str, int] = {}
            for response in attempt.responses:
                matched += _add(response, index, cohort, answers, results)
            cohort.learners.append(answers)
            cohort.names.append(attempt.learner)
        cohort.skipped += results.skipped
        if results.attempts and not matched:
            raise ResultsError(results.path, 1, "none of its questions matches an item of this "
                               "course: is it the results of another quiz (or of an older "
                               "version of every item)?")
    for answers in cohort.learners:
        for item_id in cohort.changed:
            answers.pop(item_id, None)
    return cohort


def _add(response: Response, index: _Index, cohort: Cohort, answers: dict[str, int],
         results: ResultsFile) -> int:
    item = index.find(response)
    if item is None:
        label = response.item_id or response.question
        _refuse_formula(label, response, results)
        cohort.unmatched.setdefault(label[:120], f"{results.path.name}:{response.line}")
        return 0
    chosen = _option_index(item, response.chosen) if response.chosen is not None else NO_ANSWER
    if response.chosen is not None and chosen is None:
        _refuse_formula(response.chosen, response, results)
    difference = _difference(item, response, chosen)
    if difference:
        cohort.changed.setdefault(item.id, f"{difference} ({results.path.name}:{response.line})")
        return 1
    answers[item.id] = NO_ANSWER if chosen is None else chosen
    return 1


def _refuse_formula(text: str, response: Response, results: ResultsFile) -> None:
    if looks_like_formula(text):
        raise ResultsError(results.path, response.line, f"the cell '{response.column}' starts "
                           f"with {text[:1]!r} and matches no option: it looks like a "
                           "spreadsheet formula, which tall-teach never evaluates; was the "
                           "export edited in a spreadsheet? download it again")
