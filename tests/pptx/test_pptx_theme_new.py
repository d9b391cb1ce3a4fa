"""`tall-teach theme new NAME --from their.pptx`: an institution's template as a theme."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tall_teach.cli import main
from tall_teach.scaffold import create_course

LIBREOFFICE_TEMPLATE = Path("/usr/lib/libreoffice/share/template/common/presnt/Midnightblue.otp")


def python_pptx_default(folder: Path) -> Path:
    from pptx import Presentation

    target = folder / "plain.pptx"
    Presentation().save(str(target))
    return target


def make_theme(tmp_path: Path, name: str, source: Path) -> tuple[Path, str]:
    result = CliRunner().invoke(
        main, ["theme", "new", name, "--from", str(source), "--dir", str(tmp_path / "themes")]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "themes" / name, result.output


def test_a_powerpoint_template_maps_every_kind_by_name(tmp_path: Path) -> None:
    folder, output = make_theme(tmp_path, "plain", python_pptx_default(tmp_path))
    settings = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8"))
    assert settings["extends"] == "default"
    assert settings["pptx"]["layouts"] == {
        "title": "Title Slide", "section": "Section Header", "content": "Title and Content",
        "two_content": "Two Content", "comparison": "Comparison", "title_only": "Title Only",
        "blank": "Blank",
    }
    assert "mapped comparison -> 'Comparison'" in output
    from pptx import Presentation

    assert len(Presentation(str(folder / "template.pptx")).slides) == 0


@pytest.mark.xdist_group("libreoffice")
def test_a_libreoffice_template_is_mapped_reported_and_builds_a_course(tmp_path: Path) -> None:
    if not LIBREOFFICE_TEMPLATE.is_file() or shutil.which("soffice") is None:
        pytest.fail("LibreOffice and its bundled templates are installed by make test")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pptx", "--outdir", str(tmp_path), str(LIBREOFFICE_TEMPLATE)],
        check=True, capture_output=True, timeout=180,
    )
    _folder, output = make_theme(tmp_path, "midnight", tmp_path / "Midnightblue.pptx")
    assert "mapped content -> 'Title, Content'" in output
    assert "no layout for section: uses 'Title Slide'" in output
    assert "content placeholders apart" in output  # LibreOffice saves them all as idx 0
    course = create_course(tmp_path / "content", "house")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(
        text.replace("theme: default", f"theme: {Path('..') / '..' / 'themes' / 'midnight'}"),
        encoding="utf-8",
    )
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    from tall_teach.reader import read_course
    from tall_teach.theme import load_theme
    from tall_teach.writers.pptx import render

    model, _ = read_course(course)
    blob = render(model, load_theme(model.theme, course))[f"{model.id}.pptx"]
    prs = Presentation(io.BytesIO(blob))
    kinds = {s.slide_layout.name for s in prs.slides}
    mapped = yaml.safe_load((_folder / "theme.yaml").read_text(encoding="utf-8"))["pptx"]
    # the title master's layouts (the template's first slide uses its second master)
    assert mapped["layouts"]["title"] == "Title Slide (master 2)"
    assert {mapped["layouts"][k] for k in ("title", "content", "two_content")} <= kinds
    assert {"Title, Content", "Title, 2 Content"} <= kinds
    for slide in prs.slides:
        idx = [ph.placeholder_format.idx for ph in slide.placeholders]
        assert len(idx) == len(set(idx)), slide.shapes.title.text_frame.text
    pictures = [ph for s in prs.slides for ph in s.placeholders
                if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
    assert len(pictures) == 1


def test_an_existing_folder_or_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    source = python_pptx_default(tmp_path)
    make_theme(tmp_path, "plain", source)
    again = CliRunner().invoke(
        main, ["theme", "new", "plain", "--from", str(source), "--dir", str(tmp_path / "themes")]
    )
    assert again.exit_code == 2 and "already exists" in again.output
    missing = CliRunner().invoke(main, ["theme", "new", "x", "--from", str(tmp_path / "no.pptx"),
                                        "--dir", str(tmp_path / "themes")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    assert "Traceback" not in again.output + missing.output


def test_the_template_fonts_stay_measured_in_the_files_fontconfig_gives(tmp_path: Path) -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("no fontconfig: the template is set in Calibri (Carlito) instead")
    folder, output = make_theme(tmp_path, "plain", python_pptx_default(tmp_path))
    fonts = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8"))["fonts"]
    assert (fonts["heading"], fonts["body"]) == ("Calibri", "Calibri")  # the template's own
    assert "fonts kept: titles Calibri, text Calibri" in output
    for key in ("regular", "bold", "italic", "bold_italic"):
        assert (folder / fonts["files"][key]).is_file()  # copied into the theme
    from tall_teach.theme import load_theme
    from tall_teach.writers.pptx.settings import load_settings

    settings = load_settings(load_theme("./plain", folder.parent))
    assert all(path.is_relative_to(folder) for path in settings.fonts().values())


def test_a_font_whose_licence_bits_forbid_copies_is_not_copied(tmp_path: Path) -> None:
    import struct

    from tall_teach.writers.pptx.templatefonts import _restricted

    def font(fs_type: int) -> Path:
        path = tmp_path / f"font-{fs_type}.ttf"
        header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
        record = struct.pack(">4sIII", b"OS/2", 0, 28, 10)
        path.write_bytes(header + record + struct.pack(">HhHHH", 4, 500, 400, 5, fs_type))
        return path

    assert _restricted(font(0x0002)) and not _restricted(font(0)) and not _restricted(font(8))


def test_theme_new_names_a_layout_whose_body_the_template_graphics_cover(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    prs = Presentation()
    scratch = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx draws on slides only
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(1.6), Inches(10), Inches(4.5))
    prs.slide_master.shapes._spTree.append(band._element)
    source = tmp_path / "covered.pptx"
    prs.save(str(source))
    _, output = make_theme(tmp_path, "covered", source)
    assert ("template layout 'Title and Content' (content): its body area is covered by the "
            "template's own graphics") in output
