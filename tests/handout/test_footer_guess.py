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
                        lambda printer, chunks, store, *_: [Paged(b"", 3, {}), Paged(b"", 5, {})])
    monkeypatch.setattr(paged_module, "print_contents",
                        lambda *args: (Paged(b"", 2, {}), "contents"))
    monkeypatch.setattr(paged_module, "_kept_read", lambda store, key, paged, first: paged.pdf)
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


def test_a_probed_contents_length_is_the_footers_guess_from_the_first_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Contents long enough to be probed: the probe's length, known before the contents
    are laid out, is the guess (the 1,000-slide course's three pages: a first guess of one
    page had the footers laid out twice, the second time after the join had waited)."""
    from tall_teach.writers.handout.chunks import MARK

    guesses: list[str] = []
    links = "".join(f'<a href="{MARK}m{i}">{i}</a>' for i in range(paged_module.PROBE_ENTRIES + 1))
    monkeypatch.setattr(paged_module, "print_chunks", lambda printer, chunks, store, *_: [
        Paged(b"", 3, {}), Paged(b"", 5, {}), Paged(b"", 2, {})])  # the probe comes last
    monkeypatch.setattr(paged_module, "print_contents",
                        lambda *args: (Paged(b"", 2, {}), "contents"))
    monkeypatch.setattr(paged_module, "_kept_read", lambda store, key, paged, first: paged.pdf)
    monkeypatch.setattr(paged_module, "_footers_beside",
                        lambda printer, doc, store: guesses.append(doc))

    import tall_teach.writers.handout.assemble as assemble

    monkeypatch.setattr(assemble, "footer_html", lambda head, total: f"footers of {total}")
    monkeypatch.setattr(assemble, "join", lambda pdfs, footers: b"joined")
    chunks = [Chunk("cover", "", 1), Chunk(CONTENTS, links, 1), Chunk("m", "", 1)]
    printer: Any = FakePrinter()
    assert paged_module._render_chunks("<head></head>", chunks, printer, tmp_path) == b"joined"
    assert guesses == ["footers of 10"]  # 3 + 5 + the probe's 2, right the first time
