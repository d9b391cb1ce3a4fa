"""The course as evidence: every text split into claims, to tell a wrong answer from a
second right one.

A distractor must be wrong *in the stem's context*. Corpus preference (a term the
course uses is more plausible) has a trap: a term the course states together with the
stem's own content is defensible. So every bullet, notes sentence, table row, chart,
other take-home message and authored question becomes a claim; a candidate found in a
claim that shares enough of the message's distinctive words (weighted by how rare each
word is in the course) is *supported* and never offered as wrong.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Course,
    Figure,
    ListItem,
    Paragraph,
    Question,
    SourceRef,
    Table,
    TakeHome,
    plain_text,
)
from tall_teach.quiz.contrast import without_contrast
from tall_teach.quiz.numbers import find_quantities
from tall_teach.quiz.terms import pluralise, singulars
from tall_teach.quiz.text import (
    contains_term,
    find_token_run,
    normalise,
    occurrences,
    stems,
    tokens,
)
from tall_teach.quiz.walk import blocks_in

# A claim supports a candidate when the words it shares with the message carry this
# share of the message's weight (rarer words weigh more), or when it shares at least
# two of the message's distinctive words (rare in the course).
SUPPORT_SHARE = 0.34
DISTINCTIVE_SHARE = 0.12  # a word in fewer than this share of claims is distinctive
_YEAR = re.compile(r"(?<![\w.,])(1[0-9]{3}|20[0-9]{2})(s?)(?!\w|[.,]\d)")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=\S)")
# "Devolution: a unitary state…", "Hemiola – three beats…": a term of a few words
MAX_DEFINED_WORDS = 6
_DEFINES = re.compile(r"^([^\W\d][^:;,.()]{0,60}?)\s*(?::|\s[–—-])\s+([^;]+)")  # to a ";"
_THAN = re.compile(r"\s(?:than|unlike)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing the course says, with what surrounds it (slide title, parent bullet,
    table header) and where it is."""

    text: str
    context: str
    kind: str  # bullet | notes | paragraph | table row | chart | message | question | title
    slide_title: str
    source: SourceRef | None
    tokens: tuple[str, ...]
    stems: frozenset[str]
    joined: str = ""  # the tokens run together: a term can only be written if it is in here

    @property
    def where(self) -> str:
        line = f" ({self.source.path}:{self.source.line})" if self.source else ""
        return f"{self.kind} on '{self.slide_title}'{line}"


@dataclass(frozen=True, slots=True)
class Support:
    """Why a candidate is defensible: the claim, and the message words it shares."""

    claim: Claim
    shared: tuple[str, ...]
    share: float

    def __str__(self) -> str:
        excerpt = self.claim.text if len(self.claim.text) <= 90 else self.claim.text[:89] + "…"
        return (f"the course states it with {', '.join(self.shared)} "
                f"({self.claim.where}: \"{excerpt}\")")  # fmt: skip


class Evidence:
    """The course's claims and how rare each word is among them."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.claims = tuple(claims)
        df: Counter[str] = Counter()
        for claim in self.claims:
            df.update(claim.stems)
        n = max(len(self.claims), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self._distinctive = {w for w, c in df.items() if c / n < DISTINCTIVE_SHARE}
        self._default_idf = math.log((n + 1) / 0.5)
        self._mentions: dict[str, list[Claim]] = {}  # term -> claims writing it
        self._by_unit: dict[str, list[Claim]] = {}  # canonical unit -> claims giving one
        self._span: int | None = None
        self._slide_years: dict[tuple[str, str], set[int]] | None = None  # (path, title)
        self._definitions: dict[str, str] | None = None  # term -> what the course defines it as

    def definition(self, term: str) -> str:
        """What the course defines `term` as, where a bullet or notes sentence opens with
        it and a colon or dash ("Devolution: a unitary state transfers powers to regions
        …"), without what it contrasts it with or compares it to ("… unlike meiosis",
        "more selective than ibrutinib"): those name other terms of the kind as others."""
        if self._definitions is None:
            self._definitions = {}
            for claim in self.claims:
                match = _DEFINES.match(claim.text)
                if (match and claim.kind in ("bullet", "notes", "paragraph")
                        and len(match[1].split()) <= MAX_DEFINED_WORDS):
                    self._definitions.setdefault(normalise(match[1]), match[2])
        for form in term_forms(term):
            found = self._definitions.get(normalise(form))
            if found:
                return _THAN.split(without_contrast(found, []))[0].rstrip(" ,;:")
        return ""

    def defined_by(self, a: str, b: str) -> bool:
        """The course defines one term by the other ("Devolution: a unitary state
        transfers powers…"): one is a form or a part of the other, no alternative to it."""
        return any(
            definition and any(contains_term(definition, f) for f in term_forms(other))
            for definition, other in ((self.definition(a), b), (self.definition(b), a))
        )

    def same_as(self, a: str, b: str) -> bool:
        """The course gives one term as another name of the other: "Majoritarian democracy
        (the Westminster model)", "X, also called Y", "X, or Y,": both right, or both
        wrong together."""
        for first, second in ((a, b), (b, a)):
            names = _other_name(second)
            for claim in self.mentions(first):
                for form in {first, pluralise(first), *singulars(first)}:
                    for _, end in occurrences(claim.text, form):
                        if names.match(claim.text, end):
                            return True
        return False

    def kind_of(self, a: str, b: str) -> str:
        """The sentence where the course says one term is a kind of the other
        ("Actinomycetes are filamentous Gram-positive bacteria": round 73; "Every dominant
        strategy equilibrium is a Nash equilibrium"), or "": both would be right."""
        for first, second in ((a, b), (b, a)):
            for claim in self.mentions(first):
                if claim.kind == "title":
                    continue
                for one in {first, pluralise(first), *singulars(first)}:
                    for other in {second, pluralise(second), *singulars(second)}:
                        if _is_a(one, other).search(claim.text):
                            return claim.text
        return ""

    @property
    def distinctive(self) -> frozenset[str]:
        """The words rare in the course (in fewer than DISTINCTIVE_SHARE of its claims)."""
        return frozenset(self._distinctive)

    def weight(self, word: str) -> float:
        return self.idf.get(word, self._default_idf)

    def mentions(self, term: str, source: SourceRef | None = None) -> list[Claim]:
        """Claims that write `term` (or its plural or singular) as whole tokens, except the
        one at `source`: "SGLT2 inhibitors reduce…" speaks of the "SGLT2 inhibitor"."""
        found = self._mentions.get(term)
        if found is None:
            forms = term_forms(term)
            found = self._mentions[term] = [c for c in self.claims if _writes_any(c, forms)]
        return found if source is None else [c for c in found if c.source != source]

    def support(
        self,
        candidate: str,
        message: str,
        key: str,
        source: SourceRef | None = None,
        anchors: tuple[str, ...] = (),
        kind: str = "",
        paired: tuple[str, ...] = (),
    ) -> Support | None:
        """The claim that best shows `candidate` is true in the message's context, if any.

        The message's own words count, not the key's, the candidate's or their kind's
        ("protocol" is shared by every routing protocol): "the stem with the candidate put
        in" is what a claim must say. A table row that relates the candidate to another
        term of the message (`anchors`: "heart failure | SGLT2 inhibitor") says so too; a
        row that writes the key in one cell and the candidate in another compares them
        ("Example | RIP | OSPF" under "distance-vector | link-state") and says nothing of
        the kind. When the message pairs the key with other bold terms (`paired`: "MHC
        class I presents cytosolic peptides to **CD8** T cells"), a claim with no word of
        any of them, its context included, speaks of another pairing ("presents peptides
        on MHC class II" to helper cells) and supports nothing by shared words alone.
        Claims at `source` (the message) are skipped."""
        wanted = stems(message) - stems(key) - stems(candidate) - stems(kind)
        total = sum(self.weight(w) for w in wanted)
        if not wanted or total <= 0:
            return None
        best: Support | None = None
        for claim in self.mentions(candidate, source):
            if (claim.kind == "message" and claim.source == source) or claim.kind in (
                    "title", "table header"):
                continue  # a slide title names a topic ("Nucleophiles and electrophiles")
            if claim.kind == "table row" and _compares(claim.text, key, candidate):
                continue
            verdict = self._side_by_side(claim, key, candidate, message, kind)
            if verdict == "differs":
                continue  # the course sets them side by side, and they differ here
            if verdict:
                best = Support(claim, (verdict,), 1.0)
                continue
            related = [a for a in anchors if claim.kind == "table row" and writes(claim, a)]
            if related and (best is None or best.share < 1.0):
                best = Support(claim, tuple(related), 1.0)
                continue
            # (a number the message gives, a year, ties the claim to its event all the same:
            # "146 BC: Rome destroyed both Carthage and Corinth" beside "In 146 BC, at the
            # end of the Third Punic War, Rome destroyed Carthage")
            if (paired and not any(self._telling(p) & claim.stems for p in paired)
                    and not _numbers(message) & _numbers(claim.text)):
                continue
            if _opposite(message, claim.text):
                continue  # "the quantity supplied rises" beside "… lowers the quantity demanded"
            if _contrasts(claim.text, candidate, key):
                continue  # "Prolactin … is needed to start lactation, but it is oxytocin that…"
            shared = wanted & claim.stems
            share = sum(self.weight(w) for w in shared) / total
            distinctive = shared & self._distinctive
            if len(distinctive) >= 2 and _ALSO.search(claim.text):
                # "LiAlH₄ is stronger: it also reduces esters…" beside "NaBH₄ reduces
                # aldehydes…": the course says the candidate does the same, and more
                found = Support(claim, tuple(sorted(shared)), 1.0)
                if best is None or best.share < 1.0:
                    best = found
                continue
            if (share >= SUPPORT_SHARE or len(distinctive) >= 2) and not self._in_place_of(
                wanted, claim
            ):
                found = Support(claim, tuple(sorted(shared)), share)
                if best is None or found.share > best.share:
                    best = found
        return best

    def _side_by_side(
        self, claim: Claim, key: str, candidate: str, message: str, kind: str
    ) -> str:
        """How the course compares the candidate with the key, where it sets them side by
        side: "differs" when it gives them different values on what the message says of
        the key (a comparison table's "price vs marginal cost" column: "above" for
        monopoly, "equal" for perfect competition; "luxuries: greater than 1; necessities:
        between 0 and 1"), else the shared words when it gives the same ("above" for
        monopolistic competition too), else "" (no comparison here)."""
        said = stems(message) - stems(key) - stems(kind)
        if claim.kind == "table row":
            mine = _cells(claim.text)
            # a cell's words, comparison words included ("above", "more"): not stems
            # a single letter is a variable's name, no fact ("P" in "if P then Q" and
            # "not P": the rows of the connectives do not say the same of "All S are P")
            words = {w for w in _cell_tokens(message) if len(w) > 1 or w.isdigit()}
            words -= set(tokens(key)) | _GLUE
            for row in self.mentions(key):
                if row.kind != "table row" or row.source != claim.source or row is claim:
                    continue
                theirs = _cells(row.text)
                if len(mine) != len(theirs):
                    continue
                facts = {j: set(_cell_tokens(cell)) & words for j, cell in enumerate(theirs)
                         if not contains_term(cell, key)}  # fmt: skip
                facts = {j: f for j, f in facts.items() if f}
                if facts:
                    # the same in one column the message speaks of is enough to be
                    # defensible: "closed" for slavery as for caste, whatever its basis
                    same = [j for j, f in facts.items() if f <= set(_cell_tokens(mine[j]))]
                    if same:
                        return "the same " + ", ".join(theirs[j] for j in same)
                    return "differs"
            return ""
        if not writes(claim, key):
            return ""
        own, other = _apart_in(claim.text, key, candidate, r";\s*|\.\s+")
        if not own or not other:
            # values side by side ("four groups means sp³, three means sp²"; "53 DNS, 25
            # SMTP"), not a list of members ("fratricide, infectious toxicity and …")
            own, other = _apart_in(claim.text, key, candidate, r";\s*|\.\s+|,\s*")
            if not (own and other and _counts(own[0]) and _counts(other[0])):
                return ""
        if _ALIKE.search(other[0]):
            return ""  # "…, and GLP-1 receptor agonists also do": the same, said short
        facts = stems(own[0]) & said
        if not facts:
            return ""
        if facts <= stems(other[0]):
            return "the same " + ", ".join(sorted(facts))
        return "differs"

    def _in_place_of(self, wanted: frozenset[str], claim: Claim) -> bool:
        """The claim says the message's frame with other words in the places of its two
        rarest ("Router: forwards packets by IP address" beside "a switch forwards frames by
        MAC address"): a parallel sentence about the candidate, not support for it here. A
        claim with little of the frame is a discussion of the topic, not a parallel."""
        rarest = sorted((w for w in wanted if not w.isdigit()),
                        key=lambda w: (-self.weight(w), w))[:2]  # fmt: skip
        rare = [w for w in rarest if w in self._distinctive or w not in self.idf]
        if len(rare) != 2 or set(rare) & claim.stems:
            return False
        frame = {w for w in wanted if not w.isdigit()} - set(rare)
        return 2 * len(frame & claim.stems) >= len(frame)  # the rest of the frame is there

    def related(self, message: str, source: SourceRef | None) -> list[Claim]:
        """Claims that share a distinctive word with the message (not a number): where a
        value the course states may be one a trainee reads as true for the message too
        ("4-7 days for a first response" beside "the primary response takes 7-10 days")."""
        wanted = {w for w in stems(message) if not w.isdigit()} & self._distinctive
        return [c for c in self.claims if c.source != source and wanted & c.stems]

    def other_rows(self, message: str) -> list[Claim]:
        """The rows labelled with other subjects, in tables with a row for the message's
        own: their values belong to those subjects and are the course's own contrast
        ("Preoperational | 2 to 7 years" beside a message on the concrete operational
        stage, whose row reads "7 to 11 years"), not values true of the message's subject."""
        said = {w for w in stems(message) if not w.isdigit()}
        rows = [c for c in self.claims if c.kind == "table row" and c.source is not None]
        labels = [{w for w in stems(_cells(c.text)[0]) if not w.isdigit()} for c in rows]
        tables = {c.source for c, label in zip(rows, labels, strict=True)
                  if label and label <= said}  # fmt: skip
        return [c for c, label in zip(rows, labels, strict=True)
                if c.source in tables and label and not label <= said]  # fmt: skip

    def _telling(self, term: str) -> frozenset[str]:
        """The words of a term that tell it apart in this course ("mac" of "MAC
        address", where "address" is everywhere), or all its words when none is rare."""
        words = stems(term)
        return (words & self._distinctive) or words

    def discussed_with(self, term: str, text: str, source: SourceRef | None = None) -> bool:
        """The course writes `term` in a claim sharing two words rare in the course with
        `text`, or three of any (not numbers): it discusses the term on the text's subject,
        whatever it says of it ("fermentation … glycolysis … 2 ATP" beside "glycolysis …
        two ATP"; "photosynthesis takes CO₂ from the air" beside "sinks take up … CO₂ …
        the rest stays in the air")."""
        words = {w for w in stems(text) if not w.isdigit()} - stems(term)
        rare = words & self._distinctive
        return any(len(rare & c.stems) >= 2 or _meeting(words, c.stems) >= DISCUSSED_WORDS
                   for c in self.mentions(term, source))  # fmt: skip

    def shares_distinctive(self, a: str, b: str) -> bool:
        """Two texts share a word rare in the course (not a number)."""
        return any(not w.isdigit() for w in stems(a) & stems(b) & self._distinctive)

    def year_span(self) -> int:
        """How many years the course's claims cover, the tenth percentile of the years
        it writes to the ninetieth (a historian's 1989 book or a 1600s precedent do not
        stretch a decade's course to two centuries); 0 when it writes none."""
        if self._span is None:
            found = sorted(y for c in self.claims for y in years(c.text))
            tenth = (len(found) - 1) // 10
            self._span = found[-1 - tenth] - found[tenth] if found else 0
        return self._span

    def slide_years(self, claim: Claim) -> set[int]:
        """The years the teaching slide of `claim` writes (its bullets, notes and title): a
        name taught on the slide about 1581 belongs to 1581. None for a take-home slide or
        a question, whose years belong to other facts."""
        if claim.kind in ("message", "question") or claim.source is None:
            return set()
        if self._slide_years is None:  # read once: asked for every undated candidate
            self._slide_years = {}
            for c in self.claims:
                if c.source is not None and c.kind not in ("message", "question"):
                    self._slide_years.setdefault((c.source.path, c.slide_title), set()).update(
                        years(c.text))
        return self._slide_years.get((claim.source.path, claim.slide_title), set())

    def terms_beside_unit(self, unit: str, terms: Iterable[str]) -> set[str]:
        """Those of `terms` written in a claim that gives a quantity in `unit`."""
        claims = self._by_unit.get(unit)
        if claims is None:
            claims = self._by_unit[unit] = [
                c for c in self.claims
                if any(q.canonical_unit == unit for q, _, _ in find_quantities(c.text))
            ]  # fmt: skip
        return {t for t in terms if any(writes(c, t) for c in claims)}


_GLUE = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "for", "with", "by", "on",
                   "at", "is", "are", "be", "it", "its", "as", "|", ",", ".", ":", ";"})
_OPPOSITES = [
    ("rise", "fall"), ("rises", "falls"), ("rising", "falling"), ("rose", "fell"),
    ("raise", "lower"), ("raises", "lowers"), ("raised", "lowered"),
    ("increase", "decrease"), ("increases", "decreases"), ("increased", "decreased"),
    ("higher", "lower"), ("more", "less"), ("above", "below"), ("greater", "smaller"),
    ("greater", "less"), ("maximum", "minimum"), ("most", "least"), ("stronger", "weaker"),
    ("strong", "weak"), ("faster", "slower"), ("fast", "slow"), ("before", "after"),
    ("positive", "negative"), ("gain", "loss"), ("gains", "losses"), ("inverts", "retains"),
    ("activates", "inhibits"), ("increase", "reduce"), ("increases", "reduces"),
    ("rises", "lowers"), ("rise", "lower"), ("raises", "falls"), ("raise", "fall"),
    # causing and blocking ("oxytocin causes milk let-down" beside "adrenaline, which
    # blocks let-down": a dairy-science writer's report)
    ("causes", "blocks"), ("causes", "prevents"), ("triggers", "blocks"),
    ("stimulates", "inhibits"), ("stimulates", "suppresses"), ("promotes", "inhibits"),
    ("promotes", "suppresses"), ("induces", "suppresses"), ("activates", "blocks"),
    ("enables", "prevents"), ("allows", "prevents"),
]  # fmt: skip
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _OPPOSITES:
    _OPPOSITE.setdefault(_a, set()).add(_b)
    _OPPOSITE.setdefault(_b, set()).add(_a)


DISCUSSED_WORDS = 3  # words of any rarity a claim shares with a text to speak of its subject
_ALSO = re.compile(r"\b(?:also|too|as well|likewise|similarly|in addition)\b", re.IGNORECASE)


def _meeting(words: set[str], others: frozenset[str]) -> int:
    """How many of `words` meet a word of `others`, one the start of the other ("take"
    and "tak" of "takes": the stemmer cuts "-es" but leaves a short "take" whole)."""
    return sum(1 for w in words
               if any(x.startswith(w) or w.startswith(x) for x in others
                      if min(len(x), len(w)) >= 3))  # fmt: skip


def _opposite(message: str, claim: str) -> bool:
    """The claim says the opposite of a word the message says, and not that word itself:
    it speaks of another direction ("rises" where the message says "lowers")."""
    said, written = set(tokens(message)), set(tokens(claim))
    return any(_OPPOSITE.get(word, set()) & written and word not in written for word in said)


_CONTRAST = re.compile(r"\b(?:but|whereas|unlike|rather than|instead of|not)\b", re.IGNORECASE)


def _contrasts(text: str, candidate: str, key: str) -> bool:
    """The claim sets the candidate against the key with a contrast between them ("but it
    is oxytocin that…", "X, unlike Y"): it says the candidate is not what the key is."""
    mine, theirs = occurrences(text, candidate), occurrences(text, key)
    if not mine or not theirs:
        return False
    start, end = sorted((mine[0][1], theirs[0][0])) if mine[0][0] < theirs[0][0] else sorted(
        (theirs[0][1], mine[0][0]))
    return _CONTRAST.search(text[start:end]) is not None


@lru_cache(maxsize=4096)
def _is_a(one: str, other: str) -> re.Pattern[str]:
    """"X is a (…) Y", with at most two words between that qualify Y, not a part ("a rule
    of sovereignty"), a likeness ("equivalent to") or a formula ("a perpetuity minus …")."""
    return re.compile(
        rf"(?<![\w-]){re.escape(one)}\s+(?:is|are)\s+(?:a|an|one of the|a kind of|a type of|"
        rf"a form of)?\s*(?:(?!(?:of|to|than|not|like|equivalent|minus|plus)\b)[\w-]+\s+){{0,2}}"
        rf"{re.escape(other)}(?![\w-])(?!\s+(?:minus|plus|of)\b)", re.IGNORECASE)


_ALIKE = re.compile(r"\b(?:also|too|as well|likewise|similarly|both|same)\b", re.IGNORECASE)


_COUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|single|double|"
                    r"triple)\b", re.IGNORECASE)


def _counts(text: str) -> bool:
    """The text gives a number (in digits or words)."""
    return _COUNT.search(text) is not None


def _apart_in(text: str, key: str, candidate: str, split: str) -> tuple[list[str], list[str]]:
    """The parts of a text (cut at `split`) that write the key and not the candidate, and
    those that write the candidate and not the key."""
    parts = [p for p in re.split(split, text) if p.strip()]
    own = [p for p in parts if contains_term(p, key) and not contains_term(p, candidate)]
    other = [p for p in parts if contains_term(p, candidate) and not contains_term(p, key)]
    return own, other


def _cell_tokens(text: str) -> list[str]:
    """A cell's tokens with a one-letter prefix kept on its word: "n-type" and "p-type"
    differ (a semiconductor writer's report: acceptor was "the same n-type" as donor)."""
    return tokens(re.sub(r"(?<![\w-])([A-Za-z])-(?=[^\W\d_])", r"\1", text))


def _cells(row: str) -> list[str]:
    return row.split(" | ")


def _compares(row: str, key: str, candidate: str) -> bool:
    """A table row writing the key and the candidate in different cells."""
    cells = row.split(" | ")
    with_key = {i for i, c in enumerate(cells) if contains_term(c, key)}
    with_candidate = {i for i, c in enumerate(cells) if contains_term(c, candidate)}
    return bool(with_key and with_candidate and with_key != with_candidate)


def _other_name(term: str) -> re.Pattern[str]:
    """What follows a term to give `term` as its other name: " (the Westminster model)",
    ", also known as …", ", or …,", "; in welds it appears as …"."""
    name = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(
        rf"\s*(?:\((?:the |a |an |or |i\.e\. |also |also called |also known as )?{name}s?\)"
        # ", or …," names it again; ", or …, or …" lists alternatives ("pMDI with spacer, or
        # dry powder inhaler, or breath-actuated pMDI": round 86)
        rf"|,\s+(?:also called|also known as|or)\s+(?:the |a |an )?{name}s?\s*"
        rf"(?:,(?!\s*(?:or|and)\b)|$)"
        # "sensitization; in welds it appears as weld decay" (round 79)
        rf"|[;,]\s+(?:[\w-]+\s+){{0,3}}(?:it|this|which)\s+(?:appears|is known|is seen|shows"
        rf"|presents|is called)\s+as\s+(?:the |a |an )?{name}s?(?![\w-]))",
        re.IGNORECASE,
    )


def _numbers(text: str) -> set[str]:
    """The numbers a text writes, as written ("146", "2.7")."""
    return set(re.findall(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w])", text))


def years(text: str) -> set[int]:
    """Years written in a text ("1799", "9 November 1799"), not numbers with a unit
    ("2000 mg")."""
    measured = [span for _, _, span in find_quantities(text)]
    # a decade ("the 1970s") stands for its middle year
    return {int(m.group(1)) + (5 if m.group(2) and m.group(1).endswith("0") else 0)
            for m in _YEAR.finditer(text)
            if not any(a <= m.start() < b for a, b in measured)}  # fmt: skip


def term_forms(term: str) -> frozenset[str]:
    """A term's normal forms in the singular and the plural."""
    return frozenset({normalise(f) for f in (term, pluralise(term), *singulars(term))} - {""})


def writes(claim: Claim, term: str) -> bool:
    """The claim writes `term`, or its plural or singular, as whole tokens."""
    return _writes_any(claim, term_forms(term))


def _writes_any(claim: Claim, forms: frozenset[str]) -> bool:
    return any(f in claim.joined and find_token_run(claim.tokens, f) is not None
               for f in forms)  # fmt: skip


def course_evidence(course: Course) -> Evidence:
    """Every claim the course makes, slides and notes and messages alike."""
    return Evidence(_course_claims(course))


def _claim(text: str, context: str, kind: str, title: str, source: SourceRef | None) -> Claim:
    words = tuple(tokens(text))
    return Claim(text, context, kind, title, source, words, stems(f"{text} {context}"),
                 "".join(words))  # fmt: skip


def _course_claims(course: Course) -> Iterator[Claim]:
    for module in course.modules:
        for slide in module.slides:
            title = plain_text(slide.title)
            if title:
                yield _claim(title, module.title, "title", title, slide.source)
            for block in blocks_in(slide.blocks):
                yield from _block_claims(block, title, "slide")
            for block in blocks_in(slide.notes):
                yield from _block_claims(block, title, "notes")


def _block_claims(block: Block, title: str, where: str) -> Iterator[Claim]:
    if isinstance(block, Paragraph):
        kind = "notes" if where == "notes" else "paragraph"
        for sentence in _SENTENCE.split(plain_text(block.inlines)):
            yield _claim(sentence, title, kind, title, block.source)
    elif isinstance(block, BulletList):
        yield from _list_claims(block, title, title, where)
    elif isinstance(block, Table):
        header = " ".join(plain_text(c) for c in block.header)
        context = f"{title} {header} {plain_text(block.caption)}"
        # a column headed by a term teaches it ("Episodic viral wheeze | Multiple-trigger
        # wheeze" compares the two: an educator's report)
        yield _claim(" | ".join(plain_text(c) for c in block.header), title, "table header",
                     title, block.source)  # fmt: skip
        for row in block.rows:
            yield _claim(" | ".join(plain_text(c) for c in row), context, "table row", title,
                         block.source)  # fmt: skip
    elif isinstance(block, Chart):
        text = " ".join([block.title, *block.categories, *(s.name for s in block.series)])
        yield _claim(text, title, "chart", title, block.source)
    elif isinstance(block, Figure):
        yield _claim(f"{block.alt} {plain_text(block.caption)}", title, "figure", title,
                     block.source)  # fmt: skip
    elif isinstance(block, TakeHome):
        for message in block.messages:
            yield _claim(plain_text(message.inlines), title, "message", title, message.source)
    elif isinstance(block, Question):
        keys = " ".join(plain_text(c.inlines) for c in block.choices if c.correct)
        text = f"{plain_text(block.stem)} {keys} {plain_text(block.explanation)}"
        yield _claim(text, title, "question", title, block.source)


def _list_claims(bullets: BulletList, title: str, context: str, where: str) -> Iterator[Claim]:
    kind = "notes" if where == "notes" else "bullet"
    for item in bullets.items:
        yield from _item_claims(item, title, context, kind, where)


def _item_claims(
    item: ListItem, title: str, context: str, kind: str, where: str
) -> Iterator[Claim]:
    text = plain_text(item.inlines)
    yield _claim(text, context, kind, title, item.source)
    for child in item.children:
        yield from _list_claims(child, title, f"{context} {text}", where)
