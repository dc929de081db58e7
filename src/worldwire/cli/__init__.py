"""The command line: thin commands over the library (store queries, pipeline).

One module per group of commands, each listing its commands in ``COMMANDS``.
"""

from __future__ import annotations

import sys

import click

from ..errors import WorldwireError
from . import actors, analysis, browse, evaluate, export, fetch, ingest, places, report, scale, serve, stories


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="worldwire")
def cli() -> None:
    """worldwire: news in, evidence-linked events, quotations and actors out.

    Example: worldwire ingest examples/corpus && worldwire events --type CONSULT
    """


for _module in (ingest, fetch, browse, actors, places, analysis, stories, report, evaluate, export, scale, serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except WorldwireError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
