"""Margin boxes WeasyPrint drops are no longer measured: the same PDF as before."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# Pages whose margin boxes have content on one side only, on a side and a corner, on a
# side's middle box only (its empty neighbours share out the room), on none.
PAGES = """
<style>
@page { size: a6; margin: 20mm 15mm;
  @top-left { content: "Course"; } @top-right { content: string(part); }
  @bottom-right { content: counter(page) " of " counter(pages); } }
@page :first { @top-left { content: none; } @top-right { content: none; }
  @bottom-right { content: none; } @bottom-left-corner { content: "c"; } }
@page wide { @left-middle { content: "side"; width: 30%; } @top-left { content: none; }
  @top-right { content: none; } @bottom-right { content: none; } }
h1 { string-set: part content(); }
.wide { page: wide; }
.plain { page: plain; }
@page plain { @top-left { content: none; } @top-right { content: none; }
  @bottom-right { content: none; } }
</style>
<h1>One</h1><p>first</p>
<h1 style="break-before: page">Two</h1><p>second</p>
<div class="wide"><p>third</p></div>
<div class="plain"><p>fourth</p></div>
<h1 style="break-before: page">Five</h1><p>fifth</p>
"""


def _laid_out(lean: bool) -> tuple[str, int]:
    code = textwrap.dedent(f"""
        import hashlib
        from weasyprint.layout import page as pages
        if not {lean}:
            pages._tall_teach_lean = True  # as if installed: left as WeasyPrint has it
        from tall_teach.htmlkit.pdf import render_paged
        paged = render_paged({PAGES!r})
        assert getattr(pages.make_margin_boxes, "__module__", "") == (
            "tall_teach.htmlkit.marginboxes" if {lean} else "weasyprint.layout.page")
        print(hashlib.sha256(paged.pdf).hexdigest(), paged.pages)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1800000000"})
    assert done.returncode == 0, done.stderr
    digest, pages = done.stdout.split()
    return digest, int(pages)


def test_the_pages_are_the_same_without_measuring_dropped_margin_boxes() -> None:
    lean, plain = _laid_out(True), _laid_out(False)
    assert lean == plain
    assert lean[1] == 5
