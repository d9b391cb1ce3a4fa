"""docs/cli.md, generated from the click commands themselves so the reference cannot drift.

`python -m tall_teach.clidoc > docs/cli.md` rewrites it; a test fails when it is stale.
"""

from __future__ import annotations

import click

HEADER = """# Command-line reference

Generated from the commands themselves (`python -m tall_teach.clidoc > docs/cli.md`;
`tests/pipeline/test_docs.py` fails when this file is stale). The same text is printed
by `tall-teach COMMAND --help`. The authoring guide is `docs/authoring.md`.
"""

WIDTH = 88


def _help(command: click.Command, path: list[str], parent: click.Context | None
          ) -> tuple[str, click.Context]:
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    ctx = click.Context(command, info_name=path[-1], parent=parent, **settings)
    return command.get_help(ctx), ctx


def render(main: click.Group) -> str:
    """The whole reference: the group's help, then every command (and sub-group) in turn."""
    parts = [HEADER]

    def visit(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        text, ctx = _help(command, path, parent)
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"{level} `{' '.join(path)}`\n\n```text\n{text.rstrip()}\n```\n")
        if isinstance(command, click.Group):
            for name in sorted(command.list_commands(ctx)):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    visit(sub, [*path, name], ctx)

    visit(main, ["tall-teach"], None)
    return "\n".join(parts)


if __name__ == "__main__":
    from tall_teach.cli import main as _main

    click.echo(render(_main), nl=False)
