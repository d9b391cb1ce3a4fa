"""Distractor candidates: the pool of the key's kind, and wrong numbers of the key's unit.

Which candidates are taken is selection's business (quiz/selection.py); numbers keep
their unit, shape and precision and never repeat a value of the message.
"""

from __future__ import annotations

import re

from tall_teach.quiz.numbers import (
    Quantity,
    Stated,
    choose_values,
    find_quantities,
    spelled_numbers,
)
from tall_teach.quiz.terms import FALLBACK_MARKER_CATEGORY, KeyTerm, Vocabulary, is_marker
from tall_teach.quiz.text import content_words, normalise, occurrences

# Common CD names, used only when neither the glossary nor the course offers enough:
# nomenclature, not facts, so no claim about any of them is made.
COMMON_MARKERS = ("CD1a", "CD2", "CD3", "CD4", "CD5", "CD7", "CD8", "CD19", "CD22", "CD33",
                  "CD34", "CD38", "CD45", "CD99")  # fmt: skip


def category_pool(term: KeyTerm, vocab: Vocabulary) -> list[str]:
    """Every candidate of the key's category, before any filtering."""
    pool = list(vocab.glossary.terms(term.category))
    if term.category == vocab.marker_category or term.origin == "marker":
        pool += list(vocab.markers) + list(COMMON_MARKERS)
    if term.category == vocab.gene_category or term.origin == "gene":
        pool += list(vocab.genes)
    if term.category == FALLBACK_MARKER_CATEGORY and not any(map(is_marker, pool)):
        pool += list(COMMON_MARKERS)
    return pool


def echoes_the_message(
    candidate: str, key: str, message_text: str, generic: frozenset[str] = frozenset()
) -> bool:
    """The candidate repeats a distinctive word the message says beside the key.

    "Confirm with ambulatory monitoring or home readings": "home monitoring" is not
    written there, yet it is arguably right. Words shared with the key and the
    category's generic words ("monitoring", "blockers": in several of its terms) are
    fine: they keep the options homogeneous.
    """
    ignored = content_words(key) | generic
    own = {w for w in content_words(candidate) - ignored if len(w) >= 3}  # "vow": round 62
    return bool(own & (content_words(message_text) - ignored))


def generic_words(pool: list[str]) -> frozenset[str]:
    """Words found in two or more terms of a category."""
    counts: dict[str, int] = {}
    for term in {normalise(t): t for t in pool}.values():
        for word in content_words(term):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def numeric_alternatives(
    term: KeyTerm,
    vocab: Vocabulary,
    message_text: str,
    count: int,
    below_wanted: int,
    excluded: frozenset[Stated] = frozenset(),
    classes: frozenset[Stated] = frozenset(),
) -> list[Quantity]:
    """Wrong values in ascending order, about `below_wanted` of them below the key; never
    one the message writes or the course states in its context (`excluded`)."""
    key = term.quantity
    if key is None:
        return []
    if key.is_year and re.search(rf"(?:factor of|times)\s*{re.escape(term.text)}", message_text):
        return []  # "a factor of 1000" is no year: its neighbours are no 998 or 1002
    # "the most common classification, at about 60%": a key above every wrong value is
    # the test-wise pick (round 51); the least, below every one, likewise
    if _MOST.search(message_text):
        below_wanted = min(below_wanted, count - 1)
    if _LEAST.search(message_text):
        below_wanted = max(below_wanted, 1)
    in_message = frozenset(
        key.moved(*q.values()).stated()
        for q, _, _ in find_quantities(message_text)
        if q.canonical_unit == key.canonical_unit
    ) | frozenset((float(n), None, key.canonical_unit) for n in spelled_numbers(message_text)
                  ) | frozenset(  # "at 350 or _____ bar": the bare 350 shares the key's unit
        (float(n), None, key.canonical_unit)
        for n in re.findall(r"(?<![\w.,])\d+(?:\.\d+)?(?![\w.,]|\s*[-–]\s*\d)", message_text))
    if not (_approximate(term.text, message_text) and key.mid):
        return choose_values(key, list(vocab.quantities), count, below_wanted,
                             in_message | excluded, classes)  # fmt: skip
    # "about 1.1 °C": a wrong value within the word "about" of it is no wrong answer
    values = choose_values(key, list(vocab.quantities), count + 4, below_wanted,
                           in_message | excluded, classes)  # fmt: skip
    values = [q for q in values if abs(q.mid - key.mid) >= APPROX_MARGIN * abs(key.mid)]
    return _nearest(values, key, count, below_wanted)


_MOST = re.compile(r"\b(?:most (?:common|frequent|abundant|numerous|important)|largest|"
                   r"highest|greatest|biggest|majority|commonest)\b", re.IGNORECASE)
_LEAST = re.compile(r"\b(?:least (?:common|frequent|abundant)|smallest|lowest|fewest|"
                    r"minority|rarest)\b", re.IGNORECASE)
APPROX_MARGIN = 0.15  # how far "about X" reaches: a wrong value must lie further away


def _approximate(written: str, message: str) -> bool:
    """The message writes the value with "about", "approximately", "around"…"""
    spans = occurrences(message, written)
    return bool(spans) and bool(_APPROX_BEFORE.search(message[: spans[0][0]]))


_APPROX_BEFORE = re.compile(r"\b(?:about|approximately|around|nearly|roughly|some)\s*$|~\s*$",
                            re.IGNORECASE)  # fmt: skip


def _nearest(values: list[Quantity], key: Quantity, count: int, below: int) -> list[Quantity]:
    """`count` of the values (ascending), `below` of them under the key where there are."""
    under = [q for q in values if q.mid < key.mid][-below:] if below else []
    over = [q for q in values if q.mid > key.mid][: count - len(under)]
    if len(under) + len(over) < count:
        under = [q for q in values if q.mid < key.mid][-(count - len(over)):]
    return sorted([*under, *over], key=lambda q: q.mid)[:count]
