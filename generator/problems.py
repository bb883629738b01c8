"""The catalogue of problems: every error and warning the tool can report.

Each entry has a stable code, a severity, and a message template in Thai and in English.
Validation collects Problem objects into one list that the CLI, the JSON output and the
site's "ปัญหาที่ต้องแก้ไข" page all read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Kind:
    code: str
    severity: str
    th: str
    en: str
    hint_th: str = ""
    hint_en: str = ""


def _k(code, severity, th, en, hint_th="", hint_en=""):
    return Kind(code, severity, th, en, hint_th, hint_en)


# Codes are grouped by letter: Y reading YAML, S shape (schema), D dates, M money,
# A areas and reference lists, R references between files, P paths and folders, T templates,
# L plans (the provincial plan and tambon plans), W what free text should not say (personal numbers).
CATALOGUE: dict[str, Kind] = {k.code: k for k in [
    # --- reading the file -------------------------------------------------------------
    _k("Y001", ERROR, "อ่าน YAML ไม่ได้: {detail}", "YAML syntax error: {detail}"),
    _k("Y002", ERROR, "มีแท็บ (Tab) ใช้ย่อหน้า", "a tab is used for indentation",
       "YAML ใช้ได้เฉพาะช่องว่าง (space) ในการย่อหน้า", "YAML indents with spaces only"),
    _k("Y003", ERROR, "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (ไบต์ {byte})", "the file is not UTF-8 (byte {byte})",
       "บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8", "save the file again as UTF-8"),
    _k("Y004", ERROR, "ไฟล์ว่างเปล่า", "the file is empty"),
    _k("Y005", ERROR, "คีย์ '{key}' ซ้ำ (เขียนไว้แล้วที่บรรทัด {first_line})",
       "duplicate key '{key}' (first written on line {first_line})",
       "ลบหรือรวมรายการที่ซ้ำ ระบบไม่เลือกค่าใดค่าหนึ่งให้เอง",
       "remove or merge one of them; the tool never picks one for you"),
    _k("Y006", ERROR, "ไม่รับแท็ก YAML '{tag}'", "YAML tag '{tag}' is not accepted",
       "เขียนค่าเป็นข้อความ ตัวเลข หรือวันที่ธรรมดา", "write plain text, numbers or dates"),
    _k("Y007", ERROR, "มีอักขระควบคุมที่มองไม่เห็น ({char})", "an invisible control character ({char})",
       "ลบอักขระนั้นออก (มักมาจากการคัดลอกข้อความ)", "delete it (it usually comes from copy and paste)"),
    _k("Y008", ERROR, "ไฟล์ใหญ่หรือซับซ้อนเกินกำหนด ({detail})", "the file is too large or too complex ({detail})"),
    _k("Y009", ERROR, "ส่วนบนสุดของไฟล์ต้องเป็นชุดคีย์: ค่า", "the top of the file must be a mapping of keys"),
    # --- shape --------------------------------------------------------------------------
    _k("S001", ERROR, "ไม่รู้จักคีย์ '{key}'{suggestion_th}", "unknown key '{key}'{suggestion_en}"),
    _k("S002", ERROR, "ขาดหัวข้อ {field}{where_th}", "required key '{key}' is missing{where_en}"),
    _k("S003", ERROR, "{field} ต้องเป็น{expected_th}", "'{field}' must be {expected_en}"),
    _k("S004", ERROR, "{field} มีค่า '{value}' ไม่ได้ ต้องเป็นหนึ่งใน: {allowed}",
       "'{field}' cannot be '{value}'; allowed: {allowed}"),
    _k("S005", ERROR, "{field} ต้องไม่ว่าง", "'{field}' must not be empty"),
    _k("S006", ERROR, "{field} ต้องมีอย่างน้อย {min} รายการ", "'{field}' needs at least {min} items"),
    _k("S007", ERROR, "YAML อ่าน {text} ใน {field} เป็น{read_as_th} ไม่ใช่ข้อความ",
       "YAML reads {text} in '{field}' as {read_as_en}, not as text",
       "ใส่เครื่องหมายคำพูด เช่น {key}: \"{text}\"", "put it in quotes: {key}: \"{text}\""),
    _k("S008", ERROR, "{field} ต้องไม่น้อยกว่า {min}", "'{field}' must be at least {min}"),
    _k("S009", ERROR, "{field} ไม่ตรงรูปแบบ {pattern}", "'{field}' does not match {pattern}"),
    _k("S010", WARNING, "{field} {state_th}", "'{field}' {state_en}",
       "เขียนเนื้อหาจริงแทนก่อนเสนอโครงการ (เมื่อใส่ submitted จะนับเป็นข้อผิดพลาด)",
       "write the real content before submitting (once submitted it is an error)"),
    _k("S011", ERROR, "{field} {state_th}", "'{field}' {state_en}",
       "เขียนเนื้อหาจริงแทน หรือลบรายการที่ไม่ใช้ แบบเสนอที่ยื่นแล้ว (มี submitted) และรายงานต้องไม่มีข้อความตัวอย่าง",
       "write the real content or delete the unused item: a submitted proposal or a report holds no placeholders"),
    # --- dates --------------------------------------------------------------------------
    _k("D001", ERROR, "{field} ต้องเป็นวันที่แบบ ปปปป-ดด-วว (ได้ '{value}')",
       "'{field}' must be a date YYYY-MM-DD (got '{value}')", "{date_hint}", "{date_hint}"),
    _k("D002", ERROR, "วันที่ '{value}' ไม่มีจริงในปฏิทิน", "'{value}' is not a real date",
       "ตรวจวันที่และเดือนอีกครั้ง", "check the day and month"),
    _k("D003", ERROR, "วันเริ่ม ({start}) อยู่หลังวันสิ้นสุด ({end})", "start ({start}) is after end ({end})"),
    _k("D004", ERROR, "{what} ({start} ถึง {end}) อยู่นอกปีงบประมาณ {fy} ({fy_start} ถึง {fy_end})",
       "{what_en} ({start} to {end}) is outside fiscal year {fy} ({fy_start} to {fy_end})",
       "ย้ายโครงการไปไว้ในโฟลเดอร์ปีงบประมาณที่ถูกต้อง หรือแก้วันที่",
       "move the project to the right fiscal-year folder, or fix the dates"),
    _k("D005", ERROR, "ช่วงรายงาน ({start} ถึง {end}) อยู่นอกระยะเวลาโครงการ ({p_start} ถึง {p_end})",
       "report period ({start} to {end}) is outside the project ({p_start} to {p_end})"),
    _k("D006", ERROR, "ช่วงรายงานทับซ้อนกับรายงานฉบับที่ {other} ({o_start} ถึง {o_end})",
       "report period overlaps report {other} ({o_start} to {o_end})"),
    _k("D007", ERROR, "กิจกรรมที่ {number} ({start} ถึง {end}) อยู่นอกระยะเวลาโครงการ ({p_start} ถึง {p_end})",
       "activity {number} ({start} to {end}) is outside the project period ({p_start} to {p_end})"),
    _k("D008", WARNING, "ปี {year} ดูไม่น่าใช่ (อ่านเป็น ค.ศ. {ce})", "year {year} looks unlikely (read as CE {ce})",
       "ปี พ.ศ. เขียนได้ตรง ๆ เช่น 2569 ปี ค.ศ. เช่น 2026", "write BE (2569) or CE (2026) years"),
    _k("D009", ERROR, "วันประชุม {date} อยู่นอกปีงบประมาณ {fy} ของโฟลเดอร์ ({fy_start} ถึง {fy_end})",
       "the meeting date {date} is outside fiscal year {fy} of its folder ({fy_start} to {fy_end})",
       "แก้วันที่ หรือย้ายไฟล์ไปไว้ในโฟลเดอร์ปีงบประมาณที่ถูกต้อง", "fix the date, or move the file to the right fiscal-year folder"),
    # --- money --------------------------------------------------------------------------
    _k("M001", ERROR, "{field} ติดลบไม่ได้ ({value})", "'{field}' cannot be negative ({value})"),
    _k("M002", ERROR, "{field} ต้องเป็นจำนวนเงิน (ได้ '{value}')", "'{field}' must be an amount of money (got '{value}')",
       "เขียนเป็นตัวเลข เช่น 12500 หรือ \"12,500\"", "write a number such as 12500 or \"12,500\""),
    _k("M003", ERROR, "{field} มีทศนิยมเกิน 2 ตำแหน่ง ({value})", "'{field}' has more than two decimals ({value})"),
    _k("M004", ERROR, "จำนวนเงิน {stated} ไม่เท่ากับ {quantity} x {unit_cost} x {times} = {computed}",
       "amount {stated} is not {quantity} x {unit_cost} x {times} = {computed}",
       "แก้จำนวนเงิน หรือลบบรรทัด amount ให้ระบบคำนวณเอง", "fix it, or delete amount and let the tool compute it"),
    _k("M005", ERROR, "ร้อยละของงวดเงินรวมกันได้ {total} ต้องเท่ากับ 100", "installment percents add up to {total}, not 100"),
    _k("M006", WARNING, "ใช้จ่ายสะสม {spent} บาท มากกว่ารับสะสม {received} บาท",
       "cumulative spending {spent} baht exceeds cumulative receipts {received} baht"),
    _k("M007", WARNING, "กิจกรรมที่ {number} ใช้จ่ายสะสม {spent} บาท เกินงบที่ตั้งไว้ {budget} บาท",
       "activity {number}: cumulative spending {spent} baht exceeds its budget {budget} baht"),
    _k("M008", ERROR, "YAML อ่าน {text} ใน {field} เป็น {value} ซึ่งไม่ตรงกับที่เขียน",
       "YAML reads {text} in '{field}' as {value}, not as written",
       "เขียนเป็นตัวเลขธรรมดา ไม่ขึ้นต้นด้วย 0 และไม่มีเครื่องหมาย : เช่น 120",
       "write a plain number with no leading 0 and no colon, such as 120"),
    _k("M009", ERROR, "{field} มีค่าเกินกว่าที่รับได้ ({value} มากกว่า {max})",
       "'{field}' is larger than allowed ({value} > {max})"),
    # --- areas and reference lists ------------------------------------------------------
    _k("A001", ERROR, "ไม่พบอำเภอ '{value}' ในจังหวัด{province}{suggestion_th}",
       "no district '{value}' in {province}{suggestion_en}"),
    _k("A002", ERROR, "ไม่พบตำบล '{value}' ในอำเภอ{district}{suggestion_th}",
       "no sub-district '{value}' in district {district}{suggestion_en}"),
    _k("A003", ERROR, "ตำบล '{value}' อยู่ในอำเภอ{other} ไม่ใช่อำเภอ{district}",
       "sub-district '{value}' belongs to district {other}, not {district}"),
    _k("A004", ERROR, "ไม่พบประเด็นงาน '{value}' ใน reference/issues.yaml{suggestion_th}",
       "no issue area '{value}' in reference/issues.yaml{suggestion_en}"),
    _k("A005", ERROR, "ไม่พบรหัสกรรมการ '{value}' ใน committee.yaml{suggestion_th}",
       "no member id '{value}' in committee.yaml{suggestion_en}"),
    _k("A006", ERROR, "รหัสกรรมการ '{value}' ซ้ำ", "member id '{value}' is used twice"),
    _k("A007", ERROR, "ไม่พบไฟล์ข้อมูลอ้างอิง {name}", "reference file {name} is missing",
       "สร้างด้วย khrongkan init หรือคัดลอกจากคลังตัวอย่าง", "create it with khrongkan init"),
    # --- references between files -------------------------------------------------------
    _k("R001", ERROR, "ไม่มีกิจกรรมที่ {number} ในแบบเสนอโครงการ (มี {count} กิจกรรม)",
       "there is no activity {number} in the proposal (it has {count})"),
    _k("R002", ERROR, "ไม่มีตัวชี้วัดที่ {number} ในแบบเสนอโครงการ (มี {count} ตัวชี้วัด)",
       "there is no indicator {number} in the proposal (it has {count})"),
    _k("R003", ERROR, "ไม่พบโครงการรหัส '{value}'{suggestion_th}", "no proposal with ID '{value}'{suggestion_en}"),
    _k("R004", ERROR, "ผู้เข้าประชุม '{value}' ไม่อยู่ในรายชื่อกรรมการ{suggestion_th}",
       "attendee '{value}' is not on the roster{suggestion_en}"),
    _k("R005", ERROR, "การประชุมนี้ไม่ครบองค์ประชุม (มา {present} คน ต้องมีอย่างน้อย {needed} จาก {total} คน) จึง{decision_th}ไม่ได้",
       "this meeting has no quorum ({present} present, {needed} of {total} needed), so it cannot {decision_en}"),
    _k("R006", ERROR, "อนุมัติ {amount} บาท มากกว่าที่ขอ {requested} บาท",
       "approved {amount} baht is more than the {requested} baht requested"),
    _k("R007", WARNING, "มีรายงานแต่ยังไม่มีบันทึกการอนุมัติโครงการ", "a report exists but no approval is on record",
       "เพิ่มมติอนุมัติในไฟล์การประชุม หากอนุมัติก่อนใช้ระบบนี้ก็ละได้",
       "record the approval in a meeting file; ignore if it predates this repository"),
    _k("R008", ERROR, "รายงานปิดโครงการ (final) ต้องมีฉบับเดียวและเป็นฉบับสุดท้าย",
       "there can be one final report only, and it must be the last"),
    _k("R009", ERROR, "มีแต่คณะยุทธศาสตร์ชุดใหญ่ (large) ที่{decision_th}ได้",
       "only the large committee can {decision_en}"),
    _k("R010", WARNING, "แบบเสนอโครงการถูกแก้ไขหลังอนุมัติเมื่อ {date} (ครั้งที่ {meeting})",
       "the proposal was edited after its approval on {date} (meeting {meeting})",
       "เสนอที่ประชุมชุดใหญ่พิจารณาใหม่ (ระเบียบวาระครั้งหน้าจะมีโครงการนี้ให้เอง) "
       "หากแก้เพียงคำผิดที่ไม่เปลี่ยนสาระ ให้บันทึกรหัสตรวจสอบฉบับที่อนุมัติใหม่ที่ได้จาก khrongkan fingerprint",
       "take it back to the large committee (the next agenda lists it); if only a typo was fixed, "
       "record the new fingerprint given by khrongkan fingerprint"),
    _k("R011", ERROR, "ผู้เข้าประชุม '{value}' ซ้ำ", "attendee '{value}' is listed twice"),
    _k("R012", ERROR, "โครงการ '{value}' มีมติในการประชุมนี้มากกว่าหนึ่งครั้ง", "proposal '{value}' has more than one decision in this meeting"),
    _k("R013", WARNING, "มีมติเรื่องโครงการที่ยังไม่ได้ยื่นเสนอ (ไม่มี submitted)", "a decision on a proposal that was never submitted"),
    _k("R015", ERROR, "ยังตัดสินไม่ได้ว่าการประชุมนี้ครบองค์ประชุมหรือไม่ จนกว่าจะแก้ committee.yaml ให้อ่านได้ จึงยัง{decision_th}ไม่ได้",
       "the quorum cannot be judged until committee.yaml is fixed, so this meeting cannot {decision_en} yet",
       "แก้รายชื่อกรรมการใน committee.yaml ตามที่ khrongkan check แจ้ง", "fix the roster in committee.yaml as khrongkan check says"),
    _k("R014", ERROR, "ไม่มีงวดที่ {number} ในแบบเสนอโครงการ (มี {count} งวด)",
       "there is no installment {number} in the proposal (it has {count})"),
    # --- agreements and money paid (agreement.yaml) ----------------------------------------
    _k("M010", ERROR, "ข้อตกลงรับทุน {amount} บาท มากกว่างบที่อนุมัติ {approved} บาท",
       "the agreement's {amount} baht is more than the {approved} baht approved"),
    _k("M011", ERROR, "งวดเงินในข้อตกลงรวมกันได้ {total} บาท ไม่เท่ากับวงเงินข้อตกลง {amount} บาท",
       "the agreement's installments add up to {total} baht, not its amount {amount} baht"),
    _k("M012", ERROR, "รับเงินงวดที่ {number} แต่ข้อตกลงไม่มีงวดที่ {number} ที่จ่ายแล้ว (มีวันที่ paid)",
       "money received as installment {number}, but the agreement has no paid installment {number}",
       "ใส่วันที่จ่ายเงิน (paid) ของงวดนั้นใน agreement.yaml หรือแก้เลขงวดในรายงาน",
       "record the installment's paid date in agreement.yaml, or fix the installment number in the report"),
    _k("M013", ERROR, "รับเงินงวดที่ {number} จำนวน {amount} บาท ไม่ตรงกับงวดที่ {number} ในข้อตกลง {expected} บาท",
       "installment {number} received as {amount} baht, but the agreement pays {expected} baht"),
    _k("M014", WARNING, "รับเงินจากข้อตกลงรวม {received} บาท เกินวงเงินข้อตกลง {amount} บาท",
       "money received under the agreement, {received} baht, exceeds the agreement's {amount} baht"),
    _k("M015", WARNING, "มีข้อตกลงรับทุนแต่ยังไม่มีบันทึกการอนุมัติโครงการ", "an agreement exists but no approval is on record",
       "เพิ่มมติอนุมัติในไฟล์การประชุม หากอนุมัติก่อนใช้ระบบนี้ก็ละได้",
       "record the approval in a meeting file; ignore if it predates this repository"),
    _k("M016", ERROR, "เลขงวดในข้อตกลงต้องเรียง 1, 2, 3, ... (ได้งวดที่ {number} ในลำดับที่ {expected})",
       "agreement installments must be numbered 1, 2, 3, ... (found {number} in position {expected})"),
    # --- follow-up visits (visit-<N>.yaml) ---------------------------------------------------
    _k("V001", ERROR, "ผู้ลงพื้นที่ '{value}' ไม่อยู่ในรายชื่อกรรมการ{suggestion_th}",
       "visitor '{value}' is not on the roster{suggestion_en}",
       "ใช้รหัสกรรมการจาก committee.yaml เช่น m01", "use a member id from committee.yaml, such as m01"),
    _k("V002", ERROR, "ไม่มีวัตถุประสงค์ข้อที่ {number} ในแบบเสนอโครงการ (มี {count} ข้อ)",
       "there is no objective {number} in the proposal (it has {count})"),
    _k("V003", ERROR, "ข้อค้นพบหนึ่งข้ออ้างถึงได้อย่างเดียว: objective, indicator หรือ activity (พบ {keys})",
       "a finding refers to one thing only: objective, indicator or activity (found {keys})",
       "แยกเป็นข้อค้นพบหลายข้อ", "split it into several findings"),
    _k("V004", ERROR, "วันลงพื้นที่ {date} อยู่ก่อนเริ่มโครงการ ({start})",
       "the visit on {date} is before the project starts ({start})"),
    _k("V005", ERROR, "นัดลงพื้นที่ครั้งต่อไป ({next_visit}) ต้องอยู่หลังวันลงพื้นที่ครั้งนี้ ({date})",
       "the next visit ({next_visit}) must come after this visit ({date})"),
    _k("V006", ERROR, "ผู้ลงพื้นที่ '{value}' ซ้ำ", "visitor '{value}' is listed twice"),
    # --- paths and folders --------------------------------------------------------------
    _k("P001", ERROR, "ไม่พบไฟล์รูป '{value}'", "photo file '{value}' does not exist"),
    _k("P002", ERROR, "'{value}' ไม่ใช่ไฟล์รูปภาพที่เปิดได้ ({detail})", "'{value}' is not a readable image ({detail})",
       "ใช้ไฟล์ .jpg หรือ .png", "use a .jpg or .png file"),
    _k("P003", ERROR, "ไฟล์ '{value}' อยู่นอกโฟลเดอร์โครงการ", "file '{value}' points outside the project folder",
       "เก็บรูปไว้ในโฟลเดอร์ files/ ของโครงการ แล้วอ้างเป็น files/ชื่อรูป.jpg",
       "keep photos in the project's files/ folder and refer to files/name.jpg"),
    _k("P004", ERROR, "ชื่อโฟลเดอร์ '{value}' ไม่ตรงรูปแบบรหัสโครงการ <ปีงบ>-<เลข 3 หลัก>[-ชื่อภาษาอังกฤษตัวเล็ก]",
       "folder name '{value}' is not a project ID <FY>-<NNN>[-slug]", "เช่น 2570-001 หรือ 2570-004-lamae-housing",
       "for example 2570-001 or 2570-004-lamae-housing"),
    _k("P005", ERROR, "รหัสโครงการ '{value}' ขึ้นต้นด้วยปี {id_fy} แต่อยู่ในโฟลเดอร์ปีงบ {folder_fy}",
       "project ID '{value}' starts with {id_fy} but sits in the fiscal-year folder {folder_fy}"),
    _k("P006", ERROR, "รหัสโครงการ {number} ซ้ำกับ {other}", "project number {number} is also used by {other}"),
    _k("P007", ERROR, "ชื่อไฟล์ '{value}' ไม่ถูกต้อง ({expected})", "file name '{value}' is not valid ({expected})"),
    _k("P008", ERROR, "ไม่พบ proposal.yaml ในโฟลเดอร์โครงการ", "the project folder has no proposal.yaml"),
    _k("P009", ERROR, "รูป '{value}' ใหญ่เกินไป ({size} พิกเซล)", "image '{value}' is too large ({size} pixels)",
       "ย่อรูปให้ไม่เกิน 40 ล้านพิกเซล เช่น 4000 x 3000", "resize it to 40 megapixels at most, e.g. 4000 x 3000"),
    _k("P010", ERROR, "ไม่พบไฟล์หรือโฟลเดอร์ '{value}'", "no such file or folder '{value}'"),
    _k("P011", ERROR, "ชื่อโฟลเดอร์ปีงบประมาณ '{value}' ต้องเป็นปี พ.ศ. 4 หลัก", "fiscal-year folder '{value}' must be a 4-digit BE year"),
    _k("P012", ERROR, "'{value}' เป็นลิงก์ (symbolic link) ซึ่งระบบไม่ติดตาม", "'{value}' is a symbolic link, which is not followed",
       "วางไฟล์หรือโฟลเดอร์จริงไว้แทนลิงก์", "put the real file or folder there instead of a link"),
    # --- plans (plans/<FY>-<FY>/province.yaml and tambon/<district>/<subdistrict>.yaml) -------
    _k("L001", ERROR, "ชื่อโฟลเดอร์แผน '{value}' ต้องเป็น <ปีงบแรก>-<ปีงบสุดท้าย>",
       "plan folder '{value}' must be named <first FY>-<last FY>",
       "เช่น plans/2570-2572 (ปี พ.ศ. 4 หลัก ปีแรกไม่เกินปีสุดท้าย)",
       "for example plans/2570-2572 (4-digit BE years, the first not after the last)"),
    _k("L002", ERROR, "ระยะเวลาแผน ({start} ถึง {end}) ไม่ครอบคลุมปีงบประมาณ {first}-{last} ตามชื่อโฟลเดอร์ ({fy_start} ถึง {fy_end})",
       "the plan period ({start} to {end}) does not cover fiscal years {first}-{last} of its folder ({fy_start} to {fy_end})",
       "แก้ period ให้ครอบคลุมทุกปีงบประมาณ หรือเปลี่ยนชื่อโฟลเดอร์", "fix period, or rename the folder"),
    _k("L003", ERROR, "ปีงบประมาณของแผน {folder} ทับซ้อนกับแผน {other} (ปี {years})",
       "the fiscal years of plan {folder} overlap plan {other} ({years})",
       "แต่ละปีงบประมาณมีแผนยุทธศาสตร์ได้แผนเดียว", "each fiscal year has one strategic plan"),
    _k("L004", ERROR, "รหัสยุทธศาสตร์ '{value}' ซ้ำ (ใช้แล้วที่บรรทัด {first_line})",
       "strategy id '{value}' is used twice (first on line {first_line})"),
    _k("L005", ERROR, "ไม่พบยุทธศาสตร์รหัส '{value}' ในแผน {plan}{suggestion_th}",
       "no strategy '{value}' in plan {plan}{suggestion_en}",
       "ใช้รหัสยุทธศาสตร์ (id) จาก {plan_file}", "use a strategy id from {plan_file}"),
    _k("L006", ERROR, "แผนตำบล{subdistrict} อำเภอ{district} ต้องอยู่ที่ {expected}",
       "the plan of {subdistrict}, {district} must be at {expected}",
       "ย้ายไฟล์ หรือแก้ district/subdistrict ให้ตรงกับโฟลเดอร์และชื่อไฟล์",
       "move the file, or fix district/subdistrict to match its folder and name"),
    _k("L007", ERROR, "ไม่พบไฟล์การประชุม '{value}' ที่อ้างใน approved_at",
       "approved_at names no meeting file '{value}'", "เช่น meetings/2570/01.yaml", "for example meetings/2570/01.yaml"),
    _k("L008", WARNING, "โครงการที่ยื่นเสนอแล้วไม่ได้ระบุยุทธศาสตร์ของแผน {plan} ที่โครงการสนอง (plan:)",
       "a submitted proposal names no strategy of plan {plan} that it serves (plan:)",
       "เพิ่ม plan: [รหัสยุทธศาสตร์] เช่น plan: [{example}]", "add plan: [strategy ids], e.g. plan: [{example}]"),
    _k("L009", ERROR, "ไม่มีแผนยุทธศาสตร์ที่ครอบคลุมปีงบประมาณ {fy} จึงอ้างยุทธศาสตร์ '{value}' ไม่ได้",
       "no strategic plan covers fiscal year {fy}, so strategy '{value}' cannot be found",
       "เพิ่มแผนใน plans/<ปีงบ>-<ปีงบ>/province.yaml หรือลบ plan:", "add plans/<FY>-<FY>/province.yaml, or remove plan:"),
    _k("L010", ERROR, "โฟลเดอร์แผน {value} ไม่มี province.yaml", "plan folder {value} has no province.yaml",
       "แผนตำบลต้องอยู่ใต้แผนยุทธศาสตร์จังหวัด", "tambon plans sit under a provincial plan"),
    _k("P013", ERROR, "'{value}' ไม่ใช่ไฟล์ที่อ่านได้ แต่เป็น{what_th}", "'{value}' is not a regular file but {what_en}",
       "วางไฟล์ YAML ธรรมดาไว้แทน หรือลบหรือเปลี่ยนชื่อสิ่งนั้น", "put a plain YAML file there, or remove or rename it"),
    # --- templates ----------------------------------------------------------------------
    _k("T001", ERROR, "แม่แบบ {template} มีแท็กผิดรูปแบบ: {detail}", "template {template} has a broken tag: {detail}"),
    _k("T002", ERROR, "แม่แบบ {template} ใช้ตัวแปร '{value}' ซึ่งไม่มีในเอกสารชนิดนี้{suggestion_th}",
       "template {template} uses '{value}', which this document kind does not have{suggestion_en}"),
    _k("T003", ERROR, "ไม่พบแม่แบบ {template}", "template {template} is missing"),
    _k("T004", WARNING, "{template} ของคลังโครงการไม่มี {value} ซึ่งแม่แบบมาตรฐานของ khrongkan {version} ใช้",
       "the repository's own {template} lacks {value}, which the default of khrongkan {version} uses",
       "ส่งออกแม่แบบมาตรฐานมาเทียบ: khrongkan template export {name} --to โฟลเดอร์อื่น แล้วเพิ่มส่วนที่ขาด "
       "หรือลบไฟล์ของคลังโครงการเพื่อใช้แม่แบบมาตรฐาน",
       "export the default to compare (khrongkan template export {name} --to another-folder) and add what "
       "is missing, or delete the repository's file to use the default"),
    # --- what free text should not say --------------------------------------------------
    _k("W001", WARNING, "ข้อความใน '{field}' มี{kind_th} ซึ่งเว็บไซต์จะปิดไว้ แต่ยังอยู่ในเอกสาร Word และในไฟล์นี้",
       "'{field}' has {kind_en} in its text: the site hides it, but it stays in the Word documents and this file",
       "ย้ายหมายเลขโทรศัพท์ไปไว้ในช่อง phone: ของผู้รับผิดชอบ หรือลบออก",
       "move a phone number into the structured phone: field of a responsible person, or remove it"),
]}


@dataclass(frozen=True)
class Problem:
    code: str
    file: str  # path relative to the repository root, with forward slashes
    line: int = 0  # 1-based; 0 when the problem concerns the whole file
    column: int = 0
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def kind(self) -> Kind:
        return CATALOGUE[self.code]

    @property
    def severity(self) -> str:
        return self.kind.severity

    @property
    def is_error(self) -> bool:
        # Asked of every problem so far after each proposal (`len(problems.errors)`): one lookup.
        return CATALOGUE[self.code].severity == ERROR

    def message(self, lang: str = "th") -> str:
        kind = self.kind
        template = kind.th if lang == "th" else kind.en
        params = self.params
        if lang != "th":  # `field` is a Thai label, `field_en` its YAML path: each language its own
            params = {**params, **{key[:-3]: value for key, value in params.items() if key.endswith("_en")}}
        text = template.format_map(_Params(params, lang))
        hint = kind.hint_th if lang == "th" else kind.hint_en
        if hint:
            text += (" — " if lang == "th" else " — hint: ") + hint.format_map(_Params(params, lang))
        return text

    def excerpt(self) -> list[str]:
        """The line as written and a caret under the column, for problems that carry the line."""
        from .yaml_errors import excerpt

        source = self.params.get("source_line")
        return excerpt(self.line, source, self.column or 1) if source is not None and self.line else []

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def as_dict(self, lang: str = "th") -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message(lang),
            "message_th": self.message("th"),
            "message_en": self.message("en"),
        }


class _Params(dict):
    """Formatting parameters; a missing one shows as '?' rather than raising, a long one is cut."""

    def __init__(self, params, lang: str = "th"):
        # Our own sentences (a YAML mistake explained) are never cut; values quoted from a file are.
        super().__init__({key: _one_line(value) if key in _OWN_TEXT else _shorten(value, lang)
                          for key, value in params.items()})

    def __missing__(self, key):
        return "?"


MAX_PARAM_CHARS = 120
_OWN_TEXT = {"detail", "where_th", "where_en", "date_hint"}


def _one_line(value):
    return re.sub(r"\s*[\r\n]+\s*", " ", value) if isinstance(value, str) else value


def _shorten(value, lang: str = "th"):
    """A value quoted in a message (a 1 MB string, a multi-line block) is cut to one screen line."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"\s*[\r\n]+\s*", " ", value)  # `path:line:col: CODE message` stays one line
    if len(value) > MAX_PARAM_CHARS:
        return value[:MAX_PARAM_CHARS - 20] + f"… ({len(value):,} {'ตัวอักษร' if lang == 'th' else 'characters'})"
    return value


def suggestion(value, choices, lang_pairs=True) -> dict:
    """A "did you mean" fragment for both languages, or empty fragments."""
    from difflib import get_close_matches

    matches = get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.5)
    if not matches:
        return {"suggestion_th": "", "suggestion_en": ""}
    return {
        "suggestion_th": f" — หมายถึง '{matches[0]}' หรือไม่?",
        "suggestion_en": f" — did you mean '{matches[0]}'?",
        "suggested": matches[0],
    }


def sort_key(problem: Problem):
    return (problem.file, problem.line, problem.column, problem.code)


class ProblemList(list):
    """Problems in the order they are reported: by file, then line."""

    def add(self, code: str, file: str | Path, line: int = 0, column: int = 0, **params) -> Problem:
        if code not in CATALOGUE:  # a programming error, caught by tests
            raise KeyError(code)
        problem = Problem(code, str(file).replace("\\", "/"), line, column, params)
        self.append(problem)
        return problem

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def sorted(self) -> list[Problem]:
        unique = {(p.code, p.file, p.line, p.column, tuple(sorted(map(str, p.params.items())))): p for p in self}
        return sorted(unique.values(), key=sort_key)
