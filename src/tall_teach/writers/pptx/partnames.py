"""Part names for new parts without python-pptx's walk over the whole package.

python-pptx names every new part (notes slide, chart, embedded workbook) by walking
all parts and relationships of the package (`OpcPackage.next_partname`), which makes
a deck of n slides cost O(n^2): 1,000 slides spent two thirds of their time there.
`remember_partnames` gives one package a drop-in replacement that scans each name
prefix once and then remembers the names it hands out. It returns exactly what the
original would, as long as new parts under those prefixes are named only through
`next_partname`, which is how python-pptx adds them.
"""

from __future__ import annotations

from typing import Any


def remember_partnames(package: Any) -> None:
    """Install the remembering `next_partname` on this one package instance."""
    from pptx.opc.packuri import PackURI

    taken: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = taken.get(prefix)
        if names is None:
            names = {str(p.partname) for p in package.iter_parts()
                     if p.partname.startswith(prefix)}
            taken[prefix] = names
        for n in range(len(names) + 1, 0, -1):  # the original's search order
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")  # unreachable: n+1 names tried

    package.next_partname = next_partname
