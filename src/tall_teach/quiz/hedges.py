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
    # said of our knowledge ("is unclear", "uncertain whether"), not of a quantity a
    # policy leaves open ("leaves the quantity of emissions uncertain": round 49)
    r"(?:is|are|was|were|remains?)\s+(?:still\s+|largely\s+)?(?:unclear|uncertain)|"
    r"(?:unclear|uncertain)\s+(?:whether|if|how|why|what|when|who|which)|not yet known|"
    r"remains? to be (?:seen|determined|established)|"
    r"open question|it seems likely|in the (?:near|distant|coming) future|"
    # a forecast, not a dollar "received in the future" (a corporate-finance writer)
    r"(?:will|may|could|should|expected|likely|promises?)\b[^.;]{0,80}\bin the future|"
    r"might|could potentially|potentially)\b",
    re.IGNORECASE,
)


# A question quoted as an example inside a statement ("as *Can you pass the salt?* makes a
# request with a question": round 49's semantics course) asks nothing: it starts mid-text
# with a capitalised word that opens questions.
_QUOTED_QUESTION = re.compile(
    r"(?<=\S)\s+[\"“‘'(*_]?(?:Can|Could|Would|Will|Do|Does|Did|Is|Are|Was|Were|What|Why|How|"
    r"Who|Where|When|Which|Shall|Should|May|Have|Has|Isn't|Aren't|Don't)\b[^.?!;:]{0,80}\?"
    r"[\"”’'*_)]?(?=\s+\S)")


def hedge(text: str) -> str:
    """The words that make a message hedged, or "" when it states a fact."""
    match = _HEDGES.search(_QUOTED_QUESTION.sub(" (a quoted question)", text))
    return match.group(0) if match else ""
