"""Plan coverage: how the proposals of a fiscal year serve the provincial plan, from the roll-up.

Every figure here is taken from generator.summaries.rollup, the same rows as `khrongkan summary`:
a strategy's figures are the sum of the roll-up's project rows of the proposals that serve it.
A proposal serving several strategies counts in each, so strategy totals overlap; the projects
serving at least one strategy (counted once) plus those serving none make the roll-up's total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import Proposal, Repository
from .plans import Need, Plan, Strategy, TambonPlan, plan_for
from .summaries import Figures, ProjectRow, Rollup, rollup


@dataclass
class IndicatorResult:
    """One indicator of a proposal serving a strategy: its target and the latest reported value."""

    proposal_id: str
    number: int
    description: str
    target: Decimal
    unit: str
    actual: Decimal | None


@dataclass
class StrategyCoverage:
    strategy: Strategy
    tambons: list[tuple[TambonPlan, list[Need]]]  # tambons whose needs point to the strategy
    projects: list[ProjectRow]  # the roll-up's rows of the proposals serving it
    results: list[IndicatorResult]
    figures: Figures = field(default_factory=Figures)


@dataclass
class SubdistrictRow:
    district: str
    subdistrict: str
    tambon: TambonPlan | None
    proposals: list[Proposal]  # submitted proposals of the year working there

    @property
    def state(self) -> str:
        """plan_and_proposal | plan_only | proposal_only | neither"""
        if self.tambon and self.proposals:
            return "plan_and_proposal"
        if self.tambon:
            return "plan_only"
        return "proposal_only" if self.proposals else "neither"


STATE_TH = {"plan_and_proposal": "มีแผนและมีโครงการ", "plan_only": "มีแผน ยังไม่มีโครงการ",
            "proposal_only": "มีโครงการ ยังไม่มีแผน", "neither": "ยังไม่มีทั้งแผนและโครงการ"}


@dataclass
class PlanCoverage:
    plan: Plan
    fiscal_year: int
    rollup: Rollup
    strategies: list[StrategyCoverage]
    serving: Figures  # the projects serving at least one strategy, each counted once
    unserved: list[ProjectRow]  # projects of the year serving no strategy
    unserved_figures: Figures
    subdistricts: list[SubdistrictRow]  # every sub-district of the province, in reference order

    @property
    def tambons_without_proposal(self) -> list[TambonPlan]:
        return [row.tambon for row in self.subdistricts if row.state == "plan_only"]

    @property
    def without_plan(self) -> list[tuple[str, list[str]]]:
        """(district, sub-districts with no tambon plan), districts in reference order."""
        grouped: dict[str, list[str]] = {}
        for row in self.subdistricts:
            if row.tambon is None:
                grouped.setdefault(row.district, []).append(row.subdistrict)
        return list(grouped.items())

    @property
    def by_district(self) -> list[tuple[str, list[SubdistrictRow]]]:
        grouped: dict[str, list[SubdistrictRow]] = {}
        for row in self.subdistricts:
            grouped.setdefault(row.district, []).append(row)
        return list(grouped.items())

    def count(self, state: str) -> int:
        return sum(1 for row in self.subdistricts if row.state == state)


def coverage(repository: Repository, fy: int) -> PlanCoverage | None:
    """The coverage of the plan covering fiscal year `fy`, or None when no plan covers it."""
    plan = plan_for(repository, fy)
    if plan is None:
        return None
    data = rollup(repository, fy)
    rows = {row.id: row for row in data.projects}
    proposals = {pid: repository.proposals[pid] for pid in rows}
    ids = {s.id for s in plan.strategies}
    strategies = []
    for strategy in plan.strategies:
        serving = [rows[pid] for pid, p in proposals.items() if strategy.id in p.plan]
        results = [IndicatorResult(row.id, i.number, i.description, i.target, i.unit,
                                   proposals[row.id].indicator_actual(i.number))
                   for row in serving for i in proposals[row.id].indicators]
        tambons = [(t, t.needs_for(strategy.id)) for t in plan.tambons if t.needs_for(strategy.id)]
        strategies.append(StrategyCoverage(strategy, tambons, serving, results,
                                           sum((row.figures for row in serving), Figures())))
    served = [row for pid, row in rows.items() if ids & set(proposals[pid].plan)]
    unserved = [row for pid, row in rows.items() if not ids & set(proposals[pid].plan)]
    return PlanCoverage(plan, fy, data, strategies, sum((r.figures for r in served), Figures()), unserved,
                        sum((r.figures for r in unserved), Figures()),
                        _subdistricts(repository, plan, list(proposals.values())))


def _subdistricts(repository: Repository, plan: Plan, proposals: list[Proposal]) -> list[SubdistrictRow]:
    places = [(d.name, s) for d in repository.areas.districts for s in d.subdistricts] if repository.areas else []
    for tambon in plan.tambons:  # a plan of a place the reference list lacks (its error is reported) still shows
        if (tambon.district, tambon.subdistrict) not in places:
            places.append((tambon.district, tambon.subdistrict))
    return [SubdistrictRow(district, subdistrict, plan.tambon(district, subdistrict),
                           [p for p in proposals if p.district == district and subdistrict in p.subdistricts])
            for district, subdistrict in places]


def default_year(repository: Repository) -> int | None:
    """The latest fiscal year with proposals that a plan covers; else the first year of the latest plan."""
    years = [fy for fy in repository.fiscal_years() if plan_for(repository, fy)]
    if years:
        return years[-1]
    return repository.plans[-1].first_fy if repository.plans else None
