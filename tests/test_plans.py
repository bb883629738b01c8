"""Plans: plans/<FY>-<FY>/province.yaml and its tambon plans, and the `plan:` of proposals.

Each rule with a bad file, on the small valid repository plus a small plan (inline fixtures, as
in test_rules.py): the code, the file, the line and the Thai message.
"""

from __future__ import annotations

import pytest

from conftest import MEETING, PROPOSAL_DIR
from problem_asserts import codes, describe, the_problem

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"
MEETING1 = "meetings/2570/01.yaml"
PROVINCE = "plans/2570-2572/province.yaml"
TAMBON = "plans/2570-2572/tambon/สวี/นาโพธิ์.yaml"
PROJECT = "2570-001-naphoe-welfare"

PROVINCE_YAML = """\
title: แผนยุทธศาสตร์ชุมชนจังหวัดชุมพร 2570-2572
period:
  start: 2026-10-01
  end: 2029-09-30
approved_at: meetings/2570/01.yaml
strategies:
  - id: S1
    title: ระบบสวัสดิการชุมชนดูแลคนทุกช่วงวัย
    issue: สวัสดิการชุมชน
    goal: กองทุนสวัสดิการเข้มแข็ง
    indicators:
      - description: กองทุนที่มีสมาชิกเกินร้อยละ 30
        quantity: 5
        unit: กองทุน
    budget_frame: 100000
  - id: S2
    title: บ้านมั่นคงชนบท
    issue: บ้านมั่นคง
"""

TAMBON_YAML = """\
district: สวี
subdistrict: นาโพธิ์
council: สภาองค์กรชุมชนตำบลนาโพธิ์
adopted: 2026-08-20
needs:
  - title: ขยายสมาชิกกองทุนสวัสดิการ
    issue: สวัสดิการชุมชน
    strategies: [S1]
    priority: 1
"""


@pytest.fixture
def plan_repo(mini_repo):
    """The small repository, its approving meeting, a provincial plan and one tambon plan; the
    proposal serves S1."""
    mini_repo.write(MEETING1, MEETING)
    mini_repo.write(PROVINCE, PROVINCE_YAML)
    mini_repo.write(TAMBON, TAMBON_YAML)
    mini_repo.replace(PROPOSAL, "issue: สวัสดิการชุมชน\n", "issue: สวัสดิการชุมชน\nplan: [S1]\n")
    return mini_repo


def test_the_plan_checks_clean_and_is_in_the_model(plan_repo):
    result = plan_repo.check()
    assert result.problems == [], describe(result.problems)
    [plan] = result.repository.plans
    assert (plan.name, plan.fiscal_years, plan.covers(2570), plan.covers(2573)) == ("2570-2572", [2570, 2571, 2572], True, False)
    assert [s.id for s in plan.strategies] == ["S1", "S2"]
    assert plan.strategies[0].budget_frame == 100000 and plan.strategies[0].indicators[0].quantity == 5
    [tambon] = plan.tambons
    assert (tambon.district, tambon.subdistrict, tambon.needs[0].strategies) == ("สวี", "นาโพธิ์", ["S1"])
    assert result.repository.proposals[PROJECT].plan == ["S1"]


def test_a_repository_without_plans_is_not_asked_for_plan(mini_repo):
    assert mini_repo.check().problems == []


# --- the provincial plan ---------------------------------------------------------------------

def test_plan_folder_name(plan_repo):
    plan_repo.write("plans/2570/province.yaml", PROVINCE_YAML)
    the_problem(plan_repo.check(), "L001", "plans/2570", 0, "ชื่อโฟลเดอร์แผน '2570' ต้องเป็น <ปีงบแรก>-<ปีงบสุดท้าย>")


def test_plan_folder_years_backwards(plan_repo):
    plan_repo.write("plans/2575-2573/province.yaml", PROVINCE_YAML)
    the_problem(plan_repo.check(), "L001", "plans/2575-2573", 0, "'2575-2573'")


def test_period_must_cover_the_folders_years(plan_repo):
    plan_repo.replace(PROVINCE, "end: 2029-09-30", "end: 2028-09-30")
    result = plan_repo.check()
    the_problem(result, "L002", PROVINCE, plan_repo.line_of(PROVINCE, "end: 2028"),
                "ระยะเวลาแผน (1 ตุลาคม 2569 ถึง 30 กันยายน 2571) ไม่ครอบคลุมปีงบประมาณ 2570-2572 ตามชื่อโฟลเดอร์")
    assert codes(result) == ["L002"]


def test_period_start_after_end(plan_repo):
    plan_repo.replace(PROVINCE, "start: 2026-10-01", "start: 2029-10-01")
    result = plan_repo.check()
    the_problem(result, "D003", PROVINCE, plan_repo.line_of(PROVINCE, "start: 2029"), "วันเริ่ม (1 ตุลาคม 2572)")


def test_plans_whose_years_overlap(plan_repo):
    plan_repo.write("plans/2572-2574/province.yaml", PROVINCE_YAML.replace("2026-10-01", "2028-10-01")
                    .replace("2029-09-30", "2031-09-30"))
    the_problem(plan_repo.check(), "L003", "plans/2572-2574/province.yaml", 1,
                "ปีงบประมาณของแผน 2572-2574 ทับซ้อนกับแผน 2570-2572 (ปี 2572)")


def test_duplicate_strategy_id(plan_repo):
    plan_repo.replace(PROVINCE, "  - id: S2", "  - id: S1")
    result = plan_repo.check()
    lines = [n for n, text in enumerate((plan_repo.root / PROVINCE).read_text(encoding="utf-8").splitlines(), 1)
             if "id: S1" in text]
    the_problem(result, "L004", PROVINCE, lines[1], f"รหัสยุทธศาสตร์ 'S1' ซ้ำ (ใช้แล้วที่บรรทัด {lines[0]})")


def test_strategy_id_must_be_short_ascii(plan_repo):
    plan_repo.replace(PROVINCE, "  - id: S2", "  - id: ยุทธ2")
    the_problem(plan_repo.check(), "S009", PROVINCE, plan_repo.line_of(PROVINCE, "id: ยุทธ2"), "ยุทธศาสตร์ที่ 2 รหัสยุทธศาสตร์ (id)")


def test_strategy_unknown_issue(plan_repo):
    plan_repo.replace(PROVINCE, "    issue: บ้านมั่นคง", "    issue: บ้านมั่นคงง")
    the_problem(plan_repo.check(), "A004", PROVINCE, plan_repo.line_of(PROVINCE, "บ้านมั่นคงง"),
                "ไม่พบประเด็นงาน 'บ้านมั่นคงง' ใน reference/issues.yaml — หมายถึง 'บ้านมั่นคง' หรือไม่?")


def test_approved_at_names_no_meeting(plan_repo):
    plan_repo.replace(PROVINCE, "approved_at: meetings/2570/01.yaml", "approved_at: meetings/2570/09.yaml")
    the_problem(plan_repo.check(), "L007", PROVINCE, plan_repo.line_of(PROVINCE, "approved_at"),
                "ไม่พบไฟล์การประชุม 'meetings/2570/09.yaml' ที่อ้างใน approved_at")


def test_approved_at_outside_meetings_is_refused(plan_repo):
    plan_repo.replace(PROVINCE, "approved_at: meetings/2570/01.yaml", "approved_at: khrongkan.yaml")
    the_problem(plan_repo.check(), "L007", PROVINCE, plan_repo.line_of(PROVINCE, "approved_at"))


def test_province_file_missing(plan_repo):
    (plan_repo.root / PROVINCE).unlink()
    result = plan_repo.check()
    the_problem(result, "L010", "plans/2570-2572", 0, "โฟลเดอร์แผน plans/2570-2572 ไม่มี province.yaml")
    # The proposal of a year whose plan is unreadable is not told that no plan covers it.
    assert codes(result) == ["L010"]


def test_tambon_plans_are_checked_when_the_province_file_is_missing(plan_repo):
    (plan_repo.root / PROVINCE).unlink()
    plan_repo.replace(TAMBON, "    issue: สวัสดิการชุมชน", "    issue: สวัสดิการ")
    result = plan_repo.check()
    assert codes(result) == ["A004", "L010"]
    the_problem(result, "A004", TAMBON, plan_repo.line_of(TAMBON, "issue: สวัสดิการ"), "ไม่พบประเด็นงาน 'สวัสดิการ'")


def test_province_missing_key(plan_repo):
    plan_repo.replace(PROVINCE, "title: แผนยุทธศาสตร์ชุมชนจังหวัดชุมพร 2570-2572\n", "")
    result = plan_repo.check()
    the_problem(result, "S002", PROVINCE, 1, "ขาดหัวข้อ ชื่อแผน")
    assert codes(result) == ["S002"]


def test_a_stray_yaml_file_in_the_plan_folder(plan_repo):
    plan_repo.write("plans/2570-2572/notes.yaml", "a: 1\n")
    the_problem(plan_repo.check(), "P007", "plans/2570-2572/notes.yaml", 0, "ชื่อไฟล์ 'notes.yaml' ไม่ถูกต้อง")


# --- tambon plans ----------------------------------------------------------------------------

def test_tambon_unknown_district(plan_repo):
    plan_repo.replace(TAMBON, "district: สวี", "district: สวีย์")
    result = plan_repo.check()
    the_problem(result, "A001", TAMBON, 1, "ไม่พบอำเภอ 'สวีย์' ในจังหวัดชุมพร")
    assert plan_repo.check().repository.plans[0].tambons == []


def test_tambon_unknown_subdistrict(plan_repo):
    plan_repo.replace(TAMBON, "subdistrict: นาโพธิ์", "subdistrict: นาโพ")
    result = plan_repo.check()
    the_problem(result, "A002", TAMBON, 2, "ไม่พบตำบล 'นาโพ' ในอำเภอสวี — หมายถึง 'นาโพธิ์' หรือไม่?")


def test_tambon_subdistrict_of_another_district(plan_repo):
    plan_repo.replace(TAMBON, "subdistrict: นาโพธิ์", "subdistrict: ละแม")
    the_problem(plan_repo.check(), "A003", TAMBON, 2, "ตำบล 'ละแม' อยู่ในอำเภอละแม ไม่ใช่อำเภอสวี")


def test_tambon_file_in_the_wrong_folder(plan_repo):
    wrong = "plans/2570-2572/tambon/ละแม/นาโพธิ์.yaml"
    (plan_repo.root / TAMBON).unlink()
    plan_repo.write(wrong, TAMBON_YAML)
    result = plan_repo.check()
    the_problem(result, "L006", wrong, 2,
                "แผนตำบลนาโพธิ์ อำเภอสวี ต้องอยู่ที่ plans/2570-2572/tambon/สวี/นาโพธิ์.yaml")
    assert result.repository.plans[0].tambons == []


def test_tambon_file_named_for_another_subdistrict(plan_repo):
    wrong = "plans/2570-2572/tambon/สวี/สลุย.yaml"
    plan_repo.write(wrong, TAMBON_YAML)
    the_problem(plan_repo.check(), "L006", wrong, 2, "ต้องอยู่ที่ plans/2570-2572/tambon/สวี/นาโพธิ์.yaml")


def test_tambon_file_right_under_tambon(plan_repo):
    wrong = "plans/2570-2572/tambon/นาโพธิ์.yaml"
    (plan_repo.root / TAMBON).unlink()
    plan_repo.write(wrong, TAMBON_YAML)
    the_problem(plan_repo.check(), "L006", wrong, 2)


def test_tambon_need_unknown_issue(plan_repo):
    plan_repo.replace(TAMBON, "    issue: สวัสดิการชุมชน", "    issue: สวัสดิการ")
    the_problem(plan_repo.check(), "A004", TAMBON, plan_repo.line_of(TAMBON, "issue: สวัสดิการ"),
                "ไม่พบประเด็นงาน 'สวัสดิการ'")


def test_tambon_need_unknown_strategy(plan_repo):
    plan_repo.replace(TAMBON, "strategies: [S1]", "strategies: [S1, S3]")
    the_problem(plan_repo.check(), "L005", TAMBON, plan_repo.line_of(TAMBON, "strategies:"),
                "ไม่พบยุทธศาสตร์รหัส 'S3' ในแผน 2570-2572", column=22)


def test_tambon_needs_a_date_and_needs(plan_repo):
    plan_repo.replace(TAMBON, "adopted: 2026-08-20\n", "adopted: 2026-02-30\n")
    the_problem(plan_repo.check(), "D002", TAMBON, 4, "'2026-02-30' ไม่มีจริง")


# --- proposals and the plan ------------------------------------------------------------------

def test_proposal_names_an_unknown_strategy(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1]", "plan: [S1, S11]")
    result = plan_repo.check()
    the_problem(result, "L005", PROPOSAL, plan_repo.line_of(PROPOSAL, "plan:"),
                "ไม่พบยุทธศาสตร์รหัส 'S11' ในแผน 2570-2572 — หมายถึง 'S1' หรือไม่?",
                fragment_en="no strategy 'S11' in plan 2570-2572")
    assert result.repository.proposals[PROJECT].has_errors


def test_submitted_proposal_serving_no_strategy_is_a_warning(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1]\n", "")
    result = plan_repo.check()
    problem = the_problem(result, "L008", PROPOSAL, plan_repo.line_of(PROPOSAL, "submitted:"),
                          "โครงการที่ยื่นเสนอแล้วไม่ได้ระบุยุทธศาสตร์ของแผน 2570-2572")
    assert not problem.is_error and "plan: [S1, S2]" in problem.message("th")


def test_empty_plan_list_of_a_submitted_proposal_is_a_warning(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1]", "plan: []")
    the_problem(plan_repo.check(), "L008", PROPOSAL, plan_repo.line_of(PROPOSAL, "plan:"))


def test_a_draft_serving_no_strategy_is_fine(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1]\n", "")
    plan_repo.replace(PROPOSAL, "submitted: 2026-10-01\n", "")
    (plan_repo.root / MEETING1).unlink()
    plan_repo.replace(PROVINCE, "approved_at: meetings/2570/01.yaml\n", "")
    result = plan_repo.check()
    assert result.problems == [], describe(result.problems)


def test_plan_named_but_no_plan_covers_the_year(plan_repo):
    import shutil

    shutil.move(str(plan_repo.root / "plans/2570-2572"), str(plan_repo.root / "plans/2573-2575"))
    plan_repo.replace("plans/2573-2575/province.yaml", "start: 2026-10-01", "start: 2029-10-01")
    plan_repo.replace("plans/2573-2575/province.yaml", "end: 2029-09-30", "end: 2032-09-30")
    result = plan_repo.check()
    the_problem(result, "L009", PROPOSAL, plan_repo.line_of(PROPOSAL, "plan:"),
                "ไม่มีแผนยุทธศาสตร์ที่ครอบคลุมปีงบประมาณ 2570 จึงอ้างยุทธศาสตร์ 'S1' ไม่ได้")


def test_plan_must_be_a_list(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1]", "plan: S1")
    the_problem(plan_repo.check(), "S003", PROPOSAL, plan_repo.line_of(PROPOSAL, "plan:"), "ยุทธศาสตร์ของแผนจังหวัดที่โครงการนี้ตอบ (plan) ต้องเป็นรายการ")
