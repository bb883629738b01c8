"""Rules for agreement.yaml and visit-<N>.yaml, each with a bad file: code, file, line and Thai message."""

from __future__ import annotations

import pytest

from conftest import MEETING, PROPOSAL_DIR, REPORT
from fieldwork_fixtures import AGREEMENT, AGREEMENT_FILE, VISIT, VISIT_FILE
from problem_asserts import codes, describe, the_problem

REPORT1 = f"{PROPOSAL_DIR}/report-1.yaml"
MEETING1 = "meetings/2570/01.yaml"
PROJECT = "2570-001-naphoe-welfare"


@pytest.fixture
def field_repo(mini_repo):
    """The small repository with its approval, one report, the agreement and one visit."""
    mini_repo.write(REPORT1, REPORT)
    mini_repo.write(MEETING1, MEETING)
    mini_repo.write(AGREEMENT_FILE, AGREEMENT)
    mini_repo.write(VISIT_FILE, VISIT)
    return mini_repo


def test_agreement_and_visit_check_clean_and_are_in_the_model(field_repo):
    result = field_repo.check()
    assert result.problems == [], describe(result.problems)
    proposal = result.repository.proposals[PROJECT]
    assert proposal.agreement.amount == 2000 and proposal.agreement.paid == 1800
    assert [i.number for i in proposal.agreement.installments] == [1, 2]
    visit = proposal.visits[0]
    assert visit.number == 1 and visit.visitors == ["s01", "l01"]
    assert [(f.kind, f.number) for f in visit.findings] == [("objective", 1), ("indicator", 1), ("activity", 2), ("", None)]
    assert visit.finance_check.receipts_ok is False and visit.finance_check.balance_seen == 600


# --- agreement.yaml --------------------------------------------------------------------------

def test_agreement_more_than_approved(field_repo):
    field_repo.replace(AGREEMENT_FILE, "amount: 2000", "amount: 2500")
    field_repo.replace(AGREEMENT_FILE, "amount: 200\n", "amount: 700\n")
    result = field_repo.check()
    the_problem(result, "M010", AGREEMENT_FILE, 3, "ข้อตกลงรับทุน 2,500 บาท มากกว่างบที่อนุมัติ 2,000 บาท")
    assert codes(result) == ["M010"]


def test_agreement_installments_must_add_up(field_repo):
    field_repo.replace(AGREEMENT_FILE, "amount: 200\n", "amount: 300\n")
    result = field_repo.check()
    the_problem(result, "M011", AGREEMENT_FILE, field_repo.line_of(AGREEMENT_FILE, "- number: 1"),
                "งวดเงินในข้อตกลงรวมกันได้ 2,100 บาท ไม่เท่ากับวงเงินข้อตกลง 2,000 บาท")
    assert codes(result) == ["M011"]


def test_agreement_installments_numbered_in_order(field_repo):
    field_repo.replace(AGREEMENT_FILE, "- number: 2", "- number: 3")
    result = field_repo.check()
    the_problem(result, "M016", AGREEMENT_FILE, field_repo.line_of(AGREEMENT_FILE, "- number: 3"),
                "ได้งวดที่ 3 ในลำดับที่ 2")


def test_received_installment_that_was_not_paid(field_repo):
    field_repo.replace(AGREEMENT_FILE, "    paid: 2026-10-15\n", "")
    result = field_repo.check()
    the_problem(result, "M012", REPORT1, field_repo.line_of(REPORT1, "installment: 1"),
                "รับเงินงวดที่ 1 แต่ข้อตกลงไม่มีงวดที่ 1 ที่จ่ายแล้ว")
    assert codes(result) == ["M012"]


def test_received_installment_not_in_the_agreement_is_m012_not_r014(field_repo):
    field_repo.replace(REPORT1, "installment: 1", "installment: 3")
    result = field_repo.check()
    the_problem(result, "M012", REPORT1, field_repo.line_of(REPORT1, "installment: 3"), "งวดที่ 3")
    assert "R014" not in codes(result)


def test_received_amount_differs_from_the_installment(field_repo):
    field_repo.replace(REPORT1, "amount: 1800", "amount: 1700")
    result = field_repo.check()
    the_problem(result, "M013", REPORT1, field_repo.line_of(REPORT1, "amount: 1700"),
                "รับเงินงวดที่ 1 จำนวน 1,700 บาท ไม่ตรงกับงวดที่ 1 ในข้อตกลง 1,800 บาท")


def test_an_installment_received_in_two_transfers_that_add_up_is_fine(field_repo):
    field_repo.replace(REPORT1, """      amount: 1800
      installment: 1
""", """      amount: 1000
      installment: 1
    - date: 2026-10-17
      source: สถาบันพัฒนาองค์กรชุมชน
      amount: 800
      installment: 1
""")
    result = field_repo.check()
    assert result.problems == [], describe(result.problems)


def test_received_beyond_the_agreement_is_a_warning(field_repo):
    field_repo.write(f"{PROPOSAL_DIR}/report-2.yaml", REPORT.replace("2026-11-15", "2026-12-15")
                     .replace("start: 2026-10-15", "start: 2026-11-16").replace("2026-11-20", "2026-12-20")
                     .replace("spent:\n    - date: 2026-10-20\n      activity: 1\n      item: ค่าอาหาร\n      amount: 1200\n",
                              "spent: []\n"))
    result = field_repo.check()
    report2 = f"{PROPOSAL_DIR}/report-2.yaml"
    problem = the_problem(result, "M014", report2, field_repo.line_of(report2, "amount: 1800"),
                          "รับเงินจากข้อตกลงรวม 3,600 บาท เกินวงเงินข้อตกลง 2,000 บาท")
    assert not problem.is_error
    assert codes(result) == ["M014"]


def test_agreement_without_approval_is_a_warning(field_repo):
    (field_repo.root / MEETING1).unlink()
    result = field_repo.check()
    problem = the_problem(result, "M015", AGREEMENT_FILE, None, "มีข้อตกลงรับทุนแต่ยังไม่มีบันทึกการอนุมัติโครงการ")
    assert not problem.is_error


def test_agreement_shape_is_checked(field_repo):
    field_repo.replace(AGREEMENT_FILE, "amount: 2000", "amount: สองพัน")
    result = field_repo.check()
    assert "M002" in codes(result), describe(result.problems)
    assert result.repository.proposals[PROJECT].has_errors


# --- visit-<N>.yaml ---------------------------------------------------------------------------

def test_visitor_not_on_the_roster(field_repo):
    field_repo.replace(VISIT_FILE, "visitors: [s01, l01]", "visitors: [s01, l1]")
    result = field_repo.check()
    the_problem(result, "V001", VISIT_FILE, 3, "ผู้ลงพื้นที่ 'l1' ไม่อยู่ในรายชื่อกรรมการ", column=17)


def test_visitor_listed_twice(field_repo):
    field_repo.replace(VISIT_FILE, "visitors: [s01, l01]", "visitors: [s01, s01]")
    the_problem(field_repo.check(), "V006", VISIT_FILE, 3, "ผู้ลงพื้นที่ 's01' ซ้ำ")


@pytest.mark.parametrize("old, new, code, fragment", [
    ("objective: 1", "objective: 4", "V002", "ไม่มีวัตถุประสงค์ข้อที่ 4 ในแบบเสนอโครงการ (มี 1 ข้อ)"),
    ("indicator: 1", "indicator: 2", "R002", "ไม่มีตัวชี้วัดที่ 2 ในแบบเสนอโครงการ (มี 1 ตัวชี้วัด)"),
    ("activity: 2", "activity: 3", "R001", "ไม่มีกิจกรรมที่ 3 ในแบบเสนอโครงการ (มี 2 กิจกรรม)"),
])
def test_finding_refers_to_something_that_does_not_exist(field_repo, old, new, code, fragment):
    field_repo.replace(VISIT_FILE, old, new)
    result = field_repo.check()
    the_problem(result, code, VISIT_FILE, field_repo.line_of(VISIT_FILE, new), fragment)
    assert codes(result) == [code]


def test_finding_names_one_thing_only(field_repo):
    field_repo.replace(VISIT_FILE, "  - indicator: 1\n", "  - indicator: 1\n    activity: 1\n")
    result = field_repo.check()
    the_problem(result, "V003", VISIT_FILE, field_repo.line_of(VISIT_FILE, "    activity: 1"),
                "อ้างถึงได้อย่างเดียว: objective, indicator หรือ activity (พบ indicator, activity)")


def test_visit_before_the_project_starts(field_repo):
    field_repo.replace(VISIT_FILE, "date: 2026-11-25", "date: 2026-10-01")
    the_problem(field_repo.check(), "V004", VISIT_FILE, 1, "วันลงพื้นที่ 1 ตุลาคม 2569 อยู่ก่อนเริ่มโครงการ (15 ตุลาคม 2569)")


def test_visit_after_the_project_ended_is_fine(field_repo):
    field_repo.replace(VISIT_FILE, "date: 2026-11-25", "date: 2027-05-02")
    field_repo.replace(VISIT_FILE, "next_visit: 2027-01-20", "next_visit: 2027-06-20")
    result = field_repo.check()
    assert result.problems == [], describe(result.problems)


def test_next_visit_before_this_visit(field_repo):
    field_repo.replace(VISIT_FILE, "next_visit: 2027-01-20", "next_visit: 2026-11-20")
    the_problem(field_repo.check(), "V005", VISIT_FILE, field_repo.line_of(VISIT_FILE, "next_visit"),
                "นัดลงพื้นที่ครั้งต่อไป (20 พฤศจิกายน 2569) ต้องอยู่หลังวันลงพื้นที่ครั้งนี้ (25 พฤศจิกายน 2569)")


def test_visit_shape_is_checked(field_repo):
    field_repo.replace(VISIT_FILE, "purpose: ", "porpose: ")
    result = field_repo.check()
    the_problem(result, "S001", VISIT_FILE, field_repo.line_of(VISIT_FILE, "porpose"), "หมายถึง 'purpose'")
    the_problem(result, "S002", VISIT_FILE, None, "ขาดหัวข้อ วัตถุประสงค์ของการลงพื้นที่ (purpose)")


def test_visit_file_name(field_repo):
    (field_repo.root / VISIT_FILE).rename(field_repo.root / PROPOSAL_DIR / "visit1.yaml")
    result = field_repo.check()
    the_problem(result, "P007", f"{PROPOSAL_DIR}/visit1.yaml", 0, "visit-1.yaml")
