"""A small course builder for quiz tests: take-home messages written in a mini Markdown.

`msg("About **30-35%** of patients relapse")` turns `**bold**` into Strong spans,
so tests read like the content they stand for. Facts come from the seed lecture
or are neutral.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tall_teach.model import (
    Choice,
    Course,
    Glossary,
    HandoutSettings,
    Inline,
    Message,
    Module,
    Name,
    Paragraph,
    Question,
    QuizSettings,
    Reference,
    Slide,
    SourceRef,
    Strong,
    TakeHome,
    Text,
)

GLOSSARY = Glossary(
    (
        ("antigen", ("CD7", "CD5", "CD38", "CD84")),
        (
            "drug",
            (
                "nelarabine",
                "venetoclax",
                "daratumumab",
                "pegylated asparaginase",
                "cytarabine",
                "etoposide",
            ),
        ),
        ("gene", ("TAL1", "TLX1", "TLX3", "NOTCH1", "CDKN2A")),
        ("therapy", ("chemotherapy", "CAR-T", "allo-HSCT", "GSI inhibitors")),
        ("endpoint", ("ORR", "CR", "DFS", "OS", "EFS")),
    )
)


def inlines(markdown: str) -> tuple[Inline, ...]:
    """`**bold**` -> Strong, the rest Text."""
    parts = re.split(r"\*\*(.+?)\*\*", markdown)
    out: list[Inline] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        out.append(Strong((Text(part),)) if i % 2 else Text(part))
    return tuple(out)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"\*\*", "", text).lower()).strip("-")[:40]


def msg(markdown: str, *, id: str = "", line: int = 0) -> Message:
    return Message(id or slug(markdown), inlines(markdown), SourceRef("modules/th.md", line))


def takehome_slide(
    messages: list[Message],
    *,
    slide_id: str = "th/take-home",
    citations: tuple[str, ...] = ("chiaretti2013",),
) -> Slide:
    return Slide(
        slide_id,
        "content",
        (Text("Take-home messages"),),
        (TakeHome(tuple(messages), SourceRef("modules/th.md", 1)),),
        (),
        citations,
        SourceRef("modules/th.md", 1),
    )


def text_slide(slide_id: str, title: str, paragraphs: list[str]) -> Slide:
    blocks = tuple(Paragraph(inlines(p), SourceRef("modules/a.md", 3)) for p in paragraphs)
    return Slide(slide_id, "content", (Text(title),), blocks, (), (), SourceRef("modules/a.md", 2))


def question_slide(question: Question) -> Slide:
    return Slide(
        "qs/question",
        "content",
        (Text("Check yourself"),),
        (question,),
        (),
        ("bassan2018",),
        SourceRef("modules/q.md", 1),
    )


def question(
    stem: str,
    options: list[tuple[str, bool]],
    *,
    id: str = "q1",
    explanation: str = "Because the lecture says so.",
) -> Question:
    return Question(
        id,
        inlines(stem),
        tuple(
            Choice(inlines(t), ok, SourceRef("modules/q.md", 3 + i))
            for i, (t, ok) in enumerate(options)
        ),
        inlines(explanation),
        SourceRef("modules/q.md", 2),
    )


REFERENCES = (
    Reference(
        "chiaretti2013",
        "article-journal",
        (Name("Chiaretti", "Sabina"), Name("Foa", "R")),
        "T-ALL",
        "Haematologica",
        "2013",
        SourceRef("references.yaml", 1),
    ),
    Reference(
        "bassan2018",
        "article-journal",
        (Name("Bassan", "Renato"), Name("X", "Y")),
        "Genomics",
        "JCO",
        "2018",
        SourceRef("references.yaml", 9),
    ),
)


def course_with(
    messages: list[Message],
    *,
    extra_slides: list[Slide] = (),
    glossary: Glossary = GLOSSARY,
    per_message: int = 1,
    options: int = 4,
    seed: int = 2026,
) -> Course:
    slides = (*extra_slides, takehome_slide(messages))
    module = Module(
        "th", "Take-home", (), "modules/th.md", tuple(slides), SourceRef("modules/th.md", 1)
    )
    return Course(
        id="demo",
        root="/tmp/demo",
        title="Demo",
        subtitle="",
        authors=("A",),
        date="2026-01-01",
        language="en",
        theme="default",
        modules=(module,),
        references=REFERENCES,
        glossary=glossary,
        handout=HandoutSettings(),
        quiz=QuizSettings(seed=seed, options=options, per_message=per_message),
        source=SourceRef("course.yaml", 1),
    )


SEED_MESSAGES = [
    "About **30-35%** of T-ALL patients still relapse",
    "The prognosis of relapsed patients remains dismal, with less than 20% long-term survivors",
    "**CD7**- and **CD5**-targeting CAR-T have shown impressive response rates",
    "Options at relapse are still limited, mainly represented by **chemotherapy**",
    "T-ALL accounts for about **20%** of all cases of ALL",
]

COURSE_SLIDES = [
    text_slide(
        "a/overview",
        "Overview",
        [
            "T-ALL accounts for about 20% of all cases of ALL",
            "Nelarabine consolidation improved MRD response; venetoclax and daratumumab were added",
            "NOTCH1, TAL1 and TLX3 lesions; CD38 and CD84 are new targets",
            "2-yr OS 63%; EFS 54%; CR rate 100%; median follow up 27 months",
        ],
    ),
]


def with_message_text(course: Course, message_id: str, new_markdown: str) -> Course:
    """The course with one message's text replaced (its id kept)."""
    module = course.modules[0]
    slides = []
    for slide in module.slides:
        blocks = []
        for block in slide.blocks:
            if isinstance(block, TakeHome):
                block = replace(
                    block,
                    messages=tuple(
                        replace(m, inlines=inlines(new_markdown)) if m.id == message_id else m
                        for m in block.messages
                    ),
                )
            blocks.append(block)
        slides.append(replace(slide, blocks=tuple(blocks)))
    return replace(course, modules=(replace(module, slides=tuple(slides)),))
