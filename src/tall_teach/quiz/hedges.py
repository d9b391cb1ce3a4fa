"""Hedged messages: a take-home message that asks or speculates has no single best answer.

"Cellular therapies may cure more patients in the near future (dual targeting? others?)"
states an open question; blanking "dual targeting" would teach a guess as a fact. Only
clear signs count: a question mark, or words that mark the statement as uncertain or
about the future. A plain "may" ("metformin may cause lactic acidosis") states a known
risk and is not a hedge, and neither is the noun "hypothesis" ("assuming the null
hypothesis is true" defines a p-value); "it is hypothesised that" is.
"""

from __future__ import annotations

import re

_HEDGES = re.compile(
    r"\?|\b(?:perhaps|possibly|presumably|speculative|hypothesi[sz](?:e[sd]?|ing)|"
    r"unclear|uncertain|not yet known|remains? to be (?:seen|determined|established)|"
    r"open question|it seems likely|in the (?:near |distant )?future|"
    r"might|could potentially|potentially)\b",
    re.IGNORECASE,
)


def hedge(text: str) -> str:
    """The words that make a message hedged, or "" when it states a fact."""
    match = _HEDGES.search(text)
    return match.group(0) if match else ""
