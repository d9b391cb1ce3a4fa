"""The default template, institution templates with other layout names, and the palette."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tall_teach.a11y.palette import contrast
from tall_teach.errors import ThemeError
from tall_teach.model import Course
from tall_teach.theme import Theme, load_theme
from tall_teach.writers.pptx import render

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO / "themes" / "default"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LAYOUTS = [
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Two Content",
    "Comparison",
    "Title Only",
    "Blank",
]


def open_pptx(data: bytes | Path) -> Any:
    from pptx import Presentation

    return Presentation(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def theme_xml(path: Path) -> Any:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("ppt/theme/theme1.xml"))


def test_default_template_is_16_by_9_with_the_seven_named_layouts() -> None:
    prs = open_pptx(DEFAULT / "template.pptx")
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == LAYOUTS
    assert len(prs.slides) == 0


def test_every_layout_but_blank_has_a_title_and_all_have_footer_and_number() -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    for layout in open_pptx(DEFAULT / "template.pptx").slide_layouts:
        kinds = {ph.placeholder_format.type for ph in layout.placeholders}
        assert {PH.FOOTER, PH.SLIDE_NUMBER} <= kinds, layout.name
        if layout.name != "Blank":
            assert kinds & {PH.TITLE, PH.CENTER_TITLE}, layout.name


def test_template_theme_carries_the_palette_and_fonts_of_theme_yaml() -> None:
    settings = yaml.safe_load((DEFAULT / "theme.yaml").read_text(encoding="utf-8"))
    root = theme_xml(DEFAULT / "template.pptx")
    scheme = {el.tag.split("}")[1]: el[0].get("val") for el in root.find(f".//{A}clrScheme")}
    colors = settings["colors"]
    assert scheme["dk1"] == colors["text"] and scheme["lt1"] == colors["background"]
    assert scheme["dk2"] == colors["primary"] and scheme["accent1"] == colors["accent"]
    assert scheme["accent2"] == colors["accent2"] and scheme["lt2"] == colors["panel"]
    fonts = root.find(f".//{A}fontScheme")
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == settings["fonts"]["heading"]
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == settings["fonts"]["body"]


def test_committed_template_is_what_the_generator_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_pptx_template", REPO / "tools" / "make_pptx_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    settings = yaml.safe_load((DEFAULT / "theme.yaml").read_text(encoding="utf-8"))
    assert module.build_template(settings) == (DEFAULT / "template.pptx").read_bytes(), (
        "run python tools/make_pptx_template.py"
    )


def institution_theme(root: Path, renames: dict[str, str], mapping: dict[str, str]) -> Theme:
    """A child theme of default whose template renames (or drops) layouts."""
    prs = open_pptx(DEFAULT / "template.pptx")
    for layout in list(prs.slide_layouts):
        new = renames.get(layout.name, layout.name)
        if new is None:
            prs.slide_layouts.remove(layout)
        else:
            layout._element.cSld.set("name", new)
    folder = root / "institution"
    folder.mkdir()
    prs.save(str(folder / "institution.pptx"))
    settings = {"extends": "default", "pptx": {"template": "institution.pptx", "layouts": mapping}}
    (folder / "theme.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return load_theme("./institution", root)


RENAMED = {
    "Title Slide": "Cover",
    "Section Header": "Divider",
    "Title and Content": "Text",
    "Two Content": "Halves",
    "Comparison": "Versus",
    "Title Only": "Heading",
    "Blank": "Empty",
}


def test_an_institution_template_with_renamed_layouts_is_used_through_the_mapping(
    course: Course, tmp_path: Path
) -> None:
    mapping = {
        "title": "Cover",
        "section": "Divider",
        "content": "Text",
        "two_content": "Halves",
        "comparison": "Versus",
        "title_only": "Heading",
        "blank": "Empty",
    }
    theme = institution_theme(tmp_path, RENAMED, mapping)
    prs = open_pptx(render(course, theme)["demo-deck.pptx"])
    used = [s.slide_layout.name for s in prs.slides]
    assert used[:3] == ["Cover", "Divider", "Text"]
    assert {"Halves", "Versus", "Heading"} <= set(used)
    assert not set(used) & set(LAYOUTS)


def test_a_template_missing_a_layout_is_a_clear_theme_error(course: Course, tmp_path: Path) -> None:
    theme = institution_theme(tmp_path, {"Comparison": None}, {})  # type: ignore[dict-item]
    with pytest.raises(ThemeError) as caught:
        render(course, theme)
    message = str(caught.value)
    assert "'Comparison' (for comparison)" in message
    assert "'Title Slide'" in message and "'Two Content'" in message  # the layouts it has


def test_an_unknown_slide_kind_in_the_mapping_is_a_theme_error(tmp_path: Path) -> None:
    from tall_teach.writers.pptx.settings import load_settings

    theme = institution_theme(tmp_path, {}, {"sidebar": "Title Only"})
    with pytest.raises(ThemeError, match=r"pptx\.layouts\.sidebar"):
        load_settings(theme)


@pytest.mark.parametrize(
    ("fore", "back", "least"),
    [
        ("text", "background", 4.5),  # body text
        ("primary", "background", 4.5),  # titles, table header fill behind white
        ("muted", "background", 4.5),  # footers and captions
        ("on_primary", "primary", 4.5),  # title and section slides, table headers
        ("panel", "primary", 4.5),  # subtitles on dark slides
        ("text", "panel", 4.5),  # figure boxes, banded rows
        ("accent", "panel", 3.0),  # bold figure-box label (large text)
        ("accent", "background", 3.0),  # bullets, links, chart series against white
        ("accent2", "background", 3.0),  # chart series 2
        ("accent3", "background", 3.0),  # chart series 3
        ("accent4", "background", 3.0),  # chart series 4
    ],
)
def test_theme_colours_pass_wcag_contrast(fore: str, back: str, least: float) -> None:
    colors = yaml.safe_load((DEFAULT / "theme.yaml").read_text(encoding="utf-8"))["colors"]
    assert contrast(colors[fore], colors[back]) >= least


def decorated_theme(root: Path, shapes: list[tuple[float, float, float, float]]) -> Theme:
    """A child theme of default whose master carries rectangles (x, y, w, h in inches)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    prs = open_pptx(DEFAULT / "template.pptx")
    scratch = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx draws on slides only
    tree = prs.slide_master.shapes._spTree
    for n, (x, y, w, h) in enumerate(shapes):
        shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(y),
                                         Inches(w), Inches(h))
        shape._element.nvSpPr.cNvPr.set("id", str(900 + n))
        tree.append(shape._element)
    prs.part.drop_rel(prs.slides._sldIdLst[0].rId)
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    folder = root / "decorated"
    folder.mkdir()
    prs.save(str(folder / "decorated.pptx"))
    settings = {"extends": "default", "pptx": {"template": "decorated.pptx"}}
    (folder / "theme.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return load_theme("./decorated", root)


def test_content_keeps_clear_of_a_band_and_a_logo_and_a_footer_stays_on_its_band(
    course: Course, tmp_path: Path
) -> None:
    from tall_teach.writers.pptx import plan_with_template

    band, logo, foot = (0, 1.6, 13.33, 0.6), (11.9, 0.2, 1.2, 1.0), (0, 6.7, 13.33, 0.8)
    theme = decorated_theme(tmp_path, [band, logo, foot])
    plan, template = plan_with_template(course, theme)
    inch = 914400
    content = template.layout("content")
    assert content.bodies[0].box.y >= (1.6 + 0.6) * inch  # under the band
    assert content.title.box.right <= 11.9 * inch  # left of the logo
    assert "title" in content.moved
    assert content.footer.box == template.layout("two_content").footer.box  # on its band
    assert content.footer.box.y >= 6.7 * inch
    for slide in plan.slides:
        for slot in slide.slots:
            box = slot.frame.box
            assert box.y >= 2.2 * inch or slide.kind in ("title", "section"), slide.title_text
        if slide.kind not in ("title", "section", "blank"):
            assert slide.title_box is not None and slide.title_box.right <= 11.9 * inch
    prs = open_pptx(render(course, theme)["demo-deck.pptx"])
    titles = [s.shapes.title for s in prs.slides if s.slide_layout.name == "Title and Content"]
    assert titles and all(t.left + t.width <= 11.9 * inch for t in titles)


def test_a_layout_whose_body_is_covered_by_graphics_is_named(
    course: Course, tmp_path: Path
) -> None:
    from tall_teach.writers.pptx import build_plan

    theme = decorated_theme(tmp_path, [(0, 1.5, 13.33, 4.6)])  # all but a sliver of the body
    with pytest.raises(ThemeError, match=r"'Title and Content' has no content placeholder.*"
                       "graphics cover it"):
        build_plan(course, theme)
