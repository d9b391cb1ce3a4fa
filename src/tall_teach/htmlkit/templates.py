"""A sandboxed Jinja2 environment over a theme's template folders, autoescaping on."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


def confined_loader(folders: Sequence[str | Path]) -> Any:
    """A FileSystemLoader that reads only regular files really inside its folders.

    Jinja's own loader refuses `..` in a template name but follows symlinks: a theme
    shipped in a course could `{% include 'x.j2' %}` with `x.j2 -> /etc/passwd` and
    copy that file into the handout. Here the resolved path must stay inside the
    resolved search folder, as `Theme.file()` requires of every other theme file.
    """
    import jinja2
    from jinja2.loaders import split_template_path

    from tall_teach.errors import ThemeError

    class ConfinedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)
            for searchpath in self.searchpath:
                filename = os.path.join(searchpath, *pieces)
                if not os.path.lexists(filename):
                    continue
                real = os.path.realpath(filename)
                folder = os.path.realpath(searchpath)
                if os.path.commonpath([real, folder]) != folder:
                    raise ThemeError(
                        f"template {filename} leads out of the theme folder {searchpath} "
                        f"(a symbolic link to {real}): copy the file into the theme")
                if not os.path.isfile(real):
                    raise ThemeError(f"template {filename} is not a regular file")
                if os.path.getsize(real) > MAX_TEMPLATE_BYTES:
                    raise ThemeError(f"template {filename} is over 2 MB: not a template")
                with open(real, encoding=self.encoding) as handle:
                    source = handle.read()
                seen = (real, os.path.getmtime(real))

                def uptodate(filename: str = filename, seen: tuple[str, float] = seen) -> bool:
                    try:  # a file swapped for a link elsewhere is loaded (and refused) again
                        now = os.path.realpath(filename)
                        return (now, os.path.getmtime(now)) == seen
                    except OSError:
                        return False

                return source, os.path.normpath(filename), uptodate
            raise jinja2.TemplateNotFound(template)

    return ConfinedLoader([str(f) for f in folders])


def make_environment(folders: list[Path]) -> Any:
    """The environment for these template folders, made once per process: Jinja keeps
    the templates it compiled and recompiles one only when its file changes (a preview
    rebuilding on every save would otherwise compile every template again)."""
    return _environment(tuple(str(f) for f in folders))


@functools.lru_cache(maxsize=16)
def _environment(folders: tuple[str, ...]) -> Any:
    """Autoescaping, strict undefined: a typo in a template fails loudly, content is escaped.

    Sandboxed: a theme may travel inside a shared course folder, and a plain Jinja
    environment lets a template reach Python (`cycler.__init__.__globals__.os`) and run
    anything at build time. The immutable sandbox refuses such attribute walks and
    calls that mutate what the writers pass in.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        loader=confined_loader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(folders: list[Path], name: str, **context: Any) -> str:
    """Render one template; template errors become ThemeError naming the template."""
    import jinja2

    from tall_teach.errors import ThemeError

    try:
        return make_environment(folders).get_template(name).render(**context)
    except ThemeError:
        raise
    except jinja2.exceptions.SecurityError as exc:
        raise ThemeError(
            f"template {_place(exc, name)} tried something a theme may not do ({exc}); "
            "templates can only show the values they are given"
        ) from None
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise ThemeError(f"template {f'{where}:{line}' if line else where}: {exc}") from None
    except Exception as exc:  # a theme is code-like: whatever it raises is the theme's fault
        raise ThemeError(
            f"template {_place(exc, name)} failed while rendering ({type(exc).__name__}: "
            f"{exc}); fix the theme's template or switch the course back to the default theme"
        ) from None


def _place(exc: BaseException, name: str) -> str:
    """`file:line` of the template at fault, from the traceback: Jinja maps the frames of
    a template being rendered back to its file and line."""
    where: str | None = None
    line: int | None = None
    frame = exc.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code.co_filename
        if code.endswith(".j2"):
            where, line = code, frame.tb_lineno
        frame = frame.tb_next
    where = where or name
    return f"{where}:{line}" if line else where
