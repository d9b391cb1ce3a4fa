"""Key terms of a take-home message: finding them and putting each in a category.

The category decides which distractors are fair: glossary categories, numbers
by unit ("number:%"), CD markers, gene symbols. A bold span the author marked is
the key term; without bold the finder falls back to glossary terms, numbers with
a unit, then CD and gene names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tall_teach.model import Glossary, Inline, plain_text, strong_spans
from tall_teach.quiz.dates import find_dates, parse_date
from tall_teach.quiz.numbers import Quantity, find_quantities, parse_quantity
from tall_teach.quiz.text import (
    abbreviations,
    cased_tokens,
    expansions,
    find_token_run,
    normalise,
    tokens,
)

MARKER = re.compile(r"(?<![\w-])CD\d{1,3}[a-z]?(?![\w])")
_GENE_CANDIDATE = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*\d[A-Z0-9]*(?![\w])")
FALLBACK_MARKER_CATEGORY = "antigen"
FALLBACK_GENE_CATEGORY = "gene"


def is_marker(text: str) -> bool:
    return MARKER.fullmatch(text) is not None


def is_gene(text: str) -> bool:
    """A gene-like symbol: capitals with a digit (NOTCH1, IL7R, CDKN2A), not a CD marker."""
    if not _GENE_CANDIDATE.fullmatch(text) or is_marker(text):
        return False
    capitals = sum(c.isupper() for c in text)
    return capitals >= 2 and not re.search(r"\d{4}", text) and text[1:].upper() == text[1:]


def find_markers(text: str) -> list[str]:
    return MARKER.findall(text)


def find_genes(text: str) -> list[str]:
    return [m for m in _GENE_CANDIDATE.findall(text) if is_gene(m)]


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A term a question may ask for. `category` is "" when none could be inferred."""

    text: str  # as the message writes it: what the cloze blanks and the statement swaps
    category: str
    origin: str  # bold | glossary | number | marker | gene
    canonical: str = ""  # the glossary's spelling, shown as the option
    quantity: Quantity | None = None
    plural: bool = False  # the message writes the plural of a glossary term: options follow
    singular: bool = False  # the message writes the singular of a plural glossary term

    @property
    def option_text(self) -> str:
        return self.canonical or self.text


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the course knows: its glossary and the terms its slides actually use."""

    glossary: Glossary
    course_tokens: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()  # CD names used in the course, most frequent first
    genes: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[str, ...] = ()  # calendar dates the course writes, in order of appearance
    # Lists of same-kind terms the course itself shows: (what they are, the terms), from
    # a table column (its header) or a chart (its categories).
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Terms a table cell lists together, named by their row ("Transport": TCP, UDP).
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Short forms the course defines ("Toll-like receptors (TLRs)"), by the long form's
    # normal form: a stem writing "TLR4" speaks of Toll-like receptors.
    short_forms: dict[str, str] = field(default_factory=dict, compare=False)
    # The same the other way: each short form and its long form as written ("SHOT":
    # "Serious Hazards of Transfusion"), for a stem that spells a short key out.
    expansions: dict[str, str] = field(default_factory=dict, compare=False)
    period: tuple[int, int] | None = None  # first and last year the course's title names
    header: str = ""  # the course's title and subtitle: every quiz shows them above the items
    _index: dict[str, tuple[str, str]] = field(default_factory=dict)
    _joined: str = ""  # every course token run together
    _used: dict[str, bool] = field(default_factory=dict, compare=False)  # memo

    def course_kind(self, term: str) -> str:
        """The name of the course list holding `term` with at least two other terms."""
        wanted = normalise(term)
        for name, terms in self.lists:
            if len(terms) >= 3 and any(normalise(t) == wanted for t in terms):
                return name
        return ""

    def siblings(self, term: str) -> tuple[str, ...]:
        """The other terms of every course list holding `term`."""
        wanted = normalise(term)
        found: dict[str, str] = {}
        for _, terms in self.lists:
            if any(normalise(t) == wanted for t in terms):
                found.update((normalise(t), t) for t in terms if normalise(t) != wanted)
        return tuple(found.values())

    def group_of(self, term: str) -> tuple[str, tuple[str, ...]] | None:
        """The course's row that lists `term` with others (label, terms), if any."""
        wanted = normalise(term)
        for label, terms in self.groups:
            if any(normalise(t) == wanted for t in terms):
                return label, terms
        return None

    def lookup(self, term: str) -> tuple[str, str] | None:
        """(category, glossary spelling) of a term, compared in normal form."""
        return self._index.get(normalise(term))

    def used_in_course(self, term: str) -> bool:
        wanted = normalise(term)
        if self._joined and wanted not in self._joined:  # a run of tokens is a substring
            return False
        if wanted not in self._used:
            self._used[wanted] = find_token_run(self.course_tokens, wanted) is not None
        return self._used[wanted]

    @property
    def marker_category(self) -> str:
        return marker_category(self.glossary)

    @property
    def gene_category(self) -> str:
        return gene_category(self.glossary)


def marker_category(glossary: Glossary) -> str:
    """Where CD names belong: the glossary category holding most of them, else "antigen"."""
    return _category_holding(glossary, is_marker) or FALLBACK_MARKER_CATEGORY


def gene_category(glossary: Glossary) -> str:
    """Where gene symbols belong: the glossary category holding most of them, else "gene"."""
    return _category_holding(glossary, is_gene) or FALLBACK_GENE_CATEGORY


def build_vocabulary(
    glossary: Glossary,
    texts: Iterable[str],
    extra_quantities: Iterable[Quantity] = (),
    lists: Iterable[tuple[str, tuple[str, ...]]] = (),
    groups: Iterable[tuple[str, tuple[str, ...]]] = (),
) -> Vocabulary:
    """Index the glossary and scan the course's text for markers, genes and quantities."""
    all_tokens: list[str] = []
    markers: Counter[str] = Counter()
    genes: Counter[str] = Counter()
    quantities: list[Quantity] = list(extra_quantities)
    dates: dict[str, None] = {}
    texts = list(texts)
    for text in texts:
        dates.update((d, None) for d, _ in find_dates(text))
        all_tokens.extend(tokens(text))
        all_tokens.append("\x00")  # no token run spans two texts
        markers.update(find_markers(text))
        genes.update(find_genes(text))
        quantities.extend(q for q, _, _ in find_quantities(text))
    index: dict[str, tuple[str, str]] = {}
    for category, terms in glossary.categories:
        for term in terms:
            index.setdefault(normalise(term), (category, term))
    return Vocabulary(
        glossary=glossary,
        course_tokens=tuple(all_tokens),
        markers=tuple(sorted(markers, key=lambda m: (-markers[m], m))),
        genes=tuple(sorted(genes, key=lambda g: (-genes[g], g))),
        quantities=tuple(quantities),
        dates=tuple(dates),
        lists=tuple(lists),
        groups=tuple(groups),
        short_forms=abbreviations(texts),
        expansions=expansions(texts),
        _index=index,
        _joined="".join(all_tokens),
    )


def _category_holding(glossary: Glossary, kind: object) -> str | None:
    """The glossary category with the most terms of a kind (CD markers, genes), when they
    are most of it: "BM25" among retrieval models makes no gene list of them, to which
    every symbol the course writes ("RCV1", a test collection) would belong (round 70)."""
    best, best_count = None, 0
    for category, terms in glossary.categories:
        count = sum(1 for t in terms if kind(t))  # type: ignore[operator]
        if count > best_count and 2 * count >= len(terms):
            best, best_count = category, count
    return best


def find_key_terms(inlines: tuple[Inline, ...], vocab: Vocabulary) -> list[KeyTerm]:
    """The message's key terms, most authoritative first.

    Bold spans win (uncategorised ones come back with category ""); without bold,
    glossary terms, then numbers with a unit, then CD and gene names, in text order.
    """
    bold = [b for b in strong_spans(inlines) if b.strip()]
    if bold:
        return [categorise(b, vocab) for b in dict.fromkeys(bold)]
    return find_in_text(plain_text(inlines), vocab)


def find_in_text(text: str, vocab: Vocabulary) -> list[KeyTerm]:
    """Unmarked key terms in running text, by kind then position, without overlaps."""
    found: list[tuple[int, int, KeyTerm]] = []  # (kind rank, position, term)
    taken: list[tuple[int, int]] = []

    def add(rank: int, span: tuple[int, int], term: KeyTerm) -> None:
        if any(span[0] < end and start < span[1] for start, end in taken):
            return
        taken.append(span)
        found.append((rank, span[0], term))

    for span, term in _glossary_hits(text, vocab):
        add(0, span, term)
    for written, span in find_dates(text):
        add(1, span, KeyTerm(written, "date", "date"))
    for quantity, written, span in find_quantities(text):
        add(1, span, KeyTerm(written, quantity.category, "number", quantity=quantity))
    for match in MARKER.finditer(text):
        add(2, match.span(), KeyTerm(match.group(), vocab.marker_category, "marker"))
    for match in _GENE_CANDIDATE.finditer(text):
        if is_gene(match.group()):
            add(2, match.span(), KeyTerm(match.group(), vocab.gene_category, "gene"))
    return [term for _, _, term in sorted(found, key=lambda f: (f[0], f[1]))]


def _glossary_hits(text: str, vocab: Vocabulary) -> list[tuple[tuple[int, int], KeyTerm]]:
    """Glossary terms written in `text`, longest first so "T-ALL" beats "ALL"."""
    hits: list[tuple[tuple[int, int], KeyTerm]] = []
    joined = normalise(text)  # a term written in the text is a substring of this
    terms = [(cat, t, norm) for norm, (cat, t) in vocab._index.items()]
    for category, term, norm in sorted(terms, key=lambda ct: -len(ct[2])):
        if len(norm) < 2 or norm not in joined:
            continue  # "A" (a DNS record) is also an article; or not written at all
        span = _char_span(text, term)
        if span is not None:
            written = text[span[0] : span[1]]
            hits.append((span, KeyTerm(written, category, "glossary", canonical=term)))
    return hits


def _char_span(text: str, term: str) -> tuple[int, int] | None:
    """Where `term` is written in `text`, allowing other case, hyphens and spacing; an
    acronym ("IP", "NS") only in capitals, not as "ip" or "ns" in running text."""
    acronym = term.isupper()
    parts = [re.escape(t) for t in (cased_tokens(term) if acronym else tokens(term))]
    if not parts:
        return None
    pattern = r"[\s\-‐‑‒–—]*".join(parts)
    flags = 0 if acronym else re.IGNORECASE
    match = re.search(rf"(?<![^\W_]){pattern}(?![^\W_])", text, flags)
    return match.span() if match else None


def categorise(term: str, vocab: Vocabulary) -> KeyTerm:
    """The category of one bold term, inferred step by step.

    1. the glossary lists it; 2. it is a number with a unit, a CD or a gene name;
    3. it contains such a term ("CD7 CAR-T" -> CD7 is the key); 4. the course lists it
    with terms of its kind (a table column, a chart's categories): "course:<header>".
    Else category "": a word shared with a category's terms ("32 bits" and "bit") is no
    evidence that the term is of that kind.
    """
    hit = vocab.lookup(term)
    if hit:
        return KeyTerm(term, hit[0], "bold", canonical=hit[1])
    for singular in singulars(term):
        hit = vocab.lookup(singular)
        if hit:
            return KeyTerm(term, hit[0], "bold", canonical=term, plural=True)
    if singular_form(term) == term:
        # a glossary that lists its terms in the plural ("hydraulic actuators"): the
        # singular bold term has their kind, and the options follow it
        hit = vocab.lookup(pluralise(term))
        if hit:
            return KeyTerm(term, hit[0], "bold", canonical=term, singular=True)
    if parse_date(term):
        return KeyTerm(term, "date", "date")
    quantity = parse_quantity(term)
    if quantity is not None:
        return KeyTerm(term, quantity.category, "number", quantity=quantity)
    if is_marker(term):
        return KeyTerm(term, vocab.marker_category, "marker")
    if is_gene(term):
        return KeyTerm(term, vocab.gene_category, "gene")
    inner = find_in_text(term, vocab)
    if inner and not _named_with_particle(term):
        return inner[0]
    listed = vocab.course_kind(term)
    if listed:
        return KeyTerm(term, f"course:{listed}", "bold")
    return KeyTerm(term, "", "bold")  # a shared word is no evidence of a shared kind


def singulars(term: str) -> list[str]:
    """Singular forms a plural term may stand for ("sulfonylureas", "therapies"; "mayors of
    the palace", whose head comes before "of": a Carolingian course's writer)."""
    head, of, rest = term.partition(" of ")
    if of and head.strip() and " of " not in f" {rest} " and (
            head.casefold() not in _SAME_IN_BOTH):
        found = [f"{one} of {rest}" for one in singulars(head)]
        if found:
            return found
    lower = term.casefold()
    if lower.endswith("ies"):
        return [term[:-3] + "y"]
    if lower.endswith("ves"):  # "half-lives", "halves": half-life, half
        return [term[:-3] + "fe", term[:-3] + "f", term[:-1]]
    if lower.endswith("es"):
        return [term[:-1], term[:-2]]
    if lower.endswith("s") and not lower.endswith("ss"):
        return [term[:-1]]
    # Latin and Greek plurals the sciences keep: septa, algae, hyphae, fungi, phenomena
    if lower.endswith("ae") and len(lower) > 4:
        return [term[:-1]]
    if lower.endswith("a") and len(lower) > 4:
        return [term[:-1] + "um", term[:-1] + "on"]
    if lower.endswith("i") and len(lower) > 4:
        return [term[:-1] + "us"]
    return []


_SINGULAR_IN_S = ("is", "us", "ss", "as", "os", "ns")
_SAME_IN_BOTH = frozenset({"species", "series", "means", "news", "crossroads"})


def singular_form(term: str) -> str:
    """The singular of a plural term's last word ("hydraulic actuators" -> "hydraulic
    actuator", "processes" -> "process"); the term itself when it is no plural."""
    head, _, last = term.rpartition(" ")
    lower = last.casefold()
    forms = singulars(last)
    # English endings only: "formula" or "Vitis vinifera" is no Latin plural to undo; "gas",
    # "lens", "bias" and "species" are singular already ("Which ga": round 52)
    if not forms or not lower.endswith("s") or lower.endswith(_SINGULAR_IN_S) or (
            not last.isalpha()) or len(lower) <= 3 or lower in _SAME_IN_BOTH:
        return term
    if lower == "axes":
        return f"{head} {last[:-2]}is" if head else last[:-2] + "is"
    if lower.endswith("es") and not lower.endswith(("ies", "ves")):
        one = last[:-2] if lower[:-2].endswith(("s", "x", "ch", "sh")) else last[:-1]
    else:
        one = forms[0]
    return f"{head} {one}" if head else one


# Plurals the sciences keep from Latin and Greek, for words whose English plural in -es
# would read as a misspelling.
_LATIN_PLURALS = {
    "fungus": "fungi", "nucleus": "nuclei", "bacillus": "bacilli", "stimulus": "stimuli",
    "radius": "radii", "locus": "loci", "focus": "foci", "cactus": "cacti",
    "hippocampus": "hippocampi", "thalamus": "thalami", "calculus": "calculi",
    "modulus": "moduli", "genus": "genera", "corpus": "corpora", "phylum": "phyla",
    "axis": "axes", "analysis": "analyses", "hypothesis": "hypotheses", "basis": "bases",
    "thesis": "theses", "crisis": "crises", "diagnosis": "diagnoses", "criterion": "criteria",
    "phenomenon": "phenomena", "larva": "larvae", "alga": "algae", "vertebra": "vertebrae",
    "formula": "formulae", "nebula": "nebulae", "antenna": "antennae",
    "species": "species", "series": "series",
}  # fmt: skip


def _match_initial(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def pluralise(term: str) -> str:
    """The plural of a term's last word, for options that must agree with a plural key."""
    head, _, last = term.rpartition(" ")
    lower = last.casefold()
    if lower in _LATIN_PLURALS:  # "fungus": fungi, never "funguses" (round 53)
        last = last[: len(last) - len(lower)] + _match_initial(_LATIN_PLURALS[lower], last)
    elif lower.endswith("sis") and len(lower) > 5:  # "biogenesis": biogeneses (round 55)
        last = last[:-2] + "es"
    elif lower.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif lower.endswith("um") and len(lower) >= 7:  # "reticulum": reticula, "spectrum"
        last = last[:-2] + "a"
    elif lower.endswith("life"):  # "half-life": half-lives
        last = last[:-2] + "ves"
    elif lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        last = last[:-1] + "ies"
    elif last and (last[-1].isalpha() or last[-1].isdigit()):
        last += "s"
    return f"{head} {last}" if head else last


def sub_kind_names(category: str) -> list[str]:
    """How a text may name a sub-kind as a claim about the key: its own name, singular or
    plural, and its qualifier with the parent's noun ("life-threatening sign" for
    "sign/life-threatening attack": round 86). Empty for a kind without a parent."""
    if "/" not in category:
        return []
    parent, sub = category.rsplit("/", 1)
    named = [sub, pluralise(sub)]
    words, head = sub.split(), (parent.split() or [""])[-1]
    if len(words) > 1 and head:
        qualified = " ".join([*words[:-1], head])
        named += [qualified, pluralise(qualified)]
    return list(dict.fromkeys(named))


_PARTICLES = frozenset({"dei", "dal", "del", "della", "di", "da", "de", "des", "du", "la",
                        "le", "von", "van", "der", "of", "al", "el", "y"})


def _named_with_particle(term: str) -> bool:
    """A proper name joined by a particle ("Fondaco dei Tedeschi", "Palazzo della Ragione"):
    a glossary word inside it ("fondaco") is no key of its own, and blanking it cut the name
    in half (round 91)."""
    words = term.split()
    return (len(words) >= 3 and words[0][:1].isupper()
            and any(w in _PARTICLES for w in words[1:-1]) and words[-1][:1].isupper())
