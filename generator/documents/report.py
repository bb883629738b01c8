"""รายงานความก้าวหน้า / รายงานปิดโครงการ (progress and closing reports): their context."""

from __future__ import annotations

import io
from decimal import Decimal

from .. import model
from ..photos import document_photo
from ..errors import KhrongkanError
from ..vocabulary import ACTIVITY_STATUS_TH as STATUS_TH
from .engine import Image
from .formatter import DASH, Formatter, _common

REPORT_TITLE_TH = {"progress": "รายงานความก้าวหน้าโครงการและรายงานการเงิน",
                   "final": "รายงานปิดโครงการและรายงานการเงิน"}


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
        photos.append({"no": f.number(n), "caption": f.text(photo.caption), "image": Image.fit(document_photo(path, repository.root))})  # scaled once: generator.photos
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


def _sample_png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (200, 200, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def sample_report_context() -> dict:
    from .sample import sample_repository

    repository = sample_repository()
    proposal = repository.proposals["2570-001"]
    context = report_context(proposal, proposal.reports[0], repository)
    context["photos"] = [{"no": "1", "caption": "ภาพ", "image": Image.fit(_sample_png())}]
    return context
