"""Documents: Word files in the institute's Thai formats, rendered from templates/*.docx.

One adapter around docxtpl (`render_docx`: autoescape on, undefined variables are errors,
XML-illegal characters stripped, atomic write, the same bytes for the same input) and one
context builder per document kind (`proposal_context`, `report_context`). Context builders do
all formatting through generator.thai (Buddhist-Era dates, money, baht in words, Thai digits);
templates only place values. `DOCUMENT_KINDS` lists every kind with its template and a sample
context, which the template check (generator.templates_check) uses.

`render_all` renders every proposal and report whose files passed validation, skips those whose
inputs have not changed since the last run, and optionally converts them to PDF with LibreOffice
(`convert_to_pdf`: two headless soffice processes, each with its own profile).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Callable

from . import __version__
from . import model, thai
from .errors import KhrongkanError, UsageError
from .files import clean_stale_temporaries, write_atomic, write_if_changed
from .photos import document_photo
from .vocabulary import ACTIVITY_STATUS_TH as STATUS_TH
from .vocabulary import CONTRIBUTION_KIND_TH as CONTRIBUTION_TH
from .vocabulary import PROJECT_KIND_TH as KIND_TH

# Bump when the context builders change what they produce, so outputs are rendered again.
GENERATOR_VERSION = f"{__version__}+documents.1"

MANIFEST = ".khrongkan-render.json"
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)  # docProps dates: stable bytes
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")

# Photos are scaled to fit this box inside the 16 cm text width.
PHOTO_MAX_WIDTH_MM = 150
PHOTO_MAX_HEIGHT_MM = 100
PHOTO_MAX_PIXELS = 1600  # larger photos are scaled down (and turned upright) before embedding

# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --- the docxtpl adapter -------------------------------------------------------------------------

@dataclass(frozen=True)
class Image:
    """A picture for a template: the file's bytes and its size on the page (millimetres).

    `fit` reads only the picture's header; turning it upright and scaling it down (`data`) waits
    until a document is rendered, so an unchanged report does not re-encode its photos on every run.
    """

    source: bytes = field(repr=False)
    width_mm: float
    height_mm: float
    reencode: bool = False  # on its side by EXIF (Word ignores the tag) or larger than PHOTO_MAX_PIXELS

    @classmethod
    def fit(cls, data: bytes, max_width_mm: float = PHOTO_MAX_WIDTH_MM,
            max_height_mm: float = PHOTO_MAX_HEIGHT_MM) -> "Image":
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            orientation = picture.getexif().get(0x0112, 1)
        if orientation in (5, 6, 7, 8):  # quarter turns: shown with width and height exchanged
            width, height = height, width
        reencode = orientation not in (1, None) or max(width, height) > PHOTO_MAX_PIXELS
        scale = min(max_width_mm / width, max_height_mm / height)
        return cls(data, round(width * scale, 1), round(height * scale, 1), reencode)

    @property
    def data(self) -> bytes:
        """The bytes to embed: the file as it is, or an upright JPEG at most PHOTO_MAX_PIXELS wide."""
        if not self.reencode:
            return self.source
        from PIL import Image as PILImage
        from PIL import ImageOps

        with PILImage.open(io.BytesIO(self.source)) as picture:
            upright = ImageOps.exif_transpose(picture).convert("RGB")
        upright.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
        buffer = io.BytesIO()
        upright.save(buffer, format="JPEG", quality=85)
        return buffer.getvalue()

    def digest(self) -> str:
        """Of the source file: what the embedded bytes are made from, known without making them."""
        return hashlib.sha256(self.source).hexdigest()


def clean_text(text: str) -> str:
    """Remove characters that would make the DOCX's XML invalid."""
    return _XML_ILLEGAL.sub("", text)


def _prepare(value, template):
    """Clean every string of the context; turn Image values into docxtpl inline images."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: _prepare(item, template) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_prepare(item, template) for item in value]
    if isinstance(value, Image):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(template, io.BytesIO(value.data), width=Mm(value.width_mm), height=Mm(value.height_mm))
    return value


def jinja_environment():
    import jinja2

    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def normalize_package(data: bytes) -> bytes:
    """The same Office package (DOCX, XLSX) with fixed zip timestamps and attributes and fixed
    creation dates in docProps/core.xml, so equal content gives equal bytes on every system."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0  # the default differs between Windows and other systems
            target.writestr(entry, content)
    return out.getvalue()


def apply_font(document, font: str) -> None:
    """Use `font` (khrongkan.yaml `font`) in every style, for Thai (w:cs) as well as Latin text."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)


# Headings whose numbers are template text ("1. ชื่อโครงการ", "วาระที่ 4"); project IDs keep their digits.
_NUMBERED_STYLES = ("Heading 1", "Heading 2", "Sheet Title", "Sheet Heading")
_PROJECT_ID = re.compile(r"\d{4}-\d{3}(?:-[a-z0-9-]+)?")


def thai_digits_in_headings(document) -> None:
    """With `thai_digits: true`, the numbers a template writes into its headings become Thai digits
    too, like every value from the data (page numbers cannot: see README)."""
    for paragraph in document.paragraphs:
        if paragraph.style is None or paragraph.style.name not in _NUMBERED_STYLES:
            continue
        for run in paragraph.runs:
            text = run.text
            if any(c.isdigit() for c in text):
                ids = list(_PROJECT_ID.finditer(text))
                pieces, start = [], 0
                for match in ids:
                    pieces += [thai.thai_digits(text[start:match.start()]), match.group()]
                    start = match.end()
                pieces.append(thai.thai_digits(text[start:]))
                run.text = "".join(pieces)


def render_to_bytes(template: Path, context: dict, font: str | None = None) -> bytes:
    """Render a template with a context; raises jinja2 errors for broken templates."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(_prepare(context, document), jinja_environment(), autoescape=True)
    if font:
        apply_font(document.docx, font)
    from .fonts import FAMILY, describe_in_font_table

    describe_in_font_table(document.docx, font or FAMILY)
    if context.get("thai_digits"):
        thai_digits_in_headings(document.docx)
    properties = document.docx.core_properties
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    # Which khrongkan made it: Word shows "Last Modified By"; cp:version is for programs.
    properties.last_modified_by = f"khrongkan {__version__}"
    properties.version = __version__
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue())


def render_docx(template: Path, context: dict, out: Path, font: str | None = None) -> None:
    """Render `template` with `context` into `out` (written atomically, deterministic bytes; an
    unchanged document is not rewritten).

    `font`, when given, replaces the template's font in every style (the repository's setting).
    """
    import jinja2
    from docx.opc.exceptions import PackageNotFoundError

    template = Path(template)
    if not template.is_file():
        raise KhrongkanError(f"ไม่พบแม่แบบ {template}", f"template {template} is missing")
    try:
        data = render_to_bytes(template, context, font)
    except jinja2.TemplateSyntaxError as exc:
        raise KhrongkanError(f"แม่แบบ {template.name} มีแท็กผิดรูปแบบ: {exc.message} (ตรวจด้วย khrongkan check)",
                             f"template {template.name} has a broken tag: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise KhrongkanError(f"แม่แบบ {template.name} ใช้ตัวแปรที่ไม่มี: {exc.message} (ตรวจด้วย khrongkan check)",
                             f"template {template.name} uses an unknown variable: {exc.message}") from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as exc:
        raise KhrongkanError(f"เปิดแม่แบบ {template.name} ไม่ได้ (ไม่ใช่ไฟล์ Word .docx): {exc}",
                             f"cannot open template {template.name} (not a .docx file): {exc}") from None
    write_if_changed(Path(out), data)  # an unchanged document keeps its time stamp


def template_path(root: Path, name: str) -> Path:
    """The Word template `name`: the repository's templates/<name>, else the package's default."""
    from . import resources

    return resources.path(root, f"{resources.WORD_TEMPLATES}/{name}")


# --- formatting ---------------------------------------------------------------------------------

REPORT_TITLE_TH = {"progress": "รายงานความก้าวหน้าโครงการและรายงานการเงิน",
                   "final": "รายงานปิดโครงการและรายงานการเงิน"}
DASH = "-"


class Formatter:
    """Every value a document shows goes through here: one place for digits and number styles."""

    def __init__(self, thai_digits: bool = False):
        self.digits = thai_digits

    def text(self, value) -> str:
        text = "" if value is None else str(value).strip()
        return thai.thai_digits(text) if self.digits else text

    def money(self, amount) -> str:
        return thai.format_money(amount, decimals=True, digits=self.digits)

    def words(self, amount) -> str:
        return thai.baht_words(amount)

    def number(self, value) -> str:
        return DASH if value is None else thai.format_number(value, digits=self.digits)

    def percent(self, value) -> str:
        return DASH if value is None else thai.format_percent(value, digits=self.digits)

    def date(self, value: date | None) -> str:
        return thai.format_date(value, digits=self.digits) if value else DASH

    def period(self, start: date | None, end: date | None) -> str:
        return thai.format_date_range(start, end, digits=self.digits)

    def short_period(self, start, end) -> str:
        """"10-11 มี.ค. 70", "1 เม.ย. - 30 มิ.ย. 70", "20 ธ.ค. 69 - 5 ก.ย. 70": one line in a narrow table cell,
        where a full month name would be broken in the middle."""
        def short(d, year=True):
            text = f"{d.day} {thai.MONTHS_SHORT[d.month - 1]}"
            return f"{text} {thai.be_year(d) % 100:02d}" if year else text

        if start == end:
            text = short(start)
        elif (start.year, start.month) == (end.year, end.month):
            text = f"{start.day}-{short(end)}"
        else:
            text = f"{short(start, start.year != end.year)} - {short(end)}"
        return thai.thai_digits(text) if self.digits else text

    def items(self, texts: list[str]) -> list[dict]:
        return [{"no": self.number(n), "text": self.text(t)} for n, t in enumerate(texts, start=1)]


def movement_name(settings: model.Settings) -> str:
    """The committee's name as documents show it (khrongkan.yaml `movement`, or the usual name)."""
    return settings.movement or f"คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัด{settings.province}"


def subdistricts_text(proposal: model.Proposal, f: Formatter) -> str:
    return " ".join(f"ตำบล{f.text(s)}" for s in proposal.subdistricts)


def _common(proposal: model.Proposal, repository: model.Repository, f: Formatter) -> dict:
    settings = repository.settings
    return {
        "thai_digits": f.digits,
        "institute": f.text(settings.institute),
        "movement": f.text(movement_name(settings)),
        "province": f.text(settings.province),
        "project_id": proposal.id,
        "fiscal_year": f.number(proposal.fiscal_year).replace(",", ""),
        "title": f.text(proposal.title),
        "district": f.text(proposal.district),
        "subdistricts": subdistricts_text(proposal, f),
    }


def plan_text(proposal: model.Proposal, repository: model.Repository, f) -> str:
    """The strategies of the provincial plan the project serves: "S1 title; S8 title" (an id the
    plan lacks is shown as written; khrongkan check reports it)."""
    from .plans import plan_for

    plan = plan_for(repository, proposal.fiscal_year)
    parts = []
    for strategy_id in dict.fromkeys(proposal.plan):
        strategy = plan.strategy(strategy_id) if plan else None
        parts.append(f"{strategy_id} {f.text(strategy.title)}" if strategy else strategy_id)
    return "; ".join(parts) or "-"


def proposal_context(proposal: model.Proposal, repository: model.Repository) -> dict:
    """Everything แบบเสนอโครงการ shows, formatted."""
    f = Formatter(repository.settings.thai_digits)
    approved = proposal.approved
    base = approved if approved is not None else proposal.requested
    coordinator = repository.members.get(proposal.coordinator)
    return {
        **_common(proposal, repository, f),
        "kind": KIND_TH.get(proposal.kind, proposal.kind),
        "issue": f.text(proposal.issue),
        "plan": plan_text(proposal, repository, f),
        "organization": {"name": f.text(proposal.organization_name), "address": f.text(proposal.organization_address)},
        "area_detail": f.text(proposal.area_detail),
        "period": f.period(proposal.start, proposal.end),
        "submitted": f.date(proposal.submitted) if proposal.submitted else "ยังไม่ได้ยื่นเสนอ (ฉบับร่าง)",
        "rationale": [f.text(p) for p in proposal.rationale],
        "objectives": f.items(proposal.objectives),
        "targets": [{"no": f.number(n), "description": f.text(t.description), "quantity": f.number(t.quantity),
                     "unit": f.text(t.unit)} for n, t in enumerate(proposal.targets, start=1)],
        "activities": [{
            "no": f.number(a.number), "name": f.text(a.name), "detail": f.text(a.detail),
            "dates": f.period(a.start, a.end), "dates_short": f.short_period(a.start, a.end),
            "place": f.text(a.place) or DASH,
            "participants": f.number(a.participants), "total": f.money(a.total),
            "budget": [{"item": f.text(b.item), "quantity": f.number(b.quantity), "unit": f.text(b.unit),
                        "unit_cost": f.money(b.unit_cost), "times": f.number(b.times), "amount": f.money(b.amount)}
                       for b in a.budget],
        } for a in proposal.activities],
        "requested": f.money(proposal.requested),
        "requested_words": f.words(proposal.requested),
        "contributions": [{"no": f.number(n), "source": f.text(c.source), "kind": CONTRIBUTION_TH.get(c.kind, c.kind),
                           "amount": f.money(c.amount)} for n, c in enumerate(proposal.contributions, start=1)],
        "contributed": f.money(proposal.contributed),
        "project_total": f.money(proposal.requested + proposal.contributed),
        "project_total_words": f.words(proposal.requested + proposal.contributed),
        "installment_base_label": "งบประมาณที่ได้รับอนุมัติ" if approved is not None else "งบประมาณที่ขอรับการสนับสนุน",
        "installment_base": f.money(base),
        "installments": [{"no": f.number(i.number), "percent": f.percent(i.percent), "amount": f.money(i.amount),
                          "condition": f.text(i.condition)} for i in proposal.installments],
        "installments_percent": f.percent(sum((i.percent for i in proposal.installments), Decimal(0))),
        "indicators": [{"no": f.number(i.number), "description": f.text(i.description), "target": f.number(i.target),
                        "unit": f.text(i.unit)} for i in proposal.indicators],
        "expected_results": f.items(proposal.expected_results),
        "responsible": [{"no": f.number(n), "name": f.text(p.name), "position": f.text(p.position),
                         "phone": f.text(p.phone) or DASH} for n, p in enumerate(proposal.responsible, start=1)],
        "coordinator": f.text(coordinator.name if coordinator else proposal.coordinator),
    }


def _activity_rows(proposal: model.Proposal, report: model.Report, f: Formatter) -> list[dict]:
    """One row per planned activity (or per entry this report gives for it), earlier reports filling gaps."""
    earlier = [r for r in proposal.reports if r.number < report.number]
    rows = []
    for activity in proposal.activities:
        entries = [(e, None) for e in report.activities if e.activity == activity.number]
        if not entries:
            for previous in reversed(earlier):
                found = [(e, previous.number) for e in previous.activities if e.activity == activity.number]
                if found:
                    entries = found[-1:]
                    break
        planned = f.number(activity.participants)
        base = {"no": f.number(activity.number), "name": f.text(activity.name),
                "planned": f.period(activity.start, activity.end), "planned_participants": planned}
        if not entries:
            rows.append({**base, "status": "ยังไม่ได้รายงาน", "date": DASH, "participants": DASH, "result": DASH})
            continue
        for entry, from_report in entries:
            result = f.text(entry.result)
            if from_report is not None:
                result = f"(ตามรายงานฉบับที่ {f.number(from_report)}) {result}"
            rows.append({**base, "status": STATUS_TH.get(entry.status, entry.status), "date": f.date(entry.date),
                         "participants": f.number(entry.participants), "result": result})
    return rows


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return part * 100 / whole if whole else None


def report_context(proposal: model.Proposal, report: model.Report, repository: model.Repository) -> dict:
    """Everything รายงานความก้าวหน้า / รายงานปิดโครงการ and its financial report show, formatted."""
    f = Formatter(repository.settings.thai_digits)
    approved = proposal.approved
    budget = approved if approved is not None else proposal.requested
    results = {r.indicator: r for r in report.indicators}
    up_to = [r for r in proposal.reports if r.number <= report.number]
    spending = []
    totals = {"budget": Decimal(0), "spent": Decimal(0), "cumulative": Decimal(0)}
    for activity in proposal.activities:
        spent = report.spent_on(activity.number)
        cumulative = sum((r.spent_on(activity.number) for r in up_to), Decimal(0))
        totals["budget"] += activity.total
        totals["spent"] += spent
        totals["cumulative"] += cumulative
        spending.append({"no": f.number(activity.number), "name": f.text(activity.name), "budget": f.money(activity.total),
                         "spent": f.money(spent), "cumulative": f.money(cumulative),
                         "remaining": f.money(activity.total - cumulative),
                         "percent": f.percent(_ratio(cumulative, activity.total))})
    photos = []
    for n, photo in enumerate(report.photos, start=1):
        path = proposal.folder / photo.file
        if not path.is_file():
            raise KhrongkanError(f"ไม่พบไฟล์รูป {path}", f"photo {path} does not exist")
        photos.append({"no": f.number(n), "caption": f.text(photo.caption),
                       "image": Image.fit(document_photo(path, repository.root))})  # scaled once: generator.photos
    return {
        **_common(proposal, repository, f),
        "report_title": REPORT_TITLE_TH.get(report.kind, REPORT_TITLE_TH["progress"]),
        "kind": report.kind,
        "number": f.number(report.number),
        "period": f.period(report.start, report.end),
        "reported": f.date(report.reported),
        "organization": f.text(proposal.organization_name),
        "project_period": f.period(proposal.start, proposal.end),
        "budget_label": "ได้รับอนุมัติ" if approved is not None else "ที่ขอรับการสนับสนุน",
        "budget": f.money(budget),
        "activities": _activity_rows(proposal, report, f),
        "indicators": [{
            "no": f.number(i.number), "description": f.text(i.description),
            "target": f"{f.number(i.target)} {f.text(i.unit)}",
            "actual": f"{f.number(results[i.number].actual)} {f.text(i.unit)}" if i.number in results else DASH,
            "percent": f.percent(_ratio(results[i.number].actual, i.target)) if i.number in results else DASH,
            "note": f.text(results[i.number].note) if i.number in results else "",
        } for i in proposal.indicators],
        "received": f.money(report.received),
        "spent": f.money(report.spent),
        "balance": f.money(report.balance),
        "cumulative_received": f.money(report.cumulative_received),
        "cumulative_spent": f.money(report.cumulative_spent),
        "cumulative_balance": f.money(report.cumulative_balance),
        "cumulative_balance_words": f.words(report.cumulative_balance),
        "receipts": [{"date": f.date(r.date), "source": f.text(r.source), "amount": f.money(r.amount),
                      "installment": f.number(r.installment)} for r in report.receipts],
        "expenses": [{"date": f.date(e.date), "activity": f.number(e.activity), "item": f.text(e.item),
                      "receipt": e.receipt.strip() or DASH, "amount": f.money(e.amount),
                      "item_with_receipt": f"{f.text(e.item)} ({e.receipt.strip()})" if e.receipt.strip() else f.text(e.item)}
                     for e in report.expenses],
        "spending": spending,
        "spending_total": {"budget": f.money(totals["budget"]), "spent": f.money(totals["spent"]),
                           "cumulative": f.money(totals["cumulative"]),
                           "remaining": f.money(totals["budget"] - totals["cumulative"]),
                           "percent": f.percent(_ratio(totals["cumulative"], totals["budget"]))},
        "problems": f.items(report.problems),
        "lessons": f.items(report.lessons),
        "next_steps": f.items(report.next_steps),
        "photos": photos,
        "reporter": {"name": f.text(report.reporter.name), "position": f.text(report.reporter.position)},
    }


# --- sample contexts for the template check -----------------------------------------------------

def _sample_png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (200, 200, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def sample_repository() -> model.Repository:
    """A minimal model: one proposal with one of everything and one report, no files needed."""
    d = date(2026, 11, 1)
    settings = model.Settings(province="ชุมพร", movement="คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัดชุมพร")
    proposal = model.Proposal(
        id="2570-001", fiscal_year=2570, folder=Path("."), source=None, title="โครงการตัวอย่าง", kind="area",
        issue="สวัสดิการชุมชน", organization_name="กลุ่มตัวอย่าง", organization_address="ที่อยู่", district="สวี",
        subdistricts=["นาโพธิ์"], area_detail="หมู่ที่ 1", start=d, end=d, rationale=["เหตุผล"], objectives=["เพื่อ"],
        targets=[model.Target("คน", Decimal(10), "คน")],
        activities=[model.Activity(1, "ประชุม", d, d, [model.BudgetLine("ค่าอาหาร", Decimal(10), "คน", Decimal(50),
                                                                        Decimal(1), None)], "รายละเอียด", "ศาลา", 10)],
        contributions=[model.Contribution("อบต.", Decimal(100), "cash")],
        installment_terms=[(Decimal(100), "เมื่อลงนาม")], indicators=[model.Indicator(1, "สมาชิก", Decimal(10), "คน")],
        expected_results=["ผล"], responsible=[model.Person("นายหนึ่ง", "ประธาน", "080-000-0000")],
        coordinator="m01", submitted=d)
    report = model.Report(
        proposal_id="2570-001", number=1, source=None, kind="progress", start=d, end=d, reported=d,
        activities=[model.ActivityProgress(1, "done", "ประชุมแล้ว", d, 10)],
        indicators=[model.IndicatorResult(1, Decimal(5), "")],
        receipts=[model.Receipt(d, "สถาบัน", Decimal(500), 1)], expenses=[model.Expense(d, 1, "ค่าอาหาร", Decimal(500), "1")],
        problems=["ปัญหา"], lessons=["บทเรียน"], next_steps=["ต่อไป"], photos=[], reporter=model.Person("นายหนึ่ง", "ประธาน"))
    proposal.reports.append(report)
    return model.Repository(Path("."), settings, None, ["สวัสดิการชุมชน"],
                            {"m01": model.Member("m01", "นายกรรมการ", ["large"])}, {proposal.id: proposal}, [])


def sample_proposal_context() -> dict:
    repository = sample_repository()
    return proposal_context(repository.proposals["2570-001"], repository)


def sample_report_context() -> dict:
    repository = sample_repository()
    proposal = repository.proposals["2570-001"]
    context = report_context(proposal, proposal.reports[0], repository)
    context["photos"] = [{"no": "1", "caption": "ภาพ", "image": Image.fit(_sample_png())}]
    return context


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template file in templates/ and a sample context for the check."""

    template: str
    sample_context: Callable[[], dict]


# Other modules add their kinds here (agenda, minutes, summary).
DOCUMENT_KINDS: dict[str, DocumentKind] = {
    "proposal": DocumentKind("proposal.docx", sample_proposal_context),  # แบบเสนอโครงการ
    "report": DocumentKind("report.docx", sample_report_context),  # รายงานความก้าวหน้า / รายงานปิดโครงการ
}


def _sample_from(module: str, name: str) -> Callable[[], dict]:
    """A sample context defined in another module, imported only when asked for."""
    def build() -> dict:
        import importlib

        return getattr(importlib.import_module(f".{module}", __package__), name)()
    return build


# The committee's documents (generator.committee, generator.summaries).
DOCUMENT_KINDS.update({
    "agenda": DocumentKind("agenda.docx", _sample_from("committee", "sample_agenda_context")),  # ระเบียบวาระการประชุม
    "minutes": DocumentKind("minutes.docx", _sample_from("committee", "sample_minutes_context")),  # บันทึกการประชุม
    "summary": DocumentKind("summary.docx", _sample_from("summaries", "sample_summary_context")),  # สรุปภาพรวมจังหวัด
})
# After approval (generator.visit_document, generator.progress).
DOCUMENT_KINDS.update({
    "visit": DocumentKind("visit.docx", _sample_from("visit_document", "sample_visit_context")),  # บันทึกการติดตามหนุนเสริม
    "progress": DocumentKind("progress.docx", _sample_from("progress", "sample_progress_context")),  # รายงานความก้าวหน้าต่อชุดใหญ่
})

# The provincial plan and its coverage (generator.plan_document).
DOCUMENT_KINDS["plan"] = DocumentKind("plan.docx", _sample_from("plan_document", "sample_plan_context"))  # แผนยุทธศาสตร์จังหวัด


# --- rendering many documents ---------------------------------------------------------------------

@dataclass
class Job:
    template: Path
    context: dict
    out: Path
    font: str = ""

    def key(self, template_digest: str) -> str:
        """What the output depends on: generator version, font, template bytes and the context.

        `template_digest` is the template's own digest, computed once per run, not once per output."""
        digest = hashlib.sha256()
        digest.update(GENERATOR_VERSION.encode("utf-8"))
        digest.update(self.font.encode("utf-8"))
        digest.update(template_digest.encode("ascii"))
        digest.update(json.dumps(self.context, sort_keys=True, ensure_ascii=False, default=_json_default).encode("utf-8"))
        return digest.hexdigest()


def _json_default(value):
    if isinstance(value, Image):
        return {"image": value.digest(), "width": value.width_mm, "height": value.height_mm}
    return str(value)


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class Manifest:
    """Beside the outputs: for each file, the key of the inputs it was made from and its own digest."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self.entries, dict):
                self.entries = {}
        except (OSError, ValueError):
            self.entries = {}

    def is_fresh(self, out: Path, key: str) -> bool:
        entry = self.entries.get(out.name)
        return isinstance(entry, dict) and entry.get("input") == key and entry.get("output") == _file_digest(out)

    def record(self, out: Path, key: str) -> None:
        """Note a finished output; `save` writes the manifest (once per run, not once per output)."""
        self.entries[out.name] = {"input": key, "output": _file_digest(out)}

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, sort_keys=True, indent=1))

    def prune(self, keep: set[str], pdf_dir: Path) -> None:
        """Remove outputs not in `keep`: those of deleted or renamed proposals and reports."""
        gone = [name for name in self.entries if name not in keep]
        for name in gone:
            (self.path.parent / name).unlink(missing_ok=True)
            (pdf_dir / name).with_suffix(".pdf").unlink(missing_ok=True)
            del self.entries[name]
        if gone:
            self.save()


class RenderResult(list):
    """The output paths (DOCX, then PDF) of the proposals rendered, with what happened to each."""

    def __init__(self):
        super().__init__()
        self.written: list[Path] = []  # rendered or converted in this run
        self.unchanged: list[Path] = []  # up to date already
        self.refused: list[str] = []  # IDs not rendered because their files have errors


def select_proposals(repository: model.Repository, ids) -> list[model.Proposal]:
    """The proposals named by full folder name or by the `2570-001` prefix (all when none given)."""
    if not ids:
        return list(repository.proposals.values())
    chosen: list[model.Proposal] = []
    for wanted in ids:
        wanted = wanted.strip().rstrip("/\\").split("/")[-1].split("\\")[-1]
        matches = [p for p in repository.proposals.values()
                   if p.id == wanted or p.id.startswith(wanted + "-") or f"{p.fiscal_year}-{p.number}" == wanted]
        if not matches:
            raise UsageError(f"ไม่พบโครงการรหัส '{wanted}' (ใช้ชื่อโฟลเดอร์ หรือรหัสแบบ 2570-001)",
                             f"no project '{wanted}' (give the folder name or an ID such as 2570-001)")
        chosen += [p for p in matches if p not in chosen]
    return chosen


def _render_job(job: Job) -> Path:
    render_docx(job.template, job.context, job.out, job.font)
    return job.out


def render_all(result, root: Path, out_dir: Path | None = None, ids=None, pdf: bool = False,
               progress: bool = False, jobs: int | None = None) -> RenderResult:
    """Render DOCX (and with `pdf` PDF) for the chosen proposals and their reports.

    `result` is a validate.Result. Proposals whose files have errors are not rendered; their IDs
    are in the returned list's `.refused`. Outputs go to root/build/docx and root/build/pdf, or
    both into `out_dir` when given. Unchanged inputs are not rendered again. `jobs` is the number
    of processes rendering DOCX at once (default: the number of cores, at most 4).
    """
    root = Path(root)
    docx_dir = Path(out_dir) if out_dir else root / "build" / "docx"
    pdf_dir = Path(out_dir) if out_dir else root / "build" / "pdf"
    repository = result.repository
    outcome = RenderResult()
    planned: list[Job] = []
    for proposal in select_proposals(repository, ids):
        if proposal.has_errors:
            outcome.refused.append(proposal.id)
            continue
        font = repository.settings.font
        planned.append(Job(template_path(root, "proposal.docx"), proposal_context(proposal, repository),
                           docx_dir / f"{proposal.id}.docx", font))
        for report in proposal.reports:
            planned.append(Job(template_path(root, "report.docx"), report_context(proposal, report, repository),
                               docx_dir / f"{proposal.id}-report-{report.number}.docx", font))
        planned += _visit_jobs(proposal, repository, root, docx_dir, font)

    docx_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(docx_dir)
    manifest = Manifest(docx_dir)
    if ids is None and out_dir is None:  # a full run into build/ knows every output that should exist
        planned_names = {job.out.name for job in planned}
        manifest.prune({name for name in manifest.entries
                        if name in planned_names or _project_folder_exists(root, name)}, pdf_dir)
    template_digests = {template: _file_digest(template) or "" for template in {job.template for job in planned}}
    keys = {job.out: job.key(template_digests[job.template]) for job in planned}
    todo = [job for job in planned if not manifest.is_fresh(job.out, keys[job.out])]
    stale = {job.out for job in todo}
    outcome.unchanged += [job.out for job in planned if job.out not in stale]
    try:
        for out in _run_jobs(todo, progress, jobs):
            manifest.record(out, keys[out])
            outcome.written.append(out)
    finally:  # outputs finished before a template error stay recorded
        if outcome.written:
            manifest.save()
    order = {job.out: index for index, job in enumerate(planned)}
    outcome.written.sort(key=lambda path: order.get(path, 0))
    docx_paths = [job.out for job in planned]
    outcome += docx_paths
    if pdf and docx_paths:
        outcome += render_pdfs(docx_paths, pdf_dir, outcome, progress)
    return outcome


def _visit_jobs(proposal: model.Proposal, repository: model.Repository, root: Path, docx_dir: Path,
                font: str) -> list[Job]:
    """One visit record (แบบบันทึกการติดตามหนุนเสริมโครงการ) per visit-<N>.yaml: <ID>-visit-<N>.docx."""
    from .visit_document import visit_context

    return [Job(template_path(root, "visit.docx"), visit_context(proposal, visit, repository),
                docx_dir / f"{proposal.id}-visit-{visit.number}.docx", font) for visit in proposal.visits]


def _project_folder_exists(root: Path, output_name: str) -> bool:
    """Whether the project an output belongs to is still there (perhaps with errors being fixed)."""
    project_id = output_name.split("-report-")[0].split("-visit-")[0].removesuffix(".docx")
    return (root / "proposals" / project_id[:4] / project_id).is_dir()


def _run_jobs(jobs: list[Job], progress: bool, workers: int | None = None):
    """Render jobs and yield each finished output, with a progress bar when asked for."""
    import contextlib

    import click

    bar = click.progressbar(length=len(jobs), label="กำลังสร้างเอกสาร Word", file=sys.stderr) \
        if progress and len(jobs) > 1 else contextlib.nullcontext()
    with bar as shown:
        for out in _completed(jobs, workers):
            yield out
            if shown is not None:
                shown.update(1)


def _warm_up() -> None:
    import docxtpl  # noqa: F401  (python-docx, lxml and Jinja come with it)


def _completed(jobs: list[Job], workers: int | None):
    """In a process pool when there are several jobs and cores; a template error is raised once
    the other documents are done."""
    workers = min(workers or os.cpu_count() or 1, 4, len(jobs))
    if workers <= 1 or len(jobs) <= 2:
        for job in jobs:
            yield _render_job(job)
        return
    _warm_up()  # forked workers inherit the loaded libraries
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
        futures = [pool.submit(_render_job, job) for job in jobs]
        error = None
        for future in as_completed(futures):
            try:
                out = future.result()
            except KhrongkanError as exc:
                error = error or exc
                continue
            yield out
        if error is not None:
            raise error


def render_pdfs(docx_paths: list[Path], pdf_dir: Path, outcome: RenderResult, progress: bool = False) -> list[Path]:
    """PDFs of `docx_paths` in `pdf_dir`, converting only those whose DOCX changed since their PDF was made."""
    pdf_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(pdf_dir)
    for leftover in pdf_dir.glob(".convert-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    manifest = Manifest(pdf_dir)
    targets = {path: pdf_dir / f"{path.stem}.pdf" for path in docx_paths}
    keys = {path: _file_digest(path) or "" for path in docx_paths}
    todo = [path for path in docx_paths if not manifest.is_fresh(targets[path], keys[path])]
    if progress and todo:
        import click

        click.echo(f"กำลังแปลงเป็น PDF ด้วย LibreOffice {len(todo)} ไฟล์ (converting {len(todo)} file(s) to PDF)...",
                   err=True)
    for source, pdf in zip(todo, convert_to_pdf(todo, pdf_dir) if todo else []):
        manifest.record(pdf, keys[source])
        outcome.written.append(pdf)
    if todo:
        manifest.save()
    outcome.unchanged += [targets[path] for path in docx_paths if path not in todo]
    return [targets[path] for path in docx_paths]


# --- PDF through LibreOffice ------------------------------------------------------------------------

def find_soffice() -> Path:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = []
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        base = os.environ.get(variable)
        if base:
            candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise KhrongkanError(
        "ไม่พบโปรแกรม LibreOffice ซึ่งใช้แปลงเอกสารเป็น PDF — ติดตั้งจาก https://th.libreoffice.org/ "
        "(Windows/macOS) หรือสั่ง sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg (Debian/Ubuntu) "
        "แล้วลองใหม่ หรือสั่ง khrongkan render โดยไม่ใส่ --pdf เพื่อสร้างเฉพาะไฟล์ Word",
        "LibreOffice (soffice) was not found; it converts documents to PDF. Install it from "
        "https://www.libreoffice.org/ or with apt-get install libreoffice-writer-nogui, or render without --pdf")


def convert_to_pdf(docx_paths, out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF in `out_dir` with two headless LibreOffice processes at once.

    Each process has its own profile (-env:UserInstallation), converts its half of the files in
    one call into a temporary folder, and the PDFs are then moved into place; a failure leaves
    no partial PDF behind. Files a crashed process did not convert are tried once more.
    """
    paths = [Path(p).resolve() for p in docx_paths]
    if not paths:
        return []
    soffice = find_soffice()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".convert-", dir=out_dir))
    try:
        written: dict[Path, Path] = {}
        messages: list[str] = []
        missing = paths
        for attempt in range(2):
            groups = [group for group in (missing[0::2], missing[1::2]) if group] if attempt == 0 else [missing]
            produced, errors = _soffice_batch(soffice, groups, work / f"attempt-{attempt}")
            messages += errors
            for source, pdf in produced.items():
                destination = out_dir / pdf.name
                os.replace(pdf, destination)
                written[source] = destination
            missing = [path for path in missing if path not in written]
            if not missing:
                break
        if missing:
            names = ", ".join(path.name for path in missing)
            detail = "; ".join(messages)
            raise KhrongkanError(f"LibreOffice แปลงเป็น PDF ไม่สำเร็จ: {names} {detail}".strip(),
                                 f"LibreOffice could not convert to PDF: {names}")
        return [written[path] for path in paths]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _soffice_batch(soffice: Path, groups: list[list[Path]], work: Path) -> tuple[dict[Path, Path], list[str]]:
    """Run one soffice per group at the same time; return the PDFs made (by source) and errors."""
    processes = []
    for index, group in enumerate(groups):
        profile = work / f"profile-{index}"
        target = work / f"pdf-{index}"
        target.mkdir(parents=True)
        command = [str(soffice), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(target), *(str(p) for p in group)]
        processes.append((subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE), group, target))
    produced: dict[Path, Path] = {}
    errors: list[str] = []
    for process, group, target in processes:
        try:
            _out, err = process.communicate(timeout=180 + 30 * len(group))
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
            errors.append("หมดเวลา (timeout)")
        if process.returncode:
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            errors.append(" ".join(lines[:2]) or f"exit {process.returncode}")
        for path in group:
            pdf = target / f"{path.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0:
                produced[path] = pdf
    return produced, errors
