"""The visit record (แบบบันทึกการติดตามหนุนเสริมโครงการ): the context of templates/visit.docx.

The record is the committee's own document: it keeps everything the visit file says, informants,
findings and the finance check included (the public site shows less: see generator.pages_fieldwork).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import model
from .documents.formatter import DASH, Formatter, _common
from .fieldwork import (Agreement, AgreementInstallment, FinanceCheck, Finding, Informant, Visit)
from .money import project_money

FINDING_ABOUT_TH = {"objective": "วัตถุประสงค์ข้อที่", "indicator": "ตัวชี้วัดที่", "activity": "กิจกรรมที่"}


def finding_subject(proposal: model.Proposal, finding: Finding) -> str:
    """"ตัวชี้วัดที่ 1: สมาชิกใหม่" or "ภาพรวมโครงการ" for a finding about the project as a whole."""
    if not finding.kind:
        return "ภาพรวมโครงการ"
    names = {"objective": proposal.objectives, "indicator": [i.description for i in proposal.indicators],
             "activity": [a.name for a in proposal.activities]}[finding.kind]
    name = names[finding.number - 1] if 1 <= finding.number <= len(names) else ""
    label = f"{FINDING_ABOUT_TH[finding.kind]} {finding.number}"
    return f"{label}: {name}" if name else label


def member_name(repository: model.Repository, member_id: str) -> str:
    member = repository.members.get(member_id)
    return member.name if member else member_id


LEDGER_TH = {True: "จัดทำเป็นปัจจุบัน", False: "ยังไม่ได้จัดทำหรือไม่เป็นปัจจุบัน"}
RECEIPTS_TH = {True: "ครบถ้วน ถูกต้อง", False: "ยังไม่ครบหรือยังไม่ถูกต้อง"}


def visit_context(proposal: model.Proposal, visit: Visit, repository: model.Repository) -> dict:
    f = Formatter(repository.settings.thai_digits)
    money = project_money(proposal)
    check = visit.finance_check
    return {
        **_common(proposal, repository, f),
        "number": f.number(visit.number),
        "date": f.date(visit.date),
        "place": f.text(visit.place) or DASH,
        "organization": f.text(proposal.organization_name),
        "project_period": f.period(proposal.start, proposal.end),
        "visitors": [{"no": f.number(n), "name": f.text(member_name(repository, v)),
                      "role": f.text(repository.members[v].role if v in repository.members else "") or DASH}
                     for n, v in enumerate(visit.visitors, start=1)],
        "informants": [{"no": f.number(n), "name": f.text(i.name), "role": f.text(i.role)}
                       for n, i in enumerate(visit.informants, start=1)],
        "purpose": f.text(visit.purpose),
        "findings": [{"no": f.number(n), "about": f.text(finding_subject(proposal, x)), "note": f.text(x.note)}
                     for n, x in enumerate(visit.findings, start=1)],
        "has_finance_check": check is not None,
        "finance_check": {
            "ledger_kept": LEDGER_TH[check.ledger_kept] if check else DASH,
            "receipts_ok": RECEIPTS_TH[check.receipts_ok] if check else DASH,
            "balance_seen": f.money(check.balance_seen) if check and check.balance_seen is not None else DASH,
            "note": f.text(check.note) if check and check.note else DASH,
        },
        "money": {"agreed": f.money(money.agreed), "paid": f.money(money.paid), "received": f.money(money.received),
                  "spent": f.money(money.spent), "balance": f.money(money.balance)},
        "support_given": f.items(visit.support_given),
        "next_steps": f.items(visit.agreed_next_steps),
        "next_visit": f.date(visit.next_visit),
        "recorder": {"name": f.text(visit.recorder.name) if visit.recorder else "",
                     "position": f.text(visit.recorder.position) if visit.recorder else "ผู้บันทึก"},
    }


def sample_repository() -> model.Repository:
    """committee.sample_repository() (one approved proposal) with an agreement and one visit,
    for the template check."""
    from .committee import sample_repository as base

    repository = base()
    proposal = repository.proposals["2570-001"]
    day = date(2026, 12, 1)
    proposal.agreement = Agreement("2570-001", None, "ชพ 1/2570", day, Decimal(500),
                                   [AgreementInstallment(1, Decimal(500), day, day, day, "เมื่อลงนาม")])
    proposal.visits.append(Visit(
        "2570-001", 1, None, day, ["m01"], "ติดตามผล", "ศาลา", [Informant("นายหนึ่ง", "ประธาน")],
        [Finding("ทำได้ดี", "indicator", 1), Finding("ภาพรวมดี")], FinanceCheck(True, False, Decimal(100), "ครบ"),
        ["แนะนำบัญชี"], ["ส่งรายงาน"], date(2027, 1, 10), model.Person("นางสอง", "กองเลขา")))
    return repository


def sample_visit_context() -> dict:
    repository = sample_repository()
    proposal = repository.proposals["2570-001"]
    return visit_context(proposal, proposal.visits[0], repository)


def visit_output_name(proposal: model.Proposal, visit: Visit) -> str:
    return f"{proposal.id}-visit-{visit.number}.docx"
