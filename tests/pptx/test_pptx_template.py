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
