"""The course, its modules and slides, bibliography and glossary."""

from __future__ import annotations

from dataclasses import dataclass, field

from tall_teach.model.blocks import Block
from tall_teach.model.inline import Inline
from tall_teach.model.quiz import QuizDecline, QuizItem
from tall_teach.model.review import ItemReview
from tall_teach.model.source import SourceRef


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide as authored. `kind` is "section" (a `#` divider) or "content".

    `citations` are all keys cited in the title, body and chart sources, in order
    of first appearance: the slide's source footer.
    """

    id: str
    kind: str
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    notes: tuple[Block, ...]
    citations: tuple[str, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: str
    objectives: tuple[str, ...]
    path: str
    slides: tuple[Slide, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Name:
    family: str
    given: str = ""
    literal: str = ""  # a collective author ("GIMEMA group"), used as is


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliography entry, CSL-shaped, holding only what the source states."""

    key: str
    type: str
    authors: tuple[Name, ...]
    title: str
    container: str  # journal or meeting as cited ("JCO", "Blood Adv", "ASH")
    year: str
    source: SourceRef
    volume: str = ""
    issue: str = ""
    pages: str = ""
    note: str = ""  # e.g. "Abstract 962"
    url: str = ""
    doi: str = ""
    et_al: bool = False  # the source lists only the first author(s) "et al"
    formatted: str = ""  # the full entry in the course's `csl:` style; "": built-in Vancouver
    editors: tuple[Name, ...] = ()  # an edited book's editors (cited by them without authors)
    publisher: str = ""  # a book's or report's publisher ("Oxford University Press")
    place: str = ""  # where it was published ("Oxford"): CSL publisher-place, BibTeX address
    edition: str = ""  # as the source gives it: "2", "2nd", "Revised"


@dataclass(frozen=True, slots=True)
class Glossary:
    """Key terms by category; terms of one category are interchangeable distractors.

    A category may hold sub-kinds ("drug" with "drug/BTK inhibitor" and
    "drug/chemotherapy"): a sub-kind's name is its parent's, a slash, and its own.
    A term's kind is the finest one that lists it.
    """

    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def category_of(self, term: str) -> str | None:
        wanted = term.casefold()
        found = [name for name, terms in self.categories
                 if any(t.casefold() == wanted for t in terms)]  # fmt: skip
        return max(found, key=lambda n: n.count("/")) if found else None

    def terms(self, category: str) -> tuple[str, ...]:
        return dict(self.categories).get(category, ())

    def every_term(self) -> tuple[str, ...]:
        """Every term of every category, in the glossary's order."""
        return tuple(t for _, terms in self.categories for t in terms)

    def terms_under(self, category: str) -> tuple[str, ...]:
        """The category's own terms and those of all its sub-kinds."""
        prefix = f"{category}/"
        return tuple(
            t for name, terms in self.categories
            if name == category or name.startswith(prefix) for t in terms
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class HandoutSettings:
    layout: str = "notes"  # notes | outline
    paper: str = "a4"  # a4 | letter


@dataclass(frozen=True, slots=True)
class SlidesSettings:
    """The HTML slides: `pdf` also prints them to slides.pdf (WeasyPrint, a few seconds)."""

    pdf: bool = False


@dataclass(frozen=True, slots=True)
class QuizSettings:
    seed: int = 0
    options: int = 4
    per_message: int = 1
    formats: tuple[str, ...] = ("html", "moodle", "gift", "qti", "pdf", "anki")
    # "required": LMS exports, Anki and the printable quiz hold authored and approved
    # items only; "optional": every item not rejected.
    review: str = "optional"
    # Let `tall-teach analyze` list non-functioning generated distractors to avoid.
    swap_distractors: bool = False


@dataclass(frozen=True, slots=True)
class Course:
    """A whole course. `root` is the absolute course folder; `id` its folder name.

    `identity` is what the course stays when its folder is copied or renamed (course.yaml
    `id:`, else a slug of the title): exports that others import again key on it.
    """

    id: str
    root: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    date: str  # ISO yyyy-mm-dd
    language: str
    theme: str
    modules: tuple[Module, ...]
    references: tuple[Reference, ...]
    glossary: Glossary
    handout: HandoutSettings
    quiz: QuizSettings
    source: SourceRef
    institution: str = ""
    identity: str = ""
    items: tuple[QuizItem, ...] = field(default=())  # filled by the quiz generators
    declined: tuple[QuizDecline, ...] = field(default=())  # messages left without an item
    reviews: tuple[ItemReview, ...] = field(default=())  # quiz-review.yaml, by item id
    # (course-relative path, SHA-256 of the bytes read or "") of every file the reader used
    inputs: tuple[tuple[str, str], ...] = field(default=())
    html_slides: SlidesSettings = field(default=SlidesSettings())  # course.yaml slides:

    def review_of(self, item_id: str) -> ItemReview | None:
        """The review entry of an item id (the generator reads `avoid` from it)."""
        return next((r for r in self.reviews if r.item_id == item_id), None)

    def reference(self, key: str) -> Reference | None:
        for ref in self.references:
            if ref.key == key:
                return ref
        return None

    def slides(self) -> tuple[Slide, ...]:
        return tuple(s for m in self.modules for s in m.slides)
