"""Planning is pure: numbering, headings, anchors, citations and views from the model."""

from __future__ import annotations

import dataclasses

from tall_teach.model import Course, HandoutSettings
from tall_teach.theme import Theme
from tall_teach.writers.handout.assets import chart_style, handout_theme
from tall_teach.writers.handout.blocks import BlockContext
from tall_teach.writers.handout.plan import (
    HandoutPlan,
    anchor_for,
    format_date,
    plan_handout,
    reference_numbers,
    short_citations,
)

ENGLISH = {"months": ["January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"],
           "date_format": "{day} {month} {year}", "page": "Page"}


def plan_for(course: Course, theme: Theme, *, outline: bool = False) -> HandoutPlan:
    ctx = BlockContext(
        numbers=reference_numbers(course),
        short=short_citations(course),
        load_figure=lambda path: f"data:image/png;base64,{path}",
        chart_style=chart_style(handout_theme(theme)),
        inline_cites=outline,
    )
    return plan_handout(course, ctx, ENGLISH)


def test_references_are_numbered_by_first_citation_and_uncited_ones_come_last(
    course: Course,
) -> None:
    assert reference_numbers(course) == {"seed1": 1, "seed3": 2, "seed2": 3, "uncited": 4}


def test_a_slide_under_a_section_is_one_heading_level_deeper(course: Course, theme: Theme) -> None:
    cards = plan_for(course, theme).modules[0].cards
    assert [(c.kind, c.heading_level) for c in cards] == [
        ("content", 3), ("section", 3), ("content", 4), ("content", 4)
    ]


def test_card_numbers_run_through_the_whole_course(course: Course, theme: Theme) -> None:
    plan = plan_for(course, theme)
    numbers = [c.number for m in plan.modules for c in m.cards]
    assert numbers == list(range(1, len(course.slides()) + 1))


def test_card_numbers_can_start_after_the_decks_title_slide(course: Course, theme: Theme) -> None:
    from tall_teach.writers.handout import build_plan

    plan = build_plan(course, theme)
    assert plan.modules[0].cards[0].number == theme.get("handout.first_slide_number") == 2


def test_anchors_are_unique_and_made_only_of_safe_characters() -> None:
    taken: set[str] = set()
    first = anchor_for("s-car-t/auto CD7 <b>", taken)
    second = anchor_for("s-car-t/auto CD7 <b>", taken)
    assert first == "s-car-t-auto-cd7-b"
    assert second == "s-car-t-auto-cd7-b-2"


def test_card_sources_are_numbered_short_citations(course: Course, theme: Theme) -> None:
    card = plan_for(course, theme).modules[0].cards[2]
    assert [(s.number, s.text, s.anchor) for s in card.sources] == [
        (2, "Gokbuget N et al, Blood 2024", "ref-2")
    ]


def test_cards_keep_citations_in_the_footer_while_the_outline_puts_numbers_in_the_text(
    course: Course, theme: Theme,
) -> None:
    card = plan_for(course, theme).modules[0].cards[0]
    outline = plan_for(course, theme, outline=True).modules[0].cards[0]
    assert "ref-1" not in str(card.blocks[1].html)
    assert '<sup class="cite"><a href="#ref-1">1</a></sup>' in str(outline.blocks[1].html)


def test_authored_questions_are_left_to_the_quiz(course: Course, theme: Theme) -> None:
    card = plan_for(course, theme).modules[1].cards[2]
    assert card.title_text == "Check yourself" and card.blocks == ()


def test_text_beside_one_chart_sits_side_by_side_in_cards_as_on_the_deck() -> None:
    from tall_teach.model import Question, Table
    from tall_teach.writers.handout.plan import card_blocks

    from .handout_course import BAR, SRC, bullets, para, t

    question = Question("q", t("?"), (), (), SRC)
    table = Table((t("a"),), ((t("1"),),), ("",), SRC)
    paired = card_blocks((para("x"), bullets("y"), question, BAR), side_by_side=True)
    assert len(paired) == 1 and [len(c.blocks) for c in paired[0].columns] == [2, 1]
    assert card_blocks((para("x"), BAR), side_by_side=False) == (para("x"), BAR)
    assert card_blocks((para("x"), table), side_by_side=True) == (para("x"), table)
    assert card_blocks((para("x"), BAR, BAR), side_by_side=True) == (para("x"), BAR, BAR)
    assert card_blocks((question, BAR), side_by_side=True) == (BAR,)


def test_the_doi_of_a_reference_becomes_a_link_and_the_rest_is_plain_text(
    course: Course, theme: Theme,
) -> None:
    refs = {r.key: str(r.html) for r in plan_for(course, theme).references}
    assert refs["seed2"].endswith('<a href="https://doi.org/10.1000/example.2">doi:10.1000/example.2</a>')
    assert "<a" not in refs["seed1"]


def test_dates_are_written_out_in_the_course_language() -> None:
    italian = {"months": ["gennaio"] * 10 + ["novembre", "dicembre"],
               "date_format": "{day} {month} {year}"}
    assert format_date("2026-11-23", ENGLISH) == "23 November 2026"
    assert format_date("2026-11-03", italian) == "3 novembre 2026"
    assert format_date("autumn 2026", ENGLISH) == "autumn 2026"


def test_unknown_layouts_and_papers_fall_back_to_notes_on_a4(course: Course, theme: Theme) -> None:
    odd = dataclasses.replace(course, handout=HandoutSettings("poster", "a0"))
    plan = plan_for(odd, theme)
    assert (plan.layout, plan.paper) == ("notes", "A4")


def test_an_unaligned_column_of_numbers_is_right_aligned_and_authored_alignment_wins() -> None:
    from tall_teach.model import Table
    from tall_teach.writers.handout.blocks import column_aligns

    from .handout_course import SRC, t

    table = Table((t("Study"), t("Patients"), t("CR"), t("Note")),
                  ((t("Zhang"), t("60"), t("94%"), t("auto")),
                   (t("Pan"), t("—"), t("≥ 1,5"), t("12"))),
                  ("", "", "", "left"), SRC)
    assert column_aligns(table) == ("", "right", "right", "left")


def test_glossary_categories_are_capitalised_once_and_keep_their_spelling() -> None:
    from tall_teach.writers.handout.plan import category_label

    assert category_label("car-t issue") == "Car-t issue"
    assert category_label("cd_marker") == "Cd marker"


def test_a_glossary_category_word_that_is_a_term_takes_the_terms_spelling() -> None:
    from tall_teach.writers.handout.plan import category_label

    spellings = {"car-t": "CAR-T", "cd7": "CD7"}
    assert category_label("car-t issue", spellings) == "CAR-T issue"
    assert category_label("issue of car-t", spellings) == "Issue of CAR-T"
    assert category_label("cd_marker", spellings) == "Cd marker"
