"""Plain-text helpers the quiz generator shares: normal forms, token runs, content words.

Terms are compared after normalising case, hyphens and spacing, so "allo-HSCT",
"Allo HSCT" and "alloHSCT" are one term; containment is checked on whole tokens
so "CD1" is never found inside "CD19".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_TOKEN = re.compile(rf"[^\W_]+|[^\w\s{_DASHES}]")
_WORD = re.compile(r"[^\W_]+")
_BLANK = "_____"

_STOPWORDS_TEXT = """
a about above after again against all also an and any are as at be because been before
being below between both but by can could did do does doing down during each even few
for from further had has have having he her here hers him his how i if in into is it
its itself just may might more most much must no nor not now of off on once only or
other our out over own per same she should so some still such than that the their them
then there these they this those through to too under until up versus very via vs was
we were what when where which while who whom why will with would yet you your
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def tokens(text: str) -> list[str]:
    """Casefolded word and symbol tokens; hyphens, dashes and spaces only separate them."""
    return list(_tokenised(text)[0])


@lru_cache(maxsize=65536)
def _tokenised(text: str) -> tuple[tuple[str, ...], str]:
    """A text's tokens and their run joined: the generator asks of the same course texts
    tens of thousands of times whether they write a term."""
    found = tuple(_TOKEN.findall(text.casefold()))
    return found, "".join(found)


def cased_tokens(text: str) -> list[str]:
    """The same tokens with their case kept (to find "IP" but not "ip")."""
    return _TOKEN.findall(text)


def normalise(term: str) -> str:
    """The comparison form of a term: case, hyphens and spacing do not count."""
    return _tokenised(term)[1]


def base(term: str) -> str:
    """A term's identity across singular and plural ("SGLT2 inhibitors" is the "SGLT2
    inhibitor" of the glossary): its normal form without a final "es" or "s"."""
    norm = normalise(term)
    for ending in ("ies", "es", "s"):
        if norm.endswith(ending) and len(norm) > len(ending) + 2 and not norm.endswith("ss"):
            return norm[: -len(ending)] + ("y" if ending == "ies" else "")
    return norm


def contains_term(text: str, term: str) -> bool:
    """True when `term` occurs in `text` as a run of whole tokens (normalised)."""
    found, joined = _tokenised(text)
    wanted = normalise(term)
    return wanted in joined and find_token_run(found, wanted) is not None


def find_token_run(text_tokens: Sequence[str], wanted: str) -> tuple[int, int] | None:
    """The first run of consecutive tokens whose concatenation is `wanted`, as (start, end)."""
    if not wanted:
        return None
    for start, first in enumerate(text_tokens):
        if not wanted.startswith(first):
            continue
        joined = ""
        for end in range(start, len(text_tokens)):
            joined += text_tokens[end]
            if joined == wanted:
                return start, end + 1
            if not wanted.startswith(joined):
                break
    return None


def occurrences(text: str, term: str) -> list[tuple[int, int]]:
    """Character spans of `term` in `text`, ignoring case, at word boundaries."""
    if not term.strip():
        return []
    pattern = re.compile(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def blank_out(text: str, term: str, options: Iterable[str] = ()) -> str:
    """`text` with every occurrence of `term` replaced by the cloze blank.

    An article before the blank must not give the answer away: when the options
    need different articles it becomes "a(n)".
    """
    spans = occurrences(text, term)
    for start, end in reversed(spans):
        text = text[:start] + _BLANK + text[end:]
    # the key's other name or gloss in brackets just after it ("The _____ (Km) is …",
    # round 57; "_____ (lightness) suggests order") names it beside the blank; a date or
    # a value there ("(20 June 1789)") is part of the fact and stays
    text = re.sub(rf"(?<={_BLANK}) \(([^()\d]{{1,40}})\)",
                  lambda m: m.group(0) if _names(m.group(1)) else "", text)
    articles = {indefinite_article(o) for o in options}
    if len(articles) > 1:
        text = re.sub(rf"\b([Aa])n? (?={_BLANK})", r"\1(n) ", text)
    elif articles:
        (article,) = articles
        text = re.sub(rf"\b([Aa])n? (?={_BLANK})", lambda m: m.group(1) + article[1:] + " ", text)
    return text


def _names(text: str) -> bool:
    """A person or place named in brackets ("(Morgenthau)", "(Marx and Engels)"): who said
    it, part of the fact, not another name of the key ("(Km)", "(CEC)", "(lightness)")."""
    return any(len(w) >= 4 and w[0].isupper() and w[1:].islower() for w in text.split())


def replace_term(text: str, term: str, replacement: str) -> str:
    """`text` with every occurrence of `term` replaced: a sentence start stays capitalised
    and an article before it agrees with the replacement ("a HCVAD" -> "an HCVAD")."""
    spans = occurrences(text, term)
    for start, end in reversed(spans):
        new = replacement
        if start == 0 and text[start:end][:1].isupper():
            new = replacement[:1].upper() + replacement[1:]
        before = text[:start]
        article = re.search(r"\b([Aa])n? $", before)
        if article:
            fixed = article.group(1) + indefinite_article(replacement)[1:] + " "
            before = before[: article.start()] + fixed
        text = before + new + text[end:]
    return text


_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")  # letters whose name starts with a vowel sound


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for a phrase, by sound: "an HCVAD", "a pediatric-inspired", "an allo-HSCT"."""
    word = phrase.strip().split(" ", 1)[0].split("-", 1)[0] if phrase.strip() else ""
    if not word:
        return "a"
    if len(word) > 1 and (word.isupper() or any(c.isdigit() for c in word)):
        return "an" if word[0].upper() in _VOWEL_LETTER_NAMES or word[0] == "8" else "a"
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "eu", "one", "ura", "uro")):
        return "a"
    if lower.startswith(("hour", "honest", "heir", "honour")):
        return "an"
    return "an" if lower[0] in "aeiou8" else "a"


def content_words(text: str) -> set[str]:
    """Words that carry meaning: not stopwords, not single letters ("T" of "T-ALL"), not the
    cloze blank. Numbers count, whatever their length."""
    return {
        w
        for w in _WORD.findall(text.casefold())
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    }


def as_sentence(text: str) -> str:
    """The text ending with one full stop (unless it already ends with punctuation)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def ncname_part(text: str) -> str:
    """An id fragment of letters, digits, '-' and '_' only (no dots: some tools dislike them)."""
    return _ID_UNSAFE.sub("-", text).strip("-") or "x"


_DEFINED = re.compile(r"\s\(([A-Za-z][A-Za-z0-9-]{1,9})\)")


def abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Short forms the course defines, by normal form of the long one: "Toll-like
    receptors (TLRs)" gives "TLR" (the letters of the short form in order in the long
    one, the first matching; the shortest such long form, of up to six words)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINED.finditer(text):
            short = match.group(1)
            short = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
            words = text[max(0, match.start() - 120) : match.start()].split()[-6:]
            for k in range(1, len(words) + 1):
                long = " ".join(words[-k:]).strip(".,;:()[]\"'")
                if long and long[0].casefold() == short[0].casefold() and _in_order(short, long):
                    found.setdefault(normalise(long), short)
                    break
        for short, long in _spelled_after(text):  # "SHOT (Serious Hazards of Transfusion)"
            found.setdefault(normalise(long), short)
    return found


def expansions(texts: Iterable[str]) -> dict[str, str]:
    """Each short form the course spells out, with its long form as written:
    "SHOT (Serious Hazards of Transfusion)" and "Toll-like receptors (TLRs)" alike."""
    found: dict[str, str] = {}
    for text in texts:
        for short, long in _spelled_after(text):
            found.setdefault(short, long)
        for match in _DEFINED.finditer(text):
            short = match.group(1)
            words = text[max(0, match.start() - 120) : match.start()].split()[-6:]
            long = " ".join(words[-len(short):]).strip(".,;:()[]\"'")
            if short.isupper() and long and _initials_spell(short, long):
                found.setdefault(short, long)
    return found


_EXPANDED = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,7})\s\(([A-Za-z][^()]{3,80})\)")


def _spelled_after(text: str) -> Iterator[tuple[str, str]]:
    """(short, long) for each short form the text spells out after it, in parentheses."""
    for match in _EXPANDED.finditer(text):
        short, long = match.group(1), match.group(2).strip()
        if long[0].casefold() == short[0].casefold() and _initials_spell(short, long):
            yield short, long


def _initials_spell(short: str, long: str) -> bool:
    """The long form's words start with the short form's letters, in order, small words
    skipped ("Serious Hazards of Transfusion" for SHOT): not any words in parentheses."""
    words = re.findall(r"[A-Za-z]+", long)
    letters = [w[0].casefold() for w in words]
    content = [w[0].casefold() for w in words if w.casefold() not in ("of", "and", "the",
                                                                         "for", "in", "on")]
    return short.casefold() in ("".join(letters), "".join(content))


def _in_order(short: str, long: str) -> bool:
    rest = long.casefold()
    for char in short.casefold():
        at = rest.find(char)
        if at < 0:
            return False
        rest = rest[at + 1 :]
    return True


@lru_cache(maxsize=32768)
def stems(text: str) -> frozenset[str]:
    """Content words with common endings cut, so "relapses" and "relapsed" meet
    "relapse". Kept per text: the same claims are read again for every candidate."""
    out = set()
    for word in content_words(text):
        for ending in ("ies", "ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)] + ("y" if ending == "ies" else "")
                break
        if word.endswith("e") and len(word) > 4:  # "relapse" meets "relapsed"
            word = word[:-1]
        out.add(word)
    return frozenset(out)
