"""A hand-built course whose quiz items carry every kind of hostile text.

It exists so each export is tried on text that breaks naive writers: CDATA
terminators, GIFT control characters, markup and script, quotes, right-to-left
text, emoji and line breaks. Plain functions, so test modules can import them.
"""

from __future__ import annotations

from pathlib import Path

from tall_teach.model import (
    Course,
    Glossary,
    HandoutSettings,
    Name,
    Option,
    QuizItem,
    QuizSettings,
    Reference,
    SourceRef,
)

REPO = Path(__file__).resolve().parents[2]
TALL_COURSE = REPO / "content" / "t-all-adults"
MINI_COURSE = REPO / "tests" / "fixtures" / "mini-course"

GIFT_SPECIALS = "~ = # { } : \\"
HOSTILE_SCRIPT = "<script>window.__pwned = 1</script>"
HOSTILE_IMG = '<img src="x" onerror="window.__pwned = 2">'
HOSTILE_CLOSE = "</script><script>window.__pwned = 3</script>"
RTL = "ابيضاض الدم \u202eעברית"
EMOJI = "🧬🩸"


def _item(
    item_id: str,
    stem: str,
    options: list[tuple[str, bool, str]],
    *,
    kind: str = "cloze",
    module: tuple[str, str] = ("m01", "Overview"),
    slide: tuple[str, str] = ("m01/take-home-messages", "Take-home messages"),
    message: str = "",
    explanation: str = "",
    citations: tuple[str, ...] = ("bassan2018",),
    numeric: bool = False,
    line: int = 10,
) -> QuizItem:
    return QuizItem(
        id=item_id,
        kind=kind,
        stem=stem,
        options=tuple(Option(text, correct, feedback) for text, correct, feedback in options),
        explanation=explanation or message,
        module_id=module[0],
        module_title=module[1],
        slide_id=slide[0],
        slide_title=slide[1],
        citations=citations,
        source=SourceRef(f"modules/{module[0]}.md", line),
        message=message,
        numeric=numeric,
    )


def hostile_items() -> tuple[QuizItem, ...]:
    relapse_plain = "About 30-35% of T-ALL patients still relapse"
    hostile_module = ("m02", 'Relapse / R:R & <options> "quoted"')
    return (
        _item(
            "tt-m01-cdata",
            "Which text ends a CDATA section? ]]> and <![CDATA[ inside",
            [
                ("]]>", True, "Right: ]]> closes CDATA"),
                ("<![CDATA[", False, "That opens one ]]>"),
                ("]]]]><![CDATA[>", False, "That is the escaped form"),
                ("&amp; &lt;", False, "Entities, shown literally"),
            ],
            message="The sequence ]]> ends a CDATA section",
        ),
        _item(
            "tt-m01-gift",
            f"=1+1 GIFT specials {GIFT_SPECIALS} and a lone \\n in the stem?",
            [
                ("=equals first", False, "# hash ~ tilde"),
                ("~tilde first", True, "{braces} and : colon"),
                ("# hash first", False, "back\\slash \\\\ double"),
                ("%50% weight-like", False, "[html] not a format"),
            ],
            explanation="Escape ~ = # { } : and \\ everywhere.\nSecond line.",
            message="GIFT escapes ~ = # { } : and backslash",
            line=12,
        ),
        _item(
            "tt-m01-script",
            f"Markup must stay text: {HOSTILE_SCRIPT} {HOSTILE_IMG} \"double\" 'single'",
            [
                (HOSTILE_CLOSE, True, HOSTILE_SCRIPT),
                ("<b>bold?</b>", False, HOSTILE_IMG),
                ('" onmouseover="window.__pwned=4', False, "quote breakout"),
                ("[html]<i>x</i>", False, ""),
            ],
            explanation=f"Nothing here runs: {HOSTILE_SCRIPT}",
            message="Content is text, never markup",
            line=14,
        ),
        _item(
            "tt-m02-rtl",
            f"Right-to-left {RTL} and emoji {EMOJI}:\nwhich line is second?",
            [
                (f"{EMOJI} first", False, ""),
                (f"{RTL} second", True, ""),
                ("line one\nline two", False, "two\nlines"),
            ],
            kind="statement",
            module=hostile_module,
            slide=("m02/relapse", 'Relapse & "R/R" <T-ALL>'),
            message=f"Text in any script {RTL} {EMOJI} survives",
            citations=("candoni2020", "missing-key"),
            line=20,
        ),
        _item(
            "tt-m02-relapse-cloze",
            "About ____ of T-ALL patients still relapse. Which completes the statement?",
            [("10%", False, ""), ("20%", False, ""), ("30-35%", True, ""), ("50%", False, "")],
            module=hostile_module,
            slide=("m02/relapse", 'Relapse & "R/R" <T-ALL>'),
            message=relapse_plain,
            explanation=f"{relapse_plain} (Bassan R et al, JCO 2018).",
            numeric=True,
            line=22,
        ),
        _item(
            "tt-m02-relapse-statement",
            "Which statement is correct?",
            [
                ("About 30-35% of T-ALL patients still relapse", True, ""),
                ("About 60-65% of T-ALL patients still relapse", False, ""),
                ("About 5-10% of T-ALL patients still relapse", False, ""),
                ("About 80-85% of T-ALL patients still relapse", False, ""),
            ],
            kind="statement",
            module=hostile_module,
            slide=("m02/relapse", 'Relapse & "R/R" <T-ALL>'),
            message=relapse_plain,
            line=22,
        ),
        _item(
            "tt-m02-authored-q1",
            "Which subgroup had the higher remission rate?",
            [("ETP", True, "Yes"), ("non-ETP", False, ""), ("T-LBL", False, "")],
            kind="authored",
            module=hostile_module,
            slide=("m02/daratumumab", "Daratumumab"),
            explanation="An authored explanation paragraph.",
            citations=(),
            line=40,
        ),
    )


def hostile_course(items: tuple[QuizItem, ...] | None = None) -> Course:
    refs = (
        Reference(
            key="bassan2018",
            type="article-journal",
            authors=(Name("Bassan", "Renato"), Name("Other", "A")),
            title="T-ALL review",
            container="JCO",
            year="2018",
            source=SourceRef("references.yaml", 1),
        ),
        Reference(
            key="candoni2020",
            type="article-journal",
            authors=(Name("Candoni", "Anna"),),
            title="Relapsed T-ALL",
            container="AJH",
            year="2020",
            source=SourceRef("references.yaml", 9),
            et_al=True,
        ),
    )
    return Course(
        id="hostile-course",
        root="/nonexistent/hostile-course",
        title='Quiz <export> & "escaping" ]]> test',
        subtitle="",
        authors=("Course Author",),
        date="2026-11-23",
        language="en",
        theme="default",
        modules=(),
        references=refs,
        glossary=Glossary(),
        handout=HandoutSettings(),
        quiz=QuizSettings(seed=7),
        source=SourceRef("course.yaml", 1),
        items=hostile_items() if items is None else items,
    )
