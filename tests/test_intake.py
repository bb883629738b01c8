"""`khrongkan add`: received proposal files are checked, filed under the next ID, never overwritten."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import AREAS, PROPOSAL, PROPOSAL_DIR
from generator.cli import main
from generator.validate import check_repository

OTHER = PROPOSAL.replace("โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์", "โครงการธนาคารปูม้าบ้านปากแพรก") \
    .replace("name: กองทุนสวัสดิการชุมชนตำบลนาโพธิ์", "name: กลุ่มประมงพื้นบ้านปากแพรก")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def with_english_names(repo):
    repo.write("reference/areas.yaml", AREAS.replace("  - name: สวี\n", "  - name: สวี\n    name_en: Sawi\n"))


def test_a_shared_txt_file_gets_the_next_id_with_the_district_slug_and_its_bytes_unchanged(mini_repo, tmp_path):
    with_english_names(mini_repo)
    received = tmp_path / "โครงการจาก LINE.txt"
    received.write_bytes(OTHER.encode("utf-8"))
    result = run("add", received, "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    filed = mini_repo.root / "proposals/2570/2570-002-sawi/proposal.yaml"
    assert f"รับเข้าแล้ว (filed) {received.name} -> proposals/2570/2570-002-sawi/proposal.yaml" in result.output
    assert filed.read_bytes() == OTHER.encode("utf-8")
    assert received.exists(), "a file from outside inbox/ is copied, not moved"
    checked = check_repository(mini_repo.root)
    assert checked.repository.proposals["2570-002-sawi"].title == "โครงการธนาคารปูม้าบ้านปากแพรก"


def test_the_inbox_is_filed_in_name_order_and_filed_files_are_moved(mini_repo):
    second = OTHER.replace("โครงการธนาคารปูม้าบ้านปากแพรก", "โครงการบ้านมั่นคงนาสัก")
    mini_repo.write("inbox/a.yaml", OTHER)
    mini_repo.write("inbox/b.txt", second)
    result = run("add", "--slug", "crab", "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    assert not list((mini_repo.root / "inbox").iterdir())
    repository = check_repository(mini_repo.root).repository
    assert repository.proposals["2570-002-crab"].title == "โครงการธนาคารปูม้าบ้านปากแพรก"
    assert repository.proposals["2570-003-crab"].title == "โครงการบ้านมั่นคงนาสัก"


def test_a_copy_of_an_existing_proposal_is_refused_and_stays_in_the_inbox(mini_repo):
    mini_repo.write("inbox/again.txt", PROPOSAL.replace("\n", "\r\n"))
    result = run("add", "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert ("ไม่รับ (refused) again.txt: ซ้ำกับโครงการ 2570-001-naphoe-welfare ที่มีอยู่แล้ว "
            "ถ้าเป็นฉบับแก้ไขให้ใช้ khrongkan add --replace 2570-001-naphoe-welfare again.txt") in result.output
    assert (mini_repo.root / "inbox/again.txt").exists()
    assert sorted(p.name for p in (mini_repo.root / "proposals/2570").iterdir()) == ["2570-001-naphoe-welfare"]


def test_the_same_title_organization_and_period_is_a_duplicate_even_when_edited(mini_repo, tmp_path):
    edited = tmp_path / "edited.yaml"
    edited.write_text(PROPOSAL.replace("เพื่อเพิ่มสมาชิกกองทุน", "เพื่อเพิ่มสมาชิกกองทุนให้ได้ 100 คน"), encoding="utf-8")
    result = run("add", edited, "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert "ซ้ำกับโครงการ 2570-001-naphoe-welfare" in result.output


def test_replace_files_a_revision_over_the_existing_proposal(mini_repo, tmp_path):
    revised_text = PROPOSAL.replace("เพื่อเพิ่มสมาชิกกองทุน", "เพื่อเพิ่มสมาชิกกองทุนให้ได้ 100 คน")
    revised = tmp_path / "revised.txt"
    revised.write_text(revised_text, encoding="utf-8")
    result = run("add", "--replace", "2570-001", revised, "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    assert "แทนที่ (replaced) revised.txt -> proposals/2570/2570-001-naphoe-welfare/proposal.yaml" in result.output
    assert (mini_repo.root / PROPOSAL_DIR / "proposal.yaml").read_text(encoding="utf-8") == revised_text
    again = run("add", "--replace", "2570-001", revised, "--repo", mini_repo.root)
    assert again.exit_code == 1 and "ไม่มีอะไรต้องแทนที่" in again.output


def test_replace_of_an_unknown_project_suggests_one(mini_repo, tmp_path):
    revised = tmp_path / "revised.txt"
    revised.write_text(OTHER, encoding="utf-8")
    result = run("add", "--replace", "2570-001-naphoe-welfar", revised, "--repo", mini_repo.root)
    assert result.exit_code == 2
    assert "ไม่พบโครงการ '2570-001-naphoe-welfar' ที่จะแทนที่" in result.output
    assert "2570-001-naphoe-welfare" in result.output.split("ที่จะแทนที่", 1)[1]


def test_a_file_with_errors_is_refused_with_its_problems_at_their_lines(mini_repo):
    broken = OTHER.replace("  - percent: 40\n", "  - percent: 30\n")
    mini_repo.write("inbox/broken.txt", broken)
    result = run("add", "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert "ไม่รับ (refused) broken.txt: แฟ้มมีข้อผิดพลาด" in result.output
    assert "inbox/broken.txt:" in result.output and "M005" in result.output
    assert (mini_repo.root / "inbox/broken.txt").exists()
    assert sorted(p.name for p in (mini_repo.root / "proposals/2570").iterdir()) == ["2570-001-naphoe-welfare"]


def test_other_file_types_and_an_empty_inbox_are_explained(mini_repo, tmp_path):
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    result = run("add", picture, "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert "รับเฉพาะแฟ้ม .yaml หรือ .txt (ได้ 'photo.jpg')" in result.output
    empty = run("add", "--repo", mini_repo.root)
    assert empty.exit_code == 0
    assert "ไม่มีแฟ้มให้รับ" in empty.output


def test_a_new_proposal_goes_to_the_fiscal_year_its_period_starts_in(mini_repo, tmp_path):
    later = OTHER.replace("start: 2026-10-15", "start: 2027-10-15").replace("end: 2027-03-31", "end: 2028-03-31") \
        .replace("2026-10-20", "2027-10-20").replace("2027-03-01", "2028-03-01").replace("submitted: 2026-10-01", "")
    received = tmp_path / "next-year.yaml"
    received.write_text(later, encoding="utf-8")
    result = run("add", received, "--slug", "crab", "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    assert (mini_repo.root / "proposals/2571/2571-001-crab/proposal.yaml").is_file()
