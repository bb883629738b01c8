"""Summaries: the provincial roll-up for reporting to the institute, as data, CSV and XLSX.

`rollup(repository, fy)` turns the model into rows: one per project, one per district, one per
issue, and a total. Every group row is the sum of the project rows it holds, and every project
belongs to exactly one district and one issue, so the per-district rows, the per-issue rows and
the per-project rows add up to the same total to the satang. Decimal arithmetic only; nothing
is rounded before it is summed.

Indicator achievement: for each indicator with a reported value, the percent of its target
reached, capped at 100 (one indicator far beyond its target must not hide another far behind);
a group's achievement is the average over all its reported indicators (pooled, not an average
of averages), kept as the exact sum and count so that it reconciles too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .committee import CommitteeFormatter
from .documents.engine import normalize_package
from .documents.formatter import movement_name
from .model import DRAFT, Proposal, Repository
from .money import agreed, paid
from .vocabulary import FIGURE_TH
from .vocabulary import PROPOSAL_STATUS_TH as STATUS_TH

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")



@dataclass
class Figures:
    """The money and counts of a set of projects; `+` adds two sets."""

    projects: int = 0
    approved_projects: int = 0
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    received: Decimal = ZERO
    spent: Decimal = ZERO
    indicator_percent_sum: Decimal = ZERO  # sum over reported indicators of percent reached (capped)
    indicators_reported: int = 0
    agreed: Decimal = ZERO  # the agreements' amounts (generator.money)
    paid: Decimal = ZERO  # installments the institute has paid

    @property
    def balance(self) -> Decimal:
        return self.received - self.spent

    @property
    def achievement(self) -> Decimal | None:
        """Average percent of target reached over the reported indicators, or None without any."""
        if not self.indicators_reported:
            return None
        return self.indicator_percent_sum / self.indicators_reported

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass
class ProjectRow:
    id: str
    title: str
    district: str
    issue: str
    organization: str
    status: str
    has_errors: bool
    figures: Figures


@dataclass
class GroupRow:
    name: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class Rollup:
    fiscal_year: int | None
    province: str
    projects: list[ProjectRow]
    by_district: list[GroupRow]
    by_issue: list[GroupRow]
    total: Figures
    drafts: int  # drafts are not reported (they were never submitted)


def indicator_percents(proposal: Proposal) -> list[Decimal]:
    """Percent of target reached for each indicator with a reported value (capped at 100)."""
    percents = []
    for indicator in proposal.indicators:
        actual = proposal.indicator_actual(indicator.number)
        if actual is None or indicator.target <= 0:
            continue
        percents.append(min(actual / indicator.target * HUNDRED, HUNDRED))
    return percents


def project_figures(proposal: Proposal) -> Figures:
    approved = proposal.approved
    percents = indicator_percents(proposal)
    return Figures(projects=1, approved_projects=1 if approved is not None else 0,
                   requested=proposal.requested, approved=approved if approved is not None else ZERO,
                   received=proposal.received, spent=proposal.spent,
                   indicator_percent_sum=sum(percents, ZERO), indicators_reported=len(percents),
                   agreed=agreed(proposal), paid=paid(proposal))


def rollup(repository: Repository, fy: int | None = None) -> Rollup:
    """The roll-up of fiscal year `fy` (all years when None): every submitted proposal counts."""
    proposals = repository.proposals_in(fy)
    counted = [p for p in proposals if p.status != DRAFT]
    projects = [ProjectRow(p.id, p.title, p.district, p.issue, p.organization_name, p.status, p.has_errors,
                           project_figures(p)) for p in counted]
    districts = [d.name for d in repository.areas.districts] if repository.areas else []
    by_district = _group(projects, districts, lambda row: row.district)
    by_issue = _group(projects, list(repository.issues), lambda row: row.issue)
    total = sum((row.figures for row in projects), Figures())
    return Rollup(fy, repository.settings.province, projects, by_district, by_issue, total,
                  drafts=len(proposals) - len(counted))


def _group(projects: list[ProjectRow], names: list[str], key) -> list[GroupRow]:
    """One row per reference name (in reference order, zeros included), then any other name met."""
    rows = {name: GroupRow(name) for name in names}
    for project in projects:
        row = rows.setdefault(key(project), GroupRow(key(project)))
        row.figures = row.figures + project.figures
    return list(rows.values())


# --- formatting ------------------------------------------------------------------------------

# Columns shared by the CSV, the XLSX and the DOCX: (Thai heading, English heading, getter).
# The money after agreement is named as the site names it (FIGURE_TH), so a reader meets one
# name for one figure in the summary and on the site.
FIGURE_COLUMNS = [
    ("จำนวนโครงการที่เสนอ", "projects", lambda f: f.projects),
    ("จำนวนโครงการที่อนุมัติ", "approved projects", lambda f: f.approved_projects),
    ("งบที่ขอ (บาท)", "requested", lambda f: f.requested),
    ("งบที่อนุมัติ (บาท)", "approved", lambda f: f.approved),
    (f"{FIGURE_TH['agreed']} (บาท)", "agreed", lambda f: f.agreed),
    (f"{FIGURE_TH['paid']} (บาท)", "paid", lambda f: f.paid),
    (f"{FIGURE_TH['received']} (บาท)", "received", lambda f: f.received),
    (f"{FIGURE_TH['spent']} (บาท)", "spent", lambda f: f.spent),
    ("คงเหลือ (บาท)", "balance", lambda f: f.balance),
    ("ตัวชี้วัดที่รายงาน", "indicators reported", lambda f: f.indicators_reported),
    ("ผลตามตัวชี้วัด (ร้อยละ)", "indicator achievement %", lambda f: f.achievement),
]
PROJECT_COLUMNS = [
    ("รหัสโครงการ", "ID", lambda r: r.id),
    ("ชื่อโครงการ", "title", lambda r: r.title),
    ("อำเภอ", "district", lambda r: r.district),
    ("ประเด็นงาน", "issue", lambda r: r.issue),
    ("องค์กรผู้เสนอ", "organization", lambda r: r.organization),
    ("สถานะ", "status", lambda r: STATUS_TH.get(r.status, r.status)),
]
PROJECT_FIGURES = [c for c in FIGURE_COLUMNS if c[1] not in ("projects", "approved projects")]
TOTAL_TH = "รวมทั้งจังหวัด"


def _plain(value) -> str:
    """A CSV cell: numbers without separators (Excel reads them as numbers), money with 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value.quantize(CENT, ROUND_HALF_UP))
    return str(value)


def _header(first: list[tuple], columns: list[tuple]) -> list[str]:
    return [f"{th} ({en})" for th, en, _ in first + columns]


def table_rows(rollup_data: Rollup, which: str) -> tuple[list[str], list[list]]:
    """The header and the raw rows (values, not text) of one table: projects, districts or issues.

    The last row is the province's total.
    """
    if which == "projects":
        header = _header(PROJECT_COLUMNS, PROJECT_FIGURES)
        rows = [[get(row) for _, _, get in PROJECT_COLUMNS] + [get(row.figures) for _, _, get in PROJECT_FIGURES]
                for row in rollup_data.projects]
        total = [TOTAL_TH] + [""] * (len(PROJECT_COLUMNS) - 1) + [get(rollup_data.total) for _, _, get in PROJECT_FIGURES]
        return header, rows + [total]
    groups = {"districts": (rollup_data.by_district, ("อำเภอ", "district", None)),
              "issues": (rollup_data.by_issue, ("ประเด็นงาน", "issue", None))}[which]
    header = _header([groups[1]], FIGURE_COLUMNS)
    rows = [[group.name] + [get(group.figures) for _, _, get in FIGURE_COLUMNS] for group in groups[0]]
    total = [TOTAL_TH] + [get(rollup_data.total) for _, _, get in FIGURE_COLUMNS]
    return header, rows + [total]


TABLES = [("projects", "รายโครงการ"), ("districts", "รายอำเภอ"), ("issues", "รายประเด็น")]


def csv_bytes(rollup_data: Rollup, which: str) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly."""
    header, rows = table_rows(rollup_data, which)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rollup_data: Rollup) -> bytes:
    """One workbook, one sheet per table, numbers as numbers; the same bytes for the same data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    fy = rollup_data.fiscal_year
    for which, title in [("districts", "รายอำเภอ"), ("issues", "รายประเด็น"), ("projects", "รายโครงการ")]:
        sheet = workbook.create_sheet(title)
        heading = f"สรุปภาพรวมโครงการ จังหวัด{rollup_data.province}" + (f" ปีงบประมาณ {fy}" if fy else "")
        sheet.append([heading])
        sheet["A1"].font = Font(bold=True, size=14)
        header, rows = table_rows(rollup_data, which)
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([v.quantize(CENT, ROUND_HALF_UP) if isinstance(v, Decimal) else v for v in row])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for column, name in enumerate(header, start=1):
            letter = get_column_letter(column)
            money = "(บาท)" in name or "ร้อยละ" in name
            for cell in sheet[letter][2:]:
                if money and cell.value not in (None, ""):
                    cell.number_format = "#,##0.00"
            width = 40 if name.startswith(("ชื่อโครงการ", "องค์กร")) else 22 if column <= 2 else 16
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalize_package(buffer.getvalue())


def file_stem(fy: int | None) -> str:
    return f"summary-{fy}" if fy else "summary-all"


# --- the Word document and the files on disk -------------------------------------------------------

def _figure_texts(figures: Figures, f: CommitteeFormatter) -> dict:
    """Amounts show satang only when there are some (never rounded away)."""
    return {"projects": f.number(figures.projects), "approved_projects": f.number(figures.approved_projects),
            "requested": f.money(figures.requested), "approved": f.money(figures.approved),
            "agreed": f.money(figures.agreed), "paid": f.money(figures.paid),
            "received": f.money(figures.received), "spent": f.money(figures.spent), "balance": f.money(figures.balance),
            "indicators": f.number(figures.indicators_reported), "achievement": f.percent(figures.achievement)}


def data_date(repository: Repository, fy: int | None):
    """The latest day the data speaks of (a report, a held meeting, a submission): "as of" that day.

    Taken from the data rather than the clock, so the same data gives the same document.
    """
    days = []
    for proposal in repository.proposals_in(fy):
        days += [r.reported for r in proposal.reports] + [d.meeting.date for d in proposal.decisions]
        days += [proposal.submitted] if proposal.submitted else []
    return max(days, default=None)


def summary_context(repository: Repository, rollup_data: Rollup) -> dict:
    """Text for templates/summary.docx: three tables and the province's totals."""
    f = CommitteeFormatter(repository.settings.thai_digits)
    settings = repository.settings
    fy = rollup_data.fiscal_year
    total = rollup_data.total
    return {
        "thai_digits": f.digits,
        "province": f.text(settings.province),
        "institute": f.text(settings.institute),
        "movement": f.text(movement_name(settings)),
        "fiscal_year": f.text(fy) if fy else "ทุกปี",
        "date": f.date(data_date(repository, fy)),
        "districts": [dict(name=f.text(g.name), **_figure_texts(g.figures, f)) for g in rollup_data.by_district],
        "issues": [dict(name=f.text(g.name), **_figure_texts(g.figures, f)) for g in rollup_data.by_issue],
        "projects": [dict(no=f.number(i), id=r.id, short_id="-".join(r.id.split("-")[:2]),
                          title=f.text(r.title), district=f.text(r.district), issue=f.text(r.issue),
                          status=STATUS_TH.get(r.status, r.status), has_errors=r.has_errors,
                          **_figure_texts(r.figures, f))
                     for i, r in enumerate(rollup_data.projects, start=1)],
        "total": _figure_texts(total, f),
        "approved_words": f.words(total.approved),
        "drafts": f.number(rollup_data.drafts),
    }


def write_summary(repository: Repository, fy: int | None, out: Path, *, docx: bool = True) -> list[Path]:
    """Write summary-<FY>.docx, summary-<FY>.xlsx and summary-<FY>-<table>.csv into `out`."""
    from .files import write_if_changed

    data = rollup(repository, fy)
    stem = file_stem(fy)
    out = Path(out)
    written = []
    if docx:
        from .documents.engine import render_docx, template_path

        target = out / f"{stem}.docx"
        render_docx(template_path(repository.root, "summary.docx"), summary_context(repository, data), target,
                    font=repository.settings.font)
        written.append(target)
    target = out / f"{stem}.xlsx"
    write_if_changed(target, xlsx_bytes(data))
    written.append(target)
    for which, _ in TABLES:
        target = out / f"{stem}-{which}.csv"
        write_if_changed(target, csv_bytes(data, which))
        written.append(target)
    return written


def sample_summary_context() -> dict:
    """A context with every variable, for the template check (generator.documents.DOCUMENT_KINDS)."""
    from .committee import sample_repository

    repository = sample_repository()
    return summary_context(repository, rollup(repository, 2570))
