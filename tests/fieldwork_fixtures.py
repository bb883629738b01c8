"""An agreement and a visit for the small test repository (tests/conftest.py `mini_repo`)."""

from conftest import PROPOSAL_DIR

AGREEMENT_FILE = f"{PROPOSAL_DIR}/agreement.yaml"
VISIT_FILE = f"{PROPOSAL_DIR}/visit-1.yaml"

# Approved 2,000 baht (tests/conftest.py MEETING); the report received 1,800 as installment 1.
AGREEMENT = """\
number: ชพ 12/2570
date: 2026-10-12
amount: 2000
signed_by:
  name: นายสมชาย ทดสอบ
  position: ประธาน
installments:
  - number: 1
    amount: 1800
    due: 2026-10-15
    paid: 2026-10-15
    report_due: 2026-11-30
    condition: เมื่อลงนามข้อตกลง
  - number: 2
    amount: 200
    report_due: 2027-04-15
    condition: เมื่อส่งรายงานงวดที่ 1
"""

VISIT = """\
date: 2026-11-25
place: ศาลาหมู่บ้าน หมู่ 3
visitors: [s01, l01]
informants:
  - name: นางปิดบัง ผู้ให้ข้อมูล
    role: สมาชิกกองทุน
purpose: ติดตามการรับสมาชิกใหม่และการทำบัญชีของกองทุน
findings:
  - objective: 1
    note: รับสมาชิกใหม่แล้ว 20 คน เป็นความลับของคณะทำงาน
  - indicator: 1
    note: ยังห่างเป้าหมาย 80 คน
  - activity: 2
    note: เตรียมเวทีสรุปบทเรียนเดือนมีนาคม
  - note: คณะทำงานเข้มแข็ง
finance_check:
  ledger_kept: true
  receipts_ok: false
  balance_seen: 600
  note: ใบเสร็จค่าอาหารว่างยังไม่ครบ
support_given:
  - แนะนำการเก็บใบสำคัญรับเงินแทนใบเสร็จ
agreed_next_steps:
  - ส่งรายงานงวดที่ 1 ภายในเดือนธันวาคม
next_visit: 2027-01-20
recorder:
  name: นางกรรมการ เล็ก1
  position: กองเลขา
"""

# What a visit file says that the public site must not show unless settings say publish.visits: true.
VISIT_PRIVATE = ["นางปิดบัง ผู้ให้ข้อมูล", "เป็นความลับของคณะทำงาน", "ใบเสร็จค่าอาหารว่างยังไม่ครบ",
                 "ส่งรายงานงวดที่ 1 ภายในเดือนธันวาคม"]
VISIT_PUBLIC = ["ติดตามการรับสมาชิกใหม่และการทำบัญชีของกองทุน", "แนะนำการเก็บใบสำคัญรับเงินแทนใบเสร็จ"]
