"""Model: plain objects that every output reads, with the derived figures computed once.

Built from documents that passed their shape checks, so values have the right types here.
Status, totals, balances and fiscal years are derived, never written by hand. Each object
keeps its source Document only so that rules can point at a line; outputs never read it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import reprlib
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from pathlib import Path

from .load import Document
from .thai import parse_date

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")

# Status of a proposal, in the order of its life.
DRAFT, SUBMITTED, APPROVED, REJECTED, REVISE, DEFERRED, IN_PROGRESS, CLOSED = (
    "draft", "submitted", "approved", "rejected", "revise", "deferred", "in_progress", "closed")
STATUSES = [DRAFT, SUBMITTED, REVISE, DEFERRED, APPROVED, REJECTED, IN_PROGRESS, CLOSED]
AWAITING_DECISION = {SUBMITTED, REVISE, DEFERRED}


# Parsed values by (type, value): a thousand proposals write the same few amounts, quantities
# and dates over and over, and Decimal and date are immutable, so one parse serves them all.
# The type is in the key because 1, 1.0 and True are equal keys but parse differently.
_PARSED_MONEY: dict = {}
_PARSED_NUMBER: dict = {}
_PARSED_DATE: dict = {}
# The parsed numbers of a budget line by its four written values (see build_proposal).
_LINE_NUMBERS: dict = {}


def _parsed(memo: dict, parse, value):
    try:
        key = (type(value), value)
        parsed = memo.get(key)
    except TypeError:  # an unhashable value (never in a shaped document): parsed each time
        return parse(value)
    if parsed is None:
        parsed = memo[key] = parse(value)
    return parsed


# _money, _number and _date look in the memo first themselves (tens of thousands of calls a
# check: a call less each is worth it), and ask _parsed only for a value not seen yet.
def _money(value) -> Decimal:
    if value is None:
        return ZERO
    try:
        return _PARSED_MONEY[type(value), value]
    except (KeyError, TypeError):
        return _parsed(_PARSED_MONEY, _scalars().parse_money, value)


def _number(value) -> Decimal:
    if value is None:
        return ZERO
    try:
        return _PARSED_NUMBER[type(value), value]
    except (KeyError, TypeError):
        return _parsed(_PARSED_NUMBER, _scalars().parse_quantity, value)


def _date(value) -> date | None:
    if value is None:
        return None
    try:
        return _PARSED_DATE[type(value), value]
    except (KeyError, TypeError):
        return _parsed(_PARSED_DATE, parse_date, value)


@functools.lru_cache(maxsize=1)
def _scalars():
    """validate.scalars, imported on first use (validate imports this module): an import
    statement in _money itself costs more than the memo saves."""
    from .validate import scalars

    return scalars


def _whole(value, default: int) -> int:
    """A whole-number setting, or its default when left out or empty."""
    return default if value is None or isinstance(value, bool) else int(value)


def _paragraphs(text: str | None) -> list[str]:
    """Blank-line separated paragraphs, each one line (the lines of a paragraph joined by a space)."""
    if not text:
        return []
    paragraphs = []
    for block in text.strip().split("\n\n"):
        if block.strip():
            lines = block.splitlines()  # most often one: joining it would give it back
            paragraphs.append(lines[0].strip() if len(lines) == 1 else " ".join([line.strip() for line in lines]))
    return paragraphs


def _model(cls):
    """@dataclass, with an __eq__ and a __repr__ that do what the ones it writes do, shared by
    every class rather than compiled for each: compiling them was most of importing this module
    (and every check imports it). A docstring on each class spares dataclass making one of the
    signature."""
    cls = dataclass(cls, eq=False, repr=False)
    compared = tuple(f.name for f in fields(cls) if f.compare)
    if len(compared) > 1:
        cls._model_compared = operator.attrgetter(*compared)
    else:
        cls._model_compared = (lambda obj, get=operator.attrgetter(*compared): (get(obj),)) if compared \
            else (lambda obj: ())
    cls._model_shown = tuple(f.name for f in fields(cls) if f.repr)
    cls.__eq__ = _model_eq
    cls.__repr__ = _model_repr
    cls.__hash__ = None  # as dataclass leaves a class that compares by value: unhashable
    return cls


def _model_eq(self, other):
    if other.__class__ is self.__class__:
        compared = self.__class__._model_compared
        return compared(self) == compared(other)
    return NotImplemented


@reprlib.recursive_repr()  # a meeting's decisions name the meeting: "..." the second time
def _model_repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__._model_shown)
    return f"{self.__class__.__qualname__}({shown})"


# --- reference data ---------------------------------------------------------------------------

@_model
class Settings:
    """The repository's settings (khrongkan.yaml)."""
    province: str = ""
    institute: str = "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)"
    movement: str = ""
    font: str = "TH Sarabun New"
    thai_digits: bool = False
    quorum_rule: str = "more_than_half"
    quorum_fraction: Decimal = Decimal("0.5")
    publish_phone: bool = False
    publish_national_id: bool = False
    publish_bank: bool = False
    # Whether the public site lists drafts and shows the problems page; absent means shown (as
    # before these settings), `khrongkan init` writes both as false for a new repository.
    publish_drafts: bool = True
    publish_problems: bool = True
    site_title: str = ""
    site_url: str = ""
    publish_visits: bool = False  # informants, findings and finance checks of visits on the site
    visit_days: int = 90  # followup.visit_days: approved projects not visited for longer are listed
    final_report_days: int = 30  # followup.final_report_days: a final report is due this long after the end

    @classmethod
    def from_data(cls, data: dict | None) -> "Settings":
        data = data or {}
        quorum = data.get("quorum") or {}
        publish = data.get("publish") or {}
        site = data.get("site") or {}
        return cls(
            province=data.get("province") or "",
            institute=data.get("institute") or cls.institute,
            movement=data.get("movement") or "",
            font=data.get("font") or cls.font,
            thai_digits=bool(data.get("thai_digits")),
            quorum_rule=quorum.get("rule") or "more_than_half",
            quorum_fraction=_number(quorum.get("fraction", "0.5")),
            publish_phone=bool(publish.get("phone")),
            publish_national_id=bool(publish.get("national_id")),
            publish_bank=bool(publish.get("bank")),
            publish_drafts=publish.get("drafts") is not False,
            publish_problems=publish.get("problems") is not False,
            site_title=site.get("title") or "",
            site_url=site.get("url") or "",
            publish_visits=bool(publish.get("visits")),
            visit_days=_whole((data.get("followup") or {}).get("visit_days"), 90),
            final_report_days=_whole((data.get("followup") or {}).get("final_report_days"), 30),
        )

    def quorum_needed(self, members: int) -> int:
        """People needed: more than half by default (20 of 38), or at least a fraction."""
        if self.quorum_rule == "at_least_fraction":
            needed = self.quorum_fraction * members
            return int(needed) if needed == int(needed) else int(needed) + 1
        return members // 2 + 1


@_model
class District:
    """A district of the province and its sub-districts (reference/areas.yaml)."""
    name: str
    subdistricts: list[str]
    name_en: str = ""
    code: str = ""


@_model
class Areas:
    """The province's districts."""
    province: str
    districts: list[District]

    def district(self, name: str) -> District | None:
        return next((d for d in self.districts if d.name == name), None)

    def district_of(self, subdistrict: str) -> list[str]:
        return [d.name for d in self.districts if subdistrict in d.subdistricts]


@_model
class Member:
    """A member of the committees (committee.yaml)."""
    id: str
    name: str
    bodies: list[str]
    district: str = ""
    issue: str = ""
    role: str = ""


# --- proposals --------------------------------------------------------------------------------

@_model
class BudgetLine:
    """One line of an activity's budget: quantity x unit cost x times, or the amount stated."""
    item: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    times: Decimal
    stated_amount: Decimal | None

    @property
    def computed_amount(self) -> Decimal:
        return (self.quantity * self.unit_cost * self.times).quantize(CENT)

    @property
    def amount(self) -> Decimal:
        return self.stated_amount if self.stated_amount is not None else self.computed_amount


@_model
class Activity:
    """An activity of a proposal, with its budget."""
    number: int
    name: str
    start: date
    end: date
    budget: list[BudgetLine]
    detail: str = ""
    place: str = ""
    participants: int | None = None

    @property
    def total(self) -> Decimal:
        total = ZERO
        for line in self.budget:  # line.amount, spelt out: the sums of every check and output add these
            stated = line.stated_amount
            total += stated if stated is not None else line.computed_amount
        return total


@_model
class Target:
    """A target group of a proposal and its size."""
    description: str
    quantity: Decimal
    unit: str


@_model
class Contribution:
    """Money or goods a proposal gets from elsewhere."""
    source: str
    amount: Decimal
    kind: str  # cash | in_kind


@_model
class Installment:
    """A payment of the money approved (or requested), in the order the proposal sets."""
    number: int
    percent: Decimal
    condition: str
    amount: Decimal  # of the approved amount when there is one, else of the request


@_model
class Indicator:
    """A measure of a proposal's success and its target value."""
    number: int
    description: str
    target: Decimal
    unit: str


@_model
class Person:
    """A person named in a file: who is responsible, who reports."""
    name: str
    position: str
    phone: str = ""


@_model
class Decision:
    """A meeting's decision on a proposal."""
    meeting: "Meeting"
    proposal_id: str
    decision: str  # approved | rejected | revise | deferred
    amount: Decimal | None
    note: str
    fingerprint: str
    index: int  # position in the meeting's decisions list, for line numbers


@_model
class Proposal:
    """A project proposal (proposal.yaml) with everything linked to it."""
    id: str
    fiscal_year: int
    folder: Path
    source: Document
    title: str
    kind: str
    issue: str
    organization_name: str
    organization_address: str
    district: str
    subdistricts: list[str]
    area_detail: str
    start: date
    end: date
    rationale: list[str]
    objectives: list[str]
    targets: list[Target]
    activities: list[Activity]
    contributions: list[Contribution]
    installment_terms: list[tuple[Decimal, str]]
    indicators: list[Indicator]
    expected_results: list[str]
    responsible: list[Person]
    coordinator: str
    submitted: date | None
    reports: list["Report"] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # in meeting order
    has_errors: bool = False  # some file of this project failed validation
    plan: list[str] = field(default_factory=list)  # ids of the plan's strategies it serves (generator.plans)
    # After approval (generator.fieldwork): the agreement with the institute and the follow-up visits.
    agreement: "object | None" = None  # fieldwork.Agreement
    visits: list = field(default_factory=list)  # fieldwork.Visit, by number

    @property
    def number(self) -> str:
        return self.id.split("-")[1]

    @property
    def requested(self) -> Decimal:
        requested = ZERO
        for activity in self.activities:
            requested += activity.total
        return requested

    @property
    def contributed(self) -> Decimal:
        return sum((c.amount for c in self.contributions), ZERO)

    @property
    def binding_decision(self) -> Decision | None:
        """The latest decision; approvals and rejections stand unless a later one changes them."""
        return self.decisions[-1] if self.decisions else None

    @property
    def approval(self) -> Decision | None:
        """The approval in force: the binding decision, when it is one (the latest approval then)."""
        decision = self.binding_decision
        return decision if decision is not None and decision.decision == "approved" else None

    @property
    def approved(self) -> Decimal | None:
        approval = self.approval
        if approval is None:
            return None
        return approval.amount if approval.amount is not None else self.requested

    @property
    def status(self) -> str:
        if any(r.kind == "final" for r in self.reports) and self.approval:
            return CLOSED
        if self.reports and self.approval:
            return IN_PROGRESS
        decision = self.binding_decision
        if decision is not None:
            if decision.decision != "approved" and self.submitted and self.submitted > decision.meeting.date:
                return SUBMITTED  # submitted again after being rejected or sent back
            return decision.decision
        if self.reports:  # approvals may predate the repository
            return CLOSED if any(r.kind == "final" for r in self.reports) else IN_PROGRESS
        return SUBMITTED if self.submitted else DRAFT

    @property
    def installments(self) -> list[Installment]:
        base = self.approved if self.approved is not None else self.requested
        return [Installment(i, percent, condition, (base * percent / 100).quantize(CENT))
                for i, (percent, condition) in enumerate(self.installment_terms, start=1)]

    @property
    def received(self) -> Decimal:
        return sum((r.received for r in self.reports), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.reports), ZERO)

    @property
    def balance(self) -> Decimal:
        return self.received - self.spent

    def spent_on(self, activity_number: int) -> Decimal:
        return sum((r.spent_on(activity_number) for r in self.reports), ZERO)

    def indicator_actual(self, number: int) -> Decimal | None:
        """The latest reported value of an indicator (reports give the level reached so far)."""
        for report in reversed(self.reports):
            for result in report.indicators:
                if result.indicator == number:
                    return result.actual
        return None

    def fingerprint(self) -> str:
        """A short hash of what the committee approves: the proposal's content, not its layout."""
        canonical = json.dumps(self.source.data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


# --- reports ----------------------------------------------------------------------------------

@_model
class ActivityProgress:
    """What a report says of one activity."""
    activity: int
    status: str  # done | ongoing | not_started | cancelled
    result: str
    date: date | None = None
    participants: int | None = None


@_model
class IndicatorResult:
    """The level an indicator has reached, as a report gives it."""
    indicator: int
    actual: Decimal
    note: str = ""


@_model
class Receipt:
    """Money a report says was received."""
    date: date
    source: str
    amount: Decimal
    installment: int | None = None


@_model
class Expense:
    """Money a report says was spent, on one activity."""
    date: date
    activity: int
    item: str
    amount: Decimal
    receipt: str = ""


@_model
class Photo:
    """A photo attached to a report."""
    file: str  # relative to the project folder
    caption: str


@_model
class Report:
    """A progress or final report of a project (report-<N>.yaml)."""
    proposal_id: str
    number: int
    source: Document
    kind: str  # progress | final
    start: date
    end: date
    reported: date
    activities: list[ActivityProgress]
    indicators: list[IndicatorResult]
    receipts: list[Receipt]
    expenses: list[Expense]
    problems: list[str]
    lessons: list[str]
    next_steps: list[str]
    photos: list[Photo]
    reporter: Person
    # Filled in by the repository once all reports of a project are known (cumulative figures).
    received_before: Decimal = ZERO
    spent_before: Decimal = ZERO

    @property
    def received(self) -> Decimal:
        return sum((r.amount for r in self.receipts), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((e.amount for e in self.expenses), ZERO)

    @property
    def balance(self) -> Decimal:
        return self.received - self.spent

    @property
    def cumulative_received(self) -> Decimal:
        return self.received_before + self.received

    @property
    def cumulative_spent(self) -> Decimal:
        return self.spent_before + self.spent

    @property
    def cumulative_balance(self) -> Decimal:
        return self.cumulative_received - self.cumulative_spent

    def spent_on(self, activity_number: int) -> Decimal:
        return sum((e.amount for e in self.expenses if e.activity == activity_number), ZERO)


# --- meetings ---------------------------------------------------------------------------------

@_model
class Meeting:
    """A committee meeting (meetings/<fiscal year>/<NN>.yaml) and its decisions."""
    fiscal_year: int
    number: int
    source: Document
    body: str  # large | small
    date: date
    place: str
    attendees: list[str]
    decisions: list[Decision] = field(default_factory=list)
    large_committee_size: int = 0
    quorum_needed: int = 0
    large_present: int = 0
    note: str = ""
    time: str = ""  # "09:30" as written (FORMAT.md)

    @property
    def id(self) -> str:
        return f"{self.fiscal_year}-{self.number:02d}"

    @property
    def label(self) -> str:
        """ครั้งที่ 1/2570"""
        return f"{self.number}/{self.fiscal_year}"

    @property
    def has_quorum(self) -> bool:
        return self.body == "large" and self.large_present >= self.quorum_needed > 0

    @property
    def held(self) -> bool:
        return bool(self.attendees)


# --- the repository ---------------------------------------------------------------------------

@_model
class Repository:
    """Everything read from one repository."""
    root: Path
    settings: Settings
    areas: Areas | None
    issues: list[str]
    members: dict[str, Member]
    proposals: dict[str, Proposal]  # by ID, sorted
    meetings: list[Meeting]  # by date
    plans: list = field(default_factory=list)  # generator.plans.Plan, by first fiscal year

    @property
    def large_committee(self) -> list[Member]:
        return [m for m in self.members.values() if "large" in m.bodies]

    def fiscal_years(self) -> list[int]:
        return sorted({p.fiscal_year for p in self.proposals.values()})

    def proposals_in(self, fy: int | None = None) -> list[Proposal]:
        return [p for p in self.proposals.values() if fy is None or p.fiscal_year == fy]

    def pending_at(self, day: date) -> list[Proposal]:
        """Submitted by that day and with no approval or rejection from a meeting before it
        (a proposal rejected and then submitted again, with a later `submitted`, is pending again)."""
        pending = []
        for proposal in self.proposals.values():
            if not proposal.submitted or proposal.submitted > day:
                continue
            before = [d for d in proposal.decisions if d.meeting.date < day]
            if not before or before[-1].decision in ("revise", "deferred"):
                pending.append(proposal)
            elif before[-1].decision == "rejected" and proposal.submitted > before[-1].meeting.date:
                pending.append(proposal)  # rejected, then submitted again
        return pending


# --- building ---------------------------------------------------------------------------------

def build_settings(document: Document | None) -> Settings:
    return Settings.from_data(document.data if document else None)


def build_areas(document: Document | None) -> Areas | None:
    if document is None:
        return None
    data = document.data
    return Areas(data.get("province", ""), [
        District(d["name"], list(d.get("subdistricts") or []), d.get("name_en") or "", str(d.get("code") or ""))
        for d in data.get("districts") or []])


def build_issues(document: Document | None) -> list[str]:
    if document is None:
        return []
    return [i["name"] for i in document.data.get("issues") or []]


def build_members(document: Document | None) -> dict[str, Member]:
    if document is None:
        return {}
    members = {}
    for m in document.data.get("members") or []:
        members.setdefault(m["id"], Member(m["id"], m["name"], list(m.get("bodies") or []),
                                           m.get("district") or "", m.get("issue") or "", m.get("role") or ""))
    return members


def _line_numbers(quantity, unit_cost, times, stated) -> tuple:
    return (_number(quantity), _money(unit_cost), _number(times) if times is not None else ONE,
            _money(stated) if stated is not None else None)


def _budget_lines(budget: list) -> list[BudgetLine]:
    """The lines of an activity's budget. The most numerous objects of a check (a dozen or more
    per project): their four numbers are parsed together, by what is written (the types in the
    key, as in _parsed), since the same lines recur (20 people x 60 baht for lunch)."""
    lines = []
    for b in budget:
        item, quantity, unit, unit_cost = b["item"], b["quantity"], b["unit"], b["unit_cost"]
        times, stated = b.get("times"), b.get("amount")
        try:
            key = (type(quantity), quantity, type(unit_cost), unit_cost, type(times), times, type(stated), stated)
            numbers = _LINE_NUMBERS[key]
        except KeyError:
            numbers = _LINE_NUMBERS[key] = _line_numbers(quantity, unit_cost, times, stated)
        except TypeError:  # an unhashable value (never in a shaped document): parsed each time
            numbers = _line_numbers(quantity, unit_cost, times, stated)
        quantity, unit_cost, times, stated = numbers
        lines.append(BudgetLine(item, quantity, unit, unit_cost, times, stated))
    return lines


def build_proposal(document: Document, proposal_id: str, fy: int) -> Proposal:
    d = document.data
    organization = d.get("organization") or {}
    area = d.get("area") or {}
    activities = []
    for number, a in enumerate(d.get("activities") or [], start=1):
        lines = _budget_lines(a.get("budget") or [])
        activities.append(Activity(number, a["name"], _date(a["start"]), _date(a["end"]), lines,
                                   a.get("detail") or "", a.get("place") or "", a.get("participants")))
    return Proposal(
        id=proposal_id, fiscal_year=fy, folder=document.path.parent, source=document,
        title=d["title"].strip(), kind=d["kind"], issue=d["issue"],
        organization_name=organization.get("name", ""), organization_address=organization.get("address") or "",
        district=area.get("district", ""), subdistricts=list(area.get("subdistricts") or []),
        area_detail=area.get("detail") or "",
        start=_date(d["period"]["start"]), end=_date(d["period"]["end"]),
        rationale=_paragraphs(d.get("rationale")),
        objectives=list(d.get("objectives") or []),
        targets=[Target(t["description"], _number(t["quantity"]), t["unit"]) for t in d.get("targets") or []],
        activities=activities,
        contributions=[Contribution(c["source"], _money(c["amount"]), c["kind"]) for c in d.get("contributions") or []],
        installment_terms=[(_number(i["percent"]), i["condition"]) for i in d.get("installments") or []],
        indicators=[Indicator(n, i["description"], _number(i["target"]), i["unit"])
                    for n, i in enumerate(d.get("indicators") or [], start=1)],
        expected_results=list(d.get("expected_results") or []),
        responsible=[Person(r["name"], r["position"], r.get("phone") or "") for r in d.get("responsible") or []],
        coordinator=d.get("coordinator") or "",
        submitted=_date(d.get("submitted")),
        plan=[str(i) for i in d.get("plan") or []],
    )


def build_report(document: Document, proposal_id: str, number: int) -> Report:
    d = document.data
    finance = d.get("finance") or {}
    reporter = d.get("reporter") or {}
    return Report(
        proposal_id=proposal_id, number=number, source=document, kind=d["kind"],
        start=_date(d["period"]["start"]), end=_date(d["period"]["end"]), reported=_date(d["reported"]),
        activities=[ActivityProgress(a["activity"], a["status"], a["result"], _date(a.get("date")), a.get("participants"))
                    for a in d.get("activities") or []],
        indicators=[IndicatorResult(i["indicator"], _number(i["actual"]), i.get("note") or "")
                    for i in d.get("indicators") or []],
        receipts=[Receipt(_date(r["date"]), r["source"], _money(r["amount"]), r.get("installment"))
                  for r in finance.get("received") or []],
        expenses=[Expense(_date(e["date"]), e["activity"], e["item"], _money(e["amount"]), e.get("receipt") or "")
                  for e in finance.get("spent") or []],
        problems=list(d.get("problems") or []), lessons=list(d.get("lessons") or []),
        next_steps=list(d.get("next_steps") or []),
        photos=[Photo(p["file"], p["caption"]) for p in d.get("photos") or []],
        reporter=Person(reporter.get("name", ""), reporter.get("position", "")),
    )


def build_meeting(document: Document, fy: int, number: int, settings: Settings, members: dict[str, Member]) -> Meeting:
    d = document.data
    large = [m for m in members.values() if "large" in m.bodies]
    attendees = list(dict.fromkeys(d.get("attendees") or []))
    meeting = Meeting(
        fiscal_year=fy, number=number, source=document, body=d["body"], date=_date(d["date"]),
        place=d.get("place") or "", attendees=attendees, note=d.get("note") or "", time=d.get("time") or "",
        large_committee_size=len(large), quorum_needed=settings.quorum_needed(len(large)),
        large_present=sum(1 for a in attendees if a in members and "large" in members[a].bodies),
    )
    for index, x in enumerate(d.get("decisions") or []):
        meeting.decisions.append(Decision(meeting, x["proposal"], x["decision"],
                                          _money(x["amount"]) if x.get("amount") is not None else None,
                                          x.get("note") or "", x.get("fingerprint") or "", index))
    return meeting


def link(repository: Repository) -> None:
    """Attach decisions to proposals and compute each report's figures carried forward."""
    for proposal in repository.proposals.values():
        proposal.decisions.clear()
        proposal.reports.sort(key=lambda r: r.number)
        received = spent = ZERO
        for report in proposal.reports:
            report.received_before, report.spent_before = received, spent
            received += report.received
            spent += report.spent
    for meeting in sorted(repository.meetings, key=lambda m: (m.date, m.fiscal_year, m.number)):
        for decision in meeting.decisions:
            proposal = repository.proposals.get(decision.proposal_id)
            # Only decisions the meeting could take count toward a proposal's status.
            if proposal is not None and _decision_counts(meeting, decision, proposal):
                proposal.decisions.append(decision)


def _decision_counts(meeting: Meeting, decision: Decision, proposal: Proposal | None = None) -> bool:
    authority = meeting.body == "large" and meeting.has_quorum
    if decision.decision in ("approved", "rejected"):
        return authority
    # Anyone may send a proposal back or defer it before it is decided; undoing an approval or a
    # rejection takes the authority that made it.
    binding = proposal.binding_decision if proposal is not None else None
    return authority or binding is None or binding.decision not in ("approved", "rejected")
