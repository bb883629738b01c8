"""Rendering many documents: the jobs of `khrongkan render`, the manifest that skips unchanged
outputs, the process pool, and the PDFs made from the DOCX.

`render_all` renders every proposal, report and visit record whose files passed validation. An
output whose source files (its project folder, the shared files, the template, khrongkan's code)
are those it was made from is skipped without building its context; otherwise its context is
built and compared with the one it was made from. PDFs are converted with LibreOffice
(generator.documents.pdf) only for DOCX that changed since their PDF was made.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import __version__, model
from ..cache import content_digest
from ..errors import KhrongkanError, UsageError
from ..files import clean_stale_temporaries, write_atomic
from ..forking import fork_context
from .engine import Image, render_docx, template_path
from .pdf import convert_to_pdf
from .proposal import proposal_context
from .report import report_context

# Bump when the context builders change what they produce, so outputs are rendered again.
GENERATOR_VERSION = f"{__version__}+documents.1"

MANIFEST = ".khrongkan-render.json"


@dataclass
class Job:
    template: Path
    context: dict
    out: Path
    font: str = ""

    def key(self, template_digest: str) -> str:
        """What the output depends on: generator version, font, template bytes and the context.

        `template_digest` is the template's own digest, computed once per run, not once per output."""
        digest = hashlib.sha256()
        digest.update(GENERATOR_VERSION.encode("utf-8"))
        digest.update(self.font.encode("utf-8"))
        digest.update(template_digest.encode("ascii"))
        digest.update(json.dumps(self.context, sort_keys=True, ensure_ascii=False, default=_json_default).encode("utf-8"))
        return digest.hexdigest()


def _json_default(value):
    if isinstance(value, Image):
        return {"image": value.digest(), "width": value.width_mm, "height": value.height_mm}
    return str(value)


def _file_digest(path: Path) -> str | None:
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return None


def _stamp(path: Path) -> list[int] | None:
    """What changes whenever a file is written again: its modification time, size and inode."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size, status.st_ino]


class Manifest:
    """Beside the outputs: for each file, the key of the inputs it was made from, its own digest
    and its stamp (`_stamp`). An output whose stamp is the one recorded is as it was written, so a
    run with nothing changed reads no document again; any other output is compared by its digest."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self.entries, dict):
                self.entries = {}
        except (OSError, ValueError):
            self.entries = {}

    def is_fresh(self, out: Path, key: str) -> bool:
        entry = self.entries.get(out.name)
        return isinstance(entry, dict) and entry.get("input") == key and self._as_written(out, entry)

    def sources_unchanged(self, out: Path, sources: str) -> bool:
        """Whether `out` was made from these source files and is as it was written: then its
        context need not even be built."""
        entry = self.entries.get(out.name)
        return isinstance(entry, dict) and entry.get("sources") == sources and self._as_written(out, entry)

    @staticmethod
    def _as_written(out: Path, entry: dict) -> bool:
        stamp = _stamp(out)
        if stamp is None:
            return False
        return entry.get("stamp") == stamp or entry.get("output") == _file_digest(out)

    def digest(self, out: Path) -> str | None:
        """The recorded digest of `out` (`content_digest` of its bytes), once it is known to be as written."""
        entry = self.entries.get(out.name)
        return entry.get("output") if isinstance(entry, dict) else None

    def record(self, out: Path, key: str, sources: str | None = None, output: str | None = None) -> None:
        """Note a finished output (`output`: its digest, when known already); `save` writes the
        manifest (once per run, not once per output)."""
        self.entries[out.name] = {"input": key, "output": output or _file_digest(out), "stamp": _stamp(out)}
        if sources is not None:
            self.entries[out.name]["sources"] = sources

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, sort_keys=True, indent=1))

    def prune(self, keep: set[str], pdf_dir: Path) -> None:
        """Remove outputs not in `keep`: those of deleted or renamed proposals and reports."""
        gone = [name for name in self.entries if name not in keep]
        for name in gone:
            (self.path.parent / name).unlink(missing_ok=True)
            (pdf_dir / name).with_suffix(".pdf").unlink(missing_ok=True)
            del self.entries[name]
        if gone:
            self.save()


class RenderResult(list):
    """The output paths (DOCX, then PDF) of the proposals rendered, with what happened to each."""

    def __init__(self):
        super().__init__()
        self.written: list[Path] = []  # rendered or converted in this run
        self.unchanged: list[Path] = []  # up to date already
        self.digests: dict[Path, str] = {}  # DOCX outputs' content digests, known without reading them
        self.refused: list[str] = []  # IDs not rendered because their files have errors


def select_proposals(repository: model.Repository, ids) -> list[model.Proposal]:
    """The proposals named by full folder name or by the `2570-001` prefix (all when none given)."""
    if not ids:
        return list(repository.proposals.values())
    chosen: list[model.Proposal] = []
    for wanted in ids:
        wanted = wanted.strip().rstrip("/\\").split("/")[-1].split("\\")[-1]
        matches = [p for p in repository.proposals.values()
                   if p.id == wanted or p.id.startswith(wanted + "-") or f"{p.fiscal_year}-{p.number}" == wanted]
        if not matches:
            raise UsageError(f"ไม่พบโครงการรหัส '{wanted}' (ใช้ชื่อโฟลเดอร์ หรือรหัสแบบ 2570-001)",
                             f"no project '{wanted}' (give the folder name or an ID such as 2570-001)")
        chosen += [p for p in matches if p not in chosen]
    return chosen


# Called with each DOCX just written, in the process that wrote it (render_all's `after`).
_AFTER: list[Callable[[Path], None] | None] = [None]


def _render_job(job: Job) -> Path:
    render_docx(job.template, job.context, job.out, job.font, sync=False)
    if _AFTER[0] is not None:
        _AFTER[0](job.out)
    return job.out


def _render_chunk(jobs: list[Job]) -> list[tuple[Path | None, KhrongkanError | None]]:
    """Several jobs in one call to a worker process (fewer round trips); errors are returned."""
    finished = []
    for job in jobs:
        try:
            finished.append((_render_job(job), None))
        except KhrongkanError as exc:
            finished.append((None, exc))
    return finished


@dataclass
class _Planned:
    """An output to make and what it is made from; its context is built only when needed."""

    template: Path
    out: Path
    font: str
    build: Callable[[], dict]
    folder: Path  # the project folder whose files it reads

    def job(self) -> Job:
        return Job(self.template, self.build(), self.out, self.font)


# Outside the project folders, what the context builders read: settings, committee, meetings
# (approvals), plans and reference lists.
_SHARED_SOURCES = ("khrongkan.yaml", "committee.yaml", "meetings", "plans", "reference")


def _files_digest(root: Path, paths) -> str:
    """A digest of the names and bytes of the files under `paths` (folders are walked)."""
    from ..cache import digest

    parts: list[bytes | str] = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            try:
                parts += [file.relative_to(root).as_posix(), file.read_bytes()]
            except OSError:
                parts += [file.relative_to(root).as_posix(), "unreadable"]
    return digest(*parts)


def render_all(result, root: Path, out_dir: Path | None = None, ids=None, pdf: bool = False,
               progress: bool = False, jobs: int | None = None,
               after: Callable[[Path], None] | None = None) -> RenderResult:
    """Render DOCX (and with `pdf` PDF) for the chosen proposals and their reports.

    `result` is a validate.Result. Proposals whose files have errors are not rendered; their IDs
    are in the returned list's `.refused`. Outputs go to root/build/docx and root/build/pdf, or
    both into `out_dir` when given. Unchanged inputs are not rendered again: an output whose source
    files (its project folder, the shared files, the template, khrongkan's code) are those it was
    made from is not even given a context; otherwise its context is built and compared with the
    one it was made from. `jobs` is the number of processes rendering DOCX at once (default: the
    number of cores, at most 4). `after`, when given, is called with each DOCX written, in the
    process that wrote it (`render` cleans the site's copy there: generator.site_files.Masking).
    """
    from ..locks import DOCUMENTS, hold

    # Another command of this checkout (a `site --fy` of another year) writes the same folders
    # and manifests: take turns.
    with hold(root, DOCUMENTS):
        return _render_all(result, root, out_dir, ids, pdf, progress, jobs, after)


def _render_all(result, root: Path, out_dir: Path | None, ids, pdf: bool, progress: bool,
                jobs: int | None, after: Callable[[Path], None] | None) -> RenderResult:
    from functools import partial

    from ..cache import code_fingerprint, digest

    root = Path(root)
    templates: dict[str, Path] = {}  # found once per run (a repository's own copy is compared with the default)

    def template(name: str) -> Path:
        if name not in templates:
            templates[name] = template_path(root, name)
        return templates[name]

    docx_dir = Path(out_dir) if out_dir else root / "build" / "docx"
    pdf_dir = Path(out_dir) if out_dir else root / "build" / "pdf"
    repository = result.repository
    outcome = RenderResult()
    planned: list[_Planned] = []
    for proposal in select_proposals(repository, ids):
        if proposal.has_errors:
            outcome.refused.append(proposal.id)
            continue
        font = repository.settings.font
        planned.append(_Planned(template("proposal.docx"), docx_dir / f"{proposal.id}.docx", font,
                                partial(proposal_context, proposal, repository), proposal.folder))
        for report in proposal.reports:
            planned.append(_Planned(template("report.docx"),
                                    docx_dir / f"{proposal.id}-report-{report.number}.docx", font,
                                    partial(report_context, proposal, report, repository), proposal.folder))
        planned += _visit_jobs(proposal, repository, template("visit.docx"), docx_dir, font)

    docx_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(docx_dir)
    manifest = Manifest(docx_dir)
    if ids is None and out_dir is None:  # a full run into build/ knows every output that should exist
        planned_names = {plan.out.name for plan in planned}
        manifest.prune({name for name in manifest.entries
                        if name in planned_names or _project_folder_exists(root, name)}, pdf_dir)
    template_digests = {template: _file_digest(template) or "" for template in {plan.template for plan in planned}}
    shared = _files_digest(root, [root / name for name in _SHARED_SOURCES])
    folders: dict[Path, str] = {}
    sources: dict[Path, str] = {}
    pending: list[_Planned] = []
    noted = False  # the manifest learnt the sources of an output that did not change
    for plan in planned:
        if plan.folder not in folders:
            folders[plan.folder] = _files_digest(root, [plan.folder])
        sources[plan.out] = digest(code_fingerprint(), GENERATOR_VERSION, plan.font, template_digests[plan.template],
                                   shared, folders[plan.folder], plan.out.name)
        if manifest.sources_unchanged(plan.out, sources[plan.out]):
            outcome.unchanged.append(plan.out)
            outcome.digests[plan.out] = manifest.digest(plan.out)
        else:
            pending.append(plan)
    try:
        for out, key, written, output in _make(pending, template_digests, manifest, progress, jobs, after):
            manifest.record(out, key, sources[out], output)
            outcome.digests[out] = manifest.digest(out)
            if written:
                outcome.written.append(out)
            else:
                noted = True
                outcome.unchanged.append(out)
    finally:  # outputs finished before a template error stay recorded
        if outcome.written or noted:
            manifest.save()
    order = {plan.out: index for index, plan in enumerate(planned)}
    outcome.written.sort(key=lambda path: order.get(path, 0))
    outcome.unchanged.sort(key=lambda path: order.get(path, 0))
    docx_paths = [plan.out for plan in planned]
    outcome += docx_paths
    if pdf and docx_paths:
        outcome += render_pdfs(docx_paths, pdf_dir, outcome, progress)
    return outcome


def _visit_jobs(proposal: model.Proposal, repository: model.Repository, template: Path, docx_dir: Path,
                font: str) -> list[_Planned]:
    """One visit record (แบบบันทึกการติดตามหนุนเสริมโครงการ) per visit-<N>.yaml: <ID>-visit-<N>.docx."""
    from functools import partial

    from ..visit_document import visit_context

    return [_Planned(template, docx_dir / f"{proposal.id}-visit-{visit.number}.docx", font,
                     partial(visit_context, proposal, visit, repository), proposal.folder)
            for visit in proposal.visits]


def _project_folder_exists(root: Path, output_name: str) -> bool:
    """Whether the project an output belongs to is still there (perhaps with errors being fixed)."""
    project_id = output_name.split("-report-")[0].split("-visit-")[0].removesuffix(".docx")
    return (root / "proposals" / project_id[:4] / project_id).is_dir()


def _make(pending: list[_Planned], template_digests: dict[Path, str], manifest: Manifest, progress: bool,
          workers: int | None, after: Callable[[Path], None] | None):
    """Build each pending output's context and key, and render those whose key the manifest does
    not hold: yield (output, key, whether it was written, its digest or None). With several
    processes on a system that forks, the workers build the contexts too (they inherit the plans),
    so a second core shares that work as well; elsewhere the contexts are built here and the jobs
    sent to the workers."""
    workers = min(workers or os.cpu_count() or 1, 4, len(pending))
    if workers > 1 and len(pending) > 2 and fork_context() is not None:
        yield from _shown(_in_forked_pool(pending, template_digests, manifest, workers, after), len(pending), progress)
        return
    todo: list[Job] = []
    keys: dict[Path, str] = {}
    for plan in pending:
        job = plan.job()
        keys[plan.out] = job.key(template_digests[plan.template])
        if manifest.is_fresh(plan.out, keys[plan.out]):
            yield plan.out, keys[plan.out], False, None
        else:
            todo.append(job)
    for out in _shown(_completed(todo, workers, after), len(todo), progress):
        yield out, keys[out], True, None


def _shown(finished, length: int, progress: bool):
    """Yield what `finished` yields, with a progress bar when asked for."""
    import contextlib

    import click

    bar = click.progressbar(length=length, label="กำลังสร้างเอกสาร Word", file=sys.stderr) \
        if progress and length > 1 else contextlib.nullcontext()
    with bar as shown:
        for item in finished:
            yield item
            if shown is not None:
                shown.update(1)


# What forked workers inherit from render_all: the pending outputs, the template digests, the manifest.
_INHERITED: list = [None]


def _make_chunk(indexes: list[int]) -> list[tuple[Path, str | None, bool, str | None, KhrongkanError | None]]:
    """In a forked worker: build the contexts of these pending outputs and render those not fresh;
    (output, key, written, its digest, error) for each."""
    pending, template_digests, manifest = _INHERITED[0]
    finished = []
    for index in indexes:
        plan = pending[index]
        try:
            job = plan.job()
            key = job.key(template_digests[plan.template])
            written = not manifest.is_fresh(plan.out, key)
            if written:
                _render_job(job)
            finished.append((plan.out, key, written, _file_digest(plan.out), None))
        except KhrongkanError as exc:
            finished.append((plan.out, None, False, None, exc))
    return finished


def _in_forked_pool(pending: list[_Planned], template_digests: dict[Path, str], manifest: Manifest, workers: int,
                    after: Callable[[Path], None] | None):
    """_make_chunk in forked workers; a template error is raised once the other documents are done."""
    templates = sorted({(plan.template, plan.font) for plan in pending})
    _warm_up(templates)  # forked workers inherit the loaded libraries and compiled templates
    size = max(1, min(_CHUNK, len(pending) // (workers * 4)))
    chunks = [list(range(start, min(start + size, len(pending)))) for start in range(0, len(pending), size)]
    _INHERITED[0] = (pending, template_digests, manifest)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=fork_context(), initializer=_warm_up,
                                 initargs=((), after)) as pool:
            futures = [pool.submit(_make_chunk, chunk) for chunk in chunks]
            error = None
            for future in as_completed(futures):
                for out, key, written, output, exc in future.result():
                    if exc is not None:
                        error = error or exc
                    else:
                        yield out, key, written, output
            if error is not None:
                raise error
    finally:
        _INHERITED[0] = None


def _warm_up(templates: list[tuple[Path, str]] = (), after: Callable[[Path], None] | None = None) -> None:
    """Load the libraries and compile the templates: in the parent before the pool forks (the
    workers inherit both), again in a worker started afresh (Windows), never once per document."""
    import docxtpl  # noqa: F401  (python-docx, lxml and Jinja come with it)

    from .engine import compiled

    _AFTER[0] = after
    for template, font in templates:
        compiled(template, font)


_CHUNK = 8  # jobs per call to a worker: few enough to keep both busy to the end


def _completed(jobs: list[Job], workers: int | None, after: Callable[[Path], None] | None = None):
    """In a process pool when there are several jobs and cores; a template error is raised once
    the other documents are done."""
    workers = min(workers or os.cpu_count() or 1, 4, len(jobs))
    if workers <= 1 or len(jobs) <= 2:
        _AFTER[0] = after
        try:
            for job in jobs:
                yield _render_job(job)
        finally:
            _AFTER[0] = None
        return
    templates = sorted({(job.template, job.font) for job in jobs})
    _warm_up(templates)  # forked workers inherit the loaded libraries and compiled templates
    size = max(1, min(_CHUNK, len(jobs) // (workers * 4)))
    chunks = [jobs[start:start + size] for start in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, initargs=(templates, after)) as pool:
        futures = [pool.submit(_render_chunk, chunk) for chunk in chunks]
        error = None
        for future in as_completed(futures):
            for out, exc in future.result():
                if exc is not None:
                    error = error or exc
                else:
                    yield out
        if error is not None:
            raise error


def render_pdfs(docx_paths: list[Path], pdf_dir: Path, outcome: RenderResult, progress: bool = False) -> list[Path]:
    """PDFs of `docx_paths` in `pdf_dir`, converting only those whose DOCX changed since their PDF was made."""
    pdf_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(pdf_dir)
    for leftover in pdf_dir.glob(".convert-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    manifest = Manifest(pdf_dir)
    targets = {path: pdf_dir / f"{path.stem}.pdf" for path in docx_paths}
    keys = {path: _file_digest(path) or "" for path in docx_paths}
    todo = [path for path in docx_paths if not manifest.is_fresh(targets[path], keys[path])]
    if progress and todo:
        import click

        click.echo(f"กำลังแปลงเป็น PDF ด้วย LibreOffice {len(todo)} ไฟล์ (converting {len(todo)} file(s) to PDF)...",
                   err=True)
    for source, pdf in zip(todo, convert_to_pdf(todo, pdf_dir) if todo else []):
        manifest.record(pdf, keys[source])
        outcome.written.append(pdf)
    if todo:
        manifest.save()
    outcome.unchanged += [targets[path] for path in docx_paths if path not in todo]
    return [targets[path] for path in docx_paths]
