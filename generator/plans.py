"""Plans: the tambon plans rolled up into the provincial community strategic plan, as plain objects.

`plans/<FY>-<FY>/province.yaml` is the provincial plan for those fiscal years
(แผนยุทธศาสตร์ชุมชนจังหวัด); `plans/<FY>-<FY>/tambon/<district>/<subdistrict>.yaml` are the
tambon plans (แผนตำบล) it compiles. Built from documents that passed their shape checks; the
rules that span files are in generator.validate.plans, the coverage figures in
generator.plan_rollup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .load import Document
from .model import Proposal, Repository, _date, _money, _number, _paragraphs


@dataclass
class StrategyIndicator:
    description: str
    quantity: Decimal
    unit: str


@dataclass
class Strategy:
    id: str
    title: str
    issue: str
    goal: str
    indicators: list[StrategyIndicator]
    budget_frame: Decimal | None
    index: int  # position in the plan's strategies list, for line numbers


@dataclass
class Need:
    title: str
    issue: str
    detail: str
    strategies: list[str]
    priority: int | None
    index: int


@dataclass
class TambonPlan:
    district: str
    subdistrict: str
    council: str
    adopted: date
    needs: list[Need]
    source: Document
    note: str = ""

    def needs_for(self, strategy_id: str) -> list[Need]:
        return [n for n in self.needs if strategy_id in n.strategies]


@dataclass
class Plan:
    first_fy: int
    last_fy: int
    source: Document
    title: str
    start: date
    end: date
    approved_at: str
    strategies: list[Strategy]
    vision: list[str] = field(default_factory=list)
    made_by: str = ""
    note: str = ""
    tambons: list[TambonPlan] = field(default_factory=list)  # by district, then sub-district

    @property
    def name(self) -> str:
        """2570-2572: the folder name, how people refer to the plan."""
        return f"{self.first_fy}-{self.last_fy}"

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.first_fy, self.last_fy + 1))

    def covers(self, fy: int) -> bool:
        return self.first_fy <= fy <= self.last_fy

    def strategy(self, strategy_id: str) -> Strategy | None:
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def tambon(self, district: str, subdistrict: str) -> TambonPlan | None:
        return next((t for t in self.tambons if t.district == district and t.subdistrict == subdistrict), None)


def build_plan(document: Document, first_fy: int, last_fy: int) -> Plan:
    d = document.data
    strategies = [Strategy(str(s["id"]), s["title"].strip(), s["issue"], s.get("goal") or "",
                           [StrategyIndicator(i["description"], _number(i["quantity"]), i["unit"])
                            for i in s.get("indicators") or []],
                           _money(s["budget_frame"]) if s.get("budget_frame") is not None else None, index)
                  for index, s in enumerate(d.get("strategies") or [])]
    return Plan(first_fy, last_fy, document, d["title"].strip(), _date(d["period"]["start"]), _date(d["period"]["end"]),
                d.get("approved_at") or "", strategies, _paragraphs(d.get("vision")), d.get("made_by") or "",
                d.get("note") or "")


def build_tambon_plan(document: Document) -> TambonPlan:
    d = document.data
    needs = [Need(n["title"].strip(), n["issue"], n.get("detail") or "", [str(s) for s in n.get("strategies") or []],
                  n.get("priority"), index)
             for index, n in enumerate(d.get("needs") or [])]
    return TambonPlan(d["district"], d["subdistrict"], d.get("council") or "", _date(d["adopted"]), needs, document,
                      d.get("note") or "")


def plan_for(repository: Repository, fy: int | None) -> Plan | None:
    """The plan whose fiscal years cover `fy` (plans do not overlap: the first one found)."""
    if fy is None:
        return None
    return next((p for p in repository.plans if p.covers(fy)), None)


def serving(repository: Repository, proposal: Proposal) -> list[Strategy]:
    """The strategies of its year's plan that a proposal says it serves (unknown ids left out)."""
    plan = plan_for(repository, proposal.fiscal_year)
    if plan is None:
        return []
    return [s for s in (plan.strategy(i) for i in dict.fromkeys(proposal.plan)) if s is not None]
