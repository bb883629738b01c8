"""Intake: proposal files received from the form, LINE or e-mail are checked and filed.

A member who does not use git sends a proposal file (`.yaml`, or `.txt` as the phone's share
sheet names it); the secretariat runs `khrongkan add` on it, or on everything in `inbox/`. Each
file is checked exactly as `khrongkan check` would check it in its folder, then filed under the
next free ID of the fiscal year its period starts in. Nothing is overwritten unless a revision
is asked for with `replace`; the user's bytes are filed as they came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model, thai
from .errors import UsageError
from .files import create_new, write_atomic
from .load import read_yaml, relative
from .problems import Problem, ProblemList, suggestion
from .scaffold import SLUG, next_proposal_id
from .validate import check_repository, rules
from .validate.schema import check_shape

INBOX = "inbox"
ACCEPTED_SUFFIXES = (".yaml", ".yml", ".txt")


@dataclass
class Outcome:
    """What happened to one received file."""

    source: Path
    filed_as: Path | None = None  # the proposal.yaml written, when filed
    proposal_id: str = ""
    replaced: bool = False
    refusal_th: str = ""
    refusal_en: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def filed(self) -> bool:
        return self.filed_as is not None


def inbox_files(root: Path) -> list[Path]:
    """The files waiting in inbox/, oldest name first; hidden files and folders are not mail."""
    folder = root / INBOX
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
                  and p.suffix.lower() in ACCEPTED_SUFFIXES)


def add_files(root: Path, files: list[Path], *, slug: str = "", replace: str = "") -> list[Outcome]:
    """Check and file each received proposal; a file from inbox/ is moved once it is filed."""
    root = Path(root).resolve()
    if slug and not SLUG.match(slug):
        raise UsageError(f"ชื่อย่อ '{slug}' ใช้ได้เฉพาะ a-z 0-9 และ -", f"slug '{slug}' may use a-z, 0-9 and - only")
    if replace and len(files) != 1:
        raise UsageError("--replace รับแฟ้มได้ครั้งละหนึ่งแฟ้ม", "--replace takes exactly one file")
    repository = check_repository(root).repository
    target = _existing_proposal(repository, replace) if replace else None
    outcomes = []
    for source in files:
        outcome = _add_one(root, repository, Path(source), slug, target)
        outcomes.append(outcome)
        if outcome.filed and not outcome.replaced:
            # The next file must see this one: its ID is taken and its content is present.
            repository = check_repository(root).repository
    return outcomes


def _existing_proposal(repository: model.Repository, wanted: str) -> model.Proposal:
    if wanted in repository.proposals:
        return repository.proposals[wanted]
    matches = [p for p in repository.proposals if p.startswith(wanted + "-")]
    if len(matches) == 1:
        return repository.proposals[matches[0]]
    hint = suggestion(wanted, list(repository.proposals))
    raise UsageError(f"ไม่พบโครงการ '{wanted}' ที่จะแทนที่{hint['suggestion_th']}",
                     f"no project '{wanted}' to replace{hint['suggestion_en']}")


def _add_one(root: Path, repository: model.Repository, source: Path, slug: str,
             target: model.Proposal | None) -> Outcome:
    outcome = Outcome(source)
    if source.suffix.lower() not in ACCEPTED_SUFFIXES:
        return _refuse(outcome, f"รับเฉพาะแฟ้ม .yaml หรือ .txt (ได้ '{source.name}')",
                       f"only .yaml or .txt files are accepted (got '{source.name}')")
    if not source.is_file():
        return _refuse(outcome, "ไม่พบแฟ้มนี้ หรือไม่ใช่แฟ้มธรรมดา", "no such file, or not a regular file")
    data = source.read_bytes()
    problems = ProblemList()
    shown = relative(root, source)
    document = read_yaml(source, shown, problems)
    proposal = None
    if document is not None:
        shaped = check_shape(document, "proposal", problems)
        rules.check_proposal_references(document, repository, problems)
        if shaped:
            proposal = model.build_proposal(document, target.id if target else "new", 0)
            # A new proposal belongs to the fiscal year its period starts in; a revision stays put.
            proposal.fiscal_year = target.fiscal_year if target else thai.fiscal_year(proposal.start)
            rules.check_proposal(proposal, repository, problems)
    outcome.problems = problems.sorted()
    if proposal is None or problems.errors:
        return _refuse(outcome, "แฟ้มมีข้อผิดพลาด แก้ตามรายการด้านล่างแล้วส่งใหม่",
                       "the file has errors; fix those listed below and send it again")

    if target is not None:
        if _same_text(data, target.folder / "proposal.yaml"):
            return _refuse(outcome, f"เหมือนกับโครงการ {target.id} ทุกตัวอักษร ไม่มีอะไรต้องแทนที่",
                           f"identical to {target.id}; nothing to replace")
        write_atomic(target.folder / "proposal.yaml", data)
        outcome.filed_as, outcome.proposal_id, outcome.replaced = target.folder / "proposal.yaml", target.id, True
    else:
        duplicate = _duplicate_of(repository, data, proposal)
        if duplicate:
            return _refuse(outcome,
                           f"ซ้ำกับโครงการ {duplicate.id} ที่มีอยู่แล้ว ถ้าเป็นฉบับแก้ไขให้ใช้ "
                           f"khrongkan add --replace {duplicate.id} {source.name}",
                           f"duplicates the existing project {duplicate.id}; for a revision use "
                           f"khrongkan add --replace {duplicate.id} {source.name}")
        project_id = next_proposal_id(root, proposal.fiscal_year, slug or _district_slug(repository, proposal))
        path = root / "proposals" / str(proposal.fiscal_year) / project_id / "proposal.yaml"
        create_new(path, data.decode("utf-8-sig"))
        outcome.filed_as, outcome.proposal_id = path, project_id
    if _in_inbox(root, source):
        source.unlink()  # moved, not copied: the inbox holds only what still waits
    return outcome


def _refuse(outcome: Outcome, th: str, en: str) -> Outcome:
    outcome.refusal_th, outcome.refusal_en = th, en
    return outcome


def _in_inbox(root: Path, source: Path) -> bool:
    return source.resolve().parent == (root / INBOX).resolve()


def _normalized(data: bytes) -> str:
    """The text as a reader sees it: the same proposal saved on Windows or sent through LINE
    (BOM, CRLF, trailing spaces) is the same proposal."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def _same_text(data: bytes, path: Path) -> bool:
    return path.is_file() and _normalized(path.read_bytes()) == _normalized(data)


def _duplicate_of(repository: model.Repository, data: bytes, new: model.Proposal) -> model.Proposal | None:
    """An existing proposal with the same content, or the same title, organization and period."""
    for existing in repository.proposals.values():
        if _same_text(data, existing.folder / "proposal.yaml"):
            return existing
        if (_key(existing.title), _key(existing.organization_name), existing.start, existing.end) == \
                (_key(new.title), _key(new.organization_name), new.start, new.end):
            return existing
    return None


def _key(text: str) -> str:
    return " ".join(str(text).split())


def _district_slug(repository: model.Repository, proposal: model.Proposal) -> str:
    """`sawi` for สวี, `mueang-chumphon` for เมืองชุมพร: the district's English name from geothai."""
    district = repository.areas.district(proposal.district) if repository.areas else None
    name = district.name_en if district else ""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
