"""After approval: the agreement with the institute (agreement.yaml) and follow-up visits (visit-<N>.yaml).

Plain objects built from documents that passed their shape checks, like generator.model; the
rules that compare them with the proposal and its reports live in generator.validate.fieldwork.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .load import Document
from .model import ZERO, Person, Proposal, _date, _money

FINDING_KINDS = ("objective", "indicator", "activity")


@dataclass
class AgreementInstallment:
    number: int
    amount: Decimal
    due: date | None = None
    paid: date | None = None  # the day the institute paid it; None: not paid yet
    report_due: date | None = None  # the report this installment asks for is due by then
    condition: str = ""
    index: int = 0  # position in the file, for line numbers


@dataclass
class Agreement:
    proposal_id: str
    source: Document
    number: str
    date: date
    amount: Decimal
    installments: list[AgreementInstallment]
    signed_by: Person | None = None
    note: str = ""

    @property
    def installments_total(self) -> Decimal:
        return sum((i.amount for i in self.installments), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((i.amount for i in self.installments if i.paid is not None), ZERO)

    def installment(self, number: int) -> AgreementInstallment | None:
        return next((i for i in self.installments if i.number == number), None)


@dataclass
class Finding:
    note: str
    kind: str = ""  # objective | indicator | activity, or "" for the project as a whole
    number: int | None = None


@dataclass
class FinanceCheck:
    ledger_kept: bool
    receipts_ok: bool
    balance_seen: Decimal | None = None
    note: str = ""


@dataclass
class Informant:
    name: str
    role: str


@dataclass
class Visit:
    proposal_id: str
    number: int
    source: Document
    date: date
    visitors: list[str]
    purpose: str
    place: str = ""
    informants: list[Informant] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    finance_check: FinanceCheck | None = None
    support_given: list[str] = field(default_factory=list)
    agreed_next_steps: list[str] = field(default_factory=list)
    next_visit: date | None = None
    recorder: Person | None = None


def build_agreement(document: Document, proposal_id: str) -> Agreement:
    d = document.data
    signed = d.get("signed_by")
    return Agreement(
        proposal_id=proposal_id, source=document, number=str(d["number"]).strip(), date=_date(d["date"]),
        amount=_money(d["amount"]),
        installments=[AgreementInstallment(i["number"], _money(i["amount"]), _date(i.get("due")), _date(i.get("paid")),
                                           _date(i.get("report_due")), i.get("condition") or "", index)
                      for index, i in enumerate(d.get("installments") or [])],
        signed_by=Person(signed["name"], signed["position"]) if signed else None,
        note=d.get("note") or "",
    )


def build_visit(document: Document, proposal_id: str, number: int) -> Visit:
    d = document.data
    check = d.get("finance_check")
    recorder = d.get("recorder")
    findings = []
    for f in d.get("findings") or []:
        kind = next((k for k in FINDING_KINDS if f.get(k) is not None), "")
        findings.append(Finding(f["note"], kind, f.get(kind) if kind else None))
    return Visit(
        proposal_id=proposal_id, number=number, source=document, date=_date(d["date"]),
        visitors=list(d.get("visitors") or []), purpose=d["purpose"].strip(), place=d.get("place") or "",
        informants=[Informant(i["name"], i["role"]) for i in d.get("informants") or []],
        findings=findings,
        finance_check=FinanceCheck(check["ledger_kept"], check["receipts_ok"],
                                   _money(check["balance_seen"]) if check.get("balance_seen") is not None else None,
                                   check.get("note") or "") if check else None,
        support_given=list(d.get("support_given") or []), agreed_next_steps=list(d.get("agreed_next_steps") or []),
        next_visit=_date(d.get("next_visit")),
        recorder=Person(recorder["name"], recorder["position"]) if recorder else None,
    )


def approval_date(proposal: Proposal) -> date | None:
    approval = proposal.approval
    return approval.meeting.date if approval is not None else None

