"""Documentation is tested: every command and every setting is documented in the README."""

from __future__ import annotations

import click
import yaml

from generator.cli import main
from generator.validate.schema import SCHEMA_DIR

from conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "khrongkan") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += _command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme():
    commands = _command_paths(main)
    assert "khrongkan check" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help_text():
    for path in _command_paths(main):
        command = main
        for part in path.split()[1:]:
            command = command.commands[part]
        assert command.help and command.help.strip(), f"{path} has no help text"


def test_every_setting_is_in_the_readme():
    schema = yaml.safe_load((SCHEMA_DIR / "settings.yaml").read_text(encoding="utf-8"))
    missing = [key for key in schema if f"`{key}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_readme_gives_exactly_the_two_setup_commands():
    assert "bash scripts/dev.sh build" in README
    assert "bash scripts/dev.sh test" in README
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/dev.sh test" in ci
