"""Reference documentation generated from the code, so it cannot drift.

    .venv/bin/python -m worldwire.docs > docs/cli.md

writes the CLI reference (every command, its help and options) and the
settings table; ``tests/test_docs.py`` fails when docs/cli.md is stale.
"""

from __future__ import annotations

import click

from .settings import SETTINGS


def _command_doc(name: str, cmd: click.Command, ctx: click.Context, depth: int = 2) -> list[str]:
    lines = [f"{'#' * depth} `worldwire {name}`", ""]
    help_text = (cmd.help or "").strip()
    if help_text:
        lines += [help_text.replace("\b\n", ""), ""]
    sub_ctx = click.Context(cmd, info_name=name, parent=ctx)
    usage = cmd.get_usage(sub_ctx).replace("Usage: ", "")
    lines += ["```", usage, "```", ""]
    params = [p for p in cmd.get_params(sub_ctx) if isinstance(p, click.Option) and p.name != "help"]
    if params:
        lines += ["| option | help |", "|---|---|"]
        for p in params:
            record = p.get_help_record(sub_ctx)
            if record:
                lines.append(f"| `{record[0].replace('|', chr(92) + '|')}` | {record[1].replace('|', chr(92) + '|')} |")
        lines.append("")
    if isinstance(cmd, click.Group):
        for sub_name, sub in sorted(cmd.commands.items()):
            lines += _command_doc(f"{name} {sub_name}", sub, sub_ctx, depth + 1)
    return lines


def cli_reference(group: click.Group | None = None, name: str = "worldwire", settings: bool = True) -> str:
    """The reference of ``group`` (default: the worldwire CLI) as Markdown."""
    if group is None:
        from .cli import cli as group
    cli = group
    # the group's context settings (-h as well as --help), as a real run applies them: a command
    # caches its help option on first use, so docs built after a run would otherwise differ
    ctx = click.Context(cli, info_name=name, **cli.context_settings)
    lines = [
        "# CLI reference",
        "",
        "Generated from the code by `python -m worldwire.docs`; do not edit by hand.",
        "",
    ]
    for cmd_name, cmd in sorted(cli.commands.items()):
        lines += _command_doc(cmd_name, cmd, ctx)
    if not settings:
        return "\n".join(lines) + "\n"
    lines += ["# Settings", "", "Each setting is read from the environment variable `WORLDWIRE_<NAME>`.", "",
              "| setting | variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `WORLDWIRE_{s.name.upper()}` | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"


def _walk(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + name, cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, prefix + name + " ")


def undocumented(group: click.Group | None = None, reference: str | None = None, readme: str | None = None,
                 name: str = "worldwire", settings: bool = True) -> list[str]:
    """What the docs lack, one line each (empty when all is documented): a
    command without help or without an ``Example:``, an option without help,
    a command missing from ``reference`` (the CLI reference text) or a
    reference that is not the one the code generates, a setting missing from
    ``readme``. ``group`` defaults to the worldwire CLI; ``settings``: the
    reference ends with the settings table."""
    if group is None:
        from .cli import cli as group
    problems = []
    for cmd_name, cmd in _walk(group):
        if not (cmd.help and "Example:" in cmd.help):
            problems.append(f"`{name} {cmd_name}` lacks help with an example")
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.help:
                problems.append(f"option {'/'.join(p.opts)} of `{name} {cmd_name}` has no help")
        if reference is not None and f"`{name} {cmd_name}`" not in reference:
            problems.append(f"`{name} {cmd_name}` is not in the CLI reference")
    if reference is not None and reference != cli_reference(group, name, settings=settings):
        problems.append("the CLI reference is stale: run `.venv/bin/python -m worldwire.docs > docs/cli.md`")
    if readme is not None:
        problems += [f"setting {s.name} is not documented in the README" for s in SETTINGS
                     if f"WORLDWIRE_{s.name.upper()}" not in readme]
    return problems


if __name__ == "__main__":
    print(cli_reference(), end="")
