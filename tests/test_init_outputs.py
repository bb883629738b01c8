"""What `khrongkan init` writes besides the data: the workflow, .gitignore, VS Code's settings,
and what it says (which files it kept; that the repository must be private)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import PROPOSAL, REPO_ROOT
from generator import __version__, publishing
from generator.cli import main


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> tuple[Path, str]:
    """A new repository for ชุมพร with one filled proposal, and what init printed."""
    root = tmp_path_factory.mktemp("init") / "chumphon"
    result = CliRunner().invoke(main, ["init", "--province", "ชุมพร", str(root)])
    assert result.exit_code == 0, result.output
    proposal = root / "proposals" / "2570" / "2570-001-naphoe-welfare" / "proposal.yaml"
    proposal.parent.mkdir(parents=True)
    proposal.write_text(PROPOSAL.replace("coordinator: s01\n", ""), encoding="utf-8")
    return root, result.output


def workflow(root: Path) -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True.
    return yaml.safe_load((root / publishing.WORKFLOW_FILE).read_text(encoding="utf-8"))


def test_the_workflow_installs_the_version_that_wrote_it(fresh):
    root, _ = fresh
    data = workflow(root)
    assert data["env"]["KHRONGKAN"] == f"khrongkan @ git+{publishing.RELEASE_REPOSITORY}@v{__version__}"
    assert f"@v{__version__}" in publishing.release_requirement()
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert publishing.release_requirement() in readme  # README names the same source and version
    assert f"rev: v{__version__}" in readme  # and the pre-commit hook's release


def test_the_workflow_checks_builds_and_publishes_only_the_site(fresh):
    root, _ = fresh
    data = workflow(root)
    assert set(data[True]) == {"pull_request", "push", "workflow_dispatch"}
    assert data[True]["push"]["branches"] == ["main"]
    steps = data["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step and not step.get("id", "").startswith("install-")]
    assert runs == ["khrongkan check --format github", "khrongkan render --pdf", "khrongkan site"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert pages["with"] == {"path": "build/site"} and "pull_request" in pages["if"]
    documents = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert documents["with"]["path"].split() == ["build/docx", "build/pdf"]
    deploy = data["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    system = next(step for step in steps if step.get("id") == "install-system")["run"]
    assert "libreoffice-writer-nogui" in system and "fonts-thai-tlwg" in system


def test_the_workflow_is_a_valid_github_workflow(fresh):
    """check-jsonschema's vendored GitHub-workflow schema: no network needed."""
    root, _ = fresh
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(root / publishing.WORKFLOW_FILE)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = root / "broken.yml"
    broken.write_text(publishing.workflow_yaml().replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(broken)], capture_output=True, text=True, encoding="utf-8")
    broken.unlink()
    assert result.returncode == 1  # the lint can fail


@pytest.mark.libreoffice
def test_every_command_of_the_workflow_runs_in_a_fresh_repository(fresh):
    """A renamed command or option breaks this test before it breaks 77 provinces' builds."""
    root, _ = fresh
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    steps = workflow(root)["jobs"]["build"]["steps"]
    ran = []
    for step in steps:
        if "run" not in step or step.get("id", "").startswith("install-"):
            continue
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env, capture_output=True,
                                text=True, encoding="utf-8")
        assert result.returncode == 0, f"{step['run']}: {result.stdout}{result.stderr}"
        ran.append(step["id"])
    assert ran == ["check", "documents", "site"]
    assert (root / "build" / "docx" / "2570-001-naphoe-welfare.docx").is_file()
    assert (root / "build" / "pdf" / "2570-001-naphoe-welfare.pdf").is_file()
    assert (root / "build" / "site" / "proposals" / "2570-001-naphoe-welfare" / "index.html").is_file()


def test_gitignore_keeps_outputs_caches_and_venvs_out(fresh):
    root, _ = fresh
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/build/", "/.khrongkan/", "/.venv/"} <= set(lines)


def test_vscode_maps_every_file_kind_to_its_schema(fresh):
    root, _ = fresh
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema in mapping:
        assert (root / schema).is_file(), f"{schema} is not written by init"
    files = {"khrongkan.yaml": "settings", "committee.yaml": "committee", "reference/areas.yaml": "areas",
             "reference/issues.yaml": "issues", "proposals/2570/2570-001-x/proposal.yaml": "proposal",
             "proposals/2570/2570-001-x/report-2.yaml": "report", "meetings/2570/01.yaml": "meeting"}
    for file, name in files.items():
        matched = [schema for schema, globs in mapping.items() if any(fnmatch(file, g) for g in globs)]
        assert matched == [f"./.khrongkan/schemas/{name}.schema.json"], file
    proposal = json.loads((root / ".khrongkan/schemas/proposal.schema.json").read_text(encoding="utf-8"))
    assert "ท่าแซะ" in proposal["properties"]["area"]["properties"]["district"]["enum"]
    extensions = json.loads((root / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_init_says_the_repository_must_be_private(fresh):
    _, output = fresh
    assert "ต้องเป็นคลังส่วนตัว (PRIVATE)" in output and "build/site" in output
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "PRIVATE" in readme


def test_init_into_a_folder_with_files_keeps_them_and_says_which(tmp_path):
    root = tmp_path / "repo"
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "khrongkan.yml").write_text("name: ของเดิม\n", encoding="utf-8")
    (root / ".gitignore").write_text("*.bak\n", encoding="utf-8")
    (root / "notes.txt").write_text("บันทึก", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", "--province", "ชุมพร", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / ".github" / "workflows" / "khrongkan.yml").read_text(encoding="utf-8") == "name: ของเดิม\n"
    assert (root / ".gitignore").read_text(encoding="utf-8") == "*.bak\n"
    assert (root / "notes.txt").read_text(encoding="utf-8") == "บันทึก"
    kept = [line for line in result.output.splitlines() if line.startswith("มีอยู่แล้ว เก็บไว้ตามเดิม")]
    assert kept == [f"มีอยู่แล้ว เก็บไว้ตามเดิม (kept, not overwritten) {root / '.gitignore'}",
                    f"มีอยู่แล้ว เก็บไว้ตามเดิม (kept, not overwritten) {root / publishing.WORKFLOW_FILE}"]
    assert f"เขียน (wrote) {root / 'khrongkan.yaml'}" in result.output
