"""WeasyPrint is imported without ctypes' subprocess lookups, and still loads where they matter."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

RENDER = 'print(len(wp.HTML(string="<p>x</p>").write_pdf()) > 1000)'


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux only")
def test_the_fast_import_runs_no_library_lookup_and_restores_ctypes() -> None:
    run = _run(f"""
        import ctypes.util
        real = ctypes.util.find_library
        calls = []
        ctypes.util.find_library = lambda name: calls.append(name)
        real_patched = ctypes.util.find_library
        from tall_teach.htmlkit.pdf import load_weasyprint
        wp = load_weasyprint()
        assert calls == [], calls
        assert ctypes.util.find_library is real_patched
        {RENDER}
    """)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux only")
def test_a_system_that_needs_the_lookup_gets_the_normal_import_silently() -> None:
    run = _run(f"""
        import ctypes.util, cffi
        real_find, real_dlopen = ctypes.util.find_library, cffi.FFI.dlopen
        def dlopen(self, name, flags=0):
            if ctypes.util.find_library is not real_find:
                raise OSError("simulated: libraries only found through find_library")
            return real_dlopen(self, name, flags)
        cffi.FFI.dlopen = dlopen
        from tall_teach.htmlkit.pdf import load_weasyprint
        wp = load_weasyprint()
        assert ctypes.util.find_library is real_find
        {RENDER}
    """)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def test_font_tools_subsetter_and_instancer_are_imported_on_first_use() -> None:
    run = _run(f"""
        import sys
        from tall_teach.htmlkit.pdf import load_weasyprint
        wp = load_weasyprint()
        {RENDER}
        assert "fontTools.subset" not in sys.modules
        import gc
        assert gc.isenabled()  # paused during the import only
        assert "fontTools.varLib.instancer" not in sys.modules
        import weasyprint.pdf.fonts as writer
        options = writer.subset.Options(glyph_names=True)  # imports it now
        import fontTools.subset
        assert isinstance(options, fontTools.subset.Options)
        assert writer.subset.Subsetter is fontTools.subset.Subsetter
        try:
            writer.instantiateVariableFont(None, {{}})  # the real one, imported now
        except Exception:
            pass  # it refuses None
        assert "fontTools.varLib.instancer" in sys.modules
        print("ok")
    """)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "ok"]


def test_tinyhtml5_regexes_are_cached_by_the_characters_and_parse_the_same() -> None:
    """`_regex_once`: each of `chars_until`'s expressions made once, under the key it is
    looked up by, and a page parses to the same tree as without it."""
    code = textwrap.dedent(
        """
        import xml.etree.ElementTree as ET
        import tinyhtml5, tinyhtml5.inputstream as stream
        from tall_teach.htmlkit import pdf
        html = ('<!DOCTYPE html><html lang="en"><head><title>T &amp; x</title></head><body>'
                '<p class="a" id=\\'b\\'>One &lt; two<br>three<!-- c --></p>'
                '<table><tr><td>1<td>2</table><pre>\\n  x\\r\\n</pre></body></html>')
        before = ET.tostring(tinyhtml5.parse(html))
        pdf._regex_once()
        pdf._regex_once()
        assert isinstance(stream.characters_until_regex, pdf._RegexByCharacters)
        assert ET.tostring(tinyhtml5.parse(html)) == before
        made = dict(stream.characters_until_regex)
        assert all(not hasattr(key[0], "pattern") for key in made)
        assert ET.tostring(tinyhtml5.parse(html)) == before
        assert {k: id(v) for k, v in stream.characters_until_regex.items()} == {
            k: id(v) for k, v in made.items()}
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr


def test_the_collector_is_paused_only_while_a_small_document_is_laid_out() -> None:
    """`_collected_after`: paused for a chunk-sized document, slowed for a larger one, and
    left as it was (enabled, its thresholds) afterwards, when laying out fails too."""
    code = textwrap.dedent(
        """
        import gc
        from tall_teach.htmlkit import pdf
        seen = []
        real = pdf._render
        def spy(html, *args):
            seen.append((gc.isenabled(), gc.get_threshold()[0]))
            if "boom" in html:
                raise RuntimeError("boom")
            return real(html, *args)
        pdf._render = spy
        threshold = gc.get_threshold()
        pdf.render_paged("<p>x</p>")
        pdf.PAUSED_UP_TO = 3
        pdf.render_paged("<p>x</p>")
        try:
            pdf.render_paged("<p>boom</p>")
        except RuntimeError:
            pass
        pdf.PAUSED_UP_TO = 10 ** 6
        try:
            pdf.render_paged("<p>boom</p>")
        except RuntimeError:
            pass
        assert seen == [(False, threshold[0]), (True, 10_000), (True, 10_000),
                        (False, threshold[0])], seen
        assert gc.isenabled() and gc.get_threshold() == threshold
        assert not gc.get_freeze_count()
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr


def test_quick_styles_lay_out_the_same_pdf_as_weasyprints_own() -> None:
    """`_quick_styles` against WeasyPrint's general `__missing__` on a page using what
    takes the general way: custom properties, calc() (percentages inherited), logical
    properties, text decorations, floats, named pages, anonymous boxes, a table."""
    code = textwrap.dedent(
        """
        import weasyprint.css as css
        from tall_teach.htmlkit import pdf
        html = '''<!DOCTYPE html><html lang="en"><head><style>
        :root { --c: #123456; --w: 40%; }
        @page { size: A5; margin: 1cm; @bottom-center { content: counter(page); } }
        @page wide { size: A5 landscape; }
        body { font-family: sans-serif; color: var(--c); line-height: 1.3; }
        div.box { width: calc(var(--w) + 2em); margin-inline-start: 1em;
                  padding-block: calc(2% + 3px); border: 1px solid; text-indent: calc(5% + 1em); }
        p.u { text-decoration: underline dotted; }
        p.u span { text-decoration-color: red; }
        .f { float: right; width: 30%; }
        section.w { page: wide; }
        td { padding-inline-end: 1em; border-inline-start: 2px solid var(--c); }
        ul { font-size: calc(1em + 1pt); }
        </style></head><body>
        <div class="box">Text <em>in</em> a box<p>and a paragraph</p>after it</div>
        <p class="u">Underlined <span>red</span> <b>bold</b></p><div class="f">float</div>
        <ul><li>one<li>two <code>x</code></ul>
        <table><tr><th>A<th>B<tr><td>1<td>2</table>
        <section class="w"><h2>Wide</h2><p>page</p></section>
        <div dir="rtl" class="box">right to left <span>text</span></div></body></html>'''
        quick = pdf.render_paged(html).pdf
        assert css.ComputedStyle._tall_teach_quick
        general = next(cell.cell_contents for cell in css.ComputedStyle.__missing__.__closure__
                       if getattr(cell.cell_contents, "__qualname__", "")
                       == "ComputedStyle.__missing__")
        css.ComputedStyle.__missing__ = general
        assert pdf.render_paged(html).pdf == quick
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr


def test_shared_text_setup_lays_out_the_same_pdf_as_weasyprints_own() -> None:
    """`_shared_text_setup` against WeasyPrint's `Layout.setup` on a page of several
    languages, both directions, font sizes, weights, styles, variants, features and
    text decorations."""
    code = textwrap.dedent(
        """
        import weasyprint.text.line_break as line_break
        from tall_teach.htmlkit import pdf
        html = '''<!DOCTYPE html><html lang="en"><head><style>
        body { font-family: sans-serif; }
        .sc { font-variant-caps: small-caps; font-kerning: none; letter-spacing: 1px; }
        .u { text-decoration: underline; } .s { text-decoration: line-through; }
        .f { font-feature-settings: "liga" 0; font-style: italic; font-weight: 300; }
        .m { font-family: monospace; font-size: 9pt; word-spacing: 4px; }
        </style></head><body>
        <p>Plain text, <b>bold</b> and <i>italic</i>; fi fl ffi.</p>
        <p lang="de">Straße, Größe, Maßnahme.</p><p lang="tr">İstanbul ıi</p>
        <p dir="rtl" lang="ar">مرحبا بالعالم abc</p>
        <p class="sc">Small Caps AV To</p><p class="u">Under <span class="s">struck</span></p>
        <p class="f">No ligatures: fi fl</p><p class="m">mono\\ttab  x</p>
        <h1>Title</h1><h2 lang="fr">Titre « ici »</h2></body></html>'''
        shared = pdf.render_paged(html).pdf
        layout = line_break.Layout
        assert layout._tall_teach_shared
        layout.setup = layout._tall_teach_general_setup
        assert pdf.render_paged(html).pdf == shared
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr


def test_lazy_pseudo_styles_lay_out_the_same_pdf_as_weasyprints_own() -> None:
    """`_lazy_pseudo_styles` against WeasyPrint's own `StyleFor`: list markers (styled,
    numbered, nested), ::before and ::after with counters, quotes, line breaks, a
    pseudo-element setting an anchor a link points to, a table, page margin boxes."""
    code = textwrap.dedent(
        """
        import weasyprint.css as css
        from tall_teach.htmlkit import pdf
        html = '''<!DOCTYPE html><html lang="en"><head><style>
        @page { size: A6; margin: 1cm; @bottom-center { content: counter(page); } }
        body { font-family: sans-serif; counter-reset: sec; }
        h2 { counter-increment: sec; }
        h2::before { content: counter(sec) ". "; color: red; }
        h2.a::after { content: " (see)"; -weasy-anchor: "later"; }
        li::marker { color: blue; font-weight: bold; }
        ol { list-style-type: lower-roman; } ol li::marker { color: green; }
        p.q::before { content: open-quote; } p.q::after { content: close-quote; }
        td::before { content: "\\2022 "; }
        </style></head><body>
        <h2>One</h2><ul><li>a<li>b<ul><li>c</ul></ul><ol start="3"><li>d<li>e</ol>
        <h2 class="a">Two</h2><p class="q">quoted<br>text <q>inner</q></p>
        <table><tr><th>A<th>B<tr><td>1<td>2</table>
        <p><a href="#later">to the anchor</a></p></body></html>'''
        lazy = pdf.render_paged(html).pdf
        assert css.StyleFor._tall_teach_lazy
        css.StyleFor.__init__ = css.StyleFor._tall_teach_general_init
        css.StyleFor.__call__ = css.StyleFor._tall_teach_general_call
        assert pdf.render_paged(html).pdf == lazy
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr


def test_declarations_with_var_solved_once_lay_out_the_same_pdf() -> None:
    """`_solved_once` against WeasyPrint's own `Pending.solve`: variables redefined lower
    down, fallbacks, shorthands, an invalid value (its warning too), in two documents."""
    code = textwrap.dedent(
        """
        import logging
        from weasyprint.css.tokens import Pending
        from tall_teach.htmlkit import pdf
        html = '''<!DOCTYPE html><html><head><style>
        :root { --c: #123456; --m: 4px; --f: italic bold 12px serif; --bad: blue; }
        p { color: var(--c); margin: var(--m) 0; border: 1px solid var(--c);
            padding: var(--nope, 3px) var(--m); }
        .f { font: var(--f); } .x { --c: red; --m: 9px; }
        .bad { width: var(--bad); }
        </style></head><body><p>one</p><div class="x"><p>two</p><p class="f">three</p></div>
        <p class="bad">four</p><p class="f">five</p></body></html>'''
        warnings = []
        class Keep(logging.Handler):
            def emit(self, record):
                warnings.append(record.getMessage())
        logging.getLogger("weasyprint").addHandler(Keep())
        once = [pdf.render_paged(html).pdf, pdf.render_paged(html).pdf]
        assert Pending._tall_teach_once
        said, warnings[:] = list(warnings), []
        Pending.solve = Pending._tall_teach_general_solve
        assert [pdf.render_paged(html).pdf, pdf.render_paged(html).pdf] == once
        assert warnings == said and said, (warnings, said)
        print("ok")
        """
    )
    result = _run(code)
    assert result.stdout.strip() == "ok", result.stderr
