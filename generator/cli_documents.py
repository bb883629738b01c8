"""`khrongkan render`: Word (and PDF) documents for proposals and their reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import REPO, repository_root, tidy_cache
from .load import relative


@click.command()
@click.argument("ids", nargs=-1)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ผลลัพธ์ (output folder; default: build/docx and build/pdf)")
@click.option("--pdf", is_flag=True, help="แปลงเป็น PDF ด้วย LibreOffice ด้วย (also convert to PDF with LibreOffice)")
@click.option("--fy", "years", multiple=True, metavar="ปี",
              help="เฉพาะโครงการของปีงบประมาณนี้ (พ.ศ.) ใส่ซ้ำได้ (only this Buddhist-Era fiscal year's projects; "
                   "repeatable)")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="จำนวนกระบวนการที่ทำงานพร้อมกัน (processes at once; default: the number of cores, at most 4)")
@REPO
def render(ids: tuple[str, ...], out: Path | None, pdf: bool, years: tuple[str, ...], jobs: int | None,
           repo: Path | None) -> None:
    """สร้างเอกสาร Word แบบเสนอโครงการและรายงาน (render proposals and reports as DOCX/PDF).

    IDS: รหัสโครงการ เช่น 2570-001 หรือชื่อโฟลเดอร์เต็ม; ไม่ใส่ = ทุกโครงการ
    (project IDs such as 2570-001 or full folder names; none = all).
    Writes build/docx/<ID>.docx and build/docx/<ID>-report-<N>.docx; with --pdf also build/pdf/.
    With --fy only the projects of those fiscal years (the documents of other years are kept).
    """
    from .documents import RenderResult, render_all
    from .left_out import describe, left_out, named
    from .validate.parallel import check_repository

    root = repository_root(repo)
    result = check_repository(root, jobs)
    if years:  # one job of a CI matrix: only that year's documents (generator.fiscal_years)
        from .fiscal_years import choose_years, fiscal_year_view

        result = fiscal_year_view(result, choose_years(result, years))
    # An ID naming a project whose proposal cannot be read is reported below, not "no such project".
    readable_ids = [wanted for wanted in ids
                    if any(named(project_id, [wanted]) for project_id in result.repository.proposals)
                    or not any(named(s.project_id, [wanted]) for s in result.skipped)]
    files = RenderResult()
    if readable_ids or not ids:
        # The site's cleaned copies, made now (each by the worker that wrote its DOCX) and cached
        # for `khrongkan site`.
        from .site_files import Masking, mask_downloads

        masking = Masking(result, root) if out is None else None
        files = render_all(result, root, out_dir=out, ids=readable_ids or None, pdf=pdf, progress=sys.stderr.isatty(),
                           jobs=jobs, after=masking)
        if masking is not None:  # those not written now: read back from the cache, or cleaned now
            mask_downloads(result, root, files.unchanged, files.digests)
        tidy_cache(root)
    for path in files.written:
        click.echo(f"เขียน (wrote) {relative(root, path)}")
    click.echo(f"เสร็จแล้ว: สร้างใหม่ {len(files.written)} ไฟล์ ไม่เปลี่ยนแปลง {len(files.unchanged)} ไฟล์ "
               f"(done: {len(files.written)} written, {len(files.unchanged)} unchanged)")
    missing = left_out(result, with_errors=True, ids=list(ids) or None)
    for line in describe(missing, "ไม่ได้สร้างเอกสารของโครงการต่อไปนี้ เพราะไฟล์ของโครงการมีข้อผิดพลาด",
                         "Not rendered because their files have errors"):
        click.echo(line, err=True)
    if missing:
        sys.exit(1)

