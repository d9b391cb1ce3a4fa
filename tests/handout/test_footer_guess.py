"""The footers laid out before the page total is known guess the contents' length from
the last build's (a long course's contents take more than one page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tall_teach.htmlkit.pdf import Paged
from tall_teach.writers.handout import paged as paged_module
from tall_teach.writers.handout.chunks import CONTENTS, Chunk


class FakePrinter:
    pdf_variant = None

    def key(self, html: str, variant: str | None) -> str:
        return f"k{abs(hash(html))}"

    def print(self, html: str, variant: str | None) -> Paged:
        return Paged(b"%PDF", 1, {})


def test_the_footers_guess_follows_the_contents_length_of_the_last_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guesses: list[str] = []
    monkeypatch.setattr(paged_module, "print_chunks",
                        lambda printer, chunks, store: [Paged(b"", 3, {}), Paged(b"", 5, {})])
    monkeypatch.setattr(paged_module, "print_contents",
                        lambda *args: Paged(b"", 2, {}))
    monkeypatch.setattr(paged_module, "_footers_beside",
                        lambda printer, doc, store: guesses.append(doc))

    import tall_teach.writers.handout.assemble as assemble

    monkeypatch.setattr(assemble, "footer_html", lambda head, total: f"footers of {total}")
    monkeypatch.setattr(assemble, "join", lambda pdfs, footers: b"joined")
    chunks = [Chunk("cover", "", 1), Chunk(CONTENTS, "", 1), Chunk("m", "", 1)]
    printer: Any = FakePrinter()
    for _ in range(2):
        assert paged_module._render_chunks("<head></head>", chunks, printer, tmp_path) \
            == b"joined"
    assert guesses == ["footers of 9", "footers of 10"]  # 3 + 5 + 1, then + 2
