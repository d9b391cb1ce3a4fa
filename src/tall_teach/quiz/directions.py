"""Direction items: which way a message says one thing moves or compares with another
("a higher price **lowers** the quantity demanded"), asked among the ways it could.

Why a stage of its own: lecturers teach terms in pairs (normal and inferior goods, SN1 and
SN2), so a message's key term often has one sibling, and a single-best-answer item needs
two wrong answers. What such messages state is a direction or a comparison, and that set
is closed in every field: raises / lowers / does not change; above / below / equal to. The
wrong options are then homogeneous and wrong by the message itself, provided the word is
meant that way (not "raises an exception", "falls on the less elastic side", "reduces
aldehydes to alcohols") and the course never says another direction of the same subject
and the same thing. Both are checked here; a doubt declines the item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tall_teach.quiz.text import STOPWORDS, as_sentence, contains_term, occurrences, stems

BLANK = "_____"

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The closed sets. Each written form: its way, then the other ways in the same form.
_UP, _DOWN, _SAME = "up", "down", "same"
_ABOVE, _BELOW, _EQUAL = "above", "below", "equal"
_VERBS: dict[str, tuple[str, tuple[str, str]]] = {
    # third person singular ("the demand falls"); "does not change" fits both frames
    "raises": (_UP, ("lowers", "does not change")),
    "lowers": (_DOWN, ("raises", "does not change")),
    "increases": (_UP, ("decreases", "does not change")),
    "decreases": (_DOWN, ("increases", "does not change")),
    "reduces": (_DOWN, ("increases", "does not change")),
    "rises": (_UP, ("falls", "does not change")),
    "falls": (_DOWN, ("rises", "does not change")),
    "declines": (_DOWN, ("rises", "does not change")),
    "improves": (_UP, ("worsens", "does not change")),
    "worsens": (_DOWN, ("improves", "does not change")),
    # plural ("SGLT2 inhibitors reduce …"), only after a plural noun
    "raise": (_UP, ("lower", "do not change")),
    "lower": (_DOWN, ("raise", "do not change")),
    "increase": (_UP, ("decrease", "do not change")),
    "decrease": (_DOWN, ("increase", "do not change")),
    "reduce": (_DOWN, ("increase", "do not change")),
    "rise": (_UP, ("fall", "do not change")),
    "fall": (_DOWN, ("rise", "do not change")),
}
# After "has" or "have" ("the outcome has improved"): the participle, and "not changed".
_PERFECT: dict[str, tuple[str, tuple[str, str]]] = {
    "improved": (_UP, ("worsened", "not changed")),
    "worsened": (_DOWN, ("improved", "not changed")),
    "increased": (_UP, ("decreased", "not changed")),
    "decreased": (_DOWN, ("increased", "not changed")),
    "risen": (_UP, ("fallen", "not changed")),
    "fallen": (_DOWN, ("risen", "not changed")),
}
_PLURAL_FORMS = frozenset({"raise", "lower", "increase", "decrease", "reduce", "rise", "fall"})
_INTRANSITIVE = frozenset({"rises", "falls", "declines", "rise", "fall"})
_RELATIONS: dict[str, tuple[str, tuple[str, str]]] = {
    "above": (_ABOVE, ("below", "equal to")),
    "below": (_BELOW, ("above", "equal to")),
    "greater than": (_ABOVE, ("less than", "equal to")),
    "less than": (_BELOW, ("greater than", "equal to")),
    "equals": (_EQUAL, ("exceeds", "is less than")),
    "exceeds": (_ABOVE, ("equals", "is less than")),
}
# Words by which any text says a way (a claim, another item's face): inflections and nouns.
_SAID: dict[str, frozenset[str]] = {
    _UP: _set("raise raises raised rise rises rose risen rising increase increases "
              "increased increasing higher up gain gains improve improves improved improving "
              "better"),
    _DOWN: _set("lower lowers lowered lowering fall falls fell fallen falling decrease "
                "decreases decreased decreasing reduce reduces reduced reducing "
                "reduction decline declines declined down drop drops dropped worsen worsens "
                "worsened worsening worse poorer"),
    _SAME: _set("unchanged unaffected constant unaltered"),
    _ABOVE: _set("above greater exceeds exceed exceeding higher more"),
    _BELOW: _set("below less lower smaller fewer"),
    _EQUAL: _set("equal equals ="),
}
_FAMILY = {_UP: (_UP, _DOWN, _SAME), _DOWN: (_UP, _DOWN, _SAME),
           _ABOVE: (_ABOVE, _BELOW, _EQUAL), _BELOW: (_ABOVE, _BELOW, _EQUAL),
           _EQUAL: (_ABOVE, _BELOW, _EQUAL)}  # fmt: skip
_SAME_PHRASES = ("not change", "no change", "no effect", "not affect", "does not alter")

# Before a verb: words after which it is not a finite verb of the clause ("to lower",
# "does not raise", "may rise"), or is a noun ("a rise in price", "the falls").
_NOT_BEFORE_VERB = _set("to not never no do does did will would can could may might must "
                        "should shall a an the this that these those its their his her our "
                        "your my of in on for with by")
# After an intransitive verb: what may follow a change of size ("falls by a third",
# "rises when income rises"), not another sense ("falls on", "falls within", "falls more").
# Not "by", "to" or "from": a size of change ("falls by half") does not read with "does
# not change".
_AFTER_INTRANSITIVE = _set("when whenever if as with after while once since sharply steadily "
                           "markedly significantly substantially slightly rapidly quickly "
                           "slowly")
# Before a relation: a verb of motion makes "equal to" ungrammatical ("falls equal to 30");
# an adverb of degree makes it odd ("far above").
_NOT_BEFORE_RELATION = _set("rises falls rise fall drops drop goes go climbs stays stay far "
                            "much well even slightly markedly the and or of in for with to "
                            "by at on")
_CONDITION = re.compile(r"^(?:when|whenever|if|as|once|while|after|before)\b[^,;]*,\s*",
                        re.IGNORECASE)  # fmt: skip
_WORD = re.compile(r"[^\W_][\w'’-]*|[^\w\s]")
_CLAUSE_END = frozenset(",;:.()") | _set("and but which who whose because so")


class NoDirection(Exception):
    """The message says no way an item can ask (the reason is the text)."""


@dataclass(frozen=True, slots=True)
class Direction:
    """The word a message says its way with, where, and the wrong ways in the same form."""

    word: str  # as written in the message
    start: int
    end: int
    way: str
    wrong: tuple[str, str]
    about: frozenset[str]  # content stems of its clause besides the word: what it moves
    clause: str = ""  # the clause's text without the word

    def stem(self, text: str) -> str:
        return as_sentence(text[: self.start] + BLANK + text[self.end :])

    @property
    def family(self) -> tuple[str, ...]:
        return _FAMILY[self.way]


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _clause(words: list[tuple[str, int, int]], at: int) -> list[str]:
    """The words of the clause around word `at` (not the word itself)."""
    lo = at
    while lo > 0 and words[lo - 1][0] not in _CLAUSE_END:
        lo -= 1
    hi = at + 1
    while hi < len(words) and words[hi][0] not in _CLAUSE_END:
        hi += 1
    return [w for i, (w, _, _) in enumerate(words[lo:hi], lo) if i != at]


def _is_plural_noun(word: str) -> bool:
    return (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3
            and word not in STOPWORDS)  # fmt: skip


def _verb_fits(words: list[tuple[str, int, int]], i: int, text: str) -> str:
    """Why the verb at `i` is not a change of size it can ask about, or ""."""
    word = words[i][0]
    before = words[i - 1][0] if i else ""
    after = words[i + 1][0] if i + 1 < len(words) else ""
    if before in _NOT_BEFORE_VERB or not before:
        return f"'{before} {word}' is not a statement that something {word}"
    if word in _PLURAL_FORMS and not _is_plural_noun(before):
        return f"'{before} {word}' is not a plural subject's verb"
    if word in _INTRANSITIVE:
        if after and after not in _AFTER_INTRANSITIVE and after not in _CLAUSE_END:
            return f"'{word} {after}' is not a change of size"
    else:
        if after in ("a", "an") or not after or after in _CLAUSE_END:
            return f"'{word} {after}' is not a change of size"  # "raises a question"
        rest = " ".join(_clause(words, i)[_clause(words, i).index(after):]
                        if after in _clause(words, i) else [])
        if word.startswith("reduce") and re.search(r"\bto\b", rest):
            return f"'{word} … to' is a conversion, not a change of size"
        if re.search(r"\b(?:by|to|from)\s+(?:\d|half|a\s+(?:third|quarter|half))", rest):
            return f"'{word} … {rest}' gives a size of change: 'not change' would not read"
    return ""


def _relation_fits(words: list[tuple[str, int, int]], i: int) -> str:
    before = words[i - 1][0] if i else ""
    after = words[i + 1][0] if i + 1 < len(words) else ""
    if not before or before in _NOT_BEFORE_RELATION:
        return f"'{before} {words[i][0]}' would not read with the other relations"
    if not after or after in _CLAUSE_END:
        return f"nothing follows '{words[i][0]}'"
    return ""


def _phrases(words: list[tuple[str, int, int]]) -> Iterator[tuple[int, int, str]]:
    """(first word, last word, phrase) of every written way, in order."""
    for i, (word, _, _) in enumerate(words):
        pair = f"{word} {words[i + 1][0]}" if i + 1 < len(words) else ""
        if pair in _RELATIONS:
            yield i, i + 1, pair
        elif word in _PERFECT and i and words[i - 1][0] in ("has", "have"):
            yield i, i, word
        elif word in _VERBS or word in _RELATIONS:
            if word in ("less", "greater"):
                continue
            yield i, i, word


def find_direction(text: str) -> Direction:
    """The way the message says, after any leading condition ("When income rises, …"),
    first that an item can ask; NoDirection with why none can."""
    condition = _CONDITION.match(text)
    skip = condition.end() if condition else 0
    words = _words(text)
    why: list[str] = []
    for first, last, phrase in _phrases(words):
        start, end = words[first][1], words[last][2]
        if start < skip:
            continue
        if phrase in _PERFECT and words[first - 1][0] in ("has", "have"):
            after = words[last + 1][0] if last + 1 < len(words) else ""
            reason = (f"'{phrase} {after}' is not a change of size"
                      if after and after not in _AFTER_INTRANSITIVE | _CLAUSE_END else "")
            way, wrong = _PERFECT[phrase]
        elif phrase in _VERBS:
            reason = _verb_fits(words, first, text)
            way, wrong = _VERBS[phrase]
        else:
            reason = _relation_fits(words, first)
            way, wrong = _RELATIONS[phrase]
        if reason:
            why.append(reason)
            continue
        around = " ".join(w for i, w in enumerate(_clause(words, first))
                          if not (last > first and i == first))  # fmt: skip
        return Direction(text[start:end], start, end, way, wrong, stems(around), around)
    raise NoDirection("; ".join(why) or "the message says no direction or comparison "
                      "(raises / lowers, above / below, greater / less than)")


def clause_subjects(direction: Direction, subjects: Iterable[str]) -> list[str]:
    """The subjects the way's own clause writes ("Sulfonylureas lower glucose quickly", not
    the "hypoglycaemia" they cause), or all of them when it writes none."""
    subjects = list(subjects)
    return [s for s in subjects if contains_term(direction.clause, s)] or subjects


def says(text: str, way: str) -> bool:
    """The text says this way, in any form."""
    words = {w for w, _, _ in _words(text)}
    if way == _SAME:
        folded = text.casefold()
        return bool(words & _SAID[_SAME]) or any(p in folded for p in _SAME_PHRASES)
    return bool(words & _SAID[way])


def _without_longer(text: str, subject: str, longer: Iterable[str]) -> str:
    """The text with terms that hold the subject blanked ("unit elastic" for "elastic")."""
    for term in longer:
        for start, end in reversed(occurrences(text, term)):
            text = text[:start] + " " + text[end:]
    return text


def speaks_of(text: str, subjects: Iterable[str], about: frozenset[str],
              terms: Iterable[str] = (), clause: str = "") -> bool:  # fmt: skip
    """The text writes one of the subjects (not inside a longer term) and most of what the
    way is about: it speaks of the same thing. A term of `terms` the clause writes must be
    written too: "marginal revenue is below price" is not "a price above marginal cost"."""
    subjects = list(subjects)
    terms = list(terms)
    named = [s for s in subjects
             if contains_term(_without_longer(text, s, [t for t in terms
                                                        if contains_term(t, s) and t != s]), s)]
    if not named:
        return False
    compared = [t for t in terms if len(t.split()) > 1 and contains_term(clause, t)
                and not any(contains_term(s, t) or contains_term(t, s) for s in subjects)]
    if any(not contains_term(text, t) for t in compared):
        return False
    wanted = about - {w for s in subjects for w in stems(s)}
    if not wanted:
        return True
    shared = wanted & stems(text)
    return len(shared) * 2 >= len(wanted)


def conflict(direction: Direction, texts: Iterable[tuple[str, str]], subjects: Iterable[str],
             terms: Iterable[str] = ()) -> str:  # fmt: skip
    """Where the course says another way of the same subject and thing (never the
    message's way in the same text): "" when nowhere. `texts` are (where, text)."""
    subjects, terms = list(subjects), list(terms)
    others = [w for w in direction.family if w != direction.way]
    for where, text in texts:
        if says(text, direction.way) or not speaks_of(text, subjects, direction.about, terms,
                                                       direction.clause):
            continue
        said = [w for w in others if says(text, w)]
        if said:
            return f"{where} says it {said[0]}: \"{text[:90]}\""
    return ""
