"""Walking the course model: take-home messages and authored questions with their place,
and every piece of visible text (the corpus distractors are drawn from first)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Columns,
    Course,
    Figure,
    Message,
    Module,
    Paragraph,
    Placeholder,
    Question,
    Slide,
    Table,
    TakeHome,
    plain_text,
)
from tall_teach.quiz.numbers import (
    Quantity,
    find_quantities,
    parse_quantity,
    spelled_numbers,
)
from tall_teach.quiz.text import contains_term, normalise, occurrences, stems


@dataclass(frozen=True, slots=True)
class Place:
    """The module and slide a message or question sits on."""

    module: Module
    slide: Slide

    @property
    def slide_title(self) -> str:
        return plain_text(self.slide.title)


def blocks_in(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, descending into columns and placeholders."""
    for block in blocks:
        yield block
        if isinstance(block, Columns):
            for column in block.columns:
                yield from blocks_in(column.blocks)
        elif isinstance(block, Placeholder):
            yield from blocks_in(block.blocks)


def takehome_messages(course: Course) -> Iterator[tuple[Place, Message]]:
    for module in course.modules:
        for slide in module.slides:
            for block in blocks_in(slide.blocks):
                if isinstance(block, TakeHome):
                    for message in block.messages:
                        yield Place(module, slide), message


def authored_questions(course: Course) -> Iterator[tuple[Place, Question]]:
    for module in course.modules:
        for slide in module.slides:
            for block in blocks_in(slide.blocks):
                if isinstance(block, Question):
                    yield Place(module, slide), block


def course_texts(course: Course) -> Iterator[str]:
    """All text the course shows or says (slides and notes), except authored questions,
    whose own distractors must not count as terms the course teaches."""
    for module in course.modules:
        yield module.title
        yield from module.objectives
        for slide in module.slides:
            yield plain_text(slide.title)
            for block in blocks_in((*slide.blocks, *slide.notes)):
                yield from _block_texts(block)


def _block_texts(block: Block, values: bool = False) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield plain_text(block.inlines)
    elif isinstance(block, BulletList):
        yield from _list_texts(block)
    elif isinstance(block, Table):
        for row in (block.header, *block.rows):
            yield from (plain_text(cell) for cell in row)
        yield plain_text(block.caption)
    elif isinstance(block, Figure):
        yield block.alt
        yield plain_text(block.caption)
    elif isinstance(block, Chart):
        yield block.title
        yield from block.categories
        yield from (s.name for s in block.series)
        if values:  # what the chart shows: "3 letters: 8" (rows in a truth table)
            yield from (f"{category}: {value:g}" for s in block.series
                        for category, value in zip(block.categories, s.values, strict=False)
                        if value is not None)  # fmt: skip
    elif isinstance(block, TakeHome):
        yield from (plain_text(m.inlines) for m in block.messages)


def _list_texts(bullets: BulletList) -> Iterator[str]:
    for item in bullets.items:
        yield plain_text(item.inlines)
        for child in item.children:
            yield from _list_texts(child)


def slide_text(slide: Slide) -> str:
    """Everything a slide shows or its notes say, as one text."""
    texts = [plain_text(slide.title)]
    for block in blocks_in((*slide.blocks, *slide.notes)):
        texts.extend(_block_texts(block, values=True))
    return "\n".join(t for t in texts if t)


def teaching_slide(
    course: Course, place: Place, message_text: str, key_terms: list[str]
) -> Place | None:
    """The slide where a take-home message was taught, when one clearly matches.

    Take-home slides rarely cite anything; the slide that taught the fact does. A match
    must write one of the message's key terms and share at least half of its content
    words, or write a word of a key term in another form and share most of them ("the
    axis is tilted by about 23.5°" for "axial tilt"; "the third law" on "Kepler's three
    laws"); the best match wins, then one with a key term in its title, then the earliest.
    """
    wanted = {w for w in stems(message_text) if len(w) > 2}
    if not wanted:
        return None
    words = {w for t in key_terms for w in stems(t) if len(w) > 2}
    figures = _figures(message_text)
    # a value is written on a slide by its number alone: a chart gives its unit once
    # ("16.7" among a column chart's values in ms: round 59)
    values = [set(_FIGURE.findall(t)) for t in key_terms if parse_quantity(t) is not None]
    best: tuple[tuple[int, bool, bool, float, bool, bool], Place] | None = None
    writing: list[tuple[float, Place]] = []  # the slides that write a key term (or title it)
    kin: list[tuple[float, Place]] = []  # its module's slides that write the key or a word of it
    telling: list[Place] = []  # the take-home's module's slides that say most of it
    for taught in _teaching_candidates(course):
        if taught.place.slide is place.slide or _titled_by_opposite(taught.title, key_terms):
            continue
        score = len(wanted & taught.stems) / len(wanted)
        writes = any(_writes(taught.text, form) for term in key_terms for form in _forms(term))
        written = _figures(taught.text)
        writes = writes or any(v and v <= written for v in values)
        headed = _headed(taught.title, key_terms[:1])
        # a take-home slide sums up its own module: of two slides that say it as fully,
        # the one there taught it ("The truth tables of the connectives", not the first
        # module's "Four conditional forms", which only names the antecedent)
        near = taught.place.module is place.module
        # a figure of the message written there marks the slide that taught it ("about 97%
        # of the water … is lost by transpiration": round 48 pointed to another module's
        # slide that wrote more of the message's words); with the key written, a quarter of
        # the words is enough ("Principia … (1687)" on "Isaac Newton": round 61)
        figured = bool(figures & written)
        if score >= _SOLE_SHARE and (writes or _titles(taught.title, words)):
            writing.append((score, taught.place))
        if near and score >= _TELLING_SHARE:
            telling.append(taught.place)
        if near and ((writes and score >= _SOLE_SHARE)
                     or (score >= 0.5 and words & taught.stems)):
            kin.append((score, taught.place))
        if score < 0.5 and not (score >= _SOLE_SHARE and (headed or (writes and figured))):
            continue
        titled = any(_writes(taught.title, form) for term in key_terms for form in _forms(term))
        if writes:
            # a slide titled by the key taught it, before one that shares more words
            # ("Entailment" over "Testing for implicature": round 49); then the take-home
            # slide's own module, which it sums up, before one that shares more words
            # ("Four triad qualities" over module 4's "Doubling", which shares "two")
            rank = (1, figured, headed, near, score, titled)
        elif (score >= _LOOSE_SHARE or (figured and score >= 0.5)) and words & taught.stems:
            # another form of the key: as good as writing it when the title names it too
            named = bool(words & stems(taught.title))
            rank = (int(named), figured, False, near, score, named)
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, taught.place)
    if best is None and len(writing) == 1:
        # the one slide that writes the key taught it, in its own words ("A lurking
        # variable, not in the analysis, can drive both" for "… affects both x and y":
        # round 45)
        return writing[0][1]
    if best is None and kin:
        # of several, the one of the take-home's own module that says most of it, with
        # the key or a word of it: "The King's Great Matter" (Catherine, annulment), not
        # an earlier module's slide that names Catherine of Aragon too (round 78)
        return max(kin, key=lambda sp: sp[0])[1]
    if best is None and len(telling) == 1:
        # the one slide of the module that says nearly all of it taught it, in other
        # words than the key's ("hidden powers" for "occult quality": round 61)
        return telling[0]
    return best[1] if best else None


_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w])")  # "97", "0.3", "11,700"
_LOOSE_SHARE = 0.6  # of the message's words, on a slide that writes its key in another form
_SOLE_SHARE = 0.25  # of the message's words, on the only slide that writes its key
_TELLING_SHARE = 0.7  # of the message's words, on the only slide of its module saying them


def _figures(text: str) -> set[str]:
    """The figures a text writes, in digits or as words from three up ("seven half steps"
    is the table's "7": round 58); "one" and "two" are too common to mark a slide."""
    spelled = {str(n) for n in spelled_numbers(text) if n >= 3}
    return set(_FIGURE.findall(text)) | spelled


def _headed(title: str, key_terms: list[str]) -> bool:
    """The title is the key term, or starts with it ("Entailment"; "Recombination and last
    scattering"): the slide that defines it."""
    # a leading article names the same thing ("The Fourier series" taught it, not "From
    # series to transform": an educator pass)
    title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
    said = normalise(title)
    return any(said == normalise(form) or _names_first(title, form)
               for term in key_terms for form in _forms(term))


def _names_first(title: str, term: str) -> bool:
    """The title names the term first, then a colon or "and" ("Data hazards: forwarding",
    "San Lorenzo and La Venta"), not another term it starts ("Conditional proof")."""
    return re.match(rf"{re.escape(term)}(?::|\s+and\s|\s*$)", title.strip(),
                    re.IGNORECASE) is not None


def _titles(title: str, key_words: set[str]) -> bool:
    """A slide title holding most of a longer key's words in some form ("Allen: high wages
    and cheap energy" for "high-wage economy": round 46)."""
    said = stems(title)
    shared = {w for w in key_words if any(w.startswith(t) or t.startswith(w) for t in said
                                          if len(t) >= 3)}  # "wage" and "wag(es)"
    return len(shared) >= 2 and len(shared) > len(key_words) / 2


def _forms(term: str) -> list[str]:
    """A key term and its other number: the slide "Focal points" taught "focal point"."""
    from tall_teach.quiz.terms import pluralise, singular_form

    return list(dict.fromkeys([term, pluralise(term), singular_form(term)]))


@dataclass(frozen=True, slots=True)
class _Taught:
    place: Place
    text: str
    title: str
    stems: frozenset[str]
    joined: str  # the text's normal form: a term written there is a substring


_TAUGHT: list[tuple[Course, list[_Taught]]] = []  # the last course's slides, read once


def _teaching_candidates(course: Course) -> list[_Taught]:
    """Every slide that may have taught a message (not a take-home slide), with its text
    read once per course: teaching_slide runs for every message and item."""
    if _TAUGHT and _TAUGHT[0][0] is course:
        return _TAUGHT[0][1]
    found = []
    for module in course.modules:
        for slide in module.slides:
            if slide.kind == "section" or any(isinstance(b, TakeHome)
                                              for b in blocks_in(slide.blocks)):
                continue  # a section divider names its topic and teaches nothing
            text = slide_text(slide)
            found.append(_Taught(Place(module, slide), text, plain_text(slide.title),
                                 frozenset(stems(text)), normalise(text)))  # fmt: skip
    _TAUGHT[:] = [(course, found)]
    return found


# A prefix that makes a term its opposite ("Non-consequentialist"): what follows it is
# another term, in a slide's text and in its title alike
_OPPOSITE = r"(?:non|anti|counter)[-‐‑]"
_NEGATING = re.compile(rf"{_OPPOSITE}$", re.IGNORECASE)


def _titled_by_opposite(title: str, key_terms: list[str]) -> bool:
    """A slide titled "Non-consequentialist theories" teaches the other family, however many
    of the message's words it shares ("judge by outcomes" / "not by its outcomes")."""
    return any(re.search(rf"(?<![\w-]){_OPPOSITE}{re.escape(t)}", title, re.IGNORECASE)
               for t in key_terms)


def _writes(text: str, term: str) -> bool:
    """The text writes the term, or the same value in another spelling ("128-bit" for
    "128 bits"); "Non-consequentialist" writes another term, not "consequentialist" (an
    educator pass pointed the explanation there)."""
    if contains_term(text, term):
        spans = occurrences(text, term)
        return not spans or any(not _NEGATING.search(text[max(0, a - 8):a]) for a, _ in spans)
    wanted = parse_quantity(term)
    return wanted is not None and any(
        q.stated() == wanted.stated() for q, _, _ in find_quantities(text)
    )


_HEADER_UNIT = re.compile(r"\(([^()]{1,20})\)\s*$")


def chart_quantities(course: Course) -> Iterator[Quantity]:
    """Chart values with their unit, and table cells under a header that gives one
    ("Operating temperature (°C)": 60-80, 150-200): numbers the course shows without
    writing their unit beside them. The other rows are the wrong values a teacher would
    offer (round 89 made up 1100-2500 °C beside a table of fuel cells' temperatures)."""
    for slide in course.slides():
        for block in blocks_in(slide.blocks):
            if isinstance(block, Chart) and block.unit.strip():
                for series in block.series:
                    for value in series.values:
                        quantity = parse_quantity(f"{value:g}{block.unit.strip()}")
                        if quantity is not None:
                            yield quantity
            elif isinstance(block, Table):
                for index, head in enumerate(block.header):
                    unit = _HEADER_UNIT.search(plain_text(head))
                    if not unit:
                        continue
                    for row in block.rows:
                        cell = plain_text(row[index]).strip() if index < len(row) else ""
                        if cell and parse_quantity(cell) is None:
                            quantity = parse_quantity(f"{cell} {unit.group(1).strip()}")
                            if quantity is not None:
                                yield quantity


def course_lists(course: Course) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Terms the course shows as one kind: a table column's cells that are short names
    (not numbers, not sentences), a chart's categories. Named by header or chart title."""
    for slide in course.slides():
        for block in blocks_in(slide.blocks):
            if isinstance(block, Table) and block.rows:
                for index, head in enumerate(block.header):
                    cells = [plain_text(row[index]) for row in block.rows if index < len(row)]
                    # a cell may list several ("Agra, Delhi, Lahore" as the Mughals'
                    # capitals): each is a name of the column's kind, the list is none
                    # (round 86 offered it as one capital)
                    # (a comma inside brackets is no list: "FIB-4 (age, AST, ALT,
                    # platelets)" gave "FIB-4 (age" as an option, round 92)
                    split = [[c] if "(" in c else [p for p in _CELL_LIST.split(c) if p]
                             for c in cells]
                    if split and all(parts and all(_is_name(p) for p in parts)
                                     for parts in split):
                        names = tuple(dict.fromkeys(p for parts in split for p in parts))
                        yield plain_text(head) or "column", names
            elif isinstance(block, Chart) and len(block.categories) >= 3:
                names = tuple(c for c in block.categories if _is_name(c))
                if len(names) == len(block.categories):
                    yield block.title or "chart", names


_LIST_SEPARATORS = re.compile(r"\s*[,;/]\s*|\s+and\s+|\s+or\s+")
_CELL_LIST = re.compile(r"\s*[,;]\s*")  # a column's cell listing names ("Agra, Delhi")


def course_groups(course: Course) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Terms a table cell lists together ("HTTP, DNS, SMTP" in the row of the application
    layer), named by the row's first cell: a finer kind than the glossary's when the
    course sorts the terms of one kind into rows."""
    for slide in course.slides():
        for block in blocks_in(slide.blocks):
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                label = plain_text(row[0]) if row else ""
                for cell in row[1:]:
                    # a cell's own label before a colon names the list, it is no term of
                    # it ("single gods: Demeter, Apollo": round 60)
                    listed = re.sub(r"^[^:]{1,40}:\s+", "", plain_text(cell))
                    parts = [p for p in _LIST_SEPARATORS.split(listed) if p]
                    names = tuple(dict.fromkeys(p for p in parts if _is_name(p)))
                    if len(names) >= 2 and len(names) == len(parts):
                        yield label, names


# Cells that fill a table's gap rather than name anything ("Other" offered as a drug class
# beside SSRI: round 91)
_PLACEHOLDERS = frozenset({"other", "others", "none", "mixed", "various", "unknown", "n/a",
                           "na", "misc", "miscellaneous", "all", "both", "neither", "-", "—"})


def _is_name(text: str) -> bool:
    """A short name: 1-4 words, not mainly a number, not a placeholder ("Other")."""
    words = text.split()
    if (not 1 <= len(words) <= 4 or parse_quantity(text) is not None
            or text.strip().casefold() in _PLACEHOLDERS):
        return False
    digits = sum(c.isdigit() for c in text)
    return digits <= len(text) / 3
