"""Distractors: wrong answers of the key's own kind, preferring what the course itself teaches.

Rules (issue 5): same category as the key; terms the course uses come first;
never a term written in the same message; never equal to the key once case,
hyphens and spacing are ignored; numbers keep their unit, shape and precision.
"""

from __future__ import annotations

import random

from tall_teach.quiz.numbers import Quantity, choose_values, find_quantities
from tall_teach.quiz.terms import FALLBACK_MARKER_CATEGORY, KeyTerm, Vocabulary, is_marker
from tall_teach.quiz.text import contains_term, content_words, normalise

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


def usable(
    candidate: str, key: str, message_text: str, generic: frozenset[str] = frozenset()
) -> bool:
    """Not the key (normalised), not nested in it or around it, not written in the message."""
    cand, key_norm = normalise(candidate), normalise(key)
    if not cand or cand == key_norm:
        return False
    if contains_term(candidate, key) or contains_term(key, candidate):
        return False
    if contains_term(message_text, candidate):
        return False
    return not echoes_the_message(candidate, key, message_text, generic)


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
    own = {w for w in content_words(candidate) - ignored if len(w) >= 4}
    return bool(own & (content_words(message_text) - ignored))


def generic_words(pool: list[str]) -> frozenset[str]:
    """Words found in two or more terms of a category."""
    counts: dict[str, int] = {}
    for term in {normalise(t): t for t in pool}.values():
        for word in content_words(term):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def term_alternatives(
    term: KeyTerm, vocab: Vocabulary, message_text: str, count: int, rng: random.Random
) -> list[str]:
    """Up to `count` same-category terms, best first.

    Ranked: used in the course before glossary-only; length within 30% of the key's
    before the rest (the key must not stand out); then a seeded draw so ties do not
    always favour the same term.
    """
    seen: dict[str, str] = {}
    pool = category_pool(term, vocab)
    generic = generic_words(pool)
    for candidate in pool:
        if usable(candidate, term.option_text, message_text, generic):
            seen.setdefault(normalise(candidate), candidate)
    ordered = sorted(seen.items())  # a fixed order before the seeded draw
    key_len = len(term.option_text)

    def rank(entry: tuple[str, str]) -> tuple[int, int, float]:
        text = entry[1]
        in_course = 0 if vocab.used_in_course(text) else 1
        similar = 0 if abs(len(text) - key_len) <= 0.3 * max(key_len, 4) else 1
        return in_course, similar, rng.random()

    ranked = sorted(((rank(e), e[1]) for e in ordered), key=lambda r: r[0])
    return apart([text for _, text in ranked], count)


def apart(ranked: list[str], count: int) -> list[str]:
    """The first `count` terms, passing over one nested in a term already taken
    ("CAGE" beside "Dara-Ven-CAGE": both cannot be wrong alone, so test-wise examinees
    strike both) while other terms are left; nested ones only fill what remains."""
    chosen: list[str] = []
    for text in ranked:
        nested = any(contains_term(text, c) or contains_term(c, text) for c in chosen)
        if len(chosen) < count and not nested:
            chosen.append(text)
    rest = [t for t in ranked if t not in chosen]
    chosen += rest[: count - len(chosen)]
    return sorted(chosen, key=ranked.index)


def numeric_alternatives(
    term: KeyTerm, vocab: Vocabulary, message_text: str, count: int, below_wanted: int
) -> list[Quantity]:
    """Wrong values in ascending order, about `below_wanted` of them below the key."""
    key = term.quantity
    if key is None:
        return []
    in_message = frozenset(
        key.moved(*q.values()).values()
        for q, _, _ in find_quantities(message_text)
        if q.canonical_unit == key.canonical_unit
    )
    return choose_values(key, list(vocab.quantities), count, below_wanted, in_message)
