"""Rules for agreement.yaml and visit-<N>.yaml: against the approval, the reports and the roster.

The files are found beside proposal.yaml by `read_fieldwork`; `check_fieldwork` runs once every
proposal's decisions and reports are linked (generator.model.link), since the rules compare the
agreement with the approval and the money the reports say was received.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from .. import thai
from ..fieldwork import FINDING_KINDS, build_agreement, build_visit
from ..model import ZERO, Proposal, Repository
from ..problems import ProblemList, suggestion
from .rules import _at

AGREEMENT_FILE = "agreement.yaml"
VISIT_FILE = re.compile(r"^visit-(?P<number>[1-9][0-9]*)\.yaml$")


def is_fieldwork_file(name: str) -> bool:
    return name == AGREEMENT_FILE or bool(VISIT_FILE.match(name))


def read_fieldwork(folder: Path, project_id: str, read, relative_name,
                   listing: list[Path] | None = None) -> tuple[object | None, list, bool]:
    """The project's agreement (or None), its visits by number, and whether any of the files was unusable.

    `read(name, schema)` reads and shape-checks a file (None when it cannot be used);
    `relative_name(path)` is the name problems are reported under; `listing`: the folder's
    entries when the caller has listed it already (links and hidden files may be left out)."""
    broken = False
    agreement = None
    if not listing:  # none, or the folder could not be listed (it holds a proposal.yaml at least)
        found = folder / AGREEMENT_FILE
        found = found if found.is_file() and not found.is_symlink() else None
    else:  # the listing knows each entry's kind, and holds no link
        found = next((path for path in listing if path.name == AGREEMENT_FILE and path.is_file()), None)
    if found is not None:
        document = read(relative_name(found), "agreement")
        if document is None:
            broken = True
        else:
            agreement = build_agreement(document, project_id)
    visits = []
    try:
        entries = sorted(folder.iterdir() if listing is None else listing, key=lambda p: p.name)
    except OSError:  # an unreadable folder is reported where the project's files are listed
        entries = []
    for path in entries:
        match = VISIT_FILE.match(path.name)
        if not match or not path.is_file() or path.is_symlink():
            continue
        document = read(relative_name(path), "visit")
        if document is None:
            broken = True
            continue
        visits.append(build_visit(document, project_id, int(match["number"])))
    visits.sort(key=lambda v: v.number)
    return agreement, visits, broken


def check_fieldwork(proposal: Proposal, repository: Repository, problems: ProblemList) -> None:
    if proposal.agreement is not None:
        check_agreement(proposal, problems)
    for visit in proposal.visits:
        check_visit(proposal, visit, repository, problems)


def _money(amount: Decimal) -> str:
    return thai.format_money(amount)


def check_agreement(proposal: Proposal, problems: ProblemList) -> None:
    agreement = proposal.agreement
    src = agreement.source
    if proposal.approval is None:
        _at(problems, "M015", src, ())
    approved = proposal.approved
    if approved is not None and agreement.amount > approved:
        _at(problems, "M010", src, ("amount",), amount=_money(agreement.amount), approved=_money(approved))
    for position, installment in enumerate(agreement.installments, start=1):
        if installment.number != position:
            _at(problems, "M016", src, ("installments", installment.index, "number"), number=installment.number,
                expected=position)
    if agreement.installments_total != agreement.amount:
        _at(problems, "M011", src, ("installments",), total=_money(agreement.installments_total),
            amount=_money(agreement.amount))
    # Money received as an installment must be an installment the institute has paid, in full
    # (one receipt, or several that add up to it: a transfer split in two).
    received_per_installment: dict[int, Decimal] = {}
    for report in proposal.reports:
        for receipt in report.receipts:
            if receipt.installment is not None:
                received_per_installment[receipt.installment] = \
                    received_per_installment.get(receipt.installment, ZERO) + receipt.amount
    received_under_agreement = ZERO
    for report in proposal.reports:
        for i, receipt in enumerate(report.receipts):
            if receipt.installment is None:
                continue  # money from other sources (a contribution): not the agreement's
            where = ("finance", "received", i)
            installment = agreement.installment(receipt.installment)
            if installment is None or installment.paid is None:
                _at(problems, "M012", report.source, where + ("installment",), number=receipt.installment)
            elif receipt.amount != installment.amount and received_per_installment[receipt.installment] != installment.amount:
                _at(problems, "M013", report.source, where + ("amount",), number=receipt.installment,
                    amount=_money(receipt.amount), expected=_money(installment.amount))
            before = received_under_agreement
            received_under_agreement += receipt.amount
            if before <= agreement.amount < received_under_agreement:
                _at(problems, "M014", report.source, where + ("amount",), received=_money(received_under_agreement),
                    amount=_money(agreement.amount))


def check_visit(proposal: Proposal, visit, repository: Repository, problems: ProblemList) -> None:
    src = visit.source
    seen = set()
    for i, visitor in enumerate(visit.visitors):
        if visitor in seen:
            _at(problems, "V006", src, ("visitors", i), value=visitor)
        seen.add(visitor)
        if repository.members and visitor not in repository.members:
            _at(problems, "V001", src, ("visitors", i), value=visitor, **suggestion(visitor, repository.members))
    if visit.date < proposal.start:
        _at(problems, "V004", src, ("date",), date=thai.format_date(visit.date), start=thai.format_date(proposal.start))
    if visit.next_visit is not None and visit.next_visit <= visit.date:
        _at(problems, "V005", src, ("next_visit",), next_visit=thai.format_date(visit.next_visit),
            date=thai.format_date(visit.date))
    for i, raw in enumerate(src.data.get("findings") or []):
        named = [kind for kind in FINDING_KINDS if raw.get(kind) is not None]
        where = ("findings", i)
        if len(named) > 1:
            _at(problems, "V003", src, where + (named[1],), keys=", ".join(named))
            continue
        if not named:
            continue
        kind, number = named[0], raw[named[0]]
        count = {"objective": len(proposal.objectives), "indicator": len(proposal.indicators),
                 "activity": len(proposal.activities)}[kind]
        if not 1 <= number <= count:
            code = {"objective": "V002", "indicator": "R002", "activity": "R001"}[kind]
            _at(problems, code, src, where + (kind,), number=number, count=count)
