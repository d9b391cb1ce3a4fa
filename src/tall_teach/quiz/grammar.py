"""Grammatical fit of a wrong option in the key's place: what the words around the blank
allow (an article or none, a verb's number, a name the stem opens with) and what the
options' own forms say of one another (a law beside a quantity, a short form the stem
writes). A candidate that would not read where the key stands is a cue, whatever the
course says of it, so selection asks here before it weighs the evidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tall_teach.quiz.text import STOPWORDS, occurrences

if TYPE_CHECKING:
    from tall_teach.quiz.evidence import Evidence


def reads_in_stem(
    candidate: str, key: str, message: str, evidence: Evidence, vouched: bool = False
) -> str:
    """Why the candidate would not read in the key's place, or "" when it reads. The
    article rules guess a noun's class from its ending; a wrong answer the author wrote
    for this message (`vouched`) is taken to read in it ("Under multiversion concurrency
    control, …")."""
    context = _blank_context(key, message)
    if not vouched and (
            ((_mass(candidate) or _mass_phrase(candidate)) and needs_article(key)
             and _after_article(key, message))
            or (_after_indefinite(key, message) and _mass_word(candidate))):
        return f"it reads without an article, where the blank has one (\"{context}\")"
    habit = _article_misfit(candidate, key, message, evidence)
    if habit:
        return habit
    pronoun = _pronoun_misfit(candidate, key, message, evidence)
    if pronoun:
        return pronoun
    if _possessive_after_article(candidate, key, message):
        return (f"a name with a possessive after the blank's article (\"the {candidate}\" "
                "does not read)")
    if not vouched and _bare_beside_possessive(candidate, key, message):
        return (f"it needs an article the blank does not have: the key's possessive is its "
                f"own (\"{_blank_context(key, message)}\")")
    if (_after_indefinite(key, message) and _plural_form(candidate.casefold())
            and not _plural_form(key.casefold())):
        # "such as a(n) Analytical procedures" (round 73)
        return f"a plural after the blank's article (\"{context}\")"
    if _named_plural(key, message) and _singular_count(candidate):
        return ("a singular thing where the stem names a plural (\"… are called _____\")")
    if (_named_singular(key, message) and _plural_form(candidate.casefold())
            and not _plural_form(key.casefold())):
        return ("a plural where the stem names one thing (\"a period of cold, called "
                "_____\")")
    doubled = _of_twice(candidate, key, message)
    if doubled:
        return (f"the stem goes on with '{doubled}' after the blank, which this option's own "
                f"\"of\" makes read twice (\"{candidate} {doubled}\")")
    initials = _initials_in(candidate, key, message)
    if initials:
        return f"the stem writes '{initials}', this option's own short form, as something else"
    # a key our noun rules would give an article, written bare ("Tropical rainforest
    # has…"), shows this stem reads such names bare: "Boreal forest has…" reads too
    bare = not vouched and _bare(key, message) and not needs_article(key)
    if bare and (_count_beside_mass(candidate, key) or (
            needs_article(candidate) and not key.endswith("s")
            and not _same_head(candidate, key))):
        return (f"it needs an article the blank does not have (\"{context}\": \"{key}\" reads "
                f"there, \"{candidate}\" does not)")
    disagree = _disagrees(candidate, key, message, evidence)
    if disagree:
        return disagree
    if (_plural_form(key.casefold()) and " " not in candidate.strip()
            and candidate.casefold().endswith("ism")):  # "The Chartism of 1811 broke": round 46
        return "a doctrine or movement in -ism where the key names people or things (a plural)"
    if law_beside_quantity(candidate, key):
        return ("a law or theorem beside a quantity or thing (or the other way round): "
                "options of different kinds")
    predicate = _predicate_misfit(candidate, key, message) or _span_misfit(candidate, key,
                                                                           message)
    if predicate:
        return predicate
    negated = _negates_stem(candidate, key, message)
    if negated:
        return (f"it negates the stem's own '{negated}' (\"an invalid argument is a valid "
                "argument\"): no one picks it")
    if _predicate_adjective(key, message) and not _adjective(candidate):
        return (f"a noun where the stem asks for a quality (\"{_blank_context(key, message)}\": "
                f"\"{key}\" describes, \"{candidate}\" names)")
    if _adjective_for_noun(candidate, key, message):
        return (f"an adjective where the stem's article asks for a noun (\"A "
                f"{candidate.casefold()} …\" beside \"{key}\"): options of different "
                "word classes")
    if _ism_before_noun(candidate, key, message):
        return (f"a noun in -ism where the blank qualifies the next word (\"{candidate} "
                f"{_next_word(key, message)}\" does not read)")
    if _adverbial(candidate) != _adverbial(key):
        return ("a phrase of manner or place beside a name (or the other way round): only "
                "one form reads after the stem's verb (\"painted en plein air\", not "
                "\"painted collage\")")
    slot = _common_slot(key, message)
    if slot and _proper_name(candidate, evidence):
        return (f"a name where the stem asks for a common noun (\"{slot}\": a name takes "
                "no possessive before it and no \"of\" after it)")
    return _compound_start(candidate, key, message, evidence)


def _common_slot(key: str, message: str) -> str:
    """The blank where the message writes a common noun in lower case after a possessive
    ("workers' militias") or between "the" and an "of" phrase ("the collectivisation of
    land"): round 80 offered "workers' Army of Africa" and "the Non-Intervention of land"."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    start, end = spans[0]
    if not message[start:end][:1].islower():
        return ""
    before, after = message[:start], message[end:]
    if _POSSESSIVE.search(before) or (re.search(r"\bthe\s+$", before, re.IGNORECASE)
                                      and re.match(r"\s+of\s+[a-z]", after)):
        return _blank_context(key, message)
    return ""


def _proper_name(candidate: str, evidence: Evidence) -> bool:
    """The course writes the candidate capitalised inside its sentences, never in lower
    case: a name ("Army of Africa", "Non-Intervention"), not a common noun."""
    words = [w for w in candidate.split() if w.casefold() not in ("of", "the", "and", "de")]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    inside = False
    for claim in evidence.mentions(candidate):
        for start, _end in occurrences(claim.text, candidate):
            written = claim.text[start:start + 1]
            if start == 0 or re.search(r"[.!?:;]\s*$|^\W*$", claim.text[:start]):
                continue  # a sentence's first word is capitalised anyway
            if written.islower():
                return False
            inside = True
    return inside or len(words) >= 2


# Endings of one-word adjectives ("corroborated", "incommensurable", "falsifiable").
_ADJECTIVE_ENDINGS = ("ed", "able", "ible", "ous", "ive", "ful", "less", "ical")
# Words after which the blank says what something is or is called: a quality reads there
_PREDICATING = frozenset({"is", "are", "was", "were", "be", "been", "being", "remains",
                          "remain", "becomes", "become", "called", "considered", "deemed",
                          "not"})  # fmt: skip


def _adjective(term: str) -> bool:
    words = term.split()
    return len(words) == 1 and words[0].casefold().endswith(_ADJECTIVE_ENDINGS)


def _predicate_adjective(key: str, message: str) -> bool:
    """The key is one adjective the stem predicates ("rival paradigms are _____", "Popper
    called a theory that has survived severe tests _____"): the options must describe as
    it does; a noun ("Crisis", "Duhem–Quine thesis") reads only as a cue."""
    if not _adjective(key):
        return False
    spans = occurrences(message, key)
    if not spans:
        return False
    before = message[: spans[0][0]].split()
    if before and before[-1].casefold() in _PREDICATING:
        return True
    # "called a theory that has survived severe tests _____": the verb further back
    return any(w.casefold() == "called" for w in before[-8:])


def _adjective_for_noun(candidate: str, key: str, message: str) -> bool:
    """A one-word adjective ("Well-conditioned", "Corroborated") where the key is a name
    the stem's article introduces and nothing follows for it to qualify ("A _____ near
    10ᵏ means…" above "Condition number": round 56)."""
    word = candidate.strip().casefold()
    if " " in word or not (word.endswith(("ous", "ible", "able", "ful", "less"))
                           or (word.endswith("ed") and ("-" in word or len(word) >= 8))):
        return False
    if _adjective(key) or key.casefold().endswith(("ed", "ing")):
        return False
    spans = occurrences(message, key)
    if not spans:
        return False
    before = message[: spans[0][0]].split()
    after = re.match(r"\s*([\w'-]+)", message[spans[0][1]:])
    follows = after.group(1).casefold() if after else ""
    # a name of several words heads its phrase; one word may qualify the next ("A _____
    # lake"), and then only if nothing follows does it stand as a noun
    return bool(before) and before[-1].casefold() in ("a", "an", "the") and (
        " " in key.strip() or not follows or follows in STOPWORDS)


_MALE = frozenset({"he", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})


def _gender_after(text: str, start: int) -> str:
    """ "m" or "f" when the pronouns after `start`, to the sentence's end, are of one
    gender ("overthrew his father … by his own son"), else "". "him" is left out: it is
    more often someone else ("Rhea gave him a stone")."""
    rest = re.split(r"[.!?;]", text[start:], maxsplit=1)[0]
    words = re.findall(r"[a-z]+", rest.casefold())
    male = sum(w in _MALE for w in words)
    female = sum(w in _FEMALE for w in words)
    return "m" if male and not female else "f" if female and not male else ""


def _course_gender(term: str, evidence: Evidence) -> str:
    """The gender the course's pronouns give a person: "f" for Rhea ("Rhea gave him a
    stone … instead of her last son"), "" when they disagree or there are none."""
    found = set()
    for claim in evidence.mentions(term):
        for _start, end in occurrences(claim.text, term):
            gender = _gender_after(claim.text, end)
            if gender:
                found.add(gender)
    return found.pop() if len(found) == 1 else ""


def _pronoun_misfit(candidate: str, key: str, message: str, evidence: Evidence) -> str:
    """A person of the other gender than the stem's pronouns for the key ("_____ overthrew
    his father" above Rhea: round 60). The key must be of the stem's gender in the course
    too, so a pronoun of someone else ("Zeus swallowed _____, his first wife") asks
    nothing."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    stem = _gender_after(message, spans[0][1])
    if not stem or _course_gender(key, evidence) not in (stem, ""):
        return ""
    other = _course_gender(candidate, evidence)
    if other and other != stem:
        word = "his" if stem == "m" else "her"
        return f"the stem's pronouns ('{word}') are of the other gender than the course's for it"
    return ""


def _next_word(key: str, message: str) -> str:
    spans = occurrences(message, key)
    after = re.match(r"\s+([a-z]+)\b", message[spans[0][1]:]) if spans else None
    return after.group(1) if after else ""


def _ism_before_noun(candidate: str, key: str, message: str) -> bool:
    """The blank qualifies the noun after it ("_____ architecture uses curved walls") and
    the key reads as a qualifier ("Baroque"), but the candidate is a noun in -ism
    ("Modernism architecture" does not read)."""
    last = candidate.split()[-1].casefold() if candidate.split() else ""
    if not last.endswith("ism") or key.casefold().endswith("ism") or _plural_form(key):
        return False  # a plural key is the subject, no qualifier ("the Stolypin reforms let")
    word = _next_word(key, message)
    return bool(word) and word not in _NOT_NOUNS and not word.endswith(("s", "ed", "ly"))


# words after a blank that are no noun it could qualify
_NOT_NOUNS = frozenset({"is", "are", "was", "were", "has", "have", "had", "can", "could",
                        "will", "would", "may", "might", "must", "should", "does", "do",
                        "and", "or", "of", "in", "on", "to", "for", "with", "by", "at",
                        "from", "as", "that", "which", "who", "than", "the", "a", "an",
                        "uses", "began", "became", "took", "made", "shows", "builds"})  # fmt: skip


# Prefixes by which a word negates another ("invalid", "unsound", "nonpolar", "atypical").
_NEGATING = ("un", "in", "im", "il", "ir", "non", "non-", "dis", "a")


def _negates_stem(candidate: str, key: str, message: str) -> str:
    """The stem word (outside the blank) that a word of the candidate negates by a prefix
    ("invalid" beside "a valid argument"), or ""."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    start, end = spans[0]
    stem_words = {w.casefold() for w in re.findall(r"[A-Za-z]+", message[:start] + " "
                                                    + message[end:]) if len(w) >= 4}  # fmt: skip
    for word in re.findall(r"[A-Za-z-]+", candidate.casefold()):
        for prefix in _NEGATING:
            if word.startswith(prefix) and word[len(prefix):] in stem_words:
                return word[len(prefix):]
    return ""


# Prepositions that open a phrase of manner or place, loan phrases included ("en plein
# air", "in vitro", "ad hoc", "a cappella" aside: "a" is the article too).
_OPENING_PREPOSITIONS = frozenset({
    "in", "on", "at", "by", "under", "over", "through", "with", "without", "en", "ad", "ex",
    "per", "sub", "à", "au", "alla", "al",
})  # fmt: skip


def _adverbial(term: str) -> bool:
    """The term opens with a preposition: it says how or where, it names nothing."""
    words = term.split()
    return len(words) >= 2 and words[0].casefold() in _OPENING_PREPOSITIONS


_DETERMINERS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "your", "my", "each", "every", "no", "any", "some", "one", "either", "neither",
    "another", "such", "whose", "which", "what",
})  # fmt: skip
# Endings of nouns read without an article ("resonance", "hyperconjugation", "therapy").
_MASS_ENDINGS = ("ion", "ance", "ence", "ism", "ity", "ing", "ure", "ment", "y", "ics", "ness",
                 "age", "ise", "ize", "sis")  # fmt: skip


# Words after which a noun phrase starts afresh: a determiner before them is not the key's.
_PHRASE_BREAKS = frozenset({
    "because", "and", "or", "but", "of", "in", "on", "by", "with", "from", "to", "for", "as",
    "at", "than", "via", "into", "through", "is", "are", "was", "were", "be", "has", "have",
    "when", "while", "if", "that", "so",
})  # fmt: skip


# Endings of adjectives: after an adverb ("perfectly inelastic") the phrase is no noun and
# takes no article.
ADJECTIVE_ENDINGS = ("ic", "al", "ive", "ous", "ful", "less", "able", "ible", "ary", "ant",
                      "ent")  # fmt: skip


def _bare(key: str, message: str) -> bool:
    """The message writes the key, in the singular, with no determiner before it ("because
    resonance spreads"): what fills the blank must read without one too. (A plural key's
    options are shown in the plural, which needs none.) A determiner one modifier back
    still serves the blank ("A binding _____ causes a shortage")."""
    spans = occurrences(message, key)
    if not spans:
        return False
    before = [w.casefold() for w in re.findall(r"[^\W\d_]+|\d+", message[: spans[0][0]])]
    if not before:
        return True
    if _that_clause(before):
        return True  # "Schudson argues that _____ became": a clause starts bare
    if before[-1] in _DETERMINERS or _POSSESSIVE.search(message[: spans[0][0]]):
        return False  # "Lijphart's _____" is determined as "the _____" is
    modifier = before[-1] not in _PHRASE_BREAKS and not message[: spans[0][0]].rstrip().endswith(
        (",", ";", ":", "(")
    )
    return not (modifier and len(before) > 1 and before[-2] in _DETERMINERS)


_CLAUSE_VERBS = frozenset({"said", "held", "found", "thought", "knew", "showed", "shown",
                           "meant", "taught", "wrote", "saw", "felt"})  # fmt: skip


def _that_clause(before: list[str]) -> bool:
    """ "that" after a verb of saying or thinking ("argues that", "showed that") starts a
    clause, where it determines nothing."""
    if len(before) < 2 or before[-1] != "that":
        return False
    verb = before[-2]
    return verb in _CLAUSE_VERBS or (verb not in ("has", "does", "this", "thus", "as", "less")
                                     and verb.endswith(("s", "ed")) and len(verb) > 3)


_POSSESSIVE = re.compile(r"\w(?:['’]s|s['’])\s+$")  # "Lijphart's ", "the voters' "
_SINGULAR_VERBS = frozenset({"is", "has", "was", "does"})
_PLURAL_VERBS = frozenset({"are", "have", "were", "do"})


# Words before the blank that count a plural ("has six _____": round 37).
_COUNTING = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "hundred", "thousand", "many", "several", "few", "these", "those",
    "both", "various", "numerous", "multiple"})  # fmt: skip


def _plural_form(phrase: str) -> bool:
    """The phrase's head is a plural: its last word, or the word before "of" ("Points of
    difference")."""
    phrase = re.split(r"\s+of\s+", phrase, maxsplit=1)[0]
    words = phrase.split()
    last = words[-1] if words else ""
    # a name's plural head counts too ("Theodosian Walls was rebuilt": round 42), not a
    # one-word name that ends in -s ("Athens")
    named = len(words) > 1 and last[:1].isupper() and last[1:].islower()
    if re.fullmatch(r"[A-Z]{2,}s", last):
        return True  # initials in the plural: "Left SRs", "NGOs"
    # Latin -tas nouns are singular ("communitas", "caritas": a religion course's writer);
    # "series" and "species" are either ("the Fourier series is": an educator's report)
    return ((last.islower() or named) and last.endswith("s")
            and not last.endswith(("ss", "us", "is", "tas"))
            and last.casefold() not in ("series", "species", "news"))


def _latin_plural(word: str) -> bool:
    """One lower-case word among the Latin plurals in -i ("tophi", "villi"): a plural,
    though it ends in no -s ("Tophi, an acute flare …, is": round 84). Read from a list:
    a name's genitive ("Axis mundi") and singular words in -i ("jeli") are no plurals."""
    return " " not in word.strip() and word in _LATIN_I_PLURALS


# Latin plurals in -i of nouns in -us that courses write (a list: "jeli", "envoi" and
# "Gankogui" end in -i and are singular)
_LATIN_I_PLURALS = frozenset({
    "tophi", "villi", "bacilli", "alveoli", "calculi", "emboli", "thrombi", "nuclei", "fungi",
    "cacti", "stimuli", "radii", "foci", "loci", "naevi", "nevi", "glomeruli", "sulci", "gyri",
    "bronchi", "menisci", "acini", "fasciculi", "humeri", "syllabi", "termini", "alumni",
    "magi", "modi", "nimbi", "cumuli", "stratocumuli", "hippopotami", "octopi", "genii",
})  # fmt: skip


def _written_lower(term: str, evidence: Evidence) -> bool:
    """The course writes the term in lower case inside a sentence ("look for tophi")."""
    if not term[:1].isupper():
        return False
    lower = term[:1].lower() + term[1:]
    return any(re.search(rf"(?<=[a-z,;] ){re.escape(lower)}(?![\w-])", claim.text)
               for claim in evidence.mentions(term))


def _plural_name(name: str, evidence: Evidence) -> bool:
    """A one-word name in -s that the course also writes in the singular or after "the":
    "Bolsheviks" (a "Bolshevik seizure of power"), not "Athens" (a Russian Revolution
    course's writer)."""
    if " " in name.strip() or not name[:1].isupper() or not name.endswith("s") or name.endswith(
            ("ss", "us", "is")):
        return False
    # the singular written, or the name after "the" (a people or a party, where no town
    # is "the Athens")
    one = re.compile(rf"(?<![\w-])(?:{re.escape(name[:-1])}|(?i:the)\s+{re.escape(name)})(?![\w-])")
    return any(one.search(claim.text) for claim in evidence.mentions(name))


def _disagrees(candidate: str, key: str, message: str, evidence: Evidence) -> str:
    """The verb after the blank agrees with the key only ("The ocean has taken up…":
    "soils has" does not read)."""
    if _plural_form(key) and _plural_name(candidate, evidence):
        return ""
    spans = occurrences(message, key)
    if not spans:
        return ""
    counted = re.search(r"(?:^|\s)(\w+)\s*$", message[: spans[0][0]])
    if (counted and counted.group(1).casefold() in _COUNTING and _plural_form(key)
            and not _plural_form(candidate)):
        return f"singular, where the stem's '{counted.group(1)}' counts a plural key"
    verb = _verb_after(message[spans[0][1]:])
    # a glossary that capitalises its entries ("Glucocorticoids", "Tophi") still lists
    # common nouns when the course writes them in lower case
    common = candidate.casefold() if _written_lower(candidate, evidence) else candidate
    if (_plural_form(common) or _latin_plural(common)) and not _plural_form(key) and (
            verb in _SINGULAR_VERBS or _plain_singular_verb(verb)):
        return f"plural, where the stem's '{verb}' agrees with a singular key"
    if _plural_form(key) and not _plural_form(candidate) and (
            verb in _PLURAL_VERBS or _plain_plural_verb(verb)):
        return f"singular, where the stem's '{verb}' agrees with a plural key"
    last = candidate.split()[-1].casefold() if candidate.split() else ""
    # a key that takes a plain plural verb with its object is a plural, whatever its form
    # ("The vasa recta supply the medulla": "The afferent arteriole supply" does not read,
    # round 80); a candidate that may be a foreign plural itself is left alone
    opening = not [w for w in message[: spans[0][0]].split() if w.casefold() not in (
        "the", "a", "an")]  # the key opens the sentence: the verb is its own
    acting = re.match(r"\s+([a-z]+)\s+(?:the|a|an|its|their|this|these|those|his|her)\b",
                      message[spans[0][1]:])
    if (opening and acting and _plain_plural_verb(acting.group(1))
            and acting.group(1) not in _PREPOSITIONS and not _plural_form(candidate)
            and not last.endswith(("i", "a", "ae", "s"))):
        return f"singular, where the stem's '{acting.group(1)}' agrees with a plural key"
    # a plural in a foreign form shows itself by its verb ("Missi dominici were royal
    # envoys": "Mayor of the palace were" does not read, round 74)
    if opening and verb in ("are", "were") and not _plural_form(key) and not _plural_form(
            candidate) and not (
            last.endswith(("i", "a", "ae")) or (last.endswith("s") and not last.endswith(
                ("ss", "us", "is")))):
        return f"singular, where the stem's '{verb}' agrees with a plural key"
    return ""


# A list of examples set off by commas may hold commas of its own ("_____, such as
# teachers, police officers and social workers, shape policy"): it runs to the last
# comma before the verb.
_EXAMPLES = re.compile(
    r"\s*,\s*(?:such as|including|like|e\.g\.|for example|notably)\b[^;:()]{1,160}?"
    r"\band\b[^,;:()]{1,60},\s+([A-Za-z]+)", re.IGNORECASE)


# An "of" phrase between the blank and its verb ("_____ of the torso is the core
# principle": round 45): up to four words, then a verb of being or having; or one word
# after a determiner, then any verb.
_OF_PHRASE = re.compile(
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(is|are|was|were|has|have)\b", re.IGNORECASE)
_OF_ONE = re.compile(r"\s+of\s+(?:the|a|an|his|her|its|their)\s+[a-z][\w'’-]*\s+([a-z]+)\b")
# a short phrase of manner or place between the blank and a verb in -s ("_____ in low
# dose treats a gout flare": round 84)
_PREP_PHRASE = re.compile(
    r"\s+(?:in|at|with|by|on|for|from)\s+(?:[a-z][\w'’-]*\s+){0,2}?"
    r"(is|has|was|does|[a-z]{3,}[^s\W]s)\b")
# an "of" list of one-word kinds ("_____ of zinc, aluminium or magnesium need no power":
# round 79), then any verb
_OF_LIST = re.compile(
    r"\s+of\s+[a-z][\w'’-]*(?:,\s+[a-z][\w'’-]*)*,?\s+(?:or|and)\s+[a-z][\w'’-]*\s+([a-z]+)\b")


# A participle phrase between the blank and its verb ("Auxin made in the shoot tip moves":
# round 48): the participle, a preposition, up to three words, then a verb of being or
# having or one in -s.
_PARTICIPLE = re.compile(
    r"\s+(?:[a-z]+ed|made|found|produced|built|grown|known|seen|given|taken|held|kept|"
    r"written|formed|born|worn|shown|done)\s+(?:in|at|on|by|from|of|for|with|into|under|"
    r"near|along|within)\s+(?:[\w'’-]+\s+){0,3}?(is|are|was|were|has|have|[a-z]{3,}[^s\W]s)\b")


def _verb_after(rest: str) -> str:
    """The word after the blank, after a phrase set off by commas ("_____, such as laws
    and moral rules, are external …": "Positivism … are" does not read either), or after
    a short "of" phrase."""
    after = (_OF_PHRASE.match(rest) or _OF_ONE.match(rest) or _OF_LIST.match(rest)
             or _PARTICIPLE.match(rest) or _PREP_PHRASE.match(rest)
             or re.match(r"\s+([a-z][A-Za-z]*)", rest)  # "April Theses Lenin": no verb
             or _EXAMPLES.match(rest) or re.match(r"\s*,[^,;:]{1,80},\s+([A-Za-z]+)", rest))
    return after.group(1).casefold() if after else ""


# Words that may follow a subject without being a present-tense verb of one number:
# modals, adverbs, prepositions, conjunctions, relatives, determiners.
_NOT_PLAIN_VERBS = frozenset({
    "can", "could", "may", "might", "must", "shall", "should", "will", "would", "did",
    "had", "also", "often", "only", "then", "still", "always", "never", "usually", "all",
    "both", "each", "in", "of", "on", "at", "to", "for", "with", "by", "from", "and", "or",
    "but", "nor", "that", "which", "who", "whom", "whose", "as", "than", "the", "a", "an",
    "such", "like", "including", "not", "no", "their", "its", "this", "these", "those",
    "under", "over", "into", "between", "within", "without", "after", "before", "during",
    "per", "via", "versus", "vs", "so", "yet", "if", "when", "where", "while", "because",
    # verbs whose past tense is their plain form ("the Stolypin reforms let peasants leave":
    # war communism let them too)
    "let", "put", "set", "cut", "hit", "read", "spread", "cast", "cost", "shut", "hurt",
    "quit", "split", "bid", "beat", "burst", "thrust", "upset", "broadcast", "forecast",
    # irregular past tenses agree with either number ("the Socialist Revolutionaries won")
    "won", "lost", "took", "made", "gave", "became", "began", "brought", "built", "fought",
    "found", "held", "kept", "led", "left", "met", "paid", "said", "sent", "sold", "stood",
    "struck", "taught", "told", "thought", "wrote", "rose", "fell", "grew", "drew", "ran",
    "saw", "came", "went", "knew", "got", "bore", "broke", "chose", "drove", "fed", "felt",
    "fled", "flew", "froze", "hung", "laid", "lay", "meant", "rode", "sang", "sank", "sat",
    "shook", "shot", "sought", "spoke", "spent", "stole", "stuck", "swore", "swept",
    "threw", "tore", "understood", "undertook", "withdrew", "wore", "overthrew", "overcame",
    "forbade", "slew", "dealt", "heard", "wound", "bound", "ground",
})  # fmt: skip


def _plain_singular_verb(word: str) -> bool:
    """A present-tense verb of a singular subject ("The hard problem asks", not "problems
    asks"): a lower-case word in -s after the subject that is no function word, no
    "-ss", "-us" or "-is" noun."""
    return (len(word) >= 4 and word not in _NOT_PLAIN_VERBS and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "ous")))


def _plain_plural_verb(word: str) -> bool:
    """A present-tense verb that agrees with a plural subject only ("bureaucrats shape",
    not "gap shape"): a lower-case word after the subject that is none of the words above
    and has no ending of a singular verb, past tense, participle or adverb."""
    return (len(word) >= 3 and word not in _NOT_PLAIN_VERBS
            and (word in _EED_VERBS or word in _LY_VERBS
                 or not word.endswith(("s", "ed", "ing", "ly", "en"))))


# verbs in -ly, no adverbs ("The vasa recta supply the medulla": round 80)
_LY_VERBS = frozenset({"supply", "apply", "reply", "imply", "comply", "multiply", "rely",
                       "fly", "ally", "rally", "tally"})
_PREPOSITIONS = frozenset({"through", "throughout", "toward", "towards", "across", "along",
                           "around", "among", "amongst", "upon", "onto", "beside", "beyond",
                           "against", "despite", "inside", "outside", "past", "until", "unlike",
                           "near", "behind", "below", "above", "beneath", "underneath"})


# present tenses in -ed ("anodes of zinc need no power": round 79), not past ones (freed)
_EED_VERBS = frozenset({"need", "exceed", "succeed", "proceed", "feed", "bleed", "breed",
                        "speed", "heed", "seed", "embed", "shed", "shred", "wed"})


# Heads of the names of statements (a law, a theorem): never options beside things or
# quantities ("central limit theorem" among "standard error", "margin of error").
_STATEMENT_HEADS = frozenset({"theorem", "law", "laws", "rule", "principle", "equation",
                              "paradox", "postulate", "conjecture", "hypothesis"})  # fmt: skip


# Heads of the names of quantities a course measures (the other side of that rule).
_QUANTITY_HEADS = frozenset({"error", "interval", "level", "rate", "ratio", "value", "deviation",
                             "factor",
                             "coefficient", "distribution", "variance", "mean", "median",
                             "statistic", "score", "margin", "constant", "size"})  # fmt: skip


def _statement_head(term: str) -> bool:
    words = term.casefold().split()
    return len(words) > 1 and words[-1] in _STATEMENT_HEADS


def _quantity_head(term: str) -> bool:
    """ "standard error", and a hyphened name's last part too: "P-value", "z-score" (a
    P-value's one wrong answer was the alternative hypothesis: round 45)."""
    words = term.casefold().split()
    return bool(words) and (words[-1] in _QUANTITY_HEADS
                            or words[-1].rsplit("-", 1)[-1] in _QUANTITY_HEADS)


def law_beside_quantity(candidate: str, key: str) -> bool:
    """One names a law or theorem and the other a quantity ("central limit theorem" beside
    "standard error"); two named changes may stand together ("Grimm's Law", "Great Vowel
    Shift")."""
    def measured(term: str) -> bool:  # "hydrostatic pressure" beside Pascal's law (round 74)
        return _quantity_head(term) or _head(term) in _CHANGING_HEADS

    return (_statement_head(candidate) and measured(key)) or (
        _statement_head(key) and measured(candidate))


# Verbs whose subject is a statement or a view ("the Betz limit says that", "the domino
# theory held that"): a thing or an aid programme does not say or hold (round 36).
_SAYING = frozenset({"says", "said", "states", "stated", "holds", "held", "argues", "argued",
                     "claims", "claimed", "asserts", "asserted", "maintains", "predicts",
                     "predicted", "proposes", "proposed", "posits", "posited"})  # fmt: skip
# Heads of names that can say or hold something, besides laws and theorems.
_SAYING_HEADS = _STATEMENT_HEADS | frozenset({
    "theory", "theories", "thesis", "doctrine", "model", "argument", "view", "limit",
    "criterion", "interpretation", "approach", "school", "hypothesis", "account", "effect",
    "conjecture", "postulate", "axiom", "statement", "definition", "principle"})  # fmt: skip
# Verbs of a quantity that changes ("the grid frequency falls when…"): curtailment or an
# interconnector does not fall (round 36).
_CHANGING = frozenset({"falls", "fell", "rises", "rose", "drops", "dropped", "increases",
                       "increased", "decreases", "decreased", "doubles", "doubled", "halves",
                       "halved", "grows", "grew"})  # fmt: skip
_CHANGING_HEADS = _QUANTITY_HEADS | frozenset({
    "frequency", "speed", "velocity", "pressure", "temperature", "density", "voltage",
    "current", "power", "energy", "price", "output", "income", "rate", "population",
    "demand", "supply", "height", "length", "mass", "weight", "volume", "concentration",
    "resistance", "capacity", "capacitance", "efficiency", "yield", "wage", "wages",
    "inflation", "unemployment", "growth", "index", "count", "number", "share", "cost",
    "costs", "revenue", "profit", "tension", "force", "torque", "flux", "intensity",
    "amplitude", "wavelength", "period", "altitude", "depth", "salinity", "humidity",
    "resolution", "magnification", "brightness", "luminosity", "range", "distance",
    "angle", "slope", "gradient", "stress", "strain", "modulus", "momentum", "charge",
    "area", "time", "age", "duration", "discharge", "flow", "head", "elevation", "width",
    "radius", "diameter", "thickness", "load", "strength", "stiffness", "viscosity"})


def _predicate_misfit(candidate: str, key: str, message: str) -> str:
    """The verb after the blank takes the key's sort of subject and not the candidate's:
    a statement says or holds, a quantity falls or rises. Only where the key's own head
    is of that sort, so a name the lists do not know is left alone."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    verb = _verb_after(message[spans[0][1]:])
    head, other = _head(key), _head(candidate)
    if verb in _SAYING and head in _SAYING_HEADS and other not in _SAYING_HEADS and not (
            other.endswith(("ism", "isms", "tion", "ity"))):  # a thesis named by one noun
        return (f"the stem's '{verb}' needs a statement or a view, as the key is, and this "
                "option names a thing")
    # "… is 5", "A _____ of 0 means" (round 62: a Lorenz curve beside the Gini coefficient)
    valued = re.match(r"\s+(?:is|are|was|were|equals|of)\s+(?:about\s+|roughly\s+)?[−-]?(\d+)",
                      message[spans[0][1]:])
    # "The October Manifesto of 1905" dates the key, it gives it no value
    dated = valued and re.fullmatch(r"1\d{3}|20\d\d", valued.group(1)) and not re.match(
        r"[\d.,]*\s*%", message[spans[0][1] + valued.end():])
    if valued and not dated and (other in _SAYING_HEADS or other in _PICTURE_HEADS
                   or other.endswith(("ism", "sis"))):
        return ("a law, a doctrine or a curve where the stem gives the key a value (\"… is 5\""
                ", \"a _____ of 0\" needs a quantity)")
    # "a _____ of 5% of critical": only a ratio or a share is a percentage (round 63: mass
    # and natural period beside the damping ratio)
    percent = re.match(r"\s+(?:is|are|was|were|equals|of)\s+(?:about\s+|roughly\s+)?[\d.,]+\s*"
                       r"(?:%|per\s*cent)", message[spans[0][1]:])
    if percent and head in _SHARE_HEADS and other not in _SHARE_HEADS:
        return ("a quantity with a unit where the stem gives the key a percentage, as only a "
                "ratio or a share takes")
    # "the reduction of the compact's total _____" (round 72: green body beside surface
    # energy): what is totalled, reduced or raised is a quantity
    measured = re.search(r"(?:\b(?:total|net|average|mean)|\b(?:reduction|increase|decrease|"
                         r"rise|fall|change|drop|gain|loss)\s+(?:of|in)\s+(?:the\s+)?"
                         r"(?:[\w'’-]+\s+){0,2})\s*$", message[: spans[0][0]], re.IGNORECASE)
    if measured and head in _CHANGING_HEADS and other not in _CHANGING_HEADS and not (
            other.endswith(("ity", "ance", "ence", "ness", "ion"))):
        return ("a thing where the stem measures the key (\"total\", \"reduction of\"): only a "
                "quantity reads there")
    if verb in _CHANGING and head in _CHANGING_HEADS and other not in _CHANGING_HEADS:
        return (f"the stem's '{verb}' needs a quantity, as the key is, and this option "
                "names no quantity")
    return ""


# Heads of names of spans of time: "during the _____" takes one of them, or a process.
_SPAN_HEADS = frozenset({
    "period", "phase", "stage", "era", "age", "epoch", "eon", "interval", "cycle",
    "war", "wars", "reign", "revolution", "dynasty", "century", "decade", "years", "year",
    "season", "winter", "summer", "spring", "autumn", "night", "day", "window", "time",
    "lifetime", "youth", "childhood", "infancy", "adolescence", "pregnancy", "gestation",
    "occupation", "siege", "campaign", "crisis", "depression", "boom", "recession",
    "regime", "rule", "administration", "presidency", "republic", "empire", "kingdom",
    "movement", "renaissance", "reformation", "enlightenment", "event", "episode",
    "state", "sleep", "transition", "session", "trial", "outbreak", "epidemic", "pandemic",
})  # fmt: skip
# Endings of names of processes and events, which last too ("during mitosis",
# "during replication", "during fasting").
_LASTING_ENDINGS = ("tion", "sion", "sis", "ing", "ment", "ance", "ence", "ure", "ism",
                    "ysis", "age", "al")


def _span_misfit(candidate: str, key: str, message: str) -> str:
    """ "During the _____" takes a span of time or a process, as the key is ("eclipse
    period"), and not a quantity or a thing ("During the burst size": round 67); a key
    named a period stands beside spans of time or processes only, wherever the blank is."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    other = _head(candidate)
    if other in _SPAN_HEADS or not other.isalpha() or (
            other.endswith(_LASTING_ENDINGS) and other not in _THINGS_IN_TION):
        return ""
    if _head(key) in _PERIODS:  # "The _____, about two months without milking": round 71
        return f"'{key}' names a span of time and '{candidate}' does not: options of two kinds"
    before = re.findall(r"[^\W\d_]+", message[: spans[0][0]].casefold())[-2:]
    if "during" not in before and "throughout" not in before:
        return ""
    if _head(key) not in _SPAN_HEADS:
        return ""
    return (f"\"during\" takes a span of time or a process, as '{key}' is, and "
            f"'{candidate}' names neither")


# Nouns in -tion that name things, not processes that last ("water balance equation").
_THINGS_IN_TION = frozenset({"equation", "station", "population", "nation", "function",
                             "section", "position", "solution", "question", "institution",
                             "constitution", "organisation", "organization", "foundation",
                             "collection", "association", "federation", "corporation"})
# Heads that name nothing but a span of time ("dry period", "residence time"); "phase"
# and "cycle" name other things too ("linear phase", "carbon cycle").
_PERIODS = frozenset({"period", "stage", "interval", "era", "epoch", "age", "time", "window",
                      "season", "years", "decade", "century"})


# Heads of names of quantities that are percentages by nature.
_SHARE_HEADS = frozenset({"ratio", "rate", "share", "fraction", "percentage", "proportion",
                          "coefficient", "index", "efficiency", "yield"})  # fmt: skip
# Heads of names of pictures of data: a curve or a diagram takes no value.
_PICTURE_HEADS = frozenset({"curve", "diagram", "graph", "plot", "chart", "map", "pyramid"})


def _head(phrase: str) -> str:
    """A name's head noun: its last word, or the last before "of" ("law of diminishing
    returns" is a law)."""
    words = re.split(r"\s+of\s+", phrase.casefold(), maxsplit=1)[0].split()
    return words[-1] if words else ""


def _compound_start(candidate: str, key: str, message: str, evidence: Evidence) -> str:
    """The message opens with a word that makes one name with the key ("Rock weathering
    removes CO₂"): another term reads there only if the course writes it so ("rock
    respiration" it never does)."""
    spans = occurrences(message, key)
    if not spans:
        return ""
    before = message[: spans[0][0]].split()
    if len(before) != 1 or not before[0][:1].isupper() or not before[0].isalpha():
        return ""
    word = before[0]
    lower = word.casefold()
    if lower in _DETERMINERS or lower in STOPWORDS or lower.endswith((*ADJECTIVE_ENDINGS, "ed")):
        return ""  # an adjective reads before any term ("Atmospheric methane")
    phrase = re.compile(rf"\b{re.escape(word)}\s+{re.escape(candidate)}\b", re.IGNORECASE)
    if any(phrase.search(c.text) for c in evidence.claims):
        return ""
    return f"the stem's '{word} _____' makes one name with the key only"


def _same_head(candidate: str, key: str) -> bool:
    """The key, read bare, shows its head noun needs no article ("Rhyolitic magma is
    viscous": "basaltic magma" reads there as well)."""
    words = key.casefold().split()
    if any(w.endswith(("'s", "’s")) for w in words):
        return False  # "Wien's law" is bare for its possessive: "the Stefan-Boltzmann law"
    return candidate.casefold().split()[-1:] == words[-1:]


def _count_beside_mass(candidate: str, key: str) -> bool:
    """One word each: the key reads bare as a mass noun or a process ("Blending joins…"),
    the candidate is a thing that needs "An" ("Acronym joins…"). The rule guesses from
    endings and refuses some that read ("speed" beside "Displacement"): a guess that
    declines, never one that lets a misfit through; the author's own wrong answers are
    not held to it."""
    return (" " not in key.strip() and " " not in candidate.strip() and candidate.islower()
            and key.casefold().endswith(_MASS_ENDINGS) and not _mass(candidate)
            and not candidate.endswith("s"))  # fmt: skip


def _mass(candidate: str) -> bool:
    """One lower-case word read without an article ("spectroscopy", "resonance")."""
    return (" " not in candidate.strip() and candidate.islower()
            and candidate.endswith(_MASS_ENDINGS) and not candidate.endswith("s"))  # fmt: skip


# Endings of a last word that make a phrase a mass noun even when a name starts it
# ("Compton scattering", "libertarian paternalism"): "the" or "a" before them misreads.
_MASS_PHRASE_ENDINGS = ("ism", "ing", "ness", "ics", "itis")  # "itis": "The … nephritis combines"


def _article_misfit(candidate: str, key: str, message: str, evidence: Evidence) -> str:
    """A name the course writes only with "the" where the blank has none ("Great Palace
    was rebuilt"), or only without it where the blank has "the" ("at the Manzikert"):
    round 42. Read from the course's own usage, so a name it never writes is left alone."""
    if not candidate[:1].isupper():
        return ""
    spans = occurrences(message, key)
    if not spans:
        return ""
    before = message[: spans[0][0]].split()
    has_the = bool(before) and before[-1].casefold() == "the"
    # any determiner before it counts as an article: "a PV bus" is a common noun, which
    # reads after "the" as well (a power-systems writer's report)
    pattern = re.compile(rf"(\b(?:the|a|an|each|every|this|that|its|their)\s+)?(?<![\w-])"
                         rf"{re.escape(candidate)}(?![\w-])", re.IGNORECASE)
    with_the = without = definite = 0
    for claim in evidence.mentions(candidate):
        # a label in a cell ("| Satavahanas | Deccan |") is no running text, but a cell
        # that writes "the" does ("| the Portuguese Synagogue (1675) |": round 71)
        label = claim.kind in ("table row", "chart")
        for m in pattern.finditer(claim.text):
            the = bool(m.group(1)) and m.group(1).split()[0].casefold() == "the"
            definite += the
            if label:
                with_the += the
            elif m.start() == 0 or m.group(1):
                with_the += bool(m.group(1))
                without += not m.group(1) and m.start() != 0
            else:
                without += 1
    # a people or dynasty in the plural reads with or without "the" ("the Seljuks took
    # Baghdad", "Seljuks took Baghdad"): only a singular name is held to the course's habit
    if has_the and without and not with_the and not _plural_form(candidate.casefold()):
        return f"the course writes \"{candidate}\" without \"the\", and the blank has one"
    # one "the" is enough for a building's or an institution's name of capitalised words
    # ("met in Portuguese Synagogue": round 71), where "M phase" reads bare as well and "a
    # Jan Steen household" makes no habit; a plural reads bare, and a possessive determines
    named = len(candidate.split()) > 1 and all(w[:1].isupper() for w in candidate.split())
    if (not has_the and with_the and not without and not _bare_start(before)
            and (with_the >= 2 or (named and definite and not (
                _plural_form(candidate.casefold())
                or _POSSESSIVE.search(message[: spans[0][0]]))))):
        return f"the course writes \"the {candidate}\", and the blank has no article"
    return ""


def _bare_start(before: list[str]) -> bool:
    """The blank follows a determiner of its own ("this _____"): no article missing
    there. At the start of a sentence one is ("Great Palace was rebuilt")."""
    return bool(before) and before[-1].casefold() in _DETERMINERS


def _possessive_after_article(candidate: str, key: str, message: str) -> bool:
    """ "The Thompson's construction": a name with a possessive takes no article, where the
    key the message writes after one does (round 40)."""
    first = candidate.split()[0] if candidate.split() else ""
    return _possessive(first) and _after_article(key, message) and not (
        _possessive(key.split()[0]) if key.split() else False)


def _possessive(word: str) -> bool:
    """ "Brewster's", and a name in -s with its apostrophe after ("Huygens'": round 50)."""
    return word.endswith(("'s", "’s")) or (len(word) > 2 and word.endswith(("s'", "s’")))


def _bare_beside_possessive(candidate: str, key: str, message: str) -> bool:
    """The key's possessive is its determiner ("At Brewster's angle"): a name without one
    needs an article there ("At angle of incidence" does not read: round 50)."""
    words = key.split()
    spans = occurrences(message, key)
    if not spans or not message[: spans[0][0]].strip():
        return False  # at the start a bare name often reads ("Yield strength is …")
    return (len(words) > 1 and _possessive(words[0]) and _bare(key, message)
            and not _possessive(candidate.split()[0] if candidate.split() else "")
            and _count_head(candidate))


def _count_head(candidate: str) -> bool:
    """The phrase's head ("angle" of "angle of incidence") is a singular count noun by its
    form: lower case, no plural, no mass ending."""
    head = re.split(r"\s+of\s+", candidate.strip(), maxsplit=1)[0].split()
    last = head[-1] if head else ""
    return (last.isalpha() and last.islower() and not last.endswith("s")
            and not last.endswith(_MASS_ENDINGS))


_NAMING = re.compile(r"\b(?:are|were)\s+(?:called|known\s+as|termed|named)\s+(?:[^\W\d_]+\s+)?$",
                     re.IGNORECASE)


_NAMING_ONE = re.compile(r"(?:\b(?:is|was)\s+(?:called|known\s+as|termed|named)|\b(?:a|an|one)"
                         r"\s[^,.;:()]{1,40},?\s+(?:called|known\s+as|termed|named))\s+$",
                         re.IGNORECASE)  # fmt: skip


def _named_singular(key: str, message: str) -> bool:
    """The stem names one thing just before the blank ("must pass through a period of cold,
    called _____": round 56, where "Growing degree days" did not read)."""
    spans = occurrences(message, key)
    return bool(spans) and bool(_NAMING_ONE.search(message[: spans[0][0]]))


def _named_plural(key: str, message: str) -> bool:
    """The stem names a plural subject just before the blank ("fragments smaller than 2 mm
    are called volcanic _____"): a plural or a mass noun fills it."""
    spans = occurrences(message, key)
    return bool(spans) and bool(_NAMING.search(message[: spans[0][0]]))


def _singular_count(candidate: str) -> bool:
    """One thing: a singular word or phrase that no ending marks as a mass noun ("Bomb",
    "volcanic block"), not "ash" or "lapilli"."""
    last = candidate.split()[-1].casefold() if candidate.split() else ""
    return (last.isalpha() and not _plural_form(candidate.casefold())
            and not last.endswith(_MASS_ENDINGS) and not last.endswith(("i", "a")))


def _mass_word(candidate: str) -> bool:
    """A name whose last word is a mass noun by its ending alone ("phishing", "Compton
    scattering"), not one in -ion that may count ("a negation", "a conjunction")."""
    last = candidate.split()[-1] if candidate.split() else ""
    return last.isalpha() and last.islower() and last.endswith(_MASS_PHRASE_ENDINGS)


def _mass_phrase(candidate: str) -> bool:
    words = candidate.split()
    last = words[-1] if len(words) > 1 else ""
    return last.isalpha() and last.islower() and last.endswith(_MASS_PHRASE_ENDINGS)


def _of_twice(candidate: str, key: str, message: str) -> str:
    """The message goes on with "of …" after the key and the candidate ends in an "of"
    phrase of its own: "The Problem of other minds of consciousness" does not read."""
    if " of " not in f" {candidate.casefold()} " or " of " in f" {key.casefold()} ":
        return ""
    spans = occurrences(message, key)
    after = re.match(r"\s+(of\s+[^\W\d_]+)", message[spans[0][1]:]) if spans else None
    return after.group(1) if after else ""


def _after_indefinite(key: str, message: str) -> bool:
    """The message writes "a" or "an" just before the key ("A SYN flood exhausts…"): the
    key is a count noun there whatever its shape, and "A(n) Phishing" does not read."""
    spans = occurrences(message, key)
    before = message[: spans[0][0]].split() if spans else []
    return bool(before) and before[-1].casefold() in ("a", "an")


def _after_article(key: str, message: str) -> bool:
    """The message writes "the", "a" or "an" just before the key ("The _____ shifts")."""
    spans = occurrences(message, key)
    before = message[: spans[0][0]].split() if spans else []
    return bool(before) and before[-1].casefold() in ("the", "a", "an")


def _initials_in(candidate: str, key: str, message: str) -> str:
    """The stem writes the candidate's own short form, the initials of its last words
    ("ER" of "smooth endoplasmic reticulum"), as something else than the key."""
    words = [w for w in re.findall(r"[A-Za-z]+", candidate) if w.casefold() not in STOPWORDS]
    rest = message
    for start, end in reversed(occurrences(message, key)):
        rest = rest[:start] + " " + rest[end:]
    for size in range(len(words), 1, -1):
        short = "".join(w[0] for w in words[-size:]).upper()
        if re.search(rf"(?<![\w-]){short}(?![\w-])", rest):
            return short
    return ""


def _blank_context(key: str, message: str) -> str:
    """The few words around the key, with the key blanked, to quote in a reason."""
    spans = occurrences(message, key)
    if not spans:
        return "_____"
    start, end = spans[0]
    left = " ".join(message[:start].split()[-2:])
    right = " ".join(message[end:].split()[:2])
    glue = "" if message[end:end + 1] in ",;:.)" else " "
    return f"{left} _____{glue}{right}".strip()


_SYMBOL = re.compile(r"(?=.*[A-Z0-9])[A-Za-z0-9]{1,4}")


def needs_article(candidate: str) -> bool:
    """A phrase ending in a singular count noun ("inductive effect"): it needs "the" or "an"
    where a mass noun or a plural needs none. Names and symbols (capitals, digits) are
    left alone."""
    words = candidate.split()
    last = words[-1] if words else ""
    possessive = any(w.endswith(("'s", "’s")) for w in words[:-1])  # "Zaitsev's rule"
    if words and _SYMBOL.fullmatch(words[0]):
        return False  # a symbol names it: "during G1 phase", like "during S phase"
    return (len(words) > 1 and last.isalpha() and last.islower() and not last.endswith("s")
            and not last.endswith(_MASS_ENDINGS) and not possessive
            and not (words[0].endswith("ly") and last.endswith(ADJECTIVE_ENDINGS)))
