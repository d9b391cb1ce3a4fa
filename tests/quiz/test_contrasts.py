"""True-statement items across a take-home slide: a message taught in a pair (SN1 / SN2:
one wrong term where a cloze needs two) asked as the one true statement among its
siblings, each altered once."""

from __future__ import annotations

from dataclasses import replace

from tall_teach.model import Course, Glossary, Module, SourceRef, Text
from tall_teach.quiz.contrasts import topic_of
from tall_teach.quiz.generate import generate_items
from tall_teach.quiz.walk import Place

from .conftest import course_with, msg, takehome_slide, text_slide

GLOSSARY = Glossary((
    ("mechanism/substitution", ("SN1", "SN2")),
    ("rule", ("Zaitsev's rule", "Markovnikov's rule")),
    ("reagent/organometallic", ("Grignard reagent", "organolithium reagent")),
    ("solvent", ("protic solvents", "aprotic solvents")),
))  # fmt: skip
MESSAGES = [
    "**SN2** substitution is a single concerted step with back-side attack",
    "**SN1** substitution goes through a planar carbocation and racemises",
    "Elimination gives the more substituted alkene as the major product (**Zaitsev's rule**)",
    "HBr adds to propene to give 2-bromopropane via the secondary cation (**Markovnikov's rule**)",
    "**Protic solvents** cage the nucleophile by hydrogen bonding",
]
TAUGHT = text_slide("m/1", "Mechanisms", [
    "SN1 goes through a carbocation; SN2 is concerted.",
    "Zaitsev's rule is about eliminations; Markovnikov's rule about additions to alkenes.",
    "Aprotic solvents such as DMSO leave the anion free and reactive.",
])  # fmt: skip


def _course(messages: list[str] = MESSAGES, slides: list = (TAUGHT,)) -> Course:
    return course_with([msg(m, line=10 + i) for i, m in enumerate(messages)],
                       extra_slides=list(slides), glossary=GLOSSARY)  # fmt: skip


def test_a_pair_kind_message_is_asked_as_the_true_statement_among_its_siblings() -> None:
    course, _ = generate_items(_course())
    items = {i.message_id: i for i in course.items}
    # a cloze on any of them has one wrong term: none would exist without the siblings
    assert msg(MESSAGES[0]).id in items
    sn2 = items[msg(MESSAGES[0]).id]
    assert sn2.kind == "contrast"
    assert [o.text for o in sn2.options if o.correct] == [MESSAGES[0].replace("**", "") + "."]
    originals = [m.replace("**", "") + "." for m in MESSAGES[1:]]
    for option in (o for o in sn2.options if not o.correct):
        # each wrong statement is another message with exactly one term swapped
        source = [m for m in originals if _differs_by_one_term(option.text, m)]
        assert len(source) == 1, option.text
        assert "not what the lecture states" in option.feedback.casefold()
    assert "is correct" in sn2.stem and "Take-home" not in sn2.stem


def test_no_wrong_statement_swaps_in_the_keys_own_term() -> None:
    """"SN1 substitution is a single concerted step" beside the SN1 key pairs by subject."""
    course, _ = generate_items(_course())
    for item in course.items:
        key_term = item.key_term
        for option in (o for o in item.options if not o.correct):
            assert key_term not in option.text, (item.id, option.text)


def test_no_wrong_statement_is_shown_twice_in_a_quiz() -> None:
    """A wrong statement in two items is false by form: a true one is the key of one."""
    course, _ = generate_items(_course())
    shown = [o.text for i in course.items for o in i.options]
    assert len(shown) == len(set(shown))


def test_a_term_the_course_only_lists_in_its_glossary_shows_nothing_false() -> None:
    """The lecture never says what an organolithium reagent does: "An organolithium reagent
    adds to a ketone…" may well be true."""
    messages = [*MESSAGES, "A **Grignard reagent** adds to a ketone to give a tertiary alcohol"]
    course, _ = generate_items(_course(messages))
    shown = [o.text for i in course.items for o in i.options]
    assert not any("organolithium" in s for s in shown)


def test_a_message_alone_on_its_slide_gets_no_statement_item() -> None:
    course, warnings = generate_items(_course(MESSAGES[:1]))
    assert course.items == ()
    assert any("true statement among the messages" in w.message for w in warnings)


def test_the_topic_is_the_take_home_slides_own() -> None:
    slide = replace(takehome_slide([]), title=(Text("Take-home messages: stars"),))
    module = Module("m", "Stars and planets", (), "m.md", (slide,), SourceRef("m.md", 1))
    assert topic_of(Place(module, slide), "Astronomy") == "stars"
    bare = replace(slide, title=(Text("Take-home messages"),))
    assert topic_of(Place(module, bare), "Astronomy") == "Stars and planets"
    assert topic_of(Place(replace(module, title="Take-home"), bare), "Astronomy") == "Astronomy"


def test_also_in_the_course_makes_a_candidate_true_as_well() -> None:
    from tall_teach.quiz.evidence import course_evidence

    slide = text_slide("r/1", "Hydride reagents", [
        "NaBH4 reduces aldehydes and ketones.",
        "LiAlH4 is stronger: it also reduces esters to primary alcohols.",
        "Grignard reagents form new bonds.",
    ])  # fmt: skip
    evidence = course_evidence(_course(slides=[slide]))
    message = "NaBH4 reduces aldehydes to primary alcohols"
    assert evidence.support("LiAlH4", message, "NaBH4") is not None


def _differs_by_one_term(a: str, b: str) -> bool:
    """The two sentences are the same but for one span of words."""
    wa, wb = a.split(), b.split()
    start = next((i for i, (x, y) in enumerate(zip(wa, wb, strict=False)) if x != y), None)
    if start is None:
        return False
    end = 0
    while end < min(len(wa), len(wb)) - start and wa[-1 - end] == wb[-1 - end]:
        end += 1
    return 0 < len(wa) - start - end <= 3 and 0 < len(wb) - start - end <= 3


def test_a_true_statement_item_gets_no_note_about_terms_to_add() -> None:
    """Its options are the slide's other messages: no glossary term makes a fourth."""
    from tall_teach.quiz.generate import coverage

    course, _ = generate_items(_course())
    assert not [d for d in coverage(course) if d.severity == "note" and "contrast" in d.message]


def test_a_message_shown_altered_has_no_item_of_its_own() -> None:
    """Two versions of one sentence in one quiz tell which is true by comparison."""
    course, _ = generate_items(_course())
    texts = {msg(m).id: m.replace("**", "") + "." for m in MESSAGES}
    asked = {i.message_id for i in course.items}
    for item in (i for i in course.items if i.kind == "contrast"):
        for option in (o for o in item.options if not o.correct):
            (lender,) = [m for m, t in texts.items() if _differs_by_one_term(option.text, t)]
            assert lender not in asked


def test_a_term_the_sentence_speaks_of_alone_is_not_swapped() -> None:
    from tall_teach.quiz.contrasts import _bound_to_sentence

    assert _bound_to_sentence("nucleophile", "An arrow starts at a nucleophile, which is "
                                             "electron-rich")  # fmt: skip
    assert _bound_to_sentence("price ceiling", "A price ceiling, such as rent control, binds")
    assert _bound_to_sentence("law of demand", "The law of demand: a higher price lowers the "
                                               "quantity demanded")  # fmt: skip
    assert not _bound_to_sentence("SN2", "SN2 substitution is a single concerted step")
