"""Stage: true-statement items across a take-home slide (quiz-formats §4.1, item 2).

A message none of whose terms makes a sound item (most often a term taught in a pair,
SN1 / SN2: one wrong answer where an item needs two) is asked as the one true statement
among its siblings, the other messages of the same take-home slide, each with its key
term swapped for a term of the same kind that the course shows to be wrong there.

Why it is sound where a cloze is not: each wrong statement needs one clean swap of its
own message, not two wrong terms for this one. Why it gives nothing away: the key is the
message as the lecture writes it and every wrong option alters another message once, so
no option shares more with the rest than the key does (no convergence). A message is the
key of one such item or lends its altered copy to one, and a lender has no item of its
own: two versions of one sentence in one quiz would tell which is true by comparison
(round 13 of the ratings failed every item that let them meet). Each copy is checked
against the whole course like any distractor, and none is made of a sentence that speaks
of its term alone ("a nucleophile, which is electron-rich"), whose fact an authored
question states, or whose swapped-in term the lecture never discusses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations

from tall_teach.model import Course, Message, plain_text, strong_spans
from tall_teach.quiz.assemble import provisional_order, to_item
from tall_teach.quiz.authored import authored_draft
from tall_teach.quiz.cues import states_fact
from tall_teach.quiz.evidence import Evidence
from tall_teach.quiz.hedges import hedge
from tall_teach.quiz.itemrules import check_item
from tall_teach.quiz.messages import (
    MessageOutcome,
    QuizContext,
    final_context,
    item_id,
    message_info,
    origin_of,
    writes_key,
)
from tall_teach.quiz.templates import Draft, TemplateError, false_copies, statement_lead_in
from tall_teach.quiz.terms import KeyTerm, Vocabulary, find_key_terms
from tall_teach.quiz.text import (
    as_sentence,
    contains_term,
    content_words,
    occurrences,
    stems,
)
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
    stated = {o.message.id for o in outcomes
              if any(states_fact(f, plain_text(o.message.inlines), _bold(o.message))
                     for i, f in quiz.faces.items() if not _own_item(i, o))}  # fmt: skip
    copies: dict[str, list[_Copy]] = {}  # message id -> its false copies, best first
    # A message is the key of one item or lends its altered copy to one item, never both
    # and never twice: seen in two items, the two versions of one sentence tell which is
    # true by comparison alone. Lenders are messages left without any item (a cloze on
    # them would show the same frame), whose fact no other item states.
    taken: dict[str, str] = {}  # message id -> the item it is the key of or lends to
    result: list[MessageOutcome] = []
    for outcome in outcomes:
        message_id = outcome.message.id
        if outcome.drafts or not _askable(outcome):
            result.append(outcome)
            continue
        failures = list(outcome.failures)
        if message_id in taken:
            failures.append(f"true statement: its altered copy is a wrong option of item "
                            f"{taken[message_id]}, which this item would show")  # fmt: skip
            result.append(replace(outcome, failures=tuple(failures)))
            continue
        if message_id in stated:
            failures.append("true statement: another item of the quiz states this fact")
            result.append(replace(outcome, failures=tuple(failures)))
            continue
        draft = None
        for scope in _scopes(outcome, outcomes, course):
            lenders = [o for o in scope.siblings if not o.drafts and o.message.id not in taken
                       and o.message.id not in stated]  # fmt: skip
            for lender in lenders:
                if lender.message.id not in copies:
                    copies[lender.message.id] = _copies_of(lender, quiz)
            usable = [copies[o.message.id] for o in lenders]
            draft = _contrast(outcome, usable, scope, quiz, keys, failures)
            if draft is not None or not failures[-1].startswith(_TOO_FEW):
                break
        if draft is None:
            result.append(replace(outcome, failures=tuple(failures)))
            continue
        taken[message_id] = draft.id
        taken.update((lent, draft.id) for lent in _lenders(draft, copies))
        origin = outcome.origin or origin_of(outcome.place, outcome.message, quiz)
        result.append(replace(outcome, drafts=(draft,), failures=tuple(failures),
                              origin=origin))  # fmt: skip
    return result


def _own_item(item_id: str, outcome: MessageOutcome) -> bool:
    return any(d.id == item_id for d in outcome.drafts)


def _lenders(draft: Draft, copies: dict[str, list[_Copy]]) -> list[str]:
    """The messages whose copies the draft shows."""
    shown = set(draft.distractors)
    return [m for m, found in copies.items() if any(c.text in shown for c in found)]


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
    origin = sibling.origin or origin_of(sibling.place, message, quiz)
    info = message_info(message, text, origin, quiz)
    found: list[_Copy] = []
    for term in _swappable_terms(message, text, quiz):
        if _bound_to_sentence(term.text, text):
            continue
        try:
            pairs = false_copies(term, info)
        except TemplateError:
            continue
        frame = content_words(text) - content_words(term.text)
        found.extend(_Copy(copy, as_sentence(text), alt, message.id)
                     for copy, alt in pairs if quiz.evidence.mentions(alt)
                     and not _offered_here(alt, frame, quiz))  # fmt: skip
    return found


# What follows a term and speaks of it alone: a gloss, an example, a relative clause.
_GLOSS_AFTER = re.compile(r"\s*(?:\(|,?\s*(?:which|who|such as|e\.g\.|i\.e\.|including|like)\b)",
                          re.IGNORECASE)  # fmt: skip


def _bound_to_sentence(term: str, text: str) -> bool:
    """Swapping the term would leave the sentence contradicting itself: the sentence says
    something of the term alone ("a nucleophile, which is electron-rich"; "a price ceiling,
    such as rent control") or repeats its word ("the law of demand … the quantity
    demanded")."""
    start, end = occurrences(text, term)[0]
    if _GLOSS_AFTER.match(text, end):
        return True
    rest = stems(text[:start] + " " + text[end:])
    return any(len(w) >= 5 and any(r[:5] == w[:5] for r in rest if len(r) >= 5)
               for w in stems(term))  # fmt: skip


def _offers(seen: str, alt: str) -> bool:
    """An item's face (stem, key, then wrong options) shows `alt` in a wrong option."""
    return any(contains_term(wrong, alt) for wrong in seen.split("\n")[2:])


def _offered_here(alt: str, frame: set[str], quiz: QuizContext) -> bool:
    """Another item offers `alt` as a wrong answer about the same thing (its face shares
    two words of the message's frame): showing the copy as false would strike it there."""
    return any(_offers(seen, alt) and len(content_words(seen) & frame) >= 2
               for seen in quiz.faces.values())  # fmt: skip


def _swappable_terms(message: Message, text: str, quiz: QuizContext) -> list[KeyTerm]:
    """The first bold term, of a known kind, written once: not a number or date, whose wrong
    values follow rules of their own (grids, periods) that a whole sentence would not show."""
    # its first bold term only: a second one is a detail of the fact ("CD8" of "MHC class I
    # presents … to CD8 T cells"), and swapped it makes things that are not ("CD28 T cells")
    terms = find_key_terms(message.inlines, quiz.vocab)[:1]
    return [t for t in terms
            if t.category and t.quantity is None and t.category != "date"
            and len(occurrences(text, t.text)) == 1]  # fmt: skip


def _contrast(
    outcome: MessageOutcome,
    sibling_copies: list[list[_Copy]],
    scope: _Scope,
    quiz: QuizContext,
    keys: list[tuple[str, str]],
    failures: list[str],
) -> Draft | None:
    """The best sound true-statement item for the message, or None (with why)."""
    message = outcome.message
    text = plain_text(message.inlines)
    key = as_sentence(text)
    draft_id = item_id(message.id, "contrast", 0)
    if any(writes_key(key, k, t, quiz.vocab) for k, t in keys):
        failures.append("true statement: the message writes the key of another item, which "
                        "this item would show")  # fmt: skip
        return None
    usable = []
    own_terms = _bold(message)
    for copies in sibling_copies:
        # a copy that swaps in this message's own term would pair with the key by subject
        # ("SN1 substitution goes through…" beside "SN1 substitution is a single step…")
        clean = [c for c in copies if c.text != key
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
            if _trade(chosen):
                continue
            draft = _draft(draft_id, key, list(chosen), scope.topic,
                           _bold(message)[0])  # fmt: skip
            problems = check_item(to_item(draft, origin, provisional_order(draft), quiz.course),
                                  quiz.course.glossary)  # fmt: skip
            if not problems:
                return draft
            broken.extend(str(p) for p in problems)
    failures.append("true statement dropped: " + ("; ".join(dict.fromkeys(broken)) or
                    "the altered siblings swap each other's terms, which shows both false"))
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


def _trade(chosen: tuple[_Copy, ...]) -> bool:
    """Two copies swap each other's terms (the Zaitsev fact labelled Markovnikov's rule
    beside the Markovnikov fact labelled Zaitsev's): both are false by comparison."""
    return any(contains_term(a.original, b.alt) and contains_term(b.original, a.alt)
               for a, b in combinations(chosen, 2))  # fmt: skip


