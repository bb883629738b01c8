"""`khrongkan check --format github`: problems as GitHub Actions annotations on the changed lines."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import PROPOSAL_DIR
from generator.cli import main
from generator.github import annotation, escape_data, escape_property
from generator.problems import CATALOGUE, WARNING, Problem


def test_escaping_follows_githubs_toolkit():
    assert escape_data("100% ok\r\nnext") == "100%25 ok%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert escape_data("a:b,c") == "a:b,c"  # the message keeps : and ,


def test_an_error_and_a_warning_become_annotations():
    error = Problem("S002", "proposals/2570/x,y/proposal.yaml", 3, 5,
                    {"key": "title", "field": "ชื่อโครงการ (title)", "where_th": "", "where_en": ""})
    assert annotation(error) == ("::error file=proposals/2570/x%2Cy/proposal.yaml,line=3,col=5,title=S002::"
                                 "ขาดหัวข้อ ชื่อโครงการ (title)")
    assert annotation(error, "en").endswith("::required key 'title' is missing")
    warning = next(code for code, kind in CATALOGUE.items() if kind.severity == WARNING)
    assert annotation(Problem(warning, "a.yaml", 0, 0, {})).startswith("::warning file=a.yaml,title=")


def test_check_prints_annotations_and_fails_on_errors(mini_repo):
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "kind: area", "kind: place")
    line = mini_repo.line_of(f"{PROPOSAL_DIR}/proposal.yaml", "kind: place")
    result = CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root), "--format", "github"])
    assert result.exit_code == 1
    assert (f"::error file={PROPOSAL_DIR}/proposal.yaml,line={line},col=7,title=S004::"
            "ประเภทโครงการ (kind) มีค่า 'place' ไม่ได้ ต้องเป็นหนึ่งใน: area, issue") in result.stdout.splitlines()
    assert "พบข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ" in result.stderr


def test_a_clean_repository_prints_no_annotation(mini_repo):
    result = CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root), "--format", "github"])
    assert result.exit_code == 0 and "::" not in result.stdout
