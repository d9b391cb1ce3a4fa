"""The quiz generator: take-home messages and authored questions to checked QuizItems.

Named stages, each in its own module: key terms and their kinds (terms), the course as
claims (evidence), candidates scored and chosen (selection) where they read in the
key's place (grammar), stems and feedback
(templates), item-writing checks (itemrules), one message's items and the quiz-wide pass
(messages). This module assembles the quiz: ids made unique, key positions balanced,
warnings for messages left without an item, and `coverage` for `tall-teach check`.

Pure and seed-free in content: the same course gives the same items and option sets
whatever the quiz seed; the seed only orders options (positions). A message the
generator cannot make a sound item from is declined with its reasons, never turned
into a flawed item: hedged messages, too few clean distractors, an author's `.noquiz`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tall_teach.errors import Diagnostic
from tall_teach.model import Course, QuizDecline, QuizItem, SourceRef, plain_text
from tall_teach.quiz.assemble import Origin, to_item
from tall_teach.quiz.authored import authored_draft
from tall_teach.quiz.itemrules import check_item
from tall_teach.quiz.messages import message_outcomes
from tall_teach.quiz.positions import balanced_positions, delivery_order, option_count
from tall_teach.quiz.templates import Draft
from tall_teach.quiz.text import contains_term
from tall_teach.quiz.walk import authored_questions, takehome_messages


def distinct(failures: tuple[str, ...]) -> list[str]:
    """Failures without repeats: the same reason for another template or term is said once."""
    seen: set[str] = set()
    out = []
    for failure in failures:
        reason = failure.split(": ", 1)[-1].replace("'", "")
        reason = reason.split(" for ", 1)[0] if reason.startswith("too few") else reason
        if reason not in seen:
            seen.add(reason)
            out.append(failure)
    return out


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def generate_items(course: Course) -> tuple[Course, list[Diagnostic]]:
    """The course with `items` = authored + generated items and `declined` = messages left
    without one, and warnings for messages that got fewer items than asked for."""
    diagnostics: list[Diagnostic] = []
    sources: list[tuple[Draft, Origin]] = []
    declined: list[QuizDecline] = []
    for outcome in message_outcomes(course):
        text = plain_text(outcome.message.inlines)
        sources.extend((d, outcome.origin) for d in outcome.drafts if outcome.origin)
        wanted = course.quiz.per_message
        if not outcome.drafts:
            declined.append(QuizDecline(outcome.message.id, text, outcome.message.source,
                                        outcome.failures, outcome.asked_by))  # fmt: skip
        if outcome.asked_by and outcome.warn:
            diagnostics.append(_asked_note(outcome.message.source, text, outcome.asked_by))
        elif len(outcome.drafts) < wanted and outcome.warn:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    outcome.message.source,
                    f"quiz: take-home message '{_shorten(text)}' has {len(outcome.drafts)} of "
                    f"{wanted} item(s): " + "; ".join(distinct(outcome.failures)),
                )
            )
    authored = [authored_draft(p, q) for p, q in authored_questions(course)]
    # the authored questions last: their explanations, read after answering, name keys of
    # generated items (which is why those may still be asked)
    sources = _unique_ids([*sources, *authored], diagnostics)
    seed = course.quiz.seed
    # Numeric items keep their options in ascending order, so where the key stands is
    # decided by which wrong values are chosen: dealt without the seed, so every seed
    # gives the same option sets.
    positions = balanced_positions(
        ((d.id, option_count(d), False) for d, _ in sources if not d.fixed and not d.numeric),
        seed,
    )
    positions.update(balanced_positions(
        ((d.id, option_count(d), True) for d, _ in sources if not d.fixed and d.numeric), 0
    ))  # fmt: skip
    items: list[QuizItem] = []
    keys = [draft.key for draft, _ in sources]
    for index, (draft, origin) in enumerate(sources):
        order = delivery_order(draft, positions.get(draft.id, 0), seed)
        item = to_item(draft, origin, order, course, keys[index + 1:])
        if draft.kind == "authored":
            diagnostics.extend(
                Diagnostic(
                    "warning",
                    origin.source,
                    f"quiz: authored question '{_shorten(item.stem)}' breaks an "
                    f"item-writing rule: {failure}",
                )
                for failure in check_item(item, course.glossary)
            )
        items.append(item)
    items = _named_later_first(items)
    # a label hidden above one item is hidden above its module's others too: read above the
    # item before, it would name the key all the same
    unlabelled = {i.module_id for i in items if not i.shows_module}
    items = [replace(i, shows_module=False) if i.module_id in unlabelled else i for i in items]
    return replace(course, items=tuple(items), declined=tuple(declined)), diagnostics


def _named_later_first(items: list[QuizItem]) -> list[QuizItem]:
    """A generated item whose key an earlier item's explanation names (its source "Ricardo
    D, 1817" before the item asking for David Ricardo: round 65) moves before that item:
    read after answering, the explanation would give its key."""
    out = list(items)
    # moved earlier, an item may land before one whose key its own explanation names
    # (Masjid-i Shah's "Taught on: Safavid Isfahan" before the Isfahan item: an educator
    # pass): a few passes settle it; two items that name each other's keys cannot be
    for _ in range(3):
        before = list(out)
        out = _named_later_pass(out)
        if out == before:
            break
    return out


def _named_later_pass(items: list[QuizItem]) -> list[QuizItem]:
    out = list(items)
    for item in items:
        if item.kind == "authored":
            continue
        key = item.options[item.key_index].text
        words = key.split()
        # a person's surname as a citation writes it ("Ricardo D, 1817"), not the last word
        # of any capitalised name ("Shah" of Masjid-i Shah in "Shah Abbas I": an educator
        # pass, where the two items then moved before each other)
        cited = (re.compile(rf"(?<![\w-]){re.escape(words[-1])}\s+[A-Z]{{1,3}}(?:,|\s+et al)")
                 if len(words) > 1 and all(w[:1].isupper() for w in words)
                 and len(words[-1]) >= 4 else None)
        at = out.index(item)
        first = next((i for i, other in enumerate(out[:at]) if other.kind != "authored"
                      and (contains_term(other.explanation, key)
                           or (cited is not None and cited.search(other.explanation)))),
                     None)
        if first is not None:
            out.insert(first, out.pop(at))
    return out


def _asked_note(source: SourceRef, message: str, question: str) -> Diagnostic:
    """A message the author's own question already asks is covered: a note, not a
    warning (a generated item would repeat that question and answer it)."""
    return Diagnostic("note", source,
                      f"quiz coverage: take-home message '{_shorten(message)}' is asked by "
                      f"your question {question}; no generated item repeats it")  # fmt: skip


def _unique_ids(
    sources: list[tuple[Draft, Origin]], diagnostics: list[Diagnostic]
) -> list[tuple[Draft, Origin]]:
    """Repeated ids (two messages with one id) get "-2", "-3"...: an LMS drops duplicates."""
    seen: set[str] = set()
    unique: list[tuple[Draft, Origin]] = []
    for draft, origin in sources:
        new_id, n = draft.id, 1
        while new_id in seen:
            n += 1
            new_id = f"{draft.id}-{n}"
        if new_id != draft.id:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    origin.source,
                    f"quiz: item id '{draft.id}' is used twice; this one becomes '{new_id}' "
                    "(give the message or question its own {#id})",
                )
            )
            draft = replace(draft, id=new_id)
        seen.add(new_id)
        unique.append((draft, origin))
    return unique


def coverage(course: Course) -> list[Diagnostic]:
    """For `tall-teach check`: a warning at each take-home message that has no quiz item,
    saying why, and a note at each generated item left with fewer options than asked for.

    A short item still has the 3 options a sound single-best-answer item needs (fewer
    fail `option-count` and are dropped), and three clean options beat a fourth that
    is arguably true, so it is a note, which `--strict` does not count. A message the
    author marked `.noquiz` is not reported.
    Uses `course.items` when generation has run, else generates."""
    if course.quiz.per_message < 1:  # generation switched off: nothing is missing
        return []
    if not course.items and not course.declined:
        course = generate_items(course)[0]
    messages = {m.source: m for _, m in takehome_messages(course)}
    warnings = [
        _asked_note(d.source, d.message, d.asked_by) if d.asked_by else
        Diagnostic("warning", d.source,
                   f"quiz coverage: take-home message '{_shorten(d.message)}' has no quiz item: "
                   + ("; ".join(d.reasons) or "no item could be generated"))
        for d in course.declined
        if d.source in messages and messages[d.source].controls.generate
    ]  # fmt: skip
    warnings.extend(
        Diagnostic(
            "note",
            item.source,
            f"quiz coverage: item {item.id} has {len(item.options)} of {course.quiz.options} "
            f"options: too few other terms like '{item.key_term}' (for more, add terms of its "
            "kind to the glossary that the lecture shows to be wrong here, or list them with "
            '{distractors="…; …"} after the message)',
        )
        for item in course.items
        if item.kind != "authored" and len(item.options) < course.quiz.options
    )
    return warnings
