"""Item templates: a take-home message and one key term in, a draft item out.

A draft has its key, its distractors and every option's feedback, but not yet a
delivery order: key positions are balanced over the whole quiz afterwards.
Templates: "cloze" (the key term blanked) and "statement" (the true message among copies
with the key term swapped for another of its category). A "comparison" template (above /
below / equal to) was removed: held-out raters passed 4 of its 26 ratings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from tall_teach.quiz.cues import unit_names_key, unit_sorts_options
from tall_teach.quiz.dates import parse_date
from tall_teach.quiz.distractors import numeric_alternatives
from tall_teach.quiz.grammar import ADJECTIVE_ENDINGS
from tall_teach.quiz.numbers import (
    Quantity,
    Stated,
    bound_before,
    bound_bins,
    find_quantities,
    leaves_a_hole,
)
from tall_teach.quiz.selection import (
    Selection,
    SelectionContext,
    lone_filler,
    select_distractors,
)
from tall_teach.quiz.terms import KeyTerm, Vocabulary, pluralise, singular_form
from tall_teach.quiz.text import (
    STOPWORDS,
    as_sentence,
    blank_out,
    normalise,
    occurrences,
    replace_term,
    stems,
)


@dataclass(frozen=True, slots=True)
class MessageInfo:
    """What a template needs to know about one message."""

    id: str
    text: str  # plain text of the message
    vocab: Vocabulary
    options: int  # wanted options per item
    selection: SelectionContext
    topic: str = ""  # what a statement item's lead-in names: the slide that taught it
    excluded_values: frozenset[Stated] = field(default=frozenset())
    # values the course states near the message (a subset of the excluded ones): a grid of
    # options that skips one has a hole
    stated_near: frozenset[Stated] = field(default=frozenset())
    # values of the other rows of a table with a row for the message's subject: the
    # course's own classes of one scale ("2 to 7 years" beside "7 to 11 years")
    classes: frozenset[Stated] = field(default=frozenset())


@dataclass(frozen=True, slots=True)
class Draft:
    """An item without a delivery order.

    `layouts` (generated numeric items) holds, for each wanted key index, the options
    in ascending order that put the key nearest there. `fixed` (authored items that
    must keep an order) gives the options and their correctness as they are delivered.
    """

    id: str
    kind: str
    stem: str
    key: str
    distractors: tuple[str, ...]
    key_term: str
    feedback: tuple[tuple[str, str], ...]  # (option text, feedback)
    layouts: tuple[tuple[str, ...], ...] = ()
    fixed: tuple[tuple[str, bool], ...] = ()
    numeric: bool = False
    reasons: tuple[str, ...] = ()
    # a statement item's wrong options, as terms: each is shown as a wrong answer too
    swapped: tuple[str, ...] = ()

    def feedback_for(self, text: str) -> str:
        return dict(self.feedback).get(text, "")


class TemplateError(Exception):
    """A template cannot make an item from this message and term (the reason is the text)."""


def display(text: str) -> str:
    """An option as shown: first letter capitalised unless the word has its own casing."""
    first = text.split(" ", 1)[0]
    if (len(first) <= 2 and first == text) or not re.sub(r"[-–'’]", "", first).isalpha():
        return text  # a symbol or notation: "sp³", "mRNA-1273", "pH", "t½"
    # "anti-Jka" starts with a plain word however its second part is cased: capitalised
    # like "Anti-c" beside it (round 79), where "mRNA" keeps its own casing
    lead = re.split(r"[-–]", first, maxsplit=1)[0]
    if text[:1].islower() and (first == first.lower() or (len(lead) >= 3 and lead.islower())):
        return text[:1].upper() + text[1:]
    return text


def category_noun(category: str, vocab: Vocabulary) -> str:
    """What the lead-in asks for: "Which drug", "Which CAR-T hurdle", "Which value"."""
    if category.startswith("number:"):
        return "value"
    # a kind the course's table names by its header ("course:capital"): the header is the
    # noun ("Which course:capital" reached trainees: round 86)
    category = category.removeprefix("course:")
    parent, _, child = category.rpartition("/")
    if parent:  # a sub-kind: its own name when it is a noun, else its parent's
        first = child.split()[0].casefold() if child.split() else ""
        above = parent.rpartition("/")[2]
        same_head = child.split()[-1:] == above.split()[-1:]  # "giant planet" of "planet"
        # a sub-kind named by an adjective ("weathering/chemical"): the parent's noun
        # (-ment and -nent words are nouns: "reactor/component" is no "Which reactor",
        # round 62)
        adjective = (" " not in child.strip() and child.casefold().endswith(ADJECTIVE_ENDINGS)
                     and not child.casefold().endswith(("ment", "nent"))
                     and not _written_as_noun(child, vocab))
        if adjective and child[:1].islower() and not _qualifies(child, above, vocab):
            # an adjective-looking sub-kind the course never writes before its parent's
            # noun may be a noun of its own ("religion/ritual": "Which religion" above the
            # New Fire ceremony, round 87): the parent's noun would be a guess
            return "option"
        # "idea/symbolist": an -ist word that may qualify its parent asks for the parent
        # ("Which symbolist" above ideas read as a person: round 54); "writer/novelist"
        # reads as well with "Which writer"
        adjective = adjective or (" " not in child.strip() and child.casefold().endswith("ist"))
        # a hyphened compound qualifies its parent ("rendering algorithm/image-order":
        # "Which image-order" did not read, round 59)
        adjective = adjective or (" " not in child.strip() and "-" in child)
        category = above if first in _PREPOSITIONS or same_head or adjective else child
        # a capitalised kind the course never writes in the plural is a person's name
        # ("concept/Weber": "Which weber" did not read, round 66), not a class like "Titans"
        named = (child[:1].isupper() and " " not in child.strip()
                 and not vocab.used_in_course(f"{child}s"))
        if " " not in child.strip() and category == child and (named or not (
                _class_noun(child) or _written_as_noun(child, vocab))):
            # one word that may qualify its parent ("building/modern", "order/Greek":
            # "Which modern" does not read): ask for no kind
            return "option"
    if " and " in f" {category} ":  # "sky and motion": no noun to ask for
        return "option"
    words = category.replace("_", " ").split()
    # one plain noun only: a longer category name is a topic more often than a class of
    # things ("Which endomembrane system" for the Golgi, "Which measurement method" for
    # the Doppler effect), and so is a process noun ("Which estimation")
    if len(words) != 1 or words[0].casefold().endswith(_PROCESS_ENDINGS + _FIELD_ENDINGS):
        return "option"
    spelled = [_glossary_spelling(w, vocab) for w in words]
    return " ".join([*spelled[:-1], singular_form(spelled[-1])])


def _written_as_noun(word: str, vocab: Vocabulary) -> bool:
    """A word in -ant or -ent the course writes as a noun ("as a cryoprotectant",
    "pollutants"): a kind of its own, not a qualifier of its parent (round 68: "Which
    physiology" above glucose). A capitalised one qualifies ("institution/Protestant")."""
    return word[:1].islower() and word.endswith(("ant", "ent")) and any(
        vocab.used_in_course(form) for form in (f"{word}s", f"a {word}", f"an {word}"))


def _qualifies(word: str, parent: str, vocab: Vocabulary) -> bool:
    """The course writes the word before its parent kind's noun ("chemical weathering"):
    it qualifies that noun, which the lead-in may then ask for."""
    head = parent.split()[-1] if parent.split() else ""
    return bool(head) and any(vocab.used_in_course(f"{word} {form}")
                              for form in (head, pluralise(head)))


def _class_noun(word: str) -> bool:
    """A one-word kind that names a class of things: a plural ("laws", "concepts") or an
    agent ("emperor", "sociologist"); "ancient", "modern" or "Greek" qualify one, and
    "other", "manor" or "order" end like agents but name no class of the options."""
    lower = word.casefold()
    return (lower.endswith(("s", "er", "or", "ist")) and not lower.endswith(("ss", "ous"))
            and not lower.endswith(tuple(_NOT_AGENTS)))  # "meltwater" as "water" (round 41)


def _names_holders(noun: str, options: Iterable[str]) -> bool:
    """An "-ist" noun names those who hold an "-ism": a lead-in "Which dualist" above
    "Substance dualism" asks for a person among doctrines (round 35) and shares its root
    with the key alone."""
    return noun.casefold().endswith("ist") and any(
        o.casefold().rstrip("s").endswith("ism") for o in options)


# Words in -er or -or that are no agents: as a sub-kind, they name a topic or a remainder
# ("Which other best completes…", "Which manor…": round 34), not what the options are.
_NOT_AGENTS = frozenset({
    "other", "another", "manor", "matter", "water", "paper", "corner", "border", "cover",
    "colour", "color", "winter", "summer", "danger", "answer",
    "humour", "humor", "labour", "labor", "minor", "major",
    "interior", "exterior", "weather", "vapour", "vapor", "floor", "door", "after", "under",
    "over", "later", "temper", "harbour", "harbor", "honour", "honor", "favour", "favor",
    "rumour", "rumor", "odour", "odor", "vigour", "vigor", "rigour", "rigor", "armour",
    "armor", "terror", "horror", "polar", "solar", "lunar", "similar", "regular",
    "particular", "popular", "circular", "nuclear", "linear", "molecular", "cellular",
    "vascular",
})  # fmt: skip


_PROCESS_ENDINGS = ("tion", "sion", "ment", "ing", "ance", "ence", "ysis", "ism")
# Names of fields of study: "Which physiology" asks for no thing (round 68)
_FIELD_ENDINGS = ("logy", "graphy", "nomy", "metry", "istry", "sophy", "statics", "dynamics",
                  "kinematics", "mechanics", "physics", "genetics", "economics", "ethics",
                  "linguistics", "mathematics", "politics", "acoustics", "optics", "statistics",
                  "hydraulics", "electronics", "robotics", "logistics", "semantics",
                  "phonetics")  # "Which static" above hydrostatic pressure (round 74)
_PREPOSITIONS = frozenset({"of", "by", "for", "in", "at", "on", "from", "with", "to"})


def _glossary_spelling(word: str, vocab: Vocabulary) -> str:
    """A word of a category name as the glossary spells it ("car-t" -> "CAR-T")."""
    hit = vocab.lookup(word)
    return hit[1] if hit else word.lower()


def _term_selection(term: KeyTerm, info: MessageInfo, least: int = 2) -> Selection:
    """The chosen distractors, in the plural when the key is written in the plural; at
    least `least` of them."""
    ctx = info.selection
    glossary = ctx.vocab.glossary.every_term()
    cue = unit_names_key(term.option_text, info.text, ctx.evidence, glossary)
    if cue:
        raise TemplateError(f"{cue}: it names the key whatever the options (ask the value)")
    selection = select_distractors(term, ctx, info.options - 1)
    # every candidate left out, with why: an author's own wrong answer passed over
    # (nested in one taken) must not vanish from the warning
    rejected = [r for r in selection.reasons
                if r.startswith(("rejected", "passed over", "kept back"))]  # fmt: skip
    _require(list(selection.chosen), term, rejected, least)
    if len(selection.chosen) == 1:
        lone = lone_filler(selection.chosen[0], ctx)
        if lone:
            _require([], term, [*rejected, f"rejected '{selection.chosen[0]}': {lone}"], least)
    sorts = unit_sorts_options(term.option_text, info.text, ctx.evidence, selection.chosen)
    if sorts:
        raise TemplateError(f"{sorts}: it names the key among these options")
    if term.singular:  # a glossary of plurals: each option in the singular, as the key
        selection = Selection(
            tuple(singular_form(c) for c in selection.chosen), selection.reasons,
            {singular_form(c): t for c, t in selection.supports.items()},
        )  # fmt: skip
    if term.plural:
        # a plural the course never writes reads as forced ("nuclear envelopes" beside
        # "lysosomes": one envelope per nucleus), and marks the option as made up
        forced = [c for c in selection.chosen if not _written_plural(c, ctx)]
        _require([c for c in selection.chosen if c not in forced], term,
                 [*rejected, *(f"rejected '{c}': the course never writes it in the plural "
                               "the blank needs" for c in forced)], least)  # fmt: skip
        selection = Selection(
            tuple(_as_plural(c) for c in selection.chosen if c not in forced),
            selection.reasons, {_as_plural(c): t for c, t in selection.supports.items()},
        )  # fmt: skip
    return selection


def _already_plural(term: str) -> bool:
    """ "Lombards", "Saxons": a plural as written, which takes no second ending."""
    lower = term.casefold()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


def _as_plural(term: str) -> str:
    return term if _already_plural(term) else pluralise(term)


def _written_plural(candidate: str, ctx: SelectionContext) -> bool:
    """The plural reads as the course's own: it writes the candidate (or its last word) in
    the plural, or never writes that word at all (nothing to go by); not only ever in the
    singular ("the nuclear envelope", "the endoplasmic reticulum"). A name in -is or -us
    has none ("Admonitio generalises" beside the capitularies: round 74)."""
    if _already_plural(candidate):
        return True
    if candidate[:1].isupper() and candidate.casefold().endswith(("is", "us")):
        return False
    plural = pluralise(candidate)
    if plural == candidate:
        return True

    def written(form: str) -> bool:
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.IGNORECASE)
        return any(pattern.search(c.text) for c in ctx.evidence.claims)

    head, plural_head = candidate.split()[-1], plural.split()[-1]  # "reticulum", "reticula"
    return written(plural) or written(plural_head) or not written(head)


def _value_sets(term: KeyTerm, info: MessageInfo) -> list[list[Quantity]]:
    """For each wanted key index 0..n-1, wrong values (ascending) placing the key nearest it."""
    sets = []
    for below in range(info.options):
        values = numeric_alternatives(
            term, info.vocab, info.text, info.options - 1, below, info.excluded_values,
            info.classes,
        )
        _require([q.text() for q in values], term)
        sets.append(values)
    return sets


def _require(
    values: list[str], term: KeyTerm, rejected: list[str] = (), least: int = 2
) -> None:
    if len(values) < least:
        why = f" ({'; '.join(rejected)})" if rejected else ""
        raise TemplateError(
            f"too few clean distractors for '{term.text}' (kind '{term.category}': found "
            f"{len(values)}, a sound item needs {least}){why}: add terms of that kind to the "
            "glossary that the lecture shows to be wrong here, or list some with "
            '{distractors="…; …"} after the message'
        )


def _layouts(
    term: KeyTerm, info: MessageInfo, key: str, render: Callable[[str], str]
) -> tuple[tuple[str, ...], ...]:
    """Numeric items: for each wanted key index, every option in ascending order of value.

    A bound has one layout: its bins all lie on the side where it is false.
    """
    assert term.quantity is not None
    if term.quantity.is_bound:
        bins = bound_bins(term.quantity, info.options - 1)
        _require([q.text() for q in bins], term)
        ranked = [(q.mid, render(q.text())) for q in bins] + [(term.quantity.mid, key)]
        return (tuple(text for _, text in sorted(ranked)),)
    stated = info.stated_near
    for options in range(info.options, 2, -1):  # fewer options before a hole in the grid
        sets = _value_sets(term, replace(info, options=options))
        if not any(leaves_a_hole([*values, term.quantity], stated) for values in sets):
            break
    else:
        raise TemplateError(f"the wrong values left for '{term.text}' skip a value the "
                            "course states near it: the gap would be a hint")
    unit = term.quantity.canonical_unit
    # another value of the unit in the stem ("50 Hz in Europe and 60 Hz in North America")
    # marks the option nearest it: the key must not be that option (round 60)
    spans = occurrences(info.text, term.text)
    end = spans[0][1] if spans else 0
    # (the other end of a range written around the blank, "from about _____ to 700 nm",
    # bounds the options instead: they must stay below it)
    beside = [q.mid for q, _, (start, _) in find_quantities(info.text)
              if q.canonical_unit == unit and q.values() != term.quantity.values()
              and not re.fullmatch(r"\s*(?:to|and|-|–)\s*", info.text[end:start])]
    sets = [values for values in sets if not _nearest_to_stem(values, term.quantity, beside)]
    if not sets:
        raise TemplateError(f"the stem's other value of '{term.text}''s unit would point to "
                            "the key as the option nearest it")
    # the course's own values of other subjects are the wrong answers a teacher would
    # write ("2 to 7 years", the preoperational stage's): a key position that leaves them
    # out for made-up ones ("12 to 16 years") is not worth its balance (round 51)
    course = {q.values() for q in info.vocab.quantities if q.canonical_unit == unit}
    most = max(sum(q.values() in course for q in values) for values in sets)
    sets = [values for values in sets if sum(q.values() in course for q in values) == most]
    layouts = []
    for values in sets:
        if _centred(values, term.quantity):
            continue  # 2.1 / 2.7 / 3.3 K: the middle of an even spread is the key
        ranked = [(q.mid, render(q.text())) for q in values] + [(term.quantity.mid, key)]
        layouts.append(tuple(text for _, text in sorted(ranked)))
    if not layouts:
        raise TemplateError(f"the wrong values for '{term.text}' would set it in the middle "
                            "of an even spread, where a guess would look for it")
    return tuple(layouts)


def _nearest_to_stem(values: list[Quantity], key: Quantity, beside: list[float]) -> bool:
    """The key is the option nearest a value the stem writes in its unit."""
    return any(all(abs(key.mid - v) < abs(q.mid - v) for q in values) for v in beside)


def _centred(values: list[Quantity], key: Quantity) -> bool:
    """The key stands exactly halfway between the lowest and the highest option, or is
    their geometric middle ("33, 66, 132 million years": half and double the key, round
    56)."""
    mids = sorted([q.mid for q in values] + [key.mid])
    if len(mids) % 2 == 0 or mids[len(mids) // 2] != key.mid:
        return False
    if math.isclose(key.mid - mids[0], mids[-1] - key.mid, rel_tol=1e-6):
        return True
    return mids[0] > 0 and math.isclose(key.mid / mids[0], mids[-1] / key.mid, rel_tol=1e-6)


PAIR = 1  # wrong terms a cloze on a term needs at least: one, an alternate-choice item


def cloze(item_id: str, term: KeyTerm, info: MessageInfo) -> Draft:
    """A message with its key term blanked: "About _____ of T-ALL patients still relapse."."""
    head = head_noun(term, info.text) if term.quantity is None else ""
    term, key = _cloze_key(term, info)
    reasons: tuple[str, ...] = ()
    taught: dict[str, str] = {}
    if term.quantity is not None:
        written: dict[str, str] = {}  # option as shown -> as written inside a sentence

        def shown(text: str) -> str:
            written[display(text)] = text
            return display(text)

        layouts = _layouts(term, info, key, shown)
        distractors = tuple(o for o in layouts[0] if o != key)
        every = sorted({o for layout in layouts for o in layout})
        reasons = (f"key '{key}' (a number: wrong values of the same unit and precision, "
                   "in ascending order, none the course states in this context)",)  # fmt: skip
    else:
        layouts = ()
        # one clean wrong term makes a two-option item ("Lunar eclipse" or "Solar
        # eclipse"): the pair the lecture teaches apart, asked as such; dates keep a grid
        selection = _term_selection(term, info, PAIR if term.category != "date" else 2)
        written = {display(d): d for d in selection.chosen}
        taught = {display(d): t for d, t in selection.supports.items()}
        if key == display(term.option_text) and _mixed_case(
                [(key, term.option_text), *written.items()]):
            # "yo", "tú" kept lower-case beside "Usted": every option as the course writes
            # it (round 36), not some capitalised and some not
            key = term.option_text
            written = {d: d for d in selection.chosen}
            taught = dict(selection.supports)
        if head and key.casefold().endswith(f" {head}"):
            # the head noun joined the key ("Sodium-ion cells"): every option carries it,
            # or a bare "Lithium-air" stands apart by its form (round 92)
            def headed(text: str) -> str:
                return text if text.casefold().endswith(f" {head}") else f"{text} {head}"

            written = {headed(shown): d for shown, d in written.items()}
            taught = {headed(shown): t for shown, t in taught.items()}
        distractors = tuple(written)
        every = [key, *distractors]
        reasons = selection.reasons
        if term.category == "date":  # options in chronological order, never shuffled
            wide = select_distractors(term, info.selection, 2 * info.options)
            layouts = _date_layouts(key, list(wide.chosen), len(distractors))
            _period_edge(key, layouts, info)
            distractors = tuple(o for o in layouts[0] if o != key)
            every = sorted({o for layout in layouts for o in layout}, key=_when)
            written = {o: o for o in every}
        else:
            series = _series([key, *distractors]) or _ordinal_series([key, *distractors])
            if series:  # "sp, sp², sp³", "TLR3, TLR4, TLR9": in their order, like numbers
                layouts = (series,)
    blanked = as_sentence(blank_out(info.text, term.text, every))
    # an option of the author's from outside the key's kind is no "object": name no kind
    kinds = {normalise(t) for t in info.vocab.glossary.terms_under(term.category)}
    foreign = any(normalise(d) not in kinds for d in info.selection.author_distractors
                  if d in selection_chosen(distractors, written)) or _names_holders(
        category_noun(term.category, info.vocab), every)  # fmt: skip
    stem = f"{blanked} {cloze_lead_in(term, info.vocab, foreign)}"
    feedback = tuple(
        (o, f"Correct: {as_sentence(info.text)}" if o == key
         else _wrong(term.text, written.get(o, o), taught.get(o, "")))
        for o in every
    )  # fmt: skip
    return Draft(item_id, "cloze", stem, key, distractors, term.text, feedback, layouts,
                 numeric=bool(layouts), reasons=reasons)  # fmt: skip


def _mixed_case(options: list[tuple[str, str]]) -> bool:
    """Options (as shown, as written) of which display() capitalised some and left another
    lower-case: a short word it takes for a symbol ("yo", "tú") beside "Usted"."""
    lowered = any(shown == raw and raw[:1].isalpha() and raw == raw.casefold()
                  for shown, raw in options)  # "allo-HSCT" has a casing of its own
    raised = any(shown != raw for shown, raw in options)
    return lowered and raised


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SERIES = re.compile(r"(.*?)([0-9⁰¹²³⁴⁵⁶⁷⁸⁹]*)")


def _series(options: list[str]) -> tuple[str, ...]:
    """Options that are one name numbered ("sp", "sp²", "sp³"; "TLR3", "TLR4", "TLR9"), in
    the order of their numbers (no number counts as 1), or () when they are not: shuffled,
    such a series reads as a puzzle ("sp, sp³, sp²")."""
    parts = [_SERIES.fullmatch(o) for o in options]
    if any(p is None for p in parts):
        return ()
    prefixes = {p.group(1) for p in parts if p}
    numbered = [p for p in parts if p and p.group(2)]
    if len(prefixes) != 1 or not next(iter(prefixes)).strip() or len(numbered) < 2:
        return ()

    def number(text: str) -> int:
        match = _SERIES.fullmatch(text)
        digits = match.group(2).translate(_SUPERSCRIPTS) if match else ""
        return int(digits) if digits else 1

    return tuple(sorted(options, key=number))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")  # fmt: skip
# Roman numerals of a series ("Type I", "Type III" survivorship curves), as written.
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_LETTERS = ("A", "B", "C", "D", "E", "F", "G", "H")


def _ordinal_series(options: list[str]) -> tuple[str, ...]:
    """Options that are one name with ordinals ("Kepler's first law", "… second law", "…
    third law"), Roman numerals ("Type I", "Type II") or letters after it ("Category A"),
    in that order, or ()."""
    found = []
    for option in options:
        words = option.split()
        hits = [i for i, w in enumerate(words) if w.casefold() in _ORDINALS]
        numerals = [i for i, w in enumerate(words) if w in _ROMAN]
        # a grade's letter after its name ("right-of-way category A", "Group B": round 69)
        letters = [i for i, w in enumerate(words) if i and w in _LETTERS]
        if len(hits) + len(numerals) + len(letters) != 1:
            return ()
        i = (hits or numerals or letters)[0]
        rank = (_ORDINALS.index(words[i].casefold()) if hits else _ROMAN.index(words[i])
                if numerals else _LETTERS.index(words[i]))
        found.append((" ".join([*words[:i], "#", *words[i + 1:]]), rank, option))
    if len({frame for frame, _, _ in found}) != 1:
        return ()
    return tuple(option for _, _, option in sorted(found, key=lambda f: f[1]))


def _period_edge(key: str, layouts: tuple[tuple[str, ...], ...], info: MessageInfo) -> None:
    """A key that every layout puts last (or first), in the year the quiz header ends (or
    starts) its period, for an event the header names ("The French Revolution, 1789-1799:
    … to Brumaire" over "18 Brumaire (_____)": 9 November 1799 is the latest option): the
    header points at it."""
    vocab = info.vocab
    named = stems(vocab.header) & stems(info.text) - {str(y) for y in vocab.period or ()}
    if not vocab.period or not layouts or not named:
        return
    year = _when(key)[0]
    last = all(layout[-1] == key for layout in layouts)
    first = all(layout[0] == key for layout in layouts)
    if (last and year == vocab.period[1]) or (first and year == vocab.period[0]):
        raise TemplateError(f"'{key}' would always be the {'latest' if last else 'earliest'} "
                            f"option, in the year the quiz header {'ends' if last else 'starts'} "
                            "its period: the header points at it")


def _when(date: str) -> tuple[int, int, int]:
    return parse_date(date) or (0, 0, 0)


def _date_layouts(key: str, ranked: list[str], count: int) -> tuple[tuple[str, ...], ...]:
    """For each wanted key index, `count` wrong dates (nearest first) that many before the
    key and the rest after it, in chronological order: like numbers, the key's place is
    dealt over the quiz, not always in the middle of its nearest neighbours."""
    before = [d for d in ranked if _when(d) < _when(key)]
    after = [d for d in ranked if _when(d) > _when(key)]
    layouts = []
    for wanted in range(count + 1):
        below = min(wanted, len(before))
        above = min(count - below, len(after))
        below = min(len(before), count - above)
        layouts.append(tuple(sorted([*before[:below], key, *after[:above]], key=_when)))
    return tuple(layouts)


def _wrong(stated: str, option: str, taught: str) -> str:
    """Why a distractor is wrong, and where the course speaks of it in another context."""
    text = f"Not what the lecture states: it gives {stated}, not {option}."
    if taught:
        text += f" The lecture discusses {option} elsewhere (slide: {as_sentence(taught)[:-1]})."
    return text


_EXAMPLE_BEFORE = re.compile(
    r"\b(?:such as|e\.g\.,?|for example,?|for instance,?|including|like)\s*$", re.IGNORECASE
)


def _an_example(term: KeyTerm, info: MessageInfo) -> None:
    """The key is one example of several ("American crops such as _____"): the other terms
    of its kind the course names are examples too, and a second right answer."""
    spans = occurrences(info.text, term.text)
    if spans and _EXAMPLE_BEFORE.search(info.text[: spans[0][0]]):
        raise TemplateError(f"'{term.text}' is given as one example ('such as'): other terms "
                            "of its kind would be right as well")  # fmt: skip


def _cloze_key(term: KeyTerm, info: MessageInfo) -> tuple[KeyTerm, str]:
    """The term the blank replaces and the key option.

    A bound ("less than 20%", or "at least **3.0 mmol/L**") is blanked whole, with its
    qualifier: "less than _____" would make every higher value true as well. A head
    noun ("CAR-T cells") joins the key.
    """
    term = with_bound(term, info.text)
    _written_out(term, info, once=True)
    if term.quantity is None:
        _an_example(term, info)
    key = display(term.quantity.text() if term.quantity else term.option_text)
    head = head_noun(term, info.text)
    if head:
        return replace(term, text=f"{term.text} {head}"), f"{key} {head}"
    return term, key


# Words that make a bound part of a rule or definition: "a target below 7%", "stop when
# the eGFR falls below 30". Another threshold is then simply wrong ("below 8%" is not what
# the lecture sets), so the number alone is asked, on a close grid, with its bound kept.
RULE = re.compile(
    r"\b(?:target|threshold|cut-?off|when|if|once|stop|start|diagnos\w*|defin\w*|"
    r"criteri\w*|indicat\w*|should|must|recommend\w*|aim|"
    # a definition by a bound: "the index sums each day's mean temperature above 10 °C"
    r"sums|counts|measures|means|refers to|classif\w*)\b",
    re.IGNORECASE,
)


def with_bound(term: KeyTerm, text: str) -> KeyTerm:
    """A number the message bounds just before it ("at least 3.0 mmol/L") as that bound,
    or, in a rule ("stop when it falls below 30"), as a threshold asked alone."""
    quantity = term.quantity
    if quantity is not None and quantity.is_bound and not quantity.is_range and RULE.search(
            text):  # found with its bound ("above 10 °C"): the bound stays in the stem
        bare = replace(quantity, qualifier="")
        if occurrences(text, bare.text()):
            return replace(term, text=bare.text(), quantity=replace(bare, threshold=True))
    if quantity is None or quantity.is_bound or quantity.is_range:
        return term
    spans = occurrences(text, term.text)
    qualifier = bound_before(text, spans[0][0]) if spans else ""
    if not qualifier:
        return term
    bound = replace(quantity, qualifier=qualifier)
    if not bound.is_bound:  # "over 24 hours": a duration
        return term
    if RULE.search(text):  # "stop when eGFR falls below 30": a threshold, not a finding
        return replace(term, quantity=replace(quantity, threshold=True))
    start = len(text[: spans[0][0]].rstrip()) - len(qualifier)
    return replace(term, text=text[start : spans[0][1]], quantity=bound)


HEAD_NOUNS = ("cells", "cell")


def head_noun(term: KeyTerm, text: str) -> str:
    """The noun a glossary term qualifies in the message ("CAR-T cells" -> "cells"), if any.

    Other terms of the category ("chemotherapy") cannot qualify it, so such a phrase
    is asked for whole. CD and gene names can ("CD5 cells") and are left alone.
    """
    if term.quantity is not None or term.origin in ("marker", "gene"):
        return ""
    pattern = rf"(?<![^\W_]){re.escape(term.text)}\s+({'|'.join(HEAD_NOUNS)})\b"
    match = re.search(pattern, text, re.IGNORECASE)
    return match.group(1) if match else ""


def selection_chosen(distractors: tuple[str, ...], written: dict[str, str]) -> set[str]:
    """The chosen terms behind the options shown (a plural shows "SGLT2 inhibitors")."""
    return {written.get(d, d) for d in distractors}


def cloze_lead_in(term: KeyTerm, vocab: Vocabulary, foreign: bool = False) -> str:
    if term.quantity is not None:
        return "Which value completes the statement, as given in the lecture?"
    if term.category == "date":
        return "Which date completes the statement, as given in the lecture?"
    if not vocab.glossary.terms_under(term.category) and not term.category.startswith("course:"):
        # a symbol's kind guessed from its shape ("TLR4" looks like a gene): name no kind
        return "Which of the following best completes the statement?"
    if term.plural or foreign:  # "Which morpheme" above "Free morphemes, Bound morphemes…"
        return "Which option best completes the statement?"
    noun = category_noun(term.category, vocab)
    if set(stems(noun)) & set(stems(term.option_text)):
        # "Which treaty" above "Treaty of Nanjing": the kind's word would be the key's own,
        # written in the stem (round 47, five messages of one course declined so)
        return "Which option best completes the statement?"
    return f"Which {noun} best completes the statement?"


_RESTATED_AFTER = re.compile(r"(?:\s+[^\W\d]+){0,3}\s*\(\s*(?:about\s+|~\s*)?\d[^()]*\)")
_RESTATED_BEFORE = re.compile(
    r"(\d[\d.,]*\s?\S*)(?:\s+[^\W\d]+){0,3}\s*\(\s*(?:about\s+|~\s*)?$"
)


def _restated(term: KeyTerm, info: MessageInfo) -> None:
    """A value the message writes again in other units just after it ("6.5% (48 mmol/mol)",
    "7.0 mmol/L (126 mg/dL)", "10 units a day (0.1-0.2 units/kg)"): blanked alone, the
    other form would answer it (or make a wrong value defensible)."""
    if term.quantity is None:
        return
    for start, end in occurrences(info.text, term.text):
        after = _RESTATED_AFTER.match(info.text, end)
        before = _RESTATED_BEFORE.search(info.text[:start])
        other = (after.group(0)[after.group(0).index("("):] if after
                 and find_quantities(after.group(0)) else
                 before.group(1) if before and find_quantities(before.group(1)) else "")
        if other:
            raise TemplateError(f"the message gives '{term.text}' again as '{other.strip()}': "
                                "the blank would leave it in the stem")  # fmt: skip


def _identifier(term: KeyTerm, info: MessageInfo) -> None:
    """A bare number that names rather than counts ("port 53", "room 12"): a word stands
    before it and no unit after it. Halved or doubled it means nothing ("port 26")."""
    if term.quantity is None or term.quantity.unit:
        return
    for start, _ in occurrences(info.text, term.text):
        before = re.search(r"([^\W\d_]+)\s+$", info.text[:start])
        if before and before.group(1).casefold() not in STOPWORDS:
            raise TemplateError(f"'{before.group(1)} {term.text}' names something: a number "
                                "made up beside it would be no answer at all")  # fmt: skip


def _written_out(term: KeyTerm, info: MessageInfo, once: bool = False) -> None:
    _restated(term, info)
    _number_echoed(term, info)
    _identifier(term, info)
    found = occurrences(info.text, term.text)
    if not found:
        raise TemplateError(f"the key term '{term.text}' is not written out in the message")
    if once and len(found) > 1:
        raise TemplateError(f"'{term.text}' is written {len(found)} times in the message: "
                            "one blank would leave the answer in the stem")


def statement(item_id: str, term: KeyTerm, info: MessageInfo) -> Draft:
    """The true message among copies in which `term` is swapped for same-category terms.

    Only one term is ever swapped: if different distractors swapped different terms,
    the key would be the one option sharing most with all others (a convergence cue).
    Numeric swaps list the statements in ascending order of the value, like numbers.
    """
    _swappable(term, info)
    term = with_bound(term, info.text)  # a threshold in a rule: the cloze's close grid
    key = as_sentence(info.text)

    def swapped(alt: str) -> str:
        return as_sentence(replace_term(info.text, term.text, alt))

    layouts: tuple[tuple[str, ...], ...] = ()
    reasons: tuple[str, ...] = ()
    if term.quantity is not None:
        layouts = _layouts(term, info, key, swapped)
        alternatives = [q.text() for values in _value_sets(term, info) for q in values]
    else:
        selection = _term_selection(term, info)
        frame = replace_term(info.text, term.text, " ")
        # a whole sentence shown false: a term the course discusses on its subject at all
        # may make it true in part ("land photosynthesis takes up CO₂")
        alternatives = [c for c in selection.chosen
                        if not info.selection.evidence.discussed_with(c, frame,
                                                                      info.selection.source)]
        reasons = (*selection.reasons, *(f"not shown: the course discusses '{c}' on the "
                   "sentence's subject" for c in selection.chosen if c not in alternatives))
    copies = {swapped(alt): alt for alt in alternatives}
    copies.pop(key, None)
    _require(list(copies), term)
    stated = term.quantity.text() if term.quantity else term.option_text
    feedback = [(key, f"Correct: {key}")] + [
        (c, f"This statement is not what the lecture states; it gives {stated}, not {alt}.")
        for c, alt in copies.items()
    ]
    distractors = tuple(o for o in layouts[0] if o != key) if layouts else tuple(copies)
    return Draft(item_id, "statement", statement_lead_in(info.topic), key, distractors,
                 term.text, tuple(feedback), layouts, numeric=bool(layouts),
                 reasons=reasons, swapped=tuple(copies.values()))  # fmt: skip


def statement_lead_in(topic: str) -> str:
    """A focused lead-in naming what the statements are about: the slide that taught it."""
    if not topic:
        raise TemplateError("no slide teaches this message, so a statement item's lead-in "
                            "could not name its topic")
    return f"Which statement on “{topic.strip()}” is correct, according to the lecture?"


def _number_echoed(term: KeyTerm, info: MessageInfo) -> None:
    """A number of the key the message writes again elsewhere ("15-20 g … after 15
    minutes"): the one option that pairs with it is the key, in a statement as in a cloze."""
    if term.quantity is None:
        return
    numbers = set(re.findall(r"\d+(?:\.\d+)?", term.text))
    rest = info.text
    for start, end in reversed(occurrences(info.text, term.text)):
        rest = rest[:start] + rest[end:]
    echoed = numbers & set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", rest))
    if echoed:
        raise TemplateError(f"the message writes the key's {min(echoed)} again: the option "
                            "that pairs with it would be the key")  # fmt: skip


def _swappable(term: KeyTerm, info: MessageInfo) -> None:
    """Refuse swaps that would not read, or whose copies could be true as well."""
    _written_out(term, info, once=True)
    term = with_bound(term, info.text)
    head = head_noun(term, info.text)
    if head:
        raise TemplateError(
            f"'{term.text}' qualifies '{head}': swapping it for another term would not read"
        )
    if term.quantity is not None and term.quantity.is_bound:
        raise TemplateError(
            f"'{term.text}' is a bound: a copy with a higher value would be true as well"
        )
