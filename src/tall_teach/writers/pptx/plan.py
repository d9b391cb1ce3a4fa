"""The pure half of the deck writer: the course model in, a DeckPlan out (Pandoc's way).

No python-pptx objects here: which layout each slide uses, which text goes in
which placeholder at which size, where a slide continues, and what the footer,
notes and core properties say. Warnings are returned as data.
"""

from __future__ import annotations

from dataclasses import replace

from tall_teach.errors import Diagnostic
from tall_teach.model import (
    Block,
    BulletList,
    Columns,
    Course,
    LecturerNotes,
    Message,
    Module,
    Paragraph,
    Placeholder,
    Question,
    Slide,
    TakeHome,
    Text,
)
from tall_teach.quizkit import option_letter
from tall_teach.transforms.citations import footer_text, reference_order, vancouver
from tall_teach.writers.pptx.compose import Page, compose_slide, only_questions, segments
from tall_teach.writers.pptx.context import PlanContext
from tall_teach.writers.pptx.measure import Measurer
from tall_teach.writers.pptx.settings import PptxSettings
from tall_teach.writers.pptx.specs import CoreProps, DeckPlan, SlidePlan, Slot, TextBlock
from tall_teach.writers.pptx.stats import stat_page
from tall_teach.writers.pptx.template import LayoutGeometry, TemplateInfo, TextFrame, free_box
from tall_teach.writers.pptx.text import Para, Run, clean, inline_runs, plain, text_paras
from tall_teach.writers.pptx.titles import ellipsized, fit_title, lines_needed, lowered
from tall_teach.writers.pptx.visuals import emphasise_charts

MAX_MESSAGES = 8  # take-home messages a merged slide holds at most (visual.md: 5-8 lines)
REFERENCE_SPACING = 4.0  # points between reference entries: a list, not separate points
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def plan_deck(
    course: Course, settings: PptxSettings, template: TemplateInfo, measurer: Measurer
) -> DeckPlan:
    """Every slide of the deck, in order, with unique titles that fit."""
    ctx = PlanContext(course, settings, template, measurer)
    slides = [title_slide(ctx)]
    for module in course.modules:
        slides += module_slides(module, ctx)
    slides += reference_slides(ctx)
    slides = same_title_sizes([finish(s, ctx) for s in unique_titles(slides, ctx)])
    slides = with_progress(slides)
    for note in template.notes:
        ctx.warn(None, note)
    warnings = tuple(dict.fromkeys(ctx.warnings))  # a slide laid out twice reports once
    return DeckPlan(tuple(slides), core_props(course, ctx), warnings)


def with_progress(slides: list[SlidePlan]) -> list[SlidePlan]:
    """Each divider knows where the lecture is: its section's number and how many there are."""
    total = sum(s.kind == "section" for s in slides)
    if total < 2:
        return slides
    count = 0
    result = []
    for slide in slides:
        if slide.kind == "section":
            count += 1
            slide = replace(slide, progress=(count, total))
        result.append(slide)
    return result


def format_date(iso: str) -> str:
    """ "2026-11-23" -> "23 November 2026" (no locale: the same on every machine)."""
    try:
        year, month, day = (int(p) for p in iso.split("-"))
        return f"{day} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso


def title_slide(ctx: PlanContext) -> SlidePlan:
    course = ctx.course
    sub = ctx.size("subtitle")
    meta = sub - 4
    lines = []
    if course.subtitle:
        lines.append(Para((Run(clean(course.subtitle)),), 0, "none", size=sub))
    if course.authors:
        names = clean(", ".join(course.authors))
        gap = 18.0 if lines else -1.0  # set the people apart from the subtitle
        lines.append(Para((Run(names, bold=True),), 0, "none", size=meta, space_before=gap))
    if course.institution:
        lines.append(Para((Run(clean(course.institution)),), 0, "none", size=meta))
    if course.date:
        lines.append(Para((Run(format_date(course.date)),), 0, "none", size=meta))
    geometry = ctx.template.layout("title")
    slots = ()
    if geometry.subtitle is not None and lines:
        lines = fitted_lines(lines, geometry.subtitle, ctx)
        block = TextBlock(tuple(lines), sub, ctx.size("body_min"), "subtitle")
        slots = (Slot(block, geometry.subtitle),)
    return SlidePlan(
        "title",
        (Run(clean(course.title)),),
        ctx.size("title_slide"),
        slots,
        numbered=False,
        source_id="title",
    )


def fitted_lines(lines: list[Para], frame: TextFrame, ctx: PlanContext) -> list[Para]:
    """The title slide's lines 2 pt smaller at a time (not under `body_min`) until they fit
    the template's subtitle box; then the last ones left out, with a warning."""
    floor = ctx.size("body_min")
    while not ctx.flat.fits(lines, frame, floor, floor, frame.inner_height_pt):
        smaller = [replace(p, size=max(floor, (p.size or floor) - 2)) for p in lines]
        if smaller == lines:
            ctx.warn(None, f"the title slide leaves out {plain(lines[-1].runs)!r}: the "
                     "template's subtitle box is full")
            lines = lines[:-1]
            if not lines:
                break
        else:
            lines = smaller
    return lines


def module_slides(module: Module, ctx: PlanContext) -> list[SlidePlan]:
    plans: list[SlidePlan] = []
    previous = module.title
    slides = merged_take_homes(module.slides, ctx)
    kept = {id(s) for s in module.slides}  # identity first: `in` compares every slide
    merged = {s.id for s in slides if id(s) not in kept and s not in module.slides}
    summary = summary_ctx(ctx, [s for s in slides if s.id in merged])
    for slide in slides:
        title = inline_runs(slide.title) or continued_title(previous, 1, ctx)
        if not slide.title or not plain(inline_runs(slide.title)):
            ctx.warn(slide.source, f"an untitled slide is titled {plain(title)!r}")
        previous = plain(title)
        if slide.kind == "section":
            first = slide is slides[0] and not has_text(slide)
            plans += section_slides(slide, title, ctx, module.objectives if first else ())
        else:
            plans += content_slides(slide, title, summary if slide.id in merged else ctx)
    return plans


def only_take_home(slide: Slide) -> bool:
    return slide.kind == "content" and bool(slide.blocks) and all(
        isinstance(b, TakeHome) for b in slide.blocks
    )


def merged_take_homes(slides: tuple[Slide, ...], ctx: PlanContext) -> list[Slide]:
    """Consecutive take-home slides become one summary titled "Take-home messages" when all
    their messages (8 at most) fit on one slide at 18 pt or more; else, when fewer slides
    hold them, that many with the messages shared out evenly (titled "... (cont.)")."""
    result: list[Slide] = []
    run: list[Slide] = []
    for slide in (*slides, None):
        if slide is not None and only_take_home(slide):
            run.append(slide)
            continue
        result += (merge_take_homes(run, ctx) or run) if len(run) > 1 else run
        run = []
        if slide is not None:
            result.append(slide)
    return result


def summary_ctx(ctx: PlanContext, pieces: list[Slide] | None = None) -> PlanContext:
    """Planning for merged take-home slides: they may shrink to the 18 pt floor, and the
    `pieces` of one summary share the size the fullest of them needs."""
    floor = ctx.size("body_min")
    sizes = {k: floor if k == "body_shrink" else v for k, v in ctx.settings.sizes}
    shrunk = replace(ctx, settings=replace(ctx.settings, sizes=tuple(sizes.items())))
    if pieces and len(pieces) > 1:
        trial = replace(shrunk, warnings=[])
        found = [
            slot.content.size
            for piece in pieces
            for page in content_slides(piece, inline_runs(piece.title), trial)
            for slot in page.slots
            if isinstance(slot.content, TextBlock)
        ]
        sizes["body"] = min(found, default=sizes["body"])
        shrunk = replace(ctx, settings=replace(ctx.settings, sizes=tuple(sizes.items())))
    return shrunk


def merge_take_homes(run: list[Slide], ctx: PlanContext) -> list[Slide] | None:
    """The run's messages on the fewest slides (fewer than authored), or None."""
    label = ctx.settings.label("take_home")
    messages = [(m, s) for s in run for b in s.blocks for m in b.messages]  # type: ignore[union-attr]
    for count in range(1, len(run)):
        size, extra = divmod(len(messages), count)
        if size == 0:
            break
        if size + bool(extra) > MAX_MESSAGES:
            continue  # more than a slide reads: a continuation, not smaller type
        pieces, start = [], 0
        for n in range(count):
            end = start + size + (1 if n < extra else 0)
            title = label if n == 0 else plain(continued_title(label, n, ctx))
            pieces.append(take_home_piece(run, messages[start:end], title, n, ctx))
            start = end
        if all(piece is not None for piece in pieces):
            return pieces  # type: ignore[return-value]
    return None


def take_home_piece(
    run: list[Slide], messages: list[tuple[Message, Slide]], title: str, n: int, ctx: PlanContext
) -> Slide | None:
    """One slide of a merged run: its messages with the notes and sources of the slides they
    came from; None when it does not fit one slide at 18 pt."""
    owners = list(dict.fromkeys(s.id for _, s in messages))
    came = [s for s in run if s.id in owners]
    piece = replace(
        run[n],
        title=(Text(title),),
        blocks=(TakeHome(tuple(m for m, _ in messages), run[n].blocks[0].source),),  # type: ignore[union-attr]
        notes=tuple(note for s in came for note in s.notes),
        citations=tuple(dict.fromkeys(c for s in came for c in s.citations)),
    )
    trial = replace(summary_ctx(ctx), warnings=[])
    lines = lines_needed(inline_runs(piece.title), trial)
    return piece if len(compose_slide(piece, lowered(trial, lines, []))) == 1 else None


def continued_title(title: str | tuple[Run, ...], n: int, ctx: PlanContext) -> tuple[Run, ...]:
    """Page n (1-based) of a slide: "Title (cont.)", then "Title (cont. 2)" (a no-break
    space: a wrapped title never ends on a bare "2)")."""
    runs = (Run(title),) if isinstance(title, str) else title
    label = ctx.settings.label("continued")
    suffix = f" ({label})" if n == 1 else f" ({label}\u00a0{n})"
    return (*runs, Run(suffix))


def content_slides(slide: Slide, title: tuple[Run, ...], ctx: PlanContext) -> list[SlidePlan]:
    lines, pages = title_pages(slide, title, ctx)
    for page in pages:
        page.slots = emphasise_charts(page.slots, slide.blocks)
    footer = footer_text(slide.citations, ctx.course)
    notes = notes_paras(slide, ctx.settings.label("figure_to_insert"))
    plans = []
    for n, page in enumerate(pages):
        page_title = title if n == 0 else continued_title(title, n, ctx)
        plans.append(
            SlidePlan(
                page.kind,
                page_title,
                ctx.size("title"),
                tuple(page.slots),
                footer,
                notes=notes if n == 0 else (),
                source_id=slide.id,
                title_lines=lines,
                title_tail=0 if n == 0 else 1,
            )
        )
    return plans


def title_pages(slide: Slide, title: tuple[Run, ...], ctx: PlanContext) -> tuple[int, list[Page]]:
    """The pages of a slide, laid out under a title box tall enough for the longest of
    its titles (" (cont.)" makes a title longer): every page shares that box."""
    lines, want = -1, lines_needed(title, ctx)
    tiles = stat_page(slide, lowered(ctx, want))
    if tiles is not None:  # a few key numbers: stat tiles, never continued
        return want, [tiles]
    pages: list[Page] = []
    scratch: list[Diagnostic] = []
    while want > lines:  # at most MAX_TITLE_LINES + 1 rounds: `want` only grows
        lines, scratch = want, []
        pages = compose_slide(slide, lowered(ctx, lines, scratch))
        more = (continued_title(title, n, ctx) for n in range(1, len(pages)))
        want = max([lines, *(lines_needed(t, ctx) for t in more)])
    ctx.warnings.extend(scratch)
    return lines, pages


def has_text(slide: Slide) -> bool:
    return any(isinstance(b, Paragraph | BulletList) for b in slide.blocks)


def section_slides(
    slide: Slide, title: tuple[Run, ...], ctx: PlanContext, objectives: tuple[str, ...] = ()
) -> list[SlidePlan]:
    """A divider; its paragraphs (else the module's objectives, when it opens the module)
    become the subtitle, anything else a following slide."""
    geometry = ctx.template.layout("section")
    frame = geometry.subtitle or (geometry.bodies[0] if geometry.bodies else None)
    if frame is not None and geometry.footer is not None and slide.citations:
        clear = free_box(frame.box, (geometry.footer.box,), ctx.template.slide_box)
        frame = frame.with_box(clear) if clear is not None else frame  # the footer shows
    text = [b for b in slide.blocks if isinstance(b, Paragraph | BulletList)]
    rest = tuple(b for b in slide.blocks if not isinstance(b, Paragraph | BulletList))
    slots: tuple[Slot, ...] = ()
    paras = tuple(replace(p, bullet="none", level=0) for p in text_paras(text))
    if not paras:
        paras = tuple(Para((Run(clean(o)),), 0, "none") for o in objectives)
    if paras and frame is not None:
        base, floor = ctx.size("subtitle"), ctx.size("body_min")
        size = ctx.flat.largest_size(paras, frame, base, floor, frame.inner_height_pt)
        if size is None:  # the paragraphs that fit; never text running off the divider
            room = frame.inner_height_pt
            kept = next((n for n in range(len(paras) - 1, 0, -1)
                         if ctx.flat.fits(paras[:n], frame, floor, floor, room)), 0)
            ctx.warn(slide.source, f"section text is too long for the divider: it shows "
                     f"{kept} of {len(paras)} paragraphs; shorten it")
            paras = paras[:kept]
        if paras:
            slots = (Slot(TextBlock(paras, size or floor, floor, "subtitle"), frame),)
    plan = SlidePlan(
        "section",
        title,
        ctx.size("section"),
        slots,
        footer_text(slide.citations, ctx.course),
        notes=notes_paras(slide, ctx.settings.label("figure_to_insert")),
        source_id=slide.id,
    )
    if not rest or not segments(rest):
        return [plan]
    follow = replace(slide, kind="content", blocks=rest, notes=())
    more = content_slides(follow, continued_title(title, 1, ctx), ctx)
    return [plan, *more]


def notes_paras(slide: Slide, label: str = "Figure to insert") -> tuple[Para, ...]:
    """The speaker notes, then each figure slot's description for the author."""
    said = [b for n in slide.notes for b in (n.blocks if isinstance(n, LecturerNotes) else (n,))]
    paras = list(text_paras([b for b in said if isinstance(b, Paragraph | BulletList)]))
    for block in placeholders(slide.blocks):
        described = [b for b in block.blocks if isinstance(b, Paragraph | BulletList)]
        for n, para in enumerate(text_paras(described)):
            head = (Run(f"{label}: ", bold=True),) if n == 0 else ()
            paras.append(replace(para, runs=(*head, *para.runs)))
    if only_questions(slide.blocks):  # shown on the slide: the answer is for the lecturer
        for block in slide.blocks:
            if isinstance(block, Question):
                key = next((n for n, c in enumerate(block.choices) if c.correct), 0)
                answer = Run(f"Answer: {option_letter(key)}. ", bold=True)
                paras.append(Para((answer, *inline_runs(block.choices[key].inlines)), 0, "none"))
                if block.explanation:
                    why = Run("Explanation: ", bold=True)
                    paras.append(Para((why, *inline_runs(block.explanation)), 0, "none"))
    return tuple(paras)


def placeholders(blocks: tuple[Block, ...]) -> list[Placeholder]:
    found: list[Placeholder] = []
    for block in blocks:
        if isinstance(block, Placeholder):
            found.append(block)
        elif isinstance(block, Columns):
            for column in block.columns:
                found += placeholders(column.blocks)
    return found


def reference_slides(ctx: PlanContext) -> list[SlidePlan]:
    """The full references, numbered in citation order, on as few slides as they fit:
    one full-width list when it fits, else two columns a slide (18 pt either way)."""
    course = ctx.course
    entries = [course.reference(k) for k in reference_order(course)]
    paras = tuple(
        Para((Run(clean(vancouver(ref))),), 0, "number", n)
        for n, ref in enumerate((e for e in entries if e is not None), start=1)
    )
    if not paras:
        return []
    size = ctx.size("references")
    fitter = ctx.compact(REFERENCE_SPACING)
    frame = ctx.content_frame()
    columns = ctx.template.layout("two_content").bodies
    whole = fitter.split(paras, frame, size, size, frame.inner_height_pt)
    pages = [("content", (Slot(reference_block(p, size), frame),)) for p in whole]
    if len(whole) > 1 and len(columns) >= 2:
        left, right = columns[0], columns[1]
        pieces = fitter.split(paras, left, size, size, left.inner_height_pt)
        paired = [
            ("two_content", tuple(
                Slot(reference_block(p, size), f)
                for p, f in zip(pieces[n : n + 2], (left, right), strict=False)
            ))
            for n in range(0, len(pieces), 2)
        ]
        pages = paired if len(paired) < len(pages) else pages  # a tie: full width reads better
    label = ctx.settings.label("references")
    return [
        SlidePlan(
            kind,
            (Run(label),) if n == 0 else continued_title(label, n, ctx),
            ctx.size("title"),
            slots,
            source_id="references",
        )
        for n, (kind, slots) in enumerate(pages)
    ]


def reference_block(paras: tuple[Para, ...], size: float) -> TextBlock:
    return TextBlock(paras, size, size, space_before=REFERENCE_SPACING)


def unique_titles(slides: list[SlidePlan], ctx: PlanContext) -> list[SlidePlan]:
    """Every slide gets a title of its own (a screen reader lists slides by title): repeats
    are numbered " (2)", " (3)". Only a repeat within one module is worth a warning: a
    "Take-home messages" or "Check yourself" slide in every module is the contract's own
    pattern, and writers of every probe course renamed theirs to silence it."""
    seen: dict[str, set[str]] = {}  # title -> the modules it was seen in
    result = []
    for slide in slides:
        module = slide.source_id.partition("/")[0] if "/" in slide.source_id else ""
        key, n, title = slide.title_text.casefold(), 1, slide.title
        repeated_here = module in seen.get(key, set()) or not module
        while key in seen:
            n += 1
            title = (*slide.title, Run(f" ({n})"))
            key = plain(title).casefold()
        if n > 1 and repeated_here:
            ctx.warn(None, f"slide title {_shown(slide.title_text)} repeats; numbered "
                     f"{_shown(plain(title))}")
        seen.setdefault(slide.title_text.casefold(), set()).add(module)
        seen.setdefault(key, set()).add(module)
        result.append(replace(slide, title=title, title_tail=slide.title_tail + (n > 1)))
    return result


def _shown(title: str, limit: int = 120) -> str:
    """A title quoted for a message, its middle elided when long (one was 200 KB)."""
    return repr(title if len(title) <= limit else f"{title[:limit - 20]}…{title[-15:]}")


def finish(slide: SlidePlan, ctx: PlanContext) -> SlidePlan:
    """Title and footer sizes that fit their placeholders; a title too long even for its
    taller box is cut."""
    geometry = lowered(ctx, slide.title_lines).template.layout(slide.kind)
    if geometry.title_spacing and geometry.title_spacing != ctx.template.title_line_spacing:
        spacing = geometry.title_spacing  # a title master may space its lines apart
        ctx = replace(ctx, template=replace(ctx.template, title_line_spacing=spacing))
    title, title_size, title_box = slide.title, slide.title_size, None
    if geometry.title is not None:
        frame = geometry.title
        title, title_size, cut = fit_title(title, slide.title_tail, frame, title_size, ctx)
        if cut:
            ctx.warn(
                None,
                f"slide title {_shown(slide.title_text)} is long; cut to {_shown(plain(title))} "
                f"to fit at {title_size:g} pt (shorten it)",
            )
        base = ctx.template.layout(slide.kind)
        if frame.box != base.title.box or "title" in base.moved:  # type: ignore[union-attr]
            title_box = frame.box
    footer, footer_size = fit_footer(slide, geometry, ctx)
    return replace(
        slide, title=title, title_size=title_size, title_box=title_box, footer=footer,
        footer_size=footer_size,
        footer_box=geometry.footer.box if footer and "footer" in geometry.moved else None,  # type: ignore[union-attr]
        number_box=geometry.number.box if "number" in geometry.moved else None,  # type: ignore[union-attr]
    )


def fit_footer(slide: SlidePlan, geometry: LayoutGeometry, ctx: PlanContext) -> tuple[str, float]:
    """The source footer at the largest size that fits its frame; one too long even at
    `footer_min` is cut with "…" (the references slide has every source in full)."""
    footer_size = ctx.size("footer")
    if not slide.footer or geometry.footer is None:
        return slide.footer, footer_size
    frame, floor = geometry.footer, ctx.size("footer_min")
    para = Para((Run(slide.footer),), 0, "none")
    found = ctx.flat.largest_size([para], frame, footer_size, floor, frame.inner_height_pt)
    if found is not None:
        return slide.footer, found
    cut = plain(ellipsized((Run(slide.footer),), 0, frame, floor, ctx))
    ctx.warn(None, f"the source footer of {slide.title_text!r} is too long for the template's "
             f"footer; cut to {_shown(cut)} (the references slide lists every source)")
    return cut, floor


def same_title_sizes(slides: list[SlidePlan]) -> list[SlidePlan]:
    """A slide and its continuations carry their titles at one size: the smallest any of
    them needed (" (cont.)" makes a long title longer)."""
    result = list(slides)
    start = 0
    while start < len(result):
        end = start + 1
        source = result[start].source_id
        while end < len(result) and source and result[end].source_id == source:
            end += 1
        if result[start].kind not in ("title", "section"):
            size = min(s.title_size for s in result[start:end])
            result[start:end] = [replace(s, title_size=size) for s in result[start:end]]
        start = end
    return result


CORE_LIMIT = 255  # characters a core property may hold


def keyword_text(course: Course) -> str:
    """Module titles, then glossary terms, as many whole ones as the property holds."""
    words: list[str] = []
    for word in [*(m.title for m in course.modules), *course.glossary.every_term()]:
        word = clean(word)
        if word and word not in words and len(", ".join([*words, word])) <= CORE_LIMIT:
            words.append(word)
    return ", ".join(words)


def limit(text: str) -> str:
    text = clean(text)
    return text if len(text) <= CORE_LIMIT else text[: CORE_LIMIT - 1].rstrip() + "…"


def core_props(course: Course, ctx: PlanContext) -> CoreProps:
    date = course.date if format_date(course.date) != course.date else "2000-01-01"
    if date != course.date:
        ctx.warn(course.source, f"course date {course.date!r} is not yyyy-mm-dd; deck dated {date}")
    return CoreProps(
        title=limit(course.title),
        author=limit(", ".join(course.authors)),
        subject=limit(course.subtitle),
        keywords=keyword_text(course),
        date=date,
        language=course.language or "en",
    )
