"""The handout plan: what goes on the cover, in the contents, each card and the back matter.

Pure functions from the course model to view dataclasses; the templates only lay
them out. Files (figures) come in through `BlockContext.load_figure`, so planning
itself never touches the disk and is tested without WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from markupsafe import Markup

from tall_teach.htmlkit.inline import safe_url
from tall_teach.model import (
    Block,
    BulletList,
    Chart,
    Column,
    Columns,
    Course,
    Figure,
    Module,
    Paragraph,
    Placeholder,
    Question,
    Slide,
    TakeHome,
    plain_text,
)
from tall_teach.transforms.citations import reference_order, short_citation, vancouver
from tall_teach.writers.handout.blocks import BlockContext, BlockView, SourceView, block_views

LAYOUTS = ("notes", "outline")
PAPERS = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True, slots=True)
class CardPlan:
    """One slide: a card (notes layout) or a titled passage (outline layout).

    `kind` is "content" or "section"; `heading_level` keeps the heading hierarchy
    without gaps (a slide under a section is one level deeper than one without).
    """

    number: int
    anchor: str
    kind: str
    title: Markup
    title_text: str
    heading_level: int
    blocks: tuple[BlockView, ...]
    notes: tuple[BlockView, ...]
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class ModulePlan:
    number: int
    anchor: str
    title: str
    objectives: tuple[str, ...]
    cards: tuple[CardPlan, ...]

    @property
    def sections(self) -> tuple[CardPlan, ...]:
        return tuple(c for c in self.cards if c.kind == "section")


@dataclass(frozen=True, slots=True)
class ReferenceView:
    number: int
    key: str
    html: Markup

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


@dataclass(frozen=True, slots=True)
class GlossaryView:
    category: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HandoutPlan:
    language: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    institution: str
    date_iso: str  # "" when the course date is not a valid ISO date
    date_text: str
    layout: str
    paper: str  # CSS page size keyword
    keywords: tuple[str, ...]
    modules: tuple[ModulePlan, ...]
    glossary: tuple[GlossaryView, ...]
    references: tuple[ReferenceView, ...]
    labels: Mapping[str, str]

    @property
    def description(self) -> str:
        return self.subtitle or self.title


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def format_date(iso: str, labels: Mapping[str, object]) -> str:
    """"2026-11-23" -> "23 November 2026" in the course language; other text as is."""
    match = _ISO_DATE.match(iso.strip())
    months = labels.get("months")
    if not match or not isinstance(months, list) or len(months) != 12:
        return iso
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return iso
    template = str(labels.get("date_format", "{day} {month} {year}"))
    return template.format(day=day, month=months[month - 1], year=year)


def anchor_for(text: str, taken: set[str]) -> str:
    """An HTML id from any text: letters, digits and hyphens, unique in the document."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-").lower() or "x"
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    taken.add(candidate)
    return candidate


def reference_numbers(course: Course) -> dict[str, int]:
    """Vancouver numbers: by first citation through the course, uncited entries last."""
    return {key: i for i, key in enumerate(reference_order(course), start=1)}


def reference_views(course: Course, numbers: Mapping[str, int]) -> tuple[ReferenceView, ...]:
    views: list[ReferenceView] = []
    for key, number in numbers.items():
        ref = course.reference(key)
        if ref is None:
            continue
        views.append(ReferenceView(number, key, _reference_html(vancouver(ref), ref.doi, ref.url)))
    return tuple(views)


def _reference_html(text: str, doi: str, url: str) -> Markup:
    """The Vancouver entry escaped; its DOI or URL at the end becomes a link."""
    escaped = Markup.escape(text)
    target, shown = "", ""
    if doi and text.endswith(f"doi:{doi}"):
        target, shown = safe_url(f"https://doi.org/{doi}") or "", f"doi:{doi}"
    elif url and text.endswith(url):
        target, shown = safe_url(url) or "", url
    if not target:
        return escaped
    head = Markup.escape(text[: len(text) - len(shown)])
    return head + Markup('<a href="{}">{}</a>').format(target, shown)


def deck_segments(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """Blocks grouped as the deck groups them: a run of text, a take-home list, one visual."""
    found: list[tuple[Block, ...]] = []
    text: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph | BulletList):
            text.append(block)
            continue
        if text:
            found.append(tuple(text))
            text = []
        found.append((block,))
    if text:
        found.append(tuple(text))
    return found


def _is_text(segment: tuple[Block, ...]) -> bool:
    return isinstance(segment[0], Paragraph | BulletList | TakeHome)


def card_blocks(blocks: tuple[Block, ...], side_by_side: bool) -> tuple[Block, ...]:
    """What a card shows, arranged like the deck's slide.

    Authored questions go to the quiz, not the slide. A run of text beside one chart,
    figure or placeholder (or two such visuals) sits side by side, as on the deck's
    two-content slide; everything else stacks.
    """
    shown = tuple(b for b in blocks if not isinstance(b, Question))
    segments = deck_segments(shown)
    pairable = all(_is_text(s) or isinstance(s[0], Chart | Figure | Placeholder) for s in segments)
    if not side_by_side or len(segments) != 2 or not pairable or all(map(_is_text, segments)):
        return shown
    source = segments[0][0].source
    return (Columns(tuple(Column(s, s[0].source) for s in segments), source),)


def _card(
    slide: Slide, number: int, level: int, ctx: BlockContext, taken: set[str],
    side_by_side: bool = True,
) -> CardPlan:
    anchor = anchor_for(f"s-{slide.id}", taken)
    return CardPlan(
        number=number,
        anchor=anchor,
        kind="section" if slide.kind == "section" else "content",
        title=ctx.html(slide.title),
        title_text=plain_text(slide.title),
        heading_level=level,
        blocks=block_views(card_blocks(slide.blocks, side_by_side),
                           replace(ctx, slide_blocks=slide.blocks), anchor),
        notes=block_views(slide.notes, ctx, f"{anchor}-n"),
        sources=ctx.sources(slide.citations),
    )


def module_plan(
    module: Module, number: int, first_slide: int, ctx: BlockContext, taken: set[str],
    side_by_side: bool = True,
) -> ModulePlan:
    """Cards in order; headings: module h2, section h3, slide h3 or h4 under a section."""
    cards: list[CardPlan] = []
    in_section = False
    for offset, slide in enumerate(module.slides):
        if slide.kind == "section":
            in_section = True
            level = 3
        else:
            level = 4 if in_section else 3
        cards.append(_card(slide, first_slide + offset, level, ctx, taken, side_by_side))
    anchor = anchor_for(f"m-{module.id}", taken)
    return ModulePlan(number, anchor, module.title, module.objectives, tuple(cards))


def glossary_views(course: Course) -> tuple[GlossaryView, ...]:
    spellings = {t.casefold(): t for _, ts in course.glossary.categories for t in ts}
    return tuple(
        GlossaryView(category_label(name, spellings), tuple(terms))
        for name, terms in course.glossary.categories
        if terms
    )


def category_label(name: str, spellings: Mapping[str, str] | None = None) -> str:
    """"cd_marker" -> "Cd marker"; "car-t issue" -> "CAR-T issue" when CAR-T is a term.

    YAML keys are usually typed in lower case, so a word that is also a glossary term
    takes the term's spelling; then the label is capitalised once.
    """
    words = name.replace("_", " ").split()
    if spellings:
        words = [spellings.get(w.casefold(), w) for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def course_keywords(course: Course, limit: int = 40) -> tuple[str, ...]:
    """PDF keywords: the glossary's key terms, else the module titles."""
    terms = [t for _, ts in course.glossary.categories for t in ts] or [
        m.title for m in course.modules
    ]
    unique = list(dict.fromkeys(t.replace(",", " ").strip() for t in terms if t.strip()))
    return tuple(unique[:limit])


def plan_handout(
    course: Course, ctx: BlockContext, labels: Mapping[str, object], first_number: int = 1
) -> HandoutPlan:
    """The whole handout. `ctx.numbers` must come from `reference_numbers(course)`.

    `first_number` is the number of the first slide card: the deck's numbering, which
    counts its own title slide.
    """
    taken = {"cover", "contents", "glossary", "references", "main"}
    modules: list[ModulePlan] = []
    first = first_number
    layout = course.handout.layout if course.handout.layout in LAYOUTS else "notes"
    for number, module in enumerate(course.modules, start=1):
        modules.append(module_plan(module, number, first, ctx, taken, layout == "notes"))
        first += len(module.slides)
    date_ok = bool(_ISO_DATE.match(course.date.strip()))
    return HandoutPlan(
        language=course.language or "en",
        title=course.title,
        subtitle=course.subtitle,
        authors=course.authors,
        institution=course.institution,
        date_iso=course.date.strip() if date_ok else "",
        date_text=format_date(course.date, labels),
        layout=layout,
        paper=PAPERS.get(course.handout.paper, "A4"),
        keywords=course_keywords(course),
        modules=tuple(modules),
        glossary=glossary_views(course),
        references=reference_views(course, ctx.numbers),
        labels={k: v for k, v in labels.items() if isinstance(v, str)},
    )


def short_citations(course: Course) -> dict[str, str]:
    """Every reference's short form ("Bassan R et al, JCO 2018"), by key."""
    return {ref.key: short_citation(ref) for ref in course.references}
