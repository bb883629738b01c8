"""The progress report to the large committee (รายงานความก้าวหน้าต่อคณะยุทธศาสตร์ชุดใหญ่).

One summary page with the district totals, then one table per issue with its approved projects
grouped by district (status, money received and spent, indicators reached against targets,
visits made), then the follow-up list of generator.followup. Money per group comes from
generator.money, so every group row is the sum of its project rows. The as-of day follows the
follow-up rule: the option, else the latest day recorded in the files.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from .committee import CommitteeFormatter, short_id
from .documents.formatter import movement_name
from .followup import KIND_TH as FOLLOWUP_KIND_TH
from .followup import followup
from .model import ZERO, Proposal, Repository
from .money import group_money, project_money, total_money
from .summaries import indicator_percents
from .vocabulary import PROPOSAL_STATUS_TH as STATUS_TH


def approved_projects(repository: Repository, fy: int | None = None) -> list[Proposal]:
    """Projects with an approval in force (approved, in progress or closed), by ID."""
    return [p for p in repository.proposals_in(fy) if p.approval is not None]


def _achievement(proposals: list[Proposal]) -> Decimal | None:
    percents = [x for p in proposals for x in indicator_percents(p)]
    return sum(percents, ZERO) / len(percents) if percents else None


def _indicators_text(proposal: Proposal, f: CommitteeFormatter) -> str:
    """"20/100, -/5": the latest result against the target of each indicator, in order."""
    parts = []
    for indicator in proposal.indicators:
        actual = proposal.indicator_actual(indicator.number)
        parts.append(f"{f.number(actual) if actual is not None else '-'}/{f.number(indicator.target)}")
    return ", ".join(parts) or "-"


def _visits_text(proposal: Proposal, f: CommitteeFormatter) -> str:
    if not proposal.visits:
        return "ยังไม่ได้ลงพื้นที่"
    last = max(v.date for v in proposal.visits)
    return f"{f.number(len(proposal.visits))} ครั้ง ({f.short_period(last, last)})"


def _money_texts(money, f: CommitteeFormatter) -> dict:
    return {"projects": f.number(money.projects), "agreed": f.money(money.agreed), "paid": f.money(money.paid),
            "received": f.money(money.received), "spent": f.money(money.spent), "balance": f.money(money.balance)}


def progress_context(repository: Repository, as_of: date | None = None, fy: int | None = None) -> dict:
    f = CommitteeFormatter(repository.settings.thai_digits)
    settings = repository.settings
    projects = approved_projects(repository, fy)
    day, items = followup(repository, as_of)
    items = [i for i in items if fy is None or i.proposal.fiscal_year == fy]
    district_names = [d.name for d in repository.areas.districts] if repository.areas else []
    by_district = group_money(projects, lambda p: p.district, district_names)

    def visits(group: list[Proposal]) -> str:
        return f.number(sum(len(p.visits) for p in group))

    districts = []
    for name, money in by_district.items():
        members = [p for p in projects if p.district == name]
        districts.append({"name": f.text(name), **_money_texts(money, f), "visits": visits(members),
                          "achievement": f.percent(_achievement(members))})
    issues = []
    number = 0
    issue_names = list(dict.fromkeys(list(repository.issues) + [p.issue for p in projects]))
    for issue in issue_names:
        in_issue = [p for p in projects if p.issue == issue]
        if not in_issue:
            continue
        groups = []
        for district in list(dict.fromkeys(district_names + [p.district for p in in_issue])):
            rows = []
            for proposal in (p for p in in_issue if p.district == district):
                number += 1
                money = project_money(proposal)
                rows.append({"no": f.number(number), "short_id": short_id(proposal), "title": f.text(proposal.title),
                             "status": STATUS_TH.get(proposal.status, proposal.status),
                             "received": f.money(money.received), "spent": f.money(money.spent),
                             "indicators": _indicators_text(proposal, f), "visits": _visits_text(proposal, f)})
            if rows:
                groups.append({"name": f.text(district), "count": f.number(len(rows)), "projects": rows})
        money = total_money(in_issue)
        issues.append({"name": f.text(issue), "projects": f.number(len(in_issue)), "districts": groups,
                       "received": f.money(money.received), "spent": f.money(money.spent), "visits": visits(in_issue)})
    total = total_money(projects)
    return {
        "province": f.text(settings.province),
        "institute": f.text(settings.institute),
        "movement": f.text(movement_name(settings)),
        "scope": f"ปีงบประมาณ {f.text(fy)}" if fy else "ทุกปีงบประมาณ",
        "as_of": f.date(day),
        "total": {**_money_texts(total, f), "visits": visits(projects), "achievement": f.percent(_achievement(projects))},
        "districts": districts,
        "issues": issues,
        "followup": [{"no": f.number(n), "short_id": short_id(i.proposal), "title": f.text(i.proposal.title),
                      "kind": FOLLOWUP_KIND_TH[i.kind], "reason": f.text(i.reason_th), "days": f.number(i.days_overdue)}
                     for n, i in enumerate(items, start=1)],
        "followup_count": f.number(len(items)),
        "visit_days": f.number(settings.visit_days),
        "final_report_days": f.number(settings.final_report_days),
    }


def file_stem(fy: int | None) -> str:
    return f"progress-{fy}" if fy else "progress-all"


def write_progress(repository: Repository, out: Path, as_of: date | None = None, fy: int | None = None) -> Path:
    from .documents.engine import render_docx, template_path

    target = Path(out) / f"{file_stem(fy)}.docx"
    render_docx(template_path(repository.root, "progress.docx"), progress_context(repository, as_of, fy), target,
                font=repository.settings.font)
    return target


def sample_progress_context() -> dict:
    """A context with every variable, for the template check (generator.documents.DOCUMENT_KINDS)."""
    from .visit_document import sample_repository

    return progress_context(sample_repository(), date(2027, 9, 30))  # late enough for follow-up items
