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


def cli_reference() -> str:
    from .cli import cli

    # the group's context settings (-h as well as --help), as a real run applies them: a command
    # caches its help option on first use, so docs built after a run would otherwise differ
    ctx = click.Context(cli, info_name="worldwire", **cli.context_settings)
    lines = [
        "# CLI reference",
        "",
        "Generated from the code by `python -m worldwire.docs`; do not edit by hand.",
        "",
    ]
    for name, cmd in sorted(cli.commands.items()):
        lines += _command_doc(name, cmd, ctx)
    lines += ["# Settings", "", "Each setting is read from the environment variable `WORLDWIRE_<NAME>`.", "",
              "| setting | variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `WORLDWIRE_{s.name.upper()}` | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(cli_reference(), end="")
