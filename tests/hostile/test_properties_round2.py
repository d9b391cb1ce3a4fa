"""Properties of the new hostile classes: theme values never change a stylesheet's shape,
and an SVG's encoding never hides a DOCTYPE, an entity or an external reference."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tall_teach.errors import ThemeError
from tall_teach.reader.diagnostics import Collector
from tall_teach.reader.svg import svg_size
from tall_teach.theme import load_theme, theme_search_path

DEFAULT = next(p / "default" for p in theme_search_path() if (p / "default").is_dir())
THEME_EXAMPLES = settings(max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1")


@pytest.fixture(scope="module")
def theme_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("theme") / "mine"
    shutil.copytree(DEFAULT, folder)
    return folder


def _with_setting(folder: Path, old: str, value: str) -> None:
    import json

    text = (DEFAULT / "theme.yaml").read_text(encoding="utf-8")
    assert old in text
    key = old.split(":")[0]
    (folder / "theme.yaml").write_text(text.replace(old, f"{key}: {json.dumps(value)}", 1),
                                       encoding="utf-8")


def _css_blocks(css: str) -> int:
    """Rule blocks as a CSS tokenizer sees them (tinycss2, WeasyPrint's own)."""
    import tinycss2

    return sum(1 for rule in tinycss2.parse_stylesheet(css, skip_comments=True)
               if rule.type in ("qualified-rule", "at-rule"))


@THEME_EXAMPLES
@given(st.text(min_size=1, max_size=40))
def test_a_font_name_is_refused_or_leaves_the_stylesheet_as_it_was(
    theme_copy: Path, name: str
) -> None:
    from tall_teach.writers.handout.assets import handout_theme

    _with_setting(theme_copy, "  body: Calibri", name)
    try:
        theme = load_theme(str(theme_copy), theme_copy.parent)
    except ThemeError as exc:
        assert "theme.yaml:" in str(exc)  # the file and line at fault
        return
    stack = handout_theme(theme).font_stack
    css = f"body {{ font-family: {stack}; }} p {{ color: red; }}"
    assert _css_blocks(css) == 2, (name, stack)


@THEME_EXAMPLES
@given(st.text(min_size=1, max_size=20))
def test_a_colour_is_six_hex_digits_or_refused(theme_copy: Path, value: str) -> None:
    import re

    _with_setting(theme_copy, 'primary: "1F3A5F"', value)
    try:
        theme = load_theme(str(theme_copy), theme_copy.parent)
    except ThemeError:
        return
    assert re.fullmatch(r"#?[0-9A-Fa-f]{6}", str(theme.get("colors.primary")))


SVG_HOSTILE = (
    ('<!DOCTYPE svg [<!ENTITY x "LEAKED">]>\n<svg xmlns="http://www.w3.org/2000/svg" '
     'width="4" height="4"><text>&x;</text></svg>', "declares entities or a DOCTYPE"),
    ('<!DOCTYPE svg SYSTEM "file:///etc/passwd">\n<svg xmlns="http://www.w3.org/2000/svg" '
     'width="4" height="4"/>', "declares entities or a DOCTYPE"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
     'width="4" height="4"><image xlink:href="file:///etc/passwd"/></svg>',
     "refers to an external resource"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><style>@import '
     'url(http://example.org/x.css);</style></svg>', "loads an external resource"),
)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(("svg", "problem"), SVG_HOSTILE)
def test_no_encoding_hides_a_hostile_svg(tmp_path: Path, encoding: str, svg: str,
                                         problem: str) -> None:
    declared = "utf-8" if encoding == "utf-8-sig" else encoding.split("-le")[0].split("-be")[0]
    text = f'<?xml version="1.0" encoding="{declared.upper()}"?>\n{svg}'
    path = tmp_path / "x.svg"
    path.write_bytes(text.encode(encoding))
    collector = Collector()
    assert svg_size(path, "x.svg", ("m.md", 3), collector) is None
    assert [problem in d.message for d in collector.errors] == [True], collector.errors


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_plain_svg_reads_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    declared = "utf-8" if encoding == "utf-8-sig" else encoding.split("-le")[0].split("-be")[0]
    text = (f'<?xml version="1.0" encoding="{declared.upper()}"?>\n<svg '
            'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><text>café</text></svg>')
    path = tmp_path / "x.svg"
    path.write_bytes(text.encode(encoding))
    collector = Collector()
    assert svg_size(path, "x.svg", ("m.md", 3), collector) == (40, 20), collector.errors
