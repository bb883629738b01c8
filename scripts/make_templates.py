"""Build the Word templates in templates/ (run: .venv/bin/python scripts/make_templates.py).

The templates are ordinary Word documents with docxtpl tags ({{ value }}, {%p for %}, {%tr for %}),
meant to be edited by the secretariat in Word or LibreOffice afterwards. This script only makes
the first version, with real Word styles set for Thai: TH Sarabun New 16 pt for Latin AND complex
script (w:cs, w:szCs, w:bCs, w:lang w:bidi="th-TH"), A4 with the margins of Thai official
documents, the project ID in the header and the page number in the footer.

`base_document()` is the shared starting point: other document kinds (agenda, minutes, summary)
import it so every document the tool makes looks the same.

XML is built here, once, when the templates are made; rendering never pastes XML.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

FONT = "TH Sarabun New"
BODY_PT = 16
TEXT_WIDTH_CM = 16.0  # A4 21 cm - left 3 cm - right 2 cm

# Paragraph styles made here (name -> size, bold, alignment); Normal is the base of all.
TABLE_TEXT, TABLE_HEADING, TABLE_NUMBER, TABLE_CENTER = "Table Text", "Table Heading", "Table Number", "Table Center"
BODY, FIELD, ITEM, SIGNATURE, FIGURE, CAPTION, LABEL = (
    "Body Text", "Field", "List Item", "Signature", "Figure", "Caption", "Strong")
TABLE_LABEL, DOTTED = "Table Label", "Dotted Line"
TABLE_STYLE = "Table Grid"


# --- low-level helpers (template build time only) --------------------------------------------

def _set_fonts(rpr, font: str) -> None:
    """All four font slots to `font`, theme fonts removed (a theme font would win over them)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _child(rpr, tag: str, successors: tuple[str, ...] = ()):
    element = rpr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        for name in successors:
            after = rpr.find(qn(name))
            if after is not None:
                after.addprevious(element)
                break
        else:
            rpr.append(element)
    return element


# Order of w:rPr children that matter here (ECMA-376 sequence).
_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"]


def _set(rpr, tag: str, **attrs) -> None:
    successors = tuple(_RPR_ORDER[_RPR_ORDER.index(tag) + 1:])
    element = _child(rpr, tag, successors)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)


def _remove(rpr, tag: str) -> None:
    for element in rpr.findall(qn(tag)):
        rpr.remove(element)


def thai_run_properties(rpr, font: str = FONT, size_pt: float | None = BODY_PT, bold: bool | None = None) -> None:
    """Font, size and bold for Latin and Thai alike, and Thai as the complex-script language."""
    _set_fonts(rpr, font)
    for tag in ("w:i", "w:iCs"):
        _remove(rpr, tag)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            _remove(rpr, tag)
            if bold:
                _set(rpr, tag)
    _remove(rpr, "w:color")
    if size_pt is not None:
        half_points = str(int(size_pt * 2))
        _set(rpr, "w:sz", val=half_points)
        _set(rpr, "w:szCs", val=half_points)
    _set(rpr, "w:lang", val="en-US", eastAsia="en-US", bidi="th-TH")


def _style_rpr(style):
    return style.element.get_or_add_rPr()


def _paragraph_style(doc, name: str, *, base: str = "Normal", size_pt: float = BODY_PT, bold: bool = False,
                     align=None, before: float = 0, after: float = 0, keep_next: bool = False,
                     left_cm: float | None = None, first_line_cm: float | None = None, font: str = FONT):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    style.quick_style = True
    thai_run_properties(_style_rpr(style), font=font, size_pt=size_pt, bold=bold)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep_next
    if align is not None:
        fmt.alignment = align
    if left_cm is not None:
        fmt.left_indent = Cm(left_cm)
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    pbdr = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
    if pbdr is not None:  # Title's blue rule in the default template
        style.element.pPr.remove(pbdr)
    return style


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    def fld(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run(placeholder)
    fld("end")


# --- the shared base ---------------------------------------------------------------------------

def base_document(header: str = "", font: str = FONT):
    """A python-docx Document with A4 page set-up, Thai styles and header/footer.

    Styles: Normal (16 pt), Title (20 pt bold), Subtitle (18 pt bold), Heading 1 (18 pt bold),
    Heading 2 (16 pt bold), Body Text (first line indented), Field (a value under a heading),
    List Item (hanging indent), Dotted Line (a line of dots to write on), Table Text / Table
    Heading / Table Label / Table Number / Table Center (cell paragraphs), Signature, Figure,
    Caption, Header, Footer, the character style Strong (bold for Thai too) and the table style
    "Table Grid". `header` is the header text (docxtpl tags allowed), right-aligned; the footer
    shows "หน้า N จาก M".
    """
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(0.8)

    # Document defaults: what any run without a style falls back to.
    styles_element = doc.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    thai_run_properties(rpr_default, font=font)
    ppr_default = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    # Every style that names fonts or colours: our font, no theme colours.
    for style_element in styles_element.findall(qn("w:style")):
        rpr = style_element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr, font)
        if rpr is not None:
            _remove(rpr, "w:color")

    center, right, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
    _paragraph_style(doc, "Normal", font=font)
    _paragraph_style(doc, "Title", size_pt=20, bold=True, align=center, after=0, font=font)
    _paragraph_style(doc, "Subtitle", size_pt=18, bold=True, align=center, after=0, font=font)
    _paragraph_style(doc, "Heading 1", size_pt=18, bold=True, before=10, after=2, keep_next=True, font=font)
    _paragraph_style(doc, "Heading 2", size_pt=BODY_PT, bold=True, before=6, after=2, keep_next=True, left_cm=0.6,
                     font=font)
    _paragraph_style(doc, BODY, align=justify, left_cm=0.0, first_line_cm=2.5, font=font)
    _paragraph_style(doc, FIELD, left_cm=0.6, font=font)
    dotted = _paragraph_style(doc, DOTTED, before=4, keep_next=True, font=font)
    dotted.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    item = _paragraph_style(doc, ITEM, left_cm=1.6, first_line_cm=-1.0, font=font)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(1.6))
    _paragraph_style(doc, TABLE_TEXT, font=font)
    _paragraph_style(doc, TABLE_HEADING, bold=True, align=center, font=font)
    _paragraph_style(doc, TABLE_LABEL, bold=True, font=font)
    _paragraph_style(doc, TABLE_NUMBER, align=right, font=font)
    _paragraph_style(doc, TABLE_CENTER, align=center, font=font)
    _paragraph_style(doc, SIGNATURE, align=center, left_cm=4.5, font=font)
    _paragraph_style(doc, FIGURE, align=center, before=6, keep_next=True, font=font)
    _paragraph_style(doc, CAPTION, align=center, after=6, font=font)
    _paragraph_style(doc, "Header", align=right, font=font)
    _paragraph_style(doc, "Footer", align=center, font=font)
    strong = doc.styles[LABEL]
    thai_run_properties(_style_rpr(strong), font=font, size_pt=None, bold=True)

    table_style = doc.styles[TABLE_STYLE]
    thai_run_properties(_style_rpr(table_style), font=font)
    margins = table_style.element.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
    for side in ("left", "right"):
        margins.find(qn(f"w:{side}")).set(qn("w:w"), "68")  # 0.12 cm

    section.different_first_page_header_footer = False
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.style = doc.styles["Header"]
    if header:
        header_paragraph.add_run(header)
    footer_paragraph = section.footer.paragraphs[0]
    footer_paragraph.style = doc.styles["Footer"]
    footer_paragraph.add_run("หน้า ")
    _field(footer_paragraph, "PAGE")
    footer_paragraph.add_run(" จาก ")
    _field(footer_paragraph, "NUMPAGES")

    # Stable document properties: rendering gives the same bytes for the same input.
    props = doc.core_properties
    props.author = "khrongkan"
    props.last_modified_by = "khrongkan"
    props.comments = ""
    props.revision = 1
    props.language = "th-TH"
    return doc


# --- building blocks for templates ----------------------------------------------------------

def paragraph(doc, text: str = "", style: str = "Normal", label: str = ""):
    """A paragraph; `label` is written first in the bold character style (e.g. "ชื่อโครงการ ")."""
    p = doc.add_paragraph(style=style)
    if label:
        p.add_run(label, style=LABEL)
    if text:
        p.add_run(text)
    return p


def heading(doc, text: str, level: int = 1):
    return doc.add_paragraph(text, style=f"Heading {level}")


def tag(doc, text: str):
    """A paragraph holding only a docxtpl block tag ({%p ... %}); docxtpl removes it when rendering."""
    return doc.add_paragraph(text, style="Normal")


def _mark_header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _no_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str = "E7E6E6") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _write_cell(cell, text: str, style: str) -> None:
    """Cell text; a newline starts another paragraph of the same style."""
    for index, line in enumerate(text.split("\n") if text else [""]):
        p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        p.style = style
        if line:
            p.add_run(line)


def table(doc, widths_cm: list[float], header: list[str] | None, rows: list[list], *, shade_header: bool = True,
          keep_together: bool | None = None, keep_with_next: tuple[int, ...] = ()):
    """A bordered table. Each row is a list of cells: text, or (text, style), or None (merged into
    the cell on its left). A row whose first cell starts with "{%tr" is a docxtpl row tag.
    `keep_with_next` lists rows (indexes into `rows`) kept on the same page as the row after them;
    small tables without row tags are kept on one page unless `keep_together` is False."""
    n = len(widths_cm)
    section = doc.sections[-1]
    text_width = round((section.page_width - section.left_margin - section.right_margin) / 360000, 2)  # EMU -> cm
    if round(sum(widths_cm), 2) != text_width:  # every table spans the text
        raise ValueError(f"table widths {widths_cm} add up to {sum(widths_cm):.2f} cm, not the text width {text_width}")
    all_rows = ([header] if header else []) + rows
    t = doc.add_table(rows=len(all_rows), cols=n)
    t.style = doc.styles[TABLE_STYLE]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, width in enumerate(widths_cm):
        t.columns[i].width = Cm(width)
    for r, values in enumerate(all_rows):
        row = t.rows[r]
        for c in range(n):
            row.cells[c].width = Cm(widths_cm[c])
        is_header = header is not None and r == 0
        if is_header:
            _mark_header_row(row)
        _no_split(row)
        start = 0
        for c in range(n + 1):
            if c < n and values[c] is None:
                continue
            if c > start:  # cells start..c-1 form one merged cell
                cell = row.cells[start].merge(row.cells[c - 1]) if c - 1 > start else row.cells[start]
                value = values[start]
                text, style = (value if isinstance(value, tuple) else (value, TABLE_HEADING if is_header else TABLE_TEXT))
                _write_cell(cell, text, style)
                if is_header and shade_header:
                    _shade(cell)
            start = c
    # Small tables without loops stay on one page: every row but the last keeps with the next.
    if keep_together is None:
        keep_together = not any(isinstance(v[0], str) and v[0].startswith("{%tr") for v in rows)
    offset = 1 if header else 0
    kept = range(len(t.rows) - 1) if keep_together else [i + offset for i in keep_with_next]
    for index in kept:
        for cell in t.rows[index].cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    return t


def _keep_last_block_with_next(doc) -> None:
    """The body's last paragraph, or every paragraph of a table's last row, keeps with what follows."""
    body = doc.element.body
    last = next((e for e in reversed(body) if e.tag in (qn("w:p"), qn("w:tbl"))), None)
    if last is None:
        return
    if last.tag == qn("w:tbl"):
        last = last.findall(qn("w:tr"))[-1]
    for p in ([last] if last.tag == qn("w:p") else last.iter(qn("w:p"))):
        ppr = p.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.insert_element_before(OxmlElement("w:keepNext"), *_PPR_AFTER_KEEP_NEXT)


# w:pPr children that come after w:keepNext (ECMA-376 sequence).
_PPR_AFTER_KEEP_NEXT = ("w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
                        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                        "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                        "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                        "w:pPrChange")


def signature_block(doc, name_expr: str, position_expr: str, role: str = "", date_line: str = "",
                    keep_with_next: bool = False) -> None:
    """ลงชื่อ ........ role / (name) / position [/ date], kept on one page and with the paragraph or
    table row before it, so that it never stands alone on a page (and with what follows when
    `keep_with_next`: signatures that belong together)."""
    _keep_last_block_with_next(doc)
    lines = ["", f"ลงชื่อ .............................. {role}".rstrip(), f"({name_expr})", position_expr]
    if date_line:
        lines.append(date_line)
    for index, text in enumerate(lines):
        p = paragraph(doc, text, SIGNATURE)
        p.paragraph_format.keep_with_next = keep_with_next or index < len(lines) - 1


def list_items(doc, items: str, prefix: str = "", text_expr: str = "x.text", var: str = "x", suffix: str = ".") -> None:
    """A numbered list from a context list: "<prefix><no><suffix>\\t<text>" per item.

    The number comes from the context (Thai digits when the settings ask for them), so the
    default has no section prefix that would stay in Arabic digits."""
    tag(doc, f"{{%p for {var} in {items} %}}")
    paragraph(doc, f"{prefix}{{{{ {var}.no }}}}{suffix}\t{{{{ {text_expr} }}}}", ITEM)
    tag(doc, "{%p endfor %}")


def none_or_items(doc, items: str, prefix: str = "") -> None:
    tag(doc, f"{{%p if {items} %}}")
    list_items(doc, items, prefix)
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี -", BODY)
    tag(doc, "{%p endif %}")


# --- the proposal --------------------------------------------------------------------------------

def proposal_template():
    doc = base_document(header="แบบเสนอโครงการ  รหัสโครงการ {{ project_id }}")
    paragraph(doc, "แบบเสนอโครงการ", "Title")
    paragraph(doc, "{{ movement }}", "Subtitle")
    paragraph(doc, "เสนอต่อ {{ institute }}  ประจำปีงบประมาณ {{ fiscal_year }}", "Subtitle")
    paragraph(doc)
    table(doc, [3.6, 12.4], None, [
        [("รหัสโครงการ", TABLE_LABEL), "{{ project_id }}"],
        [("ปีงบประมาณ", TABLE_LABEL), "{{ fiscal_year }}"],
        [("ประเภทโครงการ", TABLE_LABEL), "{{ kind }}"],
        [("ประเด็นงาน", TABLE_LABEL), "{{ issue }}"],
        [("ยุทธศาสตร์จังหวัดที่สนอง", TABLE_LABEL), "{{ plan }}"],
        [("อำเภอ / ตำบล", TABLE_LABEL), "อำเภอ{{ district }} {{ subdistricts }}"],
        [("งบประมาณที่ขอ", TABLE_LABEL), "{{ requested }} บาท"],
        [("วันที่เสนอ", TABLE_LABEL), "{{ submitted }}"],
    ])

    heading(doc, "1. ชื่อโครงการ")
    paragraph(doc, "{{ title }}", FIELD)

    heading(doc, "2. องค์กรผู้เสนอโครงการ")
    paragraph(doc, "{{ organization.name }}", FIELD)
    tag(doc, "{%p if organization.address %}")
    paragraph(doc, "{{ organization.address }}", FIELD, label="ที่อยู่ ")
    tag(doc, "{%p endif %}")

    heading(doc, "3. พื้นที่ดำเนินการ")
    paragraph(doc, "{{ subdistricts }} อำเภอ{{ district }} จังหวัด{{ province }}", FIELD)
    tag(doc, "{%p if area_detail %}")
    paragraph(doc, "{{ area_detail }}", FIELD, label="หมู่บ้าน/ชุมชน ")
    tag(doc, "{%p endif %}")

    heading(doc, "4. ระยะเวลาดำเนินการ")
    paragraph(doc, "{{ period }}", FIELD)

    heading(doc, "5. หลักการและเหตุผล")
    tag(doc, "{%p for text in rationale %}")
    paragraph(doc, "{{ text }}", BODY)
    tag(doc, "{%p endfor %}")

    heading(doc, "6. วัตถุประสงค์")
    list_items(doc, "objectives")

    heading(doc, "7. เป้าหมาย")
    table(doc, [0.9, 10.9, 1.8, 2.4], ["ที่", "เป้าหมาย", "จำนวน", "หน่วย"], [
        ["{%tr for t in targets %}", None, None, None],
        [("{{ t.no }}", TABLE_CENTER), "{{ t.description }}", ("{{ t.quantity }}", TABLE_NUMBER), "{{ t.unit }}"],
        ["{%tr endfor %}", None, None, None],
    ])

    heading(doc, "8. วิธีดำเนินงาน/กิจกรรม")
    # Widths measured in TH Sarabun New 16 pt (cell margins 0.24 cm): "15 พ.ย. 69 - 15 ม.ค. 70" needs
    # 3.8 cm and "999,999.00" 1.8 cm. The place has a row of its own under the activity, 15 cm wide,
    # where a place like ศาลาอเนกประสงค์องค์การบริหารส่วนตำบลด่านสวี (7.6 cm) is never broken.
    table(doc, [0.8, 7.3, 4.1, 1.7, 2.1],
          ["ที่", "กิจกรรม", "ช่วงเวลา", "ผู้เข้าร่วม (คน)", "งบประมาณ (บาท)"], [
              ["{%tr for a in activities %}", None, None, None, None],
              [("{{ a.no }}", TABLE_CENTER), "{{ a.name }}{% if a.detail %} ({{ a.detail }}){% endif %}",
               ("{{ a.dates_short }}", TABLE_CENTER), ("{{ a.participants }}", TABLE_CENTER),
               ("{{ a.total }}", TABLE_NUMBER)],
              ["", "สถานที่ {{ a.place }}", None, None, None],
              ["{%tr endfor %}", None, None, None, None],
              [("รวมงบประมาณทุกกิจกรรม", TABLE_HEADING), None, None, None, ("{{ requested }}", TABLE_NUMBER)],
          ], keep_with_next=(1,))

    heading(doc, "9. งบประมาณ")
    paragraph(doc, "รายละเอียดงบประมาณที่ขอรับการสนับสนุนจาก{{ institute }} แยกตามกิจกรรม (หน่วย: บาท)", BODY)
    tag(doc, "{%p for a in activities %}")
    heading(doc, "กิจกรรมที่ {{ a.no }} {{ a.name }}", 2)
    paragraph(doc, "{{ a.dates }}", FIELD, label="ช่วงเวลา ").paragraph_format.keep_with_next = True
    table(doc, [7.0, 1.6, 1.7, 2.5, 1.0, 2.2],
          ["รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย", "ครั้ง", "จำนวนเงิน"], [
              ["{%tr for b in a.budget %}", None, None, None, None, None],
              ["{{ b.item }}", ("{{ b.quantity }}", TABLE_NUMBER), ("{{ b.unit }}", TABLE_CENTER),
               ("{{ b.unit_cost }}", TABLE_NUMBER), ("{{ b.times }}", TABLE_CENTER), ("{{ b.amount }}", TABLE_NUMBER)],
              ["{%tr endfor %}", None, None, None, None, None],
              [("รวมกิจกรรมที่ {{ a.no }}", TABLE_HEADING), None, None, None, None, ("{{ a.total }}", TABLE_NUMBER)],
          ], keep_together=True)  # an activity's few budget lines stay on one page with its heading
    tag(doc, "{%p endfor %}")
    paragraph(doc)
    table(doc, [13.8, 2.2], None, [
        [("รวมงบประมาณที่ขอรับการสนับสนุนทั้งสิ้น", TABLE_HEADING), ("{{ requested }}", TABLE_NUMBER)],
        [("({{ requested_words }})", TABLE_CENTER), None],
    ])

    heading(doc, "10. งบสมทบ")
    tag(doc, "{%p if contributions %}")
    table(doc, [0.9, 10.3, 2.6, 2.2], ["ที่", "แหล่งงบสมทบ", "ลักษณะ", "จำนวนเงิน (บาท)"], [
        ["{%tr for c in contributions %}", None, None, None],
        [("{{ c.no }}", TABLE_CENTER), "{{ c.source }}", ("{{ c.kind }}", TABLE_CENTER), ("{{ c.amount }}", TABLE_NUMBER)],
        ["{%tr endfor %}", None, None, None],
        [("รวมงบสมทบ", TABLE_HEADING), None, None, ("{{ contributed }}", TABLE_NUMBER)],
    ])
    paragraph(doc, "มูลค่าโครงการทั้งสิ้น {{ project_total }} บาท ({{ project_total_words }}) "
                   "ประกอบด้วยงบที่ขอจาก{{ institute }} {{ requested }} บาท และงบสมทบ {{ contributed }} บาท", BODY)
    tag(doc, "{%p else %}")
    paragraph(doc, "- ไม่มี -", BODY)
    tag(doc, "{%p endif %}")

    heading(doc, "11. งวดเงิน")
    paragraph(doc, "คิดจาก{{ installment_base_label }} {{ installment_base }} บาท", BODY).paragraph_format.keep_with_next = True
    table(doc, [1.3, 1.3, 2.2, 11.2], ["งวดที่", "ร้อยละ", "จำนวนเงิน (บาท)", "เงื่อนไขการเบิกจ่าย"], [
        ["{%tr for i in installments %}", None, None, None],
        [("{{ i.no }}", TABLE_CENTER), ("{{ i.percent }}", TABLE_CENTER), ("{{ i.amount }}", TABLE_NUMBER), "{{ i.condition }}"],
        ["{%tr endfor %}", None, None, None],
        [("รวม", TABLE_HEADING), ("{{ installments_percent }}", TABLE_CENTER), ("{{ installment_base }}", TABLE_NUMBER), ""],
    ])

    heading(doc, "12. ตัวชี้วัด")
    table(doc, [0.9, 11.0, 2.0, 2.1], ["ที่", "ตัวชี้วัด", "เป้าหมาย", "หน่วย"], [
        ["{%tr for i in indicators %}", None, None, None],
        [("{{ i.no }}", TABLE_CENTER), "{{ i.description }}", ("{{ i.target }}", TABLE_NUMBER), "{{ i.unit }}"],
        ["{%tr endfor %}", None, None, None],
    ])

    heading(doc, "13. ผลที่คาดว่าจะได้รับ")
    list_items(doc, "expected_results")

    heading(doc, "14. ผู้รับผิดชอบโครงการ")
    # The phone under the name: the position gets 10 cm, so a group's name in it is not broken.
    table(doc, [0.9, 4.6, 10.5], ["ที่", "ชื่อ - สกุล / โทรศัพท์", "ตำแหน่ง"], [
        ["{%tr for r in responsible %}", None, None],
        [("{{ r.no }}", TABLE_CENTER), "{{ r.name }}\nโทร. {{ r.phone }}", "{{ r.position }}"],
        ["{%tr endfor %}", None, None],
    ])
    tag(doc, "{%p if coordinator %}")
    paragraph(doc, "{{ coordinator }}", FIELD, label="กรรมการผู้ประสานงาน ")
    tag(doc, "{%p endif %}")
    paragraph(doc)
    certify = paragraph(doc, "ข้าพเจ้าขอรับรองว่าข้อมูลในแบบเสนอโครงการนี้เป็นความจริงทุกประการ", BODY)
    certify.paragraph_format.keep_with_next = True
    tag(doc, "{%p for r in responsible %}")
    signature_block(doc, "{{ r.name }}", "{{ r.position }}", role="ผู้รับผิดชอบโครงการ")
    tag(doc, "{%p endfor %}")

    heading(doc, "15. ความเห็นของคณะกรรมการ (สำหรับคณะกรรมการ)")
    paragraph(doc, "ความเห็นของ{{ movement }}", DOTTED)
    for _ in range(3):
        paragraph(doc, "\t", DOTTED)
    paragraph(doc, "(   ) อนุมัติ งบประมาณ ........................................ บาท", DOTTED)
    paragraph(doc, "(   ) ให้ปรับปรุงแล้วเสนอใหม่", DOTTED)
    paragraph(doc, "(   ) ไม่อนุมัติ", DOTTED)
    paragraph(doc, "มติที่ประชุมครั้งที่ ............ วันที่ ..................................................", DOTTED)
    signature_block(doc, "......................................................", "ประธาน{{ movement }}",
                    date_line="วันที่ ........ เดือน .............................. พ.ศ. ............")
    return doc


# --- the report ----------------------------------------------------------------------------------

def report_template():
    doc = base_document(header="รายงานฉบับที่ {{ number }}  รหัสโครงการ {{ project_id }}")
    paragraph(doc, "{{ report_title }}", "Title")
    paragraph(doc, "ฉบับที่ {{ number }}", "Subtitle")
    paragraph(doc, "ช่วงวันที่ {{ period }}", "Subtitle")
    paragraph(doc)
    table(doc, [3.2, 12.8], None, [
        [("รหัสโครงการ", TABLE_LABEL), "{{ project_id }}"],
        [("ชื่อโครงการ", TABLE_LABEL), "{{ title }}"],
        [("องค์กร", TABLE_LABEL), "{{ organization }}"],
        [("พื้นที่", TABLE_LABEL), "อำเภอ{{ district }} {{ subdistricts }}"],
        [("ระยะเวลา", TABLE_LABEL), "{{ project_period }}"],
        [("งบประมาณ", TABLE_LABEL), "{{ budget_label }} {{ budget }} บาท"],
        [("วันที่รายงาน", TABLE_LABEL), "{{ reported }}"],
    ])

    heading(doc, "1. ผลการดำเนินกิจกรรมเทียบกับแผน")
    table(doc, [0.9, 6.5, 3.4, 3.5, 1.7],  # "18 พฤศจิกายน 2569" (3.2 cm) and "อยู่ระหว่างดำเนินการ" on one line
          ["ที่", "กิจกรรม", "สถานะ", "วันที่ดำเนินการ", "ผู้เข้าร่วม (คน)"], [
              ["{%tr for a in activities %}", None, None, None, None],
              [("{{ a.no }}", TABLE_CENTER), "{{ a.name }}", ("{{ a.status }}", TABLE_CENTER),
               ("{{ a.date }}", TABLE_CENTER), ("{{ a.participants }}", TABLE_CENTER)],
              ["", ("ตามแผน: {{ a.planned }} ผู้เข้าร่วม {{ a.planned_participants }} คน\n"
                    "ผลการดำเนินงาน: {{ a.result }}", TABLE_TEXT), None, None, None],
              ["{%tr endfor %}", None, None, None, None],
          ], keep_with_next=(1,))

    heading(doc, "2. ผลตามตัวชี้วัด")
    table(doc, [0.9, 8.2, 2.5, 2.5, 1.9], ["ที่", "ตัวชี้วัด", "เป้าหมาย", "ผลที่ได้", "ร้อยละ"], [
        ["{%tr for i in indicators %}", None, None, None, None],
        # The note is a paragraph of the indicator's own cell: a row is never split, so it stays with it.
        [("{{ i.no }}", TABLE_CENTER), "{{ i.description }}\n{%p if i.note %}\nหมายเหตุ: {{ i.note }}\n{%p endif %}",
         ("{{ i.target }}", TABLE_NUMBER), ("{{ i.actual }}", TABLE_NUMBER), ("{{ i.percent }}", TABLE_CENTER)],
        ["{%tr endfor %}", None, None, None, None],
    ])

    heading(doc, "3. รายงานการเงิน")
    heading(doc, "3.1 สรุปรายรับ รายจ่าย และเงินคงเหลือ (บาท)", 2)
    table(doc, [6.0, 5.0, 5.0], ["รายการ", "งวดนี้", "สะสมตั้งแต่เริ่มโครงการ"], [
        [("รายรับ", TABLE_TEXT), ("{{ received }}", TABLE_NUMBER), ("{{ cumulative_received }}", TABLE_NUMBER)],
        [("รายจ่าย", TABLE_TEXT), ("{{ spent }}", TABLE_NUMBER), ("{{ cumulative_spent }}", TABLE_NUMBER)],
        [("คงเหลือ", TABLE_HEADING), ("{{ balance }}", TABLE_NUMBER), ("{{ cumulative_balance }}", TABLE_NUMBER)],
    ])
    paragraph(doc, "เงินคงเหลือสะสม {{ cumulative_balance }} บาท ({{ cumulative_balance_words }})", BODY)

    heading(doc, "3.2 รายรับ", 2)
    table(doc, [3.5, 9.0, 1.3, 2.2], ["วันที่", "แหล่งที่มา", "งวดที่", "จำนวนเงิน (บาท)"], [
        ["{%tr for r in receipts %}", None, None, None],
        [("{{ r.date }}", TABLE_CENTER), "{{ r.source }}", ("{{ r.installment }}", TABLE_CENTER), ("{{ r.amount }}", TABLE_NUMBER)],
        ["{%tr endfor %}", None, None, None],
        [("รวมรายรับงวดนี้", TABLE_HEADING), None, None, ("{{ received }}", TABLE_NUMBER)],
    ])

    heading(doc, "3.3 รายจ่าย", 2)
    table(doc, [3.5, 1.4, 8.9, 2.2], ["วันที่", "กิจกรรม ที่", "รายการ (เลขที่ใบเสร็จ)", "จำนวนเงิน (บาท)"], [
        ["{%tr for e in expenses %}", None, None, None],
        [("{{ e.date }}", TABLE_CENTER), ("{{ e.activity }}", TABLE_CENTER), "{{ e.item_with_receipt }}",
         ("{{ e.amount }}", TABLE_NUMBER)],
        ["{%tr endfor %}", None, None, None],
        [("รวมรายจ่ายงวดนี้", TABLE_HEADING), None, None, ("{{ spent }}", TABLE_NUMBER)],
    ])

    heading(doc, "3.4 ค่าใช้จ่ายรายกิจกรรมเทียบกับงบประมาณ (บาท)", 2)
    table(doc, [7.2, 2.2, 2.2, 2.2, 2.2],
          ["กิจกรรม", "งบประมาณ", "ใช้จ่าย\nงวดนี้", "ใช้จ่าย\nสะสม", "คงเหลือ"], [
              ["{%tr for a in spending %}", None, None, None, None],
              ["{{ a.no }}. {{ a.name }}", ("{{ a.budget }}", TABLE_NUMBER), ("{{ a.spent }}", TABLE_NUMBER),
               ("{{ a.cumulative }}", TABLE_NUMBER), ("{{ a.remaining }}", TABLE_NUMBER)],
              ["{%tr endfor %}", None, None, None, None],
              [("รวม", TABLE_HEADING), ("{{ spending_total.budget }}", TABLE_NUMBER),
               ("{{ spending_total.spent }}", TABLE_NUMBER), ("{{ spending_total.cumulative }}", TABLE_NUMBER),
               ("{{ spending_total.remaining }}", TABLE_NUMBER)],
          ])
    paragraph(doc, "ใช้จ่ายสะสมแล้ว {{ spending_total.cumulative }} บาท คิดเป็นร้อยละ {{ spending_total.percent }} "
                   "ของงบประมาณทุกกิจกรรม", BODY)

    heading(doc, "4. ปัญหาอุปสรรค")
    none_or_items(doc, "problems")
    heading(doc, "5. บทเรียนที่ได้รับ")
    none_or_items(doc, "lessons")
    heading(doc, "6. แผนงานต่อไป")
    none_or_items(doc, "next_steps")

    tag(doc, "{%p if photos %}")
    heading(doc, "7. ภาพกิจกรรม")
    tag(doc, "{%p for ph in photos %}")
    paragraph(doc, "{{ ph.image }}", FIGURE)
    paragraph(doc, "ภาพที่ {{ ph.no }} {{ ph.caption }}", CAPTION)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    paragraph(doc)
    certify = paragraph(doc, "ขอรับรองว่ารายงานนี้ถูกต้องตามความเป็นจริง", BODY)
    certify.paragraph_format.keep_with_next = True
    signature_block(doc, "{{ reporter.name }}", "{{ reporter.position }}", role="ผู้รายงาน",
                    date_line="วันที่ {{ reported }}")
    return doc


TEMPLATES_BUILT = {"proposal.docx": proposal_template, "report.docx": report_template}


def write_templates(builders: dict, argv: list[str]) -> int:
    """Build each template and write it (deterministic bytes) into argv[1] or templates/."""
    from io import BytesIO

    out = Path(argv[1]) if len(argv) > 1 else TEMPLATES
    sys.path.insert(0, str(ROOT))
    from generator.documents import normalize_package
    from generator.files import write_atomic

    for name, build in builders.items():
        buffer = BytesIO()
        build().save(buffer)
        write_atomic(out / name, normalize_package(buffer.getvalue()))
        print(f"wrote {out / name}")
    return 0


def main(argv: list[str]) -> int:
    return write_templates(TEMPLATES_BUILT, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
