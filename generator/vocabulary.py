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
