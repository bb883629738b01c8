"""Validate: read every file of a repository, check shapes and rules, build the model.

`check_repository` is the one entry point the CLI, the documents, the site and the summaries
use: it never raises for bad input and always returns the model it could build plus every
problem found, sorted by file and line.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import model
from ..collector import paused
from ..load import (AREAS_FILE, COMMITTEE_FILE, ISSUES_FILE, SETTINGS_FILE, Document, read_yaml,
                    relative)
from ..privacy import Privacy
from ..problems import Problem, ProblemList
from . import fieldwork, rules
from . import plans as plan_rules
from .cached import FileChecks, Outcome
from .free_text import check_free_text

PROPOSAL_ID = re.compile(r"^(?P<fy>\d{4})-(?P<number>\d{3})(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?$")
REPORT_FILE = re.compile(r"^report-(?P<number>[1-9][0-9]*)\.yaml$")
MEETING_FILE = re.compile(r"^(?P<number>[0-9]{2,3})\.yaml$")
FY_FOLDER = re.compile(r"^(?P<fy>2[4-9][0-9]{2})$")
FREE_TEXT_SCHEMAS = {"proposal", "report", "meeting", "committee"}  # the files whose text reaches the site


@dataclass
class Skipped:
    """A project folder whose proposal cannot be used: it gets no document, page or line anywhere."""

    project_id: str  # the folder's name
    folder: str  # relative to the repository root
    reports: list[int] = field(default_factory=list)  # numbers of the report files beside it


@dataclass
class Result:
    repository: model.Repository
    problems: list[Problem]
    skipped: list[Skipped] = field(default_factory=list)  # by folder
    # With `only`: the problems in other files about the proposals asked for (a meeting's
    # decision on one of them); they are in `problems` too.
    related: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def problems_for(self, proposal_id: str) -> list[Problem]:
        prefix = f"proposals/{self.repository.proposals[proposal_id].fiscal_year}/{proposal_id}/" \
            if proposal_id in self.repository.proposals else None
        return [p for p in self.problems if prefix and p.file.startswith(prefix)]


def check_repository(root: Path, use_cache: bool = True, only: set[str] | None = None) -> Result:
    """`use_cache`: read back what reading and shape-checking each unchanged file found
    (build/cache/check/, see cached.py); the problems and the model are the same either way.

    `only`: the IDs of the proposals to check (`khrongkan check <proposal folder>`). Read are
    their folders and what their rules need: the settings, reference files, committee, every
    meeting and plan; of the other proposals only the folder names. The model holds the asked
    proposals alone. The rules that run on them:
    - folder names of every proposal: P004-P006 (a duplicate number names the other folder);
    - references: district, sub-districts, issue, coordinator (A001-A005);
    - the proposal's own rules with its reports, photos, agreement and visits (dates, budget,
      installments, money received and spent, R001/R002/R007/R008 ...);
    - plans: the strategies of its fiscal year's plan (L005, L008, L009);
    - meetings: each decision on an asked proposal (R003, R005, R006, R009, R010, R012, R013,
      R015), and the decisions linked to it for its status and approval (R007, R010); these
      problems, in meeting files, are in `Result.related` too;
    - free text of its files under the privacy settings (W001).
    Not run: a meeting's own date and attendees (D009, R004, R011). The files read for the
    rules (settings, committee, meetings, plans) are still read and shape-checked, and their
    problems are in `problems`: `check` shows them when their file is asked for.
    """
    with paused():  # tens of thousands of values and model objects: see collector.py
        return _check_repository(root, use_cache, only)


def _check_repository(root: Path, use_cache: bool, only: set[str] | None) -> Result:
    root = Path(root).resolve()
    problems = ProblemList()
    free_text: list[Problem] = []  # personal numbers in free text, added last as they always were
    files = FileChecks(root, use_cache)
    privacy = Privacy()  # the settings' own, once they are read (they are read first)

    def read_and_shape(name: str, schema: str, required: bool = True) -> tuple[Document | None, bool]:
        """The document (None if unreadable) and whether its shape is right."""
        path = paths.pop(name, None)  # the path name_of() was given, when it is this one
        if path is None:
            path = root / name
        elif not isinstance(path, Path):  # a listing's os.DirEntry
            path = Path(path.path)
        try:  # what path.is_file() does, the status kept for the cache's stamp
            status = os.stat(path)
        except OSError as exc:
            if not rules.nothing_there(exc):
                raise
            status = None
        except ValueError:  # a name the file system cannot hold
            status = None
        if status is None or not stat.S_ISREG(status.st_mode):
            if not_a_file(path, name, problems):
                return None, False
            if required:
                problems.add("A007", name, name=name)
            return None, False
        # The privacy settings come from khrongkan.yaml, whose bytes are in every cache key.
        outcome = files.outcome(path, name, schema, lambda *args: _read_and_shape(*args, privacy=privacy), status)
        problems.extend(outcome.problems)
        free_text.extend(outcome.free_text)
        return outcome.document, outcome.shaped

    def read(name: str, schema: str, required: bool = True) -> Document | None:
        document, shaped = read_and_shape(name, schema, required)
        return document if shaped else None

    folder_names: dict[str, str] = {}
    root_folders: dict[str, str] = {}  # a folder's name -> the text of root / name
    paths: dict[str, Path] = {}  # name -> the path name_of() made it from
    real_folders: dict[Path, Path] = {root: root}  # root is resolved already

    def real(folder: Path) -> Path:
        """`folder.resolve()`, from its parent's: one lstat per folder instead of one per
        component of its path (resolving each folder was a tenth of a cached check)."""
        known = real_folders.get(folder)
        if known is None:
            parent = folder.parent
            if parent == folder or folder.name in ("", ".", "..") or folder.is_symlink():
                known = folder.resolve()
            else:
                known = real(parent) / folder.name
            real_folders[folder] = known
        return known

    def name_of(path: Path | os.DirEntry) -> str:
        """`relative(root, path)` of a file that is no link (the listings refuse links), its folder
        resolved once for all its files (found by the text of its path: cheaper than a Path)."""
        folder_text, file_name = os.path.split(os.fspath(path))
        known = folder_names.get(folder_text)
        if known is None:
            parent_text, base = os.path.split(folder_text)
            parent = folder_names.get(parent_text)
            if parent is not None and base not in ("", ".", "..") and not os.path.islink(folder_text):
                known = f"{parent}/{base}"  # real(folder) is real(parent) / base: a photo's folder
            else:
                folder = Path(folder_text)
                try:
                    known = real(folder).relative_to(root).as_posix()
                except ValueError:  # what relative() says of a folder outside the repository
                    known = folder.as_posix()
            folder_names[folder_text] = known
            root_folders[known] = str(root / known)
        name = f"{known}/{file_name}"
        if folder_text == root_folders.get(known):  # no link on the way: root / name is this path
            paths[name] = path
        return name

    settings_doc = read(SETTINGS_FILE, "settings")
    privacy = Privacy.from_settings(model.build_settings(settings_doc))
    committee_doc = read(COMMITTEE_FILE, "committee")
    areas_doc = read(AREAS_FILE, "areas")
    issues_doc = read(ISSUES_FILE, "issues")
    settings = model.build_settings(settings_doc)
    members = model.build_members(committee_doc)
    repository = model.Repository(root, settings, model.build_areas(areas_doc), model.build_issues(issues_doc),
                                  members, {}, [])

    broken_projects: set[str] = set()
    skipped: list[Skipped] = []
    rejected_folders: list[Path] = []  # project folders with a wrong name (P004, P005, P006)
    # The project folders come from listings that refuse links, so below an unlinked proposals/
    # a file's name is its folder's name and its own: known without resolving anything.
    plain = not os.path.islink(root / "proposals")
    for project_id, fy, folder in _project_folders(root, problems, rejected_folders):
        if only is not None and project_id not in only:
            continue
        found = _scan(folder)  # None when the folder cannot be listed: reported below, as before
        # The listing's entry when there is one (it knows its kind without a stat), else the path.
        proposal_file = _named(found, "proposal.yaml") if found is not None else folder / "proposal.yaml"
        if proposal_file is not None and proposal_file.is_symlink():
            problems.add("P012", relative(root, folder) + "/proposal.yaml", value=relative(root, folder) + "/proposal.yaml")
            broken_projects.add(project_id)
            skipped.append(_skipped(root, folder))
            continue
        if proposal_file is None or not proposal_file.is_file():
            proposal_path = folder / "proposal.yaml"
            if not_a_file(proposal_path, relative(root, proposal_path), problems):
                broken_projects.add(project_id)  # it is there, only unreadable: no R003 for meetings naming it
            else:
                problems.add("P008", relative(root, folder))
            skipped.append(_skipped(root, folder))
            continue
        if plain:
            folder_text = os.fspath(folder)
            known = f"proposals/{fy}/{project_id}"
            folder_names[folder_text] = known
            root_folders[known] = folder_text
        before = len(problems)  # counting the errors each time would be quadratic in the problems
        document, shaped = read_and_shape(name_of(proposal_file), "proposal")
        if document is not None:
            rules.check_proposal_references(document, repository, problems)
        # Reports are read and shape-checked even when the proposal is broken: all problems at once.
        reports = []
        listing = _kept(root, found, problems) if found is not None else _entries(root, folder, problems)
        for number, report_path in _report_files(root, folder, problems, broken_projects, listing):
            report_doc = read(name_of(report_path), "report")
            if report_doc is None:
                broken_projects.add(project_id)
                continue
            reports.append(model.build_report(report_doc, project_id, number))
        agreement, visits, fieldwork_broken = fieldwork.read_fieldwork(folder, project_id, read, name_of, listing)
        if fieldwork_broken:
            broken_projects.add(project_id)
        if not shaped:
            broken_projects.add(project_id)
            skipped.append(_skipped(root, folder))
            continue
        proposal = model.build_proposal(document, project_id, fy)
        proposal.reports = reports
        proposal.agreement, proposal.visits = agreement, visits
        proposal.has_errors = errors_since(problems, before)
        repository.proposals[project_id] = proposal
    repository.proposals = dict(sorted(repository.proposals.items()))

    for fy, number, path in _meeting_files(root, problems):
        document = read(name_of(path), "meeting")
        if document is not None:
            repository.meetings.append(model.build_meeting(document, fy, number, settings, members))
    repository.meetings.sort(key=lambda m: (m.date, m.fiscal_year, m.number))
    plan_check = plan_rules.load_plans(root, repository, problems, read)

    model.link(repository)
    if committee_doc is not None:
        rules.check_members(repository, committee_doc, problems)
    for proposal in repository.proposals.values():
        before = len(problems)
        rules.check_proposal(proposal, repository, problems,
                             lambda path: files.photo_verdict(path, name_of(path), rules.photo_verdict))
        fieldwork.check_fieldwork(proposal, repository, problems)
        proposal.has_errors = proposal.has_errors or errors_since(problems, before)
    plan_rules.check_proposal_plans(repository, problems, plan_check)
    related = ProblemList()
    for meeting in repository.meetings:
        if only is None:
            rules.check_meeting(meeting, repository, problems, unreadable=broken_projects)
        else:
            rules.check_meeting(meeting, repository, related, unreadable=broken_projects, only=only)
    problems.extend(related)
    for project_id in broken_projects:
        if project_id in repository.proposals:
            repository.proposals[project_id].has_errors = True
    problems.extend(free_text)
    files.save(complete=only is None)
    skipped += [_skipped(root, folder) for folder in rejected_folders]
    return Result(repository, problems.sorted(), sorted(skipped, key=lambda s: s.folder), related.sorted())


def errors_since(problems: list[Problem], start: int) -> bool:
    """Whether an error was added to `problems` after its first `start` entries."""
    return any(problems[i].is_error for i in range(start, len(problems)))


def _read_and_shape(path: Path, name: str, schema: str, privacy: Privacy) -> Outcome:
    """Read one file, check its shape and look for personal numbers in its free text: what the
    cache keeps for each file."""
    from .schema import check_placeholders, check_shape  # Cerberus: not imported when every file is cached

    found = ProblemList()
    document = read_yaml(path, name, found)
    shaped = document is not None and check_shape(document, schema, found)
    if document is not None and schema in ("proposal", "report"):
        check_placeholders(document, found)
    free_text = ProblemList()
    if document is not None and schema in FREE_TEXT_SCHEMAS:
        check_free_text(document, privacy, free_text)
    return Outcome(document, shaped, found, free_text)


def _skipped(root: Path, folder: Path) -> Skipped:
    return Skipped(folder.name, relative(root, folder), report_numbers(folder))


def report_numbers(folder: Path) -> list[int]:
    """The numbers of the report files in a project folder, readable or not."""
    try:
        return sorted(int(m["number"]) for m in (REPORT_FILE.match(p.name) for p in folder.iterdir()) if m)
    except OSError:
        return []


_NOT_A_FILE = [  # (test, Thai, English) for what stands where a YAML file should be
    (stat.S_ISDIR, "โฟลเดอร์", "a folder"),
    (stat.S_ISFIFO, "ท่อส่งข้อมูล (FIFO)", "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "ซ็อกเก็ต (socket)", "a socket"),
    (stat.S_ISCHR, "อุปกรณ์ (device)", "a device"),
    (stat.S_ISBLK, "อุปกรณ์ (device)", "a device"),
]


def not_a_file(path: Path, name: str, problems: ProblemList) -> bool:
    """Report P013 when something that is not a regular file stands at `path` (never opened: a
    FIFO would block the reader); False when nothing is there or it is a regular file."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISLNK(mode):
        problems.add("P012", name, value=name)
        return True
    what_th, what_en = next(((th, en) for test, th, en in _NOT_A_FILE if test(mode)), ("สิ่งอื่น", "something else"))
    problems.add("P013", name, value=name, what_th=what_th, what_en=what_en)
    return True


class _Listed(type(Path())):
    """A path found by `_entries`, answering is_dir, is_file and is_symlink from the listing
    itself (os.scandir reads each entry's kind with the names) instead of a stat each: a
    thousand project folders made that a tenth of a repeated check. Paths made from it
    (`folder / "proposal.yaml"`, `.parent`) know nothing yet and ask the file system."""

    __slots__ = ("_entry",)

    def _kind(self, test: str):
        entry = getattr(self, "_entry", None)
        if entry is None:
            return None
        try:
            return getattr(entry, test)()
        except OSError:  # what Path.is_dir() and is_file() say of an entry they cannot stat
            return False

    def is_dir(self) -> bool:
        known = self._kind("is_dir")
        return super().is_dir() if known is None else known

    def is_file(self) -> bool:
        known = self._kind("is_file")
        return super().is_file() if known is None else known

    def is_symlink(self) -> bool:
        known = self._kind("is_symlink")
        return super().is_symlink() if known is None else known


def _listed(entry: os.DirEntry) -> _Listed:
    path = _Listed(entry.path)
    path._entry = entry
    return path


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _entries(root: Path, folder: Path, problems: ProblemList) -> list[Path]:
    """A folder's entries in name order, without hidden ones (.git, macOS ._ files, editor swap
    files); a symbolic link is reported and skipped, since it could lead out of the repository."""
    entries = []
    try:
        with os.scandir(folder) as found:  # by name: the order of the paths, all in one folder
            listing = sorted(found, key=_name)
    except OSError as exc:  # no permission to read the folder, or it vanished meanwhile
        name = folder.relative_to(root).as_posix()
        problems.add("P010", name, value=f"{name} ({exc.strerror})")
        return []
    for entry in listing:  # a path made only for the entries kept
        if entry.name.startswith("."):
            continue
        path = _listed(entry)
        if path.is_symlink():
            problems.add("P012", path.relative_to(root).as_posix(), value=path.relative_to(root).as_posix())
            continue
        entries.append(path)
    return entries


def _scan(folder: Path) -> list[os.DirEntry] | None:
    """A folder's entries in name order, hidden ones left out (see `_entries`), links still in;
    None when it cannot be listed (`_entries` reports that)."""
    try:
        with os.scandir(folder) as found:
            return sorted((entry for entry in found if not entry.name.startswith(".")), key=_name)
    except OSError:
        return None


def _named(entries: list[os.DirEntry], name: str) -> os.DirEntry | None:
    return next((entry for entry in entries if entry.name == name), None)


def _kept(root: Path, entries: list[os.DirEntry], problems: ProblemList) -> list[os.DirEntry]:
    """What `_entries` keeps of a `_scan`: a link is reported and left out. Its entries are
    os.DirEntry, which answer name, is_file and is_symlink as a Path does, without a stat."""
    kept = []
    for entry in entries:
        if entry.is_symlink():
            name = Path(entry.path).relative_to(root).as_posix()
            problems.add("P012", name, value=name)
            continue
        kept.append(entry)
    return kept


def _project_folders(root: Path, problems: ProblemList, rejected: list[Path] | None = None):
    """Yield (ID, fiscal year, folder) for every well-named project folder; report the others
    (and add them to `rejected`)."""
    rejected = [] if rejected is None else rejected
    base = root / "proposals"
    if not base.is_dir():
        return
    numbers: dict[str, str] = {}
    for fy_folder in [p for p in _entries(root, base, problems) if p.is_dir()]:
        fy_match = FY_FOLDER.match(fy_folder.name)
        if not fy_match:
            problems.add("P011", relative(root, fy_folder), value=fy_folder.name)
            continue
        found = _scan(fy_folder)  # a thousand folders: os.DirEntry, a Path made for those kept
        listing = _kept(root, found, problems) if found is not None else _entries(root, fy_folder, problems)
        for entry in listing:
            if not entry.is_dir():
                continue
            folder = entry if isinstance(entry, Path) else Path(entry.path)
            match = PROPOSAL_ID.match(folder.name)
            rel = f"proposals/{fy_folder.name}/{folder.name}"  # what relative() gives: no links here, and cheaper
            if not match:
                problems.add("P004", rel, value=folder.name)
                rejected.append(folder)
                continue
            if match["fy"] != fy_folder.name:
                problems.add("P005", rel, value=folder.name, id_fy=match["fy"], folder_fy=fy_folder.name)
                rejected.append(folder)
                continue
            key = f"{match['fy']}-{match['number']}"
            if key in numbers:
                problems.add("P006", rel, number=key, other=numbers[key])
                rejected.append(folder)
                continue
            numbers[key] = folder.name
            yield folder.name, int(match["fy"]), folder


def _report_files(root: Path, folder: Path, problems: ProblemList, broken: set[str], listing: list[Path]):
    """(number, path) of the report files among `listing`, the folder's `_entries` (or `_kept`
    of its `_scan`: os.DirEntry, whose path is made only for a problem)."""
    found = []
    for path in listing:
        if os.path.splitext(path.name)[1].lower() not in (".yaml", ".yml") or path.name == "proposal.yaml":
            continue
        if not path.is_file():  # a folder or a FIFO named report-1.yaml must not make the report vanish
            if not_a_file(Path(path), relative(root, Path(path)), problems):
                broken.add(folder.name)
            continue
        if fieldwork.is_fieldwork_file(path.name):
            continue  # read by fieldwork.read_fieldwork
        match = REPORT_FILE.match(path.name)
        if not match:
            problems.add("P007", relative(root, Path(path)), value=path.name,
                         expected="proposal.yaml, report-1.yaml, ..., agreement.yaml หรือ visit-1.yaml, ...")
            continue
        found.append((int(match["number"]), path))
    return sorted(found, key=lambda item: item[0])  # one file per number: REPORT_FILE has no leading zeros


def _meeting_files(root: Path, problems: ProblemList):
    base = root / "meetings"
    if not base.is_dir():
        return
    for fy_folder in [p for p in _entries(root, base, problems) if p.is_dir()]:
        if not FY_FOLDER.match(fy_folder.name):
            problems.add("P011", relative(root, fy_folder), value=fy_folder.name)
            continue
        for path in _entries(root, fy_folder, problems):
            # Other files may sit beside the meetings (minutes as PDF, an agenda in Word).
            if path.suffix.lower() not in (".yaml", ".yml"):
                continue
            if not path.is_file():
                not_a_file(path, relative(root, path), problems)
                continue
            match = MEETING_FILE.match(path.name)
            if not match:
                problems.add("P007", relative(root, path), value=path.name, expected="01.yaml, 02.yaml, ...")
                continue
            yield int(fy_folder.name), int(match["number"]), path
