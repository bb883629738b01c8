"""Build templates/plan.docx: the provincial community strategic plan and how the year's proposals serve it.

Run: .venv/bin/python scripts/make_plan_template.py [OUT_DIR]

Like the committee's templates it starts from `base_document()` of scripts/make_templates.py
(TH Sarabun New 16 pt with the complex-script font and size, th-TH, A4, margins, header and
page numbers), with tables at 14 pt, and is an ordinary Word file with docxtpl tags that the
secretariat may edit. The variables are those of generator.plan_document.plan_context.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_committee_templates import _page_break_before, _smaller_tables, table  # noqa: E402
from make_templates import (BODY, TABLE_CENTER, TABLE_HEADING, TABLE_NUMBER, base_document, heading,  # noqa: E402
                            paragraph, signature_block, tag, write_templates)

# ที่ | รหัส | ชื่อโครงการ | อำเภอ | สถานะ | งบที่ขอ | งบที่อนุมัติ: the 16 cm text width
PROJECT_WIDTHS = [0.8, 2.2, 5.4, 1.9, 2.1, 1.8, 1.8]
PROJECT_HEADINGS = ["ที่", "รหัส", "ชื่อโครงการ", "อำเภอ", "สถานะ", "งบที่ขอ (บาท)", "งบที่อนุมัติ (บาท)"]


def _project_table(doc, items: str, total: str, label: str) -> None:
    table(doc, PROJECT_WIDTHS, PROJECT_HEADINGS, [
        [f"{{%tr for r in {items} %}}"] + [None] * 6,
        [("{{ r.no }}", TABLE_CENTER), ("{{ r.short_id }}", TABLE_CENTER),
         "{{ r.title }}{% if r.has_errors %} (ข้อมูลยังมีข้อผิดพลาด){% endif %}", "{{ r.district }}", "{{ r.status }}",
         ("{{ r.requested }}", TABLE_NUMBER), ("{{ r.approved }}", TABLE_NUMBER)],
        ["{%tr endfor %}"] + [None] * 6,
        [(label, TABLE_HEADING), None, None, None, None,
         (f"{{{{ {total}.requested }}}}", TABLE_NUMBER), (f"{{{{ {total}.approved }}}}", TABLE_NUMBER)],
    ])


def plan_template():
    doc = base_document(header="แผนยุทธศาสตร์ชุมชนจังหวัด{{ province }} {{ plan_years }}")
    _smaller_tables(doc, 14)
    paragraph(doc, "{{ title }}", "Title")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc, "ระยะเวลา {{ period }}", "Subtitle")
    paragraph(doc, "ผลการดำเนินงานปีงบประมาณ {{ fiscal_year }}  ข้อมูล ณ วันที่ {{ date }}", "Subtitle")
    paragraph(doc)
    tag(doc, "{%p if made_by %}")
    paragraph(doc, "{{ made_by }}", BODY, label="จัดทำโดย ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if approved %}")
    paragraph(doc, "{{ approved }}", BODY, label="ให้ความเห็นชอบโดย ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if vision %}")
    heading(doc, "วิสัยทัศน์")
    tag(doc, "{%p for v in vision %}")
    paragraph(doc, "{{ v }}", BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    heading(doc, "1. ภาพรวมยุทธศาสตร์ {{ strategy_count }} ด้าน")
    paragraph(doc, "แผนนี้รวบรวมจากแผนตำบล {{ tambon_count }} ตำบล (จาก {{ subdistrict_count }} ตำบลของจังหวัด) "
                   "โครงการปีงบประมาณ {{ fiscal_year }} ที่ยื่นเสนอแล้ว {{ total.projects }} โครงการ งบที่ขอรวม "
                   "{{ total.requested }} บาท อนุมัติ {{ total.approved }} บาท (ไม่นับฉบับร่าง {{ drafts }} โครงการ) "
                   "ตัวเลขชุดเดียวกับสรุปภาพรวมจังหวัด (khrongkan summary)", BODY)
    paragraph(doc, "โครงการหนึ่งอาจสนองหลายยุทธศาสตร์และนับในทุกยุทธศาสตร์ที่สนอง ยอดรายยุทธศาสตร์จึงรวมกันได้มากกว่ายอดทั้งจังหวัด "
                   "ผลตามตัวชี้วัด (%) คือร้อยละของเป้าหมายที่บรรลุตามรายงานล่าสุด เฉลี่ยจากตัวชี้วัดที่มีรายงาน", "Normal")
    table(doc, [1.2, 6.0, 1.4, 1.6, 2.2, 2.2, 1.4],
          ["รหัส", "ยุทธศาสตร์", "ตำบล", "โครงการ", "งบที่ขอ (บาท)", "งบที่อนุมัติ (บาท)", "ผล (%)"], [
              ["{%tr for s in strategies %}"] + [None] * 6,
              [("{{ s.id }}", TABLE_CENTER), "{{ s.title }}", ("{{ s.tambon_count }}", TABLE_CENTER),
               ("{{ s.project_count }}", TABLE_CENTER), ("{{ s.figures.requested }}", TABLE_NUMBER),
               ("{{ s.figures.approved }}", TABLE_NUMBER), ("{{ s.figures.achievement }}", TABLE_CENTER)],
              ["{%tr endfor %}"] + [None] * 6,
              [("โครงการที่สนองแผน (นับครั้งเดียว)", TABLE_HEADING), None, None, ("{{ serving.projects }}", TABLE_CENTER),
               ("{{ serving.requested }}", TABLE_NUMBER), ("{{ serving.approved }}", TABLE_NUMBER),
               ("{{ serving.achievement }}", TABLE_CENTER)],
              [("โครงการที่ไม่ได้ระบุยุทธศาสตร์", TABLE_HEADING), None, None, ("{{ unserved.projects }}", TABLE_CENTER),
               ("{{ unserved.requested }}", TABLE_NUMBER), ("{{ unserved.approved }}", TABLE_NUMBER),
               ("{{ unserved.achievement }}", TABLE_CENTER)],
              [("รวมทั้งจังหวัด", TABLE_HEADING), None, None, ("{{ total.projects }}", TABLE_CENTER),
               ("{{ total.requested }}", TABLE_NUMBER), ("{{ total.approved }}", TABLE_NUMBER),
               ("{{ total.achievement }}", TABLE_CENTER)],
          ])

    heading(doc, "2. รายยุทธศาสตร์")
    tag(doc, "{%p for s in strategies %}")
    heading(doc, "2.{{ s.no }} ยุทธศาสตร์ {{ s.id }} {{ s.title }}", 2)
    paragraph(doc, "{{ s.issue }}", "Normal", label="ประเด็นงาน ")
    paragraph(doc, "{{ s.goal }}", "Normal", label="เป้าหมาย ")
    paragraph(doc, "{{ s.budget_frame }} บาท", "Normal", label="กรอบงบประมาณตามแผน ")
    paragraph(doc, "", "Normal", label="ตัวชี้วัดของแผน")
    tag(doc, "{%p for i in s.indicators %}")
    paragraph(doc, "{{ i.no }}. {{ i.text }}", BODY)
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่ได้กำหนด -", BODY)
    tag(doc, "{%p endfor %}")

    paragraph(doc, "", "Normal", label="ตำบลที่แผนตำบลชี้มาที่ยุทธศาสตร์นี้ ({{ s.tambon_count }} ตำบล)")
    tag(doc, "{%p if s.tambons %}")
    table(doc, [0.8, 5.0, 10.2], ["ที่", "ตำบล", "ความต้องการของตำบล"], [
        ["{%tr for t in s.tambons %}", None, None],
        [("{{ t.no }}", TABLE_CENTER), "{{ t.place }}", "{{ t.needs }}"],
        ["{%tr endfor %}", None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี -", BODY)
    tag(doc, "{%p endif %}")

    paragraph(doc, "", "Normal", label="โครงการที่สนองยุทธศาสตร์นี้ ({{ s.project_count }} โครงการ)")
    tag(doc, "{%p if s.projects %}")
    _project_table(doc, "s.projects", "s.figures", "รวม {{ s.project_count }} โครงการ")
    paragraph(doc, "รับเงินแล้ว {{ s.figures.received }} บาท ใช้จ่ายแล้ว {{ s.figures.spent }} บาท "
                   "คงเหลือ {{ s.figures.balance }} บาท", "Normal")
    tag(doc, "{%p else %}")
    paragraph(doc, "- ยังไม่มีโครงการที่สนองยุทธศาสตร์นี้ -", BODY)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if s.results %}")
    paragraph(doc, "", "Normal", label="ผลที่เกิดขึ้นตามตัวชี้วัดของโครงการ (ผลเฉลี่ยร้อยละ {{ s.figures.achievement }})")
    table(doc, [2.2, 8.2, 2.8, 2.8], ["โครงการ", "ตัวชี้วัด", "เป้าหมาย", "ผลล่าสุด"], [
        ["{%tr for r in s.results %}", None, None, None],
        [("{{ r.short_id }}", TABLE_CENTER), "{{ r.no }}. {{ r.text }}", ("{{ r.target }}", TABLE_CENTER),
         ("{{ r.actual }}", TABLE_CENTER)],
        ["{%tr endfor %}", None, None, None],
    ])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if unserved_projects %}")
    heading(doc, "3. โครงการที่ไม่ได้ระบุยุทธศาสตร์ของแผน")
    _project_table(doc, "unserved_projects", "unserved", "รวม {{ unserved.projects }} โครงการ")
    tag(doc, "{%p endif %}")

    _page_break_before(heading(doc, "4. ตำบลที่มีแผนตำบลแต่ยังไม่มีโครงการในปีงบประมาณ {{ fiscal_year }}"))
    tag(doc, "{%p if tambons_without_proposal %}")
    table(doc, [0.8, 2.4, 2.4, 2.6, 7.8], ["ที่", "อำเภอ", "ตำบล", "รับรองแผนเมื่อ", "ความต้องการ"], [
        ["{%tr for t in tambons_without_proposal %}", None, None, None, None],
        [("{{ t.no }}", TABLE_CENTER), "{{ t.district }}", "{{ t.subdistrict }}", "{{ t.adopted }}", "{{ t.needs }}"],
        ["{%tr endfor %}", None, None, None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี ทุกตำบลที่มีแผนมีโครงการแล้ว -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "5. ตำบลที่ยังไม่มีแผนตำบล ({{ without_plan_count }} ตำบล)")
    tag(doc, "{%p if without_plan %}")
    table(doc, [2.8, 1.6, 11.6], ["อำเภอ", "จำนวน", "ตำบล"], [
        ["{%tr for d in without_plan %}", None, None],
        ["{{ d.district }}", ("{{ d.count }}", TABLE_CENTER), "{{ d.names }}"],
        ["{%tr endfor %}", None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี ทุกตำบลมีแผนแล้ว -", BODY)
    tag(doc, "{%p endif %}")
    signature_block(doc, "......................................................", "ผู้จัดทำ (กองเลขา{{ movement }})")
    return doc


TEMPLATES_BUILT = {"plan.docx": plan_template}


def main(argv: list[str]) -> int:
    return write_templates(TEMPLATES_BUILT, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
