"""The provincial roll-up: figures per project, district and issue that reconcile to the satang."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from generator import summaries
from generator.summaries import Figures, rollup
from generator.validate import check_repository

from conftest import MEETING, PROPOSAL, PROPOSAL_DIR, REPORT

SECOND_DIR = "proposals/2570/2570-002-lamae-housing"
DRAFT_DIR = "proposals/2570/2570-003-draft"
FIELDS = ["projects", "approved_projects", "requested", "approved", "received", "spent", "balance",
          "indicator_percent_sum", "indicators_reported"]


def _sum(rows) -> Figures:
    return sum((r.figures for r in rows), Figures())


def _same(a: Figures, b: Figures) -> None:
    for name in FIELDS:
        assert getattr(a, name) == getattr(b, name), name


def _two_projects(mini_repo):
    """Project 1 (สวี, สวัสดิการชุมชน) approved 2,000 with a report; project 2 (ละแม, บ้านมั่นคง) pending;
    a draft that must not be counted."""
    mini_repo.write("meetings/2570/01.yaml", MEETING)
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    second = (PROPOSAL.replace("issue: สวัสดิการชุมชน", "issue: บ้านมั่นคง")
              .replace("district: สวี", "district: ละแม").replace("subdistricts: [นาโพธิ์]", "subdistricts: [ทุ่งหลวง]")
              .replace("unit_cost: 20", "unit_cost: 20.25"))
    mini_repo.write(f"{SECOND_DIR}/proposal.yaml", second)
    mini_repo.write(f"{DRAFT_DIR}/proposal.yaml", PROPOSAL.replace("submitted: 2026-10-01\n", ""))
    result = mini_repo.check()
    assert not result.errors, result.errors
    return result.repository


def test_figures_per_project_district_issue_and_total(mini_repo):
    repository = _two_projects(mini_repo)
    data = rollup(repository, 2570)
    assert [r.id for r in data.projects] == ["2570-001-naphoe-welfare", "2570-002-lamae-housing"]
    assert data.drafts == 1
    first, second = data.projects
    assert first.figures.requested == Decimal("3100.00")
    assert first.figures.approved == Decimal(2000) and first.figures.approved_projects == 1
    assert (first.figures.received, first.figures.spent, first.figures.balance) == (Decimal(1800), Decimal(1200), Decimal(600))
    assert first.figures.achievement == Decimal(20)  # 20 of 100 people
    assert second.figures.requested == Decimal("3112.50")  # 50 x 20.25: satang kept
    assert second.figures.approved == 0 and second.figures.achievement is None
    # Every reference district and issue has a row, in reference order, zeros included.
    assert [g.name for g in data.by_district] == ["สวี", "ละแม"]
    assert [g.name for g in data.by_issue] == ["สวัสดิการชุมชน", "บ้านมั่นคง"]
    assert data.by_district[1].figures.requested == Decimal("3112.50")
    assert data.total.requested == Decimal("6212.50")
    assert data.total.approved == Decimal(2000)


def test_totals_reconcile_exactly(mini_repo):
    repository = _two_projects(mini_repo)
    data = rollup(repository, 2570)
    _same(_sum(data.by_district), data.total)
    _same(_sum(data.by_issue), data.total)
    _same(_sum(data.projects), data.total)


def test_sample_totals_reconcile_with_the_model(sample_root):
    result = check_repository(sample_root)
    repository = result.repository
    data = rollup(repository, 2570)
    _same(_sum(data.by_district), data.total)
    _same(_sum(data.by_issue), data.total)
    submitted = [p for p in repository.proposals_in(2570) if p.status != "draft"]
    assert data.total.projects == len(submitted) == len(data.projects)
    assert data.total.requested == sum(p.requested for p in submitted)
    assert data.total.approved == sum(p.approved or 0 for p in submitted)
    assert data.total.received == sum(p.received for p in submitted)
    assert data.total.spent == sum(p.spent for p in submitted)
    assert data.total.balance == data.total.received - data.total.spent
    assert all(isinstance(getattr(data.total, f), (Decimal, int)) for f in FIELDS)


def test_achievement_caps_each_indicator_at_its_target_and_pools_groups(mini_repo):
    repository = _two_projects(mini_repo)
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "expected_results:",
                      "  - description: ครัวเรือนออม\n    target: 10\n    unit: ครัวเรือน\nexpected_results:")
    mini_repo.replace(f"{PROPOSAL_DIR}/report-1.yaml", "finance:", "  - indicator: 2\n    actual: 25\nfinance:")
    repository = mini_repo.check().repository
    data = rollup(repository, 2570)
    first = data.projects[0].figures
    assert first.indicators_reported == 2
    assert first.achievement == Decimal(60)  # (20 + min(250, 100)) / 2
    assert data.total.achievement == Decimal(60)


def test_the_money_after_agreement_has_the_sites_names(mini_repo):
    """The summary and the site name a figure the same way (รับเงินแล้ว, not รับแล้ว)."""
    data = rollup(_two_projects(mini_repo), 2570)
    header = next(csv.reader(io.StringIO(summaries.csv_bytes(data, "districts").decode("utf-8-sig"))))
    assert {"วงเงินตามข้อตกลง (บาท) (agreed)", "สถาบันจ่ายแล้ว (บาท) (paid)",
            "รับเงินแล้ว (บาท) (received)", "ใช้จ่ายแล้ว (บาท) (spent)"} <= set(header)
    assert not [name for name in header if name.startswith(("รับแล้ว", "ใช้ไป"))]


def test_fiscal_year_filter(mini_repo):
    _two_projects(mini_repo)
    repository = mini_repo.check().repository
    assert rollup(repository, 2571).total.projects == 0
    assert rollup(repository, None).total.projects == 2


def test_csv_has_a_bom_thai_headers_and_reconciling_rows(mini_repo):
    data = rollup(_two_projects(mini_repo), 2570)
    raw = summaries.csv_bytes(data, "districts")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "อำเภอ (district)"
    assert rows[0][3] == "งบที่ขอ (บาท) (requested)"
    assert rows[-1][0] == summaries.TOTAL_TH
    requested = [Decimal(r[3]) for r in rows[1:-1]]
    assert sum(requested) == Decimal(rows[-1][3]) == Decimal("6212.50")
    projects = list(csv.reader(io.StringIO(summaries.csv_bytes(data, "projects").decode("utf-8-sig"))))
    assert [r[0] for r in projects[1:]] == ["2570-001-naphoe-welfare", "2570-002-lamae-housing", summaries.TOTAL_TH]


def test_xlsx_sheets_hold_numbers_and_the_same_totals(mini_repo):
    data = rollup(_two_projects(mini_repo), 2570)
    raw = summaries.xlsx_bytes(data)
    assert raw == summaries.xlsx_bytes(data), "same data, same bytes"
    # ... on every system: no clock time, no "made on Unix" flag (zipfile's default differs on Windows).
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        assert {(i.date_time, i.create_system) for i in package.infolist()} == {((1980, 1, 1, 0, 0, 0), 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
    assert core.count("2000-01-01T00:00:00Z") == 2
    book = load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["รายอำเภอ", "รายประเด็น", "รายโครงการ"]
    for name in book.sheetnames:
        sheet = book[name]
        assert "ชุมพร" in sheet["A1"].value and "2570" in sheet["A1"].value
        header = [c.value for c in sheet[2]]
        column = header.index("งบที่ขอ (บาท) (requested)")
        values = [row[column] for row in sheet.iter_rows(min_row=3, values_only=True)]
        assert values[-1] == pytest.approx(6212.50)
        assert sum(values[:-1]) == pytest.approx(values[-1])
        assert all(isinstance(v, (int, float)) for v in values)
    projects = book["รายโครงการ"]
    assert projects["A3"].value == "2570-001-naphoe-welfare"
    assert projects.cell(row=3, column=6).value == "กำลังดำเนินการ"  # approved, with a report
    assert projects.cell(row=4, column=6).value == "ยื่นเสนอแล้ว รอพิจารณา"


def test_write_summary_spreadsheets(mini_repo, tmp_path):
    repository = _two_projects(mini_repo)
    written = summaries.write_summary(repository, 2570, tmp_path / "out", docx=False)
    names = sorted(p.name for p in written)
    assert names == ["summary-2570-districts.csv", "summary-2570-issues.csv", "summary-2570-projects.csv",
                     "summary-2570.xlsx"]
    stamp = (tmp_path / "out" / "summary-2570.xlsx").stat().st_mtime_ns
    summaries.write_summary(repository, 2570, tmp_path / "out", docx=False)
    assert (tmp_path / "out" / "summary-2570.xlsx").stat().st_mtime_ns == stamp, "unchanged output not rewritten"


def _docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_summary_command_writes_docx_xlsx_and_csv(mini_repo, tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    _two_projects(mini_repo)
    result = CliRunner().invoke(main, ["summary", "--fy", "2570", "--repo", str(mini_repo.root),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert names == ["summary-2570-districts.csv", "summary-2570-issues.csv", "summary-2570-projects.csv",
                     "summary-2570.docx", "summary-2570.xlsx"]
    text = _docx_text(tmp_path / "out" / "summary-2570.docx")
    assert "สรุปภาพรวมโครงการของขบวนองค์กรชุมชนจังหวัดชุมพร" in text
    assert "ปีงบประมาณ 2570" in text and "ข้อมูล ณ วันที่ 20 พฤศจิกายน 2569" in text  # the report's date
    # Totals row of the district table, then of the issue table: the same figures.
    totals = [line for line in text.splitlines() if line.startswith("รวมทั้งจังหวัด")]
    assert len(totals) == 3
    assert totals[0] == totals[1]
    assert "6,212.50" in totals[0] and "2,000" in totals[0] and "1,800" in totals[0] and "600" in totals[0]
    assert "ไม่นับโครงการฉบับร่างที่ยังไม่ได้ยื่นเสนอ (1 โครงการ)" in text
    rows = [line for line in text.splitlines() if line.startswith("สวี |")]
    assert rows and "3,100" in rows[0] and "20" in rows[0]
    assert "2570-002" in text and "ยื่นเสนอแล้ว รอพิจารณา" in text
    assert "สองพันบาทถ้วน" in text  # approved total in words
    assert "รับเงินแล้ว" in text and "ใช้จ่ายแล้ว" in text  # the site's names, in the tables' headings too
    assert "รับแล้ว" not in text and "ใช้ไป" not in text


def test_thai_digits_setting_reaches_every_text_of_the_summary_not_only_its_figures(mini_repo, tmp_path):
    repository = _two_projects(mini_repo)
    repository.settings.thai_digits = True
    repository.proposals["2570-002-lamae-housing"].title = "โครงการบ้านมั่นคง ปี 2571"
    summaries.write_summary(repository, 2570, tmp_path)
    text = _docx_text(tmp_path / "summary-2570.docx")
    assert "โครงการบ้านมั่นคง ปี ๒๕๗๑" in text and "2571" not in text  # the title, like the figures
    assert "๖,๒๑๒.๕๐" in text and "ปีงบประมาณ ๒๕๗๐" in text and "2570-002" in text  # IDs stay as written


def test_summary_of_the_sample_defaults_to_its_latest_fiscal_year(sample_root, tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["summary", "--repo", str(sample_root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "summary-2570.xlsx")
    sheet = book["รายอำเภอ"]
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert names[:8] == ["เมืองชุมพร", "ท่าแซะ", "ปะทิว", "หลังสวน", "ละแม", "พะโต๊ะ", "สวี", "ทุ่งตะโก"]
    assert names[-1] == summaries.TOTAL_TH


def test_site_page_shows_the_same_rollup_escaped(mini_repo):
    from generator.pages import render_pages

    _two_projects(mini_repo)
    mini_repo.replace(f"{SECOND_DIR}/proposal.yaml", "title: โครงการเสริมสร้าง", "title: \"<b>บ้าน | ดิน</b> โครงการเสริมสร้าง")
    mini_repo.replace(f"{SECOND_DIR}/proposal.yaml", "ตำบลนาโพธิ์\nkind", "ตำบลนาโพธิ์\"\nkind")
    result = mini_repo.check()
    assert not result.errors, result.errors
    page = render_pages(result, mini_repo.root)["summary.md"]
    assert "\n# สรุปภาพรวมจังหวัดชุมพร ปีงบประมาณ 2570\n" in page  # after the front matter that hides the toc
    assert "<b>" not in page and "บ้าน &#124; ดิน" in page  # a | in a title cannot break the table
    district_rows = [line for line in page.splitlines() if line.startswith("| [")and "districts.md" in line]
    assert len(district_rows) == 2 and "3,112.50" in district_rows[1]
    totals = [line for line in page.splitlines() if line.startswith("| **รวม")]
    assert len(totals) == 3 and all("6,212.50" in line and "2,000" in line for line in totals)
    assert "(proposals/2570-001-naphoe-welfare.md)" in page
