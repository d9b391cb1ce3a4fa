"""handout.pdf laid out in chunks, over two processes, each chunk cached by its inputs.

Order of work: every chunk but the contents (the cover, one per module or part of a
module, the back matter) is laid out first by this process and a forked one, each
taking the next chunk from one queue; then the
contents, which need their page numbers, while a forked process lays out the footers
(they need the total: the contents' usual length is assumed, and checked); then
`assemble.join`, which has each chunk laid out here read for it already, by the process
that laid it out (`assemble.prepare`). A chunk whose HTML, CSS and settings are unchanged is
read from the store instead of laid out, so a one-module edit lays out one module
(and the contents when a page number in them moved).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tall_teach.cache import stale_temporary
from tall_teach.htmlkit.pdf import Paged
from tall_teach.writers.handout.chunks import (
    CONTENTS,
    MARK,
    Chunk,
    number_contents,
    split_html,
)

FRONT_GUESS = 1  # the contents' usual length in pages, checked after layout
CONTENTS_PAGES = "contents-pages"  # the store's note of the contents' last length
READ = ".read"  # suffix of a chunk's reading for the join in the store


@dataclass(frozen=True)
class Printer:
    """How every chunk is printed: the same fonts, variant and allowed folders."""

    stylesheets: tuple[str, ...]
    allowed_roots: tuple[Path, ...]
    pdf_variant: str | None

    def key(self, html: str, variant: str | None) -> str:
        from tall_teach import __version__
        from tall_teach.cache import hash_text

        return hash_text(__version__, _weasyprint_version(), str(variant), *self.stylesheets,
                         *map(str, self.allowed_roots), html)

    def print(self, html: str, variant: str | None) -> Paged:
        from tall_teach.htmlkit.pdf import render_paged

        return render_paged(html, None, variant, stylesheets=self.stylesheets,
                            allowed_roots=self.allowed_roots)


def _weasyprint_version() -> str:
    """From the module itself: importlib.metadata would scan every folder on sys.path
    (the current one included), which the hostile corpus counts as reading outside.
    Imported the way the rest of the build does (without ctypes' library lookups: 0.3 s
    when nothing imported WeasyPrint before, as in a build with one lane)."""
    from tall_teach.htmlkit.pdf import load_weasyprint

    return str(load_weasyprint().__version__)


class Store:
    """Chunk PDFs on disk by key, each with its reading for the join (`assemble.dumps`) once
    it was read; `keep` then drops what this build did not use."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> Paged | None:
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            return Paged(pdf, int(meta["pages"]), {str(k): int(v) for k, v in
                                                   meta["anchors"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def get_read(self, key: str, pdf: bytes) -> Any:
        """The kept reading of chunk `pdf` for the join (`assemble.Prepared`), or None."""
        if self.folder is None:
            return None
        from tall_teach.writers.handout.assemble import loads

        try:
            data = (self.folder / f"{key}{READ}").read_bytes()
        except OSError:
            return None
        return loads(data, pdf)

    def put_read(self, key: str, part: Any) -> None:
        """Keep `part`, chunk `key` read for the join, so that a later build skips reading it."""
        if self.folder is None:
            return
        from tall_teach.cache import write_entry
        from tall_teach.writers.handout.assemble import dumps

        self.folder.mkdir(parents=True, exist_ok=True)
        write_entry(self.folder / f"{key}{READ}", dumps(part))

    def has(self, key: str) -> bool:
        """Whether `key` is kept (without counting it as used by this build)."""
        return self.folder is not None and (self.folder / f"{key}.pdf").is_file()

    def put(self, key: str, paged: Paged) -> None:
        self.used.add(key)
        if self.folder is None:
            return
        from tall_teach.cache import write_entry

        self.folder.mkdir(parents=True, exist_ok=True)
        write_entry(self.folder / f"{key}.pdf", paged.pdf)
        meta = {"pages": paged.pages, "anchors": paged.anchors}
        write_entry(self.folder / f"{key}.json", json.dumps(meta, sort_keys=True).encode())

    def contents_pages(self) -> int:
        """The contents' length at the last build that laid them out (FRONT_GUESS if not
        known): this build's likely length, for laying out the footers before it is known.
        Only a guess: the contents are always numbered from FRONT_GUESS on."""
        if self.folder is None:
            return FRONT_GUESS
        try:
            return max(1, int((self.folder / CONTENTS_PAGES).read_text(encoding="ascii")))
        except (OSError, ValueError):
            return FRONT_GUESS

    def remember_contents_pages(self, pages: int) -> None:
        if self.folder is None or self.contents_pages() == pages:
            return
        from tall_teach.cache import write_entry

        self.folder.mkdir(parents=True, exist_ok=True)
        write_entry(self.folder / CONTENTS_PAGES, str(pages).encode("ascii"))

    def keep(self) -> None:
        """Remove entries no longer used, so the store follows the course, not its history."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if ((path.suffix in (".pdf", ".json", READ) and path.stem not in self.used)
                    or stale_temporary(path)):
                path.unlink(missing_ok=True)


FOOTERS_BESIDE = 100  # pages from which the footers are laid out beside the join
QUEUE_LIMIT = 4096  # chunk numbers a pipe holds at once (4 bytes each, 64 KiB pipes)


def _queue(order: Sequence[int]) -> int:
    """The read end of a pipe holding `order`: whoever reads the next 4 bytes takes that
    chunk. Filled and closed for writing before the fork, so both lanes share one queue."""
    read, write = os.pipe()
    try:
        os.write(write, b"".join(i.to_bytes(4, "little") for i in order))
    finally:
        os.close(write)
    return read


def _take(queue: int) -> int | None:
    data = os.read(queue, 4)  # a pipe read this small is atomic: never half a number
    return int.from_bytes(data, "little") if data else None


def _print_taken(printer: Printer, chunks: Sequence[Chunk], queue: int,
                 joined: Sequence[bool | None], store: Store, keys: Sequence[str]
                 ) -> list[tuple[int, Paged, Any]]:
    """Chunks taken from `queue` until it is empty, laid out here and kept in `store` under
    `keys` (with their reading for the join, if any): (index, laid out, read for the join
    or None)."""
    from tall_teach.lanes import meanwhile

    done = []
    while (index := _take(queue)) is not None:
        done.append((index, *_lay_out(printer, chunks[index], joined[index], store,
                                      keys[index])))
        meanwhile()  # in the build's early lane: the quiz PDF, once sent, between two chunks
    return done


def _lay_out(printer: Printer, chunk: Chunk, first: bool | None, store: Store, key: str
             ) -> tuple[Paged, Any]:
    """`chunk` laid out, read for the join unless `first` is None, both kept in `store` by
    the process that made them (in a lane, beside the other chunks)."""
    paged = printer.print(chunk.html, printer.pdf_variant)
    read = _read_for_join(paged, first)
    store.put(key, paged)
    if read is not None:
        store.put_read(key, read)
    return paged, read


def _read_for_join(paged: Paged, first: bool | None) -> Any:
    """`paged` read for the join (`assemble.prepare`) by the process that laid it out, beside
    the other chunks, instead of by the join, which waits for all of them; None for a chunk
    not joined (`first` None)."""
    if first is None:
        return None
    from tall_teach.writers.handout.assemble import prepare

    return prepare(paged.pdf, first, True)


def _in_worker(print_: Callable[..., Any], *args: Any) -> Any:
    """`print_(*args)` in a forked worker (which kept the fonts it inherited, see
    `keep_inherited_fonts`), its own fonts shared and dropped before it exits: a forked
    worker exits without cleaning up, and their folder would stay."""
    from tall_teach.htmlkit.pdf import drop_shared_fonts, sharing_fonts

    with sharing_fonts():
        try:
            return print_(*args)
        finally:
            drop_shared_fonts()


def _ready_to_join() -> None:
    """What reading and joining the chunks needs (pikepdf: 50 ms) imported: before the
    worker is forked when the chunks are read for the join as they are laid out, else
    while the worker may still be laying out its last chunk, which the join waits for."""
    from tall_teach.writers.handout.assemble import preload

    preload()


def _can_fork() -> bool:
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return not multiprocessing.current_process().daemon  # a daemon may not start children


def _jobs() -> int:
    configured = os.environ.get("TALL_TEACH_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(2, os.cpu_count() or 1)


def print_chunks(printer: Printer, chunks: Sequence[Chunk], store: Store,
                 joined: Sequence[bool | None] | None = None,
                 read: dict[int, Any] | None = None) -> list[Paged]:
    """Every chunk laid out (or read from the store), in order; the missing ones over two
    lanes. Each one laid out that `joined` says is joined (True: first) is also read for the
    join, into `read` by its index."""
    keys = [printer.key(c.html, printer.pdf_variant) for c in chunks]
    found: list[Paged | None] = [store.get(k) for k in keys]
    todo = [i for i, paged in enumerate(found) if paged is None]
    roles = [None if joined is None or read is None else joined[i] for i in todo]
    if 1 < len(todo) <= QUEUE_LIMIT and _jobs() > 1 and _can_fork():
        from tall_teach.lanes import ForkedLane

        if any(role is not None for role in roles):
            _ready_to_join()  # imported once, before the fork
        # Largest first, taken by whichever lane is free: the lanes balance themselves
        # whatever else runs beside them (the deck in the pipeline's worker, the joining).
        pending, pending_keys = [chunks[i] for i in todo], [keys[i] for i in todo]
        queue = _queue(sorted(range(len(todo)), key=lambda k: -pending[k].cost))
        lane = (printer, pending, queue, roles, store, pending_keys)
        try:
            with ForkedLane([(_in_worker, (_print_taken, *lane))]) as worker:
                taken = _print_taken(*lane)
                _ready_to_join()
                taken += worker.results()[0]
        finally:
            os.close(queue)
    else:
        from tall_teach.lanes import meanwhile

        taken = []
        for k, i in enumerate(todo):
            taken.append((k, *_lay_out(printer, chunks[i], roles[k], store, keys[i])))
            meanwhile()
    store.used.update(keys)  # kept by the lanes (a forked one's own `used` is lost)
    for k, paged, prepared in taken:
        found[todo[k]] = paged
        if prepared is not None and read is not None:
            read[todo[k]] = prepared
    if joined is not None and read is not None:
        for i, paged in enumerate(found):
            if i not in read and joined[i] is not None and paged is not None:
                read[i] = _kept_read(store, keys[i], paged, joined[i])
    return [p for p in found if p is not None]


def _kept_read(store: Store, key: str, paged: Paged, first: bool) -> Any:
    """Chunk `paged` (kept under `key`) read for the join: as the store kept it, or read now
    and kept (a chunk kept before its reading was)."""
    kept = store.get_read(key, paged.pdf)
    if kept is not None and (kept.first, kept.stamping) == (first, True):
        return kept
    read = _read_for_join(paged, first)
    store.put_read(key, read)
    return read


def _cached(store: Store, printer: Printer, html: str, variant: str | None
            ) -> tuple[Paged, str]:
    """(laid out, its key in `store`), from the store if it kept it."""
    key = printer.key(html, variant)
    paged = store.get(key)
    if paged is None:
        paged = printer.print(html, variant)
        store.put(key, paged)
    return paged, key


PROBE_ENTRIES = 30  # contents with more links than this: their length is probed beforehand


def contents_probe(contents: Chunk) -> Chunk | None:
    """Contents of more than PROBE_ENTRIES links (likely longer than FRONT_GUESS pages)
    numbered with a placeholder, to be laid out among the other chunks: its length is
    where numbering the contents starts, so that the contents, which wait for every other
    chunk, are laid out once instead of twice (a 1,000-slide course's three pages of
    contents: 0.4 s). Every build makes the same probe, so the contents do not depend on
    what the store kept."""
    names = re.findall(r'href="' + re.escape(MARK) + r'([^"]*)"', contents.html)
    if len(names) <= PROBE_ENTRIES:
        return None
    html = number_contents(contents.html, dict.fromkeys(names, 999))
    return Chunk(contents.name + "-probe", html, contents.cost)


def print_contents(
    printer: Printer, contents: Chunk, before: Sequence[Paged], after: Sequence[Paged],
    store: Store, length: int = FRONT_GUESS,
) -> tuple[Paged, str]:
    """The contents with their page numbers, numbered first for `length` pages; laid out
    again if their own length moved. With their key in `store`."""
    start = sum(p.pages for p in before)
    for _ in range(4):
        pages: dict[str, int] = {}
        at = start + length
        for paged in after:
            for name, index in paged.anchors.items():
                pages.setdefault(name, at + index + 1)
            at += paged.pages
        paged, key = _cached(store, printer, number_contents(contents.html, pages),
                             printer.pdf_variant)
        if paged.pages == length:
            return paged, key
        length = paged.pages
    raise RuntimeError("the contents' length does not settle")


def render_chunked(
    html: str,
    printer: Printer,
    strings: dict[str, str],
    cache_dir: Path | None,
    whole: Callable[[], bytes],
) -> bytes:
    """handout.pdf from `html` in chunks; `whole()` (one document) if the page has no modules."""
    from tall_teach.htmlkit.pdf import sharing_fonts

    chunks = split_html(html, strings)
    if chunks is None:
        return whole()
    with sharing_fonts():
        return _render_chunks(html, chunks, printer, cache_dir)


def _render_chunks(
    html: str, chunks: list[Chunk], printer: Printer, cache_dir: Path | None
) -> bytes:
    from tall_teach.writers.handout.assemble import footer_html, join

    store = Store(cache_dir)
    at = next((i for i, c in enumerate(chunks) if c.name == CONTENTS), None)
    probe = contents_probe(chunks[at]) if at is not None else None
    listed = [c for i, c in enumerate(chunks) if i != at]
    # each one joined but the probe, the first of them first unless the contents are
    joined: list[bool | None] = [k == 0 and at != 0 for k in range(len(listed))]
    read: dict[int, Any] = {}
    others = print_chunks(printer, listed + ([probe] if probe is not None else []), store,
                          [*joined, None], read)
    length = others.pop().pages if probe is not None else FRONT_GUESS
    parts: list[Any] = [read.get(k, paged.pdf) for k, paged in enumerate(others)]
    head = html[: html.index("</head>") + len("</head>")] if "</head>" in html else "<head></head>"
    # The footers need the page total, known once the contents are laid out: they are
    # laid out meanwhile in a forked process for the contents' length the probe gave, or
    # else at the last build (FRONT_GUESS at the first), and again (beside the join) if
    # it moved.
    expected = length if probe is not None else store.contents_pages()
    guess = sum(p.pages for p in others) + (expected if at is not None else 0)
    beside = _footers_beside(printer, footer_html(head, guess), store)
    try:
        if at is not None:
            contents, key = print_contents(printer, chunks[at], others[:at], others[at:],
                                           store, length)
            others.insert(at, contents)
            parts.insert(at, _kept_read(store, key, contents, at == 0))
            store.remember_contents_pages(contents.pages)
        total = sum(p.pages for p in others)
        if beside is not None and total != guess:
            beside.close()
            beside = None
        footer_doc = footer_html(head, total)
        key = printer.key(footer_doc, None)
        footers = store.get(key)
        store.keep()
        if footers is None and beside is None and (
                total >= FOOTERS_BESIDE and _jobs() > 1 and _can_fork()):
            # A long handout's footers (2 s for 600 pages), laid out while this process
            # copies the chunks' pages into the joined PDF.
            beside = _footers_beside(printer, footer_doc, store)
        if beside is None:
            if footers is None:
                footers = printer.print(footer_doc, None)
                store.put(key, footers)
            return join(parts, footers.pdf)
        lane = beside

        def laid_out() -> bytes:
            paged: Paged = lane.results()[0]
            store.put(key, paged)
            return paged.pdf

        return join(parts, laid_out)
    finally:
        if beside is not None:
            beside.close()


def _footers_beside(printer: Printer, footer_doc: str, store: Store) -> Any:
    """A forked process laying out `footer_doc`, unless kept from an earlier build or
    there is one lane."""
    if _jobs() < 2 or not _can_fork() or store.has(printer.key(footer_doc, None)):
        return None
    from tall_teach.lanes import ForkedLane

    # without the PDF variant, as the footers are laid out here
    return ForkedLane([(_in_worker, (printer.print, footer_doc, None))])


__all__: list[Any] = ["Printer", "render_chunked"]
