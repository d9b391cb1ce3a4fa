"""The demo deck reopened with python-pptx: what an educator and a screen reader get."""

from __future__ import annotations

from typing import Any

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers.pptx import render
from tall_teach.writers.pptx.specs import DeckPlan

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

EXPECTED_TITLES = [
    "A demo deck",
    "Demo section",
    "Rich text",
    "A very long slide",
    "A very long slide (cont.)",
    "A very long slide (cont.\u00a02)",
    "A very long slide (cont.\u00a03)",
    "A very long slide (cont.\u00a04)",
    "A very long slide (cont.\u00a05)",
    "A very long slide (cont.\u00a06)",
    "A very long slide (cont.\u00a07)",
    "Column chart",
    "Pie and line",
    "Bar beside text",
    "Small table",
    "Forty rows",
    "Forty rows (cont.)",
    "Forty rows (cont.\u00a02)",
    "Forty rows (cont.\u00a03)",
    "Two figures",
    "A figure to come",
    "Two columns",
    "Compare",
    "Compare (cont.)",
    "Key numbers",
    "Take-home messages",
    "References",
]


def title_of(slide: Any) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def slide_titled(prs: Any, title: str) -> Any:
    return next(s for s in prs.slides if title_of(s) == title)


def placeholder_text(slide: Any, kind: str) -> str:
    for shape in slide.placeholders:
        ph = shape._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") == kind:
            return shape.text_frame.text
    return ""


def graphic_frames(prs: Any) -> list[Any]:
    return [sh for s in prs.slides for sh in s.shapes if sh.shape_type in (3, 19)]  # chart, table


def test_render_returns_one_deck_named_after_the_course(course: Course, theme: Theme) -> None:
    files = render(course, theme)
    assert list(files) == ["demo-deck.pptx"]
    assert files["demo-deck.pptx"][:2] == b"PK"


def test_slides_come_in_order_with_the_expected_titles(prs: Any) -> None:
    assert [title_of(s) for s in prs.slides] == EXPECTED_TITLES


def test_every_slide_has_a_unique_title_first_in_reading_order(prs: Any) -> None:
    titles = [title_of(s) for s in prs.slides]
    assert all(titles) and len(set(titles)) == len(titles)
    for slide in prs.slides:
        assert slide.shapes[0].shape_id == slide.shapes.title.shape_id


def test_slides_use_the_named_layouts_of_the_template(prs: Any) -> None:
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Title Slide" and layouts[1] == "Section Header"
    assert layouts[EXPECTED_TITLES.index("Pie and line")] == "Two Content"
    assert layouts[EXPECTED_TITLES.index("Compare")] == "Comparison"
    assert layouts[EXPECTED_TITLES.index("Column chart")] == "Title Only"
    assert layouts[EXPECTED_TITLES.index("Rich text")] == "Title and Content"


def test_body_text_sits_in_placeholders_not_loose_text_boxes(prs: Any) -> None:
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == 17:  # a text box: only captions may be one
                assert shape.name == "Caption", title_of(slide)


def test_title_slide_shows_subtitle_authors_and_a_readable_date(prs: Any) -> None:
    subtitle = placeholder_text(prs.slides[0], "subTitle")
    assert subtitle.splitlines() == [
        "Every block the contract knows",
        "Ann Author, Bo Author",
        "23 November 2026",
    ]


def test_speaker_notes_go_to_the_notes_page(prs: Any) -> None:
    slide = slide_titled(prs, "Rich text")
    assert slide.notes_slide.notes_text_frame.text == "Say this first.\n• then this"
    assert not slide_titled(prs, "Column chart").has_notes_slide


def test_source_footer_joins_short_citations(prs: Any) -> None:
    assert placeholder_text(slide_titled(prs, "A very long slide"), "ftr") == (
        "Alpha A et al, J Ex 2020; Gamma G, Example Meeting 2021"
    )
    third = slide_titled(prs, "A very long slide (cont.\u00a03)")
    assert placeholder_text(third, "ftr").startswith("Alpha A et al")
    assert placeholder_text(slide_titled(prs, "Two columns"), "ftr") == ""


def test_every_slide_but_the_title_slide_is_numbered(prs: Any) -> None:
    numbers = [placeholder_text(s, "sldNum") for s in prs.slides]
    assert numbers[0] == ""
    assert numbers[1:] == [str(n) for n in range(2, len(numbers) + 1)]


def test_citations_stay_out_of_the_body_text(prs: Any) -> None:
    body = next(
        sh for sh in slide_titled(prs, "Rich text").placeholders if sh.placeholder_format.idx == 1
    )
    first = body.text_frame.paragraphs[0].text
    assert first == "Bold and italic and code and a link"


def test_nested_bullets_keep_their_levels(prs: Any) -> None:
    slide = slide_titled(prs, "Rich text")
    body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
    levels = [(p.level, "".join(r.text for r in p.runs)) for p in body.text_frame.paragraphs]
    assert levels[1:4] == [(1, "level two"), (1, "level two again"), (2, "level three")]


def test_links_keep_their_address(prs: Any) -> None:
    slide = slide_titled(prs, "Rich text")
    runs = [r for sh in slide.placeholders for p in sh.text_frame.paragraphs for r in p.runs]
    link = next(r for r in runs if r.text == "link")
    assert link.hyperlink.address == "https://example.org"


def test_charts_are_native_with_their_types_and_values(prs: Any) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    charts = [sh.chart for sh in graphic_frames(prs) if sh.has_chart]
    found = {c.chart_type: c for c in charts}
    assert set(found) == {
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        XL_CHART_TYPE.PIE,
        XL_CHART_TYPE.LINE_MARKERS,
        XL_CHART_TYPE.BAR_CLUSTERED,
    }
    column = found[XL_CHART_TYPE.COLUMN_CLUSTERED]
    assert [tuple(s.values) for s in column.plots[0].series] == [(50, 30, 70, 60), (40, 20, 65, 55)]
    assert list(column.plots[0].categories) == ["Spring", "Summer", "Autumn", "Winter"]
    assert column.has_legend and not found[XL_CHART_TYPE.BAR_CLUSTERED].has_legend
    labels = column.plots[0].data_labels
    assert labels.number_format == 'General" mm"' and labels.show_value


def test_chart_data_sheet_is_embedded_for_editing(prs: Any) -> None:
    chart = next(sh.chart for sh in graphic_frames(prs) if sh.has_chart)
    assert chart.part.chart_workbook.xlsx_part is not None


def test_every_picture_chart_and_table_has_alt_text(prs: Any) -> None:
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type in (3, 13, 19):  # chart, picture, table
                assert shape._element.xpath("./*[1]/p:cNvPr/@descr")[0].strip()
                seen += 1
    assert seen >= 10


def test_a_chart_alt_text_says_what_it_shows(prs: Any) -> None:
    frame = next(sh for sh in slide_titled(prs, "Column chart").shapes if sh.has_chart)
    alt = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
    assert alt == (
        "Column chart: Rain by season. Site A: Spring 50mm, Summer 30mm, Autumn 70mm, "
        "Winter 60mm. Site B: Spring 40mm, Summer 20mm, Autumn 65mm, Winter 55mm."
    )


def test_pictures_keep_their_aspect_ratio(prs: Any) -> None:
    pictures = [sh for sh in slide_titled(prs, "Two figures").shapes if sh.shape_type == 13]
    ratios = sorted(round(p.width / p.height, 2) for p in pictures)
    assert ratios == [0.5, 2.0]
    alts = {p._element.nvPicPr.cNvPr.get("descr") for p in pictures}
    assert alts == {"A wide test picture", "A tall test picture"}


def test_figure_caption_appears_under_the_picture(prs: Any) -> None:
    slide = slide_titled(prs, "Two figures")
    caption = next(sh for sh in slide.shapes if sh.name == "Caption")
    wide = next(sh for sh in slide.shapes if sh.shape_type == 13 and sh.width > sh.height)
    assert caption.text_frame.text == "A wide picture"
    assert caption.top >= wide.top + wide.height


def test_tables_are_native_with_a_header_and_right_aligned_numbers(prs: Any) -> None:
    from pptx.enum.text import PP_ALIGN

    table = next(sh for sh in slide_titled(prs, "Small table").shapes if sh.has_table).table
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [
        ["Store", "Example", "Share"],
        ["ocean", "a sea", "96.5%"],
        ["ice", "a glacier", "1.7%"],
    ]
    assert table.cell(1, 2).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.cell(1, 0).text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    assert all(r.font.bold for r in table.cell(0, 0).text_frame.paragraphs[0].runs)


def test_placeholder_block_is_an_empty_picture_placeholder_with_caption_and_source(
    prs: Any,
) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    slide = slide_titled(prs, "A figure to come")
    pictures = [
        ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE
    ]
    assert len(pictures) == 1
    picture = pictures[0]
    assert picture.width > 8 * 914400 and picture.height > 3 * 914400  # a real slot, not a stamp
    assert hasattr(picture, "insert_picture")  # click to insert, in PowerPoint and python-pptx
    frame = next(sh for sh in slide.shapes if sh.name == "Figure Slot Frame")
    assert (frame.left, frame.top, frame.width, frame.height) == (
        picture.left, picture.top, picture.width, picture.height
    )
    assert frame.text_frame.text == "FIGURE TO INSERT"  # the author's text is not on the slide
    caption = next(sh for sh in slide.shapes if sh.name == "Caption")
    assert caption.text_frame.text == (
        "A map of the example basin with its rivers · Source: Delta D et al, Ex Rev 2022"
    )
    assert caption.top >= picture.top + picture.height


def test_a_figure_slots_description_goes_to_the_speaker_notes(prs: Any) -> None:
    notes = slide_titled(prs, "A figure to come").notes_slide.notes_text_frame.text
    assert notes == "Figure to insert: A map of the example basin with its rivers."


def test_figures_to_insert_are_listed_as_notes_for_check(plan: DeckPlan) -> None:
    listed = [w for w in plan.warnings if w.message.startswith("figure to insert")]
    assert [(w.severity, w.message) for w in listed] == [
        (
            "note",
            "figure to insert: A map of the example basin with its rivers. "
            "(source: Delta D et al, Ex Rev 2022)",
        )
    ]


def test_take_home_messages_are_a_check_mark_list(prs: Any) -> None:
    slide = slide_titled(prs, "Take-home messages")
    body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
    paragraphs = body.text_frame.paragraphs
    assert [p.text for p in paragraphs] == ["Evaporation lifts water", "Rain brings it down"]
    for p in paragraphs:
        assert p._p.pPr.find(f"{A}buChar").get("char") == "\u00fc"
        assert p._p.pPr.find(f"{A}buFont").get("typeface") == "Wingdings"


def test_authored_questions_are_left_to_the_quiz(prs: Any) -> None:
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert not any("Which is right?" in t for t in texts)


def test_references_are_numbered_vancouver_entries(prs: Any) -> None:
    slide = slide_titled(prs, "References")
    body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Alpha A, Beta B. A study of examples. J Ex. 2020;12:1-9.",
        "Gamma G. Another example. Example Meeting. 2021. Abstract 42.",
        "Delta D, et al. Third example. Ex Rev. 2022.",
    ]
    assert body.text_frame.paragraphs[0]._p.pPr.find(f"{A}buAutoNum") is not None


def test_no_shape_lies_outside_the_slide(prs: Any) -> None:
    width, height = prs.slide_width, prs.slide_height
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.width is None:  # inherits the layout's position
                continue
            assert shape.left >= 0 and shape.top >= 0, (title_of(slide), shape.name)
            assert shape.left + shape.width <= width, (title_of(slide), shape.name)
            assert shape.top + shape.height <= height, (title_of(slide), shape.name)


def test_shapes_on_a_slide_do_not_overlap(prs: Any) -> None:
    for slide in prs.slides:
        boxes = [
            (sh.left, sh.top, sh.left + sh.width, sh.top + sh.height, sh.name)
            for sh in slide.shapes
            if sh.width is not None and sh.name not in ("Caption", "Figure Slot Frame")
        ]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (title_of(slide), a[4], b[4])


def test_text_on_slides_is_never_under_18_points_except_footers(prs: Any) -> None:
    sizes = []
    for slide in prs.slides:
        for shape in slide.shapes:
            kind = shape._element.xpath("./p:nvSpPr/p:nvPr/p:ph/@type")
            if kind and kind[0] in ("ftr", "sldNum"):
                continue
            for run in shape._element.iter(f"{A}rPr"):
                if run.get("sz"):
                    sizes.append(int(run.get("sz")) / 100)
    assert sizes and min(sizes) >= 18


def test_core_properties_describe_the_course(prs: Any) -> None:
    import datetime

    core = prs.core_properties
    assert (core.title, core.author, core.subject) == (
        "A demo deck",
        "Ann Author, Bo Author",
        "Every block the contract knows",
    )
    assert core.keywords == "Demo module, evaporation, rain"
    stamp = datetime.datetime(2026, 11, 23, 0, 0)
    assert core.created == core.modified == core.last_printed == stamp
    assert core.revision == 1


def test_plan_warns_about_an_untitled_slide(plan: DeckPlan) -> None:
    assert any("untitled slide" in w.message for w in plan.warnings)
