"""Theme templates may travel inside an untrusted course: they render in a sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.errors import ThemeError
from tall_teach.htmlkit.templates import render_template


@pytest.mark.parametrize(
    "template",
    [
        "{{ cycler.__init__.__globals__.os.system('true') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ joiner.__init__.__globals__ }}",
        "{% set x = items.append(1) %}{{ items }}",
    ],
)
def test_a_template_cannot_reach_python(tmp_path: Path, template: str) -> None:
    (tmp_path / "t.html.j2").write_text("<p>\n" + template, encoding="utf-8")
    with pytest.raises(ThemeError, match="may not do") as caught:
        render_template([tmp_path], "t.html.j2", items=[])
    assert f"{tmp_path / 't.html.j2'}:2 " in str(caught.value)  # the file and line at fault


def test_a_sandboxed_template_still_renders_and_escapes(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text(
        "{% for x in items %}<i>{{ x.upper() }}</i>{% endfor %}{{ n|round(1) }}",
        encoding="utf-8",
    )
    assert render_template([tmp_path], "t.html.j2", items=["<a>"], n=2.26) == (
        "<i>&lt;A&gt;</i>2.3"
    )
