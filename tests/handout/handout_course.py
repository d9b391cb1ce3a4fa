"""A course for the handout tests, built in code: every block kind, hostile text on demand.

Facts are neutral or come from the seed lecture. `hostile_course` puts markup,
script and CDATA terminators into every field the handout prints.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from tall_teach.model import (
    BulletList,
    Chart,
    Choice,
    Cite,
    Column,
    Columns,
    Course,
    Emph,
    Figure,
    Glossary,
    HandoutSettings,
    Link,
    ListItem,
    Message,
    Module,
    Name,
    Paragraph,
    Placeholder,
    Question,
    QuizSettings,
    Reference,
    Series,
    Slide,
    SourceRef,
    Strong,
    Table,
    TakeHome,
    Text,
)

REPO = Path(__file__).resolve().parents[2]
MINI_COURSE = REPO / "tests" / "fixtures" / "mini-course"
TALL_COURSE = REPO / "content" / "t-all-adults"
HOSTILE = "<script>alert(1)</script> ]]> & \"q\" 'a'"
CONTROL = "\x08\x85"  # control characters no HTML or XML document may contain
SRC = SourceRef("modules/01.md", 1)


def t(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def para(*inlines: object) -> Paragraph:
    parts = tuple(Text(i) if isinstance(i, str) else i for i in inlines)
    return Paragraph(parts, SRC)  # type: ignore[arg-type]


def bullets(*items: str | tuple[str, tuple[str, ...]], ordered: bool = False) -> BulletList:
    out: list[ListItem] = []
    for item in items:
        if isinstance(item, tuple):
            text, children = item
            out.append(ListItem(t(text), (bullets(*children),), SRC))
        else:
            out.append(ListItem(t(item), (), SRC))
    return BulletList(tuple(out), SRC, ordered=ordered)


def slide(
    slide_id: str, title: str, blocks: tuple = (), notes: tuple = (), *,
    cites: tuple[str, ...] = (), kind: str = "content",
) -> Slide:
    title_inlines = t(title) + ((Cite(cites),) if cites else ())
    return Slide(slide_id, kind, title_inlines, tuple(blocks), tuple(notes), cites, SRC)


def reference(key: str, family: str, given: str, title: str, container: str, year: str,
              **extra: object) -> Reference:
    return Reference(key, "article-journal", (Name(family, given),), title, container, year,
                     SRC, **extra)  # type: ignore[arg-type]


def png_bytes(width: int = 8, height: int = 4) -> bytes:
    """A tiny valid PNG (teal pixels), written without Pillow."""
    raw = b"".join(b"\x00" + b"\x0f\x7c\x8c" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


BAR = Chart("bar", "Dara-Ven-CAGE in R/R T-ALL/T-LBL (N=21)", "%", ("ORR", "CR"),
            (Series("All patients", (57.1, 47.6)),), ("seed2",), SRC)
COLUMN = Chart("column", "Example rainfall by season", "mm", ("Spring", "Summer", "Autumn"),
               (Series("Site A", (50.0, 30.0, 70.0)), Series("Site B", (40.0, 20.5, 65.0))),
               (), SRC)
LINE = Chart("line", "Example trend", "%", ("Year 1", "Year 2", "Year 3"),
             (Series("Arm A", (20.0, 35.5, 41.0)), Series("Arm B", (18.0, 22.0, 30.25))), (), SRC)
PIE = Chart("pie", "Share of ALL cases", "%", ("T-ALL", "Other ALL"),
            (Series("Cases", (20.0, 80.0)),), ("seed1",), SRC)


def build_course(root: Path, *, layout: str = "notes", paper: str = "a4",
                 text: str = "", language: str = "en") -> Course:
    """Two modules using every block kind; `text` is mixed into every printed field."""
    (root / "figures").mkdir(parents=True, exist_ok=True)
    (root / "figures" / "bar.png").write_bytes(png_bytes(320, 180))
    extra = f" {text}" if text else ""
    overview = Module("overview", f"Overview{extra}", (f"Describe T-ALL in adults{extra}",),
                      "modules/01.md", (
        slide("overview/t-all-in-adults", f"T-ALL in adult patients{extra}", (
            bullets("T-ALL accounts for about 20% of all cases of ALL",
                    ("Clinical presentation more often includes:",
                     ("high WBC", "CNS involvement", f"mediastinal mass{extra}"))),
            para("More common in AYA ", Strong(t("vs")), " children", Cite(("seed1",)),
                 Emph(t(f" or older adults{extra}"))),
        ), (para(f"Speaker notes for the overview slide.{extra}"),), cites=("seed1",)),
        slide("overview/genomics", f"Genomic landscape{extra}", kind="section"),
        slide("overview/founding-events", "Founding events", (
            bullets("Translocations involving transcription factors (TAL1, TLX1, TLX3)",
                    "Cooperating events: NOTCH1, IL7R/JAK/STAT, PI3K/AKT/mTOR"),
            Placeholder((para(f"Cytogenetics and molecular alterations figure{extra}"),),
                        ("seed3",), SRC),
        ), (para("Notes mention the figure to insert."),), cites=("seed3",)),
        slide("overview/table", "A table", (
            Table((t("Store"), t(f"Example{extra}"), t("Share")),
                  ((t("ocean"), t("a sea"), t("97")), (t("ice"), t("glacier"), t("2.1"))),
                  ("left", "center", "right"), SRC, caption=t(f"Made-up numbers{extra}")),
            Figure("figures/bar.png", f"A teal bar{extra}", t(f"Figure caption{extra}"), SRC,
                   320, 180),
        )),
    ), SRC)
    results = Module("results", "Results", ("Read a chart of trial results",), "modules/02.md", (
        slide("results/bar", f"Dara-Ven-CAGE{extra}", (BAR,), cites=("seed2",)),
        slide("results/charts", "Other chart types", (
            Columns((Column((COLUMN,), SRC), Column((LINE, PIE), SRC)), SRC),
        ), (para("Link to ", Link(t("an example"), "https://example.org/x"), " and ",
                 Link(t("a bad one"), "javascript:alert(1)")),)),
        slide("results/question", "Check yourself", (
            Question("q1", t(f"Which subgroup had the higher remission rate?{extra}"),
                     (Choice(t("ETP"), True, SRC), Choice(t("non-ETP"), False, SRC)),
                     t("Explanation not shown in the handout."), SRC),
        )),
        slide("results/take-home-messages", "Take-home messages", (
            TakeHome((Message("m1", (Strong(t("CD7")), Text(f" CAR-T shows high response{extra}")),
                              SRC),
                      Message("m2", t("About 30-35% of T-ALL patients still relapse"), SRC)),
                     SRC),
        )),
    ), SRC)
    refs = (
        reference("seed1", "Chiaretti", "Sabina", f"Title one{extra}", "Haematologica", "2013"),
        reference("seed2", "Cerrano", "Marco", "Daratumumab in T-ALL", "Blood", "2022",
                  doi="10.1000/example.2"),
        reference("seed3", "Gokbuget", "Nicola", "Cytogenetics in T-ALL", "Blood", "2024",
                  et_al=True),
        reference("uncited", "Bassan", "Renato", "Uncited entry", "JCO", "2018",
                  url="https://example.org/ref"),
    )
    return Course(
        id="hand-built", root=str(root), title=f"T-ALL in adult patients{extra}",
        subtitle=f"A hand-built handout test{extra}", authors=(f"Course Author{extra}",),
        date="2026-11-23", language=language, theme="default",
        modules=(overview, results), references=refs,
        glossary=Glossary((("antigen", ("CD7", "CD5")), ("gene", (f"NOTCH1{extra}", "TAL1")))),
        handout=HandoutSettings(layout=layout, paper=paper), quiz=QuizSettings(seed=1),
        source=SourceRef("course.yaml", 1), institution=f"Example Institute{extra}",
    )
