"""Documentation that cannot drift (datasette's habit)."""

from pathlib import Path

import click

from worldwire.cli import cli
from worldwire.docs import cli_reference, undocumented

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == cli_reference(), "docs/cli.md is stale: run `.venv/bin/python -m worldwire.docs > docs/cli.md`"


def test_every_command_option_and_setting_is_documented():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert undocumented(cli, reference, readme) == []


def _app() -> click.Group:
    """A temporary app with one documented command."""

    @click.group()
    def app() -> None:
        """A temporary app.

        Example: app hello
        """

    @app.command()
    @click.option("--name", help="Who to greet.")
    def hello(name) -> None:
        """Greet someone.

        Example: app hello --name Ada
        """

    return app


def test_the_check_passes_for_a_documented_app():
    app = _app()
    assert undocumented(app, cli_reference(app, settings=False), settings=False) == []


def test_the_check_fails_for_a_command_added_without_documentation():
    app = _app()
    reference = cli_reference(app, settings=False)  # the docs as they were before the command landed

    @app.command()
    @click.option("--loud", is_flag=True)
    def shout(loud) -> None:
        pass

    problems = undocumented(app, reference, settings=False)
    assert "`worldwire shout` lacks help with an example" in problems
    assert "option --loud of `worldwire shout` has no help" in problems
    assert "`worldwire shout` is not in the CLI reference" in problems
    assert any("stale" in p for p in problems)


def test_the_check_fails_for_a_documented_command_missing_from_the_reference():
    app = _app()
    reference = cli_reference(app, settings=False)

    @app.command()
    def wave() -> None:
        """Wave.

        Example: app wave
        """

    assert undocumented(app, reference, settings=False) == [
        "`worldwire wave` is not in the CLI reference",
        "the CLI reference is stale: run `.venv/bin/python -m worldwire.docs > docs/cli.md`",
    ]
    assert undocumented(app, cli_reference(app, settings=False), settings=False) == []


def test_a_setting_missing_from_the_readme_is_reported():
    problems = undocumented(_app(), readme="nothing here", settings=False)
    assert "setting db is not documented in the README" in problems
