"""Chunk PDFs (each laid out by WeasyPrint on its own) joined into one handout PDF.

What a reader sees must be what one WeasyPrint document gave: the pages in order,
one outline, named destinations for every anchor, links between chunks (citation to
reference entry, contents to module) as links to those destinations, one structure
tree (PDF/UA tags) with its parent tree renumbered, the front matter's metadata, and
"page x of y" stamped on every page from a small footer document laid out once the
total is known (marked as a pagination artifact).

The joined PDF is written as it goes, one chunk at a time: pikepdf (qpdf) reads a
chunk, every object its pages, structure elements, destinations and outline reach is
written out under a new number (qpdf's own text of the object, its references
renumbered), then the chunk is closed. Memory follows the largest chunk, not the
handout: joining into one pikepdf document held every chunk's objects twice (its
source, kept open, and its copy) until the end, 290 MiB for the 356 pages of a
1,000-slide course. Objects other than streams are packed a hundred at a time into
compressed object streams, with a cross-reference stream at the end (PDF 1.5), as
qpdf wrote them. What only exists once the chunks are read (page tree, structure tree
root and parent tree, names, outline, catalog) is written last.

The structure tree, outline, names and footers are put together here: no library
merges those the way one document has them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from tall_teach.writers.handout.chunks import FOOTER_BOX, MARK


def footer_html(head_html: str, pages: int) -> str:
    """A document of `pages` empty pages: only the theme's page footer is drawn on them."""
    boxes = [
        f"{v}-{h}" for v in ("top", "bottom") for h in ("left-corner", "left", "center",
                                                        "right", "right-corner")
    ] + [f"{s}-{p}" for s in ("left", "right") for p in ("top", "middle", "bottom")]
    hidden = " ".join(f"@{box} {{ content: none; }}" for box in boxes if box != FOOTER_BOX)
    style = (
        f"<style>@page {{ background: none; {hidden} }} @page :first {{ {hidden} }}"
        " html, body { background: none !important; }"
        " .tt-page { break-before: page; height: 1px; }</style>"
    )
    body = '<div></div>' + '<div class="tt-page"></div>' * (pages - 1)
    return head_html.replace("</head>", style + "</head>", 1) + f"<body>{body}</body></html>"



# Tokens of qpdf's text of an object: literal strings (qpdf escapes every parenthesis
# inside) and hex strings are kept as they are, so that only a reference ("12 0 R")
# outside them is renumbered; a number ending a name ("/F12") or a real ("1.12") is none.
_TOKENS = re.compile(
    rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\w.#-])(\d+) (\d+) R",
    re.S,
)
PACK = 100  # objects per object stream
LEAF = 128  # names per leaf of the destinations' name tree


class _Writer:
    """A PDF written object by object: numbers reserved first, objects other than streams
    packed into compressed object streams, a cross-reference stream at the end."""

    def __init__(self, out: BinaryIO, version: str) -> None:
        self.out = out
        self.digest = hashlib.md5(usedforsecurity=False)
        self.at = 0
        # cross-reference entries by object number: kind (1 at an offset, 2 in an object
        # stream), offset or object stream, index in it
        self.kind = array("B", [0])
        self.where = array("Q", [0])
        self.index = array("H", [65535])
        self.packed: list[tuple[int, bytes]] = []
        self._write(b"%PDF-" + version.encode() + b"\n%\xb5\xed\xae\xfb\n")

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.at += len(data)

    def reserve(self) -> int:
        self.kind.append(0)
        self.where.append(0)
        self.index.append(0)
        return len(self.kind) - 1

    def put(self, num: int, body: bytes) -> None:
        """An object other than a stream: packed with the next ones."""
        self.packed.append((num, body))
        if len(self.packed) >= PACK:
            self.pack()

    def put_stream(self, num: int, entries: bytes, data: bytes) -> None:
        """A stream: `entries` its dictionary's entries but /Length."""
        self.kind[num], self.where[num] = 1, self.at
        self._write(b"%d 0 obj\n<< %s /Length %d >>\nstream\n" % (num, entries, len(data))
                    + data + b"\nendstream\nendobj\n")

    def pack(self) -> None:
        if not self.packed:
            return
        stream = self.reserve()
        offsets, bodies, at = [], [], 0
        for index, (num, body) in enumerate(self.packed):
            self.kind[num], self.where[num], self.index[num] = 2, stream, index
            offsets.append(b"%d %d" % (num, at))
            bodies.append(body)
            at += len(body) + 1
        header = b" ".join(offsets) + b"\n"
        data = zlib.compress(header + b"\n".join(bodies) + b"\n")
        self.put_stream(stream, b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode"
                        % (len(self.packed), len(header)), data)
        self.packed = []

    def close(self, root: int, info: int | None) -> None:
        self.pack()
        xref = self.reserve()
        self.kind[xref], self.where[xref] = 1, self.at
        rows = b"".join(
            bytes((kind,)) + where.to_bytes(4, "big") + index.to_bytes(2, "big")
            for kind, where, index in zip(self.kind, self.where, self.index, strict=True))
        ident = self.digest.hexdigest().encode()
        info_entry = b" /Info %d 0 R" % info if info is not None else b""
        data = zlib.compress(rows)
        self._write(
            b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root %d 0 R%s /ID [ <%s> <%s> ]"
            b" /Filter /FlateDecode /Length %d >>\nstream\n"
            % (xref, len(self.kind), root, info_entry, ident, ident, len(data))
            + data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % self.where[xref])


class _Source:
    """One chunk (or the footers) being copied: its objects' new numbers, those still to write."""

    def __init__(self, pdf: Any, writer: _Writer) -> None:
        self.pdf = pdf
        self.writer = writer
        self.numbers: dict[tuple[int, int], int] = {}
        self.todo: deque[tuple[int, int]] = deque()
        self.refs: dict[bytes, bytes] = {}  # a reference's text -> its renumbered text

    def fix(self, obj: Any, number: int) -> None:
        """References to `obj` lead to `number`, which is written elsewhere."""
        self.numbers[obj.objgen] = number
        self.refs.pop(b"%d %d R" % obj.objgen, None)

    def number(self, objgen: tuple[int, int]) -> int:
        """The new number of an object of this source, written later if new."""
        found = self.numbers.get(objgen)
        if found is None:
            found = self.numbers[objgen] = self.writer.reserve()
            self.todo.append(objgen)
        return found

    def text(self, obj: Any, resolved: bool = False) -> bytes:
        """`obj` as PDF text with its references renumbered (a reference itself if
        indirect, unless `resolved`)."""

        text = obj.unparse(resolved=resolved)
        if b" R" not in text:  # no reference (a third of them)
            return text
        return _TOKENS.sub(self._renumbered, text)

    def _renumbered(self, match: re.Match[bytes]) -> bytes:
        """A reference's renumbered text (a string token as it is)."""
        if match[1] is None:
            return match[0]
        found = self.refs.get(match[0])
        if found is None:
            found = self.refs[match[0]] = b"%d 0 R" % self.number((int(match[1]),
                                                                    int(match[2])))
        return found

    def entries(self, obj: Any, *leave: str) -> bytes:
        """The entries of dictionary `obj`, without `leave`, as text: those taken out for
        qpdf's text of it and put back (copying the rest into a new dictionary made a
        Python object of every value)."""
        removed = [(key, obj[key]) for key in leave if key in obj]
        for key, _ in removed:
            del obj[key]
        try:
            return self.text(obj, resolved=True)[2:-2].strip()
        finally:
            for key, value in removed:
                obj[key] = value

    def drain(self) -> None:
        """Every object reached so far (and what those reach) written out."""
        import pikepdf

        writer = self.writer
        while self.todo:
            objgen = self.todo.popleft()
            obj = self.pdf.get_object(objgen)
            num = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                writer.put_stream(num, self.entries(obj.stream_dict, "/Length"),
                                  obj.read_raw_bytes())
            else:
                writer.put(num, self.text(obj, resolved=True))


def _items(obj: Any) -> list[Any]:
    import pikepdf

    return list(obj) if isinstance(obj, pikepdf.Array) else [obj]


def _outline(item: Any, source: _Source) -> list[tuple[bytes, bytes | None, list[Any], bool]]:
    """(title, destination, children, closed) of every item below an outline node, as text."""
    found = []
    node = item.get("/First")
    while node is not None:
        dest = node.get("/Dest")
        found.append((source.text(node.Title), source.text(dest) if dest is not None else None,
                      _outline(node, source), int(node.get("/Count", 0)) < 0))
        node = node.get("/Next")
    return found


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


class _Page:
    """A page of the joined PDF, written once the footers are known."""

    def __init__(self, number: int, entries: bytes, resources: bytes, xobjects: bytes,
                 contents: list[bytes]) -> None:
        self.number, self.entries = number, entries
        self.resources, self.xobjects, self.contents = resources, xobjects, contents


class _Joiner:
    """Writes chunks into one new PDF as they come."""

    def __init__(self, out: BinaryIO, stamping: bool) -> None:
        self.out = out
        self.stamping = stamping
        self.writer: _Writer | None = None
        self.pages: list[_Page] = []
        self.struct_kids: list[bytes] = []
        self.parent_tree: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.dests: dict[bytes, bytes] = {}
        self.outline: list[tuple[bytes, bytes | None, list[Any], bool]] = []
        self.catalog: list[bytes] = []  # the first chunk's /Lang, /MarkInfo, ...
        self.info: int | None = None

    def _start(self, version: str) -> _Writer:
        writer = self.writer = _Writer(self.out, max(version, "1.5"))
        self.root, self.page_tree, self.struct_root, self.document = (
            writer.reserve() for _ in range(4))
        return writer

    def add(self, pdf: bytes) -> None:
        import pikepdf

        with pikepdf.open(io.BytesIO(pdf)) as chunk:
            first = self.writer is None
            writer = self.writer or self._start(chunk.pdf_version)
            source = _Source(chunk, writer)
            root, offset = chunk.Root, self.next_key
            source.fix(root, self.root)
            tree = root.get("/StructTreeRoot")
            tops = _items(tree.get("/K")) if tree is not None else []
            if tree is not None:
                source.fix(tree, self.struct_root)
                for top in tops:
                    if isinstance(top, pikepdf.Dictionary) and top.is_indirect:
                        source.fix(top, self.document)  # its kids go under one /Document
            for page in chunk.pages:
                source.fix(page.obj, writer.reserve())
                node = page.obj.get("/Parent")
                while node is not None:
                    source.fix(node, self.page_tree)
                    for key in _INHERITED:
                        if key in node and key not in page.obj:
                            page.obj[key] = node[key]
                    node = node.get("/Parent")
            if first:
                self._front(chunk, source)
            for page in chunk.pages:
                self._page(page.obj, source, offset)
            if tree is not None:
                self._structure(tree, tops, source, offset)
            names = root.get("/Names")
            if names is not None and "/Dests" in names:
                for name, dest in pikepdf.NameTree(names.Dests).items():
                    self.dests[bytes(pikepdf.String(name))] = source.text(dest)
            if "/Outlines" in root:
                self.outline += _outline(root.Outlines, source)
            source.drain()

    def _front(self, chunk: Any, source: _Source) -> None:
        """The first chunk's catalog entries and document information."""
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
            if key in chunk.Root:
                self.catalog.append(key.encode() + b" " + source.text(chunk.Root[key]))
        info = chunk.trailer.get("/Info")
        if info is not None:
            if info.is_indirect:
                self.info = source.number(info.objgen)
            else:
                self.info = self.writer.reserve()  # type: ignore[union-attr]
                self.writer.put(self.info, source.text(info))  # type: ignore[union-attr]

    def _page(self, page: Any, source: _Source, offset: int) -> None:
        if "/StructParents" in page:
            page.StructParents = int(page.StructParents) + offset
        for annot in page.get("/Annots", []):
            self._relink(annot, offset)
        number = source.numbers[page.objgen]
        if not self.stamping:
            self.pages.append(_Page(number, source.entries(page, "/Parent"), b"", b"", []))
            return
        resources = page.get("/Resources")
        xobjects = resources.get("/XObject") if resources is not None else None
        self.pages.append(_Page(
            number, source.entries(page, "/Parent", "/Resources", "/Contents"),
            source.entries(resources, "/XObject") if resources is not None else b"",
            source.entries(xobjects) if xobjects is not None else b"",
            [source.text(part) for part in _items(page.Contents)]
            if "/Contents" in page else []))

    def _structure(self, tree: Any, tops: list[Any], source: _Source, offset: int) -> None:
        import pikepdf

        for top in tops:
            for kid in _items(top.get("/K")):
                if isinstance(kid, pikepdf.Dictionary):
                    self.struct_kids.append(source.text(kid))  # its /P: the new /Document
        nums = tree.ParentTree
        if "/Kids" in nums:
            raise ValueError("nested structure parent tree")
        pairs = nums.Nums
        for i in range(0, len(pairs), 2):
            key = int(pairs[i]) + offset
            self.parent_tree.append((key, source.text(pairs[i + 1])))
            self.next_key = max(self.next_key, key + 1)
        self.next_key = max(self.next_key, offset + int(tree.get("/ParentTreeNextKey", 0)))

    def _relink(self, annot: Any, offset: int) -> None:
        """A `tt-anchor:` URI link becomes a link to the named destination it stands for."""
        import pikepdf

        if "/StructParent" in annot:
            annot.StructParent = int(annot.StructParent) + offset
        action = annot.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        if uri.startswith(MARK):
            name = pikepdf.String(uri[len(MARK):])
            del annot["/A"]
            annot.Dest = name
            if "/Contents" in annot:
                annot.Contents = name

    def stamp(self, footers: bytes) -> None:
        """Each footer page drawn over its page, as a form marked as a pagination artifact."""
        import pikepdf

        writer = self.writer
        assert writer is not None
        begin = writer.reserve()
        writer.put_stream(begin, b"", b"q\n")
        with pikepdf.open(io.BytesIO(footers)) as source_pdf:
            source = _Source(source_pdf, writer)
            footer_pages = source_pdf.pages
            if len(footer_pages) != len(self.pages):
                raise ValueError("one footer page per page expected")
            for index, (page, footer) in enumerate(zip(self.pages, footer_pages, strict=True)):
                form = footer.as_form_xobject()
                number = writer.reserve()
                writer.put_stream(number, source.entries(form.stream_dict, "/Length", "/Filter",
                                                         "/DecodeParms") + b" /Filter /FlateDecode",
                                  zlib.compress(form.read_bytes()))
                name = b"/TTFooter%d" % index
                end = writer.reserve()
                writer.put_stream(
                    end, b"", b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                    b"q " + name + b" Do Q\nEMC\n")
                page.xobjects += b" %s %d 0 R" % (name, number)
                page.contents = [b"%d 0 R" % begin, *page.contents, b"%d 0 R" % end]
                page.entries += b" /Resources << %s /XObject << %s >> >> /Contents [ %s ]" % (
                    page.resources, page.xobjects.strip(), b" ".join(page.contents))
            source.drain()

    def finish(self) -> None:
        writer = self.writer
        assert writer is not None
        for page in self.pages:
            writer.put(page.number, b"<< %s /Parent %d 0 R >>" % (page.entries, self.page_tree))
        writer.put(self.page_tree, b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (
            b" ".join(b"%d 0 R" % p.number for p in self.pages), len(self.pages)))
        catalog = [b"/Type /Catalog", b"/Pages %d 0 R" % self.page_tree, *self.catalog]
        if self.struct_kids:
            self._struct_tree()
            catalog.append(b"/StructTreeRoot %d 0 R" % self.struct_root)
        if self.dests:
            catalog.append(b"/Names << /Dests %d 0 R >>" % self._names())
        if self.outline:
            outlines = writer.reserve()
            count, first, last = self._items(self.outline, outlines)
            writer.put(outlines, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                       % (first, last, count))
            catalog.append(b"/Outlines %d 0 R" % outlines)
        writer.put(self.root, b"<< " + b" ".join(catalog) + b" >>")
        writer.close(self.root, self.info)

    def _struct_tree(self) -> None:
        writer = self.writer
        assert writer is not None
        writer.put(self.document, b"<< /Type /StructElem /S /Document /P %d 0 R /K [ %s ] >>"
                   % (self.struct_root, b" ".join(self.struct_kids)))
        parents = writer.reserve()
        writer.put(parents, b"<< /Nums [ %s ] >>" % b" ".join(
            b"%d %s" % pair for pair in sorted(self.parent_tree, key=lambda pair: pair[0])))
        writer.put(self.struct_root, b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R"
                   b" /ParentTreeNextKey %d >>" % (self.document, parents, self.next_key))

    def _names(self) -> int:
        """The destinations' name tree: leaves of at most LEAF names under one root."""
        import pikepdf

        writer = self.writer
        assert writer is not None
        names = sorted(self.dests.items())

        def pairs(part: Sequence[tuple[bytes, bytes]]) -> bytes:
            return b" ".join(pikepdf.String(k).unparse() + b" " + v for k, v in part)

        root = writer.reserve()
        if len(names) <= LEAF:
            writer.put(root, b"<< /Names [ %s ] >>" % pairs(names))
            return root
        kids = []
        for start in range(0, len(names), LEAF):
            part = names[start:start + LEAF]
            kids.append(writer.reserve())
            writer.put(kids[-1], b"<< /Names [ %s ] /Limits [ %s %s ] >>" % (
                pairs(part), pikepdf.String(part[0][0]).unparse(),
                pikepdf.String(part[-1][0]).unparse()))
        writer.put(root, b"<< /Kids [ %s ] >>" % b" ".join(b"%d 0 R" % k for k in kids))
        return root

    def _items(self, items: Sequence[Any], parent: int) -> tuple[int, int, int]:
        """Outline items as WeasyPrint writes them (an open item counts its open
        descendants): (count, first, last)."""
        writer = self.writer
        assert writer is not None
        numbers = [writer.reserve() for _ in items]
        count = len(items)
        for at, (title, dest, children, closed) in enumerate(items):
            entries = [b"/Title " + title, b"/Parent %d 0 R" % parent]
            if dest is not None:
                entries.append(b"/Dest " + dest)
            below = 0
            if children:
                below, first, last = self._items(children, numbers[at])
                entries.append(b"/First %d 0 R /Last %d 0 R" % (first, last))
            entries.append(b"/Count %d" % (-below if closed else below))
            if not closed:
                count += below
            if at > 0:
                entries.append(b"/Prev %d 0 R" % numbers[at - 1])
            if at + 1 < len(items):
                entries.append(b"/Next %d 0 R" % numbers[at + 1])
            writer.put(numbers[at], b"<< " + b" ".join(entries) + b" >>")
        return count, numbers[0], numbers[-1]


def preload() -> None:
    """What `join` imports, imported now."""
    import pikepdf  # noqa: F401


def join(parts: Sequence[bytes], footers: bytes | Callable[[], bytes] | None) -> bytes:
    """One PDF from the chunk PDFs in order, footers stamped from `footers` (one page each).

    `footers` may be a function: it is called once the pages are copied in, so footers laid
    out in another process meanwhile are waited for as late as possible."""
    out = io.BytesIO()
    joiner = _Joiner(out, footers is not None)
    for pdf in parts:
        joiner.add(pdf)
    stamps = footers() if callable(footers) else footers
    if stamps is not None:
        joiner.stamp(stamps)
    joiner.finish()
    return out.getvalue()
