"""Committee commands: `agenda`, `minutes`, `summary` and `fingerprint`.

They parse options, call generator.committee / generator.summaries / generator.documents, and
print what they wrote. Data problems do not stop them (the documents say what is wrong), but
the count of errors is printed so that nobody takes a document to a meeting unawares.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import OUT, PDF, REPO, checked_repository, convert_to_pdf, echo_written, repository_root

MEETING = click.argument("meeting_file", type=click.Path(path_type=Path))


def _meeting_root(meeting_file: Path, repo: Path | None) -> Path:
    base = meeting_file if meeting_file.is_dir() else meeting_file.parent
    return repository_root(repo or (base if base.exists() else None))


def _open_meeting(meeting_file: Path, repo: Path | None):
    """The repository root, its model and the meeting a MEETING_FILE argument names."""
    from .committee import find_meeting

    root = _meeting_root(meeting_file, repo)
    result = checked_repository(root)
    return root, result, find_meeting(result.repository, meeting_file)


def _name_left_out(items, heading_th: str, heading_en: str) -> None:
    """Name the projects a document leaves out (on stderr) and exit 1 when there are any."""
    from .left_out import describe

    for line in describe(items, heading_th, heading_en):
        click.echo(line, err=True)
    if items:
        sys.exit(1)


@click.command()
@MEETING
@OUT
@PDF
@REPO
def agenda(meeting_file: Path, out: Path | None, pdf: bool, repo: Path | None) -> None:
    """ระเบียบวาระการประชุม (DOCX) จากไฟล์การประชุมครั้งหน้า เช่น meetings/2570/03.yaml.

    The agenda pack of a coming meeting: every submitted proposal still awaiting a decision on
    the meeting's date (those sent back or deferred marked as returning, approved ones edited
    since their approval marked for re-approval), then one page per proposal.
    """
    from .committee import agenda_items, render_agenda
    from .left_out import left_out

    root, result, meeting = _open_meeting(meeting_file, repo)
    repository = result.repository
    path = render_agenda(repository, meeting, out or root / "build" / "docx")
    echo_written(path, root)
    items = agenda_items(repository, meeting)
    click.echo(f"โครงการที่รอพิจารณา {len(items)} โครงการ ({len(items)} proposal(s) on the agenda)")
    if pdf:
        convert_to_pdf([path], root, out)
    _name_left_out(left_out(result), "ระเบียบวาระอาจไม่ครบ: อ่านแบบเสนอโครงการต่อไปนี้ไม่ได้ จึงไม่อยู่ในระเบียบวาระ",
                   "The agenda may be incomplete: these proposals cannot be read and are not on it")


@click.command()
@MEETING
@OUT
@PDF
@REPO
def minutes(meeting_file: Path, out: Path | None, pdf: bool, repo: Path | None) -> None:
    """บันทึกการประชุม (DOCX) จากไฟล์การประชุมที่ประชุมแล้ว: ผู้มา/ไม่มา องค์ประชุม และมติ.

    The minutes of a held meeting: attendance against the roster, the quorum, every decision.
    For each approval it prints the proposal's fingerprint to record under the decision
    (fingerprint: ...) so that `khrongkan check` flags later edits (R010).
    """
    from .committee import approval_fingerprints, render_minutes

    root, result, meeting = _open_meeting(meeting_file, repo)
    repository = result.repository
    path = render_minutes(repository, meeting, out or root / "build" / "docx")
    echo_written(path, root)
    checks = approval_fingerprints(repository, meeting)
    if checks:
        click.echo("รหัสตรวจสอบฉบับที่อนุมัติ ให้บันทึกใต้มติ (fingerprints of the approved proposals, to record under each decision):")
    for check in checks:
        click.echo(_fingerprint_line(check))
    if pdf:
        convert_to_pdf([path], root, out)


def _fingerprint_line(check) -> str:
    from .committee import FINGERPRINT_EN, FINGERPRINT_TH, MISSING, RECORDED

    line = f"  {check.proposal.id}  fingerprint: {check.current}  [{check.location()}]  "
    line += f"{FINGERPRINT_TH[check.state]} ({FINGERPRINT_EN[check.state]})"
    if check.state == MISSING:
        line += f" — เพิ่มบรรทัด  fingerprint: {check.current}  ใต้มตินี้ (add it under this decision)"
    elif check.state != RECORDED:
        line += f" — บันทึกไว้ {check.recorded} (recorded)"
    return line


@click.command()
@click.argument("ids", nargs=-1)
@REPO
def fingerprint(ids: tuple[str, ...], repo: Path | None) -> None:
    """รหัสตรวจสอบฉบับที่อนุมัติ (คำนวณจากเนื้อหาแบบเสนอ) สำหรับบันทึกใต้มติอนุมัติในไฟล์การประชุม.

    Prints each proposal's fingerprint (a hash of its content) and, for every approval on
    record, whether the meeting file records it and whether it still matches. Without IDs:
    every approved proposal. Record it in the meeting file under the decision:

        - proposal: 2570-001-...
          decision: approved
          fingerprint: 4414a53bdcee
    """
    from .committee import approval_fingerprints, resolve_ids

    root = repository_root(repo)
    repository = checked_repository(root).repository
    proposals = resolve_ids(repository, list(ids)) if ids else []
    wanted = [p.id for p in proposals] or None
    checks = approval_fingerprints(repository, ids=wanted)
    for proposal in proposals:
        if not any(c.proposal is proposal for c in checks):
            click.echo(f"  {proposal.id}  fingerprint: {proposal.fingerprint()}  "
                       "ยังไม่มีมติอนุมัติ (no approval on record)")
    for check in checks:
        click.echo(_fingerprint_line(check))
    if not checks and not proposals:
        click.echo("ยังไม่มีโครงการที่อนุมัติ (no approvals on record)")


@click.command()
@click.option("--fy", type=int, default=None,
              help="ปีงบประมาณ พ.ศ. เช่น 2570 (fiscal year; default: the latest in the data)")
@OUT
@PDF
@REPO
def summary(fy: int | None, out: Path | None, pdf: bool, repo: Path | None) -> None:
    """สรุปภาพรวมจังหวัดสำหรับรายงาน พอช. (DOCX, XLSX, CSV) รายอำเภอ รายประเด็น รายโครงการ.

    The provincial roll-up: per district, per issue and per project the number of projects,
    requested, approved, received, spent, balance and indicator achievement, with totals that
    reconcile. Written as summary-<FY>.docx, summary-<FY>.xlsx and summary-<FY>-*.csv (UTF-8
    with BOM for Excel) into build/summary/.
    """
    from .summaries import write_summary

    root = repository_root(repo)
    result = checked_repository(root)
    repository = result.repository
    if fy is None:
        years = repository.fiscal_years()
        fy = years[-1] if years else None
    folder = out or root / "build" / "summary"
    written = write_summary(repository, fy, folder)
    for path in written:
        echo_written(path, root)
    broken = [p.id for p in repository.proposals_in(fy) if p.has_errors]
    if broken:
        click.echo(f"คำเตือน: โครงการที่ข้อมูลยังมีข้อผิดพลาด (ตัวเลขอาจไม่ถูกต้อง): {', '.join(broken)} "
                   "(projects whose files have errors)", err=True)
    if pdf:
        convert_to_pdf([p for p in written if p.suffix == ".docx"], root, folder)
    from .left_out import left_out

    _name_left_out(left_out(result, fiscal_year=fy),
                   "สรุปภาพรวมไม่นับโครงการต่อไปนี้ เพราะอ่านแบบเสนอโครงการไม่ได้",
                   "The roll-up leaves out these projects: their proposal cannot be read")
