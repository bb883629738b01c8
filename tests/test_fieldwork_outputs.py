"""Agreements and visits in the outputs: the follow-up list, the visit record, the progress report,
the site (public parts only) and the money per project, district and issue."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
from fieldwork_fixtures import AGREEMENT, AGREEMENT_FILE, VISIT, VISIT_FILE, VISIT_PRIVATE, VISIT_PUBLIC
from test_pages import shown
from generator.cli import main
from problem_asserts import describe

REPORT1 = f"{PROPOSAL_DIR}/report-1.yaml"
PROJECT = "2570-001-naphoe-welfare"


@pytest.fixture
def field_repo(mini_repo):
    mini_repo.write(REPORT1, REPORT)
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    mini_repo.write(AGREEMENT_FILE, AGREEMENT)
    mini_repo.write(VISIT_FILE, VISIT)
    return mini_repo


def followup_of(repo, as_of=None):
    from generator.followup import followup

    result = repo.check()
    return followup(result.repository, as_of)


def kinds(items) -> list[tuple[str, int]]:
    return [(i.kind, i.days_overdue) for i in items]


# --- the follow-up list -----------------------------------------------------------------------------

def test_as_of_is_the_latest_day_recorded_in_the_files_not_the_clock(field_repo):
    day, items = followup_of(field_repo)
    assert day == date(2026, 11, 25)  # the visit; planned days (next_visit 2027-01-20, report_due) do not count
    assert items == []


def test_project_not_visited_for_longer_than_visit_days_and_no_final_report(field_repo):
    day, items = followup_of(field_repo, date(2027, 5, 15))
    # 171 days since the visit of 25 Nov 2026 (90 allowed); the project ended 31 Mar 2027 (+30 days).
    assert kinds(items) == [("visit", 81), ("final_report", 15)]
    assert "ไม่ได้ลงพื้นที่ติดตามมา 171 วัน ตั้งแต่ครั้งที่ 1 (25 พฤศจิกายน 2569) เกินกำหนด 90 วัน" in items[0].reason_th
    assert "สิ้นสุดโครงการเมื่อ 31 มีนาคม 2570 เกิน 30 วันแล้วยังไม่มีรายงานปิดโครงการ" in items[1].reason_th


def test_never_visited_counts_from_the_approval_and_settings_change_the_days(field_repo):
    (field_repo.root / VISIT_FILE).unlink()
    field_repo.replace("khrongkan.yaml", "quorum:", "followup:\n  visit_days: 60\n  final_report_days: 10\nquorum:")
    _day, items = followup_of(field_repo, date(2026, 12, 17))
    assert kinds(items) == [("visit", 10)]  # approved 8 Oct 2026: 70 days, 60 allowed
    assert "ยังไม่เคยลงพื้นที่ติดตาม 70 วัน นับจากวันอนุมัติ (8 ตุลาคม 2569)" in items[0].reason_th
    _day, items = followup_of(field_repo, date(2027, 4, 20))
    assert ("final_report", 10) in kinds(items)


def test_what_happens_after_the_as_of_day_is_not_known_yet(field_repo):
    field_repo.replace("khrongkan.yaml", "quorum:", "followup:\n  visit_days: 30\nquorum:")
    _day, items = followup_of(field_repo, date(2026, 11, 20))  # the visit of 25 Nov has not happened yet
    assert kinds(items) == [("visit", 13)]  # 43 days since the approval of 8 Oct, 30 allowed
    assert followup_of(field_repo, date(2026, 11, 26))[1] == []


def test_installment_report_overdue_when_no_report_since_it_was_paid(field_repo):
    (field_repo.root / REPORT1).unlink()
    _day, items = followup_of(field_repo, date(2026, 12, 10))
    assert kinds(items) == [("report_due", 10)]
    assert items[0].reason_th == "งวดที่ 1 จ่ายแล้วเมื่อ 15 ตุลาคม 2569 กำหนดส่งรายงาน 30 พฤศจิกายน 2569 ยังไม่มีรายงาน"
    field_repo.write(REPORT1, REPORT)  # reported on 20 Nov 2026, after the payment: nothing due
    assert followup_of(field_repo, date(2026, 12, 10))[1] == []


def test_spending_on_an_activity_every_report_calls_not_started(field_repo):
    field_repo.replace(REPORT1, "status: done", "status: not_started")
    _day, items = followup_of(field_repo, date(2026, 11, 30))
    assert kinds(items) == [("spent_not_started", 41)]  # first spent on 20 Oct 2026
    assert "กิจกรรมที่ 1 (ประชุมคณะทำงาน) มีรายจ่าย 1,200 บาท แต่ทุกรายงานว่ายังไม่ได้ดำเนินการ" in items[0].reason_th


def test_spending_beyond_the_activity_budget(field_repo):
    field_repo.replace(REPORT1, "      amount: 1200\n", "      amount: 2500\n")
    field_repo.replace(REPORT1, "amount: 1800", "amount: 1800")
    _day, items = followup_of(field_repo, date(2026, 11, 30))
    assert kinds(items) == [("over_budget", 41)]
    assert "ใช้จ่ายสะสม 2,500 บาท เกินงบ 2,100 บาท" in items[0].reason_th


def test_followup_command_prints_thai_reasons_and_days(field_repo):
    out = CliRunner().invoke(main, ["followup", "--as-of", "2570-05-15", "--repo", str(field_repo.root)])
    assert out.exit_code == 0, out.output
    assert "เรื่องที่ต้องติดตาม ณ วันที่ 15 พฤษภาคม 2570 (ตามที่ระบุ): 2 เรื่อง" in out.output
    assert f"- {PROJECT} [ลงพื้นที่ติดตาม]" in out.output and "เกินกำหนด 81 วัน" in out.output
    default = CliRunner().invoke(main, ["followup", "--repo", str(field_repo.root)])
    assert "ณ วันที่ 25 พฤศจิกายน 2569 (วันล่าสุดที่บันทึกในไฟล์): 0 เรื่อง" in default.output
    bad = CliRunner().invoke(main, ["followup", "--as-of", "2570-02-30", "--repo", str(field_repo.root)])
    assert bad.exit_code == 2 and "ปปปป-ดด-วว" in bad.output


def test_followup_settings_are_checked(field_repo):
    field_repo.replace("khrongkan.yaml", "quorum:", "followup:\n  visit_days: เก้าสิบ\npublish:\n  visits: ใช่\nquorum:")
    problems = [(p.code, p.line, p.message("th")) for p in field_repo.check().problems]
    assert problems == [("S003", 4, "การติดตามโครงการ จำนวนวันที่โครงการที่อนุมัติแล้วไม่ได้ลงพื้นที่ได้นานที่สุด (visit_days) "
                                    "ต้องเป็นจำนวนเต็มไม่ติดลบ"),
                        ("S003", 6, "สิ่งที่เว็บไซต์สาธารณะแสดงได้ แสดงผู้ให้ข้อมูล ข้อค้นพบ และการตรวจการเงินของการลงพื้นที่บนเว็บไซต์ "
                                    "(visits) ต้องเป็นtrue หรือ false")], problems


# --- the visit record -----------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_render_makes_the_visit_record_with_everything_the_visit_file_says(field_repo, tmp_path):
    out = CliRunner().invoke(main, ["render", "2570-001", "--out", str(tmp_path), "--repo", str(field_repo.root)])
    assert out.exit_code == 0, out.output
    record = tmp_path / f"{PROJECT}-visit-1.docx"
    assert f"เขียน (wrote) {record.as_posix()}" in out.output or record.is_file()
    text = docx_text(record)
    assert "แบบบันทึกการติดตามหนุนเสริมโครงการ" in text and "25 พฤศจิกายน 2569" in text
    assert "นางกรรมการ เล็ก1" in text and "นายกรรมการ ใหญ่1" in text  # visitors by name, not by id
    for private in VISIT_PRIVATE + VISIT_PUBLIC:  # the committee's document keeps it all
        assert private in text, private
    assert "วัตถุประสงค์ข้อที่ 1: เพื่อเพิ่มสมาชิกกองทุน" in text and "ตัวชี้วัดที่ 1: สมาชิกใหม่" in text
    assert "ยังไม่ครบหรือยังไม่ถูกต้อง" in text  # receipts_ok: false
    assert "2,000.00" in text and "1,800.00" in text  # agreed and paid


# --- the site ---------------------------------------------------------------------------------------

def test_proposal_page_shows_money_and_only_the_public_part_of_visits(field_repo):
    from generator.pages import render_pages

    page = render_pages(field_repo.check(), field_repo.root)[f"proposals/{PROJECT}.md"]
    assert "ข้อตกลงเลขที่ ชพ 12/2570 ลงวันที่ 12 ตุลาคม 2569\n\n| งวดที่ |" in page  # a table of its own
    assert f"| 1 | {shown(1800)} | 15 ต.ค. 2569 | 30 พ.ย. 2569 |" in page
    assert f"| 2 | {shown(200)} | ยังไม่จ่าย | 15 เม.ย. 2570 |" in page
    assert "| " + " | ".join(shown(a) for a in (2000, 1800, 1800, 1200, 600)) + " |" in page  # agreed, paid, received, spent, balance
    assert "นางกรรมการ เล็ก1, นายกรรมการ ใหญ่1" in page
    for public in VISIT_PUBLIC:
        assert public in page
    for private in VISIT_PRIVATE:
        assert private not in page
    field_repo.replace("khrongkan.yaml", "quorum:", "publish:\n  visits: true\nquorum:")
    page = render_pages(field_repo.check(), field_repo.root)[f"proposals/{PROJECT}.md"]
    for private in VISIT_PRIVATE:
        assert private in page


def _site_text(site: Path) -> str:
    """Every file of the built site as text, zero-width spaces (Thai search words) removed."""
    texts = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".docx":
                data = docx_text(path).encode("utf-8")
            texts.append(data.decode("utf-8", errors="ignore").replace("\u200b", ""))
    return "\n".join(texts)


def test_private_parts_of_visits_never_reach_the_built_site(field_repo):
    out = CliRunner().invoke(main, ["site", "--repo", str(field_repo.root)])
    assert out.exit_code == 0, out.output
    site = field_repo.root / "build" / "site"
    text = _site_text(site)
    assert VISIT_PUBLIC[0] in text  # the page is there
    for private in VISIT_PRIVATE:
        assert private not in text, private
    assert not (site / "downloads" / f"{PROJECT}-visit-1.docx").exists()  # the record stays with the committee
    assert (field_repo.root / "build" / "docx" / f"{PROJECT}-visit-1.docx").is_file()
    followup_page = (site / "followup" / "index.html").read_text(encoding="utf-8")
    assert "เรื่องที่ต้องติดตาม" in followup_page and "25 พฤศจิกายน 2569" in followup_page


# --- money per project, district and issue -----------------------------------------------------------

def test_money_per_district_and_issue_reconciles_with_the_projects(sample_root):
    from generator.money import group_money, project_money, total_money
    from generator.summaries import rollup
    from generator.validate import check_repository

    repository = check_repository(sample_root).repository
    proposals = list(repository.proposals.values())
    total = total_money(proposals)
    agreements = [p.agreement for p in proposals if p.agreement]
    assert len(agreements) == 4 and total.agreed == sum(a.amount for a in agreements) == Decimal(440000)
    assert total.paid == sum(a.paid for a in agreements)
    for key in (lambda p: p.district, lambda p: p.issue):
        groups = group_money(proposals, key)
        for field in ("agreed", "paid", "received", "spent", "balance"):
            assert sum(getattr(m, field) for m in groups.values()) == getattr(total, field)
    assert sum((project_money(p) for p in proposals), type(total)()) == total
    # The roll-up (summary DOCX/XLSX/CSV and page) carries the same agreed and paid figures.
    data = rollup(repository, 2570)
    assert data.total.agreed == total.agreed and data.total.paid == total.paid
    for groups in (data.by_district, data.by_issue):
        assert sum(g.figures.agreed for g in groups) == total.agreed
        assert sum(g.figures.paid for g in groups) == total.paid
        assert sum(g.figures.received - g.figures.spent for g in groups) == total.balance


def test_summary_csv_and_page_show_agreed_and_paid(sample_root):
    import csv

    from generator import summaries
    from generator.pages import render_pages
    from generator.validate import check_repository

    result = check_repository(sample_root)
    data = summaries.rollup(result.repository, 2570)
    rows = list(csv.reader(io.StringIO(summaries.csv_bytes(data, "issues").decode("utf-8-sig"))))
    agreed = rows[0].index("วงเงินตามข้อตกลง (บาท) (agreed)")
    paid = rows[0].index("สถาบันจ่ายแล้ว (บาท) (paid)")
    assert sum(Decimal(r[agreed]) for r in rows[1:-1]) == Decimal(rows[-1][agreed]) == Decimal(440000)
    assert sum(Decimal(r[paid]) for r in rows[1:-1]) == Decimal(rows[-1][paid])
    page = render_pages(result, sample_root)["summary.md"]
    assert f"| วงเงินตามข้อตกลง | **{shown(440000)}** | บาท |" in page


# --- the progress report ----------------------------------------------------------------------------

def test_progress_command_writes_the_report(field_repo, tmp_path):
    out = CliRunner().invoke(main, ["progress", "--as-of", "2027-05-15", "--out", str(tmp_path),
                                    "--repo", str(field_repo.root)])
    assert out.exit_code == 0, out.output
    text = docx_text(tmp_path / "progress-all.docx")
    assert "รายงานความก้าวหน้าโครงการต่อคณะยุทธศาสตร์ชุดใหญ่" in text
    assert "ข้อมูล ณ วันที่ 15 พฤษภาคม 2570" in text
    assert "ประเด็นสวัสดิการชุมชน (1 โครงการ)" in text and "อำเภอสวี (1 โครงการ)" in text
    assert "20/100" in text  # indicator 1: 20 of 100 reached
    assert "1 ครั้ง (25 พ.ย. 69)" in text  # visits made
    assert "เกินกำหนด" in text and "ไม่ได้ลงพื้นที่ติดตามมา 171 วัน" in text  # the follow-up list


ISSUES = ["สวัสดิการชุมชน", "บ้านมั่นคง", "เกษตรกรรมยั่งยืน", "ทรัพยากรธรรมชาติ", "ภัยพิบัติ", "เด็กและเยาวชน"]
DISTRICTS = [("สวี", ["นาโพธิ์", "สลุย", "ปากแพรก", "นาสัก", "ด่านสวี"]), ("ละแม", ["ละแม", "ทุ่งหลวง", "สวนแตง", "ทุ่งคาวัด"]),
             ("ท่าแซะ", ["ท่าแซะ", "คุริง", "รับร่อ"]), ("ปะทิว", ["ชุมโค", "บางสน", "ทะเลทรัพย์"])]


def _fifty_approved_projects(repo) -> None:
    """50 approved projects over 6 issues and 4 districts, each with a report, most with an agreement and visits."""
    areas = "province: ชุมพร\ndistricts:\n" + "".join(
        f"  - name: {name}\n    subdistricts: [{', '.join(subs)}]\n" for name, subs in DISTRICTS)
    repo.write("reference/areas.yaml", areas)
    repo.write("reference/issues.yaml", "issues:\n" + "".join(f"  - name: {i}\n" for i in ISSUES))
    base = (repo.root / PROPOSAL_DIR / "proposal.yaml").read_text(encoding="utf-8")
    (repo.root / PROPOSAL_DIR / "proposal.yaml").unlink()
    (repo.root / PROPOSAL_DIR).rmdir()
    decisions = []
    for n in range(1, 51):
        district, subs = DISTRICTS[n % len(DISTRICTS)]
        issue = ISSUES[n % len(ISSUES)]
        folder = f"proposals/2570/2570-{n:03d}"
        title = f"โครงการพัฒนาความเข้มแข็งของชุมชนด้าน{issue}ตำบล{subs[n % len(subs)]} ระยะที่ {n}"
        repo.write(f"{folder}/proposal.yaml", base.replace("โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์", title)
                   .replace("issue: สวัสดิการชุมชน", f"issue: {issue}").replace("district: สวี", f"district: {district}")
                   .replace("subdistricts: [นาโพธิ์]", f"subdistricts: [{subs[n % len(subs)]}]"))
        repo.write(f"{folder}/report-1.yaml", REPORT.replace("actual: 20", f"actual: {n}"))
        if n % 5:
            repo.write(f"{folder}/agreement.yaml", AGREEMENT)
        if n % 3:
            repo.write(f"{folder}/visit-1.yaml", VISIT)
        decisions.append(f"  - proposal: 2570-{n:03d}\n    decision: approved\n    amount: 2000\n")
    repo.write("meetings/2570/01.yaml", MEETING.split("decisions:")[0] + "decisions:\n" + "".join(decisions))


def test_progress_report_for_50_projects_fits_in_8_pages(mini_repo, tmp_path, test_output):
    from generator.documents import convert_to_pdf
    from generator.progress import approved_projects, write_progress

    _fifty_approved_projects(mini_repo)
    result = mini_repo.check()
    assert not result.errors, describe(result.errors)
    repository = result.repository
    assert len(approved_projects(repository)) == 50
    docx_path = write_progress(repository, tmp_path, date(2027, 1, 10))  # mid-way: some visits overdue
    [pdf] = convert_to_pdf([docx_path], tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for old in test_output.glob("progress-50-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(test_output / "progress-50")], check=True)
    assert 2 <= pages <= 8, f"{pages} pages"
    assert "สรุปรายอำเภอ" in text and "เรื่องที่คณะทำงานชุดเล็กต้องติดตาม" in text
