"""The packaged defaults and overrides: one lookup rule for Word templates, site templates, guide
pages and mkdocs.yml; `khrongkan template`; what `check` says about overrides; build/mkdocs.yml."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile

from click.testing import CliRunner

from generator import __version__, resources
from generator.cli import main
from generator.overrides import check_overrides, fields
from generator.sitebuild import build_site

from conftest import REPO_ROOT

PROPOSAL_ID = "2570-001-naphoe-welfare"

DEFAULT_NAMES = {"templates/proposal.docx", "templates/report.docx", "templates/agenda.docx", "templates/minutes.docx",
                 "templates/summary.docx", "templates/site/home.md.j2", "templates/site/proposal.md.j2",
                 "site/writing.md", "site/assets/extra.css", "mkdocs.yml"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_package_data_globs_are_the_ones_the_lookup_reads():
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = pyproject["tool"]["setuptools"]
    assert setuptools["package-dir"]["generator.defaults"] == "."
    assert tuple(setuptools["package-data"]["generator.defaults"]) == resources.PATTERNS
    assert DEFAULT_NAMES <= set(resources.default_names())


def test_the_sample_province_overrides_nothing():
    assert resources.overrides(REPO_ROOT) == []
    assert {r.source for r in resources.in_use(REPO_ROOT)} == {resources.PACKAGE}


def test_a_repository_without_files_uses_every_default(mini_repo):
    for name in DEFAULT_NAMES:
        found = resources.find(mini_repo.root, name)
        assert (found.source, found.path) == (resources.PACKAGE, resources.defaults_dir() / name)


def test_a_changed_file_overrides_and_an_identical_copy_does_not(mini_repo):
    default = resources.defaults_dir() / "site/writing.md"
    mini_repo.write("site/writing.md", default.read_bytes())
    assert resources.find(mini_repo.root, "site/writing.md").source == resources.PACKAGE
    mini_repo.write("site/writing.md", default.read_text(encoding="utf-8") + "\nเพิ่มเติมของจังหวัด\n")
    found = resources.find(mini_repo.root, "site/writing.md")
    assert (found.source, found.path, found.is_override) == (resources.REPOSITORY, mini_repo.root / "site/writing.md", True)
    assert [r.name for r in resources.overrides(mini_repo.root)] == ["site/writing.md"]


def test_a_site_template_can_extend_the_default_with_the_default_prefix(mini_repo):
    mini_repo.write("templates/site/home.md.j2", '{% include "default:home.md.j2" %}\n\nข้อความเพิ่มของจังหวัดชุมพร\n')
    from generator.pages import render_pages

    pages = dict(render_pages(mini_repo.check(), mini_repo.root))
    assert pages["index.md"].rstrip().endswith("ข้อความเพิ่มของจังหวัดชุมพร")
    default = dict(render_pages(mini_repo.check(), mini_repo.root.parent))["index.md"]  # no override there
    assert pages["index.md"].startswith(default.rstrip())  # the default's page comes first
    assert check_overrides(mini_repo.root) == []  # it uses what the default uses


def test_template_export_copies_one_default_and_never_overwrites(mini_repo):
    result = run("template", "export", "proposal.docx", "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    exported = mini_repo.root / "templates/proposal.docx"
    assert exported.read_bytes() == (resources.defaults_dir() / "templates/proposal.docx").read_bytes()
    assert "คัดลอก templates/proposal.docx" in result.output
    again = run("template", "export", "proposal.docx", "--repo", mini_repo.root)
    assert again.exit_code == 1
    assert "อยู่แล้ว จะไม่เขียนทับ" in again.output
    assert run("template", "export", "site/home.md.j2", "--repo", mini_repo.root).exit_code == 0
    assert (mini_repo.root / "templates/site/home.md.j2").is_file()


def test_template_export_of_an_unknown_name_suggests_the_right_one(mini_repo):
    result = run("template", "export", "propsal.docx", "--repo", mini_repo.root)
    assert result.exit_code == 2
    assert "ไม่มีไฟล์มาตรฐานชื่อ 'propsal.docx' — หมายถึง 'proposal.docx' หรือไม่?" in result.output


def test_template_list_says_package_or_override_per_file(mini_repo):
    mini_repo.write("mkdocs.yml", (resources.defaults_dir() / "mkdocs.yml").read_text(encoding="utf-8")
                    .replace("primary: teal", "primary: indigo"))
    result = run("template", "list", "--repo", mini_repo.root)
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "ของคลังโครงการ (แก้เอง)" in lines["mkdocs.yml"]
    assert "มาตรฐานจากแพ็กเกจ" in lines["templates/proposal.docx"]
    assert "แก้เอง 1 ไฟล์" in result.output


def remove_from_docx(path, old: str, new: str) -> None:
    data = {}
    with zipfile.ZipFile(path) as original:
        infos = original.infolist()
        for info in infos:
            data[info.filename] = original.read(info.filename)
    text = data["word/document.xml"].decode("utf-8")
    assert old in text
    data["word/document.xml"] = text.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as changed:
        for info in infos:
            changed.writestr(info, data[info.filename])


def test_an_override_lacking_a_field_of_the_current_default_is_t004(mini_repo):
    assert run("template", "export", "proposal.docx", "--repo", mini_repo.root).exit_code == 0
    remove_from_docx(mini_repo.root / "templates/proposal.docx", "{{ requested_words }}", "")
    problems = check_overrides(mini_repo.root)
    assert [(p.code, p.file, p.params["value"]) for p in problems] == [("T004", "templates/proposal.docx", "requested_words")]
    assert problems[0].message("th").startswith(
        f"templates/proposal.docx ของคลังโครงการไม่มี requested_words ซึ่งแม่แบบมาตรฐานของ khrongkan {__version__} ใช้")
    assert "khrongkan template export proposal.docx --to" in problems[0].message("th")
    assert "lacks requested_words" in problems[0].message("en")
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 0  # a warning
    assert "ไฟล์ที่คลังโครงการแก้เอง (ใช้แทนไฟล์มาตรฐาน): templates/proposal.docx" in result.output
    assert "templates/proposal.docx: T004" in result.output
    report = json.loads(run("check", "--repo", mini_repo.root, "--format", "json").output)
    assert report["overrides"] == ["templates/proposal.docx"]


def test_site_template_and_mkdocs_overrides_are_compared_too(mini_repo):
    default = (resources.defaults_dir() / "templates/site/years.md.j2").read_text(encoding="utf-8")
    assert "site.include" in fields(resources.defaults_dir() / "templates/site/years.md.j2")
    mini_repo.write("templates/site/years.md.j2", default.replace("site.include", "site.link"))
    config = (resources.defaults_dir() / "mkdocs.yml").read_text(encoding="utf-8")
    mini_repo.write("mkdocs.yml", config.replace("  - assets/thai-search.js\n", ""))
    found = {p.file: p.params["value"] for p in check_overrides(mini_repo.root)}
    assert found["mkdocs.yml"] == "extra_javascript.assets/thai-search.js"
    assert "site.include" in found["templates/site/years.md.j2"]


def test_the_site_leaves_the_mkdocs_configuration_that_rebuilds_it(mini_repo):
    build_site(mini_repo.root, documents=False)
    config = mini_repo.root / "build" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "mkdocs build -f build/mkdocs.yml" in text
    assert f"INHERIT: {(resources.defaults_dir() / 'mkdocs.yml').as_posix()}" in text
    page = mini_repo.root / "build" / "site" / "proposals" / PROPOSAL_ID / "index.html"
    assert f"สร้างด้วย khrongkan {__version__}" in page.read_text(encoding="utf-8")  # the footer
    (mini_repo.root / "build" / "site").rename(mini_repo.root / "build" / "site-by-khrongkan")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml"],
                          cwd=mini_repo.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert page.is_file() and f"khrongkan {__version__}" in page.read_text(encoding="utf-8")
