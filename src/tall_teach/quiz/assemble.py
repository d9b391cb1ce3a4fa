"""From a draft and where it came from to the QuizItem every quiz writer consumes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tall_teach.model import Course, Module, Option, QuizItem, SourceRef, plain_text
from tall_teach.quiz.itemrules import label_echo
from tall_teach.quiz.templates import Draft
from tall_teach.quiz.text import as_sentence, contains_term
from tall_teach.quiz.walk import Place
from tall_teach.transforms.citations import footer_text


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item comes from: its slide, source line, message and citations."""

    place: Place
    source: SourceRef
    message: str  # the full take-home message; "" for authored questions
    citations: tuple[str, ...]
    rationale: str  # what the explanation says before naming slide and source
    teaching: Place | None = None  # for a take-home message: the slide that taught it
    message_id: str = ""


def citations_of(place: Place, own: Sequence[str]) -> tuple[str, ...]:
    """The slide's citation keys, then the block's own (and its teaching slide's), no repeats."""
    return tuple(dict.fromkeys([*place.slide.citations, *own]))


def rationale(origin: Origin) -> str:
    return as_sentence(origin.rationale) if origin.rationale.strip() else ""


def where(origin: Origin, course: Course, later_keys: Sequence[str] = ()) -> str:
    """The slide it is taught on and the short citation(s). Read after answering, it names
    no key of an item still to come: a teaching slide titled with one ("From Baghdad to
    Ain Jalut", round 58) is named by its place in its module, and a module titled with
    one ("From 1848 to the Compromise of 1867", round 59) by its number."""
    parts = [f"Slide: {as_sentence(_findable(origin.place, course, later_keys))}"]
    teaching = origin.teaching
    if teaching is not None:
        if _names_any(teaching.slide_title, later_keys):
            number = next(i for i, s in enumerate(teaching.module.slides, 1)
                          if s is teaching.slide)  # fmt: skip
            name = _module_name(teaching.module, course, later_keys)
            if name == teaching.module.title:
                name = f"“{name}”"
            parts.append(f"Taught on: slide {number} of {name}.")
        else:
            found = _findable(teaching, course, later_keys)
            parts.append(f"Taught on: {as_sentence(found)}")
    footer = footer_text(origin.citations, course)
    if footer:
        parts.append(f"Source: {as_sentence(footer)}")
    return " ".join(parts)


def _names_any(title: str, keys: Sequence[str]) -> bool:
    return any(contains_term(title, key) for key in keys)


def _module_name(module: Module, course: Course, later_keys: Sequence[str]) -> str:
    """The module's title, or "module N" where the title names a later item's key."""
    if _names_any(module.title, later_keys):
        return f"module {next(i for i, m in enumerate(course.modules, 1) if m is module)}"
    return module.title


def _findable(place: Place, course: Course, later_keys: Sequence[str] = ()) -> str:
    """The slide's title, with its module's where another slide has the same title: one
    "Take-home messages" slide per module is the contract's own pattern, and "Slide:
    Take-home messages" alone did not say which (round 40)."""
    title = place.slide_title
    same = sum(1 for module in course.modules for slide in module.slides
               if plain_text(slide.title) == title)
    if same <= 1:
        return title
    return f"{title} ({_module_name(place.module, course, later_keys)})"


def explanation(origin: Origin, course: Course, later_keys: Sequence[str] = ()) -> str:
    """The rationale, then the slide it is taught on and the short citation(s)."""
    return " ".join(p for p in (rationale(origin), where(origin, course, later_keys)) if p)


def to_item(
    draft: Draft, origin: Origin, order: Sequence[tuple[str, bool]], course: Course,
    later_keys: Sequence[str] = (),
) -> QuizItem:
    """The finished item, options in `order`, each with its feedback; `later_keys`, the
    keys of the items after it, are never named by its explanation."""
    return QuizItem(
        id=draft.id,
        kind=draft.kind,
        stem=draft.stem,
        options=tuple(Option(t, ok, draft.feedback_for(t)) for t, ok in order),
        explanation=explanation(origin, course, later_keys),
        module_id=origin.place.module.id,
        module_title=origin.place.module.title,
        slide_id=origin.place.slide.id,
        slide_title=origin.place.slide_title,
        citations=origin.citations,
        source=origin.source,
        message=origin.message,
        key_term=draft.key_term,
        numeric=draft.numeric,
        message_id=origin.message_id,
        rationale=rationale(origin),
        where=where(origin, course, later_keys),
        reasons=draft.reasons,
        shows_module=draft.kind == "authored" or not (
            ((draft.numeric or re.search(r"\d", draft.key))
             and _label_gives_number(origin.place.module.title, draft.key))
            # a date's month too: "October and the Bolshevik seizure of power" above
            # "October 1917" among June and December (round 67)
            or label_echo(origin.place.module.title, draft.key, draft.distractors)),
    )


def _label_gives_number(label: str, key: str) -> bool:
    """The module label writes the key's number ("Nuclear arms and crises, 1949-1963" above
    a question whose answer is 1949: round 36): shown above the item, it answers it."""
    numbers = set(re.findall(r"\d+(?:[.,]\d+)?", label))
    return any(n in numbers for n in re.findall(r"\d+(?:[.,]\d+)?", key))


def provisional_order(draft: Draft) -> tuple[tuple[str, bool], ...]:
    """An order good enough for the item-writing checks, which do not depend on it."""
    if draft.fixed:
        return draft.fixed
    if draft.layouts:
        return tuple((t, t == draft.key) for t in draft.layouts[0])
    return ((draft.key, True), *((d, False) for d in draft.distractors))
