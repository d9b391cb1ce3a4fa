"""A slide whose point is a few key numbers gets editable stat tiles, read back from the deck."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest
from deck_course import SRC, bullets, slide

from tall_teach.model import Course, Module, Placeholder, Slide
from tall_teach.theme import Theme
from tall_teach.writers.pptx import build_plan
from tall_teach.writers.pptx.specs import DeckPlan, FigureBoxSpec, StatTilesSpec, TextBlock
from tall_teach.writers.pptx.stats import Stat, parse_stat

SLIDE_W, SLIDE_H = 12192000, 6858000


def plan_of(course: Course, theme: Theme, *slides: Slide) -> DeckPlan:
    module = Module("m", "Module", (), "modules/m.md", tuple(slides), SRC)
    return build_plan(dataclasses.replace(course, modules=(module,)), theme)


def page(plan: DeckPlan, sid: str) -> Any:
    (found,) = [s for s in plan.slides if s.source_id == sid]
    return found


@pytest.mark.parametrize(
    ("text", "stat"),
    [
        ("94% D28 MRD-negative CR", Stat("94", "%", "D28 MRD-negative CR")),
        ("2-year OS 42.7%", Stat("42.7", "%", "2-year OS")),
        ("Median follow-up: 27 months", Stat("27", "months", "Median follow-up")),
        ("About 30-35% of patients still relapse",
         Stat("30-35", "%", "of patients still relapse", "About")),
        ("Allo-SCT: 4/12", Stat("4/12", "", "Allo-SCT")),
    ],
)
def test_an_item_that_is_a_number_with_a_short_label_is_a_stat(text: str, stat: Stat) -> None:
    assert parse_stat(text) == stat


@pytest.mark.parametrize(
    "text",
    [
        "CD5-edited cells",  # no number
        "14 July 1789: the storming of the Bastille",  # a date
        "CRS: grade 3 in 6 patients, grade 4 in 1",  # several numbers, a long label
        "1789: the Estates-General opens at Versailles",  # a bare year
        "Treat with 15-20 g of fast-acting glucose, recheck after 15 minutes",
    ],
)
def test_other_items_are_not(text: str) -> None:
    assert parse_stat(text) is None


def test_a_list_of_key_numbers_becomes_tiles_with_only_the_values_written(
    course: Course, theme: Theme
) -> None:
    items = ("About 20% of all cases", "Median follow-up 27 months", "2-year OS 42.7%")
    plan = plan_of(course, theme, slide("m/k", "Key numbers", bullets(*items)))
    (slot,) = page(plan, "m/k").slots
    spec = slot.content
    assert isinstance(spec, StatTilesSpec)
    shown = [(t.qualifier, t.value, t.unit, t.label) for t in spec.tiles]
    assert shown == [("About", "20", "%", "of all cases"), ("", "27", "months", "Median follow-up"),
                     ("", "42.7", "%", "2-year OS")]
    assert spec.label_size >= 18 and spec.value_size > spec.label_size
    boxes = [t.box for t in spec.tiles]
    assert len({b.y for b in boxes}) == 1 and len({b.w for b in boxes}) == 1  # one row, even
    assert all(a.right < b.x for a, b in itertools.pairwise(boxes))  # no overlap


def test_a_mixed_list_stays_a_list(course: Course, theme: Theme) -> None:
    plan = plan_of(course, theme, slide("m/l", "Pan", bullets("N=19", "CD5-edited cells",
                                                               "CR rate 100%")))
    assert isinstance(page(plan, "m/l").slots[0].content, TextBlock)


def test_counts_alone_stay_a_list(course: Course, theme: Theme) -> None:
    plan = plan_of(course, theme, slide("m/c", "Counts", bullets("N=19", "Allo-SCT: 4/12")))
    assert isinstance(page(plan, "m/c").slots[0].content, TextBlock)


def test_tiles_stand_left_of_a_figure_slot(course: Course, theme: Theme) -> None:
    from tall_teach.model import Paragraph, Text

    slot_block = Placeholder((Paragraph((Text("Survival curves."),), SRC),), (), SRC)
    plan = plan_of(course, theme, slide("m/f", "Response", bullets(
        "Median follow-up 27 months", "2-year OS 42.7%"), slot_block))
    first = page(plan, "m/f")
    tiles, figure = (s.content for s in first.slots)
    assert first.kind == "two_content"
    assert isinstance(tiles, StatTilesSpec) and isinstance(figure, FigureBoxSpec)
    assert max(t.box.right for t in tiles.tiles) < first.slots[1].frame.box.x
    assert len({t.box.x for t in tiles.tiles}) == 1  # stacked in one column


def test_the_deck_draws_tiles_as_editable_shapes_in_theme_colours(prs: Any) -> None:
    from pptx.enum.dml import MSO_COLOR_TYPE
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    (stat_slide,) = [s for s in prs.slides
                     if s.shapes.title is not None and s.shapes.title.text == "Key numbers"]
    tiles = [sh for sh in stat_slide.shapes if sh.name.startswith("Stat tile:")]
    assert len(tiles) == 3
    for tile in tiles:
        assert tile.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and tile.has_text_frame
        assert tile.left >= 0 and tile.left + tile.width <= SLIDE_W
        assert tile.top >= 0 and tile.top + tile.height <= SLIDE_H
        runs = [r for p in tile.text_frame.paragraphs for r in p.runs]
        assert all(r.font.size.pt >= 18 for r in runs)
        assert all(r.font.color.type == MSO_COLOR_TYPE.SCHEME for r in runs)
        assert tile._element.nvSpPr.cNvPr.get("descr")  # alt text: label and value
    texts = [tile.text_frame.text for tile in tiles]
    assert texts[0].startswith("About 20%") and "Median follow-up" in texts[1]
    footer = [sh for sh in stat_slide.placeholders if sh.placeholder_format.type == 15]
    assert footer and footer[0].text_frame.text  # the source footer is kept


def test_the_html_slides_show_the_same_tiles(course: Course, theme: Theme) -> None:
    from tall_teach.writers.slides_html.parts import stat_tiles_html

    plan = plan_of(course, theme, slide("m/k", "Key numbers", bullets(
        "Median follow-up 27 months", "<b> OS 42.7%")))
    html = stat_tiles_html(page(plan, "m/k").slots[0].content)
    assert html.count('class="slot stat-tile"') == 2
    assert ">42.7</span>" in html and "&lt;b&gt; OS" in html and "<b>" not in html


def test_a_single_key_number_is_one_tile(course: Course, theme: Theme) -> None:
    lone = bullets("Median follow-up: 15.1 months")
    plan = plan_of(course, theme, slide("m/s", "Survival", lone))
    (slot,) = page(plan, "m/s").slots
    assert isinstance(slot.content, StatTilesSpec) and len(slot.content.tiles) == 1
    assert slot.content.tiles[0].value == "15.1"


def test_an_items_own_citation_is_its_tiles_source(course: Course, theme: Theme) -> None:
    from tall_teach.model import BulletList, Cite, ListItem, Text

    cited = ListItem((Text("2-year OS 42.7% "), Cite(("alpha2020",))), (), SRC)
    plain = ListItem((Text("Median follow-up 27 months"),), (), SRC)
    plan = plan_of(course, theme, slide("m/c", "Cited", BulletList((cited, plain), SRC)))
    tiles = page(plan, "m/c").slots[0].content.tiles
    assert tiles[0].source.startswith("Alpha A et al") and tiles[1].source == ""
