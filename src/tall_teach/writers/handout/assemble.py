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

Reading a chunk (`prepare`: qpdf's text of every object, split at its references) is
done apart from writing it (`_Joiner.add`: numbers given, objects written), so that the
processes laying out the chunks read each one as soon as it is laid out, beside the
other chunks, and the join itself, which waits for every chunk, only numbers and writes
(a 1,000-slide course: 1.2-1.35 s of CPU after the last chunk, now 0.3-0.4 s).

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
# The same with the stand-in `prepare` puts for a number the join adds the chunk's
# structure offset to (a page's /StructParents, an annotation's /StructParent).
_OFFSET_NAME = "/TTOffset"
_TAPE_TOKENS = re.compile(_TOKENS.pattern + rb"|" + _OFFSET_NAME.encode() + rb"(\d+)", re.S)
# Without a string token in the text (most of it), each of these is a reference.
_REFERENCE = re.compile(rb"(?<![\w.#-])\d+ \d+ R")
_STRING = re.compile(rb"\(|<[0-9A-Fa-f\s]*>")
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


Text = tuple[bytes, tuple[int, ...]]  # PDF text with `%d` for each number in the tuple


def fill(text: Text, numbers: Sequence[int]) -> bytes:
    """`text` with its numbers: each the `numbers` entry its place names."""
    template, places = text
    if not places:
        return template  # no number in it, and no `%` doubled
    return template % tuple([numbers[place] for place in places])


class _Source:
    """One document's objects as PDF text, their references to objects of the joined PDF
    standing as places (`Text`): the numbers themselves as the writer gives them (`_Live`),
    or numbers local to the chunk that the join gives out later (`_Tape`)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.numbers: dict[tuple[int, int], int] = {}
        self.todo: deque[tuple[int, int]] = deque()
        self.refs: dict[bytes, int] = {}  # a reference's text -> its place
        self.places: list[int] = []  # of the text being read

    def reserve(self) -> int:
        raise NotImplementedError

    def put(self, num: int, text: Text) -> None:
        raise NotImplementedError

    def put_stream(self, num: int, entries: Text, data: bytes) -> None:
        raise NotImplementedError

    def offset(self, match: re.Match[bytes]) -> bytes:
        """A number the join offsets (`_TAPE_TOKENS`): as it is, unless on a tape."""
        return match[0]

    def fix(self, obj: Any, number: int) -> None:
        """References to `obj` lead to `number`, which is written elsewhere."""
        self.numbers[obj.objgen] = number
        self.refs.pop(b"%d %d R" % obj.objgen, None)

    def number(self, objgen: tuple[int, int]) -> int:
        """The number of an object of this source, written later if new."""
        found = self.numbers.get(objgen)
        if found is None:
            found = self.numbers[objgen] = self.reserve()
            self.todo.append(objgen)
        return found

    def text(self, obj: Any, resolved: bool = False) -> Text:
        """`obj` as PDF text with a place for each reference (a reference itself if
        indirect, unless `resolved`)."""
        text = obj.unparse(resolved=resolved)
        offsets = _OFFSET_NAME.encode() in text
        if b" R" not in text and not offsets:  # a third of them
            return text, ()
        if not offsets and not _STRING.search(text):  # found at once, not one by one
            found = _REFERENCE.findall(text)
            if not found:
                return text, ()
            refs = self.refs
            for ref in found:
                if ref not in refs:
                    num, gen, _ = ref.split()
                    refs[ref] = self.number((int(num), int(gen)))
            return (_REFERENCE.sub(b"%d 0 R", text.replace(b"%", b"%%")),
                    tuple([refs[ref] for ref in found]))
        places = self.places = []
        template = _TAPE_TOKENS.sub(self._placed, text.replace(b"%", b"%%"))
        return (template, tuple(places)) if places else (text, ())

    def _placed(self, match: re.Match[bytes]) -> bytes:
        """A reference's place (a string token as it is)."""
        if match[1] is None:
            return match[0] if match[3] is None else self.offset(match)
        found = self.refs.get(match[0])
        if found is None:
            found = self.refs[match[0]] = self.number((int(match[1]), int(match[2])))
        self.places.append(found)
        return b"%d 0 R"

    def entries(self, obj: Any, *leave: str) -> Text:
        """The entries of dictionary `obj`, without `leave`, as text: those taken out for
        qpdf's text of it and put back (copying the rest into a new dictionary made a
        Python object of every value)."""
        removed = [(key, obj[key]) for key in leave if key in obj]
        for key, _ in removed:
            del obj[key]
        try:
            template, places = self.text(obj, resolved=True)
            return template[2:-2].strip(), places
        finally:
            for key, value in removed:
                obj[key] = value

    def drain(self) -> None:
        """Every object reached so far (and what those reach) written out."""
        import pikepdf

        while self.todo:
            objgen = self.todo.popleft()
            obj = self.pdf.get_object(objgen)
            num = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                self.put_stream(num, self.entries(obj.stream_dict, "/Length"),
                                obj.read_raw_bytes())
            else:
                self.put(num, self.text(obj, resolved=True))


class _Live(_Source):
    """The footers: written as they are read, numbered by the writer."""

    def __init__(self, pdf: Any, writer: _Writer) -> None:
        super().__init__(pdf)
        self.writer = writer

    def reserve(self) -> int:
        return self.writer.reserve()

    def put(self, num: int, text: Text) -> None:
        self.writer.put(num, fill(text, _SAME))

    def put_stream(self, num: int, entries: Text, data: bytes) -> None:
        self.writer.put_stream(num, fill(entries, _SAME), data)


class _Same:
    """numbers[n] == n: a `_Live` text's places are the numbers themselves."""

    def __getitem__(self, number: int) -> int:
        return number


_SAME: Any = _Same()

# A chunk's local numbers for the objects the join writes itself
ROOT, PAGE_TREE, STRUCT_ROOT, DOCUMENT = range(4)


class _Tape(_Source):
    """A chunk read for the join, its writing written down (`Tape`). Local numbers follow
    the fixed ones and the offset places (`slots`) in the order the join reserves theirs,
    so that the join gives out the same numbers and writes the same bytes as reading the
    chunk there did."""

    def __init__(self, pdf: Any, slots: int) -> None:
        super().__init__(pdf)
        self.next = DOCUMENT + 1 + slots
        self.pending = 0
        self.written = Tape()
        self.bodies = bytearray()

    def reserve(self) -> int:
        self.pending += 1
        self.next += 1
        return self.next - 1

    def put(self, num: int, text: Text, stream: int = -1) -> None:
        written = self.written
        self.bodies += text[0]
        written.ends.append(len(self.bodies))
        written.steps.extend((self.pending, num, len(text[1]), stream))
        written.places.extend(text[1])
        self.pending = 0

    def put_stream(self, num: int, entries: Text, data: bytes) -> None:
        self.written.streams.append(data)
        self.put(num, entries, len(self.written.streams) - 1)

    def offset(self, match: re.Match[bytes]) -> bytes:
        self.places.append(int(match[3]))
        return b"%d"

    def close(self) -> Tape:
        if self.pending:
            self.put(-1, (b"", ()))
        self.written.bodies = bytes(self.bodies)
        return self.written


class Tape:
    """How the join writes a chunk's objects, in order, for each: how many numbers it
    reserves first, the object's local number (-1: none, numbers reserved last), how many
    places its text has, its stream data's index or -1; its text (a `Text` template) in
    `bodies` up to `ends`, its places' local numbers in `places`. Flat arrays rather than
    a tuple an object: a third of the memory (the 1,000-slide course's 65,000 objects: 8
    rather than 23 MiB, held until the join) and quicker to send between processes."""

    def __init__(self) -> None:
        self.steps = array("i")  # 4 an object
        self.ends = array("I")
        self.places = array("I")
        self.bodies = b""
        self.streams: list[bytes] = []


def _items(obj: Any) -> list[Any]:
    import pikepdf

    return list(obj) if isinstance(obj, pikepdf.Array) else [obj]


Outline = list[tuple[Text, Text | None, list[Any], bool]]


def _outline(item: Any, source: _Source) -> Outline:
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


class Prepared:
    """A chunk read for the join (`prepare`), whatever chunks come before it: its objects'
    text with places for the numbers the join gives out, the offsets it adds to its
    structure keys, and what the joined PDF's own objects take from it."""

    def __init__(self, pdf: bytes, first: bool, stamping: bool) -> None:
        self.pdf, self.first, self.stamping = pdf, first, stamping
        self.version = ""
        self.slots: list[list[int]] = []  # [value, times the offset is added]
        self.tape = Tape()
        self.pages: list[tuple[int, Text, Text, Text, list[Text]]] = []
        self.catalog: list[Text] = []
        self.info: int | None = None
        self.struct_kids: list[Text] = []
        self.parent_tree: list[tuple[int, Text]] = []
        self.next_key: int | None = None  # the structure tree's /ParentTreeNextKey
        self.dests: list[tuple[bytes, Text]] = []
        self.outline: Outline = []


# A chunk's reading kept beside it in the chunks' store (`dumps`, `loads`): a JSON head of
# everything but the tape's arrays, bodies and streams, which follow it as bytes. JSON,
# not pickle: the store is a folder on disk, and what is read back from it runs nothing.
_READ_MAGIC = b"TTREAD1\n"


def _text_out(text: Text) -> list[Any]:
    return [text[0].decode("latin-1"), list(text[1])]


def _text_in(item: Any) -> Text:
    template, places = item
    if not isinstance(template, str) or not all(isinstance(p, int) for p in places):
        raise TypeError("not a text")
    return template.encode("latin-1"), tuple(places)


def _outline_out(items: Outline) -> list[Any]:
    return [[_text_out(title), None if dest is None else _text_out(dest),
             _outline_out(children), closed] for title, dest, children, closed in items]


def _outline_in(items: Any) -> Outline:
    return [(_text_in(title), None if dest is None else _text_in(dest), _outline_in(children),
             bool(closed)) for title, dest, children, closed in items]


def dumps(part: Prepared) -> bytes:
    """`part` as bytes for the chunks' store, without its PDF (kept there already)."""
    import json

    tape = part.tape
    arrays = [tape.steps, tape.ends, tape.places]
    head = {
        "pdf": len(part.pdf), "first": part.first, "stamping": part.stamping,
        "version": part.version, "slots": part.slots, "info": part.info,
        "next_key": part.next_key,
        "pages": [[at, _text_out(entries), _text_out(resources), _text_out(xobjects),
                   [_text_out(c) for c in contents]]
                  for at, entries, resources, xobjects, contents in part.pages],
        "catalog": [_text_out(entry) for entry in part.catalog],
        "struct_kids": [_text_out(kid) for kid in part.struct_kids],
        "parent_tree": [[key, _text_out(value)] for key, value in part.parent_tree],
        "dests": [[name.decode("latin-1"), _text_out(dest)] for name, dest in part.dests],
        "outline": _outline_out(part.outline),
        "arrays": [[a.typecode, a.itemsize, len(a)] for a in arrays],
        "bodies": len(tape.bodies), "streams": [len(s) for s in tape.streams],
    }
    encoded = json.dumps(head, separators=(",", ":")).encode("ascii")
    return b"".join([_READ_MAGIC, b"%d\n" % len(encoded), encoded,
                     *(a.tobytes() for a in arrays), tape.bodies, *tape.streams])


def loads(data: bytes, pdf: bytes) -> Prepared | None:
    """What `dumps` wrote for chunk `pdf`, or None if it is not that (nor well made)."""
    import json

    try:
        if not data.startswith(_READ_MAGIC):
            return None
        at = data.index(b"\n", len(_READ_MAGIC)) + 1
        end = at + int(data[len(_READ_MAGIC):at])
        head = json.loads(data[at:end])
        if head["pdf"] != len(pdf):
            return None
        part = Prepared(pdf, bool(head["first"]), bool(head["stamping"]))
        part.version = str(head["version"])
        part.slots = [[int(value), int(times)] for value, times in head["slots"]]
        part.info = None if head["info"] is None else int(head["info"])
        part.next_key = None if head["next_key"] is None else int(head["next_key"])
        part.pages = [(int(number), _text_in(entries), _text_in(resources), _text_in(xobjects),
                       [_text_in(c) for c in contents])
                      for number, entries, resources, xobjects, contents in head["pages"]]
        part.catalog = [_text_in(entry) for entry in head["catalog"]]
        part.struct_kids = [_text_in(kid) for kid in head["struct_kids"]]
        part.parent_tree = [(int(key), _text_in(value)) for key, value in head["parent_tree"]]
        part.dests = [(name.encode("latin-1"), _text_in(dest)) for name, dest in head["dests"]]
        part.outline = _outline_in(head["outline"])
        tape = part.tape
        for kept, (typecode, itemsize, length) in zip(
                (tape.steps, tape.ends, tape.places), head["arrays"], strict=True):
            if (typecode, itemsize) != (kept.typecode, kept.itemsize):
                return None
            kept.frombytes(data[end:end + itemsize * length])
            end += itemsize * length
        tape.bodies = data[end:end + head["bodies"]]
        end += head["bodies"]
        for length in head["streams"]:
            tape.streams.append(data[end:end + length])
            end += length
        if end != len(data) or len(tape.steps) != 4 * len(tape.ends):
            return None
        return part
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeError, OverflowError):
        return None


def prepare(pdf: bytes, first: bool, stamping: bool) -> Prepared:
    """Chunk `pdf` read for `join` (as the joined PDF's first part if `first`; its pages'
    resources and contents apart if `stamping`, for footers). Needs nothing from the other
    chunks: done by whichever process laid the chunk out, as soon as it did."""
    import pikepdf

    part = Prepared(pdf, first, stamping)
    with pikepdf.open(io.BytesIO(pdf)) as chunk:
        part.version = chunk.pdf_version
        pages = [page.obj for page in chunk.pages]
        _offset_slots(pages, part.slots)
        source = _Tape(chunk, len(part.slots))
        root = chunk.Root
        source.fix(root, ROOT)
        tree = root.get("/StructTreeRoot")
        tops = _items(tree.get("/K")) if tree is not None else []
        if tree is not None:
            source.fix(tree, STRUCT_ROOT)
            for top in tops:
                if isinstance(top, pikepdf.Dictionary) and top.is_indirect:
                    source.fix(top, DOCUMENT)  # its kids go under one /Document
        for page in pages:
            source.fix(page, source.reserve())
            node = page.get("/Parent")
            while node is not None:
                source.fix(node, PAGE_TREE)
                for key in _INHERITED:
                    if key in node and key not in page:
                        page[key] = node[key]
                node = node.get("/Parent")
        if first:
            _front(chunk, source, part)
        for page in pages:
            part.pages.append(_page(page, source, stamping))
        if tree is not None:
            _structure(tree, tops, source, part)
        names = root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, dest in pikepdf.NameTree(names.Dests).items():
                part.dests.append((bytes(pikepdf.String(name)), source.text(dest)))
        if "/Outlines" in root:
            part.outline = _outline(root.Outlines, source)
        source.drain()
        part.tape = source.close()
    return part


def _offset_slots(pages: list[Any], slots: list[list[int]]) -> None:
    """Each page's /StructParents and each of its annotations' /StructParent (the chunk's
    own structure keys) made a stand-in name for a place in `slots`, which the join fills
    with the key plus the keys of the chunks before; a `tt-anchor:` link made a link to
    the named destination it stands for."""
    import pikepdf

    def slot(obj: Any, key: str) -> None:
        value = obj[key]
        if isinstance(value, pikepdf.Name):  # an annotation of two pages: offset twice
            slots[int(str(value)[len(_OFFSET_NAME):]) - DOCUMENT - 1][1] += 1
            return
        slots.append([int(value), 1])
        obj[key] = pikepdf.Name(_OFFSET_NAME + str(DOCUMENT + len(slots)))

    for page in pages:
        if "/StructParents" in page:
            slot(page, "/StructParents")
        for annot in page.get("/Annots", []):
            if "/StructParent" in annot:
                slot(annot, "/StructParent")
            _relink(annot)


def _relink(annot: Any) -> None:
    """A `tt-anchor:` URI link becomes a link to the named destination it stands for."""
    import pikepdf

    action = annot.get("/A")
    uri = str(action.get("/URI", "")) if action is not None else ""
    if uri.startswith(MARK):
        name = pikepdf.String(uri[len(MARK):])
        del annot["/A"]
        annot.Dest = name
        if "/Contents" in annot:
            annot.Contents = name


def _front(chunk: Any, source: _Tape, part: Prepared) -> None:
    """The first chunk's catalog entries and document information."""
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if key in chunk.Root:
            template, places = source.text(chunk.Root[key])
            part.catalog.append((key.encode() + b" " + template, places))
    info = chunk.trailer.get("/Info")
    if info is not None:
        if info.is_indirect:
            part.info = source.number(info.objgen)
        else:
            part.info = source.reserve()
            source.put(part.info, source.text(info))


_NONE: Text = (b"", ())


def _page(page: Any, source: _Tape, stamping: bool) -> tuple[int, Text, Text, Text, list[Text]]:
    number = source.numbers[page.objgen]
    if not stamping:
        return number, source.entries(page, "/Parent"), _NONE, _NONE, []
    resources = page.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    return (number, source.entries(page, "/Parent", "/Resources", "/Contents"),
            source.entries(resources, "/XObject") if resources is not None else _NONE,
            source.entries(xobjects) if xobjects is not None else _NONE,
            [source.text(part) for part in _items(page.Contents)] if "/Contents" in page
            else [])


def _structure(tree: Any, tops: list[Any], source: _Tape, part: Prepared) -> None:
    import pikepdf

    for top in tops:
        for kid in _items(top.get("/K")):
            if isinstance(kid, pikepdf.Dictionary):
                part.struct_kids.append(source.text(kid))  # its /P: the new /Document
    nums = tree.ParentTree
    if "/Kids" in nums:
        raise ValueError("nested structure parent tree")
    pairs = nums.Nums
    for i in range(0, len(pairs), 2):
        part.parent_tree.append((int(pairs[i]), source.text(pairs[i + 1])))
    part.next_key = int(tree.get("/ParentTreeNextKey", 0))


def _filled(items: Outline, numbers: list[int]) -> list[tuple[bytes, bytes | None, list[Any],
                                                               bool]]:
    return [(fill(title, numbers), fill(dest, numbers) if dest is not None else None,
             _filled(children, numbers), closed) for title, dest, children, closed in items]


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

    def add(self, part: bytes | Prepared) -> None:
        """A chunk's objects numbered and written, what the joined PDF's own objects take
        from it kept (read now if it was not, or not for this place)."""
        first = self.writer is None
        if not isinstance(part, Prepared) or (part.first, part.stamping) != (
                first, self.stamping):
            part = prepare(part if isinstance(part, bytes) else part.pdf, first, self.stamping)
        writer = self.writer or self._start(part.version)
        offset = self.next_key
        numbers = [self.root, self.page_tree, self.struct_root, self.document,
                   *(value + times * offset for value, times in part.slots)]
        reserve, put, put_stream, append = (writer.reserve, writer.put, writer.put_stream,
                                            numbers.append)
        tape = part.tape
        bodies, places, streams = tape.bodies, tape.places, tape.streams
        steps = iter(tape.steps)
        start = first_place = 0
        for before, at, count, stream, end in zip(steps, steps, steps, steps, tape.ends,
                                                  strict=True):
            for _ in range(before):
                append(reserve())
            if at >= 0:
                body = bodies[start:end]
                if count:
                    body %= tuple([numbers[p] for p in places[first_place:first_place + count]])
                    first_place += count
                if stream < 0:
                    put(numbers[at], body)
                else:
                    put_stream(numbers[at], body, streams[stream])
            start = end
        self._keep(part, numbers, offset)

    def _keep(self, part: Prepared, numbers: list[int], offset: int) -> None:
        """What the joined PDF's own objects (pages, structure, names, outline, catalog)
        take from chunk `part`, its numbers given."""
        if part.first:
            self.catalog += [fill(entry, numbers) for entry in part.catalog]
            self.info = numbers[part.info] if part.info is not None else None
        self.pages += [_Page(numbers[at], fill(entries, numbers), fill(resources, numbers),
                             fill(xobjects, numbers), [fill(c, numbers) for c in contents])
                       for at, entries, resources, xobjects, contents in part.pages]
        self.struct_kids += [fill(kid, numbers) for kid in part.struct_kids]
        for key, value in part.parent_tree:
            self.parent_tree.append((key + offset, fill(value, numbers)))
            self.next_key = max(self.next_key, key + offset + 1)
        if part.next_key is not None:
            self.next_key = max(self.next_key, offset + part.next_key)
        for name, dest in part.dests:
            self.dests[name] = fill(dest, numbers)
        self.outline += _filled(part.outline, numbers)


    def stamp(self, footers: bytes) -> None:
        """Each footer page drawn over its page, as a form marked as a pagination artifact."""
        import pikepdf

        writer = self.writer
        assert writer is not None
        begin = writer.reserve()
        writer.put_stream(begin, b"", b"q\n")
        with pikepdf.open(io.BytesIO(footers)) as source_pdf:
            source = _Live(source_pdf, writer)
            footer_pages = source_pdf.pages
            if len(footer_pages) != len(self.pages):
                raise ValueError("one footer page per page expected")
            for index, (page, footer) in enumerate(zip(self.pages, footer_pages, strict=True)):
                form = footer.as_form_xobject()
                number = writer.reserve()
                entries = source.entries(form.stream_dict, "/Length", "/Filter", "/DecodeParms")
                writer.put_stream(number, fill(entries, _SAME) + b" /Filter /FlateDecode",
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


def join(parts: Sequence[bytes | Prepared], footers: bytes | Callable[[], bytes] | None
         ) -> bytes:
    """One PDF from the chunk PDFs in order (each as it is, or read by `prepare`), footers
    stamped from `footers` (one page each).

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
