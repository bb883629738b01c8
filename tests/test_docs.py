"""Documentation is tested: every command and every setting is documented in the README."""

from __future__ import annotations

import re

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


def test_readme_starts_in_thai_for_the_secretariat():
    """The secretariat reads the top of the README: Thai first, with the two set-up commands and
    the everyday commands, before the English text begins."""
    english = README.index("*Documents-as-code")
    top = README[:english]
    assert "## สำหรับกองเลขา" in top
    for command in ("bash scripts/dev.sh build", "bash scripts/dev.sh test", "`khrongkan new proposal`",
                    "`khrongkan check`", "`khrongkan site`"):
        assert command in top, command
    prose = re.sub(r"`[^`]*`|```.*?```|\([^)]*\)|\[[^\]]*\]", "", top, flags=re.S)
    assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", prose), "English prose before the Thai opening ends"


def test_the_guide_explains_how_a_proposal_reaches_the_committee():
    """The guide page for members is in the site's menu and names who does what at each step."""
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    guide = next(item["คู่มือ"] for item in config["nav"] if isinstance(item, dict) and "คู่มือ" in item)
    assert {"การส่งแบบเสนอโครงการ": "submitting.md"} in guide
    page = (REPO_ROOT / "site" / "submitting.md").read_text(encoding="utf-8")
    for step in ("กองเลขา", "คณะยุทธศาสตร์ชุดใหญ่", "ทำข้อตกลง", "รายงานความก้าวหน้า", "LINE", "Word",
                 "`khrongkan new proposal`", "`khrongkan check`", "(writing.md)", "(pending.md)"):
        assert step in page, step
