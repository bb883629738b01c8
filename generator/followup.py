"""What needs the small committee's attention: the follow-up list, as of a given day.

Each item names a project, a reason (Thai and English) and the days overdue. The day is the
`--as-of` option, else the latest day the repository's files record something as done (a
submission, a meeting held, a report, money received or spent, an installment paid, a visit),
never the clock: the same files always give the same list. Planned days (due dates, periods,
next visits, a meeting not yet held) are not "done" and do not count.

Rules (settings `followup.visit_days`, default 90, and `followup.final_report_days`, default 30):
- an approved, unfinished project with no visit for more than visit_days since its approval or its last visit;
- a paid installment whose report_due has passed with no report dated since it was paid;
- spending on an activity that every report mentioning it still calls `not_started`,
  or cumulative spending beyond the activity's budget;
- a project more than final_report_days past its end without a final report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import thai
from .fieldwork import approval_date
from .model import CLOSED, ZERO, Proposal, Repository

VISIT, REPORT_DUE, NOT_STARTED, OVER_BUDGET, FINAL_REPORT = (
    "visit", "report_due", "spent_not_started", "over_budget", "final_report")
KIND_TH = {VISIT: "ลงพื้นที่ติดตาม", REPORT_DUE: "รายงานงวดเงิน", NOT_STARTED: "ใช้จ่ายกิจกรรมที่ยังไม่เริ่ม",
           OVER_BUDGET: "ใช้จ่ายเกินงบกิจกรรม", FINAL_REPORT: "รายงานปิดโครงการ"}


@dataclass
class Item:
    proposal: Proposal
    kind: str
    reason_th: str
    reason_en: str
    days_overdue: int
    since: date  # the day the count of days starts from


def recorded_days(repository: Repository) -> list[date]:
    """Every day the files record something as done (see the module's docstring)."""
    days: list[date] = [m.date for m in repository.meetings if m.held]
    for proposal in repository.proposals.values():
        days += [proposal.submitted] if proposal.submitted else []
        for report in proposal.reports:
            days.append(report.reported)
            days += [r.date for r in report.receipts] + [e.date for e in report.expenses]
            days += [a.date for a in report.activities if a.date]
        if proposal.agreement is not None:
            days.append(proposal.agreement.date)
            days += [i.paid for i in proposal.agreement.installments if i.paid]
        days += [v.date for v in proposal.visits]
    return days


def as_of_date(repository: Repository, given: date | None = None) -> date | None:
    if given is not None:
        return given
    return max(recorded_days(repository), default=None)


def _d(day: date) -> str:
    return thai.format_date(day)


def followup(repository: Repository, as_of: date | None = None) -> tuple[date | None, list[Item]]:
    """The day used and the items, most overdue first."""
    day = as_of_date(repository, as_of)
    if day is None:
        return None, []
    settings = repository.settings
    items: list[Item] = []
    for proposal in repository.proposals.values():
        if proposal.approval is None:
            continue
        items += _visit_item(proposal, day, settings.visit_days)
        items += _report_due_items(proposal, day)
        items += _spending_items(proposal, day)
        items += _final_report_item(proposal, day, settings.final_report_days)
    items.sort(key=lambda i: (-i.days_overdue, i.proposal.id, i.kind))
    return day, items


def _visit_item(proposal: Proposal, day: date, visit_days: int) -> list[Item]:
    if proposal.status == CLOSED:
        return []
    # As of `day`: what happened later is not known yet.
    visit = max((v for v in proposal.visits if v.date <= day), key=lambda v: (v.date, v.number), default=None)
    approved = approval_date(proposal)
    since = visit.date if visit is not None else approved
    if since is None or since > day:
        return []
    overdue = (day - since).days - visit_days
    if overdue <= 0:
        return []
    if visit is not None:
        th = f"ไม่ได้ลงพื้นที่ติดตามมา {(day - since).days} วัน ตั้งแต่ครั้งที่ {visit.number} ({_d(since)}) เกินกำหนด {visit_days} วัน"
        en = f"not visited for {(day - since).days} days since visit {visit.number} ({since}), more than {visit_days}"
    else:
        th = f"ยังไม่เคยลงพื้นที่ติดตาม {(day - since).days} วัน นับจากวันอนุมัติ ({_d(since)}) เกินกำหนด {visit_days} วัน"
        en = f"never visited in the {(day - since).days} days since its approval ({since}), more than {visit_days}"
    return [Item(proposal, VISIT, th, en, overdue, since)]


def _report_due_items(proposal: Proposal, day: date) -> list[Item]:
    agreement = proposal.agreement
    if agreement is None:
        return []
    items = []
    for installment in agreement.installments:
        due, paid = installment.report_due, installment.paid
        if due is None or paid is None or due >= day:
            continue
        if any(paid <= r.reported <= day for r in proposal.reports):
            continue
        items.append(Item(proposal, REPORT_DUE,
                          f"งวดที่ {installment.number} จ่ายแล้วเมื่อ {_d(paid)} กำหนดส่งรายงาน {_d(due)} ยังไม่มีรายงาน",
                          f"installment {installment.number} paid on {paid}; its report was due on {due} and none came",
                          (day - due).days, due))
    return items


def _spending_items(proposal: Proposal, day: date) -> list[Item]:
    items = []
    for activity in proposal.activities:
        expenses = sorted((e for r in proposal.reports for e in r.expenses
                           if e.activity == activity.number and e.date <= day), key=lambda e: e.date)
        if not expenses:
            continue
        spent = sum((e.amount for e in expenses), ZERO)
        statuses = [a.status for r in proposal.reports if r.reported <= day
                    for a in r.activities if a.activity == activity.number]
        if statuses and all(s == "not_started" for s in statuses):
            first = expenses[0].date
            items.append(Item(proposal, NOT_STARTED,
                              f"กิจกรรมที่ {activity.number} ({activity.name}) มีรายจ่าย {thai.format_money(spent)} บาท "
                              f"แต่ทุกรายงานว่ายังไม่ได้ดำเนินการ",
                              f"activity {activity.number} has {spent} baht spent but every report says not started",
                              max((day - first).days, 0), first))
        if spent > activity.total:
            running, crossed = ZERO, expenses[-1].date
            for expense in expenses:
                running += expense.amount
                if running > activity.total:
                    crossed = expense.date
                    break
            items.append(Item(proposal, OVER_BUDGET,
                              f"กิจกรรมที่ {activity.number} ({activity.name}) ใช้จ่ายสะสม {thai.format_money(spent)} บาท "
                              f"เกินงบ {thai.format_money(activity.total)} บาท",
                              f"activity {activity.number} spent {spent} baht, beyond its budget of {activity.total}",
                              max((day - crossed).days, 0), crossed))
    return items


def _final_report_item(proposal: Proposal, day: date, final_report_days: int) -> list[Item]:
    if any(r.kind == "final" and r.reported <= day for r in proposal.reports):
        return []
    due = proposal.end + timedelta(days=final_report_days)
    if day <= due:
        return []
    return [Item(proposal, FINAL_REPORT,
                 f"สิ้นสุดโครงการเมื่อ {_d(proposal.end)} เกิน {final_report_days} วันแล้วยังไม่มีรายงานปิดโครงการ",
                 f"ended on {proposal.end}, more than {final_report_days} days ago, with no final report",
                 (day - due).days, due)]
