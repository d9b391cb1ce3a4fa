"""Comparison items: how a message says one quantity stands to another ("a monopoly
charges a price **above** marginal cost"), asked among the three ways it could.

Why a stage of its own: lecturers teach terms in pairs (perfect competition and monopoly,
normal and inferior goods), so a message's key term often has one sibling, and a
single-best-answer item needs two wrong answers. What many such messages state is a
comparison, and its set is closed in every field and every option is plausible: above /
below / equal to; greater than / less than / equal to; equals / exceeds / is less than.
The wrong options are then homogeneous and wrong by the message itself, provided the word
is a comparison there (not "the above", "falls below 30", "far above") and the course
never gives another comparison of the same subject and the same things.

(Directions of change, raises / lowers / does not change, were tried and dropped: raters
failed every one, as "does not change" fools no one and the sense of a drug's benefit or
of "inferior" gives the way away.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tall_teach.quiz.text import as_sentence, contains_term, occurrences, stems

BLANK = "_____"
_ABOVE, _BELOW, _EQUAL = "above", "below", "equal"
# Each written form: its relation, then the other two in the same form.
_RELATIONS: dict[str, tuple[str, tuple[str, str]]] = {
    "above": (_ABOVE, ("below", "equal to")),
    "below": (_BELOW, ("above", "equal to")),
    "greater than": (_ABOVE, ("less than", "equal to")),
    "less than": (_BELOW, ("greater than", "equal to")),
    "equals": (_EQUAL, ("exceeds", "is less than")),
    "exceeds": (_ABOVE, ("equals", "is less than")),
}
FAMILY = (_ABOVE, _BELOW, _EQUAL)
_NO_COMPARISON = ("the message gives no comparison (above / below, greater / less than, "
                  "equals / exceeds)")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words by which any text gives a relation (a claim, another item's face).
_SAID: dict[str, frozenset[str]] = {
    _ABOVE: _set("above greater exceeds exceed exceeding higher more >"),
    _BELOW: _set("below less lower smaller fewer <"),
    _EQUAL: _set("equal equals ="),
}
# Before a relation: a verb of motion makes "equal to" ungrammatical ("falls equal to 30");
# an adverb of degree makes it odd ("far above"); "the above" is no comparison.
_NOT_BEFORE = _set("rises falls rise fall rose fell drops drop dropped goes go went climbs "
                   "stays stay far much well even slightly markedly just the and or of in "
                   "for with to by at on from")
# After "equals", an equation: operators, or a formula said in words ("its mass times its
# acceleration", "½mv²", "the change in its kinetic energy"): a law or a definition, whose
# form gives "equals" away and makes "exceeds" absurd
_FORMULA = re.compile(r"[×÷*=+½²³√]|\s[x/]\s|\b(?:times|multiplied|divided|plus|minus|"
                      r"squared|cubed|product|sum|change in|difference between|ratio of|"
                      r"rate of change)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w'’-]*|[^\w\s]")
_CLAUSE_END = frozenset(",;:.()") | _set("and but which who whose because so")


class NoComparison(Exception):
    """The message gives no comparison an item can ask (the reason is the text)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The words a message compares with, where, and the other relations in the same form."""

    word: str  # as written in the message
    start: int
    end: int
    relation: str
    wrong: tuple[str, str]
    about: frozenset[str]  # content stems of its clause besides the word: what it compares
    clause: str = ""  # the clause's text without the word

    def stem(self, text: str) -> str:
        return as_sentence(text[: self.start] + BLANK + text[self.end :])


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _clause(words: list[tuple[str, int, int]], first: int, last: int) -> list[str]:
    """The words of the clause around words `first`..`last` (not those words)."""
    lo = first
    while lo > 0 and words[lo - 1][0] not in _CLAUSE_END:
        lo -= 1
    hi = last + 1
    while hi < len(words) and words[hi][0] not in _CLAUSE_END:
        hi += 1
    return [w for i, (w, _, _) in enumerate(words[lo:hi], lo) if not first <= i <= last]


def _fits(words: list[tuple[str, int, int]], first: int, last: int) -> str:
    """Why the words are no comparison the other relations could take the place of, or ""."""
    before = words[first - 1][0] if first else ""
    after = words[last + 1][0] if last + 1 < len(words) else ""
    phrase = " ".join(w for w, _, _ in words[first : last + 1])
    if not before or before in _NOT_BEFORE:
        return f"'{before} {phrase}' would not read with the other relations"
    if not after or after in _CLAUSE_END:
        return f"nothing follows '{phrase}'"
    beyond = words[last + 2][0] if last + 2 < len(words) else ""
    either_after = after in ("or", "and") and beyond in _RELATIONS
    either_before = before in ("or", "and") and any(
        w in _RELATIONS for w, _, _ in words[max(first - 3, 0) : first - 1]
    )
    if either_after or either_before:
        return f"'{phrase}' is one side of an either-way span ('above or below'), no comparison"
    if phrase in ("above", "below") and after in _POSITION_OBJECTS:
        return (f"'{phrase} {after}' is a place ('the layer above it'), where 'equal to' does "
                "not read")
    measure = [w for w, _, _ in words[max(first - 3, 0) : first]]
    if _RELATIONS[phrase][0] != _EQUAL and any(_measures(w) for w in measure):
        return (f"'{' '.join(measure)} {phrase}' is an offset ('a half step below'), where "
                "'equal to' does not read")
    return ""


# Words that measure an offset: "a half step below", "a minor third below", "two semitones
# above", "10 m below": what stands before such a relation is a distance, not a quantity
# compared, and "equal to" would not read there.
_MEASURE_WORDS = _set("half step steps tone tones semitone semitones octave octaves degree "
                      "degrees third fourth fifth sixth seventh ninth level levels two three "
                      "four five six seven eight nine ten")


# After "above" or "below", a pronoun is a thing placed, not a quantity compared ("the layer
# above it": "the layer equal to it" means nothing).
_POSITION_OBJECTS = _set("it them him her us me you this that these those one")


def _measures(word: str) -> bool:
    return word in _MEASURE_WORDS or any(c.isdigit() for c in word)


def _phrases(words: list[tuple[str, int, int]]) -> Iterator[tuple[int, int, str]]:
    """(first word, last word, phrase) of every written comparison, in order."""
    for i, (word, _, _) in enumerate(words):
        pair = f"{word} {words[i + 1][0]}" if i + 1 < len(words) else ""
        if pair in _RELATIONS:
            yield i, i + 1, pair
        elif word in _RELATIONS and " " not in word:
            yield i, i, word


def compares(text: str) -> bool:
    """The text writes a comparison word at all (usable or not)."""
    return next(_phrases(_words(text)), None) is not None


def find_comparison(text: str) -> Comparison:
    """The first comparison the message gives that an item can ask; NoComparison with why
    none can."""
    words = _words(text)
    why: list[str] = []
    for first, last, phrase in _phrases(words):
        reason = _fits(words, first, last)
        if reason:
            why.append(reason)
            continue
        relation, wrong = _RELATIONS[phrase]
        around = " ".join(_clause(words, first, last))
        start, end = words[first][1], words[last][2]
        if relation == _EQUAL and _FORMULA.search(text[end:]):
            why.append(f"'{phrase}' states a formula ('CPU time equals a × b × c', 'force "
                       "equals mass times acceleration'): its form "
                       "gives the relation away")  # fmt: skip
            continue
        return Comparison(text[start:end], start, end, relation, wrong, stems(around), around)
    raise NoComparison("; ".join(why) or _NO_COMPARISON)


def says(text: str, relation: str) -> bool:
    """The text gives this relation, in any form."""
    return bool({w for w, _, _ in _words(text)} & _SAID[relation])


def clause_subjects(comparison: Comparison, subjects: Iterable[str]) -> list[str]:
    """The subjects the comparison's own clause writes ("a monopoly charges a price above
    marginal cost", not the "deadweight loss" it causes), or all of them when it writes
    none."""
    subjects = list(subjects)
    return [s for s in subjects if contains_term(comparison.clause, s)] or subjects


def _without_longer(text: str, longer: Iterable[str]) -> str:
    """The text with terms that hold a subject blanked ("unit elastic" for "elastic")."""
    for term in longer:
        for start, end in reversed(occurrences(text, term)):
            text = text[:start] + " " + text[end:]
    return text


def speaks_of(text: str, subjects: Iterable[str], comparison: Comparison,
              terms: Iterable[str] = ()) -> bool:  # fmt: skip
    """The text writes one of the subjects (not inside a longer term) and most of what is
    compared: it speaks of the same thing. A term of `terms` the clause writes must be
    written too: "marginal revenue is below price" is not "a price above marginal cost"."""
    subjects, terms = list(subjects), list(terms)
    named = [s for s in subjects
             if contains_term(_without_longer(text, [t for t in terms
                                                     if contains_term(t, s) and t != s]), s)]
    if not named:
        return False
    compared = [t for t in terms if len(t.split()) > 1 and contains_term(comparison.clause, t)
                and not any(contains_term(s, t) or contains_term(t, s) for s in subjects)]
    if any(not contains_term(text, t) for t in compared):
        return False
    wanted = comparison.about - {w for s in subjects for w in stems(s)}
    return not wanted or 2 * len(wanted & stems(text)) >= len(wanted)


def conflict(comparison: Comparison, texts: Iterable[tuple[str, str]], subjects: Iterable[str],
             terms: Iterable[str] = ()) -> str:  # fmt: skip
    """Where the course gives another relation of the same subject and things (never the
    message's own in the same text): "" when nowhere. `texts` are (where, text)."""
    subjects, terms = list(subjects), list(terms)
    others = [r for r in FAMILY if r != comparison.relation]
    for where, text in texts:
        if says(text, comparison.relation) or not speaks_of(text, subjects, comparison, terms):
            continue
        said = [r for r in others if says(text, r)]
        if said:
            return f"{where} says {said[0]}: \"{text[:90]}\""
    return ""
