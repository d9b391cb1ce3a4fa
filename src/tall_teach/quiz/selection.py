"""Distractor selection as a deterministic optimisation, not seed luck.

Every candidate of the key's kind is either rejected with its reason (the key itself,
nested in or around the key, written in the message, echoing it, excluded by the
author, the key of another item, or stated by the course in the stem's context) or
scored: finest shared kind, used in the course, form and length like the key. The best
set is taken in score order, passing over terms nested in one already taken. The quiz
seed never enters here: it only orders the options afterwards.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from tall_teach.model import SourceRef
from tall_teach.quiz.cues import date_clash, far_in_time, in_other_stem, tying_stems
from tall_teach.quiz.dates import date_form, find_dates, parse_date, shifted
from tall_teach.quiz.distractors import category_pool, echoes_the_message, generic_words
from tall_teach.quiz.evidence import Evidence
from tall_teach.quiz.grammar import reads_in_stem
from tall_teach.quiz.terms import (
    KeyTerm,
    Vocabulary,
    pluralise,
    singular_form,
    singulars,
    sub_kind_names,
)
from tall_teach.quiz.text import (
    base,
    contains_term,
    content_words,
    normalise,
)

MINIMUM = 2  # distractors a single-best-answer item needs
MIN_DAYS_APART = 45  # two dates closer than this are not different answers
MAX_DAYS_APART = 366  # a wrong date further from the key is ruled out by the era alone


@dataclass(frozen=True, slots=True)
class SelectionContext:
    """What selection needs beyond the key: the message, the course as evidence, the
    author's controls and the keys of the quiz's other items (never offered here)."""

    message: str
    source: SourceRef | None
    vocab: Vocabulary
    evidence: Evidence
    author_distractors: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    other_keys: Mapping[str, str] = field(default_factory=dict)  # base(key) -> item id
    # key terms of other messages not yet asked: used only to reach the two distractors
    # a sound item needs, since offering one may cost that message its item
    reserved: frozenset[str] = frozenset()
    anchors: tuple[str, ...] = ()  # the message's other key terms, as it writes them
    # what the quiz's other items show (item id, stem text): an option written there is
    # tied to something else for every trainee who reads that item
    other_stems: tuple[tuple[str, str], ...] = ()
    bold: tuple[str, ...] = ()  # the message's bold terms, as it writes them
    # the wrong options (normalised) of each item made before this one: two items whose
    # wrong options are all the other's show their keys as the options not repeated
    earlier: tuple[frozenset[str], ...] = ()
    # wrong options a set rule broke with (the key odd one out beside them): left out so
    # the next clean candidates take their place
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Selection:
    chosen: tuple[str, ...]
    reasons: tuple[str, ...]
    supports: Mapping[str, str] = field(default_factory=dict)  # option -> where it is taught


def shape(text: str) -> tuple[bool, int, bool]:
    """What a reader sees at a glance: an acronym-like code, how many words, digits."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    return upper > 0.5, len(text.split()), any(c.isdigit() for c in text)


def _score(candidate: str, key: str, origin: str, vocab: Vocabulary) -> tuple[float, ...]:
    """Lower is better: the author's own, then kind, use in the course, form, length."""
    origin_rank = {"author": 0, "kind": 1, "course": 1, "nomenclature": 2, "moved": 3}.get(
        origin, 2
    )
    in_course = 0 if vocab.used_in_course(candidate) else 1
    days = _days_apart(candidate, key)
    if days is not None:  # dates: the nearer in time, the more plausible
        # a key on the first of a month among other days stands out as the round one ("1
        # January 1801" when an Act took effect: round 70): the firsts of other months first
        first = _first_of_month(key) and not _first_of_month(candidate)
        return first, origin_rank, in_course, round(math.log1p(days), 3)
    a, b = shape(candidate), shape(key)
    form = (a[0] != b[0]) + (min(abs(a[1] - b[1]), 2) / 2) + (a[2] != b[2]) * 0.5
    length = abs(len(candidate) - len(key)) / max(len(candidate), len(key), 1)
    return origin_rank, in_course, round(form + length, 3)


def _first_of_month(date: str) -> bool:
    when = parse_date(date)
    return when is not None and when[2] == 1


def _days_apart(a: str, b: str) -> int | None:
    """Roughly how many days lie between two dates, None unless both are dates."""
    da, db = parse_date(a), parse_date(b)
    if da is None or db is None:
        return None
    return abs((da[0] - db[0]) * 365 + (da[1] - db[1]) * 30 + (da[2] - db[2]))


def pool_for(term: KeyTerm, vocab: Vocabulary) -> list[tuple[str, str]]:
    """(candidate, origin) of the key's finest kind: glossary kind and its sub-kinds, the
    course's own lists (a table column, a chart's categories), CD and gene names."""
    if term.category.startswith("course:"):
        siblings = vocab.siblings(term.text)
        return [(s, "course") for s in siblings]
    if term.category == "date":
        form = date_form(term.text)
        given = [(d, "course") for d in vocab.dates if date_form(d) == form]
        return given + [(d, "moved") for d in shifted(term.text)]
    # a key among a kind's own terms takes wrong answers there, not from its sub-kinds:
    # those are finer kinds, and options of both read as mixed (an educator's report:
    # "Performative" beside "Representative", an illocutionary class)
    own = [t for name, terms in vocab.glossary.categories if name == term.category
           for t in terms]
    pool = [(t, "kind") for t in (own if len(own) > 1 else
                                  vocab.glossary.terms_under(term.category))]
    known = {normalise(t) for t, _ in pool}
    # CD and gene names the glossary does not list: only those the course itself uses
    # (a marker it never discusses may be one a specialist finds arguably true), and
    # for a key the glossary does not list either, only its own family (TLR3 for TLR4).
    family = "" if normalise(term.option_text) in known else _family(term.option_text)
    pool += [(t, "nomenclature") for t in category_pool(term, vocab)
             if normalise(t) not in known and vocab.used_in_course(t)
             and (not family or _family(t) == family)]  # fmt: skip
    return pool


def _family(symbol: str) -> str:
    """The letters a gene or CD symbol starts with: "TLR" of "TLR4", "CD" of "CD8"."""
    letters = ""
    for char in symbol:
        if not char.isalpha():
            break
        letters += char
    return letters.upper()


def select_distractors(term: KeyTerm, ctx: SelectionContext, count: int) -> Selection:
    """Up to `count` clean distractors for `term`, best first, with every reason."""
    key = term.option_text
    reasons = [f"key '{key}' ({_kind_label(term)})"]
    reasons_claimed: list[str] = []
    pool = [(d, "author") for d in ctx.author_distractors] + pool_for(term, ctx.vocab)
    claimed = _kind_claimed(term, ctx.message)
    if claimed:
        # the message says the key is of its sub-kind ("NAND is a universal gate: …"):
        # every term of that sub-kind is one too (round 80), so the wrong answers come
        # from the parent kind's other sub-kinds, which by the glossary are not
        siblings = {normalise(t) for t in ctx.vocab.glossary.terms_under(term.category)}
        reasons_claimed = [f"rejected '{t}': of the kind '{claimed}' the stem says the key is "
                           "(a second right answer)" for t, _ in pool
                           if normalise(t) in siblings and normalise(t) != normalise(key)]
        parent = term.category.rsplit("/", 1)[0]
        pool = [(t, o) for t, o in pool if normalise(t) not in siblings] + [
            (t, "kind") for t in ctx.vocab.glossary.terms_under(parent)
            if normalise(t) not in siblings]
    group = _kind_group(term, ctx.vocab)
    if group:  # the terms the course's table lists with the key are of its finest kind
        pool += [(t, "course") for t in group[1]]
    reasons += reasons_claimed
    generic = generic_words([t for t, _ in pool])
    excluded = {base(t) for t in ctx.excluded}
    left_out = {base(t) for t in ctx.left_out}
    seen: set[str] = set()
    scored: list[tuple[tuple[float, ...], str, str]] = []
    for candidate, origin in pool:
        norm = normalise(candidate)
        if not norm or norm in seen:
            continue
        seen.add(norm)
        why = _rejection(candidate, origin, key, ctx, generic, excluded, _kind_words(term),
                         term.plural, term.singular)
        if not why and group and origin != "author":
            why = _outside_group(candidate, group)
        if not why and base(candidate) in left_out:
            why = "left out of this set: with it the options broke a rule of the set (see note)"
        if why:
            if norm != normalise(key):
                reasons.append(f"rejected '{candidate}': {why}")
            continue
        scored.append((_score(candidate, key, origin, ctx.vocab), norm, candidate))
    ranked = [c for _, _, c in sorted(scored)]
    vouched = {base(d) for d in ctx.author_distractors}
    if vouched and not any(base(c) in vouched for c in ranked):
        # the author named the wrong answers and none can stand: the glossary's kind is
        # not put in their place ("zero" average power got the z-plane's Pole: the kind of
        # a word the author meant otherwise, an educator pass)
        reasons.append("note: none of the author's wrong answers can stand, and the "
                       "glossary's terms are not used in their place")
        return Selection((), tuple(reasons), {})
    # other messages' key terms only to reach the two wrong answers a sound item needs:
    # offering one may cost that message its item
    free = [c for c in ranked if base(c) not in ctx.reserved]
    offered = Counter(t for wrong in ctx.earlier for t in wrong)
    free.sort(key=lambda c: offered[base(c)])  # the least offered first, in rank otherwise
    chosen = _apart(free, count, key, ctx.evidence)
    while clash := _mirror_of(chosen, ctx.earlier):
        # one option that makes it a mirror gives way to the next candidate
        drop = next(c for c in reversed(chosen) if base(c) in clash)
        free = [c for c in free if c != drop]
        chosen = _apart(free, count, key, ctx.evidence)
    if len(chosen) < MINIMUM:
        chosen = _apart([*chosen, *(c for c in ranked if c not in free)], MINIMUM, key,
                        ctx.evidence)
    for candidate in ranked:
        verdict = "kept" if candidate in chosen else "not needed"
        if candidate not in chosen and base(candidate) in ctx.reserved:
            verdict = "kept back (the key term of another message)"
        if candidate not in chosen and any(_nested(candidate, c) for c in chosen):
            verdict = "passed over (nested in a chosen option)"
        if candidate not in chosen and any(_twins(candidate, c, key) for c in chosen):
            verdict = "passed over (a twin of a chosen option: one would cancel the other)"
        if candidate not in chosen and any(ctx.evidence.defined_by(candidate, c)
                                           or ctx.evidence.same_as(candidate, c)
                                           for c in [key, *chosen]):
            verdict = ("passed over (the course defines it by the key or a chosen option, "
                       "or names it as another name of one: no alternative)")
        reasons.append(f"{verdict} '{candidate}'")
    supports = {c: _taught(c, ctx) for c in chosen}
    return Selection(tuple(chosen), tuple(reasons), {c: s for c, s in supports.items() if s})


def _kind_claimed(term: KeyTerm, message: str) -> str:
    """The key's sub-kind when the message's claim is that the key is of it ("NAND is a
    universal gate: any Boolean function …"), with nothing after it that narrows the
    claim ("… that causes …"), else ""."""
    if "/" not in term.category:
        return ""
    sub = term.category.rsplit("/", 1)[1]
    forms = "|".join(re.escape(f) for f in sub_kind_names(term.category))
    # a place or time the key is named in may come between ("A silent chest in an acute
    # attack is a life-threatening sign")
    setting = r"(?:\s+(?:in|during|at|on|after|before)\s+(?:[\w-]+\s+){0,3}[\w-]+)?"
    spans = [m for m in re.finditer(
        rf"(?<![\w-]){re.escape(term.text)}{setting}\s+(?:is|are)\s+(?:a\s+|an\s+)?"
        rf"(?:{forms})(?:\s*[:;,.]|\s*$)", message, re.IGNORECASE)]
    return sub if spans else ""


def _kind_group(term: KeyTerm, vocab: Vocabulary) -> tuple[str, tuple[str, ...]] | None:
    """The course's table row that lists the key with other terms of its kind, when that
    row names a kind (a short label) and lists no term of another kind: "4 | Transport |
    TCP, UDP", not "Cost is the main barrier | sulfonylurea, pioglitazone"."""
    if term.category in ("date", "author") or term.category.startswith("course:"):
        return None
    group = vocab.group_of(term.option_text)
    if group is None or len(group[0].split()) > 4:
        return None
    kinds = [vocab.lookup(t) for t in group[1]]
    known = [k[0] for k in kinds if k is not None]
    if len(known) < 2 or any(k != term.category for k in known):
        return None
    return group


def _outside_group(candidate: str, group: tuple[str, tuple[str, ...]]) -> str:
    """A candidate the course's table does not list with the key, when it lists the key
    with others of its kind: of another finer kind (IP, listed as a network protocol, or
    ARP, listed nowhere, against TCP, listed with UDP as a transport one)."""
    if any(normalise(t) == normalise(candidate) for t in group[1]):
        return ""
    return f"of another kind: the course's table lists the key under '{group[0]}', not it"


def _kind_words(term: KeyTerm) -> str:
    """The words naming the key's kind ("routing protocol", a table column's header)."""
    category = term.category.removeprefix("course:")
    return category.replace("/", " ") if category not in ("date", "author") else ""


def _kind_label(term: KeyTerm) -> str:
    if term.category.startswith("course:"):
        return f"kind from the course: {term.category[7:]}"
    return f"kind '{term.category}'"


# Endings that make another word of one root ("eusocial", "eusociality"; "dualist",
# "dualism"): two such options are one term, one of them reads wrongly in the stem.
_FORM_ENDINGS = ("ity", "ities", "ism", "isms", "ist", "ists", "al", "ic", "ical", "ly",
                 "ness", "ation", "ative", "ive", "ed", "ing")


def _another_form(candidate: str, key: str) -> bool:
    """The candidate is the key with a derivational ending added or swapped (both in
    normal form): "eusociality" for "eusocial" (round 38)."""
    if len(candidate) < 5 or len(key) < 5 or candidate == key:
        return False
    short, long = sorted((candidate, key), key=len)
    if long.startswith(short) and long[len(short):] in _FORM_ENDINGS:
        return True
    for ending in _FORM_ENDINGS:
        for other in _FORM_ENDINGS:
            if (short.endswith(ending) and long.endswith(other) and ending != other
                    and short[: -len(ending)] == long[: -len(other)]
                    and len(short) - len(ending) >= 4):
                return True
    return False


def lone_filler(candidate: str, ctx: SelectionContext) -> str:
    """Why one wrong answer cannot stand alone beside the key, or "": a two-option item
    lives on its one alternative, which the course must teach (a glossary-only "Inverted
    spectrum" is no rival to the zombie argument) and no other item may offer too (the
    same lone "Status quo bias" in two items reads as filler: round 35)."""
    vouched = any(base(candidate) == base(d) for d in ctx.author_distractors)
    words = candidate.split()
    # a person the course names by surname ("Gutenberg's Bible" for Johannes Gutenberg)
    surname = len(words) > 1 and all(w[:1].isupper() for w in words) and bool(
        ctx.evidence.mentions(words[-1]))
    if not vouched and not surname and not ctx.evidence.mentions(candidate):
        return "the only wrong answer, and the course never teaches it (glossary only)"
    if any(base(candidate) in wrong for wrong in ctx.earlier):
        return "the only wrong answer, and another item offers it too (it would read as filler)"
    return ""


def _rejection(
    candidate: str,
    origin: str,
    key: str,
    ctx: SelectionContext,
    generic: frozenset[str],
    excluded: set[str],
    kind: str = "",
    plural: bool = False,
    singular: bool = False,
) -> str:
    """Why a candidate may not be offered as wrong, or "" when it may. With `plural`, the
    options follow a key written in the plural: the candidate reads in the stem as such."""
    norm = normalise(candidate)
    if norm == normalise(key) or norm in {normalise(s) for s in singulars(key)} or (
            norm == normalise(pluralise(key))):
        return "it is the key"
    if contains_term(candidate, key) or contains_term(key, candidate):
        return "nested in the key or around it"
    if _words_within(candidate, key) and len(candidate) < len(key):
        # the key reads as this option and more: the complete one (round 85); the other way
        # ("Res nec mancipi" beside "Res mancipi") the key is the plainer, no cue
        return "its words are all the key's, which says more (the key reads as the complete one)"
    if _another_form(norm, normalise(key)):
        return "the key in another form (\"Eusociality\" beside \"Eusocial\")"
    if contains_term(ctx.message, candidate):
        return "written in the message itself"
    other_form = _other_form_in(candidate, ctx)
    if other_form:
        return f"written in the message itself, as '{other_form}'"
    longer = _extended_in(candidate, ctx.message, key)
    if longer:
        return f"the message writes '{longer}', which this option only shortens (a clang)"
    if base(candidate) in excluded:
        return "excluded by the author (exclude=) or by the review (avoid:)"
    shown = (pluralise(candidate) if plural
             else singular_form(candidate) if singular else candidate)
    misfit = reads_in_stem(shown, key, ctx.message, ctx.evidence, origin == "author")
    if misfit:
        return misfit
    if base(candidate) in ctx.other_keys:
        return f"the key of item {ctx.other_keys[base(candidate)]} (it would cue that item)"
    longer = [t for t in ctx.vocab.glossary.every_term()
              if contains_term(t, candidate) and normalise(t) != norm]  # fmt: skip
    shown = in_other_stem(candidate, tying_stems(candidate, ctx.message, ctx.other_stems,
                                                 ctx.evidence), longer)
    if shown:
        return f"written in the stem of item {shown}, which ties it to something else"
    if origin == "author":
        return ""  # the author vouches for it
    slip = _slip(candidate, key)
    if slip:
        return slip
    if origin == "moved" and not _within_course(candidate, ctx.vocab):
        return "outside the period the course's dates (or its title) cover"
    if origin == "moved" and _on_a_known_day(candidate, key, ctx.vocab):
        return "made up on the day and month of a date the course gives"
    across = _across(candidate, key, ctx)
    if across:
        return across
    if ctx.evidence.same_as(candidate, key):
        return "the course gives it as another name of the key (a second right answer)"
    kind_of = ctx.evidence.kind_of(candidate, key)
    if kind_of:
        return f"the course says one is a kind of the other (\"{kind_of}\"): the options overlap"
    if parse_date(key) is None:
        clash = date_clash(candidate, ctx.message) or far_in_time(
            candidate, ctx.message, ctx.evidence
        )
        if clash:
            return f"the stem rules it out: {clash}"
    if echoes_the_message(candidate, key, ctx.message, generic):
        return "repeats a distinctive word of the message"
    # a term the kind's name holds is the kind, not another term of the message ("Of the
    # carboxylic acid derivatives, …": no row of carboxylic acids relates esters to it)
    anchors = tuple(a for a in ctx.anchors if not _nested(a, key)
                    and not (kind and contains_term(kind, a)))  # fmt: skip
    paired = tuple(b for b in ctx.bold if not _nested(b, key))
    support = ctx.evidence.support(candidate, ctx.message, key, ctx.source, anchors, kind,
                                   paired)  # fmt: skip
    head = _head(candidate, key, generic)
    if support is None and head:
        support = ctx.evidence.support(head, ctx.message, key, ctx.source, anchors, kind, paired)
    return f"arguably true: {support}" if support else ""


def _other_form_in(candidate: str, ctx: SelectionContext) -> str:
    """The candidate's short form, or its long form, as the message writes it: "a pMDI
    with a _____" rules out "Pressurised metered-dose inhaler" as surely as its own name
    would (round 86)."""
    forms = [ctx.vocab.short_forms.get(normalise(candidate), "")]
    forms += [long for short, long in ctx.vocab.expansions.items()
              if normalise(short) == normalise(candidate)]
    return next((f for f in forms if f and contains_term(ctx.message, f)), "")


def _extended_in(candidate: str, message: str, key: str) -> str:
    """A word of the message, not the key's, that the one-word candidate starts and that is
    at most two letters longer ("HTTPS" for "HTTP"): the stem names it as something else."""
    if " " in candidate.strip() or len(candidate) < 2:
        return ""
    short = candidate.casefold()
    return next((w for w in re.findall(r"[\w-]+", message)
                 if w.casefold().startswith(short) and 0 < len(w) - len(short) <= 2
                 and not contains_term(key, w)), "")


def _head(candidate: str, key: str, generic: frozenset[str]) -> str:
    """The head noun of a phrase when it names the candidate's own family ("insulin" of
    "basal insulin"): what the course says of insulin it says of basal insulin. "" for
    one word, or a head the kind's other terms share ("inhibitor")."""
    words = candidate.split()
    head = words[-1].casefold() if len(words) > 1 else ""
    if len(head) < 4 or head in generic or head in content_words(key) or not head.isalpha():
        return ""
    return words[-1]


def _across(candidate: str, key: str, ctx: SelectionContext) -> str:
    """A wrong date on the other side than the key of a date the quiz shows: in this
    message ("the monarchy fell on 10 August 1792 and the king was executed on _____") or
    in another item's stem ("the deputies … (20 June 1789)" dates the Estates-General's
    opening before it). Time order rules it out without knowing the answer."""
    value, wanted = parse_date(candidate), parse_date(key)
    if value is None or wanted is None:
        return ""
    shown = [(ctx.message, "")] + [(stem, item) for item, stem in ctx.other_stems]
    for text, item in shown:
        for written, _ in find_dates(text):
            mark = parse_date(written)
            if mark is None or mark in (wanted, value) or written == key:
                continue
            if (value < mark) != (wanted < mark):
                where = f"item {item}'s stem" if item else "the message"
                return f"on the other side of {written} ({where}) than the key"
    return ""


def _within_course(date: str, vocab: Vocabulary) -> bool:
    """A date within the years the course's title names and between the first and the
    last date the course writes (a made-up "January 1800" in "1789-1799" is ruled out by
    the title every quiz shows)."""
    known = [d for d in (parse_date(t) for t in vocab.dates) if d is not None]
    value = parse_date(date)
    if value is None:
        return True
    if vocab.period and not vocab.period[0] <= value[0] <= vocab.period[1]:
        return False
    if len(set(known)) < 2:  # one date spans no period
        return True
    return min(known) <= value <= max(known)


def _on_a_known_day(date: str, key: str, vocab: Vocabulary) -> bool:
    """A made-up date on the day and month of another date the course gives ("21 January
    1789" beside the king's "21 January 1793"): it reads as that date misremembered."""
    value = parse_date(date)
    if value is None or not value[2]:
        return False
    return any(d is not None and d[1:] == value[1:]
               for d in (parse_date(t) for t in vocab.dates if t != key))  # fmt: skip


def _slip(candidate: str, key: str) -> str:
    """A date that reads as a slip for the key rather than another answer: within
    MIN_DAYS_APART of it, or the key's day and month in another year."""
    a, b = parse_date(candidate), parse_date(key)
    if a is None or b is None:
        return ""
    days = _days_apart(candidate, key)
    if days is not None and days < MIN_DAYS_APART:
        return f"{days} days from the key: a slip, not another answer"
    if days is not None and days > MAX_DAYS_APART:
        return "over a year from the key: the era alone rules it out"
    if a[1:] == b[1:]:
        return "the key's day and month in another year: a slip, not another answer"
    return ""


def _nested(a: str, b: str) -> bool:
    """Nested terms, or dates so close that one reads as a slip for the other."""
    days = _days_apart(a, b)
    if days is not None:
        return days < MIN_DAYS_APART
    return contains_term(a, b) or contains_term(b, a) or _words_within(a, b)


def _words_within(a: str, b: str) -> bool:
    """Every word of one name is a word of the other, apart ("Buck converter" in
    "Buck-boost converter"): the longer one reads as the shorter and more, the convergence a
    test-wise trainee picks (round 85). Two words at least: one word is `contains_term`'s."""
    words_a, words_b = (frozenset(re.split(r"[\s\-–/]+", t.casefold())) - {""} for t in (a, b))
    small, large = sorted((words_a, words_b), key=len)
    return len(small) >= 2 and small < large


def _mirror_of(chosen: list[str], earlier: tuple[frozenset[str], ...]) -> frozenset[str]:
    """An earlier item's wrong options that hold all of these, or that these hold."""
    mine = frozenset(base(c) for c in chosen)
    return next((wrong for wrong in earlier
                 if len(mine & wrong) >= 2 and (mine <= wrong or wrong <= mine)),
                frozenset())  # fmt: skip


def _apart(
    ranked: list[str], count: int, key: str = "", evidence: Evidence | None = None
) -> list[str]:
    """The first `count` candidates, passing over one nested in a term already taken
    ("CAGE" beside "Dara-Ven-CAGE": test-wise examinees strike both), its twin, or one the
    course defines by the key or a term taken ("Devolution: a unitary state transfers
    powers…" beside "Unitary state": a process within one option, not a third kind) or
    gives as another name of one ("Majoritarian democracy (the Westminster model)")."""
    chosen: list[str] = []
    for text in ranked:
        if len(chosen) < count and not any(
            _nested(text, c) or _twins(text, c, key) for c in chosen
        ) and not (evidence and any(evidence.defined_by(text, c) or evidence.same_as(text, c)
                                    for c in [key, *chosen])):
            chosen.append(text)
    return chosen


TWIN_SUFFIX = 5  # letters two one-word names must end with to read as one family
TWIN_PREFIX = 6  # ... or start with ("inter" of interferon and interleukin is no family)


def _twins(a: str, b: str, key: str) -> bool:
    """Two one-word names of one family the key is not in ("dapagliflozin" and
    "canagliflozin" beside "pioglitazone"): when the stem asks a family's property, the
    twins fall together and leave a 50/50; when the key is of the family, all may be."""
    if len(a.split()) != 1 or len(b.split()) != 1:
        return False
    a, b, key = a.casefold(), b.casefold(), key.casefold()
    suffix = _common(a[::-1], b[::-1])[::-1]
    prefix = _common(a, b)
    if len(suffix) >= TWIN_SUFFIX and not key.endswith(suffix[-TWIN_SUFFIX:]):
        return True
    return len(prefix) >= TWIN_PREFIX and not key.startswith(prefix[:TWIN_PREFIX])


def _common(a: str, b: str) -> str:
    """The longest common start of two strings."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _taught(candidate: str, ctx: SelectionContext) -> str:
    """Where the course speaks of a distractor (in another context): a slide title."""
    for claim in ctx.evidence.mentions(candidate, ctx.source):
        if claim.kind not in ("message", "question"):
            return claim.slide_title
    return ""
