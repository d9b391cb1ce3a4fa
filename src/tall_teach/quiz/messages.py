"""One message's items, and the pass over the quiz that keeps items from cueing each other.

Per message: the key terms in order (bold first, then a number or date it also writes),
each tried with the templates; a draft must pass every item-writing check and must not
have as key a term another item offers as wrong. Over the quiz, in lecture order: keys
already asked are never offered as distractors, and other messages' key terms only when
nothing else is left.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from tall_teach.model import (
    Course,
    Message,
    cited_keys,
    plain_text,
    strong_spans,
)
from tall_teach.quiz.assemble import Origin, citations_of, provisional_order, to_item
from tall_teach.quiz.authored import authored_draft
from tall_teach.quiz.contrast import without_contrast
from tall_teach.quiz.cues import (
    SAYING_WORDS,
    gives_answer,
    in_other_stem,
    names_key_part,
    spells_out,
    states_fact,
    tying_stems,
    written_as_short_form,
)
from tall_teach.quiz.evidence import Evidence, course_evidence, years
from tall_teach.quiz.hedges import hedge
from tall_teach.quiz.itemrules import RuleFailure, check_item
from tall_teach.quiz.numbers import (
    Stated,
    find_quantities,
    given_by_another_number,
    parse_quantity,
    rough_limit,
)
from tall_teach.quiz.positions import option_count
from tall_teach.quiz.selection import SelectionContext
from tall_teach.quiz.templates import (
    Draft,
    MessageInfo,
    TemplateError,
    cloze,
    statement,
)
from tall_teach.quiz.terms import (
    KeyTerm,
    Vocabulary,
    build_vocabulary,
    find_in_text,
    find_key_terms,
    pluralise,
)
from tall_teach.quiz.text import (
    base,
    contains_term,
    ncname_part,
    normalise,
    occurrences,
    stems,
)
from tall_teach.quiz.walk import (
    Place,
    authored_questions,
    chart_quantities,
    course_groups,
    course_lists,
    course_texts,
    takehome_messages,
    teaching_slide,
)

Value = Stated
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
    warn: bool = True  # False when the author asked for no item
    asked_by: str = ""  # the authored question that asks the message's fact, when no item


@dataclass(frozen=True, slots=True)
class QuizContext:
    """What every message's generation shares: the course's vocabulary and evidence, and
    the keys of items already made (normalised key -> item id)."""

    course: Course
    vocab: Vocabulary
    evidence: Evidence
    keys: Mapping[str, str]
    stems: Mapping[str, str]  # item id -> text of its stem (authored questions)
    offered: Mapping[str, str] = field(default_factory=dict)  # normalised wrong option -> item
    bold: Mapping[str, frozenset[str]] = field(default_factory=dict)  # message id -> key terms
    values: Mapping[str, frozenset[Value]] = field(default_factory=dict)  # message id -> numbers
    faces: Mapping[str, str] = field(default_factory=dict)  # item id -> stem and options
    authored: frozenset[str] = frozenset()  # ids of the authored questions
    # item id -> its wrong options, for the items made before this message in this pass
    wrong: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # authored question id -> its key: a message that gives it answers that question
    answers: Mapping[str, str] = field(default_factory=dict)


def course_vocabulary(course: Course) -> Vocabulary:
    vocab = build_vocabulary(
        course.glossary, course_texts(course), chart_quantities(course), course_lists(course),
        course_groups(course),
    )
    # the years a quiz's header shows ("The French Revolution, 1789-1799"): its period
    header = f"{course.title} {course.subtitle}".strip()
    shown = sorted(years(header))
    vocab = replace(vocab, header=header)
    return replace(vocab, period=(shown[0], shown[-1])) if shown else vocab


def item_id(message_id: str, kind: str, round_: int) -> str:
    """`tt-<message id>-<template>`: from the message, never from its position."""
    suffix = f"-{round_ + 1}" if round_ else ""
    return f"tt-{ncname_part(message_id)}-{kind}{suffix}"


def template_plan(wanted: int) -> list[str]:
    """Which templates a message gets, in order: a cloze first (a focused question on one
    fact), a statement item on another term for a second one, and so on."""
    return [("cloze", "statement")[i % 2] for i in range(max(wanted, 0))]


def _origin(
    place: Place, message: Message, text: str, course: Course, terms: list[str],
    spare: list[str] = (),
) -> Origin:
    """Where a message's items come from; the slide that taught it adds its citations.
    Found by the key terms, else by the numbers and dates the message writes."""
    teaching = teaching_slide(course, place, text, terms) or (
        teaching_slide(course, place, text, list(spare)) if spare else None
    )
    own = [*cited_keys(message.inlines), *(teaching.slide.citations if teaching else ())]
    # the slide that taught it names its sources; the take-home slide's cite the whole
    # module ("Galtung 1965" given as a source of the inverted pyramid: round 45)
    cited = tuple(dict.fromkeys(own)) if teaching is not None and own else citations_of(
        place, own)
    return Origin(place, message.source, text, cited, text, teaching, message.id)


def message_outcome(place: Place, message: Message, quiz: QuizContext) -> MessageOutcome:
    """Drafts for one message that pass every item-writing check, and the failures."""
    course = quiz.course
    text = plain_text(message.inlines)
    if not message.controls.generate:
        return MessageOutcome(place, message, (), ("the author asked for no item (.noquiz)",),
                              warn=False)  # fmt: skip
    hedged = hedge(text)
    if hedged:
        return MessageOutcome(place, message, (), (
            f"the message is hedged ('{hedged}'): an open question has no single best answer; "
            "state it as a fact, or add {.noquiz} after it",
        ))  # fmt: skip
    terms = find_key_terms(message.inlines, quiz.vocab)
    failures = [
        f"the bold term '{t.text}' has no kind (list it in a glossary.yaml category, or "
        'name wrong answers with {distractors="…; …"} after the message)'
        for t in terms
        if not t.category and not message.controls.distractors
    ]
    usable = [t if t.category else replace(t, category="author") for t in terms
              if t.category or message.controls.distractors]  # fmt: skip
    derived = [t for t in usable
               if t.quantity is not None and given_by_another_number(t.quantity, text)]
    failures.extend(f"cloze on '{t.text}': the message's other numbers give it by one product "
                    "or quotient (a full turn, 100%): ask the term instead" for t in derived)
    usable = [t for t in usable if t not in derived]
    rough = {t.text: how for t in usable
             if t.quantity is not None and (how := rough_limit(text, t.text))}
    failures.extend(f"cloze on '{written}': the message gives it as a rough limit ('{how}'), "
                    "so near values are no wrong answers: state the value itself"
                    for written, how in rough.items())
    usable = [t for t in usable if t.text not in rough]
    if not terms:
        failures.append(
            "no key term: mark one in **bold** or use a glossary term, "
            "a number with a unit, or a gene or CD name"
        )
    # the stem asks what the message says its subject is, not what it says it is not
    stem_text = without_contrast(text, [*strong_spans(message.inlines),
                                        *(t.text for t in terms)])  # fmt: skip
    spare = _spare_terms(terms, stem_text, quiz) if strong_spans(message.inlines) else []
    if not terms and not spare:
        return MessageOutcome(place, message, (), tuple(failures))
    origin = _origin(place, message, text, course, [t.text for t in terms],
                     [t.text for t in spare])  # fmt: skip
    info = _message_info(message, stem_text, origin, quiz)
    if not usable and not spare:
        covered = asked_by(terms[0].text if terms else "", info, quiz)
        return MessageOutcome(place, message, (), tuple(failures), origin,
                              asked_by=covered)  # fmt: skip
    drafts: list[Draft] = []
    asked: set[tuple[str, str]] = set()  # (template, key term) already made
    for round_, kind in enumerate(template_plan(course.quiz.per_message) if usable else []):
        # a statement item stands in for no failed cloze: raters passed 4 of 18 (a swapped
        # term reads as nonsense beside its sentence: "the epidermis of the endodermis")
        other = [k for k in TEMPLATES if k != kind] if kind != "cloze" else []
        for kind_tried in [kind, *other]:
            if kind_tried == "statement" and not drafts and spare:
                # a cloze on a number or date the message writes beats a statement item
                drafts = _unbolded_fallback(spare, asked, info, origin, quiz, failures)
                if drafts:
                    break
            found = _best_draft(kind_tried, round_ // 2, usable, asked, info, origin, quiz,
                                failures)  # fmt: skip
            if found is not None:
                drafts.append(found[0])
                asked.add((kind_tried, found[1].text))
                break
    if not drafts and spare:
        drafts = _unbolded_fallback(spare, asked, info, origin, quiz, failures)
    if not drafts:
        drafts = _clause_fallback(message, [*usable, *spare], text, asked, origin, quiz,
                                  failures)  # fmt: skip
    elif all(option_count(d) < 3 for d in drafts):
        # a two-option item on the whole: one clause asked alone may offer more
        fuller = _clause_fallback(message, [*usable, *spare], text, set(), origin, quiz,
                                  [])  # fmt: skip
        if fuller and option_count(fuller[0]) > option_count(drafts[0]):
            drafts = fuller
    covered = "" if drafts else next(
        (q for t in [*usable, *spare] if (q := asked_by(t.text, info, quiz))), "")
    return MessageOutcome(place, message, tuple(drafts), tuple(failures),
                          _taught_for(drafts, origin, place, message, text, course),
                          asked_by=covered)  # fmt: skip


def _taught_for(
    drafts: list[Draft], origin: Origin, place: Place, message: Message, text: str,
    course: Course,
) -> Origin:
    """A cloze's explanation cites the slide that teaches its key when that is another
    slide than the message's ("IPv6", not "IPv4 addresses", for "128 bits")."""
    if len(drafts) != 1 or drafts[0].kind != "cloze":
        return origin
    key = drafts[0].key_term
    clause = next((c for c in _CLAUSES.split(text) if occurrences(c, key)), text)
    own = teaching_slide(course, place, clause, [key])
    if own is None or (origin.teaching and own.slide is origin.teaching.slide):
        return origin
    teaching_cites = [*cited_keys(message.inlines), *own.slide.citations]
    return replace(origin, teaching=own, citations=citations_of(place, teaching_cites))


_CLAUSES = re.compile(r"\s*;\s+")


def _clause_fallback(
    message: Message,
    terms: list[KeyTerm],
    text: str,
    asked: set[tuple[str, str]],
    origin: Origin,
    quiz: QuizContext,
    failures: list[str],
) -> list[Draft]:
    """A message of two facts ("OSPF is a link-state protocol; RIP is distance-vector")
    whose whole text made no sound item: one fact may, asked alone. The other clause is
    left out of the stem, so its term may be offered as wrong where the clause shows it
    is ("RIP" for "_____ is a link-state protocol"), and only the asked clause counts as
    the stem's context. The explanation still gives the whole message."""
    kept = [t.text for t in terms]
    clauses = [without_contrast(c[:1].upper() + c[1:], kept)  # each a sentence
               for c in _CLAUSES.split(text) if c]
    if len(clauses) < 2:
        return []
    for clause in clauses:
        inside = [t for t in terms if occurrences(clause, t.text)]
        if not inside:
            continue
        info = _message_info(message, clause, origin, quiz)
        tried: list[str] = []
        found = _best_draft("cloze", 0, inside, asked, info, origin, quiz, tried)
        failures.extend(f"{f} (asked alone: '{clause}')" for f in tried)
        if found is not None:
            draft = found[0]
            note = f"note: asked the clause '{clause}' alone; the whole message made no sound item"
            return [replace(draft, reasons=(*draft.reasons, note))]
    return []


def _spare_terms(bold: list[KeyTerm], text: str, quiz: QuizContext) -> list[KeyTerm]:
    """Numbers with their unit and dates the message writes besides its bold terms: the
    same fact asked from another side, on a grid checked against the course. (Glossary
    terms the author did not mark are not tried: tried on the probe courses, they made
    items about an incidental word, "HTTP address" for "IP address", "an HTTP connection
    opens with SYN", that no item writer would keep.)"""
    found = [t for t in find_in_text(text, quiz.vocab)
             if t.origin in ("number", "date")
             and not any(contains_term(b.text, t.text) or contains_term(t.text, b.text)
                         for b in bold)]  # fmt: skip
    # a zero is where a scale starts ("from 0° to 90°"), and a number one product or
    # quotient away from another the message writes is worked out from it ("60 zones, each
    # 6° wide": a full turn; "a return period of 100 years, a 1% chance"): neither is asked
    return [t for t in found if t.origin == "date" or (
        t.quantity is not None and t.quantity.low != 0
        and not given_by_another_number(t.quantity, text) and not rough_limit(text, t.text)
        and not _condition_of(t.text, text))]


def _condition_of(term: str, text: str) -> bool:
    """The number is the condition another value is stated at ("1.23 V at 25 °C", "at
    1 atm"): a reference, not the fact taught (round 89 asked 25 °C, 21-27 °C beside it)."""
    for start, _ in occurrences(text, term):
        before = text[:start]
        if re.search(r"\bat\s+$", before) and find_quantities(before):
            return True
    return False




def _unbolded_fallback(
    spare: list[KeyTerm],
    asked: set[tuple[str, str]],
    info: MessageInfo,
    origin: Origin,
    quiz: QuizContext,
    failures: list[str],
) -> list[Draft]:
    """When no bold term makes a sound item, a term the message also writes may."""
    tried: list[str] = []
    found = _best_draft("cloze", 0, spare, asked, info, origin, quiz, tried)
    failures.extend(tried)
    if found is None:
        return []
    draft, term = found
    note = (f"note: no bold term made a sound item; asked '{term.text}', which the "
            "message also writes")  # fmt: skip
    return [replace(draft, reasons=(*draft.reasons, note))]


def _message_info(message: Message, text: str, origin: Origin, quiz: QuizContext) -> MessageInfo:
    reserved = frozenset(t for m, terms in quiz.bold.items() if m != message.id for t in terms)
    anchors = tuple(t.text for t in find_in_text(text, quiz.vocab) if t.origin == "glossary")
    anchors += tuple(t.text for t in find_key_terms(message.inlines, quiz.vocab)
                     if occurrences(text, t.text))  # fmt: skip
    selection = SelectionContext(
        text, message.source, quiz.vocab, quiz.evidence, message.controls.distractors,
        (*message.controls.exclude, *_avoided(message.id, quiz.course)), quiz.keys, reserved,
        tuple(dict.fromkeys(anchors)), _other_stems(message.id, quiz),
        tuple(dict.fromkeys([*(b for b in strong_spans(message.inlines) if occurrences(text, b)),
                             *(t.text for t in find_in_text(text, quiz.vocab)
                               if t.origin == "glossary")])),
        tuple(quiz.wrong.values()),
    )  # fmt: skip
    topic = origin.teaching.slide_title if origin.teaching else ""
    others = {v for m, values in quiz.values.items() if m != message.id for v in values}
    near, classes = _context_values(text, message, quiz)
    return MessageInfo(message.id, text, quiz.vocab, quiz.course.quiz.options, selection, topic,
                       near | others, near, classes)  # fmt: skip


def _avoided(message_id: str, course: Course) -> tuple[str, ...]:
    """Distractors quiz-review.yaml lists under `avoid` for this message's items (written
    by the reviewer, or by `analyze` for options trainees did not choose)."""
    prefix = f"tt-{ncname_part(message_id)}-"
    return tuple(a for r in course.reviews if r.item_id.startswith(prefix) for a in r.avoid)


def _context_values(
    text: str, message: Message, quiz: QuizContext
) -> tuple[frozenset[Value], frozenset[Value]]:
    """Numbers the course states near the message's subject, never offered as wrong
    values; and those of the other rows of a table with a row for the message's subject,
    the course's own classes of the scale the key is on."""
    others = quiz.evidence.other_rows(text)
    classes = {quantity.stated() for claim in others for quantity, _, _ in
               find_quantities(claim.text)}  # fmt: skip
    near = {quantity.stated() for claim in quiz.evidence.related(text, message.source)
            if not any(claim is row for row in others)
            for quantity, _, _ in find_quantities(claim.text)}  # fmt: skip
    return frozenset(near), frozenset(classes)


def _best_draft(
    kind: str,
    round_: int,
    terms: list[KeyTerm],
    asked: set[tuple[str, str]],
    info: MessageInfo,
    origin: Origin,
    quiz: QuizContext,
    failures: list[str],
) -> tuple[Draft, KeyTerm] | None:
    """The best `kind` draft that passes every check, over every unused key term.

    Best: a term not asked yet, a full set of options, then a key not written in another
    item's stem (it would give this item away), then the term the message writes first."""
    draft_id = item_id(info.id, kind, round_)
    used = {term for _, term in asked}
    passing: list[tuple[tuple[int, int, int, int], Draft, KeyTerm]] = []
    for position, term in enumerate(terms):
        if (kind, term.text) in asked:
            continue  # the same question twice
        if kind == "statement" and ("cued", term.text) in asked:
            continue  # its cloze gave it away: the statements would show the same words
        # what no wrong answer can mend is said first: an author told "add terms" would
        # add them in vain
        told = _told_elsewhere(kind, term, term.option_text, draft_id, info, quiz,
                               origin.rationale)
        if told:
            failures.append(told)
            continue
        try:
            draft = TEMPLATES[kind](draft_id, term, info)
        except TemplateError as why:
            failures.append(f"{kind} on '{term.text}': {why}")
            continue
        shown = quiz.offered.get(base(draft.key)) or quiz.offered.get(base(term.text))
        if shown:
            failures.append(f"{kind} on '{term.text}': item {shown} already offers "
                            f"'{term.text}' as a wrong answer")
            continue
        broken = _broken(draft, origin, quiz)
        mended = _without_the_odd_option(kind, draft_id, term, info, origin, quiz, draft, broken)
        if mended is not None:
            draft, broken = mended, []
        if broken:
            failures.append(f"{kind} on '{term.text}' dropped: " + "; ".join(map(str, broken)))
            if any(b.rule in CUE_RULES for b in broken):
                asked.add(("cued", term.text))
            continue
        told = _told_elsewhere(kind, term, draft.key, draft_id, info, quiz, origin.rationale)
        if told:
            failures.append(told)
            continue
        twin = "" if draft.numeric else _mirrored(draft, quiz)
        if twin:
            failures.append(f"{kind} on '{term.text}': item {twin} offers the same wrong "
                            "options with another key; the option not repeated would be the "
                            "key in both (name other wrong answers with distractors=)")  # fmt: skip
            continue
        short = option_count(draft) < info.options
        cue = _stem_cue(draft.key, info.id, quiz)
        rank = (int(term.text in used), int(short), int(bool(cue)), position)
        if cue:
            draft = replace(draft, reasons=(*draft.reasons, f"note: the key is written in {cue}"))
        passing.append((rank, draft, term))
    if not passing:
        return None
    _, draft, term = min(passing, key=lambda rdt: rdt[0])
    return draft, term


def _broken(draft: Draft, origin: Origin, quiz: QuizContext) -> list[RuleFailure]:
    """The item-writing rules the draft breaks, with the quiz's own title as one more
    label above a two-option item: every format shows it above every item ("…from the
    polis to the Hellenistic kingdoms" above Deme / Polis: round 35), and unlike a module
    label it cannot be hidden. With more options the title names a topic the options
    share; held-out raters passed such items."""
    broken = check_item(to_item(draft, origin, provisional_order(draft), quiz.course),
                        quiz.course.glossary)  # fmt: skip
    spelled = "" if draft.numeric else spells_out(draft.stem, draft.key, draft.distractors,
                                                  quiz.vocab.expansions)
    if spelled:
        broken.append(RuleFailure("key-word-in-stem", f"the stem spells out '{spelled}' of "
                                  f"the key's long form '{quiz.vocab.expansions[draft.key]}'"))
    if draft.numeric or draft.kind == "authored" or len(draft.distractors) != 1:
        return broken
    header = f"{quiz.course.title} {quiz.course.subtitle}"
    # the key's own word, not a word of its root: "relations" in a title is no "relative"
    said = {base(w) for w in re.findall(r"[^\W\d_]+", header.casefold())}
    words = re.findall(r"[^\W\d_]+", draft.key.casefold())
    # a qualifier the whole course uses ("international" of the International Monetary
    # Fund in a course on international political economy) names its field, not the key;
    # the key's own name, or a word rare in the course, does (round 53). A common head
    # word alone does not ("electrochemical energy" above Gibbs energy: an
    # electrochemistry writer's report)
    echo = next((w for w in words
                 if len(w) >= 4 and base(w) in said
                 and (words == [w] or contains_term(header, draft.key)
                      or stems(w) & quiz.evidence.distinctive)
                 and not any(base(w) == base(x) for d in draft.distractors
                             for x in re.findall(r"[^\W\d_]+", d.casefold()))), "")
    if echo:
        broken.append(RuleFailure("key-in-title", f"the quiz's title '{header.strip()}' "
                                  f"echoes the key's '{echo}' and no wrong option"))
    return broken


# Rules an option set breaks, not the stem: another set from the clean candidates may pass.
SET_RULES = frozenset({"key-pair", "key-longest", "key-odd-one-out", "key-most-specific",
                       "key-in-title", "key-converges", "key-odd-form"})
MENDS = 6  # option sets tried at most after the first one fails


def _without_the_odd_option(
    kind: str, draft_id: str, term: KeyTerm, info: MessageInfo, origin: Origin,
    quiz: QuizContext, draft: Draft, broken: list[RuleFailure],
) -> Draft | None:
    """A draft whose option set passes, when the first one broke only rules of the set
    ("the key shares 'month' with 'Sidereal month' only"): the same template with one
    wrong option, then two, left out, the lowest-ranked first, so the next clean candidates
    take their place or fewer options remain. None when no set passes."""
    if not broken or draft.numeric or any(b.rule not in SET_RULES for b in broken):
        return None
    picked = list(draft.swapped or draft.distractors)
    if any(b.rule == "key-pair" for b in broken):
        # the option that pairs with the key goes first ("Pneumatic actuator" beside
        # "Hydraulic actuator"), not the one that stands apart from both
        shares = {d for d in picked if stems(d) & stems(draft.key)}
        picked = [d for d in picked if d not in shares] + [d for d in picked if d in shares]
    tries = [(d,) for d in reversed(picked)] + [
        pair for pair in itertools.combinations(reversed(picked), 2)]
    for left_out in tries[:MENDS]:
        selection = replace(info.selection,
                            left_out=(*info.selection.left_out, *left_out))  # fmt: skip
        try:
            other = TEMPLATES[kind](draft_id, term, replace(info, selection=selection))
        except TemplateError:
            continue
        if not _broken(other, origin, quiz):
            return replace(other, reasons=(*other.reasons, "note: " + "; ".join(
                map(str, broken)) + f" with {', '.join(repr(d) for d in left_out)} among "
                "the options: another set taken"))
    return None


def _stem_cue(key: str, message_id: str, quiz: QuizContext) -> str:
    """Another take-home message that writes this key, if any: not in the quiz, but on
    the take-home slide a trainee may have at hand."""
    for place, message in takehome_messages(quiz.course):
        if message.id != message_id and contains_term(plain_text(message.inlines), key):
            return f"the take-home message on '{place.slide_title}'"
    return ""


CUE_RULES = frozenset({"key-word-in-stem", "key-pair"})  # what a statement would show too
MAX_PASSES = 4  # passes over the quiz until no item's stem changes what another may offer


def message_outcomes(course: Course, vocab: Vocabulary | None = None) -> list[MessageOutcome]:
    """Every message's outcome, in lecture order, with no cross-item cue: a message's
    distractors are never the key of an item made before it (or of an authored question)
    nor written in another item's stem, a draft whose key an earlier item offers as a
    wrong answer is not taken, and no item's key is written in another item's stem.

    What one item shows depends on which items the others became, so the quiz is made
    again with the stems of the last pass until they settle; whatever still breaks the
    rule after the last pass is dropped."""
    vocab = vocab or course_vocabulary(course)
    evidence = course_evidence(course)
    shown: dict[str, tuple[str, str]] = {}
    outcomes: list[MessageOutcome] = []
    for _ in range(MAX_PASSES):
        outcomes = _quiz_pass(course, vocab, evidence, shown)
        now = {d.id: (shown_text(d), face(d)) for o in outcomes for d in o.drafts}
        if now == shown:
            break
        shown = now
    return _without_stem_cues(outcomes, evidence, vocab)


def shown_text(draft: Draft) -> str:
    """What an item shows besides its options: the stem (a statement item's true
    sentence is the message itself, so it counts as shown too)."""
    return f"{draft.stem} {draft.key}" if draft.kind == "statement" else draft.stem


def face(draft: Draft) -> str:
    """Everything an item shows: its stem, then every option on a line of its own."""
    return "\n".join([draft.stem, draft.key, *draft.distractors])


def _quiz_pass(
    course: Course, vocab: Vocabulary, evidence: Evidence, shown: Mapping[str, tuple[str, str]]
) -> list[MessageOutcome]:
    base_quiz = _context(course, vocab, evidence, shown)
    keys, offered = dict(base_quiz.keys), dict(base_quiz.offered)
    wrong: dict[str, frozenset[str]] = {}
    outcomes: list[MessageOutcome] = []
    for place, message in takehome_messages(course):
        quiz = replace(base_quiz, keys=dict(keys), offered=dict(offered), wrong=dict(wrong))
        outcome = message_outcome(place, message, quiz)
        outcomes.append(outcome)
        _record(outcome, keys, offered)
        wrong.update((d.id, _wrong_set(d)) for d in outcome.drafts if not d.numeric)
    return outcomes


def _wrong_set(draft: Draft) -> frozenset[str]:
    """An item's wrong options as terms (a statement item's swapped terms)."""
    return frozenset(base(t) for t in (draft.swapped or draft.distractors))


def _mirrored(draft: Draft, quiz: QuizContext) -> str:
    """An earlier item whose wrong options hold all of this one's, or the other way round
    ("Silent, Missense" beside "Nonsense" in one item and "Frameshift" in the other): the
    one option not repeated is the key. Its id, or ""."""
    mine = _wrong_set(draft)
    for item_id, theirs in quiz.wrong.items():
        if len(mine & theirs) >= 2 and (mine <= theirs or theirs <= mine):
            return item_id
    return ""


def _record(outcome: MessageOutcome, keys: dict[str, str], offered: dict[str, str]) -> None:
    """The keys and wrong options of an outcome's drafts, for the messages after it."""
    for draft in outcome.drafts:
        keys.setdefault(base(draft.key_term), draft.id)
        keys.setdefault(base(draft.key), draft.id)
        offered.update((base(d), draft.id) for d in (*draft.distractors, *draft.swapped))


def _context(
    course: Course,
    vocab: Vocabulary,
    evidence: Evidence,
    shown: Mapping[str, tuple[str, str]],
) -> QuizContext:
    """The quiz before any message's items: the authored questions' keys, wrong options and
    faces, and the stems and faces an earlier pass `shown`."""
    authored = [authored_draft(p, q) for p, q in authored_questions(course)]
    keys = {base(d.key): d.id for d, _ in authored if d.key}
    offered = {base(o): d.id for d, _ in authored for o in d.distractors}
    # an authored question's explanation is read after the generated items (they come
    # first): what it ties to something else is no cue to them; its stem is
    stems = {**{d.id: d.stem for d, _ in authored},
             **{i: s for i, (s, _) in shown.items()}}  # fmt: skip
    # the authored questions come after the generated items: their explanations are read
    # after those are answered, and name a key without showing it (stem and options do)
    faces = {**{d.id: face(d) for d, _ in authored}, **{i: f for i, (_, f) in shown.items()}}
    answers = {d.id: d.key for d, _ in authored if d.key}
    terms = {m.id: find_key_terms(m.inlines, vocab)
             for _, m in takehome_messages(course) if m.controls.generate}  # fmt: skip
    bold = {m: frozenset(base(t.text) for t in ts) for m, ts in terms.items()}
    # every number a message writes may be another item's key (a cloze on an unbolded
    # value stands in when its term makes none): never offered as wrong elsewhere
    values = {m.id: frozenset(
        [*(t.quantity.stated() for t in terms[m.id] if t.quantity),
         *(q.stated() for q, _, _ in find_quantities(plain_text(m.inlines)))])
        for _, m in takehome_messages(course) if m.id in terms}  # fmt: skip
    return QuizContext(course, vocab, evidence, keys, stems, offered, bold, values, faces,
                       frozenset(d.id for d, _ in authored), answers=answers)  # fmt: skip


def _told_elsewhere(
    kind: str, term: KeyTerm, key: str, draft_id: str, info: MessageInfo, quiz: QuizContext,
    explained: str = "",
) -> str:
    """Why another item gives this one away whatever its options, or "": its stem or
    options show the key (an authored question's explanation is read after, and counts
    not), or an authored question asks the message's fact."""
    writer = next((i for i, seen in _others(draft_id, quiz.faces)
                   if _writes_key(_shown_by(i, seen, quiz), key, term.text, quiz.vocab,
                                  i in quiz.authored)
                   or (i in quiz.authored and names_key_part(seen, key,
                                                              quiz.evidence.distinctive))
                   or (i in quiz.authored and _surname_in(seen.split("\n")[0], key, quiz))),
                  "")  # fmt: skip
    if writer:
        mend = (" (more wrong answers will not help: change that question, or add "
                "{.noquiz} after this message)") if writer in quiz.authored else ""
        return (f"{kind} on '{term.text}': item {writer} shows it in its stem or options, which "
                f"would give this item away{mend}")
    teller = asked_by(term.text, info, quiz)
    if teller:
        return (f"{kind} on '{term.text}': {ASKED} {teller}, which states or asks this fact "
                "(more wrong answers will not help: it already asks this; change it, or add "
                "{.noquiz} after this message)")
    # the explanation, read before the authored questions, shows the whole message
    answered = answers_question(explained or info.text, quiz)
    if answered:
        return (f"{kind} on '{term.text}': the message gives the answer of authored question "
                f"{answered}, which comes later in the quiz (change that question or this "
                "message, or add {.noquiz} after this message)")
    return ""


ASKED = "asked by authored question"


def asked_by(term: str, info: MessageInfo, quiz: QuizContext) -> str:
    """The authored question that asks the message's fact: its stem and options state it,
    or the message gives its answer ("the forces … are equal in size" for "The two forces
    are equal in size"): an item on it would repeat that question and answer it."""
    told = [term, *(b for b in info.selection.bold if b != term)]
    for i, seen in _others(f"tt-{ncname_part(info.id)}", quiz.faces):
        if i not in quiz.authored:
            continue
        # its stem and key: a wrong option that speaks of the fact ("concrete vaults" in a
        # question on Gothic windows) is no question on it
        asked = "\n".join(seen.split("\n")[:2])
        # and it speaks of the term asked, not only of the message's other terms ("simply
        # supported beam" in a question on deflection is no question on "wL²/8")
        named = bool(term) and (contains_term(asked, term) or bool(
            {w for w in stems(term) if len(w) >= 4} & stems(asked)))
        answer = quiz.answers.get(i, "")
        # the message gives its answer and the question names the term ("Which of these is
        # multi-factor authentication?"); an answer of another fact ("iambic pentameter" in
        # the message on blank verse) is no question on this one
        if (named and states_fact(asked, info.text, told, quiz.evidence.distinctive)) or (
                gives_answer(info.text, answer) and bool(term) and contains_term(asked, term)):
            return i
    return ""


def answers_question(shown: str, quiz: QuizContext) -> str:
    """The authored question whose answer the message gives of something else than the
    term asked ("iambic pentameter" in the message on blank verse answers the question that
    scans Gray's line): the item, read first, would answer that question, though it asks
    another fact, so the message is not covered by it. `shown` is what the item shows, its
    explanation included: "Leibniz published first, in 1684" answers "Who first published
    the calculus?" even where the stem leaves that clause out (round 37)."""
    for i in sorted(quiz.authored):
        answer = quiz.answers.get(i, "")
        if gives_answer(_without_longer_terms(shown, answer, quiz), answer):
            return i
    return ""


def _without_longer_terms(shown: str, answer: str, quiz: QuizContext) -> str:
    """The text without the glossary's longer terms that hold the answer: "Patch testing
    identifies the allergen" does not answer a question whose answer is the lesion
    "Patch" (a dermatology writer's report)."""
    for _, terms in quiz.vocab.glossary.categories:
        for term in terms:
            if normalise(term) != normalise(answer) and len(term) > len(answer) and (
                    contains_term(term, answer)):
                for start, end in reversed(occurrences(shown, term)):
                    shown = shown[:start] + " " + shown[end:]
    return shown


def _writes_key(
    seen: str, key: str, key_term: str, vocab: Vocabulary, sentences: bool = False
) -> bool:
    """Another item shows the key: its stem writes it (as the option or the message gives
    it), an option is it, or either writes its short form or a member of its family
    ("TLR4" for "Toll-like receptors"). An option that merely holds it ("26 August 1789"
    for "August 1789") is another answer, not this one; but an authored question's option
    that says something of it (`sentences`: "Water enters by osmosis; the cell swells")
    shows it."""
    stem, *options = seen.split("\n")
    forms = [o for o in (key, key_term) if o]
    said = [o for o in options if sentences and len(o.split()) > SAYING_WORDS]
    value = parse_quantity(key)
    if value is not None and value.unit and any(
            q.canonical_unit == value.canonical_unit and value.low in (q.low, q.high)
            for q, _, _ in find_quantities(stem)):
        return True  # "from about 252 to 66 million years ago" gives "252 million years"
    return any(contains_term(stem, f) or written_as_short_form(seen, f, vocab.short_forms)
               or any(base(o) == base(f) for o in options)
               or (not parse_quantity(f) and any(contains_term(o, g) for o in said
                                                  for g in (f, pluralise(f))))
               for f in forms) or any(
        contains_term(stem, f) for f in _inflected(key_term)) or any(
        _named_adjective(text, key) for text in (stem, *said))  # fmt: skip


def _named_adjective(text: str, name: str) -> bool:
    """The text writes an adjective made from a one-word name: "the Polykleitan canon" in an
    authored option above Polykleitos (round 70), "Darwinian", "Euclidean"."""
    if " " in name.strip() or len(name) < 5 or not name[:1].isupper():
        return False
    root = re.sub(r"(?:os|us|es|is|as|[aeo])$", "", name)
    return re.search(rf"\b{re.escape(root)}(?:ian|ean|an|ist|ic)\b", text) is not None


def _surname_in(stem: str, key: str, quiz: QuizContext) -> bool:
    """A person's name as the key ("Charles Leclerc") whose surname alone an authored
    question's stem writes ("the war against Leclerc": round 83), where no other term of
    the glossary carries that surname."""
    words = key.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    surname = words[-1]
    if len(surname) < 4 or not surname.isalpha() or surname.casefold() in (
            "war", "treaty", "act", "law", "party", "plan", "army", "league"):
        return False
    others = [t for t in quiz.course.glossary.every_term()
              if normalise(t) != normalise(key) and surname.casefold() in t.casefold().split()]
    return not others and re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", stem) is not None


def _shown_by(item_id: str, seen: str, quiz: QuizContext) -> str:
    """What another item's face tells a trainee about a term: an authored question's stem,
    its key, and its options that say something (sentences). A bare name among its wrong
    answers says only that the name is no answer there ("Ramesses II" offered in a question
    on the Hyksos): it no longer keeps the message on Ramesses II from its own item, which
    writers of every probe round reported as the commonest reason a message had none."""
    if item_id not in quiz.authored:
        return seen
    stem, *options = seen.split("\n")
    answer = base(quiz.answers.get(item_id, ""))
    kept = [o for o in options if base(o) == answer or len(o.split()) > SAYING_WORDS]
    return "\n".join([stem, *kept])



def _inflected(term: str) -> list[str]:
    """A one-word key as a verb or a plural ("testcrossed", "testcrosses" for "testcross"),
    a longer one in the plural ("two standard deviations" for "standard deviation": round
    45): a stem that writes it so names the key as surely as the noun."""
    if " " in term.strip():
        plural = pluralise(term.strip())
        return [plural] if plural != term.strip() else []
    if not term.isalpha() or len(term) < 5:
        return []
    lower = term.casefold()
    stem = lower[:-1] if lower.endswith("e") else lower
    forms = [f"{lower}s", f"{lower}es", f"{stem}ed", f"{stem}ing"]
    # the verb of a noun in -ition/-ation ("presupposes" for "presupposition", named in
    # two stems before that item: round 90)
    verb = re.sub(r"(?:ition|ation)$", "", lower)
    if verb != lower and len(verb) >= 6:
        forms += [f"{verb}e", f"{verb}es", f"{verb}ed", f"{verb}ing"]
    return forms


def _without_stem_cues(
    outcomes: list[MessageOutcome], evidence: Evidence, vocab: Vocabulary
) -> list[MessageOutcome]:
    """The outcomes with any draft dropped whose key another item's stem writes, or a
    wrong option that stem ties to something else (left only when the passes did not
    settle), the reason kept."""
    shown = {d.id: shown_text(d) for o in outcomes for d in o.drafts}
    faces = {d.id: face(d) for o in outcomes for d in o.drafts}
    kept: list[MessageOutcome] = []
    for outcome in outcomes:
        text = plain_text(outcome.message.inlines)
        drafts, failures = [], list(outcome.failures)
        for draft in outcome.drafts:
            others = [(i, s) for i, s in shown.items() if _own(i) != _own(draft.id)]
            hit = next(((draft.key, i) for i, f in _others(draft.id, faces)
                        if _writes_key(f, draft.key, draft.key_term, vocab)), None)  # fmt: skip
            if hit is None and draft.kind != "statement":
                hit = next(((d, i) for d in draft.distractors
                            for i in [in_other_stem(d, tying_stems(d, text, others, evidence))]
                            if i), None)  # fmt: skip
            if hit is None:
                drafts.append(draft)
            else:
                failures.append(f"{draft.kind} on '{draft.key_term}' dropped: the stem of "
                                f"item {hit[1]} writes '{hit[0]}'")  # fmt: skip
        kept.append(replace(outcome, drafts=tuple(drafts), failures=tuple(failures)))
    return kept


def _own(item_id: str) -> str:
    """The message part of a generated item id (its template and round cut off)."""
    return _TEMPLATE_SUFFIX.sub("", item_id)


_TEMPLATE_SUFFIX = re.compile(rf"-(?:{'|'.join([*TEMPLATES, 'comparison'])})(?:-\d+)?$")


def _others(item_id: str, texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """(item id, text) of the items made from other messages than `item_id`'s."""
    return [(i, t) for i, t in texts.items() if _own(i) != _own(item_id)]


def _other_stems(message_id: str, quiz: QuizContext) -> tuple[tuple[str, str], ...]:
    """(item id, shown text) of the quiz's items made from other messages."""
    return tuple(_others(f"tt-{ncname_part(message_id)}", quiz.stems))
