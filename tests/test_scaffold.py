"""`khrongkan new` and `khrongkan init`: scaffolds that check clean, nothing ever overwritten."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geothai
import pytest
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
from generator import scaffold
from generator.cli import main
from generator.errors import KhrongkanError, UsageError
from generator.init import init_repository
from generator.load import read_yaml
from generator.problems import ProblemList
from generator.reference import areas_yaml
from generator.validate import check_repository
from generator.validate.schema import check_shape
from problem_asserts import describe

PROJECT = "2570-001-naphoe-welfare"


def run(*args, input: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def yaml_files(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in root.rglob("*.yaml")}


def placeholder_lines(checked, path: Path, code: str) -> list[int]:
    """Lines of the problems in one file, asserting they all have this code."""
    found = [p for p in checked.problems if path.as_posix().endswith(p.file)]
    assert {p.code for p in found} <= {code}, describe(found)
    return sorted(p.line for p in found)


def placeholder_lines_in(text: str) -> list[int]:
    """Lines whose value (before any comment) ends with an ellipsis: the scaffold's placeholders.
    A `|` block's placeholder is reported on its `key: |` line."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, start=1):
        value = line.split(" #")[0].rstrip()
        if value.endswith("...") and not line.lstrip().startswith("#"):
            block_start = next((n for n in range(number - 1, 0, -1) if lines[n - 1].split(" #")[0].rstrip().endswith("|")), None)
            found.append(block_start if block_start and lines[number - 1].startswith("  ") and
                         ":" not in value and not value.lstrip().startswith("-") else number)
    return sorted(set(found))


# --- new proposal ------------------------------------------------------------------------------

def new_proposal_args(repo, *extra):
    return ["new", "proposal", "--repo", repo.root, "--district", "สวี", "--subdistrict", "นาสัก",
            "--subdistrict", "ด่านสวี", "--issue", "บ้านมั่นคง", "--title", "โครงการบ้านมั่นคงตำบลนาสัก",
            "--fy", "2570", *extra]


def test_new_proposal_writes_the_next_id_and_checks_clean(mini_repo):
    result = run(*new_proposal_args(mini_repo))
    assert result.exit_code == 0, result.output
    created = mini_repo.root / "proposals/2570/2570-002/proposal.yaml"
    assert "proposals/2570/2570-002/proposal.yaml" in result.output
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# แบบเสนอโครงการ (proposal) — 2570-002")
    assert "# ชื่อโครงการ" in text and "# งวดเงิน: ร้อยละรวมกันต้องได้ 100" in text
    checked = check_repository(mini_repo.root)
    # Only the placeholders left to fill in, as warnings while it is a draft.
    assert placeholder_lines(checked, created, "S010") == placeholder_lines_in(text), describe(checked.problems)
    proposal = checked.repository.proposals["2570-002"]
    assert proposal.title == "โครงการบ้านมั่นคงตำบลนาสัก"
    assert proposal.subdistricts == ["นาสัก", "ด่านสวี"]
    assert proposal.status == "draft"
    assert run("check", "--repo", mini_repo.root).exit_code == 0


def test_new_proposal_with_a_slug_and_a_title_full_of_yaml_characters(mini_repo):
    title = 'โครงการ: "บ้าน" #1 - {ทดลอง} [x] & no'
    args = new_proposal_args(mini_repo, "--slug", "nasak-housing")
    args[args.index("โครงการบ้านมั่นคงตำบลนาสัก")] = title
    assert run(*args).exit_code == 0
    checked = check_repository(mini_repo.root)
    assert {p.code for p in checked.problems} == {"S010"}, describe(checked.problems)
    assert checked.repository.proposals["2570-002-nasak-housing"].title == title


def test_new_proposal_by_prompts(mini_repo):
    answers = "สวี\nนาสัก, สลุย\nบ้านมั่นคง\nโครงการจากคำถาม\n"
    result = run("new", "proposal", "--repo", mini_repo.root, "--fy", "2570", input=answers)
    assert result.exit_code == 0, result.output
    assert "อำเภอ [ใส่ชื่อหรือหมายเลข]:" in result.output and "ตำบล คั่นด้วย ," in result.output
    assert "(district)" not in result.output
    proposal = check_repository(mini_repo.root).repository.proposals["2570-002"]
    assert (proposal.title, proposal.subdistricts) == ("โครงการจากคำถาม", ["นาสัก", "สลุย"])


def test_new_proposal_takes_the_number_after_the_highest(mini_repo):
    (mini_repo.root / "proposals/2570/2570-007-other").mkdir()
    assert run(*new_proposal_args(mini_repo)).exit_code == 0
    assert (mini_repo.root / "proposals/2570/2570-008/proposal.yaml").is_file()


@pytest.mark.parametrize("option, value, message", [
    ("--district", "สวิ", "ไม่พบอำเภอ 'สวิ' — หมายถึง 'สวี' หรือไม่?"),
    ("--subdistrict", "ละแม", "ตำบล 'ละแม' อยู่ในอำเภอละแม ไม่ใช่อำเภอสวี"),
    ("--subdistrict", "นาโพ", "ไม่พบตำบลในอำเภอสวี 'นาโพ' — หมายถึง 'นาโพธิ์' หรือไม่?"),
    ("--issue", "บ้านมั่น", "ไม่พบประเด็นงาน 'บ้านมั่น' — หมายถึง 'บ้านมั่นคง' หรือไม่?"),
    ("--slug", "Nasak Housing", "ใช้ได้เฉพาะ a-z 0-9 และ -"),
])
def test_new_proposal_refuses_unknown_names_with_a_suggestion(mini_repo, option, value, message):
    args = new_proposal_args(mini_repo)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    before = yaml_files(mini_repo.root)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert yaml_files(mini_repo.root) == before
    assert not (mini_repo.root / "proposals/2570/2570-002").exists()


def test_new_proposal_asks_again_after_a_wrong_answer(mini_repo):
    """A wrong district, no sub-district, or an issue typed by its number: each answer is checked
    at once and asked again, so nobody has to start over."""
    answers = "สวิ\n1\n , \nนาสัก\n2\nชื่อ\n"
    result = run("new", "proposal", "--repo", mini_repo.root, "--fy", "2570", input=answers)
    assert result.exit_code == 0, result.output
    assert "ไม่พบอำเภอ 'สวิ' — หมายถึง 'สวี' หรือไม่?" in result.output
    assert "ต้องระบุตำบลอย่างน้อยหนึ่งตำบล" in result.output
    proposal = check_repository(mini_repo.root).repository.proposals["2570-002"]
    # "1" is the first district listed (สวี), "2" the second issue (บ้านมั่นคง)
    assert (proposal.district, proposal.subdistricts, proposal.issue) == ("สวี", ["นาสัก"], "บ้านมั่นคง")


def test_new_proposal_never_overwrites(mini_repo, monkeypatch):
    existing = mini_repo.root / PROPOSAL_DIR / "proposal.yaml"
    before = existing.read_bytes()
    # Make the "next free" ID collide with the existing project, as a race with another person would.
    monkeypatch.setattr(scaffold, "next_proposal_id", lambda root, fy, slug="": PROJECT)
    result = run(*new_proposal_args(mini_repo))
    assert result.exit_code == 1
    assert "อยู่แล้ว จะไม่เขียนทับ" in result.output
    assert existing.read_bytes() == before
    assert not list(existing.parent.glob(".*.tmp"))


def test_new_proposal_default_dates_fall_in_the_fiscal_year(mini_repo):
    repository = check_repository(mini_repo.root).repository
    path = scaffold.new_proposal(repository, district="ละแม", subdistricts=["ละแม"], issue="สวัสดิการชุมชน",
                                 title="ทดสอบ", today=date(2027, 8, 1))
    assert path == mini_repo.root / "proposals/2570/2570-002/proposal.yaml"
    proposal = check_repository(mini_repo.root).repository.proposals["2570-002"]
    assert (proposal.start, proposal.end) == (date(2027, 8, 1), date(2027, 9, 30))


# --- new report --------------------------------------------------------------------------------

def test_new_report_by_short_id_lists_the_activities_and_checks_without_errors(mini_repo):
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    result = run("new", "report", "--repo", mini_repo.root, "2570-001")
    assert result.exit_code == 0, result.output
    created = mini_repo.root / PROPOSAL_DIR / "report-1.yaml"
    text = created.read_text(encoding="utf-8")
    assert "# รายงานฉบับที่ 1 ของโครงการ 2570-001-naphoe-welfare" in text
    assert "# ประชุมคณะทำงาน" in text and "# เวทีสรุปบทเรียน" in text
    checked = check_repository(mini_repo.root)
    # A report has no draft state: the placeholders left in it are errors, and nothing else is wrong.
    assert placeholder_lines(checked, created, "S011") == placeholder_lines_in(text), describe(checked.problems)
    report = checked.repository.proposals[PROJECT].reports[0]
    assert [a.activity for a in report.activities] == [1, 2]


def test_new_report_follows_the_last_one_and_never_overwrites(mini_repo):
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    first = mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    before = first.read_bytes()
    repository = check_repository(mini_repo.root).repository
    path = scaffold.new_report(repository, PROJECT, today=date(2027, 1, 10))
    assert path.name == "report-2.yaml"
    assert first.read_bytes() == before
    checked = check_repository(mini_repo.root)
    assert {p.code for p in checked.errors} == {"S011"}, describe(checked.problems)
    second = checked.repository.proposals[PROJECT].reports[1]
    assert (second.start, second.end) == (date(2026, 11, 16), date(2027, 1, 10))


def test_new_report_keeps_a_multi_line_title_inside_its_comment(mini_repo):
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์",
                      "title: |\n  บรรทัดแรก\n  kind: final")
    repository = check_repository(mini_repo.root).repository
    scaffold.new_report(repository, PROJECT, today=date(2026, 12, 1))
    checked = check_repository(mini_repo.root)
    assert {p.code for p in checked.errors} == {"S011"}, describe(checked.problems)
    assert checked.repository.proposals[PROJECT].reports[0].kind == "progress"


def test_new_report_for_an_unknown_project(mini_repo):
    result = run("new", "report", "--repo", mini_repo.root, "2570-001-naphoe-welfar")
    assert result.exit_code == 2
    assert f"ไม่พบโครงการ '2570-001-naphoe-welfar' — หมายถึง '{PROJECT}' หรือไม่?" in result.output


def test_check_and_new_never_rewrite_existing_yaml(mini_repo):
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "district: สวี", "district: สวิ")  # a broken file too
    before = yaml_files(mini_repo.root)
    for args in (["check", "--repo", mini_repo.root], ["check", "--repo", mini_repo.root, "--format", "json"],
                 ["check", mini_repo.root / PROPOSAL_DIR]):
        assert run(*args).exit_code == 1
    assert yaml_files(mini_repo.root) == before
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "district: สวิ", "district: สวี")
    before = yaml_files(mini_repo.root)
    assert run(*new_proposal_args(mini_repo)).exit_code == 0
    assert run("new", "report", "--repo", mini_repo.root, PROJECT).exit_code == 0
    assert run("check", "--repo", mini_repo.root).exit_code == 1  # the new report's placeholders (S011)
    after = yaml_files(mini_repo.root)
    assert {path: after[path] for path in before} == before
    assert len(after) == len(before) + 2


# --- init --------------------------------------------------------------------------------------

def count_areas(root: Path) -> tuple[int, int]:
    areas = check_repository(root).repository.areas
    return len(areas.districts), sum(len(d.subdistricts) for d in areas.districts)


def test_init_chumphon_gives_8_districts_and_70_subdistricts_and_checks_clean(tmp_path):
    target = tmp_path / "chumphon"
    result = run("init", "--province", "ชุมพร", target)
    assert result.exit_code == 0, result.output
    assert count_areas(target) == (8, 70)
    assert check_repository(target).problems == []
    assert run("check", "--repo", target).exit_code == 0
    assert "movement: คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัดชุมพร" in (target / "khrongkan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, thai", [("Chiang Mai", "เชียงใหม่"), ("bangkok", "กรุงเทพมหานคร"), ("86", "ชุมพร")])
def test_init_by_english_name_or_code(tmp_path, name, thai):
    target = tmp_path / "repo"
    assert run("init", "--province", name, target).exit_code == 0
    result = check_repository(target)
    assert result.problems == []
    assert result.repository.settings.province == thai
    province = next(p for p in geothai.provinces() if p.name_th == thai)
    assert count_areas(target)[0] == len(geothai.districts(province.code))


@pytest.mark.parametrize("name, suggested", [("ชุมพอน", "ชุมพร"), ("Chumpon", "Chumphon")])
def test_init_unknown_province_exits_2_with_a_suggestion(tmp_path, name, suggested):
    result = run("init", "--province", name, tmp_path / "x")
    assert result.exit_code == 2
    assert f"ไม่พบจังหวัด '{name}' — หมายถึง '{suggested}' หรือไม่?" in result.output
    assert not (tmp_path / "x").exists()


def test_every_province_gives_an_areas_file_that_checks_clean(tmp_path):
    provinces = geothai.provinces()
    assert len(provinces) == 77
    for province in provinces:
        path = tmp_path / "areas.yaml"
        path.write_text(areas_yaml(province.name_th), encoding="utf-8")
        problems = ProblemList()
        document = read_yaml(path, "reference/areas.yaml", problems)
        assert document is not None and check_shape(document, "areas", problems), (province.name_en, list(problems))
        assert len(document.data["districts"]) == len(geothai.districts(province.code))


def test_init_over_an_existing_repository_keeps_every_file(mini_repo):
    before = yaml_files(mini_repo.root)
    result = run("init", "--province", "ชุมพร", mini_repo.root)
    assert result.exit_code == 0
    after = yaml_files(mini_repo.root)
    assert {path: after[path] for path in before} == before


def test_init_areas_only_regenerates_the_areas_file(mini_repo):
    assert init_repository(mini_repo.root, "ชุมพร", areas_only=True) == [mini_repo.root / "reference/areas.yaml"]
    assert count_areas(mini_repo.root) == (8, 70)


def test_create_new_refuses_an_existing_file(tmp_path):
    from generator.files import create_new

    path = tmp_path / "a.yaml"
    path.write_bytes(b"title: mine\n")
    with pytest.raises(KhrongkanError):
        create_new(path, "title: theirs\n")
    assert path.read_bytes() == b"title: mine\n"
    assert issubclass(UsageError, KhrongkanError)


# --- where commands write ----------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, bytes]:
    """Every file but the editor's JSON Schemas, which `check` keeps current in .khrongkan/ (git-ignored)."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
            if path.is_file() and not path.relative_to(root).as_posix().startswith(".khrongkan/")}


def test_commands_write_only_under_build_and_never_touch_yaml(mini_repo):
    """check, render and site write nothing outside build/; new adds its one file and changes nothing else."""
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    before = snapshot(mini_repo.root)
    assert run("check", "--repo", mini_repo.root).exit_code == 0
    # check writes nothing but its cache under build/ and the editor's schemas
    assert {name: data for name, data in snapshot(mini_repo.root).items() if not name.startswith("build/")} == before
    assert (mini_repo.root / ".khrongkan" / "schemas" / "proposal.schema.json").is_file()
    assert run("render", "--repo", mini_repo.root).exit_code == 0
    assert run("site", "--repo", mini_repo.root).exit_code == 0
    after = snapshot(mini_repo.root)
    assert {name: data for name, data in after.items() if not name.startswith("build/")} == before
    assert any(name.startswith("build/docx/") and name.endswith(".docx") for name in after)
    assert "build/site/index.html" in after
    assert not [name for name in after if name.endswith(".tmp")]
    assert run(*new_proposal_args(mini_repo)).exit_code == 0
    added = set(snapshot(mini_repo.root)) - set(after)
    assert added == {"proposals/2570/2570-002/proposal.yaml"}


def test_an_interrupted_write_keeps_the_previous_file(tmp_path, monkeypatch):
    from generator import files

    target = tmp_path / "build" / "docx" / "a.docx"
    files.write_atomic(target, b"previous")

    def power_cut(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", power_cut)
    with pytest.raises(OSError):
        files.write_atomic(target, b"new and half written")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]  # no temporary file left behind


def test_a_new_proposal_file_is_an_ordinary_readable_file(mini_repo):
    assert run(*new_proposal_args(mini_repo)).exit_code == 0
    created = mini_repo.root / "proposals/2570/2570-002/proposal.yaml"
    assert created.stat().st_mode & 0o777 == 0o644  # not mkstemp's owner-only 0600
