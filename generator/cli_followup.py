"""`khrongkan followup` and `khrongkan progress`: what the small committee must follow up, and the
progress report to the large committee. They parse options, call generator.followup /
generator.progress, and print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli_options import OUT, PDF, REPO, checked_repository, convert_to_pdf, echo_written, repository_root



class _DateType(click.ParamType):
    """A day written as in the data files: 2027-01-31 or 2570-01-31 (a year of 2400 or more is BE)."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from .thai import DateError, parse_date

        try:
            return parse_date(str(value))
        except DateError:
            self.fail(f"วันที่ต้องเป็นแบบ ปปปป-ดด-วว เช่น 2570-01-31 หรือ 2027-01-31 (ได้ '{value}')", param, ctx)


AS_OF = click.option("--as-of", "as_of", type=_DateType(), default=None,
                     help="ข้อมูล ณ วันที่ (as-of day; default: the latest day recorded in the files, never the clock)")


@click.command("followup")
@AS_OF
@REPO
def followup_command(as_of: date | None, repo: Path | None) -> None:
    """เรื่องที่คณะทำงานชุดเล็กต้องติดตาม พร้อมเหตุผลและจำนวนวันที่เกินกำหนด (what needs follow-up).

    Approved projects not visited for more than followup.visit_days, installments whose
    report_due has passed with no report since they were paid, spending on activities every
    report calls not started or beyond their budget, and projects past their end by more than
    followup.final_report_days without a final report.
    """
    from . import thai
    from .followup import KIND_TH, followup

    root = repository_root(repo)
    repository = checked_repository(root).repository
    day, items = followup(repository, as_of)
    if day is None:
        click.echo("ยังไม่มีข้อมูลวันที่ในคลังโครงการ (no dates recorded yet)")
        return
    source = "ตามที่ระบุ" if as_of else "วันล่าสุดที่บันทึกในไฟล์"
    click.echo(f"เรื่องที่ต้องติดตาม ณ วันที่ {thai.format_date(day)} ({source}): {len(items)} เรื่อง "
               f"(follow-up as of {day.isoformat()}: {len(items)} items)")
    for item in items:
        click.echo(f"- {item.proposal.id} [{KIND_TH[item.kind]}] {item.reason_th} — เกินกำหนด {item.days_overdue} วัน")
        click.echo(f"    ({item.reason_en}; {item.days_overdue} days overdue)")


@click.command()
@AS_OF
@click.option("--fy", type=int, default=None, help="ปีงบประมาณ พ.ศ. (fiscal year; default: all years)")
@OUT
@PDF
@REPO
def progress(as_of: date | None, fy: int | None, out: Path | None, pdf: bool, repo: Path | None) -> None:
    """รายงานความก้าวหน้าต่อคณะยุทธศาสตร์ชุดใหญ่ (progress report to the large committee, DOCX).

    One summary page with district totals, then one table per issue with every approved project
    grouped by district, then the follow-up list. Written as build/docx/progress-<FY>.docx
    (progress-all.docx without --fy).
    """
    from .progress import write_progress

    root = repository_root(repo)
    repository = checked_repository(root).repository
    folder = out or root / "build" / "docx"
    path = write_progress(repository, folder, as_of, fy)
    echo_written(path, root)
    if pdf:
        convert_to_pdf([path], root, out)
