"""`khrongkan site`: the review site in build/site (and --serve to look at it while editing)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import REPO, repository_root, tidy_cache
from .errors import UsageError



@click.command()
@click.option("--serve", is_flag=True,
              help="เปิดเว็บไซต์ที่ http://127.0.0.1:PORT และสร้างใหม่เมื่อแก้ไฟล์ (serve and rebuild on changes)")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="พอร์ตของ --serve (port for --serve)")
@click.option("--strict", is_flag=True,
              help="จบด้วยรหัส 1 เมื่อข้อมูลมีข้อผิดพลาด แม้สร้างเว็บไซต์ได้ (exit 1 when the data has errors, for CI)")
@click.option("--fy", "years", multiple=True, metavar="ปี",
              help="สร้างเว็บไซต์แยกของปีงบประมาณนี้ (พ.ศ.) ใน build/site/<ปี>/ ใส่ซ้ำได้หรือคั่นด้วยจุลภาค; "
                   "all = ทุกปีพร้อมหน้ารวม (build one fiscal year's own site into build/site/<fy>/; "
                   "repeatable; all = every year and the index)")
@click.option("--index", "index", is_flag=True,
              help="สร้างหน้ารวมใน build/site/ ที่ลิงก์ไปทุกปีงบประมาณ เก็บโฟลเดอร์ของแต่ละปีไว้ "
                   "(build the index site of a by-year build, keeping the years' folders)")
# Without --strict it still exits 1 when a proposal cannot be read: that project has no page.
@REPO
def site(serve: bool, port: int, strict: bool, years: tuple[str, ...], index: bool, repo: Path | None) -> None:
    """สร้างเว็บไซต์สำหรับผู้พิจารณาใน build/site/ (build the review site).

    Writes the pages into build/pages/, the Word documents first (build/docx/), then builds
    build/site/ with MkDocs. Problems in the data do not stop the site: they are listed on
    its page "ปัญหาที่ต้องแก้ไข". A project whose proposal cannot be read has no page: it is
    named, and the exit status is 1.

    By fiscal year (a large archive, a CI matrix): --fy 2570 builds that year's own site into
    build/site/2570/ (its proposals, the meetings that decided them, its search and downloads);
    --index builds the index into build/site/ (form, plan, follow-up, guides, a link to every
    year) and keeps the years' folders; --fy all builds every year and the index.
    """
    from .left_out import describe, left_out
    from .sitebuild import build_site, report, serve as serve_site
    from .validate import check_repository

    root = repository_root(repo)
    if serve and (years or index):
        raise UsageError("--serve ใช้กับ --fy หรือ --index ไม่ได้ (เปิดดูโฟลเดอร์ build/site ด้วยเว็บเซิร์ฟเวอร์ใดก็ได้)",
                         "--serve cannot be combined with --fy or --index")
    if serve:
        tidy_cache(root)  # before: serving ends only with Ctrl+C
        serve_site(root, port, echo=click.echo)
        return
    result = check_repository(root)
    if years or index:
        from .fiscal_years import build_years, choose_years, fiscal_year_view, wants_all

        chosen = choose_years(result, years)
        outcomes = build_years(root, result, chosen, index=index or wants_all(years))
        for outcome in outcomes:
            report(outcome, click.echo)
        seen = fiscal_year_view(result, chosen)  # the index has no proposal pages to miss
        errors = len((seen if chosen else result).errors)
    else:
        outcome = build_site(root, result)
        report(outcome, click.echo)
        seen, errors = result, outcome.errors
    tidy_cache(root)
    missing = left_out(seen)
    for line in describe(missing, "เว็บไซต์ไม่มีหน้าของโครงการต่อไปนี้ เพราะอ่านแบบเสนอโครงการไม่ได้",
                         "The site has no page for these projects: their proposal cannot be read"):
        click.echo(line, err=True)
    if missing:
        sys.exit(1)
    if strict and errors:
        click.echo("--strict: ข้อมูลมีข้อผิดพลาด (the data has errors)", err=True)
        sys.exit(1)
