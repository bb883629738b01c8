"""Plans: find, read and check plans/<FY>-<FY>/province.yaml and its tambon plans, and the
`plan:` of every proposal against the plan covering its fiscal year.

Folder names carry meaning here, as for proposals: `plans/2570-2572/` holds the plan for fiscal
years 2570 to 2572, and `tambon/<district>/<subdistrict>.yaml` is that sub-district's plan. A file
whose folder or name disagrees with what it says is an error, never silently moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import thai
from ..load import relative
from ..plans import Plan, TambonPlan, build_plan, build_tambon_plan, plan_for
from ..problems import ProblemList, suggestion
from .rules import _at, _d

PLANS_DIR = "plans"
PLAN_FOLDER = re.compile(r"^(?P<first>2[4-9][0-9]{2})-(?P<last>2[4-9][0-9]{2})$")
PROVINCE_FILE = "province.yaml"
TAMBON_DIR = "tambon"


@dataclass
class PlanCheck:
    """What the later checks need: the fiscal years whose plan exists but could not be read
    (a proposal of those years is not told "no plan covers it": the plan's own errors say why)."""

    unreadable_years: set[int] = field(default_factory=set)


def load_plans(root: Path, repository, problems: ProblemList, read) -> PlanCheck:
    """Read every plan into repository.plans and check each on its own; `read(name, schema)` is
    the validate stage's reader (the shaped Document, or None with the problems recorded)."""
    from . import _entries

    check = PlanCheck()
    base = root / PLANS_DIR
    if not base.is_dir():
        return check
    folders = []
    for folder in [p for p in _entries(root, base, problems) if p.is_dir()]:
        match = PLAN_FOLDER.match(folder.name)
        if not match or int(match["first"]) > int(match["last"]):
            problems.add("L001", relative(root, folder), value=folder.name)
            continue
        folders.append((int(match["first"]), int(match["last"]), folder))
    _check_overlaps(root, folders, problems)
    for first, last, folder in folders:
        province = folder / PROVINCE_FILE
        for path in _entries(root, folder, problems):
            if path.is_file() and path.suffix.lower() in (".yaml", ".yml") and path.name != PROVINCE_FILE:
                problems.add("P007", relative(root, path), value=path.name, expected=f"{PROVINCE_FILE} หรือ {TAMBON_DIR}/<อำเภอ>/<ตำบล>.yaml")
        plan = None
        if not province.is_file():
            problems.add("L010", relative(root, folder), value=relative(root, folder))
        else:
            document = read(relative(root, province), "plan_province")
            if document is not None:
                plan = build_plan(document, first, last)
                _check_province(plan, repository, problems)
        if plan is None:
            check.unreadable_years.update(range(first, last + 1))
        # Tambon plans are checked even when the provincial plan is unreadable: all problems at once.
        for path in _tambon_files(root, folder / TAMBON_DIR, problems):
            tambon_doc = read(relative(root, path), "plan_tambon")
            if tambon_doc is None:
                continue
            tambon = build_tambon_plan(tambon_doc)
            if _check_tambon(tambon, plan, folder, root, repository, problems) and plan is not None:
                plan.tambons.append(tambon)
        if plan is not None:
            plan.tambons.sort(key=lambda t: _area_order(repository, t))
            repository.plans.append(plan)
    repository.plans.sort(key=lambda p: p.first_fy)
    return check


def _area_order(repository, tambon: TambonPlan):
    """Reference order (district, then sub-district, as in reference/areas.yaml)."""
    areas = repository.areas
    if areas is None:
        return (0, 0, tambon.district, tambon.subdistrict)
    names = [d.name for d in areas.districts]
    district = areas.district(tambon.district)
    d_index = names.index(tambon.district) if tambon.district in names else len(names)
    s_index = district.subdistricts.index(tambon.subdistrict) if district and tambon.subdistrict in district.subdistricts else 999
    return (d_index, s_index, tambon.district, tambon.subdistrict)


def _tambon_files(root: Path, base: Path, problems: ProblemList) -> list[Path]:
    """tambon/<district>/<subdistrict>.yaml, and any YAML file misplaced right under tambon/."""
    from . import _entries

    if not base.is_dir():
        return []
    found = []
    for entry in _entries(root, base, problems):
        if entry.is_dir():
            found += [p for p in _entries(root, entry, problems)
                      if p.is_file() and p.suffix.lower() in (".yaml", ".yml")]
        elif entry.suffix.lower() in (".yaml", ".yml"):
            found.append(entry)  # read, so that L006 says where it belongs
    return found


def _check_overlaps(root: Path, folders: list, problems: ProblemList) -> None:
    for index, (first, last, folder) in enumerate(folders):
        for other_first, other_last, other in folders[:index]:
            years = sorted(set(range(first, last + 1)) & set(range(other_first, other_last + 1)))
            if years:
                target = folder / PROVINCE_FILE
                name = relative(root, target) if target.is_file() else relative(root, folder)
                problems.add("L003", name, 1 if target.is_file() else 0, 1 if target.is_file() else 0,
                             folder=folder.name, other=other.name, years=", ".join(map(str, years)))


def _check_province(plan: Plan, repository, problems: ProblemList) -> None:
    src = plan.source
    if plan.start > plan.end:
        _at(problems, "D003", src, ("period", "start"), start=_d(plan.start), end=_d(plan.end))
    fy_start = thai.fiscal_year_bounds(plan.first_fy)[0]
    fy_end = thai.fiscal_year_bounds(plan.last_fy)[1]
    if plan.start > fy_start or plan.end < fy_end:
        _at(problems, "L002", src, ("period", "start" if plan.start > fy_start else "end"),
            start=_d(plan.start), end=_d(plan.end), first=plan.first_fy, last=plan.last_fy,
            fy_start=_d(fy_start), fy_end=_d(fy_end))
    first_line: dict[str, int] = {}
    for strategy in plan.strategies:
        where = ("strategies", strategy.index)
        if strategy.id in first_line:
            _at(problems, "L004", src, where + ("id",), value=strategy.id, first_line=first_line[strategy.id])
        else:
            first_line[strategy.id] = src.pos(where + ("id",))[0]
        if repository.issues and strategy.issue not in repository.issues:
            _at(problems, "A004", src, where + ("issue",), value=strategy.issue,
                **suggestion(strategy.issue, repository.issues))
    if plan.approved_at and not _is_meeting_file(repository, plan.approved_at):
        _at(problems, "L007", src, ("approved_at",), value=plan.approved_at)


def _is_meeting_file(repository, name: str) -> bool:
    """approved_at names a meeting file of the repository, e.g. meetings/2569/04.yaml."""
    name = name.replace("\\", "/").strip()
    if any(m.source.file == name for m in repository.meetings):
        return True
    parts = name.split("/")
    # A meeting file that exists but did not load (its own errors are reported there) still counts.
    return (len(parts) == 3 and parts[0] == "meetings" and ".." not in parts
            and re.fullmatch(r"[0-9]{2,3}\.ya?ml", parts[2]) is not None
            and (repository.root / name).is_file())


def _check_tambon(tambon: TambonPlan, plan: Plan | None, folder: Path, root: Path, repository,
                  problems: ProblemList) -> bool:
    """Check one tambon plan; True when it belongs in the plan's tambons (its place is right).
    Without a readable provincial plan (None), its strategy ids cannot be checked."""
    src = tambon.source
    areas = repository.areas
    placed = True
    if areas is not None:
        district = areas.district(tambon.district)
        if district is None:
            _at(problems, "A001", src, ("district",), value=tambon.district, province=areas.province,
                **suggestion(tambon.district, [d.name for d in areas.districts]))
            placed = False
        elif tambon.subdistrict not in district.subdistricts:
            elsewhere = areas.district_of(tambon.subdistrict)
            if elsewhere:
                _at(problems, "A003", src, ("subdistrict",), value=tambon.subdistrict, other=elsewhere[0],
                    district=district.name)
            else:
                _at(problems, "A002", src, ("subdistrict",), value=tambon.subdistrict, district=district.name,
                    **suggestion(tambon.subdistrict, district.subdistricts))
            placed = False
    expected = f"{relative(root, folder)}/{TAMBON_DIR}/{tambon.district}/{tambon.subdistrict}.yaml"
    if src.file != expected:
        _at(problems, "L006", src, ("subdistrict",), district=tambon.district, subdistrict=tambon.subdistrict,
            expected=expected)
        placed = False
    elif plan is not None and plan.tambon(tambon.district, tambon.subdistrict) is not None:
        placed = False  # the same place written as .yml beside .yaml: the first one counts
    ids = [s.id for s in plan.strategies] if plan is not None else None
    for need in tambon.needs:
        where = ("needs", need.index)
        if repository.issues and need.issue not in repository.issues:
            _at(problems, "A004", src, where + ("issue",), value=need.issue, **suggestion(need.issue, repository.issues))
        for i, strategy_id in enumerate(need.strategies if ids is not None else []):
            if strategy_id not in ids:
                _at(problems, "L005", src, where + ("strategies", i), value=strategy_id, plan=plan.name,
                    plan_file=plan.source.file, **suggestion(strategy_id, ids))
    return placed


def check_proposal_plans(repository, problems: ProblemList, check: PlanCheck) -> None:
    """Each proposal's `plan:` names strategies of the plan covering its fiscal year."""
    for proposal in repository.proposals.values():
        if proposal.fiscal_year in check.unreadable_years:
            continue
        src = proposal.source
        plan = plan_for(repository, proposal.fiscal_year)
        before = len(problems)
        if plan is None:
            if proposal.plan:
                _at(problems, "L009", src, ("plan", 0), fy=proposal.fiscal_year, value=proposal.plan[0])
            continue
        ids = [s.id for s in plan.strategies]
        for i, strategy_id in enumerate(proposal.plan):
            if strategy_id not in ids:
                _at(problems, "L005", src, ("plan", i), value=strategy_id, plan=plan.name,
                    plan_file=plan.source.file, **suggestion(strategy_id, ids))
        if proposal.submitted and not any(i in ids for i in proposal.plan):
            _at(problems, "L008", src, ("plan",) if "plan" in src.data else ("submitted",), plan=plan.name,
                example=", ".join(ids[:2]))
        if any(problems[i].is_error for i in range(before, len(problems))):
            proposal.has_errors = True
