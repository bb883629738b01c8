"""Committee workflow: what a meeting's agenda and minutes say, read from the model.

- `agenda_items(repository, meeting)`: every submitted proposal still awaiting a decision on the
  meeting's date (revise and deferred ones marked as returning), plus approved proposals edited
  since their approval (their recorded fingerprint no longer matches): they need approving again.
- `attendance(repository, meeting)`: who came and who did not, against the roster, and the quorum.
- `approval_fingerprints(...)`: the value the secretariat records under each approval so that `check`
  can flag a proposal edited after it was approved (rule R010).

Plain data only; `agenda_context` and `minutes_context` turn it into the text the Word templates
show (Thai dates, amounts in figures and words).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from . import thai
from .documents.formatter import Formatter, movement_name, subdistricts_text
from .errors import KhrongkanError
from .model import Decision, Meeting, Member, Proposal, Repository
from .vocabulary import CONTRIBUTION_KIND_TH as CONTRIBUTION_TH
from .vocabulary import DECISION_TH
from .vocabulary import MEETING_BODY_TH as BODY_TH
from .vocabulary import MEMBER_BODY_TH as BODIES_TH
from .vocabulary import PROJECT_KIND_TH as KIND_TH


# Fingerprint states of one approval.
RECORDED, MISSING, DIFFERS = "recorded", "missing", "differs"
FINGERPRINT_TH = {RECORDED: "ตรงกับที่บันทึกไว้", MISSING: "ยังไม่ได้บันทึกในไฟล์การประชุม",
                  DIFFERS: "ไม่ตรง: แบบเสนอถูกแก้ไขหลังอนุมัติ ต้องเสนอพิจารณาใหม่"}
FINGERPRINT_EN = {RECORDED: "matches the recorded value", MISSING: "not recorded in the meeting file yet",
                  DIFFERS: "differs: the proposal was edited after its approval"}


# --- finding the meeting -------------------------------------------------------------------------

def find_meeting(repository: Repository, reference: str | Path) -> Meeting:
    """The meeting of a file path (meetings/2570/03.yaml) or of an ID (2570-03) or label (3/2570)."""
    text = str(reference)
    wanted = Path(reference)
    for meeting in repository.meetings:
        if text in (meeting.id, meeting.label, meeting.source.file):
            return meeting
        try:
            if wanted.exists() and wanted.resolve() == meeting.source.path.resolve():
                return meeting
        except OSError:
            continue
    raise KhrongkanError(
        f"ไม่พบการประชุม '{text}' หรือไฟล์การประชุมมีข้อผิดพลาด (ตรวจด้วย khrongkan check) "
        "ระบุเป็นไฟล์ เช่น meetings/2570/03.yaml",
        f"no meeting '{text}', or its file has errors (run khrongkan check); "
        "give the file, e.g. meetings/2570/03.yaml")


def output_stem(meeting: Meeting, kind: str) -> str:
    """meeting-2570-03-agenda"""
    return f"meeting-{meeting.fiscal_year}-{meeting.number:02d}-{kind}"


# --- agenda --------------------------------------------------------------------------------------

@dataclass
class AgendaItem:
    proposal: Proposal
    returning: Decision | None = None  # the earlier decision it comes back from (revise, deferred, rejected)
    reapproval: Decision | None = None  # an approval given to a text that has since changed

    @property
    def mark_short_th(self) -> str:
        if self.reapproval is not None:
            return "แก้ไขหลังอนุมัติ"
        if self.returning is not None:
            return f"เสนอกลับมาจากครั้งที่ {self.returning.meeting.label}"
        return ""

    @property
    def mark_th(self) -> str:
        if self.reapproval is not None:
            return f"แก้ไขหลังอนุมัติ (ครั้งที่ {self.reapproval.meeting.label}) เสนอพิจารณาใหม่"
        if self.returning is not None:
            return f"เสนอกลับมาจากการประชุมครั้งที่ {self.returning.meeting.label} ({DECISION_TH[self.returning.decision]})"
        return "เสนอใหม่"


def decisions_before(proposal: Proposal, day: date) -> list[Decision]:
    return [d for d in proposal.decisions if d.meeting.date < day]


def agenda_items(repository: Repository, meeting: Meeting) -> list[AgendaItem]:
    """Proposals the meeting has to decide on, in ID order.

    Pending ones come from `Repository.pending_at` (submitted by the meeting's date, with no
    approval or rejection from an earlier meeting); to them are added approved proposals whose
    approval recorded a fingerprint that no longer matches the proposal.
    """
    pending = {p.id for p in repository.pending_at(meeting.date)}
    items = []
    for proposal in repository.proposals.values():
        before = decisions_before(proposal, meeting.date)
        if proposal.id in pending:
            # Pending after an earlier decision: sent back, deferred, or rejected and submitted again.
            items.append(AgendaItem(proposal, returning=before[-1] if before else None))
        elif before and before[-1].decision == "approved" and before[-1].fingerprint \
                and before[-1].fingerprint != proposal.fingerprint():
            items.append(AgendaItem(proposal, reapproval=before[-1]))
    return items


# --- attendance and quorum -----------------------------------------------------------------------

@dataclass
class Attendance:
    present: list[Member]  # on the roster, in the order written
    unknown: list[str]  # ids not on the roster (check reports them)
    absent: list[Member]  # members of the meeting's body who did not come
    large_present: int
    large_size: int
    needed: int
    body: str

    @property
    def reached(self) -> bool:
        return self.body == "large" and self.large_present >= self.needed > 0


def roster_of(repository: Repository, body: str) -> list[Member]:
    """Who is expected: the large committee, or the small committee with the secretariat."""
    wanted = {"large"} if body == "large" else {"small", "secretariat"}
    return [m for m in repository.members.values() if wanted & set(m.bodies)]


def attendance(repository: Repository, meeting: Meeting) -> Attendance:
    present = [repository.members[a] for a in meeting.attendees if a in repository.members]
    unknown = [a for a in meeting.attendees if a not in repository.members]
    came = set(meeting.attendees)
    absent = [m for m in roster_of(repository, meeting.body) if m.id not in came]
    return Attendance(present, unknown, absent, meeting.large_present, meeting.large_committee_size,
                      meeting.quorum_needed, meeting.body)


QUORUM_UNKNOWN_TH = "ยังตัดสินไม่ได้ว่าครบองค์ประชุมหรือไม่ จนกว่าจะแก้ไฟล์รายชื่อกรรมการ committee.yaml ให้อ่านได้"


def quorum_rule_th(repository: Repository) -> str:
    settings = repository.settings
    if settings.quorum_rule == "at_least_fraction":
        return f"ไม่น้อยกว่าร้อยละ {thai.format_percent(settings.quorum_fraction * 100)} ของคณะยุทธศาสตร์ชุดใหญ่"
    return "เกินกึ่งหนึ่งของคณะยุทธศาสตร์ชุดใหญ่"


# --- fingerprints --------------------------------------------------------------------------------

@dataclass
class FingerprintCheck:
    proposal: Proposal
    decision: Decision
    current: str

    @property
    def recorded(self) -> str:
        return self.decision.fingerprint

    @property
    def state(self) -> str:
        if not self.recorded:
            return MISSING
        return RECORDED if self.recorded == self.current else DIFFERS

    def location(self) -> str:
        """Where to write it: the decision's line in the meeting file."""
        source = self.decision.meeting.source
        line, _ = source.pos(("decisions", self.decision.index, "proposal"))
        return f"{source.file}:{line}"


def approval_fingerprints(repository: Repository, meeting: Meeting | None = None,
                          ids: list[str] | None = None) -> list[FingerprintCheck]:
    """Approvals with their fingerprint state: those one meeting took with effect, or (without a
    meeting) the approval in force of every proposal, or of the proposals in `ids`."""
    checks = []
    for m in ([meeting] if meeting else repository.meetings):
        for decision in m.decisions:
            proposal = repository.proposals.get(decision.proposal_id)
            if decision.decision != "approved" or proposal is None or (ids and proposal.id not in ids):
                continue
            in_force = decision is proposal.approval
            took_effect = any(d is decision for d in proposal.decisions)
            if (meeting is None and in_force) or (meeting is not None and took_effect):
                checks.append(FingerprintCheck(proposal, decision, proposal.fingerprint()))
    return checks


def resolve_ids(repository: Repository, ids: list[str]) -> list[Proposal]:
    """Proposals by full ID or by their `<FY>-<NNN>` prefix; unknown ones are an error."""
    found = []
    for wanted in ids:
        match = repository.proposals.get(wanted) or next(
            (p for p in repository.proposals.values() if p.id.startswith(wanted + "-") or p.id == wanted), None)
        if match is None:
            from .problems import suggestion

            hint = suggestion(wanted, repository.proposals)
            raise KhrongkanError(f"ไม่พบโครงการรหัส '{wanted}'{hint['suggestion_th']}",
                                 f"no proposal with ID '{wanted}'{hint['suggestion_en']}")
        found.append(match)
    return found


# --- Word document contexts ----------------------------------------------------------------------

class CommitteeFormatter(Formatter):
    """documents.Formatter, with amounts shown without ".00" (satang only when there are some):
    the agenda puts one proposal on one page."""

    def money(self, amount) -> str:
        return thai.format_money(amount, digits=self.digits)


def _formatter(repository: Repository) -> CommitteeFormatter:
    return CommitteeFormatter(repository.settings.thai_digits)


def short_id(proposal: Proposal) -> str:
    """2570-005: unique (the number is unique in its year) and short enough for a table cell."""
    return f"{proposal.fiscal_year}-{proposal.number}"


def _member_name(repository: Repository, member_id: str) -> str:
    member = repository.members.get(member_id)
    return member.name if member else member_id


def _area_text(proposal: Proposal, f) -> str:
    parts = [f.text(proposal.area_detail), subdistricts_text(proposal, f), f"อำเภอ{f.text(proposal.district)}"]
    return " ".join(p for p in parts if p)


def previous_meeting(repository: Repository, meeting: Meeting) -> Meeting | None:
    """The last meeting of the same body held before this one (its minutes are adopted first)."""
    earlier = [m for m in repository.meetings
               if m.body == meeting.body and m.held and (m.date, m.number) < (meeting.date, meeting.number)]
    return earlier[-1] if earlier else None


def meeting_time(written: str) -> str:
    """"09:30" or "9.30" as Thai documents write a time: "09.30 น." ("" when not given)."""
    if not written:
        return ""
    hours, minutes = written.replace(":", ".").split(".")
    return f"{int(hours):02d}.{minutes} น."


def _meeting_context(repository: Repository, meeting: Meeting, f) -> dict:
    settings = repository.settings
    previous = previous_meeting(repository, meeting)
    return {
        "province": f.text(settings.province),
        "institute": f.text(settings.institute),
        "movement": f.text(movement_name(settings)),
        "body": BODY_TH.get(meeting.body, meeting.body),
        "is_large": meeting.body == "large",
        "label": f.text(meeting.label),
        "fiscal_year": f.text(meeting.fiscal_year),
        "date": f.date(meeting.date),
        "place": f.text(meeting.place) or "-",
        "time": f.text(meeting_time(meeting.time)),
        "thai_digits": f.digits,
        "note": f.text(meeting.note),
        "previous": f.text(previous.label) if previous else "",
        "previous_date": f.date(previous.date) if previous else "",
        "large_size": f.number(meeting.large_committee_size),
        "quorum_needed": f.number(meeting.quorum_needed),
        "quorum_rule": quorum_rule_th(repository),
        # Without a readable roster no count is true: "at least 1 of 0" would mislead.
        **({"large_size": "-", "quorum_needed": "-", "quorum_rule": QUORUM_UNKNOWN_TH} if not repository.members else {}),
    }


# The standard agenda: 1 the chair's announcements, 2 the last minutes, 3 matters arising,
# 4 the proposals to decide (4.1, 4.2, ...), 5 other business.
CONSIDERATION_ITEM = 4


def agenda_context(repository: Repository, meeting: Meeting) -> dict:
    """ระเบียบวาระการประชุม: the summary table of proposals to decide, then one page per proposal."""
    f = _formatter(repository)
    items = agenda_items(repository, meeting)
    rows, pages = [], []
    total_requested = total_budget = Decimal(0)
    for n, item in enumerate(items, start=1):
        p = item.proposal
        budget = p.requested + p.contributed
        total_requested += p.requested
        total_budget += budget
        previous = item.reapproval or item.returning
        rows.append({"no": f.number(n), "id": p.id, "short_id": short_id(p), "title": f.text(p.title),
                     "district": f.text(p.district), "issue": f.text(p.issue), "requested": f.money(p.requested),
                     "total": f.money(budget), "mark": item.mark_th, "mark_short": item.mark_short_th,
                     "returning": previous is not None})
        pages.append({
            "no": f.number(n), "id": p.id, "short_id": short_id(p), "title": f.text(p.title),
            "kind": KIND_TH.get(p.kind, p.kind),
            "issue": f.text(p.issue), "organization": f.text(p.organization_name),
            "address": f.text(p.organization_address), "area": _area_text(p, f), "period": f.period(p.start, p.end),
            "submitted": f.date(p.submitted), "objectives": f.items(p.objectives),
            "activities": [{"no": f.number(a.number), "name": f.text(a.name), "when": f.short_period(a.start, a.end),
                            "amount": f.money(a.total)} for a in p.activities],
            "requested": f.money(p.requested), "requested_words": f.words(p.requested),
            "contributions": [{"source": f.text(c.source), "amount": f.money(c.amount),
                               "kind": CONTRIBUTION_TH.get(c.kind, c.kind)} for c in p.contributions],
            "contributed": f.money(p.contributed), "total": f.money(budget),
            "coordinator": f.text(_member_name(repository, p.coordinator)) if p.coordinator else "-",
            "mark": item.mark_th, "returning": previous is not None,
            "previous_note": f.text(previous.note) if previous else "",
            "fingerprint": p.fingerprint(), "has_errors": p.has_errors,
        })
    context = _meeting_context(repository, meeting, f)
    context.update({
        "section": f.number(CONSIDERATION_ITEM),
        "returning_items": [r for r in rows if r["returning"]],
        "items": rows, "proposals": pages, "count": f.number(len(items)),
        "total_requested": f.money(total_requested), "total_requested_words": f.words(total_requested),
        "total_budget": f.money(total_budget), "total_contributed": f.money(total_budget - total_requested),
    })
    return context


def _invalid_reason(repository: Repository, meeting: Meeting, decision: Decision, proposal: Proposal | None) -> str:
    """Why a decision written in the file has no effect, or "" when it counts."""
    if proposal is None:
        return "มติไม่มีผล: ไม่พบโครงการนี้ในคลังโครงการ"
    if any(d is decision for d in proposal.decisions):
        return ""
    if meeting.body != "large":
        return "มติไม่มีผล: ชุดเล็กไม่มีอำนาจอนุมัติ ไม่อนุมัติ หรือเปลี่ยนมติของชุดใหญ่"
    if not repository.members:
        return f"มติยังไม่มีผล: {QUORUM_UNKNOWN_TH}"
    return (f"มติไม่มีผล: ไม่ครบองค์ประชุม (กรรมการชุดใหญ่มา {meeting.large_present} คน "
            f"ต้องมีอย่างน้อย {meeting.quorum_needed} คน)")


def minutes_context(repository: Repository, meeting: Meeting) -> dict:
    """บันทึกการประชุม: attendance against the roster, the quorum, and every decision."""
    f = _formatter(repository)
    roll = attendance(repository, meeting)
    decisions = []
    for n, d in enumerate(meeting.decisions, start=1):
        p = repository.proposals.get(d.proposal_id)
        amount = None
        if d.decision == "approved" and p is not None:
            amount = d.amount if d.amount is not None else p.requested
        elif d.amount is not None:
            amount = d.amount
        approved = d.decision == "approved" and p is not None
        check = FingerprintCheck(p, d, p.fingerprint()) if approved else None
        decisions.append({
            "no": f.number(n), "id": d.proposal_id, "short_id": short_id(p) if p else d.proposal_id,
            "title": f.text(p.title) if p else "(ไม่พบโครงการนี้ในคลัง)",
            "district": f.text(p.district) if p else "-", "organization": f.text(p.organization_name) if p else "-",
            "decision": DECISION_TH[d.decision], "approved": approved,
            "requested": f.money(p.requested) if p else "-",
            "has_amount": amount is not None,
            "amount": f.money(amount) if amount is not None else "-",
            "amount_words": f.words(amount) if amount is not None else "",
            "note": f.text(d.note), "invalid_reason": _invalid_reason(repository, meeting, d, p),
            "fingerprint": (check.recorded or check.current) if check else "",
            "fingerprint_state": FINGERPRINT_TH[check.state] if check else "",
        })
    context = _meeting_context(repository, meeting, f)

    def role(m: Member) -> str:
        """The member's role, with the district or issue they represent when the role does not say it."""
        where = " / ".join(x for x in (f"อำเภอ{m.district}" if m.district else "", m.issue) if x and x not in m.role)
        return f.text(f"{m.role} ({where})" if m.role and where else m.role or where or "กรรมการ")

    context.update({
        "present": [{"no": f.number(i), "name": f.text(m.name), "role": role(m),
                     "bodies": ", ".join(BODIES_TH.get(b, b) for b in m.bodies)}
                    for i, m in enumerate(roll.present, start=1)],
        "unknown": ", ".join(roll.unknown),
        "absent": [{"no": f.number(i), "name": f.text(m.name), "role": role(m),
                    "bodies": ", ".join(BODIES_TH.get(b, b) for b in m.bodies)}
                   for i, m in enumerate(roll.absent, start=1)],
        "present_count": f.number(len(roll.present) + len(roll.unknown)),
        "absent_count": f.number(len(roll.absent)),
        "roster_name": "กรรมการชุดใหญ่" if meeting.body == "large" else "คณะทำงานชุดเล็กและกองเลขา",
        "large_present": f.number(roll.large_present) if repository.members else "-",
        "quorum_reached": roll.reached,
        "quorum_text": (QUORUM_UNKNOWN_TH if not repository.members else
                        "ครบองค์ประชุม" if roll.reached else "ไม่ครบองค์ประชุม จึงอนุมัติหรือไม่อนุมัติโครงการไม่ได้")
        if meeting.body == "large" else "การประชุมชุดเล็กไม่มีอำนาจอนุมัติหรือไม่อนุมัติโครงการ",
        "decisions": decisions, "decision_count": f.number(len(decisions)),
        "has_fingerprints": any(d["fingerprint"] for d in decisions),
    })
    return context


# --- rendering ------------------------------------------------------------------------------------

def render_agenda(repository: Repository, meeting: Meeting, out_dir: Path) -> Path:
    """build/docx/meeting-2570-03-agenda.docx from templates/agenda.docx."""
    from .documents.engine import render_docx, template_path

    out = Path(out_dir) / f"{output_stem(meeting, 'agenda')}.docx"
    render_docx(template_path(repository.root, "agenda.docx"), agenda_context(repository, meeting), out,
                font=repository.settings.font)
    return out


def render_minutes(repository: Repository, meeting: Meeting, out_dir: Path) -> Path:
    """build/docx/meeting-2570-01-minutes.docx from templates/minutes.docx; the meeting must be held."""
    from .documents.engine import render_docx, template_path

    if not meeting.held:
        raise KhrongkanError(
            f"การประชุมครั้งที่ {meeting.label} ยังไม่มีผู้เข้าประชุม (attendees ว่าง) จึงยังทำบันทึกการประชุมไม่ได้ "
            f"— ใส่รหัสผู้เข้าประชุมใน {meeting.source.file} หรือใช้ khrongkan agenda สำหรับการประชุมที่ยังไม่ได้จัด",
            f"meeting {meeting.label} has no attendees yet, so there are no minutes to write; "
            "for a coming meeting use khrongkan agenda")
    out = Path(out_dir) / f"{output_stem(meeting, 'minutes')}.docx"
    render_docx(template_path(repository.root, "minutes.docx"), minutes_context(repository, meeting), out,
                font=repository.settings.font)
    return out


# --- sample contexts for the template check ------------------------------------------------------

def sample_repository() -> Repository:
    """documents.sample_repository() plus a held large meeting that approves its one proposal."""
    from .documents.sample import sample_repository as base
    from .load import Document
    from .model import Meeting

    repository = base()
    proposal = next(iter(repository.proposals.values()))
    proposal.source = Document("proposals/2570/2570-001/proposal.yaml", Path("proposal.yaml"), {"title": proposal.title})
    repository.members["m02"] = Member("m02", "นางกรรมการขาด", ["large"], district="สวี", role="กรรมการ")
    repository.members["s01"] = Member("s01", "นางกองเลขา", ["small", "secretariat"])
    held = Meeting(2570, 1, Document("meetings/2570/01.yaml", Path("01.yaml"), {}), "large", date(2026, 10, 8),
                   "ศาลากลาง", ["m01", "s01"], large_committee_size=2, quorum_needed=1, large_present=1)
    held.decisions.append(Decision(held, proposal.id, "approved", None, "หมายเหตุ", "", 0))
    coming = Meeting(2570, 2, Document("meetings/2570/02.yaml", Path("02.yaml"), {}), "large", date(2026, 12, 10),
                     "ศาลากลาง", [], large_committee_size=2, quorum_needed=1)
    proposal.decisions.append(held.decisions[0])
    proposal.decisions[0].fingerprint = "0" * 12  # edited since: the agenda lists it again
    repository.meetings += [held, coming]
    return repository


def sample_agenda_context() -> dict:
    repository = sample_repository()
    return agenda_context(repository, repository.meetings[1])


def sample_minutes_context() -> dict:
    repository = sample_repository()
    return minutes_context(repository, repository.meetings[0])
