"""The pre-commit hook (.pre-commit-hooks.yaml) run by pre-commit itself in a temporary git repository.

The hook repository is a copy of this checkout's .pre-commit-hooks.yaml committed alone (the hook
uses `language: system`, so it needs nothing else), which tests the file as users get it, even
before it is committed here. Runs offline: pre-commit clones a local path and installs nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROPOSAL, REPO_ROOT

HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"


def git(folder: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=กองเลขา", "-c", "user.email=secretariat@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=folder, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_the_hook_definition():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "khrongkan-check")
    assert hook["entry"] == "khrongkan check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False


def test_pre_commit_passes_a_clean_commit_and_refuses_a_broken_proposal(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    hooks_repo = tmp_path / "hooks"
    hooks_repo.mkdir()
    shutil.copy(HOOKS, hooks_repo / ".pre-commit-hooks.yaml")
    assert git(hooks_repo, "init", "-q", env=env).returncode == 0
    git(hooks_repo, "add", ".", env=env)
    assert git(hooks_repo, "commit", "-q", "-m", "hooks", env=env).returncode == 0
    rev = git(hooks_repo, "rev-parse", "HEAD", env=env).stdout.strip()

    repo = tmp_path / "chumphon"
    assert CliRunner().invoke(main, ["init", "--province", "ชุมพร", str(repo)]).exit_code == 0
    proposal = repo / "proposals" / "2570" / "2570-001-naphoe-welfare" / "proposal.yaml"
    proposal.parent.mkdir(parents=True)
    proposal.write_text(PROPOSAL.replace("coordinator: s01\n", ""), encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [
        {"repo": hooks_repo.as_uri(), "rev": rev, "hooks": [{"id": "khrongkan-check"}]}]}), encoding="utf-8")
    assert git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, encoding="utf-8")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    git(repo, "add", ".", env=env)
    clean = git(repo, "commit", "-m", "เริ่มคลังโครงการ", env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "khrongkan check" in clean.stdout + clean.stderr and "Passed" in clean.stdout + clean.stderr

    proposal.write_text(proposal.read_text(encoding="utf-8").replace("kind: area", "kind: place"), encoding="utf-8")
    git(repo, "add", ".", env=env)
    broken = git(repo, "commit", "-m", "แก้ประเภทโครงการ", env=env)
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0, output
    assert "S004 ประเภทโครงการ (kind) มีค่า 'place' ไม่ได้ ต้องเป็นหนึ่งใน: area, issue" in output
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"  # the broken commit was refused
