"""Build the Word templates of the work after approval: templates/visit.docx and progress.docx.

Run: .venv/bin/python scripts/make_fieldwork_templates.py [OUT_DIR]

Like scripts/make_committee_templates.py they start from `base_document()` of
scripts/make_templates.py (TH Sarabun New 16 pt for Latin and complex script, th-TH, A4) and are
ordinary Word files with docxtpl tags. The variables are those of
generator.visit_document.visit_context and generator.progress.progress_context.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_committee_templates import _page_break_before, _smaller_tables, _tight, table  # noqa: E402
from make_templates import (BODY, TABLE_CENTER, TABLE_HEADING, TABLE_LABEL, TABLE_NUMBER, _paragraph_style,  # noqa: E402
                            base_document, heading, none_or_items, paragraph, signature_block, tag, write_templates)

PROGRESS_NOTE = "Progress Note"  # the small print under the progress report's tables


# --- แบบบันทึกการติดตามหนุนเสริมโครงการ ---------------------------------------------------------------

def visit_template():
    doc = base_document(header="บันทึกการติดตามครั้งที่ {{ number }}  รหัสโครงการ {{ project_id }}")
    _smaller_tables(doc, 15)
    paragraph(doc, "แบบบันทึกการติดตามหนุนเสริมโครงการ", "Title")
    paragraph(doc, "ครั้งที่ {{ number }}", "Subtitle")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc)
    table(doc, [3.8, 12.2], None, [
        [("รหัสโครงการ", TABLE_LABEL), "{{ project_id }}"],
        [("ชื่อโครงการ", TABLE_LABEL), "{{ title }}"],
        [("องค์กร", TABLE_LABEL), "{{ organization }}"],
        [("พื้นที่", TABLE_LABEL), "อำเภอ{{ district }} {{ subdistricts }}"],
        [("ระยะเวลาโครงการ", TABLE_LABEL), "{{ project_period }}"],
        [("วันที่ลงพื้นที่", TABLE_LABEL), "{{ date }}"],
        [("สถานที่", TABLE_LABEL), "{{ place }}"],
    ])

    heading(doc, "1. ผู้ลงพื้นที่ติดตาม")
    table(doc, [0.9, 7.6, 7.5], ["ที่", "ชื่อ - สกุล", "ตำแหน่งในคณะยุทธศาสตร์"], [
        ["{%tr for v in visitors %}", None, None],
        [("{{ v.no }}", TABLE_CENTER), "{{ v.name }}", "{{ v.role }}"],
        ["{%tr endfor %}", None, None],
    ])
    heading(doc, "2. ผู้ให้ข้อมูล")
    tag(doc, "{%p if informants %}")
    table(doc, [0.9, 7.6, 7.5], ["ที่", "ชื่อ - สกุล", "บทบาทในโครงการ"], [
        ["{%tr for i in informants %}", None, None],
        [("{{ i.no }}", TABLE_CENTER), "{{ i.name }}", "{{ i.role }}"],
        ["{%tr endfor %}", None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่ได้บันทึก -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "3. วัตถุประสงค์ของการลงพื้นที่")
    paragraph(doc, "{{ purpose }}", BODY)

    heading(doc, "4. ข้อค้นพบ")
    tag(doc, "{%p if findings %}")
    table(doc, [0.9, 5.1, 10.0], ["ที่", "เรื่อง", "ข้อค้นพบ"], [
        ["{%tr for x in findings %}", None, None],
        [("{{ x.no }}", TABLE_CENTER), "{{ x.about }}", "{{ x.note }}"],
        ["{%tr endfor %}", None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "5. การตรวจสอบการเงินและบัญชี")
    tag(doc, "{%p if has_finance_check %}")
    table(doc, [6.0, 10.0], None, [
        [("สมุดบัญชีรับ-จ่าย", TABLE_LABEL), "{{ finance_check.ledger_kept }}"],
        [("ใบเสร็จ/หลักฐานการจ่าย", TABLE_LABEL), "{{ finance_check.receipts_ok }}"],
        [("ยอดเงินคงเหลือที่ตรวจเห็น (บาท)", TABLE_LABEL), "{{ finance_check.balance_seen }}"],
        [("หมายเหตุ", TABLE_LABEL), "{{ finance_check.note }}"],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ครั้งนี้ไม่ได้ตรวจสอบ -", BODY)
    tag(doc, "{%p endif %}")
    note = paragraph(doc, "ตัวเลขตามข้อตกลงและรายงานของโครงการ (บาท)", "Normal")
    note.paragraph_format.keep_with_next = True
    note.paragraph_format.space_before = Pt(6)
    table(doc, [3.2, 3.2, 3.2, 3.2, 3.2], ["วงเงินข้อตกลง", "สถาบันจ่ายแล้ว", "รับตามรายงาน", "ใช้จ่ายตามรายงาน",
                                           "คงเหลือตามรายงาน"], [
        [("{{ money.agreed }}", TABLE_NUMBER), ("{{ money.paid }}", TABLE_NUMBER), ("{{ money.received }}", TABLE_NUMBER),
         ("{{ money.spent }}", TABLE_NUMBER), ("{{ money.balance }}", TABLE_NUMBER)],
    ])

    heading(doc, "6. การหนุนเสริมที่ให้")
    none_or_items(doc, "support_given")
    heading(doc, "7. ข้อตกลงร่วมและสิ่งที่จะทำต่อไป")
    none_or_items(doc, "next_steps")
    paragraph(doc, "{{ next_visit }}", "Normal", label="นัดลงพื้นที่ครั้งต่อไป ")

    signature_block(doc, "{% if recorder.name %}{{ recorder.name }}{% else %}"
                         "......................................................{% endif %}",
                    "{{ recorder.position }}", role="ผู้บันทึก")
    return doc


# --- รายงานความก้าวหน้าต่อคณะยุทธศาสตร์ชุดใหญ่ ----------------------------------------------------------

PROJECT_WIDTHS = [0.8, 1.8, 10.3, 2.4, 1.8, 1.8, 3.4, 3.4]  # the 25.7 cm of landscape A4
DISTRICT_WIDTHS = [4.7, 2.2, 3.2, 3.0, 3.0, 3.0, 3.0, 1.7, 1.9]


def progress_template():
    doc = base_document(header="รายงานความก้าวหน้า จังหวัด{{ province }} ข้อมูล ณ วันที่ {{ as_of }}")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.6)
    section.left_margin, section.right_margin = Cm(2.0), Cm(2.0)
    _smaller_tables(doc, 12)
    _tight(_paragraph_style(doc, PROGRESS_NOTE, size_pt=13), 18)

    # Page 1: the summary with the district totals.
    paragraph(doc, "รายงานความก้าวหน้าโครงการต่อคณะยุทธศาสตร์ชุดใหญ่", "Title")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc, "{{ scope }}  ข้อมูล ณ วันที่ {{ as_of }}", "Subtitle")
    paragraph(doc, "โครงการที่อนุมัติแล้ว {{ total.projects }} โครงการ วงเงินข้อตกลงรวม {{ total.agreed }} บาท "
                   "สถาบันจ่ายแล้ว {{ total.paid }} บาท โครงการรายงานว่ารับเงินแล้ว {{ total.received }} บาท "
                   "ใช้จ่ายแล้ว {{ total.spent }} บาท คงเหลือ {{ total.balance }} บาท ลงพื้นที่ติดตามแล้ว "
                   "{{ total.visits }} ครั้ง ผลตามตัวชี้วัดเฉลี่ยร้อยละ {{ total.achievement }} "
                   "เรื่องที่ต้องติดตาม {{ followup_count }} เรื่อง", BODY)
    heading(doc, "สรุปรายอำเภอ")
    table(doc, DISTRICT_WIDTHS, ["อำเภอ", "โครงการ", "วงเงินข้อตกลง (บาท)", "จ่ายแล้ว (บาท)", "รับแล้ว (บาท)",
                                 "ใช้ไป (บาท)", "คงเหลือ (บาท)", "ลงพื้นที่ (ครั้ง)", "ผลตัวชี้วัด (%)"], [
        ["{%tr for d in districts %}"] + [None] * 8,
        ["{{ d.name }}", ("{{ d.projects }}", TABLE_CENTER), ("{{ d.agreed }}", TABLE_NUMBER),
         ("{{ d.paid }}", TABLE_NUMBER), ("{{ d.received }}", TABLE_NUMBER), ("{{ d.spent }}", TABLE_NUMBER),
         ("{{ d.balance }}", TABLE_NUMBER), ("{{ d.visits }}", TABLE_CENTER), ("{{ d.achievement }}", TABLE_CENTER)],
        ["{%tr endfor %}"] + [None] * 8,
        [("รวมทั้งจังหวัด", TABLE_HEADING), ("{{ total.projects }}", TABLE_CENTER), ("{{ total.agreed }}", TABLE_NUMBER),
         ("{{ total.paid }}", TABLE_NUMBER), ("{{ total.received }}", TABLE_NUMBER), ("{{ total.spent }}", TABLE_NUMBER),
         ("{{ total.balance }}", TABLE_NUMBER), ("{{ total.visits }}", TABLE_CENTER),
         ("{{ total.achievement }}", TABLE_CENTER)],
    ])
    paragraph(doc, "ผลตัวชี้วัดคือร้อยละของเป้าหมายที่บรรลุตามรายงานล่าสุด (ตัวชี้วัดละไม่เกิน 100) เฉลี่ยจากทุกตัวชี้วัดที่มีรายงาน "
                   "รับแล้วและใช้ไปเป็นตัวเลขตามรายงานของโครงการ", PROGRESS_NOTE)

    # Then one table per issue, its projects grouped by district, from the second page.
    _page_break_before(paragraph(doc, "โครงการรายประเด็นงาน แยกตามอำเภอ", "Subtitle"))
    tag(doc, "{%p for i in issues %}")
    heading(doc, "ประเด็น{{ i.name }} ({{ i.projects }} โครงการ)")  # no page break: short issues share a page
    table(doc, PROJECT_WIDTHS, ["ที่", "รหัส", "โครงการ", "สถานะ", "รับแล้ว (บาท)", "ใช้ไป (บาท)",
                                "ตัวชี้วัด ผล/เป้า", "ลงพื้นที่"], [
        ["{%tr for d in i.districts %}"] + [None] * 7,
        [("อำเภอ{{ d.name }} ({{ d.count }} โครงการ)", TABLE_LABEL)] + [None] * 7,
        ["{%tr for p in d.projects %}"] + [None] * 7,
        [("{{ p.no }}", TABLE_CENTER), ("{{ p.short_id }}", TABLE_CENTER), "{{ p.title }}", "{{ p.status }}",
         ("{{ p.received }}", TABLE_NUMBER), ("{{ p.spent }}", TABLE_NUMBER), "{{ p.indicators }}",
         ("{{ p.visits }}", TABLE_CENTER)],
        ["{%tr endfor %}"] + [None] * 7,
        ["{%tr endfor %}"] + [None] * 7,
        [("รวมประเด็น{{ i.name }}", TABLE_HEADING), None, None, None, ("{{ i.received }}", TABLE_NUMBER),
         ("{{ i.spent }}", TABLE_NUMBER), "", ("{{ i.visits }} ครั้ง", TABLE_CENTER)],
    ], keep_with_next=(1,))
    tag(doc, "{%p endfor %}")
    paragraph(doc, "ตัวชี้วัด ผล/เป้า: ผลล่าสุดเทียบเป้าหมายของตัวชี้วัดแต่ละข้อ ตามลำดับในแบบเสนอโครงการ (- คือยังไม่มีรายงาน) "
                   "ลงพื้นที่: จำนวนครั้งและวันที่ครั้งล่าสุด", PROGRESS_NOTE)

    heading(doc, "เรื่องที่คณะทำงานชุดเล็กต้องติดตาม ({{ followup_count }} เรื่อง)")
    tag(doc, "{%p if followup %}")
    table(doc, [0.8, 1.8, 8.2, 2.6, 10.3, 2.0], ["ที่", "รหัส", "โครงการ", "เรื่อง", "เหตุผล", "เกินกำหนด (วัน)"], [
        ["{%tr for x in followup %}"] + [None] * 5,
        [("{{ x.no }}", TABLE_CENTER), ("{{ x.short_id }}", TABLE_CENTER), "{{ x.title }}", "{{ x.kind }}",
         "{{ x.reason }}", ("{{ x.days }}", TABLE_CENTER)],
        ["{%tr endfor %}"] + [None] * 5,
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มีเรื่องค้าง -", BODY)
    tag(doc, "{%p endif %}")
    paragraph(doc, "ลงพื้นที่: ติดตามเมื่อไม่ได้ลงพื้นที่เกิน {{ visit_days }} วัน  รายงานปิดโครงการ: ครบกำหนด "
                   "{{ final_report_days }} วันหลังสิ้นสุดโครงการ", PROGRESS_NOTE)
    signature_block(doc, "......................................................", "ผู้รายงาน (คณะทำงานชุดเล็กและกองเลขา)")
    return doc


TEMPLATES_BUILT = {"visit.docx": visit_template, "progress.docx": progress_template}


def main(argv: list[str]) -> int:
    return write_templates(TEMPLATES_BUILT, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
