"""Chunk PDFs (each laid out by WeasyPrint on its own) joined into one handout PDF.

What a reader sees must be what one WeasyPrint document gave: the pages in order,
one outline, named destinations for every anchor, links between chunks (citation to
reference entry, contents to module) as links to those destinations, one structure
tree (PDF/UA tags) with its parent tree renumbered, the front matter's metadata, and
"page x of y" stamped on every page from a small footer document laid out once the
total is known (marked as a pagination artifact).

pikepdf (qpdf) copies the objects: it is about ten times faster than pypdf here,
which took 0.55 s of CPU to join the 28 T-ALL pages, more than laying out a module.
The structure tree, outline, names and footers are put together here: no library
merges those the way one document has them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

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


def _outline(item: Any) -> list[tuple[str, Any, list[Any], bool]]:
    """(title, destination, children, closed) of every item below an outline node."""
    found = []
    node = item.get("/First")
    while node is not None:
        found.append((str(node.Title), node.get("/Dest"), _outline(node),
                      int(node.get("/Count", 0)) < 0))
        node = node.get("/Next")
    return found


class _Joiner:
    """Accumulates chunks into one new PDF."""

    def __init__(self) -> None:
        import pikepdf

        self.out = pikepdf.new()
        self.sources: list[Any] = []  # kept open: copied objects may still be read from them
        self.struct_kids: list[Any] = []
        self.parent_tree: list[Any] = []
        self.next_key = 0
        self.dests: list[tuple[str, Any]] = []
        self.outline: list[tuple[str, Any, list[Any], bool]] = []

    def add(self, pdf: bytes) -> None:
        import pikepdf

        source = pikepdf.open(io.BytesIO(pdf))
        self.sources.append(source)
        out, root, offset = self.out, source.Root, self.next_key
        first_new = len(out.pages)
        out.pages.extend(source.pages)
        for page in out.pages[first_new:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                self._relink(annot, offset)
        tree = root.get("/StructTreeRoot")
        if tree is not None:
            tops = tree.get("/K")
            for top in (tops if isinstance(tops, pikepdf.Array) else [tops]):
                kids = top.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                    if isinstance(kid, pikepdf.Dictionary):
                        del kid["/P"]  # else copying it drags the chunk's whole tree along
                        self.struct_kids.append(out.copy_foreign(kid))
            nums = tree.ParentTree
            if "/Kids" in nums:
                raise ValueError("nested structure parent tree")
            pairs = nums.Nums
            for i in range(0, len(pairs), 2):
                key = int(pairs[i]) + offset
                self.parent_tree += [key, _copy(out, pairs[i + 1])]
                self.next_key = max(self.next_key, key + 1)
            self.next_key = max(self.next_key, offset + int(tree.get("/ParentTreeNextKey", 0)))
        names = root.get("/Names")
        if names is not None and "/Dests" in names:
            self.dests += [(str(name), _copy(out, dest))
                           for name, dest in pikepdf.NameTree(names.Dests).items()]
        if "/Outlines" in root:
            self.outline += _copy_outline(_outline(root.Outlines), out)

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
        """Draw each footer page over its page, as a form marked as a pagination artifact."""
        import pikepdf

        source = pikepdf.open(io.BytesIO(footers))
        self.sources.append(source)
        out = self.out
        begin = out.make_stream(b"q\n")
        for index, (page, footer) in enumerate(zip(out.pages, source.pages, strict=True)):
            form = out.copy_foreign(footer.as_form_xobject())
            resources = page.obj.get("/Resources")
            if resources is None:
                resources = page.obj.Resources = pikepdf.Dictionary()
            if "/XObject" not in resources:
                resources.XObject = pikepdf.Dictionary()
            name = f"/TTFooter{index}"  # a chunk's pages may share one resource dictionary
            resources.XObject[name] = form
            end = out.make_stream(
                b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                b"q " + name.encode() + b" Do Q\nEMC\n")
            contents = page.obj.Contents
            parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            page.obj.Contents = pikepdf.Array([begin, *parts, end])

    def finish(self) -> bytes:
        import pikepdf

        out, first = self.out, self.sources[0]
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
            if key in first.Root:
                out.Root[key] = _copy(out, first.Root[key])
        if self.struct_kids:
            self._struct_tree()
        if self.dests:
            tree = pikepdf.NameTree.new(out)
            for name, dest in self.dests:
                tree[name] = dest
            out.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
        if self.outline:
            root = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
            root.Count = _write_items(out, self.outline, root)
            out.Root.Outlines = root
        if "/Info" in first.trailer:
            out.trailer.Info = out.copy_foreign(first.trailer.Info)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, min_version=first.pdf_version,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        for source in self.sources:
            source.close()
        return buffer.getvalue()

    def _struct_tree(self) -> None:
        import pikepdf

        out = self.out
        document = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document,
            K=pikepdf.Array(self.struct_kids)))
        root = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]),
            ParentTree=out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(self.parent_tree))),
            ParentTreeNextKey=self.next_key))
        document.P = root
        for kid in self.struct_kids:
            kid.P = document
        out.Root.StructTreeRoot = root


def _copy(out: Any, value: Any) -> Any:
    """`value` from another PDF, made usable in `out` (qpdf copies indirect objects only)."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(out, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value


def _copy_outline(items: list[Any], out: Any) -> list[Any]:
    return [(title, _copy(out, dest) if dest is not None else None,
             _copy_outline(children, out), closed)
            for title, dest, children, closed in items]


def _write_items(out: Any, items: Sequence[Any], parent: Any) -> int:
    """Outline items as WeasyPrint writes them (an open item counts its open descendants)."""
    import pikepdf

    refs: list[Any] = []
    count = len(items)
    for title, dest, children, closed in items:
        entry = out.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), Parent=parent))
        if dest is not None:
            entry.Dest = dest
        below = _write_items(out, children, entry)
        entry.Count = -below if closed else below
        if not closed:
            count += below
        if refs:
            entry.Prev = refs[-1]
            refs[-1].Next = entry
        refs.append(entry)
    if refs:
        parent.First, parent.Last = refs[0], refs[-1]
    return count


def join(parts: Sequence[bytes], footers: bytes | Callable[[], bytes] | None) -> bytes:
    """One PDF from the chunk PDFs in order, footers stamped from `footers` (one page each).

    `footers` may be a function: it is called once the pages are copied in, so footers laid
    out in another process meanwhile are waited for as late as possible."""
    joiner = _Joiner()
    for pdf in parts:
        joiner.add(pdf)
    stamps = footers() if callable(footers) else footers
    if stamps is not None:
        joiner.stamp(stamps)
    return joiner.finish()
