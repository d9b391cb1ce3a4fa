"""Item-writing checks (NBME rules) on any single-best-answer item, generated or authored.

Each rule returns why an item breaks it, or nothing. Sources: NBME "Constructing
Written Test Questions" and the flaw checklist in the design notes (section 4.3).

Length rule, as decided here: the key is *conspicuously* longest only when it is
the unique longest option AND longer than 1.25 x the mean distractor length AND
at least 4 characters longer than that mean. The absolute margin stops a one- or
two-character difference between short terms ("CD1a" vs "CD5") from counting.
When every option is a name of at most five words ("GLP-1 receptor agonists" among
"SGLT2 inhibitors" and "sulfonylureas", "Civil Constitution of the Clergy" among "Law
of Suspects"), length tells nothing of precision or completeness, which is what the
rule is about: only a key 1.75 x the mean and 6 characters longer counts.

Word-repeat rule: a content word of the key found in the stem is a cue only when
some distractor lacks it; a word every option shares ("CAR-T" in "CD7 CAR-T" and
"CD5 CAR-T") tells the examinee nothing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tall_teach.model import Glossary, QuizItem
from tall_teach.quiz.numbers import NUMBER_WORDS, parse_quantity
from tall_teach.quiz.terms import (
    gene_category,
    is_gene,
    is_marker,
    marker_category,
    sub_kind_names,
)
from tall_teach.quiz.text import content_words, normalise

NAME_WORDS = 5  # options this short are names of things, not descriptive statements
_NEGATIVE = re.compile(r"\b(not|except|least)\b", re.IGNORECASE)
_ALL_NONE = re.compile(r"\b(all|none|both|neither) of the (above|following|options)\b", re.I)
_ABSOLUTE = re.compile(r"\b(always|never)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z])")


@dataclass(frozen=True, slots=True)
class RuleFailure:
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


def lead_in(stem: str) -> str:
    """The question itself: the stem's last sentence."""
    return _SENTENCE_END.split(stem.strip())[-1]


def option_class(text: str, glossary: Glossary) -> str | None:
    """The kind of thing an option names, when we can tell: glossary category, unit, marker."""
    category = glossary.category_of(text)
    if category is None:
        wanted = normalise(text)
        category = next(
            (c for c, terms in glossary.categories if any(normalise(t) == wanted for t in terms)),
            None,
        )
    if category is not None:
        return category
    quantity = parse_quantity(text)
    if quantity is not None:
        return quantity.category
    if is_marker(text):
        return marker_category(glossary)
    if is_gene(text):
        return gene_category(glossary)
    return None


def one_key(item: QuizItem, _: Glossary) -> RuleFailure | None:
    keys = sum(o.correct for o in item.options)
    return None if keys == 1 else RuleFailure("one-key", f"{keys} options are marked correct")


def option_count(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """3-5 options; a generated cloze on a term may have 2, an alternate choice between
    the key and the one term the course teaches beside it ("Lunar eclipse" or "Solar
    eclipse"), which is honest where a third would be made up."""
    n = len(item.options)
    least = 2 if item.kind == "cloze" and not item.numeric else 3
    return None if least <= n <= 5 else RuleFailure(
        "option-count", f"{n} options (want {least}-5)")


def unique_options(item: QuizItem, _: Glossary) -> RuleFailure | None:
    seen: dict[str, str] = {}
    for option in item.options:
        norm = normalise(option.text)
        if norm in seen:
            return RuleFailure("unique-options", f"'{option.text}' repeats '{seen[norm]}'")
        seen[norm] = option.text
    return None


def homogeneous_options(item: QuizItem, glossary: Glossary) -> RuleFailure | None:
    classes = {o.text: option_class(o.text, glossary) for o in item.options}
    kinds = {c for c in classes.values() if c is not None}
    if len(kinds) <= 1:
        return None

    # the stem asks which term is of the key's sub-kind ("_____ is a universal gate"): the
    # wrong options are the parent kind's others, one kind at the level asked (round 80)
    key_kind = next((classes[o.text] for o in item.options if o.correct), None)
    parents = {k.rsplit("/", 1)[0] for k in kinds if "/" in k}
    if (key_kind and "/" in key_kind and len(parents) == 1 and all("/" in k for k in kinds)
            and any(re.search(rf"\b{re.escape(name)}", item.stem, re.IGNORECASE)
                    for name in sub_kind_names(key_kind))):
        return None
    described = ", ".join(f"'{t}' ({c})" for t, c in classes.items() if c)
    return RuleFailure("homogeneous-options", f"options of different kinds: {described}")


def key_not_longest(item: QuizItem, _: Glossary) -> RuleFailure | None:
    keys = [o for o in item.options if o.correct]
    others = [len(o.text) for o in item.options if not o.correct]
    if len(keys) != 1 or not others:
        return None
    key_len, mean = len(keys[0].text), sum(others) / len(others)
    ratio, margin = 1.25, 4
    if all(len(o.text.split()) <= NAME_WORDS for o in item.options):  # names, not descriptions
        ratio, margin = 1.75, 6
    if key_len > max(others) and key_len > ratio * mean and key_len - mean >= margin:
        return RuleFailure(
            "key-longest",
            f"the key ({key_len} characters) is much longer than the distractors (mean {mean:.0f})",
        )
    return None


def key_words_not_in_stem(item: QuizItem, _: Glossary) -> RuleFailure | None:
    keys = [o for o in item.options if o.correct]
    if len(keys) != 1:
        return None
    distractor_words = [content_words(o.text) for o in item.options if not o.correct]
    shared = set.intersection(*distractor_words) if distractor_words else set()
    cues = (content_words(keys[0].text) - shared) & content_words(item.stem)
    # a small word that alone tells the key from the others ("Change from below" beside
    # "Change from above", the stem saying "below the level of awareness": round 42)
    cues |= _telling_small_words(keys[0].text, [o.text for o in item.options if not o.correct],
                                 item.stem)
    cues |= _element_named(keys[0].text, [o.text for o in item.options if not o.correct],
                           item.stem)
    cues |= _numbers_named(keys[0].text, [o.text for o in item.options if not o.correct],
                           item.stem)
    cues |= _initials_named(keys[0].text, [o.text for o in item.options if not o.correct],
                            item.stem)
    # a number of the key in the stem is a cue too: "15-20 g" beside "recheck after 15
    # minutes" is the course's "rule of 15"
    if cues:
        return RuleFailure("key-word-in-stem", f"the stem repeats {sorted(cues)} from the key")
    clang = _clang(content_words(keys[0].text), content_words(item.stem), distractor_words)
    question = lead_in(item.stem)
    body = item.stem[: item.stem.rfind(question)] if question else item.stem
    root = _same_root(content_words(keys[0].text), content_words(body), distractor_words)
    if root and not _sentences(item):
        return RuleFailure("key-word-in-stem", f"the stem's '{root[0]}' shares its root with "
                           f"the key's '{root[1]}' and with no wrong option's word")  # fmt: skip
    clang = clang or _letter_name(keys[0].text, item.stem, [o.text for o in item.options
                                                           if not o.correct])  # fmt: skip
    named = _starts_a_name(keys[0].text, body, [o.text for o in item.options if not o.correct])
    if named:
        return RuleFailure("key-word-in-stem", f"the stem's name '{named[0]}' starts with "
                           f"the key '{named[1]}', and with no wrong option")  # fmt: skip
    letter = _letter_part(keys[0].text, body, [o.text for o in item.options if not o.correct])
    if letter:
        return RuleFailure("key-word-in-stem", f"the stem writes the letter '{letter}' that "
                           "names the key's first part, and no wrong option's")  # fmt: skip
    count = _count_clang(keys[0].text, body, [o.text for o in item.options if not o.correct])
    if count:
        return RuleFailure("key-word-in-stem", f"the stem's '{count[0]}' counts what the "
                           f"key's '{count[1]}' names, and no wrong option's")  # fmt: skip
    if clang:
        return RuleFailure("key-word-in-stem", f"the stem's '{clang[0]}' is the start of the "
                           f"key's '{clang[1]}' and of no wrong option's word")  # fmt: skip
    return None


def _starts_a_name(key: str, body: str, wrong: list[str]) -> tuple[str, str] | None:
    """A short one-word key that starts a longer name the stem writes ("Daodejing" above
    dao: round 79), where no wrong option starts one: too short for a root of its own."""
    def starts(term: str) -> str:
        word = term.strip().casefold()
        if not (3 <= len(word) <= 4 and word.isalpha()):
            return ""
        return next((w for w in re.findall(r"\b[A-Z][a-z]+\b", body)
                     if w.casefold().startswith(word) and len(w) >= len(word) + 3), "")

    found = starts(key)
    if found and not any(starts(o) for o in wrong):
        return found, key
    return None


# Counts a key's word may carry (a Greek or Latin prefix, a number word) and the words a
# stem counts them with: "one male and one female" names "monogamy", "a third of the land"
# a "Three-field system". Prefixes that start common words unrelated to counting ("di",
# "bi", "uni") are left out.
_COUNTS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("mono", "one-", "single"), frozenset({"one", "single", "sole"})),
    (("two-", "twin", "dual", "double"), frozenset({"two", "both", "pair", "twice", "double"})),
    (("tri", "three"), frozenset({"three", "third", "thirds", "triple"})),
    (("tetra", "quadr", "four"), frozenset({"four", "fourth", "quarter", "quarters"})),
    (("penta", "five"), frozenset({"five", "fifth"})),
    (("hexa", "six"), frozenset({"six", "sixth"})),
    (("ten-", "deca"), frozenset({"ten", "tenth", "tenths"})),  # "a tenth" above "Ten Percent"
    # prefixes of sameness and difference ("a partner of a different mating type" above
    # Heterothallic beside Homothallic: round 39)
    (("hetero",), frozenset({"different", "differing", "unlike"})),
    (("homo", "iso"), frozenset({"same", "identical", "equal"})),
    (("poly", "multi"), frozenset({"many", "several", "multiple"})),
)


# Words that start like a count and count nothing ("Tribute province" beside "Triple
# Alliance": round 46).
_NO_COUNT = ("trib", "tric", "trim", "monot")
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_NAME_LIST = re.compile(rf"{_NAME}(?:,\s*{_NAME})+,?\s+(?:and|or)\s+{_NAME}")


def _listed_count(stem: str) -> set[str]:
    """The number word of each list of names the stem writes ("Tenochtitlan, Texcoco and
    Tlacopan" counts three: round 46)."""
    return {NUMBER_WORDS[n] for m in _NAME_LIST.finditer(stem)
            if 3 <= (n := len(re.split(r",\s*|\s+(?:and|or)\s+", m.group(0).replace(
                ", and", " and").replace(", or", " or")))) <= 6}  # fmt: skip


def _count_clang(key: str, stem: str, wrong: list[str]) -> tuple[str, str] | None:
    """The stem counts what the key's prefix or number word names, and no wrong option
    carries that count: the key is found by counting."""
    stem_words = {w.casefold() for w in re.findall(r"[^\W\d_]+", stem)} | _listed_count(stem)

    def counted(text: str) -> list[tuple[str, frozenset[str]]]:
        words = [w.casefold() for w in re.findall(r"[^\W\d_][\w-]*", text)]
        return [(w, said) for w in words for starts, said in _COUNTS
                if any(w.startswith(s) or (s.endswith("-") and w == s[:-1]) for s in starts)
                and not w.startswith(_NO_COUNT)]

    for word, said in counted(key):
        if any(said == other for o in wrong for _, other in counted(o)):
            continue
        hit = sorted(said & stem_words)
        if hit:
            return hit[0], word
    return None


# Elements a stem may write by symbol ("Na⁺ and K⁺", "¹⁴C", "CO₂") where the key names
# them ("Sodium-potassium pump": round 47; "Radiocarbon dating": round 44).
_ELEMENTS = {
    "H": "hydrogen", "He": "helium", "Li": "lithium", "C": "carbon", "N": "nitrogen",
    "O": "oxygen", "F": "fluor", "Na": "sodium", "Mg": "magnesium", "Al": "alumin",
    "Si": "silic", "P": "phosph", "S": "sulf", "Cl": "chlor", "K": "potassium",
    "Ca": "calcium", "Fe": "iron", "Cu": "copper", "Zn": "zinc", "Mn": "manganese",
    "U": "uranium", "Ar": "argon", "Pb": "lead", "Hg": "mercury", "Ag": "silver",
    "Au": "gold", "Sn": "tin", "Ni": "nickel", "Co": "cobalt", "I": "iodine",
}  # fmt: skip
# A chemical token: a symbol with an isotope number, a charge or a subscript count, or two
# symbols run together ("NaCl"); a bare capital ("T cells", "vitamin K") is no formula.
_CHEMICAL = re.compile(
    r"(?<![\w⁰¹²³⁴⁵⁶⁷⁸⁹])(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?((?:[A-Z][a-z]?[₀-₉]*){1,4})(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]*[⁺⁻])?"
    r"(?![\w])")


def _symbols(token: str) -> list[str]:
    return re.findall(r"[A-Z][a-z]?", token)


def _element_named(key: str, wrong: list[str], stem: str) -> set[str]:
    """Element names the key carries ("sodium", "carbon" in "radiocarbon") that the stem
    writes as symbols and no wrong option names: read by anyone who knows Na is sodium."""
    named: set[str] = set()
    for m in _CHEMICAL.finditer(stem):
        whole, core = m.group(0), m.group(1)
        parts = _symbols(core)
        marked = whole != core or any(c in core for c in "₀₁₂₃₄₅₆₇₈₉")
        if not all(p in _ELEMENTS for p in parts) or not (marked or len(parts) >= 2):
            continue
        named.update(_ELEMENTS[p] for p in parts)
    key_l, wrong_l = key.casefold(), [w.casefold() for w in wrong]
    found = {name for name in named if name in key_l and not any(name in w for w in wrong_l)}
    # the other way: an ion the key writes as a symbol ("Na+/K+-ATPase") that the stem
    # names ("sodium reabsorption": round 80)
    mine = _ions(key) - set().union(*(_ions(w) for w in wrong))
    said = set(re.findall(r"[a-z]+", stem.casefold()))
    return found | {name for name in mine if name in said}


_ION = re.compile(r"(?<![\w])([A-Z][a-z]?)(?:[0-9₀-₉]*)(?:[+⁺-]|[²³]?[⁺⁻])(?![\w])")


def _ions(text: str) -> set[str]:
    """The element names of the charged symbols a text writes ("Na+", "K⁺", "Ca²⁺")."""
    return {_ELEMENTS[m.group(1)] for m in _ION.finditer(text) if m.group(1) in _ELEMENTS}


_SMALL_TELLING = frozenset({"below", "above", "under", "over", "inside", "outside", "before",
                            "after", "up", "down", "within", "without", "upper", "lower",
                            "inner", "outer", "high", "low"})  # fmt: skip


def _numbers_named(key: str, wrong: list[str], stem: str) -> set[str]:
    """A number inside the key's name that the stem writes and no wrong option carries
    ("BLOSUM62" under "clustered at 62% identity": round 62)."""
    said = set(re.findall(r"(?<![\d.])\d+(?![\d.])", stem))
    # the product of two of the stem's numbers counts too ("7 per cent … 10 years" above
    # the rule of 70: round 63)
    said |= {str(int(a) * int(b)) for a, b in itertools.combinations(sorted(said), 2)
             if len(a) + len(b) <= 6}
    inside = {n for w in re.findall(r"[A-Za-z]+\d+|\d+[A-Za-z]+", key)
              for n in re.findall(r"\d+", w)}
    inside |= set(re.findall(r"\d+", key)) if not any(re.search(r"\d", o) for o in wrong) else set()
    return {n for n in inside & said if not any(n in re.findall(r"\d+", o) for o in wrong)}


def _initials_named(key: str, wrong: list[str], stem: str) -> set[str]:
    """A key written in single letters ("D-T reaction") whose letters start words the stem
    writes in that order ("of deuterium and tritium": round 62), where no wrong option's
    letters do."""
    def letters(text: str) -> list[str]:
        found = re.search(r"\b([A-Za-z])(?:[-–/]([A-Za-z]))+\b", text)
        return re.findall(r"[A-Za-z]", found.group(0)) if found else []

    def spelled(abbreviation: list[str]) -> bool:
        """The letters start a run of words ("deuterium and tritium"), not scattered ones."""
        if len(set(abbreviation)) != len(abbreviation):
            return False
        run = r"(?:\s*(?:,|and|-|–|/)\s*|\s+)".join(
            rf"{re.escape(letter)}[a-z]{{3,}}" for letter in abbreviation)
        return re.search(rf"\b{run}\b", stem, re.IGNORECASE) is not None

    mine = letters(key)
    if len(mine) >= 2 and spelled(mine) and not any(spelled(letters(o)) for o in wrong
                                                    if len(letters(o)) >= 2):
        return {"-".join(mine)}
    acronym = _acronym_spelled(key, stem)
    if acronym and not any(_acronym_spelled(o, stem) for o in wrong):
        return {acronym}
    counted = _letters_counted(key, stem)
    if counted and not any(_letters_counted(o, stem) for o in wrong):
        return {counted}
    return set()


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _letters_counted(term: str, stem: str) -> str:
    """A name that counts a letter ("the three Fs", "4 Ps") whose words the stem lists: "fair
    rent, fixity of tenure and free sale" (round 70) spells the answer out."""
    found = re.search(r"\b(two|three|four|five|six|seven|[2-7])\s+([A-Z])['’]?s\b", term,
                      re.IGNORECASE)
    if not found:
        return ""
    count = _NUMBER_WORDS.get(found.group(1).casefold()) or int(found.group(1))
    letter = found.group(2)
    starting = [w for w in re.findall(r"[A-Za-z]{3,}", stem) if w[0] in (letter, letter.lower())]
    return found.group(0) if len(starting) >= count else ""


def _acronym_spelled(term: str, stem: str) -> str:
    """An acronym of the term ("ANFO") whose words the stem writes in order, in runs of two
    or more ("ammonium nitrate mixed with about 6% fuel oil": round 65)."""
    found = re.search(r"\b[A-Z]{3,6}\b", term)
    if not found:
        return ""
    words = [w.casefold() for w in re.findall(r"[A-Za-z]+", stem)]
    letters = found.group(0).casefold()

    def match(at: int, i: int, picked: list[int]) -> list[int] | None:
        if i == len(letters):
            return picked
        for j in range(at, min(len(words), at + 4)):
            if words[j][0] == letters[i] and len(words[j]) > 2:
                got = match(j + 1, i + 1, [*picked, j])
                if got is not None:
                    return got
        return None

    for start in range(len(words)):
        picked = match(start, 0, [])
        if picked and all(p - 1 in picked or p + 1 in picked for p in picked):
            return found.group(0)
    return ""


def _telling_small_words(key: str, wrong: list[str], stem: str) -> set[str]:
    """Words of place or order (stopwords elsewhere) that the key has, no wrong option has,
    and the stem writes."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[^\W\d_]+", text.casefold()) if w in _SMALL_TELLING}

    if not wrong:
        return set()
    theirs = set().union(*(words(o) for o in wrong))
    return (words(key) - theirs) & words(stem)


def _letter_part(key: str, stem: str, wrong: list[str]) -> str:
    """A one-letter part of a hyphenated key ("x" of "X-height") that the stem writes as a
    word ("the height of a lowercase x": round 37), where no wrong option has it."""
    parts = re.match(r"([A-Za-z])-[A-Za-z]", key.strip())
    if not parts or parts.group(1).casefold() in ("a", "i"):
        return ""
    letter = parts.group(1).casefold()
    if any(re.match(rf"{letter}-", w.strip(), re.IGNORECASE) for w in wrong):
        return ""
    return letter if re.search(rf"(?<![\w-]){letter}(?![\w-])", stem, re.IGNORECASE) else ""


def _letter_name(key: str, stem: str, wrong: list[str]) -> tuple[str, str] | None:
    """A capital letter that names something in the stem ("T cells") and starts the key
    ("thymus") and no wrong option: the letter points at the key."""
    first = key.strip()[:1].casefold()
    letters = {m.group(1).casefold() for m in re.finditer(r"(?<![\w°-])([A-Z])(?![\w])", stem)
               if not _article(stem, m.start())
               and not stem.startswith("(n)", m.end())}  # "A(n) _____": an article (round 49)
    if first.isalpha() and first in letters and not any(
        w.strip()[:1].casefold() == first for w in wrong
    ):
        return first.upper(), key
    return None


def _article(stem: str, at: int) -> bool:
    """The "A" (or "I") that starts a sentence before a lower-case word: a word, no letter."""
    before = stem[:at].rstrip()
    return (stem[at] in "AI" and (not before or before.endswith((".", ":", "?", "!")))
            and re.match(r"[AI] [a-z]", stem[at:]) is not None)  # fmt: skip


def _clang(key: set[str], stem: set[str], wrong: list[set[str]]) -> tuple[str, str] | None:
    """A stem word that a key word extends by a letter or two ("C3" and "C3b", "TLR" and
    "TLR4"), when no wrong option has such a word: the sound points at the key."""
    for s_word in sorted(stem):
        for k_word in sorted(key):
            if len(s_word) >= 2 and k_word != s_word and k_word.startswith(s_word) and (
                len(k_word) - len(s_word) <= 2
            ) and not any(w.startswith(s_word) for words in wrong for w in words):
                return s_word, k_word
    return None


def _same_root(key: set[str], body: set[str], wrong: list[set[str]]) -> tuple[str, str] | None:
    """A word of the message's own text (not the lead-in, which names the kind) of one root
    with a key word and with no wrong option's ("silicon" beside "Silicates"), or its
    learned adjective ("solar time" above "Sun-synchronous orbit": round 59)."""
    for s_word in sorted(body):
        for k_word in sorted(key):
            if _kin(s_word, k_word) and not any(_kin(s_word, w) for ws in wrong for w in ws):
                return s_word, k_word
    return None


def _kin(a: str, b: str) -> bool:
    return bool(_root(a, b)) or _LEARNED.get(a) == b or _LEARNED.get(b) == a


# English nouns and the Latin or Greek adjectives that mean "of" them: a stem that says
# "solar" names the "Sun" of a key as plainly as the word itself.
_LEARNED = {
    "solar": "sun", "lunar": "moon", "terrestrial": "earth", "marine": "sea",
    "maritime": "sea", "aquatic": "water", "urban": "city", "rural": "country",
    "nocturnal": "night", "diurnal": "day", "annual": "year", "thermal": "heat",
    "fluvial": "river", "arboreal": "tree", "avian": "bird", "nasal": "nose",
    "dental": "tooth", "oral": "mouth", "manual": "hand", "cardiac": "heart",
    "renal": "kidney", "hepatic": "liver", "pulmonary": "lung", "cerebral": "brain",
    "ocular": "eye", "aural": "ear", "paternal": "father", "maternal": "mother",
    "fraternal": "brother", "regal": "king", "royal": "king", "papal": "pope",
    "divine": "god", "mortal": "death", "vital": "life", "verbal": "word",
    "lexical": "word", "visual": "sight", "igneous": "fire", "pedal": "foot",
    "equine": "horse", "canine": "dog", "feline": "cat", "bovine": "cattle",
    "insular": "island", "littoral": "shore", "glacial": "ice", "stellar": "star",
    "sidereal": "star", "magnetic": "magnet", "electric": "electricity",
}  # fmt: skip


ROOT = 5  # letters two words share at the start (or one holds the other) to sound alike
LONG_WORDS = 8  # words this long sound alike with one letter less alike (round 39)


def _root(a: str, b: str) -> str:
    """Two different words of one root, or "": "silicon" and "silicates" (five letters
    alike); "parasympathetic" holding "sympathetic"; one ending or starting the other
    ("factory-made" and "Readymade", "locks" and "locking"); a short word of the other's
    base once a suffix is off ("order" and "ordinal", "salts" and "salinity")."""
    if a == b or not (a.isalpha() and b.isalpha()):
        return ""
    if min(len(a), len(b)) >= ROOT and a[:ROOT] == b[:ROOT]:
        return a[:ROOT]
    if min(len(a), len(b)) >= LONG_WORDS and a[:ROOT - 1] == b[:ROOT - 1]:
        return a[:ROOT - 1]  # a learned stem of four letters: "zygospore", "Zygomycetes"
    short, long_ = sorted((_unplural(a), _unplural(b)), key=len)
    if short == long_:
        return short  # one word in the other number: "debts" beside "Debt deflation"
    if len(short) >= ROOT + 1 and short in long_:
        return short
    if len(short) >= 4 and (long_.startswith(short) or long_.endswith(short)):
        return short
    # the start of a word of six letters or more inside a longer one ("baptis-" of
    # "baptised" in "Anabaptists": round 51)
    start = short[:max(6, -(-3 * len(short) // 4))]
    if len(short) >= 6 and len(start) >= 6 and start in long_:
        return start
    for word, other in ((a, _unplural(b)), (b, _unplural(a))):
        stem = _base(word)
        if len(stem) >= 3 and other.startswith(stem) and len(other) - len(stem) <= 3:
            return stem
    return ""


# Suffixes that derive a word from a shorter base ("ordinal" of "ord-er", "salinity" of
# "sal-t"), longest first.
_SUFFIXES = ("inity", "inal", "ation", "ition", "ment", "ness", "ance", "ence", "ity", "ism",
             "ist", "ous", "ive", "ary", "ory", "ing", "ion", "ic", "al", "ed")  # fmt: skip


def _base(word: str) -> str:
    """The word without the longest derivational suffix that leaves three letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return ""


def _unplural(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word


_QUOTED = re.compile(r"\*[^*]+\*|“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def positive_lead_in(item: QuizItem, _: Glossary) -> RuleFailure | None:
    # a "not" inside a quoted example ("*if it's not too much trouble*") is what someone
    # said, not what the lead-in asks (an educator's report)
    match = _NEGATIVE.search(_QUOTED.sub(" ", lead_in(item.stem)))
    if match:
        return RuleFailure("negative-stem", f"the lead-in asks a negative ('{match.group()}')")
    return None


def lead_in_is_question(item: QuizItem, _: Glossary) -> RuleFailure | None:
    if item.stem.rstrip().endswith("?"):
        return None
    return RuleFailure("lead-in-question", "the lead-in is not a question ending with '?'")


def no_all_none_of_above(item: QuizItem, _: Glossary) -> RuleFailure | None:
    for option in item.options:
        if _ALL_NONE.search(option.text):
            return RuleFailure("all-none-of-above", f"option '{option.text}'")
    return None


def no_lone_absolute(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """ "Always"/"never" in some options only: test-wise examinees rule those out."""
    marked = [o.text for o in item.options if _ABSOLUTE.search(o.text)]
    if marked and len(marked) < len(item.options):
        return RuleFailure("absolute-terms", f"absolute wording in '{marked[0]}'")
    return None


def no_key_pair(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """The key and some wrong options share a word the rest lack ("MHC class I", "MHC
    class II" beside "perforin"): the pair stands out and the item becomes a coin toss
    between them. Words every option shares keep the options parallel and are fine."""
    if item.kind not in ("cloze",) or item.numeric or len(item.options) < 3:
        return None
    words = [{w for w in content_words(o.text) if len(w) >= 3 and not w.isdigit()}
             for o in item.options]  # fmt: skip
    key = next((w for o, w in zip(item.options, words, strict=True) if o.correct), set())
    for word in sorted(key):
        holders = [o.text for o, w in zip(item.options, words, strict=True) if word in w]
        rest = [w for w in words if word not in w]
        if 1 < len(holders) < len(item.options) and not _paired(rest):
            return RuleFailure("key-pair", f"the key shares '{word}' with {holders[1:]} only: "
                               "the pair stands out from the other options")  # fmt: skip
    return None


def _paired(rest: list[set[str]]) -> bool:
    """The other options share a word of their own ("Terrestrial planets", "Dwarf planets"
    beside "Ice giants", "Gas giants"): two pairs, and neither stands out."""
    return len(rest) >= 2 and bool(set.intersection(*rest))


def _sentences(item: QuizItem) -> bool:
    """Every option is a whole statement, not the name of a thing."""
    return all(len(o.text.split()) > NAME_WORDS for o in item.options)


def key_not_odd_one_out(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """Every wrong option shares a word the key lacks ("Peripheral membrane protein",
    "Glycoprotein", "Integral membrane protein" beside "Phospholipid bilayer"): the key
    stands apart as the one of another sort."""
    if item.numeric or _sentences(item) or len(item.options) < 3:
        return None
    key = next((o.text for o in item.options if o.correct), "")
    wrong = [_name_words(o.text) for o in item.options if not o.correct]
    for word in sorted(wrong[0]):
        if len(word) < 5 or any(w.endswith(word) for w in _name_words(key)):
            continue
        if all(any(w.endswith(word) for w in words) for words in wrong[1:]):
            return RuleFailure("key-odd-one-out", f"every wrong option is a '{word}' and the "
                               "key is not: it stands apart")  # fmt: skip
    return None


def key_not_most_specific(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """Names of one head where the key alone carries more qualifiers ("Simple random
    sample" beside "Cluster sample", "Stratified sample"): the most specific option."""
    if item.numeric or _sentences(item) or len(item.options) < 2:
        return None
    words = [o.text.casefold().split() for o in item.options]
    if len({w[-1] for w in words if w}) != 1:
        return None
    key = next((len(w) for o, w in zip(item.options, words, strict=True) if o.correct), 0)
    wrong = [len(w) for o, w in zip(item.options, words, strict=True) if not o.correct]
    if wrong and key > max(wrong):
        return RuleFailure("key-most-specific", "the key alone qualifies the name the options "
                           "share: the most specific option")  # fmt: skip
    return None


def key_not_odd_form(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """A key of several words among two or more one-word wrong options ("Means of
    production" beside "Bourgeoisie" and "Proletariat"; "Grid frequency" beside
    "Curtailment" and "Interconnector"): the key stands apart by its form. Held-out raters
    passed 5 of 30 such ratings (rounds 18-55). The other way round (one word among
    longer names: "Census" beside "Vital registration", "Sample survey") they passed
    58 %, as often as any item, so it stays. Proper names ("Stamford Bridge" beside
    "Clontarf") differ in length by nature."""
    if item.numeric or _sentences(item) or len(item.options) < 3:
        return None
    key = next((o.text for o in item.options if o.correct), "")
    wrong = [o.text for o in item.options if not o.correct]
    if _acronym(key) and not any(_acronym(w) or re.search(r"\b[A-Z]{2,}\b", w) for w in wrong):
        # "CPT" beside "Vane shear test" and "Pressuremeter test" (round 82)
        return RuleFailure("key-odd-form", "the key is the one acronym among written-out "
                           "names: it stands apart by its form")
    # a name with an epithet of place among bare names is no such proper name ("Sargon of
    # Akkad" beside "Lugalzagesi" and "Eannatum": round 72)
    epithet = len(key.split()) >= 3 and " of " in f" {key} "
    if len(key.split()) < 2 or any(len(w.split()) > 1 for w in wrong) or (
            _title_cased(key) and not epithet):
        return None
    return RuleFailure("key-odd-form", f"every wrong option is one word and the key "
                       f"{len(key.split())}: it stands apart by its form")


def _acronym(text: str) -> bool:
    return re.fullmatch(r"[A-Z][A-Z0-9&/-]{1,6}s?", text.strip()) is not None


_PARTICLES = frozenset({"of", "the", "and", "de", "du", "des", "la", "le", "von", "van", "al",
                        "el", "da", "di", "y", "in", "on", "to", "for", "a", "an", "der"})


def _title_cased(text: str) -> bool:
    """Every word but particles starts with a capital: a proper name ("Stamford Bridge",
    "Liber Abaci"), not a term in sentence case ("Choice architecture")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.casefold() not in _PARTICLES]
    return bool(words) and all(w[0].isupper() for w in words)


def _name_words(text: str) -> set[str]:
    return {w for w in content_words(text) if w.isalpha()}


def _echoes(a: str, b: str) -> bool:
    """Two words of one root: a common start of 4 letters or more and most of the shorter
    word ("router" and "routing", "cell" and "cellular"; not "protein" and "protocol")."""
    if a == b and len(a) >= 3:  # "ray" of "Ray tracing" under "Ray tracing" (round 59)
        return True
    if min(len(a), len(b)) >= 3 and a.rstrip("s") == b.rstrip("s"):
        return True  # a short word in the other number: "Key" under "Shafts, keys and …"
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                  min(len(a), len(b)))
    return common >= 4 and common >= 0.6 * min(len(a), len(b))


def _inside(part: str, word: str) -> bool:
    """A word of six letters or more that ends a longer one ("potential" in
    "equipotential", "graph" is too short): the label spells the key's own root."""
    return len(part) >= 6 and len(word) > len(part) and word.endswith(part)


def label_echo(module_title: str, key: str, wrong_options: Sequence[str]) -> str:
    """The key's word a module label echoes, where no wrong option does ("Router" under
    "Routing"), or "": shown above the item, such a label answers it."""
    label = content_words(_unaccented(module_title))
    wrong = [w for o in wrong_options for w in content_words(_unaccented(o))]
    for word in sorted(content_words(_unaccented(key))):
        echoed = next((w for w in sorted(label) if _echoes(word, w) or _inside(w, word)), "")
        if echoed and not any(_echoes(word, w) or _echoes(echoed, w) for w in wrong):
            return word
    return ""


def _unaccented(text: str) -> str:
    """The text without accents: "Cinématographe" echoes "cinema" as "Cinematographe" does."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))  # fmt: skip


def key_not_in_label(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """The module label shown above the item echoes the key and no wrong option: the label
    answers the item. (The generator shows no label above such an item.)"""
    if item.kind == "authored" or item.numeric or not item.shows_module:
        return None
    key = next((o.text for o in item.options if o.correct), "")
    word = label_echo(item.module_title, key, [o.text for o in item.options if not o.correct])
    if word:
        return RuleFailure("key-in-label", f"the module label '{item.module_title}' echoes "
                           f"the key's '{word}' and no wrong option")  # fmt: skip
    return None


def key_not_converged(item: QuizItem, _: Glossary) -> RuleFailure | None:
    """The key is made of the wrong options: its word holds one whole ("Logosyllabic" beside
    "Syllabic"), or it starts like one and ends like another ("Synapomorphy" beside
    "Symplesiomorphy" and "Autapomorphy"): round 46. The option the others converge on is
    the test-wise pick."""
    if item.numeric or _sentences(item) or len(item.options) < 2:
        return None
    key_text = next((o.text for o in item.options if o.correct), "")
    if " " in key_text.strip():
        return None  # names of several words pair their qualifiers ("Nondiegetic sound")
    key = _letters(key_text)
    wrong = [(o.text, _letters(o.text)) for o in item.options
             if not o.correct and " " not in o.text.strip()]  # fmt: skip
    for text, word in wrong:
        if len(word) >= 5 and word != key and word in key:
            return RuleFailure("key-converges", f"the key's word holds '{text}' whole")
    for (a, wa), (b, wb) in itertools.permutations(wrong, 2):
        start, end = _common_start(key, wa), _common_start(key[::-1], wb[::-1])
        if (start >= 2 and _common_start(key, wb) < start and end >= 5
                and end - _common_start(key[::-1], wa[::-1]) >= 2 and start + end >= len(key) - 3):
            return RuleFailure("key-converges", f"the key starts like '{a}' and ends like "
                               f"'{b}': the options converge on it")  # fmt: skip
    return None


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", _unaccented(text).casefold())


def _common_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


RULES: tuple[Callable[[QuizItem, Glossary], RuleFailure | None], ...] = (
    one_key,
    option_count,
    unique_options,
    homogeneous_options,
    key_not_longest,
    key_words_not_in_stem,
    key_not_in_label,
    no_key_pair,
    key_not_odd_one_out,
    key_not_most_specific,
    key_not_odd_form,
    key_not_converged,
    positive_lead_in,
    lead_in_is_question,
    no_all_none_of_above,
    no_lone_absolute,
)


def check_item(item: QuizItem, glossary: Glossary | None = None) -> list[RuleFailure]:
    """Every rule the item breaks, in a fixed order (empty when it is sound)."""
    known = glossary or Glossary()
    return [failure for rule in RULES if (failure := rule(item, known)) is not None]
