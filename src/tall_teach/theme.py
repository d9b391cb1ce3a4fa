"""Themes are data folders (template, CSS, Jinja templates, theme.yaml) on a search path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tall_teach.a11y.palette import check_palette
from tall_teach.errors import ThemeError

_PACKAGE_DIR = Path(__file__).resolve().parent


def theme_search_path() -> list[Path]:
    """Installed wheel first (themes copied into the package), then a source checkout."""
    return [_PACKAGE_DIR / "themes", _PACKAGE_DIR.parent.parent / "themes"]


@dataclass(frozen=True)
class Theme:
    """A loaded theme: its folder and the parsed theme.yaml settings."""

    name: str
    roots: tuple[Path, ...]  # the theme's folder first, then the themes it extends
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.roots[0]

    def file(self, relative: str) -> Path:
        """A file of the theme (or of a theme it extends); ThemeError when missing."""
        for root in self.roots:
            path = (root / relative).resolve()
            if not path.is_relative_to(root.resolve()):
                raise ThemeError(
                    f"theme {self.name!r}: {relative!r} points outside the theme folder"
                )
            if path.is_file():
                return path
        raise ThemeError(f"theme {self.name!r}: missing file {relative!r} in {self.root}")

    def files(self) -> list[Path]:
        """Every file the theme consists of, for the build cache."""
        return sorted(p for root in self.roots for p in root.rglob("*") if p.is_file())

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.settings
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def find_theme(name: str, course_root: Path | None = None) -> Path:
    """Resolve a theme name (a folder under themes/) or a path relative to the course."""
    if course_root is not None and ("/" in name or name.startswith(".")):
        candidate = (course_root / name).resolve()
        if candidate.is_dir():
            return candidate
        raise ThemeError(f"theme folder {name!r} not found (looked in {candidate})")
    for base in theme_search_path():
        candidate = base / name
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(p) for p in theme_search_path())
    raise ThemeError(f"theme {name!r} not found (searched {searched})")


def load_theme(name: str, course_root: Path | None = None) -> Theme:
    """Load a theme and its settings; a child theme may `extends:` another theme."""
    import yaml

    root = find_theme(name, course_root)
    settings_file = root / "theme.yaml"
    settings: dict[str, Any] = {}
    if settings_file.is_file():
        try:
            loaded = yaml.safe_load(settings_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ThemeError(f"{settings_file}: invalid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise ThemeError(f"{settings_file}: expected a mapping of settings")
        settings = loaded
    parent = settings.get("extends")
    if parent:
        base = load_theme(str(parent))
        own = {k: v for k, v in settings.items() if k != "extends"}
        merged = _deep_merge(base.settings, own)
        theme = Theme(name=name, roots=(root, *base.roots), settings=merged)
    else:
        theme = Theme(name=name, roots=(root,), settings=settings)
    check_palette(name, theme.settings.get("colors"))
    return theme


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
