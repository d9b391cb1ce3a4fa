"""Theme values checked once, at load: what reaches CSS, SVG or XML must match a strict pattern.

Writers paste colours and font names into stylesheets: `fonts.body: "Evil\\n} body {
display:none } x {"` once emptied the handout. Every value a writer may paste is checked
here against a pattern that cannot close a string, a rule or an element; an error names
the theme.yaml file and line. The deck template is a zip: its sizes are checked too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tall_teach.errors import ThemeError

if TYPE_CHECKING:
    from tall_teach.theme import Theme

HEX_COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")
FONT_NAME = re.compile(r"[^\W_][\w .+-]{0,62}")  # letters, digits, space . + - _ only
THEME_PATH = re.compile(r"(?!.*\.\.)[\w][\w./-]{0,199}")
PDF_VARIANT = re.compile(r"(pdf/[a-z0-9-]{1,16})?")
FONT_KEYS = ("fonts.heading", "fonts.body", "handout.embedded_family")
NUMBER_RANGES = {"pptx.sizes": (4, 200), "lint": (1, 10_000)}
MAX_TEMPLATE_MEMBERS = 5_000
MAX_TEMPLATE_UNZIPPED = 256 * 1024 * 1024  # a real template with pictures is tens of MB


def check_settings(theme: Theme) -> None:
    """ThemeError at the first value a writer could not paste safely."""
    for key, value in _mapping(theme, "colors").items():
        if not isinstance(value, str | int) or not HEX_COLOUR.fullmatch(str(value)):
            _fail(theme, f"colors.{key}", value, "must be a hex colour like \"1F3A5F\" (quoted)")
    for dotted in FONT_KEYS:
        _font_name(theme, dotted, theme.get(dotted))
    fallbacks = theme.get("handout.font_fallbacks", [])
    if not isinstance(fallbacks, list):
        _fail(theme, "handout.font_fallbacks", fallbacks, "must be a list of font names")
    for name in fallbacks:
        _font_name(theme, "handout.font_fallbacks", name)
    variant = theme.get("handout.pdf_variant", "")
    if not isinstance(variant, str) or not PDF_VARIANT.fullmatch(variant):
        _fail(theme, "handout.pdf_variant", variant, "must be like pdf/ua-1, or \"\"")
    for section, (low, high) in NUMBER_RANGES.items():
        for key, value in _mapping(theme, section).items():
            if isinstance(value, dict | list):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not low <= value <= high:
                _fail(theme, f"{section}.{key}", value, f"must be a number from {low} to {high}")
    for relative in theme.declared_files():
        if not THEME_PATH.fullmatch(relative):
            _fail(theme, "fonts.files", relative, "must be a path inside the theme folder")
    template = theme.get("pptx.template", "template.pptx")
    for root in theme.roots:
        path = root / str(template)
        if path.is_file():
            check_zip(path)
            break


def check_zip(path: Path) -> None:
    """A deck template that unzips to a sane size: member count, declared and real sizes.

    The declared sizes are summed first (cheap); then every member is inflated in chunks
    and counted, so a member whose header lies is caught too (and a bad CRC is damage).
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_TEMPLATE_MEMBERS:
                raise ThemeError(f"{path}: {len(members)} parts, too many for a .pptx template")
            declared = sum(m.file_size for m in members)
            if declared > MAX_TEMPLATE_UNZIPPED:
                raise ThemeError(f"{path} unzips to {declared // 2**20} MB (over "
                                 f"{MAX_TEMPLATE_UNZIPPED // 2**20} MB): not a usable template "
                                 "(a zip bomb?); save the template again without large media")
            total = 0
            for member in members:
                with archive.open(member) as handle:
                    while chunk := handle.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_TEMPLATE_UNZIPPED:
                            raise ThemeError(f"{path} unzips to over "
                                             f"{MAX_TEMPLATE_UNZIPPED // 2**20} MB: not a "
                                             "usable template (a zip bomb?)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ThemeError(f"{path} is not a readable .pptx file ({exc}): save it again from "
                         "PowerPoint") from None


def _font_name(theme: Theme, dotted: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not FONT_NAME.fullmatch(value):
        _fail(theme, dotted, value, "must be a font name (letters, digits, spaces, . + - only)")


def _mapping(theme: Theme, dotted: str) -> dict[str, Any]:
    value = theme.get(dotted, {})
    if not isinstance(value, dict):
        _fail(theme, dotted, value, "must be a mapping of 'name: value'")
    return value


def _fail(theme: Theme, dotted: str, value: Any, rule: str) -> None:
    shown = repr(value) if len(repr(value)) < 60 else repr(value)[:57] + "..."
    raise ThemeError(f"{_place(theme, dotted)}: theme {theme.name!r}: {dotted} {rule} "
                     f"(got {shown})")


def _place(theme: Theme, dotted: str) -> str:
    """`theme.yaml:LINE` of the first theme in the chain that sets the key."""
    import yaml

    for root in theme.roots:
        settings = root / "theme.yaml"
        try:
            node: Any = yaml.compose(settings.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        line = 0
        for part in dotted.split("."):
            if not isinstance(node, yaml.MappingNode):
                node = None
                break
            node, line = next(((v, k.start_mark.line + 1) for k, v in node.value
                               if getattr(k, "value", None) == part), (None, line))
            if node is None:
                break
        if node is not None:
            return f"{settings}:{line}"
    return str(theme.root / "theme.yaml")
