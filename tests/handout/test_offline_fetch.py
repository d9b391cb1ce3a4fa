"""htmlkit.pdf never reaches the network: data: URIs always, files only inside allowed folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.htmlkit.pdf import html_to_pdf, make_offline_fetcher


def test_data_uris_are_fetched() -> None:
    response = make_offline_fetcher()("data:text/plain;base64,aGk=")
    assert response.read() == b"hi"


@pytest.mark.parametrize("url", ["http://example.org/x.png", "https://example.org/f.ttf",
                                 "ftp://example.org/x", "file:///etc/passwd"])
def test_network_and_stray_files_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        make_offline_fetcher()(url)


def test_files_inside_an_allowed_folder_are_read_and_escapes_refused(tmp_path: Path) -> None:
    allowed = tmp_path / "fonts"
    allowed.mkdir()
    (allowed / "a.txt").write_text("font")
    (tmp_path / "secret.txt").write_text("no")
    fetch = make_offline_fetcher([allowed])
    assert fetch((allowed / "a.txt").as_uri()).read() == b"font"
    with pytest.raises(ValueError):
        fetch((allowed / ".." / "secret.txt").as_uri())


def test_a_page_with_external_references_still_renders_without_them() -> None:
    html = ('<html lang="en"><head><title>x</title>'
            '<link rel="stylesheet" href="https://example.org/s.css"></head>'
            '<body><p>text</p><img alt="remote" src="https://example.org/i.png"></body></html>')
    assert html_to_pdf(html).startswith(b"%PDF-")
