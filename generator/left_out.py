"""Left out: name every proposal (and its reports) that a command could not include.

A proposal whose file fails its YAML or shape checks is not in the model at all, and one with
errors gets no Word document: `render`, `site`, `agenda` and `summary` say which, and why
(the first error, with the way to see them all), instead of skipping them in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from .problems import Problem
from .validate import report_numbers


@dataclass
class LeftOut:
    project_id: str
    folder: str  # relative to the repository root
    reports: list[int] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # the errors in its folder, first one first

    def what_th(self) -> str:
        if not self.reports:
            return "แบบเสนอโครงการ"
        return "แบบเสนอโครงการ และรายงานฉบับที่ " + ", ".join(map(str, self.reports))

    def what_en(self) -> str:
        if not self.reports:
            return "proposal"
        return "proposal and report" + ("s " if len(self.reports) > 1 else " ") + ", ".join(map(str, self.reports))


def left_out(result, *, with_errors: bool = False, ids=None, fiscal_year: int | None = None) -> list[LeftOut]:
    """The projects left out: those whose proposal cannot be read (always) and, with `with_errors`,
    those whose files have errors (no Word documents are made for them).

    `ids` limits the list to the projects asked for (folder names or 2570-001 prefixes);
    `fiscal_year` to the projects of one year (a folder with no readable year counts for every year).
    """
    found = [LeftOut(s.project_id, s.folder, list(s.reports)) for s in result.skipped]
    if with_errors:
        for proposal in result.repository.proposals.values():
            if proposal.has_errors:
                folder = f"proposals/{proposal.fiscal_year}/{proposal.id}"
                found.append(LeftOut(proposal.id, folder, report_numbers(result.repository.root / folder)))
    if ids:
        found = [item for item in found if any(_named(item.project_id, wanted) for wanted in ids)]
    if fiscal_year is not None:
        found = [item for item in found if _year(item.project_id) in (None, fiscal_year)]
    for item in found:
        prefix = item.folder + "/"
        item.errors = [p for p in result.problems if p.is_error and (p.file == item.folder or p.file.startswith(prefix))]
    return sorted(found, key=lambda item: item.folder)


def named(project_id: str, ids) -> bool:
    """Whether one of the IDs given on the command line names this project."""
    return any(_named(project_id, wanted) for wanted in ids)


def _named(project_id: str, wanted: str) -> bool:
    wanted = wanted.strip().rstrip("/\\").split("/")[-1].split("\\")[-1]
    return project_id == wanted or project_id.startswith(wanted + "-")


def _year(project_id: str) -> int | None:
    head = project_id[:4]
    return int(head) if head.isdigit() else None


def describe(items: list[LeftOut], heading_th: str, heading_en: str) -> list[str]:
    """Lines for the terminal: a Thai heading, one line per project with its first error, and
    the same list in English."""
    if not items:
        return []
    lines = [f"{heading_th} (แก้ตามที่ khrongkan check แจ้ง แล้วสั่งใหม่):"]
    for item in items:
        line = f"  - {item.project_id} ({item.what_th()})"
        if item.errors:
            first = item.errors[0]
            line += f": {first.location()}: {first.code} {first.message('th')}"
            if len(item.errors) > 1:
                line += f" (และข้อผิดพลาดอื่นอีก {len(item.errors) - 1} รายการ)"
        lines.append(line)
    lines.append(f"{heading_en} (see khrongkan check): "
                 + "; ".join(f"{item.project_id} ({item.what_en()})" for item in items))
    return lines
