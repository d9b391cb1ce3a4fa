"""A simulated cohort with known item behaviour, written as the three results exports.

Abilities are drawn from a seeded normal distribution; each item answers by a rule
whose effect is known in advance: ordinary items follow ability, an easy and a hard
item sit at the extremes, one item ignores ability, one is miskeyed (strong learners
choose a 'distractor'), and one has a distractor nobody picks.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path

from tall_teach.model import Course, Option, QuizItem, SourceRef

KINDS = ("ordinary", "ordinary", "ordinary", "ordinary", "easy", "hard", "flat", "miskeyed",
         "dead-distractor", "ordinary")


@dataclass(frozen=True)
class Simulated:
    course: Course
    answers: list[list[int]]  # learner x item: chosen option index (-1: no answer)
    kinds: tuple[str, ...]


def items() -> list[QuizItem]:
    made = []
    for number in range(1, len(KINDS) + 1):
        options = (Option(f"Key {number}", True), Option(f"Alpha {number}", False),
                   Option(f"Beta {number}", False), Option(f"Gamma {number}", False))
        made.append(QuizItem(
            id=f"tt-sim-{number}", kind="cloze", stem=f"Simulated question {number}: which "
            f"term completes statement {number}?", options=options, explanation="",
            module_id="sim", module_title="Simulation", slide_id=f"sim/s{number}",
            slide_title=f"Slide {number}", citations=(), source=SourceRef("modules/sim.md",
                                                                          10 + number),
            message=f"Message {number}."))
    return made


def _choose(kind: str, ability: float, rng: random.Random) -> int:
    def logistic(x: float) -> float:
        return 1 / (1 + math.exp(-x))

    if kind == "miskeyed":  # option 1 is what strong learners know to be right
        if rng.random() < logistic(2.5 * ability):
            return 1
        return 0 if rng.random() < 0.6 else rng.choice((2, 3))
    chance = {"easy": logistic(1.5 * (ability + 3.5)), "hard": 0.08 + 0.2 * logistic(ability - 2),
              "flat": 0.5}.get(kind, logistic(1.7 * ability))
    if rng.random() < chance:
        return 0
    if kind == "dead-distractor":
        return rng.choice((1, 2))
    return rng.choice((1, 2, 3))


def simulate(course: Course, learners: int = 400, seed: int = 20261204,
             real: bool = False) -> Simulated:
    """Answers to the simulated items, or (real=True) ordinary answers to the course's own."""
    rng = random.Random(seed)
    chosen = list(course.items) if real else items()
    kinds = ("ordinary",) * len(chosen) if real else KINDS
    abilities = [rng.gauss(0, 1) for _ in range(learners)]
    answers = [[_choose(kind, a, rng) for kind in kinds] for a in abilities]
    for item_index, item in enumerate(chosen):  # index 0 above means "the key"
        for row in answers:
            row[item_index] = _position(item, row[item_index])
    for row in answers[::37]:  # a few blanks
        row[min(3, len(row) - 1)] = -1
    return Simulated(replace(course, items=tuple(chosen)), answers, kinds)


def _position(item: QuizItem, chosen: int) -> int:
    """Rule answers are 0 = key, 1.. = distractors in order: map to the item's own order."""
    distractors = [i for i, o in enumerate(item.options) if not o.correct]
    if chosen <= 0:
        return item.key_index if chosen == 0 else -1
    return distractors[(chosen - 1) % len(distractors)]  # an item may have fewer options


def _text(item: QuizItem, chosen: int) -> str:
    return "" if chosen < 0 else item.options[chosen].text


def write_moodle(sim: Simulated, rows: range, path: Path) -> Path:
    header = ["Last name", "First name", "Email address", "State", "Started on", "Completed",
              "Time taken", "Grade/10.00"]
    for n in range(1, len(sim.course.items) + 1):
        header += [f"Question {n}", f"Response {n}", f"Right answer {n}"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for learner in rows:
            cells = [f"Learner{learner}", "Test", f"l{learner}@example.org", "Finished",
                     "4 December 2026  9:00 AM", "4 December 2026  9:20 AM", "20 mins", "5.00"]
            for item, chosen in zip(sim.course.items, sim.answers[learner], strict=True):
                cells += [item.stem, _text(item, chosen) or "-",
                          item.options[item.key_index].text]
            out.writerow(cells)
        out.writerow(["Late", "Person", "late@example.org", "In progress", "", "", "", "-"]
                     + ["", "", ""] * len(sim.course.items))
    return path


def write_canvas(sim: Simulated, rows: range, path: Path) -> Path:
    header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted",
              "attempt"]
    for n, item in enumerate(sim.course.items, 1):
        header += [f"{1000 + n}: {item.stem}", "1.0"]
    header += ["n correct", "n incorrect", "score"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for learner in rows:
            cells = [f"Learner {learner}", str(5000 + learner), "", "Sec", "1", "", "2026-12-04",
                     "1"]
            right = 0
            for item, chosen in zip(sim.course.items, sim.answers[learner], strict=True):
                right += chosen == item.key_index
                cells += [_text(item, chosen), "1.0" if chosen == item.key_index else "0.0"]
            cells += [str(right), str(len(sim.course.items) - right), str(right)]
            out.writerow(cells)
    return path


def write_html(sim: Simulated, learner: int, path: Path) -> Path:
    """As quiz.html's download: the first attempt, options lettered in a shuffled order."""
    rng = random.Random(learner)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        out.writerow(["attempt", "finished", "number", "item_id", "module", "question",
                      "your_answer", "correct_answer", "correct"])
        for number, (item, chosen) in enumerate(zip(sim.course.items, sim.answers[learner],
                                                    strict=True), 1):
            order = list(range(len(item.options)))
            rng.shuffle(order)
            letter = {index: "ABCD"[position] for position, index in enumerate(order)}
            answer = f"{letter[chosen]}. {item.options[chosen].text}" if chosen >= 0 else ""
            out.writerow(["1", "2026-12-04T09:00:00Z", number, item.id, item.module_title,
                          item.stem, answer,
                          f"{letter[item.key_index]}. {item.options[item.key_index].text}",
                          int(chosen == item.key_index)])
    return path
