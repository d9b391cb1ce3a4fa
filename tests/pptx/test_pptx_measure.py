"""Widths summed from characters' advances are the very widths Pillow gives whole texts."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from tall_teach.theme import Theme
from tall_teach.writers.pptx.measure import REFERENCE_SIZE, Measurer, _kerned
from tall_teach.writers.pptx.settings import load_settings

TEXTS = (
    "T-ALL", "Wolf", "AVATAR", "to", "NOTCH1/FBXW7", "≥ 18 years", "café",
    "nelarabine-based", "CD7-CAR-T", "“quoted”", "x\u00a0y", "ﬁne", "日本", "",
)


def test_character_advances_add_up_to_whole_text_widths(theme: Theme) -> None:
    from PIL import ImageFont

    settings = load_settings(theme)
    fonts = settings.fonts()
    measurer = Measurer(fonts)
    for style, path in fonts.items():
        assert not _kerned(path)  # the default theme's fonts take the quick way
        font = ImageFont.truetype(str(path), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)
        for text in TEXTS:
            assert measurer.width(text, REFERENCE_SIZE, style) == font.getlength(text), text


def test_a_font_that_kerns_pairs_is_measured_whole() -> None:
    from PIL import ImageFont

    kerned = [p for p in sorted(glob.glob("/usr/share/fonts/**/*.ttf", recursive=True))
              if _kerned(Path(p))]
    if not kerned:
        pytest.skip("no system font with a 'kern' table")
    path = Path(kerned[0])
    font = ImageFont.truetype(str(path), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)
    measurer = Measurer({"regular": path})
    for text in ("AV", "To", "Wolf"):
        assert measurer.width(text, REFERENCE_SIZE) == font.getlength(text)


def test_an_unreadable_or_unknown_font_file_counts_as_kerned(tmp_path: Path) -> None:
    odd = tmp_path / "odd.ttc"
    odd.write_bytes(b"ttcf" + bytes(20))
    assert _kerned(odd)
    assert _kerned(tmp_path / "missing.ttf")
