"""Rules that span fields and files: sums, dates, references, quorum, photo paths.

Each rule reads the model (values already typed) and points at the line of the value it is
about through the object's source Document. Rules never stop at the first problem.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from decimal import Decimal
from pathlib import Path

from .. import thai
from ..model import ZERO, Meeting, Proposal, Repository
from ..problems import ProblemList, suggestion

MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; larger is a decompression bomb here
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF"}


def _at(problems: ProblemList, code: str, source, path: tuple, **params) -> None:
    line, column = source.pos(path)
    problems.add(code, source.file, line, column, **params)


def _d(day) -> str:
    return thai.format_date(day)


_BOUNDS: dict = {}


def _fiscal_year_bounds(fy: int) -> tuple:
    """thai.fiscal_year_bounds, once for each year (asked of every proposal and report)."""
    bounds = _BOUNDS.get(fy)
    if bounds is None:
        bounds = _BOUNDS[fy] = thai.fiscal_year_bounds(fy)
    return bounds


def check_proposal(proposal: Proposal, repository: Repository, problems: ProblemList, verdict_of=None) -> None:
    """`verdict_of(path)`: what `photo_verdict` says of a photo file (check_repository passes
    one that reads it back from the check's cache while the photo is unchanged)."""
    src = proposal.source
    start, end = proposal.start, proposal.end
    if start > end:
        _at(problems, "D003", src, ("period", "start"), start=_d(start), end=_d(end))
    fy_start, fy_end = _fiscal_year_bounds(proposal.fiscal_year)
    if start < fy_start or end > fy_end:
        _at(problems, "D004", src, ("period", "start" if start < fy_start else "end"),
            what="ระยะเวลาโครงการ", what_en="the project period", start=_d(start), end=_d(end),
            fy=proposal.fiscal_year, fy_start=_d(fy_start), fy_end=_d(fy_end))
    ordered = start <= end
    for i, activity in enumerate(proposal.activities):
        if activity.start > activity.end:
            _at(problems, "D003", src, ("activities", i, "start"), start=_d(activity.start), end=_d(activity.end))
        elif ordered and (activity.start < start or activity.end > end):
            _at(problems, "D007", src, ("activities", i, "start" if activity.start < start else "end"),
                number=activity.number, start=_d(activity.start), end=_d(activity.end),
                p_start=_d(start), p_end=_d(end))
        for j, line in enumerate(activity.budget):
            stated = line.stated_amount
            if stated is not None and stated != line.computed_amount:
                _at(problems, "M004", src, ("activities", i, "budget", j, "amount"),
                    stated=thai.format_money(line.stated_amount), quantity=thai.format_number(line.quantity),
                    unit_cost=thai.format_money(line.unit_cost), times=thai.format_number(line.times),
                    computed=thai.format_money(line.computed_amount))
    if proposal.installment_terms:
        total_percent = Decimal(0)
        for percent, _ in proposal.installment_terms:
            total_percent += percent
        if total_percent != 100:
            _at(problems, "M005", src, ("installments",), total=thai.format_number(total_percent))
    _check_years(src, proposal.fiscal_year, ((("submitted",), proposal.submitted),), problems)
    _check_reports(proposal, problems, verdict_of or photo_verdict)


def _check_years(src, fy: int, dated, problems: ProblemList) -> None:
    """A date years away from the project's fiscal year is most likely a typo (2069 for 2569):
    worth a look even where no period rule applies (submission, report and money dates).
    `dated`: (path, date) pairs, a date None where none is written."""
    fy_start, fy_end = _fiscal_year_bounds(fy)
    low, high = fy_start.year - 5, fy_end.year + 5
    for path, day in dated:
        if day is not None and not low <= day.year <= high:
            written = src.raw.get(path, (None, str(day), None))[1]
            _at(problems, "D008", src, path, year=written.strip()[:4], ce=day.year)


def check_proposal_references(src, repository: Repository, problems: ProblemList) -> None:
    """District, sub-districts, issue and coordinator against the reference lists.

    Reads the document's raw data, so that these names are checked even when another part of
    the same file has a shape error (every problem is reported at once)."""
    data = src.data
    area = data.get("area") if isinstance(data.get("area"), dict) else {}
    district_name = area.get("district")
    areas = repository.areas
    if areas is not None and isinstance(district_name, str):
        district = areas.district(district_name)
        if district is None:
            _at(problems, "A001", src, ("area", "district"), value=district_name, province=areas.province,
                **suggestion(district_name, [d.name for d in areas.districts]))
        else:
            names = area.get("subdistricts") if isinstance(area.get("subdistricts"), list) else []
            for i, name in enumerate(names):
                if not isinstance(name, str) or name in district.subdistricts:
                    continue
                elsewhere = areas.district_of(name)
                if elsewhere:
                    _at(problems, "A003", src, ("area", "subdistricts", i), value=name, other=elsewhere[0],
                        district=district.name)
                else:
                    _at(problems, "A002", src, ("area", "subdistricts", i), value=name, district=district.name,
                        **suggestion(name, district.subdistricts))
    issue = data.get("issue")
    if repository.issues and isinstance(issue, str) and issue not in repository.issues:
        _at(problems, "A004", src, ("issue",), value=issue, **suggestion(issue, repository.issues))
    coordinator = data.get("coordinator")
    if repository.members and isinstance(coordinator, str) and coordinator and coordinator not in repository.members:
        _at(problems, "A005", src, ("coordinator",), value=coordinator, **suggestion(coordinator, repository.members))


def _check_reports(proposal: Proposal, problems: ProblemList, verdict_of) -> None:
    if not proposal.reports:  # most projects: nothing below applies
        return
    reports = sorted(proposal.reports, key=lambda r: r.number)
    finals = [r for r in reports if r.kind == "final"]
    if len(finals) > 1 or (finals and finals[-1] is not reports[-1]):
        culprit = finals[0] if len(finals) > 1 or finals[0] is not reports[-1] else finals[-1]
        _at(problems, "R008", culprit.source, ("kind",))
    running = [ZERO] * len(proposal.activities)  # spent on each activity up to this report
    for index, report in enumerate(reports):
        src = report.source
        if report.start > report.end:
            _at(problems, "D003", src, ("period", "start"), start=_d(report.start), end=_d(report.end))
        elif report.start < proposal.start or report.end > proposal.end:
            _at(problems, "D005", src, ("period", "start" if report.start < proposal.start else "end"),
                start=_d(report.start), end=_d(report.end), p_start=_d(proposal.start), p_end=_d(proposal.end))
        for other in reports[:index]:
            if report.start <= other.end and other.start <= report.end:
                _at(problems, "D006", src, ("period", "start"), other=other.number,
                    o_start=_d(other.start), o_end=_d(other.end))
        _check_years(src, proposal.fiscal_year, _report_dates(report), problems)
        count = len(proposal.activities)
        for i, progress in enumerate(report.activities):
            if not 1 <= progress.activity <= count:
                _at(problems, "R001", src, ("activities", i, "activity"), number=progress.activity, count=count)
        for i, expense in enumerate(report.expenses):
            if not 1 <= expense.activity <= count:
                _at(problems, "R001", src, ("finance", "spent", i, "activity"), number=expense.activity, count=count)
        for i, result in enumerate(report.indicators):
            if not 1 <= result.indicator <= len(proposal.indicators):
                _at(problems, "R002", src, ("indicators", i, "indicator"), number=result.indicator,
                    count=len(proposal.indicators))
        for i, receipt in enumerate(report.receipts):
            # With an agreement on record its installments rule (checked in validate.fieldwork).
            if (receipt.installment is not None and proposal.agreement is None
                    and not 1 <= receipt.installment <= len(proposal.installment_terms)):
                _at(problems, "R014", src, ("finance", "received", i, "installment"), number=receipt.installment,
                    count=len(proposal.installment_terms))
        if report.cumulative_spent > report.cumulative_received:
            _at(problems, "M006", src, ("finance", "spent"), spent=thai.format_money(report.cumulative_spent),
                received=thai.format_money(report.cumulative_received))
        # Report.spent_on of each activity, and their running sums over the reports so far:
        # the same additions in the same order as summing every earlier report again.
        spent_here: dict = {}
        for expense in report.expenses:
            spent_here[expense.activity] = spent_here.get(expense.activity, ZERO) + expense.amount
        for position, activity in enumerate(proposal.activities):
            this = spent_here.get(activity.number, ZERO)
            spent = running[position] = running[position] + this
            if this and spent > activity.total:
                i = next(k for k, e in enumerate(report.expenses) if e.activity == activity.number)
                _at(problems, "M007", src, ("finance", "spent", i, "amount"), number=activity.number,
                    spent=thai.format_money(spent), budget=thai.format_money(activity.total))
        for i, photo in enumerate(report.photos):
            _check_photo(proposal.folder, photo.file, src, ("photos", i, "file"), problems, verdict_of)
    if reports and not proposal.approval and not proposal.decisions:
        _at(problems, "R007", reports[0].source, ())


def _report_dates(report):
    """(path, date) of every date of a report, in the order they are written."""
    yield ("reported",), report.reported
    for i, progress in enumerate(report.activities):
        yield ("activities", i, "date"), progress.date
    for i, receipt in enumerate(report.receipts):
        yield ("finance", "received", i, "date"), receipt.date
    for i, expense in enumerate(report.expenses):
        yield ("finance", "spent", i, "date"), expense.date


def _check_photo(folder: Path, name: str, src, path: tuple, problems: ProblemList, verdict_of) -> None:
    """A photo must be a real, reasonably sized image inside the project folder."""
    name = name.replace("\\", "/")  # files\..\x is the same escape on Windows: judge it alike everywhere
    candidate = Path(name)
    if candidate.is_absolute() or name.startswith(("/", "\\")) or ":" in name or ".." in candidate.parts:
        _at(problems, "P003", src, path, value=name)
        return
    full = folder / candidate
    try:
        # A symlink anywhere below the project folder could lead out of it: refuse them all.
        # What Path.is_symlink() says of each part, from one lstat of the text of its path.
        step, through_link, mode = os.fspath(folder), False, None
        for part in candidate.parts:
            step = os.path.join(step, part)
            mode = _lstat_mode(step)
            if mode is not None and stat.S_ISLNK(mode):
                through_link = True
                break
        # No part is a link and none is "..": the photo is inside the folder, as resolving both
        # would say (two realpaths of a long path per photo were a tenth of a repeated check).
        inside = not through_link
        if not candidate.parts:  # the folder itself
            is_file = full.is_file()
        else:  # the last part is no link: its lstat is what Path.is_file() would stat
            is_file = inside and mode is not None and stat.S_ISREG(mode)
    except (OSError, RuntimeError):  # a name too long for the file system: no such file
        through_link, inside, is_file = False, True, False
    if through_link or not inside:
        _at(problems, "P003", src, path, value=name)
        return
    if not is_file:
        _at(problems, "P001", src, path, value=name)
        return
    verdict = verdict_of(full)
    if verdict is not None:
        code, params = verdict
        _at(problems, code, src, path, value=name, **params)


# The errors for which Path.is_symlink() and is_file() say False rather than raising (pathlib's
# _IGNORED_ERRNOS and _IGNORED_WINERRORS).
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_MISSING_WINDOWS = (21, 123, 1921)


def nothing_there(exc: OSError) -> bool:
    """Whether pathlib would take this error of a stat for "no such file" (False, not raised)."""
    return exc.errno in _MISSING or getattr(exc, "winerror", None) in _MISSING_WINDOWS


def _lstat_mode(path: str) -> int | None:
    """The mode of `path` itself (a link is not followed), None where nothing is (as pathlib)."""
    try:
        return os.lstat(path).st_mode
    except OSError as exc:
        if nothing_there(exc):
            return None
        raise
    except ValueError:  # a name the file system cannot hold (a NUL in it)
        return None


def photo_verdict(full: Path) -> tuple[str, dict] | None:
    """What is wrong with the image file at `full` as (problem code, its parameters beside the
    file's name), or None for a usable photo. Depends on the file's bytes alone."""
    from PIL import Image

    try:
        with Image.open(full) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return "P009", {"size": f"{width:,} x {height:,}"}
            if image.format not in IMAGE_FORMATS:
                raise ValueError(image.format)
            image.verify()
    except Image.DecompressionBombError as exc:  # refused before decoding: Pillow names the pixel count
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        return "P009", {"size": f"{int(pixels[1]):,}" if pixels else "?"}
    except Exception as exc:  # Pillow raises many kinds for a file that is not an image
        return "P002", {"detail": type(exc).__name__}
    return None


_VERBS = {"approved": ("อนุมัติ", "approve"), "rejected": ("ไม่อนุมัติ", "reject")}  # the decisions only a quorum takes


def check_meeting(meeting: Meeting, repository: Repository, problems: ProblemList,
                  unreadable: set | frozenset = frozenset(), only: set | frozenset | None = None) -> None:
    """`unreadable`: IDs whose proposal.yaml exists but failed to load (already reported there).
    `only`: check just the decisions on these proposals (`check <proposal folder>`), not the
    meeting's own date and attendees."""
    src = meeting.source
    fy_start, fy_end = thai.fiscal_year_bounds(meeting.fiscal_year)
    if only is None and not fy_start <= meeting.date <= fy_end:  # 2069-10-08 typed for 2569-10-08, or the wrong folder
        _at(problems, "D009", src, ("date",), date=_d(meeting.date), fy=meeting.fiscal_year,
            fy_start=_d(fy_start), fy_end=_d(fy_end))
    seen = set()
    for i, attendee in enumerate(src.data.get("attendees") or [] if only is None else []):
        if attendee in seen:
            _at(problems, "R011", src, ("attendees", i), value=attendee)
        seen.add(attendee)
        if repository.members and attendee not in repository.members:
            _at(problems, "R004", src, ("attendees", i), value=attendee, **suggestion(attendee, repository.members))
    decided = set()
    for decision in meeting.decisions:
        if only is not None and decision.proposal_id not in only:
            continue
        where = ("decisions", decision.index)
        if decision.proposal_id in decided:
            _at(problems, "R012", src, where + ("proposal",), value=decision.proposal_id)
        decided.add(decision.proposal_id)
        proposal = repository.proposals.get(decision.proposal_id)
        if proposal is None and decision.proposal_id in unreadable:
            pass  # the proposal's own errors say what is wrong; "no such proposal" would mislead
        elif proposal is None:
            _at(problems, "R003", src, where + ("proposal",), value=decision.proposal_id,
                **suggestion(decision.proposal_id, repository.proposals))
        elif not proposal.submitted:
            _at(problems, "R013", src, where + ("proposal",))
        if decision.decision in _VERBS:
            verb = _VERBS[decision.decision]
            if meeting.body != "large":
                _at(problems, "R009", src, where + ("decision",), decision_th=verb[0], decision_en=verb[1])
            elif not repository.members:  # the roster cannot be read: "0 present, 1 of 0 needed" would mislead
                _at(problems, "R015", src, where + ("decision",), decision_th=verb[0], decision_en=verb[1])
            elif not meeting.has_quorum:
                _at(problems, "R005", src, where + ("decision",), present=meeting.large_present,
                    needed=meeting.quorum_needed, total=meeting.large_committee_size,
                    decision_th=verb[0], decision_en=verb[1])
        if proposal is not None and decision.amount is not None and decision.amount > proposal.requested:
            _at(problems, "R006", src, where + ("amount",), amount=thai.format_money(decision.amount),
                requested=thai.format_money(proposal.requested))
        # Only the approval in force is compared: a later approval of the edited text supersedes it.
        if (proposal is not None and decision.fingerprint and decision is proposal.approval
                and decision.fingerprint != proposal.fingerprint()):
            _at(problems, "R010", proposal.source, ("title",), date=_d(meeting.date), meeting=meeting.label)


def check_members(repository: Repository, committee, problems: ProblemList) -> None:
    seen = set()
    for i, member in enumerate(committee.data.get("members") or []):
        if member["id"] in seen:
            _at(problems, "A006", committee, ("members", i, "id"), value=member["id"])
        seen.add(member["id"])
        district = member.get("district")
        if district and repository.areas and not repository.areas.district(district):
            _at(problems, "A001", committee, ("members", i, "district"), value=district,
                province=repository.areas.province, **suggestion(district, [d.name for d in repository.areas.districts]))
        issue = member.get("issue")
        if issue and repository.issues and issue not in repository.issues:
            _at(problems, "A004", committee, ("members", i, "issue"), value=issue, **suggestion(issue, repository.issues))
