"""The default theme's design rules, read from the plan: one summary slide, dividers that
show where the lecture is, short text balanced in the body area, references on few slides."""

from __future__ import annotations

import dataclasses

from deck_course import SRC, bullets, slide, t

from tall_teach.model import Course, Message, Module, Name, Reference, Slide, TakeHome
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan
from tall_teach.writers.pptx.specs import DeckPlan, TextBlock

EMU_PER_INCH = 914400


def with_modules(course: Course, *modules: tuple[str, tuple[Slide, ...]]) -> Course:
    made = tuple(
        Module(mid, mid.title(), ("Know the first thing", "Know the second"), f"modules/{mid}.md",
               slides, SRC)
        for mid, slides in modules
    )
    return dataclasses.replace(course, modules=made)


def take_home(sid: str, title: str, *texts: str) -> Slide:
    messages = tuple(Message(f"{sid}-{n}", t(text), SRC) for n, text in enumerate(texts))
    return slide(sid, title, TakeHome(messages, SRC))


def titles(plan: DeckPlan) -> list[str]:
    return [s.title_text for s in plan.slides]


def test_consecutive_take_home_slides_that_fit_become_one(course: Course, theme: Theme) -> None:
    slides = (
        take_home("m/a", "Take-home: first", "First message", "Second message"),
        take_home("m/b", "Take-home: more", "Third message", "Fourth message"),
        take_home("m/c", "Take-home: last", "Fifth message"),
    )
    plan = build_plan(with_modules(course, ("m", slides)), theme)
    summary = [s for s in plan.slides if s.source_id == "m/a"]
    assert len(summary) == 1 and "Take-home: more" not in titles(plan)
    assert summary[0].title_text == "Take-home messages"  # not the first slide's own title
    shown = [p.runs[0].text for p in summary[0].slots[0].content.paras]
    assert shown == ["First message", "Second message", "Third message", "Fourth message",
                     "Fifth message"]


def test_take_home_slides_too_long_for_one_are_shared_out_evenly(
    course: Course, theme: Theme
) -> None:
    long = "A long message that runs over two lines of the slide at any size we allow " * 2
    slides = tuple(take_home(f"m/{n}", f"Take-home {n}", long, long, long) for n in range(3))
    plan = build_plan(with_modules(course, ("m", slides)), theme)
    pages = [s for s in plan.slides if s.source_id.startswith("m/")]
    assert [p.title_text for p in pages] == ["Take-home messages", "Take-home messages (cont.)"]
    counts = [len(p.slots[0].content.paras) for p in pages]
    sizes = {p.slots[0].content.size for p in pages}
    assert counts == [5, 4] and len(sizes) == 1 and min(sizes) >= 18


def test_take_home_slides_that_need_as_many_slides_stay_as_written(
    course: Course, theme: Theme
) -> None:
    long = "A long message that runs over two lines of the slide at any size we allow " * 3
    slides = tuple(take_home(f"m/{n}", f"Take-home {n}", *[long] * 4) for n in range(2))
    plan = build_plan(with_modules(course, ("m", slides)), theme)
    assert {"Take-home 0", "Take-home 1"} <= set(titles(plan))


def test_dividers_show_the_section_number_and_the_modules_objectives(
    course: Course, theme: Theme
) -> None:
    modules = [
        (mid, (slide(f"{mid}/s", mid.title(), kind="section"), slide(f"{mid}/x", f"{mid} x",
                                                                     bullets("a point"))))
        for mid in ("one", "two", "three")
    ]
    plan = build_plan(with_modules(course, *modules), theme)
    dividers = [s for s in plan.slides if s.kind == "section"]
    assert [d.progress for d in dividers] == [(1, 3), (2, 3), (3, 3)]
    subtitle = dividers[0].slots[0].content
    assert [p.runs[0].text for p in subtitle.paras] == ["Know the first thing", "Know the second"]
    assert subtitle.size >= 18


def test_short_text_alone_sits_in_the_middle_of_the_body_not_under_the_title(
    course: Course, theme: Theme
) -> None:
    plan = build_plan(with_modules(course, ("m", (slide("m/s", "Short", bullets("One point")),))),
                      theme)
    page = next(s for s in plan.slides if s.source_id == "m/s")
    (slot,) = page.slots
    assert isinstance(slot.content, TextBlock) and slot.content.size == 28
    body_top, body_bottom = int(1.82 * EMU_PER_INCH), int(6.55 * EMU_PER_INCH)
    above = slot.frame.box.y - body_top
    below = body_bottom - slot.frame.box.bottom
    assert above > EMU_PER_INCH and below > above  # optically centred: a little high


def test_references_take_the_fewest_slides(course: Course, theme: Theme) -> None:
    refs = tuple(
        Reference(f"r{n}", "article", (Name("Author" + "x" * (n % 5), "A"),), f"Title {n}",
                  "J Ex", "2020", SRC)
        for n in range(24)
    )
    cited = tuple(slide(f"m/{n}", f"Slide {n}", bullets("point"), cites=(f"r{n}",))
                  for n in range(24))
    plan = build_plan(dataclasses.replace(with_modules(course, ("m", cited)), references=refs),
                      theme)
    pages = [s for s in plan.slides if s.source_id == "references"]
    numbers = [p.number for s in pages for slot in s.slots for p in slot.content.paras]
    assert numbers == list(range(1, 25))
    assert len(pages) == 1 and pages[0].kind == "two_content"


def test_a_short_table_alone_is_balanced_too(course: Course, theme: Theme) -> None:
    from tall_teach.model import Table

    table = Table((t("Item"), t("Value")), ((t("a"), t("1")), (t("b"), t("2"))), ("", ""), SRC)
    plan = build_plan(with_modules(course, ("m", (slide("m/t", "Table", table),))), theme)
    page = next(s for s in plan.slides if s.source_id == "m/t")
    assert page.slots[0].frame.box.y > int(1.82 * EMU_PER_INCH) + EMU_PER_INCH


def test_more_than_eight_messages_continue_rather_than_shrink(course: Course, theme: Theme) -> None:
    slides = tuple(take_home(f"m/{n}", f"Take-home {n}", *(f"Message {n}{k}" for k in "ab"))
                   for n in range(5))
    plan = build_plan(with_modules(course, ("m", slides)), theme)
    pages = [s for s in plan.slides if s.source_id.startswith("m/")]
    assert [len(p.slots[0].content.paras) for p in pages] == [5, 5]
