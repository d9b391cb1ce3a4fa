"""One small reader per results export: Moodle Responses, Canvas Student Analysis, quiz.html.

Each turns a CSV table into attempts of raw responses; which item a response belongs
to is decided later (match.py), from the ids or question texts the export carries.
The exact columns read are listed in docs/item-analysis.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tall_teach.analysis.csvfile import ResultsError, Table, read_table

_MOODLE_RESPONSE = re.compile(r"^Response (\d+)$")
_CANVAS_QUESTION = re.compile(r"^(\d+): (.*)$", re.S)
HTML_COLUMNS = ("attempt", "finished", "number", "item_id", "module", "question",
                "your_answer", "correct_answer", "correct")
_LETTER = re.compile(r"^[A-Z]\. ")
_NO_ANSWER = ("", "-")


@dataclass(frozen=True)
class Response:
    """One answer as exported. `item_id` is "" when the export carries only the question."""

    line: int
    column: str
    item_id: str
    question: str
    chosen: str | None  # None: not answered
    key: str | None = None  # the right answer the export states, if it states one
    correct: bool | None = None  # the export's own verdict, if it gives one


@dataclass(frozen=True)
class Attempt:
    line: int
    learner: str  # kept only for `--names`
    responses: tuple[Response, ...]


@dataclass(frozen=True)
class ResultsFile:
    path: Path
    kind: str  # "moodle", "canvas" or "html"
    attempts: tuple[Attempt, ...]
    skipped: int = 0  # attempts left out (unfinished, later attempts of the same learner)


def read_results(path: Path) -> ResultsFile:
    """Any supported export, recognised by its header."""
    table = read_table(path)
    header = table.header
    if header[: len(HTML_COLUMNS)] == HTML_COLUMNS:
        return _html(table)
    if "State" in header and any(_MOODLE_RESPONSE.match(h) for h in header):
        return _moodle(table)
    if "attempt" in header and any(_CANVAS_QUESTION.match(h) for h in header):
        return _canvas(table)
    raise ResultsError(path, 1, "not a results export tall-teach reads: expected Moodle's "
                       "quiz Responses report, Canvas's Student Analysis or quiz.html's "
                       "results download, as CSV (see docs/item-analysis.md)")


def _answer(text: str) -> str | None:
    text = text.strip()
    return None if text in _NO_ANSWER else text


def _first_per_learner(pairs: list[tuple[str, Attempt]]) -> tuple[list[Attempt], int]:
    """The first listed attempt of each learner (item analysis uses first attempts)."""
    seen: set[str] = set()
    kept = []
    for identity, attempt in pairs:
        if identity and identity in seen:
            continue
        seen.add(identity)
        kept.append(attempt)
    return kept, len(pairs) - len(kept)


def _moodle(table: Table) -> ResultsFile:
    header = table.header
    slots = [(m.group(1), i) for i, h in enumerate(header) if (m := _MOODLE_RESPONSE.match(h))]
    column = {h: i for i, h in enumerate(header)}
    missing = [n for n, _ in slots if f"Question {n}" not in column]
    if missing:
        raise ResultsError(table.path, 1, f"the Moodle Responses report has no 'Question "
                           f"{missing[0]}' column: in the report, tick 'Question text', "
                           "'Response' and 'Right answer', then download it as CSV again")
    identity = [column[c] for c in ("Email address", "ID number", "Username") if c in column]
    names = [column[c] for c in ("First name", "Last name", "Surname") if c in column]
    pairs, unfinished = [], 0
    for line, cells in table.rows:
        if cells[column["State"]].strip() != "Finished":
            unfinished += 1  # in progress, never submitted, and the 'Overall average' row
            continue
        responses = tuple(Response(
            line, f"Response {n}", "", cells[column[f"Question {n}"]],
            _answer(cells[i]),
            _answer(cells[column[f"Right answer {n}"]]) if f"Right answer {n}" in column
            else None) for n, i in slots)
        learner = " ".join(cells[i].strip() for i in names)
        who = "|".join(cells[i].strip() for i in identity) or learner
        pairs.append((who, Attempt(line, learner, responses)))
    kept, later = _first_per_learner(pairs)
    return ResultsFile(table.path, "moodle", tuple(kept), unfinished + later)


def _canvas(table: Table) -> ResultsFile:
    header = table.header
    column = {h: i for i, h in enumerate(header)}
    questions = [(i, m.group(2)) for i, h in enumerate(header) if (m := _CANVAS_QUESTION.match(h))]
    pairs = []
    for line, cells in table.rows:
        responses = []
        for i, question in questions:
            points = cells[i + 1].strip() if i + 1 < len(cells) else ""
            try:
                correct = float(points) > 0 if points else None
            except ValueError:
                raise ResultsError(table.path, line, f"the score after '{header[i][:40]}' is "
                                   f"not a number ({points[:20]!r})") from None
            responses.append(Response(line, header[i][:60], "", question, _answer(cells[i]),
                                      correct=correct))
        attempt_no = cells[column["attempt"]].strip()
        who = cells[column["id"]].strip() if "id" in column else ""
        learner = cells[column["name"]].strip() if "name" in column else ""
        pairs.append(((who, attempt_no), Attempt(line, learner, tuple(responses))))
    pairs.sort(key=lambda p: (p[0][0], _number(p[0][1])))  # lowest attempt first per learner
    kept, later = _first_per_learner([(who, a) for (who, _), a in pairs])
    kept.sort(key=lambda a: a.line)
    return ResultsFile(table.path, "canvas", tuple(kept), later)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _html(table: Table) -> ResultsFile:
    """One learner's file: the rows of their first attempt."""
    first = min((_number(cells[0]) for _line, cells in table.rows), default=0)
    responses = []
    later = set()
    for line, cells in table.rows:
        attempt, item_id, question, answer, key, correct = (cells[i] for i in (0, 3, 5, 6, 7, 8))
        if _number(attempt) != first:
            later.add(attempt)
            continue
        if correct.strip() not in ("0", "1"):
            raise ResultsError(table.path, line, f"'correct' must be 0 or 1, not "
                               f"{correct[:20]!r}")
        responses.append(Response(line, "your_answer", _unquote(item_id), _unquote(question),
                                  _answer(_option_text(_unquote(answer))),
                                  _option_text(_unquote(key)), correct.strip() == "1"))
    if not responses:
        raise ResultsError(table.path, 2, "the file holds no answers")
    return ResultsFile(table.path, "html", (Attempt(responses[0].line, "", tuple(responses)),),
                       len(later))


def _unquote(text: str) -> str:
    """quiz.html writes a ' before a cell that would look like a formula; take it off."""
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    return text


def _option_text(text: str) -> str:
    """quiz.html writes answers as 'B. text': the letter is that attempt's order, drop it."""
    return _LETTER.sub("", text, count=1)
