"""A sandboxed Jinja2 environment over a theme's template folders, autoescaping on."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


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
        loader=jinja2.FileSystemLoader(list(folders)),
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
