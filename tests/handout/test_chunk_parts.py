"""A very long module is cut into parts of at most PART_CARDS cards (lxml only, fast)."""

from __future__ import annotations

from tall_teach.writers.handout.chunks import PART_CARDS, split_html

CSS = ".module-title { string-set: module-title attr(data-running); }\n@page { margin: 1cm; }"


def page(cards: int, divider_at: int = -1) -> str:
    rows = "".join(
        f'<section class="section-divider" id="d{i}"><h3>Part</h3></section>'
        if i == divider_at else
        f'<article class="card-row" id="s{i}"><p><a href="#ref-1">[1]</a> card {i}</p></article>'
        for i in range(cards))
    return (f"<!DOCTYPE html><html><head><style>{CSS}</style></head><body>"
            '<header class="cover">Cover</header>'
            '<main id="main"><section class="module" id="m-one" aria-labelledby="m-one-title">'
            '<h2 class="module-title" id="m-one-title" data-running="Steeping">Steeping</h2>'
            f"{rows}</section>"
            '<section class="references" id="references"><ol><li id="ref-1">A</li></ol></section>'
            "</main></body></html>")


def test_a_module_of_many_cards_is_laid_out_in_parts() -> None:
    chunks = split_html(page(2 * PART_CARDS + 5), {"course-title": "Tea"})
    assert chunks is not None
    assert [c.name for c in chunks] == ["cover", "m-one", "m-one-part-2", "m-one-part-3", "back"]
    first, second, third = chunks[1:4]
    assert 'id="m-one"' in first.html and 'id="m-one"' not in second.html
    assert 'class="module"' in second.html and "module-title" not in second.html.split("<body")[1]
    for part, cards in ((first, range(PART_CARDS)),
                        (second, range(PART_CARDS, 2 * PART_CARDS)),
                        (third, range(2 * PART_CARDS, 2 * PART_CARDS + 5))):
        assert [f'id="s{i}"' in part.html for i in cards] == [True] * len(cards)
        assert part.html.count('class="card-row"') == len(cards)
    # a later part sets the module's running title (and the course's) where it starts
    assert 'string-set: course-title "Tea", module-title "Steeping"' in second.html
    assert "module-title" not in first.html.split("string-set: course-title")[1].split(";")[0]
    assert 'href="tt-anchor:ref-1"' in second.html  # links out of the part stay links


def test_a_section_divider_starts_the_part_it_introduces() -> None:
    chunks = split_html(page(PART_CARDS + 3, divider_at=PART_CARDS - 1), {})
    assert chunks is not None
    assert [c.name for c in chunks] == ["cover", "m-one", "m-one-part-2", "back"]
    assert 'id="d99"'.replace("99", str(PART_CARDS - 1)) in chunks[2].html


def test_a_module_of_part_size_stays_one_chunk() -> None:
    chunks = split_html(page(PART_CARDS), {})
    assert chunks is not None and [c.name for c in chunks] == ["cover", "m-one", "back"]


def test_the_parts_count_cards_from_the_title_wherever_it_is() -> None:
    """A theme's template may put something before the module's title, or wrap it: the
    parts still hold PART_CARDS cards each and later ones set the title's running string."""
    for before in ('<p class="intro">Intro</p>', ""):
        html = page(PART_CARDS + 3).replace(
            '<h2 class="module-title"', before + '<header><h2 class="module-title"').replace(
            "Steeping</h2>", "Steeping</h2></header>")
        chunks = split_html(html, {})
        assert chunks is not None
        assert [c.name for c in chunks] == ["cover", "m-one", "m-one-part-2", "back"]
        assert chunks[1].html.count('class="card-row"') == PART_CARDS
        assert chunks[2].html.count('class="card-row"') == 3
        assert 'module-title "Steeping"' in chunks[2].html
