"""The quiz generator: take-home messages and authored questions to checked QuizItems.

Pure: no files, no clock; every random choice comes from a random.Random seeded
with the quiz seed and an item's (or message's) id, so the same course gives the
same items, and editing one message leaves every other item's id and order alone.

Warnings: a message that ends up with fewer than `per_message` items gets one
warning naming each template that failed and why (an item-writing rule, or no
usable key term). A template that fails while another one succeeds for the same
message is a normal fallback and is not reported. Authored questions that break
an item-writing rule are kept and reported.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from tall_teach.errors import Diagnostic
from tall_teach.model import Course, Message, QuizItem, cited_keys, plain_text
from tall_teach.quiz.assemble import Origin, citations_of, provisional_order, to_item
from tall_teach.quiz.authored import authored_draft
from tall_teach.quiz.itemrules import check_item
from tall_teach.quiz.positions import balanced_positions, delivery_order, option_count
from tall_teach.quiz.templates import Draft, MessageInfo, TemplateError, cloze, statement
from tall_teach.quiz.terms import KeyTerm, Vocabulary, build_vocabulary, find_key_terms
from tall_teach.quiz.text import ncname_part
from tall_teach.quiz.walk import (
    Place,
    authored_questions,
    chart_quantities,
    course_texts,
    takehome_messages,
    teaching_slide,
)

VARIETY = 0.25  # with one item per message, this share of messages gets the statement template
TEMPLATES: dict[str, Callable[[str, KeyTerm, MessageInfo], Draft]] = {
    "cloze": cloze,
    "statement": statement,
}


@dataclass(frozen=True, slots=True)
class MessageOutcome:
    """What generation made of one message: its checked drafts and why others failed."""

    place: Place
    message: Message
    drafts: tuple[Draft, ...]
    failures: tuple[str, ...]
    origin: Origin | None = None


def course_vocabulary(course: Course) -> Vocabulary:
    return build_vocabulary(course.glossary, course_texts(course), chart_quantities(course))


def item_id(message_id: str, kind: str, round_: int) -> str:
    """`tt-<message id>-<template>`: from the message, never from its position."""
    suffix = f"-{round_ + 1}" if round_ else ""
    return f"tt-{ncname_part(message_id)}-{kind}{suffix}"


def template_plan(message_id: str, course: Course) -> list[str]:
    """Which templates a message gets, in order: a seeded, per-message choice."""
    wanted = max(course.quiz.per_message, 0)
    rng = random.Random(f"{course.quiz.seed}:{message_id}:template")
    first, _ = ("statement", "cloze") if rng.random() < VARIETY else ("cloze", "statement")
    if wanted == 1:
        return [first]
    return [("cloze", "statement")[i % 2] for i in range(wanted)]


def _origin(place: Place, message: Message, text: str, course: Course, terms: list[str]) -> Origin:
    """Where a message's items come from; the slide that taught it adds its citations."""
    teaching = teaching_slide(course, place, text, terms)
    own = [*cited_keys(message.inlines), *(teaching.slide.citations if teaching else ())]
    return Origin(
        place, message.source, text, citations_of(place, own), text, teaching, message.id
    )


def message_outcome(
    place: Place, message: Message, course: Course, vocab: Vocabulary
) -> MessageOutcome:
    """Drafts for one message that pass every item-writing check, and the failures."""
    text = plain_text(message.inlines)
    info = MessageInfo(message.id, text, vocab, course.quiz.options, course.quiz.seed)
    terms = find_key_terms(message.inlines, vocab)
    failures = [
        f"the bold term '{t.text}' has no category (list it in a glossary.yaml category)"
        for t in terms
        if not t.category
    ]
    usable = [t for t in terms if t.category]
    if not terms:
        failures.append(
            "no key term: mark one in **bold** or use a glossary term, "
            "a number with a unit, or a gene or CD name"
        )
    if not usable:
        return MessageOutcome(place, message, (), tuple(failures))
    start = random.Random(f"{course.quiz.seed}:{message.id}:term").randrange(len(usable))
    rotated = usable[start:] + usable[:start]
    origin = _origin(place, message, text, course, [t.text for t in terms])
    plan = template_plan(message.id, course)
    fallback = [k for k in TEMPLATES if k not in plan] if len(plan) == 1 else []
    drafts: list[Draft] = []
    used_terms: list[str] = []
    for round_, kind in enumerate(plan):
        for kind_tried in [kind, *fallback]:
            draft = _first_passing(
                kind_tried, round_ // 2, rotated, used_terms, info, origin, course, failures
            )
            if draft is not None:
                drafts.append(draft)
                used_terms.append(draft.key_term)
                break
    return MessageOutcome(place, message, tuple(drafts), tuple(failures), origin)


def _first_passing(
    kind: str,
    round_: int,
    terms: list[KeyTerm],
    used_terms: list[str],
    info: MessageInfo,
    origin: Origin,
    course: Course,
    failures: list[str],
) -> Draft | None:
    """The best `kind` draft that passes every check: unused terms first, and a term
    with a full set of options before one whose category runs short."""
    ordered = sorted(terms, key=lambda t: t.text in used_terms)
    draft_id = item_id(info.id, kind, round_)
    passing: list[Draft] = []
    for term in ordered:
        try:
            draft = TEMPLATES[kind](draft_id, term, info)
        except TemplateError as why:
            failures.append(f"{kind} on '{term.text}': {why}")
            continue
        broken = check_item(
            to_item(draft, origin, provisional_order(draft), course), course.glossary
        )
        if broken:
            failures.append(f"{kind} on '{term.text}' dropped: " + "; ".join(map(str, broken)))
        elif option_count(draft) >= info.options:
            return draft
        else:
            passing.append(draft)
    return passing[0] if passing else None


def message_outcomes(course: Course, vocab: Vocabulary | None = None) -> list[MessageOutcome]:
    vocab = vocab or course_vocabulary(course)
    return [message_outcome(p, m, course, vocab) for p, m in takehome_messages(course)]


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def generate_items(course: Course) -> tuple[Course, list[Diagnostic]]:
    """The course with `items` = authored + generated items, and warnings for dropped ones."""
    diagnostics: list[Diagnostic] = []
    sources: list[tuple[Draft, Origin]] = []
    for outcome in message_outcomes(course):
        text = plain_text(outcome.message.inlines)
        sources.extend((d, outcome.origin) for d in outcome.drafts)
        wanted = course.quiz.per_message
        if len(outcome.drafts) < wanted:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    outcome.message.source,
                    f"quiz: take-home message '{_shorten(text)}' has {len(outcome.drafts)} of "
                    f"{wanted} item(s): " + "; ".join(outcome.failures),
                )
            )
    authored = [authored_draft(p, q) for p, q in authored_questions(course)]
    sources = _unique_ids([*authored, *sources], diagnostics)
    seed = course.quiz.seed
    positions = balanced_positions(
        ((d.id, option_count(d), d.numeric) for d, _ in sources if not d.fixed), seed
    )
    items: list[QuizItem] = []
    for draft, origin in sources:
        order = delivery_order(draft, positions.get(draft.id, 0), seed)
        item = to_item(draft, origin, order, course)
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
    return replace(course, items=tuple(items)), diagnostics


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
    is arguably true, so it is a note, which `--strict` does not count.
    Uses `course.items` when generation has run, else generates."""
    if course.quiz.per_message < 1:  # generation switched off: nothing is missing
        return []
    items = course.items or generate_items(course)[0].items
    generated = [i for i in items if i.kind != "authored"]
    covered = {(i.source, i.message) for i in generated}
    warnings: list[Diagnostic] = []
    outcomes: list[MessageOutcome] | None = None
    for index, (_, message) in enumerate(takehome_messages(course)):
        text = plain_text(message.inlines)
        if (message.source, text) in covered:
            continue
        outcomes = outcomes or message_outcomes(course)
        why = "; ".join(outcomes[index].failures) or "no item could be generated"
        warnings.append(Diagnostic(
            "warning", message.source,
            f"quiz coverage: take-home message '{_shorten(text)}' has no quiz item: {why}",
        ))  # fmt: skip
    warnings.extend(
        Diagnostic(
            "note",
            item.source,
            f"quiz coverage: item {item.id} has {len(item.options)} of {course.quiz.options} "
            f"options: too few other terms like '{item.key_term}' (for more, add terms to its "
            "glossary category that the lecture shows to be wrong here)",
        )
        for item in generated
        if len(item.options) < course.quiz.options
    )
    return warnings
