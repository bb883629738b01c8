"""แบบเสนอโครงการ (the proposal form): its context."""

from __future__ import annotations

from decimal import Decimal

from .. import model
from ..vocabulary import CONTRIBUTION_KIND_TH as CONTRIBUTION_TH
from ..vocabulary import PROJECT_KIND_TH as KIND_TH
from .formatter import DASH, Formatter, _common

def plan_text(proposal: model.Proposal, repository: model.Repository, f) -> str:
    """The strategies of the provincial plan the project serves: "S1 title; S8 title" (an id the
    plan lacks is shown as written; khrongkan check reports it)."""
    from ..plans import plan_for

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


def sample_proposal_context() -> dict:
    from .sample import sample_repository

    repository = sample_repository()
    return proposal_context(repository.proposals["2570-001"], repository)
