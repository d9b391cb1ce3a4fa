"""HTML to PDF with WeasyPrint, deterministic and offline."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse


def load_weasyprint() -> Any:
    """Import WeasyPrint, on Linux without ctypes.util.find_library.

    WeasyPrint opens Pango, HarfBuzz and friends by trying several names per library;
    every name that fails sends cffi to `find_library`, which runs ldconfig and gcc:
    24 lookups and ~80 subprocesses, 0.2 s of every build. The sonames it tries last
    open directly, so the lookups are skipped; should that fail on some system, the
    import is simply redone the normal way. fontTools' subsetter and instancer are left
    to their first use (`_font_tools_on_demand`).
    """
    import sys

    if "weasyprint.pdf.fonts" in sys.modules:
        import weasyprint

        return weasyprint
    with _font_tools_on_demand(), _uncollected():
        if not sys.platform.startswith("linux"):
            import weasyprint

            return weasyprint
        import contextlib
        import ctypes.util
        import io

        original = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # its "could not import" advice
                import weasyprint.text.ffi
        except OSError:
            for name in [m for m in sys.modules
                         if m == "weasyprint" or m.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = original
        import weasyprint

    return weasyprint


@contextlib.contextmanager
def _uncollected() -> Iterator[None]:
    """The garbage collector paused while WeasyPrint is imported: an import makes objects
    that live on (modules, classes, functions, its user agent's stylesheets), which the
    collector scanned over and over meanwhile (15-20 ms of the 0.2 s, in the early lane's
    warm-up that the handout waits for)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# What WeasyPrint's PDF writer imports from fontTools only for fonts HarfBuzz cannot
# subset and for variable fonts: (module, names its writer binds).
_ON_DEMAND = (("fontTools.subset", ()), ("fontTools.varLib.instancer",
                                         ("instantiateVariableFont",)))


class _OnDemand:
    """A stand-in for a module, imported on first use (`_font_tools_on_demand`)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


def _name_on_demand(module: str, name: str) -> Any:
    def on_demand(*args: Any, **kwargs: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    on_demand.__name__ = name
    return on_demand


@contextlib.contextmanager
def _font_tools_on_demand() -> Iterator[None]:
    """WeasyPrint imported without fontTools' subsetter and variable font instancer
    (60 ms of its 230 ms, on the way of every build's handout): its PDF writer binds them
    at import but calls them only for a font HarfBuzz cannot subset or a variable font.
    Stand-ins are in `sys.modules` while WeasyPrint is imported and taken out after, its
    writer left with names that import the real ones when first used; nothing else sees
    them (a module imported already is left as it is)."""
    import sys
    import types

    stand_ins = {}
    for module, names in _ON_DEMAND:
        if module not in sys.modules:
            stand_ins[module] = sys.modules[module] = types.ModuleType(module)
            for name in names:
                setattr(stand_ins[module], name, _name_on_demand(module, name))
    try:
        yield
    finally:
        for module in stand_ins:
            del sys.modules[module]
        writer = sys.modules.get("weasyprint.pdf.fonts")
        for name, value in list(vars(writer).items()) if writer is not None else ():
            for module, stand_in in stand_ins.items():
                if value is stand_in:  # `from fontTools import subset`
                    setattr(writer, name, _OnDemand(module))


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def _file_url_path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def make_offline_fetcher(allowed_roots: Sequence[Path] = ()) -> Any:
    """A WeasyPrint URL fetcher that never touches the network.

    data: URIs are always allowed; file: URLs only inside `allowed_roots` (e.g. a
    theme's font folder). Anything else raises, so a stray external reference shows
    up as a WeasyPrint warning instead of a silent download.
    """
    load_weasyprint()
    from weasyprint.urls import URLFetcher

    roots = tuple(allowed_roots)

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and roots and _inside(_file_url_path(url), roots):
                return super().fetch(url, headers)
            raise ValueError(f"refusing to fetch {url!r}: outputs must be self-contained")

    return OfflineFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


def _printable(html: str) -> str:
    """Unicode line/paragraph separators as spaces: WeasyPrint's line breaker asserts on them."""
    return html.replace("\u2028", " ").replace("\u2029", " ")


def preload() -> None:
    """Import WeasyPrint and its text machinery now (about 0.35 s of loading libraries).

    Called once before the pipeline forks its worker, so that both processes share the
    loaded modules instead of each paying for them.
    """
    load_weasyprint()
    import weasyprint.text.fonts  # noqa: F401


def warm() -> None:
    """`preload`, then a one-line page laid out and dropped: cffi parses each C type
    WeasyPrint uses on its first use (about 0.1 s in all), which a process that will
    print then pays ahead, on the core the reading of the course leaves free."""
    preload()
    with sharing_fonts():
        render_paged("<!DOCTYPE html><html><body><p>x</p></body></html>")
    import contextlib

    from weasyprint.text.ffi import ffi

    for cdecl in ("FcChar8 **", "PangoLogAttr[]"):  # what a handout uses beyond that page
        with contextlib.suppress(Exception):
            ffi.typeof(cdecl)


def html_to_pdf(
    html: str,
    base_dir: Path | None = None,
    pdf_variant: str | None = None,
    *,
    stylesheets: Sequence[str] = (),
    allowed_roots: Sequence[Path] = (),
) -> bytes:
    """Render HTML to PDF bytes. Dates come from the document's <meta> tags, not the clock.

    `stylesheets` are extra CSS texts applied on top of the document (e.g. print-only
    @font-face rules); `allowed_roots` are folders whose files may be read through
    file: URLs (fonts of a theme). Nothing else is ever fetched.
    """
    return render_paged(
        html, base_dir, pdf_variant, stylesheets=stylesheets, allowed_roots=allowed_roots
    ).pdf


class _ParsedOnce:
    """tinycss2 for WeasyPrint's `CSS`, each distinct stylesheet text tokenized once.

    The handout is printed in chunks that all carry the theme's stylesheet: tokenizing
    it took ~15 % of laying out a small chunk. WeasyPrint only reads the parsed rules.
    """

    def __init__(self, module: Any) -> None:
        import functools

        self._module = module
        self.parse_stylesheet = functools.lru_cache(maxsize=16)(self._parse)

    def _parse(self, css: str, *args: Any, **kwargs: Any) -> Any:
        return tuple(self._module.parse_stylesheet(css, *args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


class _OpenArrays:
    """WeasyPrint's cffi object for its font subsetting, where `new("T[N]", items)` is
    asked as `new("T[]", items)`: the same N items, while cffi parses every new text
    "T[N]" again together with every type WeasyPrint declares (6 ms each, once per
    process; a handout's fonts bring dozens of glyph counts, 0.1-0.2 s a process)."""

    def __init__(self, ffi: Any) -> None:
        import re

        self._ffi = ffi
        self._sized = re.compile(r"(\w+)\[(\d+)\]")

    def new(self, cdecl: Any, init: Any = None) -> Any:
        if isinstance(cdecl, str) and init is not None and not isinstance(init, int):
            sized = self._sized.fullmatch(cdecl)
            if sized is not None and int(sized.group(2)) == len(init):
                cdecl = sized.group(1) + "[]"
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)


def _open_arrays() -> None:
    import weasyprint.pdf.fonts as subsetting

    if not isinstance(subsetting.ffi, _OpenArrays):
        subsetting.ffi = _OpenArrays(subsetting.ffi)


_SHEET_ARGS = frozenset({"string", "base_url", "url_fetcher", "media_type", "font_config",
                         "counter_style", "color_profiles", "page_rules", "layers"})


class _SheetsOnce:
    """WeasyPrint's `CSS` as its `find_stylesheets` makes it for a <style> element: each
    distinct text prepared once per font configuration (`sharing_fonts`), not once per
    document.

    Every chunk of the handout, the contents and the footers carry the theme's <style>:
    validating its 900 declarations and compiling its selectors took 0.03 s of each
    document (15 documents in T-ALL's handout). The prepared sheet is only read when a
    document is laid out (its selector matcher, base URL and page rules); a document gets
    a copy sharing the matcher, with the document's own list of page rules, to which the
    sheet's are added as preparing it would. A sheet whose preparation touched anything
    else of the document (counter styles, colour profiles, layers) is not kept."""

    def __init__(self, make: Any) -> None:
        self.make = make

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        kept = _SHARED  # dropped with the shared font configurations
        if args or kept is None or set(kwargs) != _SHEET_ARGS:
            return self.make(*args, **kwargs)
        key = ("<style>", kwargs["string"], kwargs["base_url"], kwargs["media_type"],
               kwargs["url_fetcher"], kwargs["font_config"])
        if key not in kept:
            probes: dict[str, Any] = {"counter_style": {}, "color_profiles": {}, "layers": [],
                                      "page_rules": []}
            sheet = self.make(**{**kwargs, **probes})
            if probes["counter_style"] or probes["color_profiles"] or probes["layers"]:
                return self.make(*args, **kwargs)
            kept[key] = (sheet, probes["page_rules"], [])
        import copy

        sheet, page_rules, _ = kept[key]
        kwargs["page_rules"].extend(page_rules)
        mine = copy.copy(sheet)
        mine.page_rules, mine.layers = kwargs["page_rules"], kwargs["layers"]
        return mine


def _sheets_once() -> None:
    import weasyprint.css as css

    if not isinstance(css.CSS, _SheetsOnce):
        css.CSS = _SheetsOnce(css.CSS)


class _RegexByCharacters(dict):  # type: ignore[type-arg]
    """tinyhtml5's cache of `chars_until`'s regular expressions, filled under the key it
    looks them up by: its own stores each under the compiled expression (the name is
    rebound before the key is made), so every call missed it and built the expression's
    text again, half of parsing a chunk's HTML (38 -> 18 ms a module of the 1,000-slide
    course). The same expressions, so the same tree."""

    def __missing__(self, key: tuple[Any, bool]) -> Any:
        import re

        characters, opposite = key
        text = "".join(f"\\x{ord(character):02x}" for character in characters)
        value = self[key] = re.compile(f"[{text}]+" if opposite else f"[^{text}]+")
        return value


def _regex_once() -> None:
    try:
        import tinyhtml5.inputstream as stream
    except ImportError:  # a WeasyPrint parsing with something else
        return
    kept = getattr(stream, "characters_until_regex", None)
    if isinstance(kept, dict) and not isinstance(kept, _RegexByCharacters):
        stream.characters_until_regex = _RegexByCharacters()


_QUICK_STYLES_FOR = frozenset({"70.0"})  # WeasyPrint versions whose styles were read for it


def _patch_target(module: str, name: str, flag: str) -> Any:
    """The WeasyPrint class a patch goes into, or None: already patched (`flag` set), or
    the installed WeasyPrint is not a version whose code the patches follow. WeasyPrint
    is loaded our way first (`load_weasyprint`), so the patch's own imports find it."""
    import importlib

    weasyprint = load_weasyprint()
    target = getattr(importlib.import_module(module), name)
    if getattr(target, flag, False) or weasyprint.__version__ not in _QUICK_STYLES_FOR:
        return None
    return target


def _quick_styles() -> None:
    """WeasyPrint's lazily computed style of an element, a property that no rule of the
    element sets (nine lookups in ten) taken straight from its parent (inherited) or its
    initial value, as `ComputedStyle.__missing__` ends up doing after its general steps
    (the property's name respelled, its logical twin looked up, the value tested for
    `var()` and math functions). Everything else, and a value with a math function in it,
    goes the general way. 58,000 lookups for a module of the 1,000-slide course: 2 % of
    laying it out. What does not change between lookups is worked out once per property
    (`_QuickProperty`): whether it inherits, its logical twin for either direction, its
    initial value, whether that holds a math function, the function computing it. Only
    for the versions whose `__missing__` this follows."""
    computed = _patch_target("weasyprint.css", "ComputedStyle", "_tall_teach_quick")
    if computed is None:
        return
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS, PHYSICAL_FUNCTIONS
    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import (
        INHERITED,
        INITIAL_NOT_COMPUTED,
        INITIAL_VALUES,
        Dimension,
    )

    general = computed.__missing__
    special = {"float", "display", "position", "page"}
    quick = {}
    for key, initial in INITIAL_VALUES.items():
        if key in special or key[:2] == "__" or key[:16] == "text_decoration_":
            continue
        logical = PHYSICAL_FUNCTIONS.get(key)
        quick[key] = (
            key in INHERITED,
            None if logical is None else {
                direction: logical(block="ttb", inline=direction) for direction in ("ltr", "rtl")},
            initial, bool(check_math(initial)),
            COMPUTER_FUNCTIONS.get(key) if key in INITIAL_NOT_COMPUTED else None)
    # values check_math finds no math function in by their type alone (no `type`, no tuple)
    plain = frozenset(t for t in (str, int, float, type(None), Dimension)
                      if t is not tuple and not hasattr(t, "type"))

    def __missing__(self: Any, key: str) -> Any:
        found = quick.get(key)
        cascaded = self.cascaded
        if found is None or key in cascaded:
            return general(self, key)
        inherited, logical, value, math, compute = found
        if logical is not None:
            twin = logical.get(self["direction"])
            if twin is None or twin in cascaded:
                return general(self, key)
        parent = self.parent_style
        if inherited and parent is not None:
            value = parent[key]
            if type(value) not in plain and check_math(value):
                return general(self, key)
        else:
            if math:
                return general(self, key)
            if compute is not None:
                value = compute(self, key, value)
        self[key] = value
        return value

    computed.__missing__ = __missing__
    computed._tall_teach_quick = True


def _lazy_pseudo_styles() -> None:
    """WeasyPrint's styles of pseudo-elements made when they are first asked for, not all
    at once before layout. Its user-agent sheet gives every element six (`::marker`,
    `::footnote-call`, `::footnote-marker` and three `::note-*`), so a chunk of the
    1,000-slide course cascaded and made 4,000 such styles a module, nearly all never
    asked for (a list item's marker is). Each pseudo-element's matched declarations are
    kept in the order WeasyPrint meets them and cascaded, by its own rules, into the
    same style when `StyleFor.__call__` first asks for it; one whose declarations set
    `-weasy-anchor` (never in tall_teach's sheets) is made at once, as before, so that
    anchors are collected in the same order. Only for the versions whose
    `StyleFor.__init__` this follows (the rest of it as WeasyPrint's)."""
    style_for = _patch_target("weasyprint.css", "StyleFor", "_tall_teach_lazy")
    if style_for is None:
        return
    from math import inf

    import weasyprint.css as css
    from weasyprint.css import (
        declaration_precedence,
        find_style_attributes,
        preprocess_declarations,
    )

    general_call = style_for.__call__

    def cascade(style: dict[Any, Any], origin: str, layer_order: float, specificity: Any,
                declarations: Any) -> None:
        for name, values, importance in declarations:
            precedence = declaration_precedence(origin, importance)
            weight = (precedence, layer_order, specificity)
            old_weight = style.get(name, (None, None))[1]
            if old_weight is None or old_weight <= weight:
                style[name] = values, weight

    def make(self: Any, key: tuple[Any, str], matched: list[Any]) -> None:
        """The style of pseudo-element `key` from its `matched` declarations."""
        style: dict[str, Any] = {}
        for entry in matched:
            cascade(style, *entry)
        root, base_url, target_collector = self._tall_teach_made_with
        self._cascaded_styles[key] = style
        try:
            self.set_computed_styles(key[0], pseudo_type=key[1], root=root, parent=key[0],
                                     base_url=base_url, target_collector=target_collector)
        finally:
            del self._cascaded_styles[key]

    def __init__(self: Any, html: Any, sheets: Any, presentational_hints: Any,
                 font_config: Any, target_collector: Any) -> None:
        self._cascaded_styles = cascaded_styles = {}
        self._computed_styles = computed_styles = {}
        self.initial_page_sizes = {"box": None, "area": None}
        self._sheets = sheets
        self.font_config = font_config
        self._tall_teach_made_with = (html.etree_element, html.base_url, target_collector)
        pending: dict[tuple[Any, str], list[Any]] = {}
        self._tall_teach_pending = pending
        anchored: dict[int, bool] = {}  # id of a rule's declarations: sets the anchor?
        at_once: set[tuple[Any, str]] = set()

        css.PROGRESS_LOGGER.info("Step 3 - Applying CSS")
        layer_order = inf
        elements_declarations = {}
        for specificity, element, declarations, base_url in find_style_attributes(
                html.etree_element, presentational_hints, html.base_url):
            style = cascaded_styles.setdefault((element, None), {})
            elements_declarations[element] = tuple(declarations)
            for name, values, importance in preprocess_declarations(base_url, declarations):
                precedence = declaration_precedence("author", importance)
                weight = (precedence, layer_order, specificity)
                old_weight = style.get(name, (None, None))[1]
                if old_weight is None or old_weight <= weight:
                    style[name] = values, weight

        computed_cache = {}
        for element in html.wrapper_element.iter_subtree():
            etree_element = element.etree_element
            parent = element.parent.etree_element if element.parent else None
            parent_id = id(computed_styles[parent, None]) if element.parent else None
            element_declarations = elements_declarations.get(etree_element)
            selectors_keys = []
            for sheet, origin, sheet_specificity in sheets:
                for selector in sheet.matcher.match(element):
                    specificity, _order, pseudo_type, (declarations, layer) = selector
                    layer_order = inf if layer is None else sheet.layers.index(layer)
                    selectors_keys.append((sheet, specificity, id(declarations), layer_order))
                    specificity = sheet_specificity or specificity
                    if pseudo_type:
                        key = (etree_element, pseudo_type)
                        matched = pending.get(key)
                        if matched is None:
                            matched = pending[key] = []
                        matched.append((origin, layer_order, specificity, declarations))
                        sets = anchored.get(id(declarations))
                        if sets is None:
                            sets = anchored[id(declarations)] = any(
                                name == "anchor" for name, _, _ in declarations)
                        if sets:
                            at_once.add(key)
                        continue
                    cascade(cascaded_styles.setdefault((etree_element, None), {}), origin,
                            layer_order, specificity, declarations)

            key = (parent_id, element_declarations, tuple(selectors_keys))
            if key in computed_cache:
                computed_styles[etree_element, None] = computed_cache[key]
            else:
                self.set_computed_styles(
                    etree_element, root=html.etree_element, parent=parent,
                    base_url=html.base_url, target_collector=target_collector)
                computed_cache[key] = computed_styles[etree_element, None]

        if at_once:  # in the order WeasyPrint made them all
            for key in [key for key in pending if key in at_once]:
                make(self, key, pending.pop(key))
        self._cascaded_styles.clear()

    def __call__(self: Any, element: Any, pseudo_type: str | None = None) -> Any:
        if pseudo_type:
            pending = self.__dict__.get("_tall_teach_pending")
            if pending:
                matched = pending.pop((element, pseudo_type), None)
                if matched is not None:
                    make(self, (element, pseudo_type), matched)
        return general_call(self, element, pseudo_type)

    style_for._tall_teach_general_init = style_for.__init__  # kept for the tests
    style_for._tall_teach_general_call = general_call
    style_for.__init__ = __init__
    style_for.__call__ = __call__
    style_for._tall_teach_lazy = True


def _solved_once() -> None:
    """A declaration with `var()` (the theme's colours and fonts) validated once for each
    property it sets and each list of tokens its variables resolve to, not again for every
    element it applies to: WeasyPrint's `Pending.solve` remembered on the declaration
    (the tokens kept with it, so that their identities stay theirs); a value found invalid
    is not remembered (its warning as before). 1.6 % of laying out a module of the
    1,000-slide course. Only for the versions whose code this follows."""
    Pending = _patch_target("weasyprint.css.tokens", "Pending", "_tall_teach_once")
    if Pending is None:
        return
    general = Pending.solve

    def solve(self: Any, tokens: list[Any], wanted_key: str, base_url: str | None) -> Any:
        key = (wanted_key, base_url, *map(id, tokens))
        kept = self.__dict__.get("_tall_teach_solved")
        if kept is None:
            kept = self._tall_teach_solved = {}
        found = kept.get(key)
        if found is not None:
            return found[1]
        value = general(self, tokens, wanted_key, base_url)
        kept[key] = (tuple(tokens), value)
        return value

    Pending._tall_teach_general_solve = general  # kept for the tests
    Pending.solve = solve
    Pending._tall_teach_once = True


def _shared_text_setup() -> None:
    """WeasyPrint's text layouts made from a Pango context and a font description kept per
    font configuration, for each direction and language and each font, instead of new
    ones for every piece of text (4,000 a module of the 1,000-slide course: 3-3.7 % of
    laying it out). A Pango layout only reads its context and copies its font
    description; nothing changes a context after it is made here. The rest of
    `Layout.setup` as WeasyPrint's; only for the versions whose code this follows."""
    weasyprint = load_weasyprint()
    import weasyprint.text.line_break as line_break

    layout_class = line_break.Layout
    if getattr(layout_class, "_tall_teach_shared", False) or \
            weasyprint.__version__ not in _QUICK_STYLES_FOR:
        return
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    def context(style: Any) -> tuple[Any, Any]:
        """(Pango context, language) of `style`'s direction and language."""
        if style["font_language_override"] != "normal":
            override = style["font_language_override"]
            lang = LST_TO_ISO.get(override.lower(), override)
        else:
            lang = style["lang"] or None
        font_config = style.font_config
        kept = font_config.__dict__.setdefault("_tall_teach_text", ({}, {}))[0]
        key = (style["direction"], lang)
        found = kept.get(key)
        if found is None:
            made = ffi.gc(pango.pango_font_map_create_context(font_config.font_map),
                          gobject.g_object_unref)
            pango.pango_context_set_round_glyph_positions(made, False)
            pango.pango_context_set_base_dir(made, PANGO_DIRECTION[style["direction"]])
            if lang:
                lang_p, _ = unicode_to_char_p(lang)
                language = pango.pango_language_from_string(lang_p)
                pango.pango_context_set_language(made, language)
            else:
                language = pango.pango_language_get_default()
            found = kept[key] = (made, language)
        return found

    def description(style: Any) -> Any:
        kept = style.font_config.__dict__.setdefault("_tall_teach_text", ({}, {}))[1]
        variations = style["font_variation_settings"]
        key = (tuple(style["font_family"]), style["font_style"], style["font_stretch"],
               style["font_weight"], style["font_size"], style["font_variant_caps"],
               variations if isinstance(variations, str) else repr(variations))
        found = kept.get(key)
        if found is None:
            found = kept[key] = get_font_description(style)
        return found

    def setup(self: Any, style: Any) -> None:
        self.style = style
        self.first_line_direction = 0
        pango_context, self.language = context(style)
        assert not isinstance(style["font_family"], str), "font_family should be a list"
        font_description = description(style)
        self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(self.layout, False)
        pango.pango_layout_set_font_description(self.layout, font_description)
        if style["text_decoration_line"] != "none":
            metrics = ffi.gc(pango.pango_context_get_metrics(
                pango_context, font_description, self.language), pango.pango_font_metrics_unref)
            self.ascent = FROM_UNITS * pango.pango_font_metrics_get_ascent(metrics)
            self.underline_position = FROM_UNITS * (
                pango.pango_font_metrics_get_underline_position(metrics))
            self.strikethrough_position = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_position(metrics))
            self.underline_thickness = FROM_UNITS * (
                pango.pango_font_metrics_get_underline_thickness(metrics))
            self.strikethrough_thickness = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_thickness(metrics))
        else:
            self.ascent = self.underline_position = self.strikethrough_position = None
        features = font_features(
            style["font_kerning"], style["font_variant_ligatures"],
            style["font_variant_position"], style["font_variant_caps"],
            style["font_variant_numeric"], style["font_variant_alternates"],
            style["font_variant_east_asian"], style["font_feature_settings"])
        if features:
            text = ",".join(f"{key} {value}" for key, value in features.items()).encode()
            attr = style.font_config.font_features.setdefault(
                text, pango.pango_attr_font_features_new(text))
            attr_list = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attr_list, attr)
            pango.pango_layout_set_attributes(self.layout, attr_list)

    layout_class._tall_teach_general_setup = layout_class.setup  # kept for the tests
    layout_class.setup = setup
    layout_class._tall_teach_shared = True


LEADER_RUN = 16  # copies of a leader's text drawn as one box


def _merged_leaders() -> None:
    """A leader (`leader(dotted)`) drawn in runs of `LEADER_RUN` copies of its text, not
    one box per copy.

    WeasyPrint fills a leader with copies of its text ("."), each its own box, tagged and
    drawn apart: T-ALL's contents draw 2,700 dots, 70 % of laying out the contents page,
    which waits for every other chunk. After WeasyPrint has placed the copies (a
    contiguous run, one text width apart, from the right), every `LEADER_RUN` of them
    become one box of the text repeated, at its leftmost copy's place: the same glyphs at
    the same places (within the PDF's text positioning, 1/1000 em a glyph: at most
    0.02 mm over a run, where one box over a whole line drifted 0.2 mm).
    """
    import weasyprint.layout.inline as inline

    if getattr(inline, "_tall_teach_leaders", False):
        return
    from weasyprint.layout.leader import leader_index
    from weasyprint.text.line_break import split_first_line

    place = inline.handle_leader

    def handle_leader(context: Any, line: Any, containing_block: Any) -> None:
        place(context, line, containing_block)
        leader = leader_index(line)[1]
        copies = sorted(leader.children if leader is not None else (),
                        key=lambda box: -box.position_x)  # from the right
        if len(copies) < 2:
            return
        runs, layouts = [], {}
        for at in range(0, len(copies), LEADER_RUN):
            run = copies[at: at + LEADER_RUN]
            left = run[-1]
            text = left.text * len(run)
            if text not in layouts:
                layout, length, _, _, _, _ = split_first_line(
                    text, left.style, context, None, 0, is_line_start=False)
                if length != len(text.encode()):
                    return  # not one line: keep the copies
                layouts[text] = layout
            merged = left.copy_with_text(text)
            merged.pango_layout = layouts[text]
            merged.width = left.width * len(run)
            runs.append(merged)
        leader.children = tuple(runs)

    inline.handle_leader = handle_leader
    inline._tall_teach_leaders = True


def _remember_page_references() -> None:
    """pydyf's `PDF.page_references`, kept until a page is added (the same tuple).

    The property builds the tuple of every page's reference each time it is read, and
    WeasyPrint reads it once per tagged element and per anchor: quadratic in the pages
    (a 605-page chunk spent 12 % of its time there). Pages are only ever appended to
    `Kids`, so its length says when the tuple must be built again.
    """
    import pydyf

    if getattr(pydyf.PDF, "_tall_teach_page_references", False):
        return
    build = pydyf.PDF.page_references.fget

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        kept = self.__dict__.get("_tall_teach_refs")
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = (kids, len(kids), build(self))
            self.__dict__["_tall_teach_refs"] = kept
        return kept[2]  # type: ignore[no-any-return]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._tall_teach_page_references = True


PAUSED_UP_TO = 2_000_000  # characters of HTML up to which the collector is paused


@contextlib.contextmanager
def _collected_after(paused: bool = False) -> Iterator[None]:
    """One garbage collection at the end of a document instead of many while it is laid out.

    Laying out allocates millions of boxes and styles that live until the document is
    written, so the collector's default pace (every 700 new objects) mostly rescans them:
    10-15 % of a chunk's CPU time. Inside, it runs 14 times less often, or not at all if
    `paused` (a document small enough that what it drops while being laid out does not
    matter: a handout's chunk, at most `chunks.PART_CARDS` cards), and older objects are
    frozen (not rescanned); on leaving, one collection frees the document's reference
    cycles, so memory stays that of one document (without it, a handout's chunks piled
    up: 254 against 132 MiB for eight chunks of 100 cards).
    """
    import gc

    before, enabled = gc.get_threshold(), gc.isenabled()
    gc.freeze()
    if paused:
        gc.disable()
    else:
        gc.set_threshold(10_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if paused and enabled:
            gc.enable()
        gc.collect()
        gc.unfreeze()


_SHARED: dict[tuple[Any, ...], tuple[Any, Any, list[Any]]] | None = None  # also <style> sheets


@contextlib.contextmanager
def sharing_fonts() -> Iterator[None]:
    """Documents printed inside share one font configuration and extra stylesheets.

    Registering the theme's font files costs each document ~0.05 s; the chunks of one
    handout share them (WeasyPrint allows one configuration for many documents). On
    leaving, the configurations and the temporary folder of their fonts are dropped.
    """
    global _SHARED
    outer = _SHARED
    if outer is None:
        _SHARED = {}
    try:
        yield
    finally:
        if outer is None:
            drop_shared_fonts()
            _SHARED = None


_INHERITED: list[Any] = []


def keep_inherited_fonts() -> None:
    """In every forked process, first thing (`os.register_at_fork`): the shared font
    configurations inherited from the parent are kept alive until this process ends. Each
    removes its fonts' temporary folder when freed, and that folder is the parent's, which
    may still be laying out with it (the footers are laid out beside the contents)."""
    if _SHARED:
        _INHERITED.append(dict(_SHARED))


if hasattr(os, "register_at_fork"):  # POSIX: every fork, whoever forks
    os.register_at_fork(after_in_child=keep_inherited_fonts)


def drop_shared_fonts() -> None:
    """Forget the shared configurations now, their fonts' temporary folders removed (a
    forked worker exits without cleaning up): `remove_font_folders`."""
    if _SHARED is not None:
        _SHARED.clear()
    remove_font_folders()


_MADE: list[tuple[int, Any]] = []  # (process, weak reference) of each configuration made


def remove_font_folders() -> None:
    """The temporary folder of the fonts of every font configuration this process made
    and still holds, removed now (none of them lays out anything after this).

    WeasyPrint removes it when the configuration is freed, and laid-out documents hold
    theirs in reference cycles: a full garbage collection (25-40 ms in a process that
    has laid out a handout, on the way of every build's handout) found them before. A
    forked process leaves the configurations it inherited alone: their folders are its
    parent's, which may still be laying out with them. Without WeasyPrint's folder
    attribute (another version), the collection as before."""
    import shutil

    here = os.getpid()
    kept = []
    for made_in, made in _MADE:
        config = made()
        if config is None or made_in != here:
            continue
        if not hasattr(config, "_folder"):
            import gc

            gc.collect()
            return
        folder, config._folder = config._folder, None
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        kept.append((made_in, made))
    _MADE[:] = kept


def _fonts(stylesheets: tuple[str, ...], roots: tuple[Path, ...]) -> tuple[Any, Any, list[Any]]:
    """Fetcher, font configuration and parsed extra stylesheets (shared in `sharing_fonts`)."""
    key = (stylesheets, roots)
    if _SHARED is not None and key in _SHARED:
        return _SHARED[key]
    weasyprint = load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = make_offline_fetcher(roots)
    font_config = FontConfiguration()  # shared, so @font-face in `stylesheets` is honoured
    import weakref

    _MADE.append((os.getpid(), weakref.ref(font_config)))
    css = [weasyprint.CSS(string=text, url_fetcher=fetcher, font_config=font_config)
           for text in stylesheets]
    if _SHARED is not None:
        _SHARED[key] = (fetcher, font_config, css)
    return fetcher, font_config, css


def _clean_up_in_lanes() -> None:
    from tall_teach import lanes

    if remove_font_folders not in lanes.BEFORE_RESULTS:
        lanes.BEFORE_RESULTS.append(remove_font_folders)


_clean_up_in_lanes()


@dataclass(frozen=True)
class Paged:
    """A laid-out PDF and what assembling it with others needs: its length and anchors."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]  # anchor name -> 0-based page index


def render_paged(
    html: str,
    base_dir: Path | None = None,
    pdf_variant: str | None = None,
    *,
    stylesheets: Sequence[str] = (),
    allowed_roots: Sequence[Path] = (),
) -> Paged:
    """`html_to_pdf`, also telling the page count and on which page each anchor landed.

    The laid-out document is dropped before returning: a caller printing a handout in
    chunks holds one chunk's boxes at a time.
    """
    # after `_render` returned, its document is garbage
    with _collected_after(len(html) <= PAUSED_UP_TO):
        return _render(html, base_dir, pdf_variant, tuple(stylesheets), tuple(allowed_roots))


def _render(
    html: str,
    base_dir: Path | None,
    pdf_variant: str | None,
    stylesheets: tuple[str, ...],
    allowed_roots: tuple[Path, ...],
) -> Paged:
    weasyprint = load_weasyprint()
    if not isinstance(weasyprint.tinycss2, _ParsedOnce):
        weasyprint.tinycss2 = _ParsedOnce(weasyprint.tinycss2)
    _remember_page_references()
    _open_arrays()
    _merged_leaders()
    _sheets_once()
    _regex_once()
    _quick_styles()
    _lazy_pseudo_styles()
    _solved_once()
    _shared_text_setup()
    from tall_teach.htmlkit import marginboxes

    marginboxes.install()
    fetcher, font_config, css = _fonts(stylesheets, allowed_roots)
    document = weasyprint.HTML(
        string=_printable(html),
        base_url=str(base_dir) if base_dir else None,
        url_fetcher=fetcher,
    )
    options: dict[str, object] = {"uncompressed_pdf": False}
    finisher = None
    if pdf_variant:
        from tall_teach.htmlkit.pdftags import add_table_header_scopes

        options["pdf_variant"] = pdf_variant
        finisher = add_table_header_scopes
    rendered = document.render(font_config=font_config, stylesheets=css, **options)
    anchors: dict[str, int] = {}
    for index, page in enumerate(rendered.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    pdf = rendered.write_pdf(finisher=finisher, **options)
    return Paged(pdf, len(rendered.pages), anchors)
