"""The template check (khrongkan check): broken tags, unknown variables, missing templates."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from generator import resources
from generator.cli import main
from generator.documents import DOCUMENT_KINDS, DocumentKind, template_path
from generator.templates_check import check_templates


def copy_template_with(root: Path, name: str, old: str, new: str) -> Path:
    """Put a copy of a shipped template into root/templates with one piece of its text changed."""
    source = template_path(root, name)
    target = root / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {name}"
                data = text.replace(old, new, 1).encode("utf-8")
            changed.writestr(info, data)
    return target


def test_shipped_templates_pass(sample_root):
    assert check_templates(sample_root) == []


def test_a_repository_without_templates_uses_the_shipped_ones(mini_repo):
    assert not (mini_repo.root / "templates").exists()
    assert check_templates(mini_repo.root) == []
    assert template_path(mini_repo.root, "proposal.docx") == resources.defaults_dir() / "templates" / "proposal.docx"


def test_a_broken_tag_is_t001_naming_the_template(mini_repo):
    copy_template_with(mini_repo.root, "proposal.docx", "{{ title }}", "{{ title }")
    problems = check_templates(mini_repo.root)
    assert [(p.code, p.file) for p in problems] == [("T001", "templates/proposal.docx")]
    assert "templates/proposal.docx" in problems[0].message("th")


def test_an_unknown_variable_is_t002_with_a_suggestion(mini_repo):
    copy_template_with(mini_repo.root, "report.docx", "{{ reported }}", "{{ reportd }}")
    problems = check_templates(mini_repo.root)
    assert [(p.code, p.file, p.params["value"]) for p in problems] == [("T002", "templates/report.docx", "reportd")]
    assert "reported" in problems[0].message("th")


def test_a_misspelt_attribute_is_t002_too(mini_repo):
    copy_template_with(mini_repo.root, "proposal.docx", "{{ organization.name }}", "{{ organization.nmae }}")
    problems = check_templates(mini_repo.root)
    assert [(p.code, p.params["value"]) for p in problems] == [("T002", "nmae")]
    assert "'name'" in problems[0].message("en")


def test_a_file_that_is_not_a_docx_is_t001(mini_repo):
    target = mini_repo.root / "templates" / "report.docx"
    target.parent.mkdir(parents=True)
    target.write_text("not a Word file", encoding="utf-8")
    problems = check_templates(mini_repo.root)
    assert [(p.code, p.file) for p in problems] == [("T001", "templates/report.docx")]


def test_a_missing_template_is_t003(mini_repo, monkeypatch):
    monkeypatch.setitem(DOCUMENT_KINDS, "letter", DocumentKind("letter.docx", dict))
    problems = check_templates(mini_repo.root)
    assert [(p.code, p.file) for p in problems] == [("T003", "templates/letter.docx")]


def test_khrongkan_check_reports_template_problems(mini_repo):
    copy_template_with(mini_repo.root, "proposal.docx", "{{ title }}", "{%p if %}")
    result = CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root)])
    assert result.exit_code == 1
    assert "templates/proposal.docx: T001" in result.output
    shutil.rmtree(mini_repo.root / "templates")
    assert CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root)]).exit_code == 0
