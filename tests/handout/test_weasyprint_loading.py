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
