"""The contrast a message draws, left out of the stem it is asked from.

"Legal-rational authority rests on rules and offices rather than on custom or a
leader's personal qualities": the clause after "rather than" says what the key is
*not*, in words that define the other terms of its kind (custom: traditional
authority; personal qualities: charismatic). Kept in a cloze stem, it lets a trainee
strike every wrong option without the lecture (both raters of round 24 failed such an
item). Without it the stem is still true, since "A rather than B" says A, and the
explanation still gives the whole message.
"""

from __future__ import annotations

import re

from tall_teach.quiz.text import contains_term, tokens

_MARKER = r"(?:rather than|instead of|as opposed to|in contrast to|unlike|but not)"
# a clause that runs from its marker to the end of the message (or of a clause of it)
_TRAILING = re.compile(rf"(?:\s*,)?\s+{_MARKER}\s[^;:.,]*\.?\s*$"
                       r"|\s*,\s*(?:and\s+)?not\s[^;:.,]*\.?\s*$", re.IGNORECASE)
# a clause set off by commas: "Cardiac muscle, unlike skeletal muscle, cannot be …"
_BETWEEN = re.compile(rf"\s*,\s*{_MARKER}\s[^;:.,]+,", re.IGNORECASE)
# a clause that opens the message: "Unlike a federation, a unitary state …"
_LEADING = re.compile(r"^(?:unlike|in contrast to|as opposed to)\s[^,;:]+,\s*", re.IGNORECASE)
MIN_WORDS = 4  # what is left must still say something


def without_contrast(text: str, kept: list[str]) -> str:
    """The message without a clause that says what its subject is not, or the message
    itself when it draws none, when the clause holds a term in `kept` (a bold term may
    be asked from there) or when too little would be left."""
    for pattern in (_TRAILING, _BETWEEN, _LEADING):
        match = pattern.search(text)
        if match is None:
            continue
        clause = match.group(0)
        rest = (text[: match.start()] + text[match.end():]).strip()
        if any(contains_term(clause, t) for t in kept) or len(tokens(rest)) < MIN_WORDS:
            continue
        if pattern is _LEADING:
            rest = rest[:1].upper() + rest[1:]
        text = rest
    return text
