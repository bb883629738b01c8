"""Thai words for the contract's fixed values (status, decision, kind, ...): one place, so the
Word documents, the site and the roll-up call the same thing by the same name."""

PROPOSAL_STATUS_TH = {
    "draft": "ร่าง", "submitted": "ยื่นเสนอแล้ว รอพิจารณา", "approved": "อนุมัติแล้ว", "rejected": "ไม่อนุมัติ",
    "revise": "ให้ปรับปรุงแล้วเสนอใหม่", "deferred": "เลื่อนการพิจารณา", "in_progress": "กำลังดำเนินการ",
    "closed": "ปิดโครงการแล้ว",
}
DECISION_TH = {"approved": "อนุมัติ", "rejected": "ไม่อนุมัติ", "revise": "ให้ปรับปรุงแล้วเสนอใหม่",
               "deferred": "เลื่อนการพิจารณา"}
PROJECT_KIND_TH = {"area": "พื้นที่ตำบลเป็นตัวตั้ง", "issue": "ประเด็นงาน"}
CONTRIBUTION_KIND_TH = {"cash": "เงินสด", "in_kind": "สิ่งของ/แรงงาน"}
ACTIVITY_STATUS_TH = {"done": "ดำเนินการแล้ว", "ongoing": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่ได้ดำเนินการ",
                      "cancelled": "ยกเลิก"}
REPORT_KIND_TH = {"progress": "รายงานความก้าวหน้า", "final": "รายงานปิดโครงการ"}
MEETING_BODY_TH = {"large": "คณะยุทธศาสตร์ชุดใหญ่", "small": "คณะทำงานชุดเล็กและกองเลขา"}
MEMBER_BODY_TH = {"large": "ชุดใหญ่", "small": "ชุดเล็ก", "secretariat": "กองเลขา"}
SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "คำเตือน"}

# The money figures of a set of proposals, one label and one definition on every page (the
# guide page reading.md explains them). A set's totals count submitted proposals only: a draft
# is nobody's request yet. Where drafts are shown, they stand apart under DRAFTS_TH.
FIGURE_TH = {
    "projects": "โครงการที่ยื่นแล้ว",  # proposals past draft: submitted, decided, running, closed
    "approved_projects": "โครงการที่อนุมัติ",
    "requested": "งบที่ขอ (ยื่นแล้ว)",  # the requests of the submitted proposals
    "approved": "งบที่อนุมัติ",  # amounts approved by a large meeting with quorum
    "agreed": "วงเงินตามข้อตกลง",  # agreement.yaml amounts
    "paid": "สถาบันจ่ายแล้ว",  # installments the agreements record as paid
    "received": "รับเงินแล้ว",  # receipts in the progress reports
    "spent": "ใช้จ่ายแล้ว",  # expenses in the progress reports
    "balance": "คงเหลือ",  # received - spent
    "achievement": "ผลตามตัวชี้วัด",
}
DRAFTS_TH = "ฉบับร่าง (ยังไม่ยื่น ไม่นับรวม)"
# The money figures the charts draw, each in the same colour on every page.
MONEY_TH = {key: FIGURE_TH[key] for key in ("requested", "approved", "received", "spent")}
MONEY_COLORS = {"requested": "#90a4ae", "approved": "#1e88e5", "received": "#43a047", "spent": "#fb8c00"}
# One proposal's own request (its page, and a list's row): the sum of its budget lines.
REQUESTED_TH = "งบที่ขอ"
