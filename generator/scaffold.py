"""Scaffolds: the next proposal or report, as a commented Thai YAML file that never overwrites."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from . import thai
from .errors import UsageError
from .files import create_new
from .model import Repository
from .problems import suggestion
from .validate import PROPOSAL_ID, REPORT_FILE

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffolds"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML) so any title stays text."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    """Text shown in a YAML comment: a line break would end the comment and start YAML."""
    return " ".join(str(text).split())


def _template(name: str) -> str:
    return (SCAFFOLD_DIR / name).read_text(encoding="utf-8")


def next_proposal_id(root: Path, fy: int, slug: str = "") -> str:
    folder = root / "proposals" / str(fy)
    numbers = [int(m["number"]) for p in (folder.iterdir() if folder.is_dir() else [])
               if (m := PROPOSAL_ID.match(p.name))]
    project_id = f"{fy}-{max(numbers, default=0) + 1:03d}"
    return f"{project_id}-{slug}" if slug else project_id


def check_choice(value: str, choices: list[str], what_th: str, what_en: str) -> str:
    """`value` itself, or the choice it numbers (1-based, as the prompt lists them)."""
    value = str(value).strip()
    if value.isdigit() and choices and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1]
    if choices and value not in choices:
        hint = suggestion(value, choices)
        raise UsageError(f"ไม่พบ{what_th} '{value}'{hint['suggestion_th']}",
                         f"no {what_en} '{value}'{hint['suggestion_en']}")
    return value


def check_district(repository: Repository, name: str) -> str:
    if not repository.areas:
        return name.strip()
    return check_choice(name, [d.name for d in repository.areas.districts], "อำเภอ", "district")


def check_subdistricts(repository: Repository, district: str, names: list[str]) -> list[str]:
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise UsageError("ต้องระบุตำบลอย่างน้อยหนึ่งตำบล (--subdistrict)", "give at least one sub-district (--subdistrict)")
    if not repository.areas:
        return names
    own = repository.areas.district(district).subdistricts
    for name in names:
        elsewhere = repository.areas.district_of(name)
        if name not in own and elsewhere:
            raise UsageError(f"ตำบล '{name}' อยู่ในอำเภอ{elsewhere[0]} ไม่ใช่อำเภอ{district}",
                             f"sub-district '{name}' belongs to {elsewhere[0]}, not {district}")
    return [check_choice(name, own, f"ตำบลในอำเภอ{district}", f"sub-district of {district}") for name in names]


def check_issue(repository: Repository, name: str) -> str:
    return check_choice(name, repository.issues, "ประเด็นงาน", "issue area")


def new_proposal(repository: Repository, *, district: str, subdistricts: list[str], issue: str, title: str,
                 kind: str = "area", fy: int | None = None, slug: str = "", today: date | None = None) -> Path:
    """Write proposals/<FY>/<next ID>/proposal.yaml and return its path."""
    today = today or date.today()
    fy = fy or thai.fiscal_year(today)
    if slug and not SLUG.match(slug):
        raise UsageError(f"ชื่อย่อ '{slug}' ใช้ได้เฉพาะ a-z 0-9 และ -", f"slug '{slug}' may use a-z, 0-9 and - only")
    district = check_district(repository, district)
    subdistricts = check_subdistricts(repository, district, subdistricts)
    issue = check_issue(repository, issue)
    if not title.strip():
        raise UsageError("ต้องมีชื่อโครงการ (--title)", "a title is needed (--title)")
    project_id = next_proposal_id(repository.root, fy, slug)
    folder = repository.root / "proposals" / str(fy) / project_id
    fy_start, fy_end = thai.fiscal_year_bounds(fy)
    start = max(fy_start, today) if today <= fy_end else fy_start
    text = _proposal_text(repository, project_id=project_id, folder=folder.relative_to(repository.root).as_posix(),
                          title=title, kind=kind, issue=issue, district=district, subdistricts=subdistricts,
                          fy=fy, start=start, end=fy_end)
    return create_new(folder / "proposal.yaml", text)


def form_scaffold(repository: Repository, fy: int) -> str:
    """The scaffold the site's proposal form fills in: the same comments as `new proposal`,
    with the values the form replaces; the ID comes when the secretariat files it (`add`)."""
    fy_start, fy_end = thai.fiscal_year_bounds(fy)
    return _proposal_text(repository, project_id="รหัสโครงการได้เมื่อกองเลขารับเข้าคลัง (khrongkan add)",
                          folder="proposals/", title="", kind="area", issue="", district="", subdistricts=[""],
                          fy=fy, start=fy_start, end=fy_end)


def _proposal_text(repository: Repository, *, project_id: str, folder: str, title: str, kind: str, issue: str,
                   district: str, subdistricts: list[str], fy: int, start: date, end: date) -> str:
    return _template("proposal.yaml").format(
        project_id=project_id, folder=folder, title=_quote(title),
        kind=kind, issue=_quote(issue), district=district, first_subdistrict=subdistricts[0],
        province=repository.settings.province,
        subdistrict_lines="\n".join(f"    - {name}" for name in subdistricts),
        fy=fy, start=start.isoformat(), end=end.isoformat())


def new_report(repository: Repository, project_id: str, today: date | None = None) -> Path:
    """Write the next report-<N>.yaml of a project, listing its activities and indicators."""
    proposal = repository.proposals.get(project_id)
    if proposal is None:
        matches = [p for p in repository.proposals if p.startswith(project_id + "-")]
        if len(matches) == 1:
            proposal = repository.proposals[matches[0]]
        else:
            hint = suggestion(project_id, repository.proposals)
            raise UsageError(f"ไม่พบโครงการ '{project_id}'{hint['suggestion_th']}",
                             f"no project '{project_id}'{hint['suggestion_en']}")
    numbers = [int(m["number"]) for p in proposal.folder.iterdir() if (m := REPORT_FILE.match(p.name))]
    number = max(numbers, default=0) + 1
    last_end = max((r.end for r in proposal.reports), default=None)
    start = date.fromordinal(last_end.toordinal() + 1) if last_end else proposal.start
    end = min(today or date.today(), proposal.end)
    if end < start:
        end = start
    activity_lines = "\n".join(
        f"  - activity: {a.number}                     # {_one_line(a.name)}\n    status: not_started\n    result: ..."
        for a in proposal.activities)
    indicator_lines = "\n".join(
        f"  - indicator: {i.number}                    # {_one_line(i.description)} (เป้าหมาย {thai.format_number(i.target)} {i.unit})\n"
        f"    actual: 0"
        for i in proposal.indicators)
    text = _template("report.yaml").format(
        number=number, project_id=proposal.id, title=_one_line(proposal.title),
        folder=proposal.folder.relative_to(repository.root).as_posix(),
        start=start.isoformat(), end=end.isoformat(), activity_lines=activity_lines,
        indicator_lines=indicator_lines, institute=_quote(repository.settings.institute))
    return create_new(proposal.folder / f"report-{number}.yaml", text)
