"""Documentation that cannot drift (datasette's habit)."""

from pathlib import Path

from worldwire.cli import cli
from worldwire.docs import cli_reference
from worldwire.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == cli_reference(), "docs/cli.md is stale: run `.venv/bin/python -m worldwire.docs > docs/cli.md`"


def test_every_command_has_help_with_an_example():
    def walk(group, prefix=""):
        for name, cmd in group.commands.items():
            yield prefix + name, cmd
            if hasattr(cmd, "commands"):
                yield from walk(cmd, prefix + name + " ")

    for name, cmd in walk(cli):
        assert cmd.help and "Example:" in cmd.help, f"`worldwire {name}` lacks help with an example"


def test_every_option_has_help():
    def walk(group):
        for cmd in group.commands.values():
            yield cmd
            if hasattr(cmd, "commands"):
                yield from walk(cmd)

    for cmd in walk(cli):
        for p in cmd.params:
            if p.param_type_name == "option":
                assert p.help, f"option {p.opts} of `{cmd.name}` has no help"


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"WORLDWIRE_{s.name.upper()}" in readme, f"setting {s.name} is not documented in the README"
