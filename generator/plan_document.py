"""The provincial plan as a Word document (`khrongkan plan`): templates/plan.docx.

For each strategy: its goal and indicators, the tambons whose needs point to it, the proposals
that serve it with their budgets, and what they achieved; then the tambons with a plan but no
proposal and the sub-districts with no plan. Figures come from generator.plan_rollup (the
roll-up's own rows), formatted as in the summary.
"""

from __future__ import annotations

from pathlib import Path

from .committee import CommitteeFormatter
from .documents.formatter import movement_name
from .model import Repository
from .plan_rollup import PlanCoverage, coverage
from .summaries import _figure_texts, data_date
from .vocabulary import MEETING_BODY_TH, PROPOSAL_STATUS_TH


def file_stem(coverage_data: PlanCoverage) -> str:
    """plan-2570-2572-fy2570: the plan, and the year whose proposals it reports."""
    return f"plan-{coverage_data.plan.name}-fy{coverage_data.fiscal_year}"


def _short_id(project_id: str) -> str:
    return "-".join(project_id.split("-")[:2])


def _approved_text(repository: Repository, coverage_data: PlanCoverage, f) -> str:
    """ที่ประชุมคณะยุทธศาสตร์ชุดใหญ่ ครั้งที่ 1/2570 เมื่อ 8 ตุลาคม 2569, from approved_at."""
    name = coverage_data.plan.approved_at.replace("\\", "/").strip()
    meeting = next((m for m in repository.meetings if m.source.file == name), None)
    if meeting is None:
        return f.text(name)
    return f"ที่ประชุม{MEETING_BODY_TH.get(meeting.body, '')} ครั้งที่ {f.text(meeting.label)} เมื่อวันที่ {f.date(meeting.date)}"


def plan_context(repository: Repository, data: PlanCoverage) -> dict:
    f = CommitteeFormatter(repository.settings.thai_digits)
    plan = data.plan

    def project(row, no):
        return dict(no=f.number(no), short_id=_short_id(row.id), title=f.text(row.title), district=f.text(row.district),
                    status=PROPOSAL_STATUS_TH.get(row.status, row.status), has_errors=row.has_errors,
                    **_figure_texts(row.figures, f))

    strategies = []
    for no, item in enumerate(data.strategies, start=1):
        s = item.strategy
        strategies.append({
            "no": f.number(no), "id": s.id, "title": f.text(s.title), "issue": f.text(s.issue),
            "goal": f.text(s.goal) or "-",
            "budget_frame": f.money(s.budget_frame) if s.budget_frame is not None else "-",
            "indicators": [dict(no=f.number(i), text=f"{f.text(x.description)} {f.number(x.quantity)} {f.text(x.unit)}")
                           for i, x in enumerate(s.indicators, start=1)],
            "tambons": [dict(no=f.number(i), place=f"ตำบล{f.text(t.subdistrict)} อำเภอ{f.text(t.district)}",
                             needs="; ".join(f.text(n.title) for n in needs))
                        for i, (t, needs) in enumerate(item.tambons, start=1)],
            "projects": [project(row, i) for i, row in enumerate(item.projects, start=1)],
            "results": [dict(short_id=_short_id(r.proposal_id), no=f.number(r.number),
                             text=f.text(r.description),
                             target=f"{f.number(r.target)} {f.text(r.unit)}",
                             actual=f"{f.number(r.actual)} {f.text(r.unit)}" if r.actual is not None else "ยังไม่รายงาน")
                        for r in item.results],
            "tambon_count": f.number(len(item.tambons)), "project_count": f.number(len(item.projects)),
            "figures": _figure_texts(item.figures, f),
        })
    without_plan = data.without_plan
    return {
        "province": f.text(repository.settings.province),
        "institute": f.text(repository.settings.institute),
        "movement": f.text(movement_name(repository.settings)),
        "title": f.text(plan.title),
        "plan_years": f.text(plan.name),
        "period": f.period(plan.start, plan.end),
        "fiscal_year": f.text(data.fiscal_year),
        "date": f.date(data_date(repository, data.fiscal_year)),
        "vision": [f.text(p) for p in plan.vision],
        "made_by": f.text(plan.made_by),
        "approved": _approved_text(repository, data, f) if plan.approved_at else "",
        "strategy_count": f.number(len(data.strategies)),
        "strategies": strategies,
        "serving": _figure_texts(data.serving, f),
        "unserved": _figure_texts(data.unserved_figures, f),
        "unserved_projects": [project(row, i) for i, row in enumerate(data.unserved, start=1)],
        "total": _figure_texts(data.rollup.total, f),
        "drafts": f.number(data.rollup.drafts),
        "tambon_count": f.number(len(plan.tambons)),
        "subdistrict_count": f.number(len(data.subdistricts)),
        "tambons_without_proposal": [
            dict(no=f.number(i), district=f.text(t.district), subdistrict=f.text(t.subdistrict),
                 council=f.text(t.council) or "-", adopted=f.date(t.adopted),
                 needs="; ".join(f.text(n.title) for n in t.needs))
            for i, t in enumerate(data.tambons_without_proposal, start=1)],
        "without_plan": [dict(district=f.text(d), count=f.number(len(names)), names=" ".join(f.text(n) for n in names))
                         for d, names in without_plan],
        "without_plan_count": f.number(sum(len(names) for _, names in without_plan)),
    }


def write_plan(repository: Repository, fy: int, out: Path) -> Path:
    """build/plan/plan-<FIRST>-<LAST>-fy<FY>.docx from templates/plan.docx."""
    from .documents.engine import render_docx, template_path
    from .errors import KhrongkanError

    data = coverage(repository, fy)
    if data is None:
        names = ", ".join(p.name for p in repository.plans) or "-"
        raise KhrongkanError(
            f"ไม่มีแผนยุทธศาสตร์ที่ครอบคลุมปีงบประมาณ {fy} (แผนที่มี: {names}) "
            "— เพิ่ม plans/<ปีงบ>-<ปีงบ>/province.yaml หรือเลือกปีด้วย --fy",
            f"no strategic plan covers fiscal year {fy} (plans: {names}); add plans/<FY>-<FY>/province.yaml or pick --fy")
    target = Path(out) / f"{file_stem(data)}.docx"
    render_docx(template_path(repository.root, "plan.docx"), plan_context(repository, data), target,
                font=repository.settings.font)
    return target


def sample_plan_context() -> dict:
    """A context with every variable, for the template check (generator.documents.DOCUMENT_KINDS)."""
    from datetime import date

    from .committee import sample_repository
    from .load import Document
    from .plans import Need, Plan, Strategy, StrategyIndicator, TambonPlan

    repository = sample_repository()
    proposal = next(iter(repository.proposals.values()))
    proposal.plan = ["S1"]
    doc = Document("plans/2570-2572/province.yaml", Path("province.yaml"), {})
    plan = Plan(2570, 2572, doc, "แผนยุทธศาสตร์", date(2026, 10, 1), date(2029, 9, 30), "meetings/2570/01.yaml",
                [Strategy("S1", "สวัสดิการชุมชน", "สวัสดิการชุมชน", "เป้าหมาย",
                          [StrategyIndicator("กองทุน", 5, "กองทุน")], 100000, 0),
                 Strategy("S2", "บ้านมั่นคง", "บ้านมั่นคง", "", [], None, 1)],
                ["วิสัยทัศน์"], "สมัชชาสภาองค์กรชุมชนตำบล")
    plan.tambons = [TambonPlan(proposal.district, proposal.subdistricts[0], "สภา", date(2026, 8, 1),
                               [Need("ความต้องการ", "สวัสดิการชุมชน", "", ["S1"], 1, 0)], doc),
                    TambonPlan(proposal.district, "อื่น", "", date(2026, 8, 1),
                               [Need("ความต้องการ", "บ้านมั่นคง", "", ["S2"], 1, 0)], doc)]
    repository.plans = [plan]
    return plan_context(repository, coverage(repository, proposal.fiscal_year))
