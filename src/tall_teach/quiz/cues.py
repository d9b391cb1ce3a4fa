"""What in a stem, or in another item, gives an option away: checks a candidate must pass
besides being wrong.

A test-wise trainee strikes an option without knowing the fact when the stem's own
words rule it out: a name that carries another month than the date in the stem ("the
October Days" for an event "in June 1791"), a person the course places years away from
the stem's year, a unit the course writes beside the key alone ("10 units a day" names
insulin). And an item is answered by another one when that item's stem writes its key
or ties one of its wrong options to something else ("the Tennis Court Oath (20 June
1789)" beside a question on the Bastille). Each check reads only the course.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tall_teach.quiz.dates import MONTHS, find_dates, parse_date
from tall_teach.quiz.evidence import Evidence, years
from tall_teach.quiz.numbers import NUMBER_WORDS, find_quantities
from tall_teach.quiz.terms import pluralise, singulars
from tall_teach.quiz.text import STOPWORDS, base, contains_term, normalise, occurrences, stems

_MONTH_WORD = re.compile(rf"\b({'|'.join(MONTHS)})\b", re.IGNORECASE)
# Units any term of a course may carry (a share, a duration, a count, a mass or volume,
# a dose): they say nothing about which term the stem speaks of.
GENERIC_UNITS = frozenset({"%", "minute", "hour", "day", "week", "month", "year",
                           "patient", "cycle", "mg", "g", "ug", "kg", "ml", "l", "mmol",
                           "mg/day", "mg/kg", "mg/m2", "mg/kg/day", "cm"})  # fmt: skip
MIN_YEARS_APART = 2  # the least gap that makes a year "far" from the stem's


def date_clash(candidate: str, stem: str) -> str:
    """A candidate whose own name carries a month or year the stem's date contradicts."""
    stem_dates = find_dates(stem)
    stem_months = {m.lower() for m in _MONTH_WORD.findall(" ".join(d for d, _ in stem_dates))}
    stem_years = years(stem)
    own_months = {m.lower() for m in _MONTH_WORD.findall(candidate)}
    own_years = years(candidate)
    if stem_months and own_months and not own_months & stem_months:
        return (f"its name says {', '.join(sorted(own_months))}, the stem "
                f"{', '.join(d for d, _ in stem_dates)}")  # fmt: skip
    if stem_years and own_years and not own_years & stem_years:
        return f"its name says {min(own_years)}, the stem {min(stem_years)}"
    return ""


def far_in_time(candidate: str, stem: str, evidence: Evidence) -> str:
    """A candidate the course only ever places years away from the stem's year: "executed
    in 1793" is no answer to "seized power in 1799". The gap that counts grows with the
    span of years the course covers (a quarter of it, at least two years)."""
    wanted = years(stem)
    if not wanted:
        return ""
    placed: set[int] = set()
    mentions = evidence.mentions(candidate)
    # an event the course names by its year ("the Treaty of Arras of 1435") happened then:
    # another year in the stem ("The _____ of 1420") rules it out, however long the
    # course's span (round 81)
    named = _named_years(candidate, mentions)
    if named and not named & wanted:
        return (f"the course names it by its year, {min(named)}, not the stem's "
                f"{min(wanted)}")
    for claim in mentions:
        placed |= years(claim.text)
    if not placed:  # "Catherine de' Medici brought these entertainments" on the 1581 slide
        placed = {y for claim in mentions for y in evidence.slide_years(claim)}
    if not placed:
        return ""
    gap = max(MIN_YEARS_APART, evidence.year_span() // 4)
    nearest = min(abs(a - b) for a in placed for b in wanted)
    if nearest <= gap:
        return ""
    return (f"the course places it in {', '.join(map(str, sorted(placed)[:3]))}, "
            f"far from the stem's {min(wanted)}")  # fmt: skip


def _named_years(candidate: str, mentions: Iterable[object]) -> set[int]:
    """The years the course writes right after the candidate as part of its name ("Treaty
    of Arras of 1435", "the Revolution of 1848")."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(candidate)}\s+of\s+(1[0-9]{{3}}|20[0-9]{{2}})"
                         r"(?![\w.,]\d)", re.IGNORECASE)
    return {int(m.group(1)) for claim in mentions for m in pattern.finditer(claim.text)}


def _stem_units(stem: str) -> list[str]:
    """The units the stem's quantities are given in, but those that name no kind (%, days)."""
    return sorted({q.canonical_unit for q, _, _ in find_quantities(stem)} - GENERIC_UNITS)


def unit_names_key(key: str, stem: str, evidence: Evidence, terms: Iterable[str]) -> str:
    """A unit in the stem that the course writes beside the key and beside no other of
    its terms (`terms`: the glossary's): "0.1-0.2 units/kg" names insulin, "48 mmol/mol"
    HbA1c, whatever the other options are. "" when no unit does."""
    for unit in _stem_units(stem):
        beside = evidence.terms_beside_unit(unit, terms)
        if beside and all(normalise(t) == normalise(key) or contains_term(key, t)
                          or contains_term(t, key) for t in beside):  # fmt: skip
            return f"the stem's unit '{unit}' is written in the course beside '{key}' only"
    return ""


def unit_sorts_options(key: str, stem: str, evidence: Evidence, wrong: Iterable[str]) -> str:
    """A unit in the stem the course writes beside the key and beside none of the wrong
    options ("6.5% (48 mmol/mol)" beside HbA1c, eGFR and BMI): among these options, only
    the key is ever measured so. "" when no unit sorts them."""
    wrong = list(wrong)
    for unit in _stem_units(stem):
        if evidence.terms_beside_unit(unit, [key]) and not evidence.terms_beside_unit(unit, wrong):
            return (f"the stem's unit '{unit}' is written in the course beside '{key}' and "
                    f"none of {wrong}")
    return ""


def tying_stems(
    candidate: str, message: str, other_stems: Iterable[tuple[str, str]], evidence: Evidence
) -> tuple[tuple[str, str], ...]:
    """Other items' stems that tie a wrong option to something else: any, for a date or a
    value (written there, it is that item's fact); for a term, those on this message's
    subject (sharing a distinctive word with it), where its mention reads as a hint."""
    if parse_date(candidate) is not None or any(c.isdigit() for c in candidate):
        return tuple(other_stems)
    return tuple((i, s) for i, s in other_stems
                 if evidence.shares_distinctive(s, message))  # fmt: skip


def in_other_stem(
    candidate: str, other_stems: Iterable[tuple[str, str]], longer: Iterable[str] = ()
) -> str:
    """The id of another item whose stem writes `candidate`, in the singular or the plural
    (an option shown as "SGLT2 inhibitors" is the glossary's "SGLT2 inhibitor"), or "".
    Inside a `longer` term that holds it ("moment of inertia" for "inertia") it is that
    term, not the candidate, that the stem writes."""
    forms = {candidate, pluralise(candidate), *singulars(candidate)}
    longer = sorted(longer, key=len, reverse=True)
    for item_id, stem in other_stems:
        for term in longer:
            for start, end in reversed(occurrences(stem, term)):
                stem = stem[:start] + " " + stem[end:]
        if any(contains_term(stem, f) for f in forms if f):
            return item_id
    return ""


def written_as_short_form(stem: str, key: str, short_forms: dict[str, str]) -> str:
    """The key's short form, or a member of its family ("TLR4" for "Toll-like receptors"),
    written in a stem; "" when none is."""
    short = short_forms.get(normalise(key)) or next(
        (v for k, v in short_forms.items() if normalise(key).rstrip("s") == k.rstrip("s")), ""
    )
    if not short:
        return ""
    family = re.compile(rf"(?<![\w-]){re.escape(short)}(?:s|\d+\w*)?(?![\w-])", re.IGNORECASE)
    match = family.search(stem)
    return match.group(0) if match else ""


def spells_out(stem: str, key: str, wrong: Iterable[str], expanded: dict[str, str]) -> str:
    """Two or more words in a row of the key's long form, when the key is a short form
    the course spells out and no wrong option's long form has that run: "most serious
    hazards come from human error" above SHOT, "Serious Hazards of Transfusion" (round
    79). "" when the stem spells nothing."""
    long = expanded.get(key.strip())
    if not long:
        return ""
    said = [base(w) for w in re.findall(r"[^\W\d_]+", stem.casefold())
            if w not in STOPWORDS]
    written = [w for w in re.findall(r"[^\W\d_]+", long.casefold()) if w not in STOPWORDS]
    mine = [base(w) for w in written]
    theirs = [[base(w) for w in re.findall(r"[^\W\d_]+", expanded.get(o.strip(), o).casefold())
               if w not in STOPWORDS] for o in wrong]
    for i in range(len(mine) - 1):
        run = mine[i : i + 2]
        if len(run[0]) >= 3 and len(run[1]) >= 3 and _in_row(run, said) and not any(
                _in_row(run, other) for other in theirs):
            return " ".join(written[i : i + 2])
    return ""


def _in_row(run: list[str], words: list[str]) -> bool:
    return any(words[j : j + len(run)] == run for j in range(len(words) - len(run) + 1))


STATED_WORDS = 3  # and at least this many
STATED_SHARE = 0.4  # of the message's other words ("the ocean has taken up most of the extra
# heat" states "the ocean has taken up about 91% of the extra heat accumulated…")


def states_fact(
    seen: str, text: str, terms: list[str], rare: frozenset[str] | None = None
) -> bool:
    """Another item's face (an authored question with its explanation) states the
    message's fact: it writes a key term (`terms`, the asked one first), or a word of one
    in another form ("the axis is tilted" for "axial tilt"), and 40% of the message's
    other words. Where it writes the asked term itself, the other terms' words count among
    those: "fluid retention" and "heart failure" are the fact it says of "Pioglitazone".
    With `rare` (the course's distinctive words), two of the shared words must be rare, three
    where the question does not write the term: "bonded", "pair" and "two" in a question on
    the shape of H₂S are no covalent bond."""
    key_words = {w for t in terms for w in stems(t) if len(w) >= 4}
    found = stems(seen)
    if not (key_words & found or any(contains_term(seen, t) for t in terms)):
        return False
    named = terms[:1] if contains_term(seen, terms[0]) else terms
    words = stems(text) - {w for t in named for w in stems(t)}
    # two words are no fact ("body" and "changes" beside a skater's mass)
    shared = len(words & found)
    # a question that does not write the term must share more of the course's rare words
    needed = RARE_STATED if contains_term(seen, terms[0]) else RARE_STATED + 1
    if rare is not None and len(words & found & rare) < needed:
        return False
    return bool(words) and shared >= STATED_WORDS and shared >= STATED_SHARE * len(words)


RARE_STATED = 2  # distinctive words a question must share with a message to ask its fact


ANSWER_SHARE = 0.6  # of an answer's words a message must write to give it


def gives_answer(message: str, answer: str) -> bool:
    """The message gives an authored question's answer: it writes it, or two thirds of its
    words ("the forces two bodies exert … are equal in size" for "The two forces are
    equal in size"), so an item made from it, read first, answers that question."""
    if not answer.strip() or _bare_count(answer):
        return False  # "two states" does not answer "How many balances? Two" (round 51)
    if contains_term(message, answer):
        return True
    # words, not digits: "[1, 2, 3, 4]" is not given by "0.1 + 0.2 == 0.3"
    wanted = {w for w in stems(answer) if w not in STOPWORDS and not w.isdigit()}
    said = stems(message)
    if len(wanted) >= 2:
        return len(wanted & said) >= ANSWER_SHARE * len(wanted)
    # a name and a year ("Leibniz, in 1684"): both written in the message
    digits = set(re.findall(r"\d+", answer))
    return bool(wanted) and bool(digits) and wanted <= said and digits <= set(
        re.findall(r"\d+", message))


def _bare_count(answer: str) -> bool:
    """An answer that is a number alone ("Two", "4"): every message writes such words."""
    word = answer.strip().rstrip(".").casefold()
    return word in NUMBER_WORDS or word in ("none", "once", "twice") or word.isdigit()


def names_key_part(seen: str, key: str, rare: frozenset[str]) -> bool:
    """An authored question's option writes the rare words of a key whose other words are
    common ("Shelterwood, with a dense overstorey…" above Shelterwood method: round 39):
    shown on the same sheet, it names the key. Before any other head only an option that
    says something does ("Equal area, so that the size of each country is correct…" above
    Equal-area projection: round 43)."""
    parts = key.split()
    if len(parts) < 2:
        return False
    generic = parts[-1].casefold().rstrip("s") in _GENERIC_HEADS
    own = {w for w in stems(" ".join(parts[:-1])) if len(w) >= 4} & rare
    options = [o for o in seen.split("\n")[1:] if generic or len(o.split()) > SAYING_WORDS]
    return bool(own) and any(own <= stems(option) for option in options)


SAYING_WORDS = 3  # an option of more words than this says something of what it names


# Heads that name a sort of thing, not which one ("Shelterwood method", "Domino theory"):
# the words before them are the key's own.
_GENERIC_HEADS = frozenset({"method", "theory", "model", "law", "effect", "system", "process",
                            "principle", "rule", "approach", "strategy", "technique"})
