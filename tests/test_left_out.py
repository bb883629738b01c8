"""Nothing skipped in silence: every proposal a command leaves out is named and the exit status
is 1; a thing named like one of our files that is not a regular file is an error at its path;
quorum messages do not count members of a roster that cannot be read."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import committee, pages
from generator.cli import main
from generator.left_out import left_out
from generator.validate import check_repository

from conftest import MEETING, PROPOSAL_DIR, REPO_ROOT
from problem_asserts import codes, the_problem

# One breakage per proposal of a copy of the sample: each kind that makes a proposal unusable.
BREAKS = {
    "2570-001-thasae-welfare": (lambda t: re.sub(r"(?m)^  start: \d{4}-\d\d-\d\d", "  start: 2026-02-30", t, count=1), "D002"),
    "2570-002-lamae-housing": (lambda t: re.sub(r"(?m)^title: .*$", "title: 5", t, count=1), "S007"),
    "2570-003-pathio-disaster": (lambda t: re.sub(r"(?m)^title:", "titel:", t, count=1), "S001"),
    "2570-004-sawi-crabbank": (lambda t: re.sub(r"(?m)^kind: \w+", "kind: other", t, count=1), "S004"),
    "2570-005-langsuan-council": (lambda t: re.sub(r"(?m)^  name:", "\tname:", t, count=1), "Y002"),
    "2570-006-phato-coffee": (lambda t: re.sub(r"unit_cost: (\d)", r"unit_cost: -\1", t, count=1), "M001"),
    "2570-007-thungtako-banana": (lambda t: re.sub(r"(?m)^title: .*\n", "", t, count=1), "S002"),
}
GOOD = ["2570-008-mueang-land", "2570-009-mueang-youth", "2570-010-sawi-elderly"]


@pytest.fixture(scope="module")
def broken_sample(tmp_path_factory) -> Path:
    """A copy of the sample repository with seven proposals broken, one way each."""
    root = tmp_path_factory.mktemp("broken") / "repo"
    root.mkdir()
    for name in ("khrongkan.yaml", "committee.yaml"):
        shutil.copy(REPO_ROOT / name, root / name)
    for name in ("meetings", "proposals", "reference"):
        shutil.copytree(REPO_ROOT / name, root / name)
    for project_id, (change, _code) in BREAKS.items():
        path = root / "proposals" / "2570" / project_id / "proposal.yaml"
        text = path.read_text(encoding="utf-8")
        assert change(text) != text, project_id
        path.write_text(change(text), encoding="utf-8")
    return root


def _reports(root: Path, project_id: str) -> list[int]:
    folder = root / "proposals" / "2570" / project_id
    return sorted(int(p.stem.split("-")[1]) for p in folder.glob("report-*.yaml"))


def _assert_named(output: str, root: Path, heading_th: str) -> None:
    assert heading_th in output and "khrongkan check" in output, output
    for project_id, (_change, code) in BREAKS.items():
        line = next((ln for ln in output.splitlines() if ln.startswith(f"  - {project_id} ")), None)
        assert line is not None, f"{project_id} not named:\n{output}"
        assert f" {code} " in line, line  # the reason: its first error, at its file and line
        reports = _reports(root, project_id)
        if reports:
            assert "รายงานฉบับที่ " + ", ".join(map(str, reports)) in line, line
    english = next(ln for ln in output.splitlines() if "(see khrongkan check):" in ln)
    assert all(project_id in english for project_id in BREAKS)
    named = [ln for ln in output.splitlines() if ln.startswith("  - ")] + [english]
    assert not any(project_id in line for project_id in GOOD for line in named)


def test_every_broken_proposal_is_left_out_with_its_first_error(broken_sample):
    result = check_repository(broken_sample)
    items = left_out(result)
    assert [item.project_id for item in items] == list(BREAKS)
    for item in items:
        assert item.errors[0].code == BREAKS[item.project_id][1]
        assert item.reports == _reports(broken_sample, item.project_id)
    assert [item.project_id for item in left_out(result, ids=["2570-003"])] == ["2570-003-pathio-disaster"]
    assert left_out(result, fiscal_year=2569) == []


def test_render_names_every_proposal_without_documents_and_exits_1(broken_sample, tmp_path):
    out = tmp_path / "docx"
    run = CliRunner().invoke(main, ["render", "--repo", str(broken_sample), "--out", str(out)])
    assert run.exit_code == 1, run.output
    _assert_named(run.output, broken_sample, "ไม่ได้สร้างเอกสารของโครงการต่อไปนี้")
    made = sorted(p.name for p in out.glob("*.docx"))
    assert made and all(name.startswith(tuple(GOOD)) for name in made)


def test_render_of_one_broken_proposal_names_it_instead_of_no_such_project(broken_sample, tmp_path):
    run = CliRunner().invoke(main, ["render", "2570-002", "--repo", str(broken_sample), "--out", str(tmp_path)])
    assert run.exit_code == 1, run.output
    assert "  - 2570-002-lamae-housing (แบบเสนอโครงการ" in run.output and "S007" in run.output
    assert "ไม่พบโครงการรหัส" not in run.output and not list(tmp_path.glob("*.docx"))


def test_agenda_names_proposals_that_cannot_be_on_it(broken_sample, tmp_path):
    run = CliRunner().invoke(main, ["agenda", str(broken_sample / "meetings" / "2570" / "03.yaml"),
                                    "--out", str(tmp_path)])
    assert run.exit_code == 1, run.output
    assert list(tmp_path.glob("*.docx"))  # the agenda is still written, for the proposals it has
    _assert_named(run.output, broken_sample, "ระเบียบวาระอาจไม่ครบ")


def test_summary_names_proposals_it_does_not_count(broken_sample, tmp_path):
    run = CliRunner().invoke(main, ["summary", "--fy", "2570", "--repo", str(broken_sample), "--out", str(tmp_path)])
    assert run.exit_code == 1, run.output
    _assert_named(run.output, broken_sample, "สรุปภาพรวมไม่นับโครงการต่อไปนี้")


def test_site_names_proposals_without_a_page(broken_sample):
    run = CliRunner().invoke(main, ["site", "--repo", str(broken_sample)])
    assert run.exit_code == 1, run.output
    _assert_named(run.output, broken_sample, "เว็บไซต์ไม่มีหน้าของโครงการต่อไปนี้")
    site = broken_sample / "build" / "site"
    assert (site / "proposals" / GOOD[0] / "index.html").is_file()
    assert not (site / "proposals" / "2570-002-lamae-housing").exists()


def test_a_clean_repository_names_nothing(mini_repo, tmp_path):
    run = CliRunner().invoke(main, ["render", "--repo", str(mini_repo.root), "--out", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert "khrongkan check" not in run.output


# --- things named like our files that are not regular files ----------------------------------------

def test_proposal_yaml_that_is_a_folder_says_so_not_missing(mini_repo):
    proposal = mini_repo.root / PROPOSAL_DIR / "proposal.yaml"
    proposal.unlink()
    proposal.mkdir()
    result = mini_repo.check()
    the_problem(result, "P013", f"{PROPOSAL_DIR}/proposal.yaml", fragment="เป็นโฟลเดอร์", fragment_en="a folder")
    assert "P008" not in codes(result)
    assert [item.project_id for item in left_out(result)] == [PROPOSAL_DIR.rsplit("/", 1)[1]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_report_that_is_a_fifo_is_an_error_and_never_opened(mini_repo, tmp_path):
    report = mini_repo.root / PROPOSAL_DIR / "report-1.yaml"
    os.mkfifo(report)  # opening it for reading would block until a writer comes: the check must not
    result = mini_repo.check()
    the_problem(result, "P013", f"{PROPOSAL_DIR}/report-1.yaml", fragment="FIFO", fragment_en="named pipe")
    run = CliRunner().invoke(main, ["render", "--repo", str(mini_repo.root), "--out", str(tmp_path)])
    assert run.exit_code == 1 and "รายงานฉบับที่ 1" in run.output and "P013" in run.output, run.output


def test_meeting_and_roster_that_are_folders(mini_repo):
    (mini_repo.root / "meetings" / "2570" / "01.yaml").mkdir(parents=True)
    (mini_repo.root / "committee.yaml").unlink()
    (mini_repo.root / "committee.yaml").mkdir()
    result = mini_repo.check()
    the_problem(result, "P013", "meetings/2570/01.yaml", fragment="โฟลเดอร์")
    the_problem(result, "P013", "committee.yaml")
    assert "A007" not in codes(result)


def test_broken_symlink_named_like_a_report_is_reported(mini_repo):
    report = mini_repo.root / PROPOSAL_DIR / "report-2.yaml"
    try:
        report.symlink_to(mini_repo.root / "nowhere.yaml")
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    the_problem(mini_repo.check(), "P012", f"{PROPOSAL_DIR}/report-2.yaml")


# --- quorum without a readable roster ------------------------------------------------------------

def test_quorum_is_not_judged_when_the_roster_cannot_be_read(mini_repo):
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    mini_repo.write("committee.yaml", "members: 5\n")
    result = mini_repo.check()
    problem = the_problem(result, "R015", "meetings/2570/01.yaml", mini_repo.line_of("meetings/2570/01.yaml", "decision:"),
                          "จนกว่าจะแก้ committee.yaml", fragment_en="cannot be judged until committee.yaml is fixed")
    assert "0 present" not in problem.message("en")
    assert "R005" not in codes(result)
    repository = result.repository
    meeting = repository.meetings[0]
    context = committee.minutes_context(repository, meeting)
    assert "committee.yaml" in context["quorum_text"] and "ไม่ครบองค์ประชุม" not in context["quorum_text"]
    assert context["large_size"] == context["quorum_needed"] == context["large_present"] == "-"
    assert "committee.yaml" in committee.agenda_context(repository, meeting)["quorum_rule"]
    meetings_page = pages.render_pages(result, mini_repo.root)["meetings.md"]
    assert "จนกว่าจะแก้ไฟล์รายชื่อกรรมการ committee.yaml" in meetings_page and "ต้องมีอย่างน้อย" not in meetings_page
    decision = meeting.decisions[0]
    proposal = repository.proposals[decision.proposal_id]
    assert "committee.yaml" in committee._invalid_reason(repository, meeting, decision, proposal)
