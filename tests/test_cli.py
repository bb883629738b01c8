"""`khrongkan check`: output format, languages, JSON, exit codes; once as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
from generator.cli import main

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"
REPORT1 = f"{PROPOSAL_DIR}/report-1.yaml"


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    # Bad input never surfaces as an exception: only SystemExit (the exit code) may end a command.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_clean_repository_exits_0_in_thai(mini_repo):
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 0
    assert "ผ่าน: ไม่พบปัญหา" in result.output


def test_clean_repository_in_english(mini_repo):
    result = run("check", "--repo", mini_repo.root, "--lang", "en")
    assert result.exit_code == 0
    assert "OK: no problems found" in result.output


def break_two_things(repo) -> tuple[int, int]:
    repo.replace(PROPOSAL, "district: สวี", "district: สวิ")
    repo.replace(PROPOSAL, "amount: 1200", "amount: 1300")
    return repo.line_of(PROPOSAL, "district: สวิ"), repo.line_of(PROPOSAL, "amount: 1300")


def test_problems_are_printed_as_path_line_col_code_message(mini_repo):
    district_line, amount_line = break_two_things(mini_repo)
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{PROPOSAL}:{district_line}:13: A001 ไม่พบอำเภอ 'สวิ' ในจังหวัดชุมพร — หมายถึง 'สวี' หรือไม่?"
    assert lines[1].startswith(f"{PROPOSAL}:{amount_line}:17: M004 จำนวนเงิน 1,300 ไม่เท่ากับ 15 x 80 x 1 = 1,200")
    assert "พบข้อผิดพลาด 2 รายการ คำเตือน 0 รายการ" in result.stderr


def test_problems_in_english(mini_repo):
    district_line, _ = break_two_things(mini_repo)
    result = run("check", "--repo", mini_repo.root, "--lang", "en")
    assert result.exit_code == 1
    assert f"{PROPOSAL}:{district_line}:13: A001 no district 'สวิ' in ชุมพร — did you mean 'สวี'?" in result.stdout
    assert "2 error(s), 0 warning(s)" in result.stderr


def test_json_output(mini_repo):
    district_line, amount_line = break_two_things(mini_repo)
    result = run("check", "--repo", mini_repo.root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 2 and data["warnings"] == 0
    first = data["problems"][0]
    assert first["code"] == "A001" and first["file"] == PROPOSAL
    assert (first["line"], first["column"]) == (district_line, 13)
    assert first["severity"] == "error"
    assert "หมายถึง 'สวี'" in first["message"] and "did you mean 'สวี'" in first["message_en"]
    assert [p["line"] for p in data["problems"]] == [district_line, amount_line]


def test_json_in_english_and_clean(mini_repo):
    result = run("check", "--repo", mini_repo.root, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"errors": 0, "warnings": 0, "problems": [], "overrides": []}


def test_warnings_exit_0_unless_strict(mini_repo):
    mini_repo.write(REPORT1, REPORT)  # a report with no approval on record: warning R007
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 0
    assert "R007" in result.stdout
    assert run("check", "--repo", mini_repo.root, "--strict").exit_code == 1


def test_paths_limit_the_output_to_those_files(mini_repo):
    mini_repo.write(REPORT1, REPORT.replace("indicator: 1", "indicator: 4"))
    mini_repo.write("meetings/2570/01.yaml", MEETING.replace("[l01, l02, l03]", "[l01, l02, l03, x9]"))
    everything = run("check", "--repo", mini_repo.root)
    assert "R002" in everything.stdout and "R004" in everything.stdout
    only_report = run("check", mini_repo.root / REPORT1)
    assert only_report.exit_code == 1
    assert "R002" in only_report.stdout and "R004" not in only_report.stdout
    only_meetings = run("check", mini_repo.root / "meetings")
    assert "R004" in only_meetings.stdout and "R002" not in only_meetings.stdout
    clean_file = run("check", mini_repo.root / PROPOSAL)
    assert clean_file.exit_code == 0


def test_path_that_does_not_exist_is_a_usage_error(mini_repo):
    result = run("check", "--repo", mini_repo.root, mini_repo.root / "proposals/2570/ไม่มี.yaml")
    assert result.exit_code == 2
    assert "ไม่พบไฟล์หรือโฟลเดอร์" in result.output
    assert "Traceback" not in result.output


def test_outside_a_repository_is_a_usage_error(tmp_path):
    result = run("check", "--repo", tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("ข้อผิดพลาด: ไม่พบ khrongkan.yaml")
    assert "not a proposals repository" not in result.output and "Error:" not in result.output
    english = run("check", "--lang", "en", "--repo", tmp_path)
    assert english.exit_code == 2 and english.output.startswith("Error: no khrongkan.yaml")


@pytest.mark.parametrize("args", [["check", "--lang", "fr"], ["check", "--format", "xml"], ["nosuchcommand"]])
def test_bad_options_exit_2(args):
    assert run(*args).exit_code == 2


def test_broken_reference_file_is_reported_not_raised(mini_repo):
    (mini_repo.root / "committee.yaml").unlink()
    mini_repo.write("reference/areas.yaml", b"province: \xff\n")
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert "A007" in result.stdout and "Y003" in result.stdout


def test_check_in_the_sample_repository_as_a_real_subprocess(sample_root):
    # No UTF-8 hints from the environment: the command itself must write UTF-8.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LC_ALL="C", LANG="C", NO_COLOR="1")
    completed = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=sample_root,
                               capture_output=True, timeout=120, env=env)
    stdout = completed.stdout.decode("utf-8")  # Thai output must be UTF-8 whatever the locale
    stderr = completed.stderr.decode("utf-8")
    assert completed.returncode == 0, stdout + stderr
    assert "ผ่าน: ไม่พบปัญหา" in stdout
    assert "Traceback" not in stderr


def test_subprocess_reports_thai_problems_as_utf8(mini_repo):
    mini_repo.replace(PROPOSAL, "district: สวี", "district: สวิ")
    completed = subprocess.run([sys.executable, "-m", "generator", "check", "--repo", str(mini_repo.root)],
                               capture_output=True, timeout=120, env={**os.environ, "LC_ALL": "C", "LANG": "C"})
    assert completed.returncode == 1
    assert "พบข้อผิดพลาด 1 รายการ" in completed.stderr.decode("utf-8")
    assert "หมายถึง 'สวี' หรือไม่?" in completed.stdout.decode("utf-8")
    assert b"Traceback" not in completed.stderr


@pytest.mark.parametrize("folders", [3, 1500])  # all printed at the exit, or most while printing
def test_a_reader_that_leaves_early_ends_the_check_quietly(mini_repo, folders):
    # `khrongkan check | head -1`: the pipe closes under the check; that is no internal error.
    fiscal_year = (mini_repo.root / PROPOSAL_DIR).parent
    for number in range(folders):
        (fiscal_year / f"Bad Name {number}").mkdir()  # one P004 each: a long report
    process = subprocess.Popen([sys.executable, "-m", "generator", "check", "--repo", str(mini_repo.root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert b"P004" in process.stdout.readline()
    process.stdout.close()
    stderr = process.communicate(timeout=120)[1].decode("utf-8")
    assert process.returncode == 1, stderr
    assert "ภายในโปรแกรม" not in stderr and "Traceback" not in stderr
