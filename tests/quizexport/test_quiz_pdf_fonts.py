"""The quiz PDFs read the theme's fonts from its font folder instead of inlining them.

Inlined base64 fonts made WeasyPrint tokenize megabytes of CSS for each PDF; the
fonts now come through file: URLs that the offline fetcher allows only inside the
theme's font folder, and the PDFs still embed them (and nothing of the path).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers import quiz_pdf


def test_font_rules_point_at_the_theme_font_files(theme: Theme) -> None:
    rules, folders = quiz_pdf.font_css(theme)
    assert "data:" not in rules
    assert rules.count("@font-face") == 3
    assert folders == [theme.file("fonts/Carlito-Regular.ttf").parent]
    for uri in (part.split("'")[1] for part in rules.split("url(")[1:]):
        assert uri.startswith("file://")
        assert Path(uri.removeprefix("file://")).parent in folders


def test_a_theme_without_font_files_gives_no_rules(theme: Theme) -> None:
    class NoFonts:
        def get(self, key: str, default: object = None) -> object:
            return default if key.startswith("fonts.files") else theme.get(key, default)

    assert quiz_pdf.font_css(NoFonts()) == ("\n", [])  # type: ignore[arg-type]


def test_the_pdfs_embed_the_fonts_but_not_their_location(course: Course, theme: Theme) -> None:
    for name, data in quiz_pdf.render(course, theme).items():
        fonts = [
            font.get_object()
            for page in pypdf.PdfReader(io.BytesIO(data)).pages
            for font in page["/Resources"]["/Font"].values()
        ]
        for font in fonts:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), (name, font["/BaseFont"])
        assert b"file:" not in data and str(theme.root).encode() not in data, name
