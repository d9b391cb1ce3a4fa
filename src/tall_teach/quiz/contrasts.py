"""Stage: true-statement items across a take-home slide (quiz-formats §4.1, item 2).

A message none of whose terms makes a sound item (most often a term taught in a pair,
SN1 / SN2: one wrong answer where an item needs two) is asked as the one true statement
among its siblings, the other messages of the same take-home slide, each with its key
term swapped for a term of the same kind that the course shows to be wrong there.

Why it is sound where a cloze is not: each wrong statement needs one clean swap of its
own message, not two wrong terms for this one. Why it gives nothing away: the key is the
message as the lecture writes it and every wrong option alters another message once, so
no option shares more with the rest than the key does (no convergence), and each copy is
checked against the whole course like any distractor. A copy that writes another item's
key, or alters a message whose item offers the swapped-in term, is not used: it would
tell that item's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations

from tall_teach.model import Course, Message, plain_text, strong_spans
from tall_teach.quiz.assemble import provisional_order, to_item
from tall_teach.quiz.authored import authored_draft
from tall_teach.quiz.evidence import Evidence
from tall_teach.quiz.hedges import hedge
from tall_teach.quiz.itemrules import check_item
from tall_teach.quiz.messages import (
    MessageOutcome,
    QuizContext,
    face,
    final_context,
    item_id,
    message_info,
    origin_of,
    writes_key,
)
from tall_teach.quiz.templates import Draft, TemplateError, false_copies, statement_lead_in
from tall_teach.quiz.terms import KeyTerm, Vocabulary, find_key_terms
from tall_teach.quiz.text import as_sentence, contains_term, content_words, occurrences
from tall_teach.quiz.walk import Place, authored_questions

# What a take-home slide's title says before its topic ("Take-home messages: substitution
# and elimination"): not a topic a lead-in can name.
_TAKEHOME_TITLE = re.compile(
    r"^\s*(?:take[- ]home(?: messages?| points?)?|key (?:messages|points|facts)|summary|"
    r"in summary|what to remember)\s*[:—–-]?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Copy:
    """A sibling message with one key term swapped: a false statement the course refutes."""

    text: str
    original: str  # the sibling as the lecture writes it (for the feedback)
    alt: str  # the term swapped in
    message_id: str


def topic_of(place: Place, course_title: str) -> str:
    """What the statements are about: the take-home slide's own topic, else the module's,
    else the course's ("Take-home messages" names none)."""
    return (_TAKEHOME_TITLE.sub("", place.slide_title).strip()
            or _TAKEHOME_TITLE.sub("", place.module.title).strip() or course_title)  # fmt: skip


def with_contrasts(
    outcomes: list[MessageOutcome], course: Course, vocab: Vocabulary, evidence: Evidence
) -> list[MessageOutcome]:
    """The outcomes, with a true-statement item for each message left without one where
    its take-home slide gives enough sound wrong statements."""
    quiz = final_context(course, vocab, evidence, outcomes)
    keys = [(d.key, d.key_term) for o in outcomes for d in o.drafts] + [
        (d.key, "") for d, _ in (authored_draft(p, q) for p, q in authored_questions(course))
    ]
    faces = dict(quiz.faces)
    copies: dict[str, list[_Copy]] = {}  # message id -> its false copies, best first
    made: set[str] = set()  # ids of the items this stage made
    # every option the quiz shows: a wrong statement shown twice is false by form alone
    # (a true one is the key of one item only), so no copy is shown a second time
    shown = {_norm(line) for f in faces.values() for line in f.split("\n")[1:]}
    result: list[MessageOutcome] = []
    for outcome in outcomes:
        if outcome.drafts or not _askable(outcome):
            result.append(outcome)
            continue
        failures = list(outcome.failures)
        draft = None
        for scope in _scopes(outcome, outcomes, course):
            for sibling in scope.siblings:
                if sibling.message.id not in copies:
                    copies[sibling.message.id] = _copies_of(sibling, quiz)
            usable = [copies[s.message.id] for s in scope.siblings]
            draft = _contrast(outcome, usable, scope, quiz, faces, keys, made | shown,
                              failures)
            if draft is not None or not failures[-1].startswith(_TOO_FEW):
                break
        if draft is None:
            result.append(replace(outcome, failures=tuple(failures)))
            continue
        faces[draft.id] = face(draft)
        made.add(draft.id)
        shown.update(_norm(o) for o in (draft.key, *draft.distractors))
        origin = outcome.origin or origin_of(outcome.place, outcome.message, quiz)
        result.append(replace(outcome, drafts=(draft,), failures=tuple(failures),
                              origin=origin))  # fmt: skip
    return result


@dataclass(frozen=True, slots=True)
class _Scope:
    """Messages whose altered copies may stand beside the key, and what they are about."""

    name: str  # "the slide 'Take-home messages: stars'"
    topic: str
    siblings: tuple[MessageOutcome, ...]


_TOO_FEW = "true statement among the messages of "


def _scopes(
    outcome: MessageOutcome, outcomes: list[MessageOutcome], course: Course
) -> list[_Scope]:
    """The take-home slide's other messages, then (when the slide holds too few) the
    module's: the closer the siblings, the more alike the statements."""
    place = outcome.place
    others = [o for o in outcomes if o.message.id != outcome.message.id and _lends(o)]
    slide = tuple(o for o in others if o.place.slide.id == place.slide.id)
    module = tuple(o for o in others if o.place.module.id == place.module.id)
    scopes = [_Scope(f"the slide '{place.slide_title}'", topic_of(place, course.title), slide)]
    if len(module) > len(slide):
        # the module often only holds the take-home slides: its title may name another
        # topic than the message's, the course's title never does
        scopes.append(_Scope(f"the module '{place.module.title}'", course.title, module))
    return scopes


def _askable(outcome: MessageOutcome) -> bool:
    """A message the author wants asked, that states a fact, with a bold key term."""
    message = outcome.message
    text = plain_text(message.inlines)
    return message.controls.generate and outcome.warn and not hedge(text) and bool(
        _bold(message)
    )


def _lends(outcome: MessageOutcome) -> bool:
    """A sibling whose altered copy may be shown: asked by the author, stating a fact."""
    message = outcome.message
    return message.controls.generate and outcome.warn and not hedge(plain_text(message.inlines))


def _bold(message: Message) -> list[str]:
    return list(strong_spans(message.inlines))


def _copies_of(sibling: MessageOutcome, quiz: QuizContext) -> list[_Copy]:
    """The sibling's false copies, one per swappable key term, best first. None whose
    swapped-in term the sibling's own item (or another item on the same thing) offers:
    this item would rule it out there. None whose term the course only lists in its
    glossary: what the lecture never says of it cannot show the copy to be false
    ("organolithium reagent" for "a Grignard reagent adds to a ketone")."""
    message = sibling.message
    text = plain_text(message.inlines)
    own = [face(d) for d in sibling.drafts]
    origin = sibling.origin or origin_of(sibling.place, message, quiz)
    info = message_info(message, text, origin, quiz)
    found: list[_Copy] = []
    for term in _swappable_terms(message, text, quiz):
        try:
            pairs = false_copies(term, info)
        except TemplateError:
            continue
        frame = content_words(text) - content_words(term.text)
        found.extend(_Copy(copy, as_sentence(text), alt, message.id)
                     for copy, alt in pairs if not any(_offers(f, alt) for f in own)
                     and quiz.evidence.mentions(alt)
                     and not _offered_here(alt, frame, quiz))  # fmt: skip
    return found


def _offers(seen: str, alt: str) -> bool:
    """An item's face (stem, key, then wrong options) shows `alt` in a wrong option."""
    return any(contains_term(wrong, alt) for wrong in seen.split("\n")[2:])


def _offered_here(alt: str, frame: set[str], quiz: QuizContext) -> bool:
    """Another item offers `alt` as a wrong answer about the same thing (its face shares
    two words of the message's frame): showing the copy as false would strike it there."""
    return any(_offers(seen, alt) and len(content_words(seen) & frame) >= 2
               for seen in quiz.faces.values())  # fmt: skip


def _swappable_terms(message: Message, text: str, quiz: QuizContext) -> list[KeyTerm]:
    """Bold terms of a known kind, written once: not numbers or dates, whose wrong values
    follow rules of their own (grids, periods) that a whole sentence would not show."""
    return [t for t in find_key_terms(message.inlines, quiz.vocab)
            if t.category and t.quantity is None and t.category != "date"
            and len(occurrences(text, t.text)) == 1]  # fmt: skip


def _contrast(
    outcome: MessageOutcome,
    sibling_copies: list[list[_Copy]],
    scope: _Scope,
    quiz: QuizContext,
    faces: dict[str, str],
    keys: list[tuple[str, str]],
    made: set[str],
    failures: list[str],
) -> Draft | None:
    """The best sound true-statement item for the message, or None (with why). `made`
    holds the ids of this stage's items and every option the quiz already shows."""
    message = outcome.message
    text = plain_text(message.inlines)
    key = as_sentence(text)
    draft_id = item_id(message.id, "contrast", 0)
    others = {i: f for i, f in faces.items() if not i.startswith(f"{draft_id}")}
    # another true-statement item shows this message only altered: it states nothing
    told = next((i for i, f in others.items()
                 if i not in made and _states(f, text, _bold(message))), "")  # fmt: skip
    if told:
        failures.append(f"true statement: item {told} states this fact")
        return None
    if any(writes_key(key, k, t, quiz.vocab) for k, t in keys):
        failures.append("true statement: the message writes the key of another "
                        "item, which this item would show")  # fmt: skip
        return None
    usable = []
    own_terms = _bold(message)
    for copies in sibling_copies:
        # a copy that swaps in this message's own term would pair with the key by subject
        # ("SN1 substitution goes through…" beside "SN1 substitution is a single step…")
        clean = [c for c in copies if c.text != key and _norm(c.text) not in made
                 and not any(contains_term(c.alt, t) or contains_term(t, c.alt)
                             for t in own_terms)
                 and not any(writes_key(c.text, k, t, quiz.vocab) for k, t in keys)]
        if clean:
            usable.append(clean[0])  # one copy per sibling: never two alterations of one
    if len(usable) < 2:
        failures.append(
            f"{_TOO_FEW}{scope.name}: only {len(usable)} of them could be altered into a "
            "wrong statement the course refutes (a sound item needs 2)"
        )
        return None
    origin = outcome.origin or origin_of(outcome.place, message, quiz)
    wanted = quiz.course.quiz.options - 1
    ranked = sorted(usable, key=lambda c: (abs(len(c.text) - len(key)), c.message_id))
    broken: list[str] = []
    for size in range(min(wanted, len(ranked)), 1, -1):
        for chosen in combinations(ranked, size):
            draft = _draft(draft_id, key, list(chosen), scope.topic,
                           _bold(message)[0])  # fmt: skip
            problems = check_item(to_item(draft, origin, provisional_order(draft), quiz.course),
                                  quiz.course.glossary)  # fmt: skip
            if not problems:
                return draft
            broken.extend(str(p) for p in problems)
    failures.append("true statement dropped: " + "; ".join(dict.fromkeys(broken)))
    return None


def _draft(draft_id: str, key: str, chosen: list[_Copy], topic: str, key_term: str) -> Draft:
    feedback = [(key, f"Correct: {key}")] + [
        (c.text, f"Not what the lecture states: it says “{c.original[:-1]}”, not "
                 f"{c.alt}.")
        for c in chosen
    ]
    reasons = (
        "key: the message as the lecture writes it; wrong options: the other messages of "
        "its take-home slide, each with one key term swapped for a term the course shows "
        "to be wrong there",
        *(f"kept '{c.text}' (from message {c.message_id}: '{c.alt}' swapped in)" for c in chosen),
        "note: no term of the message made a sound item; asked as the true statement among "
        "its siblings",
    )
    return Draft(draft_id, "contrast", statement_lead_in(topic), key,
                 tuple(c.text for c in chosen), key_term, tuple(feedback), reasons=reasons)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _states(seen: str, text: str, terms: list[str]) -> bool:
    """Another item shows this fact: it writes a key term of the message and most of the
    message's other content words."""
    if not any(occurrences(seen, t) for t in terms):
        return False
    words = content_words(text) - {w for t in terms for w in content_words(t)}
    return bool(words) and len(words & content_words(seen)) >= 0.6 * len(words)
