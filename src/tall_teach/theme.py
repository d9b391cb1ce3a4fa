"""Themes are data folders (template, CSS, Jinja templates, theme.yaml) on a search path.

A theme may travel inside a shared course, so loading one is guarded: the folder must be
a theme (it holds theme.yaml), never a system folder; `extends:` chains are finite; the
values that reach CSS or XML are checked against strict patterns (themecheck.py); and the
build cache hashes only the files a theme declares or renders from, never a whole tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tall_teach.a11y.palette import check_palette
from tall_teach.errors import ThemeError

_PACKAGE_DIR = Path(__file__).resolve().parent
SETTINGS_FILE = "theme.yaml"
TEMPLATE_FOLDERS = ("handout", "quiz", "slides")  # templates, CSS and labels writers render
MAX_EXTENDS = 8
MAX_THEME_FILES = 500  # in the template folders: a theme is tens of files, not a tree
MAX_SETTINGS_BYTES = 256 * 1024
# Folders that are never a theme, nor hold one (a course writing `theme: /etc`).
SYSTEM_FOLDERS = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/root",
                  "/run", "/sbin", "/sys", "/usr/bin", "/usr/lib", "/usr/sbin", "/var")


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
        """The files a build can read from the theme, for the build cache.

        theme.yaml, the files its settings name (template, fonts) and the template
        folders: never a walk of the whole folder, which a hostile course could point
        at /usr (gigabytes) or /etc (files no build should open).
        """
        found: set[Path] = set()
        for root in self.roots:
            if (root / SETTINGS_FILE).is_file():
                found.add(root / SETTINGS_FILE)
            for folder in TEMPLATE_FOLDERS:
                found.update(_folder_files(root, root / folder))
        for relative in self.declared_files():
            try:
                found.add(self.file(relative))
            except ThemeError:
                continue  # the writer that needs it says so
        return sorted(found)

    def declared_files(self) -> list[str]:
        """Theme-relative files named in theme.yaml: the deck template and the fonts."""
        named = [str(self.get("pptx.template", "template.pptx"))]
        fonts = self.get("fonts.files", {})
        if isinstance(fonts, dict):
            named.extend(str(v) for v in fonts.values() if isinstance(v, str))
        return named

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.settings
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def _folder_files(root: Path, folder: Path) -> list[Path]:
    """Regular files under a theme's template folder that really lie inside the theme."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    inside = root.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            if path.resolve().is_relative_to(inside) and path.is_file():
                found.append(path)
        except (OSError, RuntimeError):
            continue  # a loop or an unreadable link: the loader refuses it if it is used
        if len(found) > MAX_THEME_FILES:
            raise ThemeError(f"theme folder {folder} holds over {MAX_THEME_FILES} files: "
                             "a theme's handout/ and quiz/ folders hold its templates only")
    return found


def find_theme(name: str, course_root: Path | None = None, base: Path | None = None) -> Path:
    """Resolve a theme name (a folder under themes/) or a path relative to the course.

    `base` is the folder a path is relative to when it is not the course (the child
    theme's folder, for `extends:`).
    """
    relative_to = base or course_root
    if "/" in name or name.startswith(".") or "\\" in name:
        if relative_to is None:
            raise ThemeError(f"theme {name!r}: a theme path needs a course folder")
        candidate = (relative_to / name).resolve()
        if not candidate.is_dir():
            raise ThemeError(f"theme folder {name!r} not found (looked in {candidate})")
        return _checked_folder(name, candidate, course_root)
    for folder in theme_search_path():
        candidate = folder / name
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(p) for p in theme_search_path())
    raise ThemeError(f"theme {name!r} not found (searched {searched})")


def _checked_folder(name: str, folder: Path, course_root: Path | None) -> Path:
    """A theme folder: holds theme.yaml, is no system folder and does not hold the course."""
    real = str(folder.resolve())
    system = [s for s in SYSTEM_FOLDERS if real == s or real.startswith(s + "/")]
    if real == "/" or system or real == str(Path.home().resolve()):
        raise ThemeError(f"theme {name!r} names the system folder {real}: a theme is a folder "
                         "of its own holding theme.yaml (for example themes/mine)")
    if course_root is not None and course_root.resolve().is_relative_to(real):
        raise ThemeError(f"theme {name!r} ({real}) holds the course folder itself: put the "
                         "theme in a folder of its own, e.g. a 'theme/' folder in the course")
    if not (folder / SETTINGS_FILE).is_file():
        raise ThemeError(f"theme {name!r} ({real}) has no {SETTINGS_FILE}: a theme folder "
                         "holds theme.yaml (copy themes/default to start one)")
    return folder


def load_theme(name: str, course_root: Path | None = None) -> Theme:
    """Load a theme and its settings; a child theme may `extends:` another theme."""
    from tall_teach.themecheck import check_settings

    root = find_theme(name, course_root)
    roots, settings = _load_chain(name, root, course_root)
    theme = Theme(name=name, roots=roots, settings=settings)
    check_settings(theme)
    check_palette(name, theme.settings.get("colors"))
    return theme


def _load_chain(name: str, root: Path, course_root: Path | None
                ) -> tuple[tuple[Path, ...], dict[str, Any]]:
    """The theme's folder and every folder it extends, and the merged settings.

    A loop (`a extends b extends a`) is an error naming the theme.yaml files in it.
    """
    chain: list[Path] = []
    layers: list[dict[str, Any]] = []
    current: Path | None = root
    while current is not None:
        if current.resolve() in [c.resolve() for c in chain]:
            files = " -> ".join(str(c / SETTINGS_FILE) for c in [*chain, current])
            raise ThemeError(f"theme {name!r}: 'extends:' loops ({files}): remove one 'extends:'")
        if len(chain) >= MAX_EXTENDS:
            raise ThemeError(f"theme {name!r}: 'extends:' chains over {MAX_EXTENDS} themes "
                             f"(from {chain[0] / SETTINGS_FILE}): shorten the chain")
        chain.append(current)
        settings = _read_settings(current)
        layers.append({k: v for k, v in settings.items() if k != "extends"})
        parent = settings.get("extends")
        if parent is None or parent == "":
            current = None
        elif not isinstance(parent, str):
            raise ThemeError(f"{current / SETTINGS_FILE}: 'extends:' names one theme, "
                             f"not {type(parent).__name__}")
        else:
            current = find_theme(parent, course_root, base=current)
    merged: dict[str, Any] = {}
    for layer in reversed(layers):
        merged = _deep_merge(merged, layer)
    return tuple(chain), merged


def safe_load(text: str) -> Any:
    """`yaml.safe_load` through libyaml when PyYAML has it (the same values; a theme's
    settings or labels took 10 ms each in pure Python); a text libyaml refuses is parsed
    again in pure Python, whose error is the one raised."""
    import yaml

    if getattr(yaml, "__with_libyaml__", False):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)  # a safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _read_settings(root: Path) -> dict[str, Any]:
    import yaml

    settings_file = root / SETTINGS_FILE
    if not settings_file.is_file():
        return {}
    if settings_file.stat().st_size > MAX_SETTINGS_BYTES:
        raise ThemeError(f"{settings_file}: over 256 KB, not a theme's settings")
    try:
        loaded = safe_load(settings_file.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{settings_file}: invalid YAML: {exc}") from None
    if not isinstance(loaded, dict):
        raise ThemeError(f"{settings_file}: expected a mapping of settings")
    return loaded


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
