"""A course built in code with every block type, long content and neutral facts."""

from __future__ import annotations

from pathlib import Path

from tall_teach.model import (
    BulletList,
    Chart,
    Choice,
    Cite,
    Code,
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

SRC = SourceRef("modules/01-demo.md", 1)


def t(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def para(text: str) -> Paragraph:
    return Paragraph(t(text), SRC)


def bullets(*items: str | tuple[str, tuple[str, ...]], ordered: bool = False) -> BulletList:
    """Items are strings, or (text, children) for one nested level."""
    made = []
    for item in items:
        if isinstance(item, tuple):
            text, children = item
            made.append(ListItem(t(text), (bullets(*children),), SRC))
        else:
            made.append(ListItem(t(item), (), SRC))
    return BulletList(tuple(made), SRC, ordered=ordered)


def slide(
    sid: str,
    title: str,
    *blocks: object,
    notes: tuple = (),
    cites: tuple[str, ...] = (),
    kind: str = "content",
) -> Slide:
    return Slide(sid, kind, t(title) if title else (), tuple(blocks), notes, cites, SRC)  # type: ignore


def references() -> tuple[Reference, ...]:
    return (
        Reference(
            "alpha2020",
            "article-journal",
            (Name("Alpha", "Ann"), Name("Beta", "Bo")),
            "A study of examples",
            "J Ex",
            "2020",
            SRC,
            volume="12",
            pages="1-9",
        ),
        Reference(
            "gamma2021",
            "paper-conference",
            (Name("Gamma", "Gil"),),
            "Another example",
            "Example Meeting",
            "2021",
            SRC,
            note="Abstract 42",
        ),
        Reference(
            "delta2022",
            "article-journal",
            (Name("Delta", "Dee"),),
            "Third example",
            "Ex Rev",
            "2022",
            SRC,
            et_al=True,
        ),
    )


def long_bullets(n: int) -> BulletList:
    return bullets(
        *[
            f"Point number {i}: a statement long enough to wrap onto a second line "
            f"at the full width of the slide body"
            for i in range(1, n + 1)
        ]
    )


def big_table(rows: int) -> Table:
    header = (t("Site"), t("Season"), t("Rain (mm)"), t("Change"))
    body = tuple(
        (
            t(f"Site {i}"),
            t(("Spring", "Summer", "Autumn", "Winter")[i % 4]),
            t(str(10 * i + 3)),
            t(f"{i % 7 - 3:+d}%"),
        )
        for i in range(1, rows + 1)
    )
    return Table(header, body, ("", "", "", ""), SRC)


def write_pictures(root: Path) -> None:
    from PIL import Image, ImageDraw

    (root / "figures").mkdir(parents=True, exist_ok=True)
    for name, size in (("wide.png", (1600, 800)), ("tall.png", (600, 1200))):
        image = Image.new("RGB", size, "#dde6ee")
        draw = ImageDraw.Draw(image)
        draw.ellipse((40, 40, size[0] - 40, size[1] - 40), outline="#0f7c8c", width=24)
        image.save(root / "figures" / name)


def demo_slides() -> tuple[Slide, ...]:
    rich = BulletList(
        (
            ListItem(
                (
                    Strong(t("Bold")),
                    Text(" and "),
                    Emph(t("italic")),
                    Text(" and "),
                    Code("code"),
                    Text(" and a "),
                    Link(t("link"), "https://example.org"),
                    Cite(("alpha2020",)),
                ),
                (bullets("level two", ("level two again", ("level three",))),),
                SRC,
            ),
            ListItem(t("A second top-level point"), (), SRC),
        ),
        SRC,
    )
    question = Question(
        "q1",
        t("Which is right?"),
        (Choice(t("this"), True, SRC), Choice(t("that"), False, SRC)),
        t("Because."),
        SRC,
    )
    chart = Chart(
        "column",
        "Rain by season",
        "mm",
        ("Spring", "Summer", "Autumn", "Winter"),
        (Series("Site A", (50, 30, 70, 60)), Series("Site B", (40, 20, 65, 55))),
        ("gamma2021",),
        SRC,
    )
    pie = Chart(
        "pie",
        "Share of water",
        "%",
        ("Ocean", "Ice", "Ground"),
        (Series("Share", (96.5, 1.7, 1.8)),),
        (),
        SRC,
    )
    line = Chart(
        "line",
        "Level over years",
        "m",
        ("2019", "2020", "2021", "2022"),
        (Series("Lake", (3.1, 2.8, 3.4, 3.0)),),
        (),
        SRC,
    )
    bar = Chart("bar", "Response rate", "%", ("ORR", "CR"), (Series("All", (57.1, 47.6)),), (), SRC)
    figure_box = Placeholder(
        (para("A map of the example basin with its rivers."),), ("delta2022",), SRC
    )
    return (
        slide("demo/section", "Demo section", kind="section"),
        slide(
            "demo/rich",
            "Rich text",
            rich,
            para("A closing paragraph."),
            notes=(para("Say this first."), bullets("then this")),
            cites=("alpha2020",),
        ),
        slide("demo/long", "A very long slide", long_bullets(30), cites=("alpha2020", "gamma2021")),
        slide("demo/chart", "Column chart", chart, question, cites=("gamma2021",)),
        slide("demo/pie", "Pie and line", pie, line),
        slide("demo/bar", "Bar beside text", bullets("Two results", "shown as bars"), bar),
        slide(
            "demo/table",
            "Small table",
            Table(
                (t("Store"), t("Example"), t("Share")),
                ((t("ocean"), t("a sea"), t("96.5%")), (t("ice"), t("a glacier"), t("1.7%"))),
                ("", "", ""),
                SRC,
                caption=t("Where water is kept"),
            ),
        ),
        slide("demo/big-table", "Forty rows", big_table(40)),
        slide(
            "demo/figures",
            "Two figures",
            Figure("figures/wide.png", "A wide test picture", t("A wide picture"), SRC),
            Figure("figures/tall.png", "A tall test picture", (), SRC),
        ),
        slide("demo/placeholder", "A figure to come", figure_box, cites=("delta2022",)),
        slide(
            "demo/columns",
            "Two columns",
            Columns(
                (
                    Column((bullets("left one", "left two"),), SRC),
                    Column((para("Right side text."),), SRC),
                ),
                SRC,
            ),
        ),
        slide(
            "demo/comparison",
            "Compare",
            Columns(
                (
                    Column(
                        (Paragraph((Strong(t("Before")),), SRC), bullets("slow", "costly")), SRC
                    ),
                    Column((Paragraph((Strong(t("After")),), SRC), bullets("fast", "cheap")), SRC),
                ),
                SRC,
            ),
        ),
        slide("demo/untitled", "", para("A pause.")),
        slide(
            "demo/key-numbers",
            "Key numbers",
            bullets("About 20% of all cases", "Median follow-up 27 months", "2-year OS 42.7%"),
            cites=("alpha2020",),
        ),
        slide(
            "demo/take-home",
            "Take-home messages",
            TakeHome(
                (
                    Message("m1", (Strong(t("Evaporation")), Text(" lifts water")), SRC),
                    Message("m2", (Text("Rain brings it "), Strong(t("down"))), SRC),
                ),
                SRC,
            ),
        ),
    )


def demo_course(root: Path) -> Course:
    """The demo course; pictures are written under `root/figures`."""
    write_pictures(root)
    module = Module(
        "demo", "Demo module", ("Know the demo",), "modules/01-demo.md", demo_slides(), SRC
    )
    return Course(
        id="demo-deck",
        root=str(root),
        title="A demo deck",
        subtitle="Every block the contract knows",
        authors=("Ann Author", "Bo Author"),
        date="2026-11-23",
        language="en",
        theme="default",
        modules=(module,),
        references=references(),
        glossary=Glossary((("process", ("evaporation", "rain")),)),
        handout=HandoutSettings(),
        quiz=QuizSettings(),
        source=SourceRef("course.yaml"),
    )
