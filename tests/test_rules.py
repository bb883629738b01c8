"""Every validation rule, each with a bad input: the code, the file, the line and the Thai message.

The small valid repository (`mini_repo`) checks clean; each test breaks exactly one thing and
asserts the one problem it causes (and, where it matters, that nothing else is reported).
"""

from __future__ import annotations

import os
import struct
import zlib

import pytest

from conftest import MEETING, PROPOSAL_DIR, REPORT
from generator.problems import CATALOGUE, ERROR, WARNING, Problem, ProblemList
from problem_asserts import codes, describe, the_problem

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"
REPORT1 = f"{PROPOSAL_DIR}/report-1.yaml"
REPORT2 = f"{PROPOSAL_DIR}/report-2.yaml"
MEETING1 = "meetings/2570/01.yaml"
PROJECT = "2570-001-naphoe-welfare"


@pytest.fixture
def full_repo(mini_repo):
    """The small repository plus one report and the meeting that approved the project."""
    mini_repo.write(REPORT1, REPORT)
    mini_repo.write(MEETING1, MEETING)
    return mini_repo


def test_the_small_repository_and_its_report_and_meeting_check_clean(full_repo):
    result = full_repo.check()
    assert result.problems == [], describe(result.problems)
    proposal = result.repository.proposals[PROJECT]
    assert proposal.status == "in_progress"
    assert proposal.requested == 3100


def test_every_catalogue_entry_formats_in_both_languages():
    for code, kind in CATALOGUE.items():
        assert kind.severity in (ERROR, WARNING)
        problem = Problem(code, "x.yaml", 1, 1, {})
        assert problem.message("th") and problem.message("en")
        assert "{" not in problem.message("th") and "{" not in problem.message("en")


def test_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        ProblemList().add("Z999", "x.yaml")


# --- shape -----------------------------------------------------------------------------------

def test_unknown_key_suggests_the_nearest_one(mini_repo):
    mini_repo.replace(PROPOSAL, "objectives:", "objectivs:")
    result = mini_repo.check()
    the_problem(result, "S001", PROPOSAL, mini_repo.line_of(PROPOSAL, "objectivs:"),
                "ไม่รู้จักคีย์ 'objectivs' — หมายถึง 'objectives' หรือไม่?", column=1,
                fragment_en="did you mean 'objectives'?")
    the_problem(result, "S002", PROPOSAL, mini_repo.line_of(PROPOSAL, "objectivs:"),
                "ขาดหัวข้อ วัตถุประสงค์ (objectives) — เพิ่มไว้ต่อจาก หลักการและเหตุผล (rationale)")


def test_unknown_nested_key_points_at_the_key(mini_repo):
    mini_repo.replace(PROPOSAL, "        unit_cost: 80", "        unit_cots: 80")
    result = mini_repo.check()
    the_problem(result, "S001", PROPOSAL, mini_repo.line_of(PROPOSAL, "unit_cots"), "หมายถึง 'unit_cost'", column=9)


def test_unknown_key_without_a_near_match_has_no_suggestion(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind: area\nzzzz: 1")
    result = mini_repo.check()
    problem = the_problem(result, "S001", PROPOSAL, mini_repo.line_of(PROPOSAL, "zzzz"))
    assert "หมายถึง" not in problem.message("th")


def test_missing_required_key(mini_repo):
    mini_repo.replace(PROPOSAL, "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์\n", "")
    result = mini_repo.check()
    problem = the_problem(result, "S002", PROPOSAL, 1, fragment_en="required key 'title' is missing (add it before 'kind')")
    assert problem.message("th") == "ขาดหัวข้อ ชื่อโครงการ (title) — เพิ่มไว้ก่อน ประเภทโครงการ (kind)"
    assert codes(result) == ["S002"]


def test_missing_nested_key_points_where_it_belongs(mini_repo):
    mini_repo.replace(PROPOSAL, "  end: 2027-03-31\n", "")
    result = mini_repo.check()
    the_problem(result, "S002", PROPOSAL, mini_repo.line_of(PROPOSAL, "start: 2026-10-15") + 1,
                "ขาดหัวข้อ ระยะเวลาดำเนินการ วันสิ้นสุดโครงการ (end) — เพิ่มไว้ต่อจาก ระยะเวลาดำเนินการ วันเริ่มโครงการ (start)",
                fragment_en="required key 'period.end' is missing (add it after 'start')")


def test_wrong_type_list_expected(mini_repo):
    mini_repo.replace(PROPOSAL, "objectives:\n  - เพื่อเพิ่มสมาชิกกองทุน", "objectives: 5")
    result = mini_repo.check()
    the_problem(result, "S003", PROPOSAL, mini_repo.line_of(PROPOSAL, "objectives: 5"),
                "วัตถุประสงค์ (objectives) ต้องเป็นรายการ")


def test_wrong_type_mapping_expected(mini_repo):
    mini_repo.replace(PROPOSAL, "area:\n  district: สวี\n  subdistricts: [นาโพธิ์]", "area: สวี")
    result = mini_repo.check()
    the_problem(result, "S003", PROPOSAL, mini_repo.line_of(PROPOSAL, "area: สวี"), "พื้นที่ดำเนินการ (area) ต้องเป็นชุดคีย์: ค่า")


def test_value_not_allowed(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind: พื้นที่")
    result = mini_repo.check()
    the_problem(result, "S004", PROPOSAL, mini_repo.line_of(PROPOSAL, "kind:"),
                "ประเภทโครงการ (kind) มีค่า 'พื้นที่' ไม่ได้ ต้องเป็นหนึ่งใน: area, issue")


def test_empty_required_value(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind:")
    result = mini_repo.check()
    the_problem(result, "S005", PROPOSAL, mini_repo.line_of(PROPOSAL, "kind:"), "ประเภทโครงการ (kind) ต้องไม่ว่าง")


def test_too_few_responsible_people(mini_repo):
    mini_repo.replace(PROPOSAL, "  - name: นางสาวสมใจ ทดสอบ\n    position: เลขานุการ\n", "")
    result = mini_repo.check()
    the_problem(result, "S006", PROPOSAL, mini_repo.line_of(PROPOSAL, "responsible:") + 1,
                "ผู้รับผิดชอบโครงการ (responsible) ต้องมีอย่างน้อย 3 รายการ")


@pytest.mark.parametrize("written, read_as", [("no", "ค่าจริง/เท็จ"), ("yes", "ค่าจริง/เท็จ"), ("on", "ค่าจริง/เท็จ"),
                                              ("1:30", "ตัวเลข"), ("12", "ตัวเลข"), ("~", "ค่าว่าง")])
def test_yaml_11_surprises_in_a_text_field(mini_repo, written, read_as):
    mini_repo.replace(PROPOSAL, "place: ศาลาหมู่บ้าน", f"place: {written}")
    result = mini_repo.check()
    if written == "~":  # an optional field left empty is allowed
        assert result.problems == []
        return
    the_problem(result, "S007", PROPOSAL, mini_repo.line_of(PROPOSAL, f"place: {written}"),
                f"YAML อ่าน {written} ใน กิจกรรมที่ 1 สถานที่ (place) เป็น{read_as}")
    assert codes(result) == ["S007"]


def test_phone_that_yaml_reads_as_octal(mini_repo):
    mini_repo.replace(PROPOSAL, 'phone: "089-000-0001"', "phone: 0234567")
    result = mini_repo.check()
    problem = the_problem(result, "S007", PROPOSAL, mini_repo.line_of(PROPOSAL, "phone: 0234567"),
                          "YAML อ่าน 0234567 ใน ผู้รับผิดชอบคนที่ 1 โทรศัพท์ (phone) เป็นตัวเลข ไม่ใช่ข้อความ", column=12)
    assert 'ใส่เครื่องหมายคำพูด เช่น phone: "0234567"' in problem.message("th")


def test_unquoted_mobile_number(mini_repo):
    mini_repo.replace(PROPOSAL, 'phone: "089-000-0001"', "phone: 0812345678")
    result = mini_repo.check()
    the_problem(result, "S007", PROPOSAL, mini_repo.line_of(PROPOSAL, "phone: 0812345678"),
                "YAML อ่าน 0812345678 ใน ผู้รับผิดชอบคนที่ 1 โทรศัพท์ (phone) เป็นตัวเลข (ในบางโปรแกรม)")


def test_quoted_phone_numbers_pass(mini_repo):
    mini_repo.replace(PROPOSAL, 'phone: "089-000-0001"', "phone: '0812345678'")
    assert mini_repo.check().problems == []


def test_committee_id_must_match_its_pattern(mini_repo):
    mini_repo.replace("committee.yaml", "id: l01", "id: สมชาย ใจดี")
    result = mini_repo.check()
    the_problem(result, "S009", "committee.yaml", mini_repo.line_of("committee.yaml", "id: สมชาย"), "กรรมการคนที่ 1 รหัสกรรมการ (id) ไม่ตรงรูปแบบ")


# --- dates -----------------------------------------------------------------------------------

def test_impossible_date_is_a_clear_error(mini_repo):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", "end: 2027-02-30")
    result = mini_repo.check()
    the_problem(result, "D002", PROPOSAL, mini_repo.line_of(PROPOSAL, "end: 2027-02-30"),
                "วันที่ '2027-02-30' ไม่มีจริงในปฏิทิน", column=8)
    assert codes(result) == ["D002"]


def test_impossible_buddhist_era_date(mini_repo):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", "end: 2570-02-29")  # CE 2027 is not a leap year
    result = mini_repo.check()
    the_problem(result, "D002", PROPOSAL, mini_repo.line_of(PROPOSAL, "2570-02-29"), "'2570-02-29' ไม่มีจริง")


@pytest.mark.parametrize("text", ["31/03/2570", "2027-3-31-1", "วันที่ 31 มีนาคม", "20270331", "2027-03-31 10:00:00"])
def test_date_in_another_format(mini_repo, text):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", f"end: {text}")
    result = mini_repo.check()
    the_problem(result, "D001", PROPOSAL, mini_repo.line_of(PROPOSAL, f"end: {text}"),
                f"ระยะเวลาดำเนินการ วันสิ้นสุดโครงการ (end) ต้องเป็นวันที่แบบ ปปปป-ดด-วว (ได้ '{text}')")


def test_buddhist_era_and_common_era_years_are_the_same_day(mini_repo):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", "end: 2570-03-31")
    result = mini_repo.check()
    assert result.problems == []
    assert result.repository.proposals[PROJECT].end.isoformat() == "2027-03-31"


def test_start_after_end(mini_repo):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", "end: 2026-10-01")
    result = mini_repo.check()
    the_problem(result, "D003", PROPOSAL, mini_repo.line_of(PROPOSAL, "start: 2026-10-15"),
                "วันเริ่ม (15 ตุลาคม 2569) อยู่หลังวันสิ้นสุด (1 ตุลาคม 2569)")
    assert codes(result) == ["D003"]


def test_activity_start_after_end(mini_repo):
    mini_repo.replace(PROPOSAL, "    start: 2027-03-01", "    start: 2027-03-05")
    result = mini_repo.check()
    the_problem(result, "D003", PROPOSAL, mini_repo.line_of(PROPOSAL, "start: 2027-03-05"), "อยู่หลังวันสิ้นสุด")


def test_period_outside_the_fiscal_year_of_the_folder(mini_repo):
    mini_repo.replace(PROPOSAL, "end: 2027-03-31", "end: 2027-10-31")
    result = mini_repo.check()
    the_problem(result, "D004", PROPOSAL, mini_repo.line_of(PROPOSAL, "end: 2027-10-31"),
                "อยู่นอกปีงบประมาณ 2570 (1 ตุลาคม 2569 ถึง 30 กันยายน 2570)")


def test_period_starting_before_the_fiscal_year(mini_repo):
    mini_repo.replace(PROPOSAL, "start: 2026-10-15", "start: 2569-09-15")
    result = mini_repo.check()
    the_problem(result, "D004", PROPOSAL, mini_repo.line_of(PROPOSAL, "start: 2569-09-15"),
                "ระยะเวลาโครงการ (15 กันยายน 2569 ถึง 31 มีนาคม 2570)")


def test_activity_outside_the_project_period(mini_repo):
    mini_repo.replace(PROPOSAL, "    end: 2027-03-01", "    end: 2027-04-30")
    result = mini_repo.check()
    the_problem(result, "D007", PROPOSAL, mini_repo.line_of(PROPOSAL, "end: 2027-04-30"),
                "กิจกรรมที่ 2 (1 มีนาคม 2570 ถึง 30 เมษายน 2570) อยู่นอกระยะเวลาโครงการ")


def test_report_period_outside_the_project(full_repo):
    full_repo.replace(REPORT1, "end: 2026-11-15", "end: 2027-05-15")
    result = full_repo.check()
    the_problem(result, "D005", REPORT1, full_repo.line_of(REPORT1, "end: 2027-05-15"),
                "ช่วงรายงาน (15 ตุลาคม 2569 ถึง 15 พฤษภาคม 2570) อยู่นอกระยะเวลาโครงการ (15 ตุลาคม 2569 ถึง 31 มีนาคม 2570)")


def test_report_periods_overlap(full_repo):
    full_repo.write(REPORT2, REPORT.replace("start: 2026-10-15", "start: 2026-11-10")
                    .replace("end: 2026-11-15", "end: 2026-12-15").replace("amount: 1200", "amount: 100"))
    result = full_repo.check()
    the_problem(result, "D006", REPORT2, full_repo.line_of(REPORT2, "start: 2026-11-10"),
                "ช่วงรายงานทับซ้อนกับรายงานฉบับที่ 1 (15 ตุลาคม 2569 ถึง 15 พฤศจิกายน 2569)")
    assert codes(result) == ["D006"]


def test_report_start_after_end(full_repo):
    full_repo.replace(REPORT1, "end: 2026-11-15", "end: 2026-10-01")
    result = full_repo.check()
    the_problem(result, "D003", REPORT1, full_repo.line_of(REPORT1, "start: 2026-10-15"), "อยู่หลังวันสิ้นสุด")


@pytest.mark.parametrize("day", ["2069-10-08", "2027-10-01", "2569-09-30"])
def test_meeting_date_outside_the_fiscal_year_of_its_folder(full_repo, day):
    full_repo.replace(MEETING1, "date: 2026-10-08", f"date: {day}")
    result = full_repo.check()
    the_problem(result, "D009", MEETING1, 2, "อยู่นอกปีงบประมาณ 2570 ของโฟลเดอร์ (1 ตุลาคม 2569 ถึง 30 กันยายน 2570)")


@pytest.mark.parametrize("old, new", [
    ("    - date: 2026-10-20", "    - date: 2069-10-20"),  # an expense, 2069 typed for 2569 (CE 2026)
    ("    - date: 2026-10-16", "    - date: 3569-10-16"),  # a receipt, 3569 typed for 2569
    ("reported: 2026-11-20", "reported: 2012-11-20"),
])
def test_date_years_away_from_the_fiscal_year_is_a_warning(full_repo, old, new):
    full_repo.replace(REPORT1, old, new)
    result = full_repo.check()
    written = new.split(": ")[1]
    problem = the_problem(result, "D008", REPORT1, full_repo.line_of(REPORT1, new.strip()),
                          f"ปี {written[:4]} ดูไม่น่าใช่")
    assert not problem.is_error


def test_submitted_years_away(mini_repo):
    mini_repo.replace(PROPOSAL, "submitted: 2026-10-01", "submitted: 2036-10-01")
    result = mini_repo.check()
    the_problem(result, "D008", PROPOSAL, mini_repo.line_of(PROPOSAL, "submitted:"), "ปี 2036 ดูไม่น่าใช่ (อ่านเป็น ค.ศ. 2036)")


def test_every_catalogue_code_is_reported_somewhere_and_tested():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in (root / "generator").rglob("*.py") if p.name != "problems.py")
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (root / "tests").rglob("*")
                      if p.is_file() and p.suffix in (".py", ".yaml"))
    for name in CATALOGUE:
        assert f'"{name}"' in code, f"{name} is in the catalogue but never reported"
        assert tests.count(name) >= 1, f"{name} has no test"


def test_meeting_impossible_date(full_repo):
    full_repo.replace(MEETING1, "date: 2026-10-08", "date: 2026-02-30")
    result = full_repo.check()
    the_problem(result, "D002", MEETING1, 2, "'2026-02-30' ไม่มีจริง")


# --- money -----------------------------------------------------------------------------------

def test_negative_money(mini_repo):
    mini_repo.replace(PROPOSAL, "unit_cost: 80", "unit_cost: -80")
    result = mini_repo.check()
    the_problem(result, "M001", PROPOSAL, mini_repo.line_of(PROPOSAL, "unit_cost: -80"),
                "กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost) ติดลบไม่ได้ (-80)")
    assert codes(result) == ["M001"]


@pytest.mark.parametrize("text", ["แปดสิบ", "80 บาท", "'-80'", ".inf", "1,2,3", "true"])
def test_money_that_is_not_a_number(mini_repo, text):
    mini_repo.replace(PROPOSAL, "unit_cost: 80", f"unit_cost: {text}")
    result = mini_repo.check()
    the_problem(result, "M002", PROPOSAL, mini_repo.line_of(PROPOSAL, f"unit_cost: {text}"),
                "กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost) ต้องเป็นจำนวนเงิน")


def test_money_with_three_decimals(mini_repo):
    mini_repo.replace(PROPOSAL, "unit_cost: 80", "unit_cost: 80.125")
    result = mini_repo.check()
    the_problem(result, "M003", PROPOSAL, mini_repo.line_of(PROPOSAL, "80.125"), "มีทศนิยมเกิน 2 ตำแหน่ง (80.125)")


@pytest.mark.parametrize("text", ['"12,000"', "12,000", "12000", "12000.00", "'12000.5'"])
def test_money_written_with_thousands_separators_or_decimals(mini_repo, text):
    mini_repo.replace(PROPOSAL, "unit_cost: 20", f"unit_cost: {text}")
    result = mini_repo.check()
    assert result.problems == [], describe(result.problems)
    assert result.repository.proposals[PROJECT].activities[1].budget[0].unit_cost in (12000, 12000.5)


def test_stated_amount_must_equal_quantity_times_unit_cost_times_times(mini_repo):
    mini_repo.replace(PROPOSAL, "amount: 1200", "amount: 1300")
    result = mini_repo.check()
    the_problem(result, "M004", PROPOSAL, mini_repo.line_of(PROPOSAL, "amount: 1300"),
                "จำนวนเงิน 1,300 ไม่เท่ากับ 15 x 80 x 1 = 1,200", column=17)
    assert codes(result) == ["M004"]


def test_installment_percents_must_sum_to_100(mini_repo):
    mini_repo.replace(PROPOSAL, "percent: 40", "percent: 30")
    result = mini_repo.check()
    the_problem(result, "M005", PROPOSAL, mini_repo.line_of(PROPOSAL, "installments:") + 1,
                "ร้อยละของงวดเงินรวมกันได้ 90 ต้องเท่ากับ 100")


def test_spending_more_than_received_is_a_warning(full_repo):
    full_repo.replace(REPORT1, "      amount: 1800", "      amount: 1000")
    result = full_repo.check()
    problem = the_problem(result, "M006", REPORT1, full_repo.line_of(REPORT1, "spent:") + 1,
                          "ใช้จ่ายสะสม 1,200 บาท มากกว่ารับสะสม 1,000 บาท")
    assert not problem.is_error and result.errors == []


def test_spending_more_than_an_activity_budget_is_a_warning(full_repo):
    full_repo.replace(REPORT1, "      amount: 1800", "      amount: 5000")
    full_repo.replace(REPORT1, "      amount: 1200", "      amount: 2500")
    result = full_repo.check()
    problem = the_problem(result, "M007", REPORT1, full_repo.line_of(REPORT1, "amount: 2500"),
                          "กิจกรรมที่ 1 ใช้จ่ายสะสม 2,500 บาท เกินงบที่ตั้งไว้ 2,100 บาท")
    assert not problem.is_error


@pytest.mark.parametrize("written, read", [("0120", 80), ("1:20", 80), ("0x50", 80)])
def test_money_yaml_reads_unlike_it_is_written(mini_repo, written, read):
    mini_repo.replace(PROPOSAL, "unit_cost: 80", f"unit_cost: {written}")
    result = mini_repo.check()
    the_problem(result, "M008", PROPOSAL, mini_repo.line_of(PROPOSAL, f"unit_cost: {written}"),
                f"YAML อ่าน {written} ใน กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost) เป็น {read}")
    assert codes(result) == ["M008"]


def test_count_yaml_reads_as_octal(mini_repo):
    mini_repo.replace(PROPOSAL, "participants: 15", "participants: 015")
    result = mini_repo.check()
    the_problem(result, "M008", PROPOSAL, mini_repo.line_of(PROPOSAL, "participants: 015"), "เป็น 13")


def test_implausibly_large_amount(mini_repo):
    mini_repo.replace(PROPOSAL, "unit_cost: 80", "unit_cost: 123456789012345678901234567890.12")
    result = mini_repo.check()
    the_problem(result, "M009", PROPOSAL, mini_repo.line_of(PROPOSAL, "unit_cost: 1234"), "มากกว่า 1,000,000,000")


def test_negative_quantity(mini_repo):
    mini_repo.replace(PROPOSAL, "quantity: 50", "quantity: -50")
    result = mini_repo.check()
    the_problem(result, "S003", PROPOSAL, mini_repo.line_of(PROPOSAL, "quantity: -50"),
                "กิจกรรมที่ 2 รายการที่ 1 จำนวน (quantity) ต้องเป็นตัวเลขไม่ติดลบ")


def test_meeting_negative_amount(full_repo):
    full_repo.replace(MEETING1, "amount: 2000", "amount: -5")
    result = full_repo.check()
    the_problem(result, "M001", MEETING1, full_repo.line_of(MEETING1, "amount: -5"), "ติดลบไม่ได้")


# --- areas and reference lists ---------------------------------------------------------------

def test_district_typo_suggests_the_right_name(mini_repo):
    mini_repo.replace(PROPOSAL, "district: สวี", "district: สวิ")
    result = mini_repo.check()
    the_problem(result, "A001", PROPOSAL, mini_repo.line_of(PROPOSAL, "district: สวิ"),
                "ไม่พบอำเภอ 'สวิ' ในจังหวัดชุมพร — หมายถึง 'สวี' หรือไม่?", column=13,
                fragment_en="did you mean 'สวี'?")
    assert codes(result) == ["A001"]


def test_subdistrict_typo_suggests_the_right_name(mini_repo):
    mini_repo.replace(PROPOSAL, "subdistricts: [นาโพธิ์]", "subdistricts: [นาสัก, นาโพธ]")
    result = mini_repo.check()
    the_problem(result, "A002", PROPOSAL, mini_repo.line_of(PROPOSAL, "subdistricts:"),
                "ไม่พบตำบล 'นาโพธ' ในอำเภอสวี — หมายถึง 'นาโพธิ์' หรือไม่?", column=25)


def test_subdistrict_of_another_district(mini_repo):
    mini_repo.replace(PROPOSAL, "subdistricts: [นาโพธิ์]", "subdistricts:\n    - นาโพธิ์\n    - ทุ่งหลวง")
    result = mini_repo.check()
    the_problem(result, "A003", PROPOSAL, mini_repo.line_of(PROPOSAL, "- ทุ่งหลวง"),
                "ตำบล 'ทุ่งหลวง' อยู่ในอำเภอละแม ไม่ใช่อำเภอสวี")


def test_unknown_issue_area(mini_repo):
    mini_repo.replace(PROPOSAL, "issue: สวัสดิการชุมชน", "issue: สวัสดิการ")
    result = mini_repo.check()
    the_problem(result, "A004", PROPOSAL, mini_repo.line_of(PROPOSAL, "issue: สวัสดิการ"),
                "ไม่พบประเด็นงาน 'สวัสดิการ' ใน reference/issues.yaml — หมายถึง 'สวัสดิการชุมชน' หรือไม่?")


def test_unknown_coordinator(mini_repo):
    mini_repo.replace(PROPOSAL, "coordinator: s01", "coordinator: s10")
    result = mini_repo.check()
    the_problem(result, "A005", PROPOSAL, mini_repo.line_of(PROPOSAL, "coordinator:"),
                "ไม่พบรหัสกรรมการ 's10' ใน committee.yaml")


def test_duplicate_member_id(mini_repo):
    mini_repo.replace("committee.yaml", "id: l02", "id: l01")
    result = mini_repo.check()
    the_problem(result, "A006", "committee.yaml", mini_repo.line_of("committee.yaml", "นายกรรมการ ใหญ่2") - 1,
                "รหัสกรรมการ 'l01' ซ้ำ")


def test_member_district_checked_too(mini_repo):
    mini_repo.replace("committee.yaml", "    name: นายกรรมการ ใหญ่1", "    name: นายกรรมการ ใหญ่1\n    district: ละเม")
    result = mini_repo.check()
    the_problem(result, "A001", "committee.yaml", mini_repo.line_of("committee.yaml", "district: ละเม"),
                "หมายถึง 'ละแม'")


@pytest.mark.parametrize("name", ["reference/areas.yaml", "reference/issues.yaml", "committee.yaml", "khrongkan.yaml"])
def test_missing_reference_file(mini_repo, name):
    (mini_repo.root / name).unlink()
    result = mini_repo.check()
    the_problem(result, "A007", name, 0, f"ไม่พบไฟล์ข้อมูลอ้างอิง {name}")


# --- references between files ----------------------------------------------------------------

def test_report_activity_that_does_not_exist(full_repo):
    full_repo.replace(REPORT1, "  - activity: 1", "  - activity: 9")
    result = full_repo.check()
    the_problem(result, "R001", REPORT1, full_repo.line_of(REPORT1, "activity: 9"),
                "ไม่มีกิจกรรมที่ 9 ในแบบเสนอโครงการ (มี 2 กิจกรรม)", column=15)


def test_expense_for_an_activity_that_does_not_exist(full_repo):
    full_repo.replace(REPORT1, "      activity: 1", "      activity: 3")
    result = full_repo.check()
    the_problem(result, "R001", REPORT1, full_repo.line_of(REPORT1, "      activity: 3"), "ไม่มีกิจกรรมที่ 3")


def test_report_indicator_that_does_not_exist(full_repo):
    full_repo.replace(REPORT1, "indicator: 1", "indicator: 2")
    result = full_repo.check()
    the_problem(result, "R002", REPORT1, full_repo.line_of(REPORT1, "indicator: 2"),
                "ไม่มีตัวชี้วัดที่ 2 ในแบบเสนอโครงการ (มี 1 ตัวชี้วัด)")


def test_receipt_for_an_installment_that_does_not_exist(full_repo):
    full_repo.replace(REPORT1, "installment: 1", "installment: 3")
    result = full_repo.check()
    the_problem(result, "R014", REPORT1, full_repo.line_of(REPORT1, "installment: 3"),
                "ไม่มีงวดที่ 3 ในแบบเสนอโครงการ (มี 2 งวด)")
    assert codes(result) == ["R014"]


def test_report_activity_zero_is_refused_by_its_shape(full_repo):
    full_repo.replace(REPORT1, "  - activity: 1", "  - activity: 0")
    result = full_repo.check()
    the_problem(result, "S008", REPORT1, full_repo.line_of(REPORT1, "activity: 0"), "ต้องไม่น้อยกว่า 1")


def test_decision_for_an_unknown_proposal(full_repo):
    full_repo.replace(MEETING1, f"proposal: {PROJECT}", "proposal: 2570-001-naphoe-welfar")
    result = full_repo.check()
    the_problem(result, "R003", MEETING1, full_repo.line_of(MEETING1, "proposal:"),
                f"ไม่พบโครงการรหัส '2570-001-naphoe-welfar' — หมายถึง '{PROJECT}' หรือไม่?")


def test_attendee_not_on_the_roster(full_repo):
    full_repo.replace(MEETING1, "[l01, l02, l03]", "[l01, l02, l03, x99]")
    result = full_repo.check()
    the_problem(result, "R004", MEETING1, full_repo.line_of(MEETING1, "attendees:"),
                "ผู้เข้าประชุม 'x99' ไม่อยู่ในรายชื่อกรรมการ", column=28)


def test_large_meeting_without_quorum_cannot_approve(full_repo):
    full_repo.replace(MEETING1, "[l01, l02, l03]", "[l01, l02, s01, s02]")
    result = full_repo.check()
    the_problem(result, "R005", MEETING1, full_repo.line_of(MEETING1, "decision: approved"),
                "การประชุมนี้ไม่ครบองค์ประชุม (มา 2 คน ต้องมีอย่างน้อย 3 จาก 4 คน) จึงอนุมัติไม่ได้")
    # The decision does not count: the project is not approved, and its report is flagged.
    assert result.repository.proposals[PROJECT].approval is None
    the_problem(result, "R007", REPORT1, 1, "มีรายงานแต่ยังไม่มีบันทึกการอนุมัติโครงการ")


def test_approved_amount_above_the_request(full_repo):
    full_repo.replace(MEETING1, "amount: 2000", "amount: 3100.01")
    result = full_repo.check()
    the_problem(result, "R006", MEETING1, full_repo.line_of(MEETING1, "amount:"),
                "อนุมัติ 3,100.01 บาท มากกว่าที่ขอ 3,100 บาท")


def test_report_without_an_approval_is_a_warning(mini_repo):
    mini_repo.write(REPORT1, REPORT)
    result = mini_repo.check()
    problem = the_problem(result, "R007", REPORT1, 1)
    assert not problem.is_error and result.errors == []


def test_final_report_must_be_the_last(full_repo):
    full_repo.replace(REPORT1, "kind: progress", "kind: final")
    full_repo.write(REPORT2, REPORT.replace("2026-10-15", "2026-12-01").replace("2026-11-15", "2026-12-15")
                    .replace("amount: 1200", "amount: 100"))
    result = full_repo.check()
    the_problem(result, "R008", REPORT1, 1, "รายงานปิดโครงการ (final) ต้องมีฉบับเดียวและเป็นฉบับสุดท้าย")


def test_small_committee_cannot_approve(full_repo):
    full_repo.replace(MEETING1, "body: large", "body: small")
    result = full_repo.check()
    the_problem(result, "R009", MEETING1, full_repo.line_of(MEETING1, "decision:"),
                "มีแต่คณะยุทธศาสตร์ชุดใหญ่ (large) ที่อนุมัติได้")


def test_proposal_edited_after_approval(full_repo):
    approved = full_repo.check().repository.proposals[PROJECT].fingerprint()
    full_repo.replace(MEETING1, "amount: 2000", f"amount: 2000\n    fingerprint: {approved}")
    assert full_repo.check().problems == []
    full_repo.replace(PROPOSAL, "ย่อหน้าที่สอง", "ย่อหน้าที่สองที่แก้ไขแล้ว")
    result = full_repo.check()
    the_problem(result, "R010", PROPOSAL, 1, "แบบเสนอโครงการถูกแก้ไขหลังอนุมัติเมื่อ 8 ตุลาคม 2569 (ครั้งที่ 1/2570)")


def test_attendee_listed_twice(full_repo):
    full_repo.replace(MEETING1, "[l01, l02, l03]", "[l01, l02, l03, l02]")
    result = full_repo.check()
    the_problem(result, "R011", MEETING1, full_repo.line_of(MEETING1, "attendees:"), "ผู้เข้าประชุม 'l02' ซ้ำ")


def test_two_decisions_on_one_proposal_in_one_meeting(full_repo):
    full_repo.replace(MEETING1, "    amount: 2000", f"    amount: 2000\n  - proposal: {PROJECT}\n    decision: revise")
    result = full_repo.check()
    the_problem(result, "R012", MEETING1, full_repo.line_of(MEETING1, "decision: revise") - 1,
                f"โครงการ '{PROJECT}' มีมติในการประชุมนี้มากกว่าหนึ่งครั้ง")


def test_decision_on_a_proposal_never_submitted(full_repo):
    full_repo.replace(PROPOSAL, "submitted: 2026-10-01\n", "")
    result = full_repo.check()
    problem = the_problem(result, "R013", MEETING1, full_repo.line_of(MEETING1, "proposal:"),
                          "มีมติเรื่องโครงการที่ยังไม่ได้ยื่นเสนอ")
    assert not problem.is_error


# --- photos ------------------------------------------------------------------------------------

def add_photo(repo, file: str) -> int:
    repo.replace(REPORT1, "reporter:", f"photos:\n  - file: {file}\n    caption: ภาพกิจกรรม\nreporter:")
    return repo.line_of(REPORT1, f"file: {file}")


def files_dir(repo):
    folder = repo.root / PROPOSAL_DIR / "files"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_photo_that_is_a_real_image_passes(full_repo):
    from PIL import Image

    Image.new("RGB", (40, 30), "green").save(files_dir(full_repo) / "ok.jpg")
    add_photo(full_repo, "files/ok.jpg")
    assert full_repo.check().problems == []


def test_missing_photo(full_repo):
    line = add_photo(full_repo, "files/ไม่มี.jpg")
    the_problem(full_repo.check(), "P001", REPORT1, line, "ไม่พบไฟล์รูป 'files/ไม่มี.jpg'", column=11)


def test_photo_that_is_not_an_image(full_repo):
    (files_dir(full_repo) / "notes.jpg").write_text("ข้อความ ไม่ใช่รูป", encoding="utf-8")
    line = add_photo(full_repo, "files/notes.jpg")
    the_problem(full_repo.check(), "P002", REPORT1, line, "'files/notes.jpg' ไม่ใช่ไฟล์รูปภาพที่เปิดได้")


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "files/../../proposal.yaml", "'C:/Windows/x.jpg'",
                                  "'files\\..\\..\\..\\x.jpg'"])
def test_photo_path_outside_the_project(full_repo, path):
    line = add_photo(full_repo, path)
    the_problem(full_repo.check(), "P003", REPORT1, line, "อยู่นอกโฟลเดอร์โครงการ")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_photo_through_a_symlink_is_refused(full_repo):
    os.symlink("/etc/passwd", files_dir(full_repo) / "link.jpg")
    line = add_photo(full_repo, "files/link.jpg")
    the_problem(full_repo.check(), "P003", REPORT1, line, "'files/link.jpg' อยู่นอกโฟลเดอร์โครงการ")


def png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height, size", [(100_000, 100_000, "10,000,000,000"), (8_000, 6_000, "8,000 x 6,000")])
def test_decompression_bomb_is_refused_before_decoding(full_repo, width, height, size):
    (files_dir(full_repo) / "bomb.png").write_bytes(png_header(width, height))
    line = add_photo(full_repo, "files/bomb.png")
    the_problem(full_repo.check(), "P009", REPORT1, line, f"รูป 'files/bomb.png' ใหญ่เกินไป ({size} พิกเซล)")


# --- folders and file names -------------------------------------------------------------------

def move_project(repo, target: str):
    target_path = repo.root / target
    target_path.parent.mkdir(parents=True, exist_ok=True)
    (repo.root / PROPOSAL_DIR).rename(target_path)


@pytest.mark.parametrize("name", ["2570-01-x", "2570-001-Naphoe", "2570_001", "โครงการ-1", "2570-001-"])
def test_folder_name_not_an_id(mini_repo, name):
    move_project(mini_repo, f"proposals/2570/{name}")
    result = mini_repo.check()
    the_problem(result, "P004", f"proposals/2570/{name}", 0, f"ชื่อโฟลเดอร์ '{name}' ไม่ตรงรูปแบบรหัสโครงการ")
    assert codes(result) == ["P004"]


def test_folder_id_in_the_wrong_fiscal_year_folder(mini_repo):
    move_project(mini_repo, f"proposals/2571/{PROJECT}")
    result = mini_repo.check()
    the_problem(result, "P005", f"proposals/2571/{PROJECT}", 0,
                f"รหัสโครงการ '{PROJECT}' ขึ้นต้นด้วยปี 2570 แต่อยู่ในโฟลเดอร์ปีงบ 2571")


def test_two_folders_with_one_number(mini_repo):
    mini_repo.write("proposals/2570/2570-001-other/proposal.yaml", (mini_repo.root / PROPOSAL).read_text(encoding="utf-8"))
    result = mini_repo.check()
    the_problem(result, "P006", "proposals/2570/2570-001-other", 0, f"รหัสโครงการ 2570-001 ซ้ำกับ {PROJECT}")


def test_report_file_name(full_repo):
    (full_repo.root / REPORT1).rename(full_repo.root / PROPOSAL_DIR / "report1.yaml")
    result = full_repo.check()
    the_problem(result, "P007", f"{PROPOSAL_DIR}/report1.yaml", 0, "ชื่อไฟล์ 'report1.yaml' ไม่ถูกต้อง")


def test_meeting_file_name(full_repo):
    (full_repo.root / MEETING1).rename(full_repo.root / "meetings/2570/ครั้งที่1.yaml")
    result = full_repo.check()
    the_problem(result, "P007", "meetings/2570/ครั้งที่1.yaml", 0, "ไม่ถูกต้อง (01.yaml, 02.yaml, ...)")


def test_project_folder_without_proposal(mini_repo):
    (mini_repo.root / "proposals/2570/2570-002").mkdir()
    result = mini_repo.check()
    the_problem(result, "P008", "proposals/2570/2570-002", 0, "ไม่พบ proposal.yaml ในโฟลเดอร์โครงการ")


@pytest.mark.parametrize("base", ["proposals", "meetings"])
def test_fiscal_year_folder_name(mini_repo, base):
    (mini_repo.root / base / "70").mkdir(parents=True)
    result = mini_repo.check()
    the_problem(result, "P011", f"{base}/70", 0, "ชื่อโฟลเดอร์ปีงบประมาณ '70' ต้องเป็นปี พ.ศ. 4 หลัก")


# --- many problems at once --------------------------------------------------------------------

def test_all_problems_are_reported_at_once_and_sorted(full_repo):
    full_repo.replace(PROPOSAL, "district: สวี", "district: สวิ")
    full_repo.replace(PROPOSAL, "amount: 1200", "amount: 1300")
    full_repo.replace(REPORT1, "indicator: 1", "indicator: 5")
    full_repo.replace(MEETING1, "[l01, l02, l03]", "[l01, l02, l03, x99]")
    result = full_repo.check()
    assert codes(result) == ["A001", "M004", "R002", "R004"]
    keys = [(p.file, p.line, p.column) for p in result.problems]
    assert keys == sorted(keys)


def test_problems_for_one_project(full_repo):
    full_repo.replace(REPORT1, "indicator: 1", "indicator: 5")
    result = full_repo.check()
    assert [p.code for p in result.problems_for(PROJECT)] == ["R002"]
    assert result.problems_for("2570-999") == []


def test_hidden_files_and_other_files_beside_meetings_are_ignored(full_repo):
    (full_repo.root / PROPOSAL_DIR / "._report-1.yaml").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    (full_repo.root / PROPOSAL_DIR / ".report-2.yaml.swp").write_bytes(b"\x00")
    (full_repo.root / "proposals/2570/.git").mkdir()
    (full_repo.root / "meetings/2570/01-minutes.pdf").write_bytes(b"%PDF-1.4")
    (full_repo.root / "meetings/2570/._01.yaml").write_bytes(b"\x00")
    assert full_repo.check().problems == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
@pytest.mark.parametrize("link, target", [
    ("proposals/2570/2570-002-elsewhere", "/tmp"),
    (f"{PROPOSAL_DIR}/report-2.yaml", "/etc/hostname"),
    ("meetings/2570/02.yaml", "../../committee.yaml"),
])
def test_symbolic_links_in_the_repository_are_not_followed(full_repo, link, target):
    os.symlink(target, full_repo.root / link)
    result = full_repo.check()
    the_problem(result, "P012", link, 0, f"'{link}' เป็นลิงก์ (symbolic link) ซึ่งระบบไม่ติดตาม")
    assert codes(result) == ["P012"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinked_proposal_file_is_not_read(full_repo):
    proposal = full_repo.root / PROPOSAL
    proposal.rename(full_repo.root / "elsewhere.yaml")
    os.symlink(full_repo.root / "elsewhere.yaml", proposal)
    result = full_repo.check()
    the_problem(result, "P012", PROPOSAL, 0, "เป็นลิงก์")
    assert codes(result) == ["P012"]  # and no "no such proposal" for the meeting's decision


def test_unreadable_folder_is_a_problem_not_a_traceback(full_repo, monkeypatch):
    from pathlib import Path

    real_iterdir, real_scandir = Path.iterdir, os.scandir

    def unreadable(folder) -> bool:
        folder = Path(folder)
        return folder.name == "2570" and folder.parent.name == "proposals"

    def denied(self):
        if unreadable(self):
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    def denied_scan(folder="."):
        if unreadable(folder):
            raise PermissionError(13, "Permission denied")
        return real_scandir(folder)

    monkeypatch.setattr(Path, "iterdir", denied)
    monkeypatch.setattr(os, "scandir", denied_scan)  # the validate stage lists folders with os.scandir
    result = full_repo.check()
    the_problem(result, "P010", "proposals/2570", 0, "Permission denied")


def test_a_shape_error_does_not_hide_reference_problems_or_report_problems(mini_repo):
    """All problems at once: a wrong type elsewhere in the file must not silence the district check,
    and a broken proposal must not stop its reports from being checked."""
    mini_repo.replace(PROPOSAL, "district: สวี", "district: สวิ")
    mini_repo.replace(PROPOSAL, "quantity: 100", "quantity: มาก")  # a shape error in the same file
    mini_repo.write(REPORT1, REPORT.replace("kind: progress", "kind: progres"))
    result = mini_repo.check()
    the_problem(result, "A001", PROPOSAL, mini_repo.line_of(PROPOSAL, "district: สวิ"), "หมายถึง 'สวี' หรือไม่?")
    the_problem(result, "S003", PROPOSAL, mini_repo.line_of(PROPOSAL, "quantity: มาก"))
    the_problem(result, "S004", REPORT1, mini_repo.line_of(REPORT1, "kind: progres"))
