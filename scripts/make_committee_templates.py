"""Build the committee's Word templates: templates/agenda.docx, minutes.docx and summary.docx.

Run: .venv/bin/python scripts/make_committee_templates.py [OUT_DIR]

They start from `base_document()` of scripts/make_templates.py (Thai styles, A4, margins,
header and page numbers), so every document the tool makes looks the same, and are ordinary
Word files with docxtpl tags that the secretariat may edit in Word afterwards. The variables
each template may use are those of generator.committee.agenda_context / minutes_context and
generator.summaries.summary_context.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_templates import (BODY, DOTTED, TABLE_CENTER, TABLE_HEADING, TABLE_NUMBER, TABLE_STYLE, TABLE_TEXT,  # noqa: E402
                            _paragraph_style, _style_rpr, base_document, heading, paragraph, signature_block, tag,
                            thai_run_properties, write_templates)
from make_templates import table as _table  # noqa: E402

# The agenda's one-page sheets per proposal use 14 pt so that a proposal fits on one page.
SHEET_TEXT, SHEET_ITEM, SHEET_HEADING, SHEET_TITLE = "Sheet Text", "Sheet Item", "Sheet Heading", "Sheet Title"
DETAIL = "Detail Text"  # the minutes' lines under each decision, indented


def table(doc, widths_cm, header, rows, **options):
    """make_templates.table with cell margins of 1 mm left and right (the default is 1.9 mm):
    figures and district names fit on one line in narrow columns."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = _table(doc, widths_cm, header, rows, **options)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "57")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr = t._tbl.tblPr
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)
    return t


def _page_break_before(p) -> None:
    p.paragraph_format.page_break_before = True


def _sheet_styles(doc) -> None:
    """14 pt with lines 20 pt apart (a Thai font's own line height is about 1.75 times its size)."""
    text = _paragraph_style(doc, SHEET_TEXT, size_pt=14)
    item = _paragraph_style(doc, SHEET_ITEM, size_pt=14, left_cm=1.0, first_line_cm=-0.6)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
    heading_style = _paragraph_style(doc, SHEET_HEADING, size_pt=14, bold=True, before=4, keep_next=True)
    for style in (text, item, heading_style):
        _tight(style)
    _tight(_paragraph_style(doc, SHEET_TITLE, size_pt=16, bold=True, after=4, keep_next=True), 24)


def _tight(style, points: float = 20) -> None:
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(points)


def _smaller_tables(doc, size_pt: float) -> None:
    """Table cell styles at a smaller size (a wide table of figures)."""
    # The table style too: LibreOffice lets a table style's size win over the cell paragraph's style.
    for name in (TABLE_TEXT, TABLE_HEADING, TABLE_NUMBER, TABLE_CENTER, TABLE_STYLE):
        thai_run_properties(_style_rpr(doc.styles[name]), size_pt=size_pt)
        if name != TABLE_STYLE:
            _tight(doc.styles[name], size_pt + 6)


# --- ระเบียบวาระการประชุม -------------------------------------------------------------------------------

def agenda_template():
    doc = base_document(header="ระเบียบวาระการประชุม ครั้งที่ {{ label }}")
    _smaller_tables(doc, 14)
    _sheet_styles(doc)
    paragraph(doc, "ระเบียบวาระการประชุม{{ body }}", "Title")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc, "ครั้งที่ {{ label }}", "Subtitle")
    paragraph(doc)
    table(doc, [3.5, 12.5], None, [
        [("วันที่", TABLE_HEADING), "{{ date }}{% if time %} เวลา {{ time }}{% endif %}"],
        [("สถานที่", TABLE_HEADING), "{{ place }}"],
        [("องค์ประชุม", TABLE_HEADING),
         "{% if is_large %}กรรมการชุดใหญ่ต้องมาประชุมอย่างน้อย {{ quorum_needed }} คน จาก {{ large_size }} คน "
         "({{ quorum_rule }}) จึงอนุมัติหรือไม่อนุมัติโครงการได้"
         "{% else %}การประชุมชุดเล็กกลั่นกรองโครงการ ไม่มีอำนาจอนุมัติหรือไม่อนุมัติ{% endif %}"],
    ])

    # The standard items of a Thai committee meeting; the proposals are item 4 (CONSIDERATION_ITEM).
    heading(doc, "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")
    paragraph(doc, "\t", DOTTED)
    heading(doc, "ระเบียบวาระที่ 2 รับรองรายงานการประชุมครั้งที่แล้ว")
    tag(doc, "{%p if previous %}")
    paragraph(doc, "รับรองรายงานการประชุมครั้งที่ {{ previous }} เมื่อวันที่ {{ previous_date }}", BODY)
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี -", BODY)
    tag(doc, "{%p endif %}")
    heading(doc, "ระเบียบวาระที่ 3 เรื่องสืบเนื่องจากการประชุมครั้งที่แล้ว")
    tag(doc, "{%p for r in returning_items %}")
    paragraph(doc, "{{ r.title }} ({{ r.mark }}) พิจารณาในระเบียบวาระที่ {{ section }}.{{ r.no }}", BODY)
    tag(doc, "{%p endfor %}")
    paragraph(doc, "\t", DOTTED)

    heading(doc, "ระเบียบวาระที่ 4 เรื่องเพื่อพิจารณา")
    tag(doc, "{%p if items %}")
    paragraph(doc, "พิจารณาโครงการที่ยื่นเสนอแล้วและยังรอมติ {{ count }} โครงการ งบประมาณที่ขอรวม "
                   "{{ total_requested }} บาท ({{ total_requested_words }}) รายละเอียดอยู่ในเอกสารประกอบวาระ "
                   "โครงการละหนึ่งหน้า", BODY)
    table(doc, [0.9, 1.7, 7.2, 1.8, 2.6, 1.8],
          ["ที่", "รหัส", "ชื่อโครงการ", "อำเภอ", "ประเด็นงาน", "งบที่ขอ (บาท)"], [
              ["{%tr for r in items %}", None, None, None, None, None],
              [("{{ section }}.{{ r.no }}", TABLE_CENTER), ("{{ r.short_id }}", TABLE_CENTER),
               "{{ r.title }}{% if r.returning %} [{{ r.mark_short }}]{% endif %}", "{{ r.district }}", "{{ r.issue }}",
               ("{{ r.requested }}", TABLE_NUMBER)],
              ["{%tr endfor %}", None, None, None, None, None],
              [("รวม {{ count }} โครงการ", TABLE_HEADING), None, None, None, None, ("{{ total_requested }}", TABLE_NUMBER)],
          ])
    paragraph(doc, "งบสมทบจากแหล่งอื่นรวม {{ total_contributed }} บาท มูลค่าโครงการทั้งหมดรวม {{ total_budget }} บาท", BODY)
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มีโครงการที่รอการพิจารณา -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "ระเบียบวาระที่ 5 เรื่องอื่น ๆ (ถ้ามี)")
    paragraph(doc, "\t", DOTTED)

    # One page per proposal.
    tag(doc, "{%p for p in proposals %}")
    _page_break_before(paragraph(doc, "เอกสารประกอบวาระที่ {{ section }}.{{ p.no }}  {{ p.title }}", SHEET_TITLE))
    tag(doc, "{%p if p.returning %}")
    paragraph(doc, "{{ p.mark }}{% if p.previous_note %}: {{ p.previous_note }}{% endif %}", SHEET_TEXT, label="หมายเหตุ ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.has_errors %}")
    paragraph(doc, "ข้อมูลของโครงการนี้ยังมีข้อผิดพลาดที่ต้องแก้ไข (ดูผล khrongkan check)", SHEET_TEXT, label="คำเตือน ")
    tag(doc, "{%p endif %}")
    table(doc, [3.0, 5.2, 3.3, 4.5], None, [
        [("รหัสโครงการ", TABLE_HEADING), "{{ p.short_id }}", ("วันที่เสนอ", TABLE_HEADING), "{{ p.submitted }}"],
        [("ประเด็นงาน", TABLE_HEADING), "{{ p.issue }}", ("ผู้ประสานงาน", TABLE_HEADING), "{{ p.coordinator }}"],
        [("ผู้เสนอ", TABLE_HEADING), "{{ p.organization }}", None, None],
        [("พื้นที่", TABLE_HEADING), "{{ p.area }}", None, None],
        [("ระยะเวลา", TABLE_HEADING), "{{ p.period }}", None, None],
    ])
    paragraph(doc, "วัตถุประสงค์", SHEET_HEADING)
    tag(doc, "{%p for o in p.objectives %}")
    paragraph(doc, "{{ o.no }}.\t{{ o.text }}", SHEET_ITEM)
    tag(doc, "{%p endfor %}")
    paragraph(doc, "กิจกรรมและงบประมาณ", SHEET_HEADING)
    table(doc, [0.8, 9.6, 3.6, 2.0], ["ที่", "กิจกรรม", "ช่วงเวลา", "บาท"], [
        ["{%tr for a in p.activities %}", None, None, None],
        [("{{ a.no }}", TABLE_CENTER), "{{ a.name }}", ("{{ a.when }}", TABLE_CENTER), ("{{ a.amount }}", TABLE_NUMBER)],
        ["{%tr endfor %}", None, None, None],
        [("รวมงบที่ขอ ({{ p.requested_words }})", TABLE_HEADING), None, None,
         ("{{ p.requested }}", TABLE_NUMBER)],
    ])
    tag(doc, "{%p if p.contributions %}")
    paragraph(doc, "{% for c in p.contributions %}{{ c.source }} {{ c.amount }} บาท ({{ c.kind }}){% if not loop.last %}, "
                   "{% endif %}{% endfor %} รวมมูลค่าโครงการ {{ p.total }} บาท", SHEET_TEXT, label="งบสมทบ ")
    tag(doc, "{%p endif %}")
    paragraph(doc, "proposal: {{ p.id }}  fingerprint: {{ p.fingerprint }}", SHEET_TEXT,
              label="สำหรับบันทึกมติในไฟล์การประชุม (รหัสตรวจสอบฉบับที่อนุมัติ) ")
    paragraph(doc, "☐ อนุมัติ .................. บาท  ☐ ปรับปรุงแล้วเสนอใหม่  ☐ เลื่อน  ☐ ไม่อนุมัติ",
              SHEET_TEXT, label="มติ ")
    tag(doc, "{%p endfor %}")
    return doc


# --- บันทึกการประชุม ---------------------------------------------------------------------------------

def minutes_template():
    doc = base_document(header="บันทึกการประชุม ครั้งที่ {{ label }}")
    _smaller_tables(doc, 14)
    _paragraph_style(doc, DETAIL, left_cm=1.0)
    paragraph(doc, "บันทึกการประชุม{{ body }}", "Title")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc, "ครั้งที่ {{ label }}", "Subtitle")
    paragraph(doc, "วันที่ {{ date }}  ณ {{ place }}", "Subtitle")

    heading(doc, "ผู้มาประชุม ({{ present_count }} คน)")
    table(doc, [0.9, 4.0, 8.4, 2.7], ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "คณะ"], [
        ["{%tr for m in present %}", None, None, None],
        [("{{ m.no }}", TABLE_CENTER), "{{ m.name }}", "{{ m.role }}", "{{ m.bodies }}"],
        ["{%tr endfor %}", None, None, None],
    ])
    tag(doc, "{%p if unknown %}")
    paragraph(doc, "{{ unknown }}", "Normal", label="ผู้เข้าประชุมที่ไม่อยู่ในทำเนียบ ")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ roster_name }}ที่ไม่ได้มาประชุม ({{ absent_count }} คน)")
    tag(doc, "{%p if absent %}")
    table(doc, [0.9, 4.0, 8.4, 2.7], ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "คณะ"], [
        ["{%tr for m in absent %}", None, None, None],
        [("{{ m.no }}", TABLE_CENTER), "{{ m.name }}", "{{ m.role }}", "{{ m.bodies }}"],
        ["{%tr endfor %}", None, None, None],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "- มาครบทุกคน -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "องค์ประชุม")
    tag(doc, "{%p if is_large %}")
    table(doc, [8.0, 8.0], None, [
        [("กรรมการชุดใหญ่ทั้งหมด", TABLE_HEADING), ("{{ large_size }} คน", TABLE_CENTER)],
        [("ต้องมาประชุมอย่างน้อย ({{ quorum_rule }})", TABLE_HEADING), ("{{ quorum_needed }} คน", TABLE_CENTER)],
        [("มาประชุม", TABLE_HEADING), ("{{ large_present }} คน", TABLE_CENTER)],
        [("ผล", TABLE_HEADING), ("{{ quorum_text }}", TABLE_CENTER)],
    ])
    tag(doc, "{%p else %}")
    paragraph(doc, "{{ quorum_text }}", BODY)
    tag(doc, "{%p endif %}")
    paragraph(doc, "เริ่มประชุมเวลา {% if time %}{{ time }}{% else %}............ น.{% endif %}", "Normal")

    heading(doc, "มติที่ประชุม ({{ decision_count }} เรื่อง)")
    tag(doc, "{%p if decisions %}")
    table(doc, [0.8, 1.7, 6.6, 3.4, 1.75, 1.75], ["ที่", "รหัส", "โครงการ", "มติ", "งบที่ขอ (บาท)", "งบที่อนุมัติ (บาท)"], [
        ["{%tr for d in decisions %}", None, None, None, None, None],
        [("{{ d.no }}", TABLE_CENTER), ("{{ d.short_id }}", TABLE_CENTER), "{{ d.title }}",
         ("{{ d.decision }}{% if d.invalid_reason %} (ไม่มีผล){% endif %}", TABLE_CENTER),
         ("{{ d.requested }}", TABLE_NUMBER), ("{{ d.amount }}", TABLE_NUMBER)],
        ["{%tr endfor %}", None, None, None, None, None],
    ])
    tag(doc, "{%p if has_fingerprints %}")
    paragraph(doc, "ใต้มติอนุมัติแต่ละเรื่องมีรหัสตรวจสอบฉบับที่อนุมัติ ซึ่งคำนวณจากเนื้อหาของแบบเสนอโครงการฉบับที่ที่ประชุม"
                   "อนุมัติ หากแก้ไขแบบเสนอภายหลัง รหัสจะไม่ตรงกัน และต้องเสนอที่ประชุมอนุมัติอีกครั้ง", BODY)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for d in decisions %}")
    heading(doc, "{{ d.no }}. {{ d.title }}", 2)
    # The ID on the line below: a heading would break it at its hyphens.
    paragraph(doc, "{{ d.id }}  {{ d.organization }} อำเภอ{{ d.district }}  งบประมาณที่ขอ {{ d.requested }} บาท",
              DETAIL, label="รหัส ")
    paragraph(doc, "{{ d.decision }}{% if d.has_amount %} งบประมาณ {{ d.amount }} บาท ({{ d.amount_words }}){% endif %}",
              DETAIL, label="มติ ")
    tag(doc, "{%p if d.note %}")
    paragraph(doc, "{{ d.note }}", DETAIL, label="หมายเหตุ ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if d.invalid_reason %}")
    paragraph(doc, "{{ d.invalid_reason }}", DETAIL, label="ข้อสังเกต ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if d.fingerprint %}")
    paragraph(doc, "{{ d.fingerprint }} ({{ d.fingerprint_state }})", DETAIL, label="รหัสตรวจสอบฉบับที่อนุมัติ ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มีมติเรื่องโครงการ -", DETAIL)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if note %}")
    heading(doc, "สรุปการประชุม")
    paragraph(doc, "{{ note }}", BODY)
    tag(doc, "{%p endif %}")
    # The closing time and both signatures stay together: the second one never stands alone on a page.
    paragraph(doc, "ปิดประชุมเวลา ............ น.", "Normal").paragraph_format.keep_with_next = True
    signature_block(doc, "......................................................", "ผู้บันทึกการประชุม",
                    keep_with_next=True)
    signature_block(doc, "......................................................", "ผู้ตรวจรายงานการประชุม")
    return doc


# --- สรุปภาพรวมจังหวัด -------------------------------------------------------------------------------

# Two-line headings broken where a reader would break them (a narrow column would break ตัวชี้|วัด).
FIGURE_HEADINGS = ["โครงการ\nที่เสนอ", "โครงการ\nที่อนุมัติ", "งบที่ขอ\n(บาท)", "งบที่อนุมัติ\n(บาท)",
                   "ข้อตกลง\n(บาท)", "จ่ายแล้ว\n(บาท)", "รับแล้ว\n(บาท)", "ใช้ไป\n(บาท)", "คงเหลือ\n(บาท)",
                   "ตัวชี้วัด\nที่รายงาน", "ผลตาม\nตัวชี้วัด (%)"]


def _figure_cells(var: str) -> list:
    return [(f"{{{{ {var}.projects }}}}", TABLE_CENTER), (f"{{{{ {var}.approved_projects }}}}", TABLE_CENTER),
            (f"{{{{ {var}.requested }}}}", TABLE_NUMBER), (f"{{{{ {var}.approved }}}}", TABLE_NUMBER),
            (f"{{{{ {var}.agreed }}}}", TABLE_NUMBER), (f"{{{{ {var}.paid }}}}", TABLE_NUMBER),
            (f"{{{{ {var}.received }}}}", TABLE_NUMBER), (f"{{{{ {var}.spent }}}}", TABLE_NUMBER),
            (f"{{{{ {var}.balance }}}}", TABLE_NUMBER), (f"{{{{ {var}.indicators }}}}", TABLE_CENTER),
            (f"{{{{ {var}.achievement }}}}", TABLE_CENTER)]


def _group_table(doc, first: str, items: str) -> None:
    widths = [2.9, 1.5, 1.5] + [2.1] * 7 + [1.9, 2.2]  # the 24.7 cm text width
    table(doc, widths, [first] + FIGURE_HEADINGS, [
        [f"{{%tr for g in {items} %}}"] + [None] * 11,
        ["{{ g.name }}"] + _figure_cells("g"),
        ["{%tr endfor %}"] + [None] * 11,
        [("รวมทั้งจังหวัด", TABLE_HEADING)] + _figure_cells("total"),
    ])


def summary_template():
    doc = base_document(header="สรุปภาพรวมโครงการ จังหวัด{{ province }} ปีงบประมาณ {{ fiscal_year }}")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.8)
    _smaller_tables(doc, 14)
    paragraph(doc, "สรุปภาพรวมโครงการของขบวนองค์กรชุมชนจังหวัด{{ province }}", "Title")
    paragraph(doc, "ปีงบประมาณ {{ fiscal_year }}  ข้อมูล ณ วันที่ {{ date }}", "Subtitle")
    paragraph(doc, "เสนอ {{ institute }}", "Subtitle")
    paragraph(doc)
    paragraph(doc, "โครงการที่ยื่นเสนอ {{ total.projects }} โครงการ งบประมาณที่ขอรวม {{ total.requested }} บาท "
                   "ได้รับอนุมัติ {{ total.approved_projects }} โครงการ รวม {{ total.approved }} บาท ({{ approved_words }}) "
                   "วงเงินตามข้อตกลง {{ total.agreed }} บาท สถาบันจ่ายแล้ว {{ total.paid }} บาท "
                   "รับเงินแล้ว {{ total.received }} บาท ใช้จ่ายแล้ว {{ total.spent }} บาท คงเหลือ {{ total.balance }} บาท "
                   "ผลตามตัวชี้วัดเฉลี่ยร้อยละ {{ total.achievement }} (จาก {{ total.indicators }} ตัวชี้วัดที่มีรายงาน)", BODY)
    paragraph(doc, "ไม่นับโครงการฉบับร่างที่ยังไม่ได้ยื่นเสนอ ({{ drafts }} โครงการ) ผลตามตัวชี้วัดคือร้อยละของเป้าหมายที่บรรลุ "
                   "ตามรายงานล่าสุด (ตัวชี้วัดละไม่เกิน 100) เฉลี่ยจากทุกตัวชี้วัดที่มีรายงาน", "Normal")

    heading(doc, "1. สรุปรายอำเภอ")
    _group_table(doc, "อำเภอ", "districts")
    heading(doc, "2. สรุปรายประเด็นงาน")
    _group_table(doc, "ประเด็นงาน", "issues")

    _page_break_before(heading(doc, "3. รายโครงการ"))
    paragraph(doc, "ผล (%) คือผลตามตัวชี้วัดเฉลี่ยของโครงการ", "Normal").paragraph_format.keep_with_next = True
    widths = [0.8, 2.0, 4.0, 1.8, 1.9] + [1.85] * 7 + [1.25]  # 24.7 cm
    table(doc, widths, ["ที่", "รหัส", "ชื่อโครงการ", "อำเภอ", "สถานะ", "งบที่ขอ (บาท)", "งบที่อนุมัติ (บาท)",
                        "ข้อตกลง (บาท)", "จ่ายแล้ว (บาท)",
                        "รับแล้ว (บาท)", "ใช้ไป (บาท)", "คงเหลือ (บาท)", "ผล (%)"], [
        ["{%tr for r in projects %}"] + [None] * 12,
        [("{{ r.no }}", TABLE_CENTER), ("{{ r.short_id }}", TABLE_CENTER),
         "{{ r.title }}{% if r.has_errors %} (ข้อมูลยังมีข้อผิดพลาด){% endif %}", "{{ r.district }}", "{{ r.status }}",
         ("{{ r.requested }}", TABLE_NUMBER), ("{{ r.approved }}", TABLE_NUMBER), ("{{ r.agreed }}", TABLE_NUMBER),
         ("{{ r.paid }}", TABLE_NUMBER), ("{{ r.received }}", TABLE_NUMBER),
         ("{{ r.spent }}", TABLE_NUMBER), ("{{ r.balance }}", TABLE_NUMBER), ("{{ r.achievement }}", TABLE_CENTER)],
        ["{%tr endfor %}"] + [None] * 12,
        [("รวมทั้งจังหวัด", TABLE_HEADING), None, None, None, None, ("{{ total.requested }}", TABLE_NUMBER),
         ("{{ total.approved }}", TABLE_NUMBER), ("{{ total.agreed }}", TABLE_NUMBER), ("{{ total.paid }}", TABLE_NUMBER),
         ("{{ total.received }}", TABLE_NUMBER),
         ("{{ total.spent }}", TABLE_NUMBER), ("{{ total.balance }}", TABLE_NUMBER),
         ("{{ total.achievement }}", TABLE_CENTER)],
    ])
    signature_block(doc, "......................................................", "ผู้จัดทำ (กองเลขา{{ movement }})")
    return doc


TEMPLATES_BUILT = {"agenda.docx": agenda_template, "minutes.docx": minutes_template, "summary.docx": summary_template}


def main(argv: list[str]) -> int:
    return write_templates(TEMPLATES_BUILT, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
