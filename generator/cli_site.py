"""`khrongkan site`: the review site in build/site (and --serve to look at it while editing)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import REPO, repository_root



@click.command()
@click.option("--serve", is_flag=True,
              help="เปิดเว็บไซต์ที่ http://127.0.0.1:PORT และสร้างใหม่เมื่อแก้ไฟล์ (serve and rebuild on changes)")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="พอร์ตของ --serve (port for --serve)")
@click.option("--strict", is_flag=True,
              help="จบด้วยรหัส 1 เมื่อข้อมูลมีข้อผิดพลาด แม้สร้างเว็บไซต์ได้ (exit 1 when the data has errors, for CI)")
# Without --strict it still exits 1 when a proposal cannot be read: that project has no page.
@REPO
def site(serve: bool, port: int, strict: bool, repo: Path | None) -> None:
    """สร้างเว็บไซต์สำหรับผู้พิจารณาใน build/site/ (build the review site).

    Writes the pages into build/pages/, the Word documents first (build/docx/), then builds
    build/site/ with MkDocs. Problems in the data do not stop the site: they are listed on
    its page "ปัญหาที่ต้องแก้ไข". A project whose proposal cannot be read has no page: it is
    named, and the exit status is 1.
    """
    from .left_out import describe, left_out
    from .sitebuild import build_site, report, serve as serve_site
    from .validate import check_repository

    root = repository_root(repo)
    if serve:
        serve_site(root, port, echo=click.echo)
        return
    result = check_repository(root)
    outcome = build_site(root, result)
    report(outcome, click.echo)
    missing = left_out(result)
    for line in describe(missing, "เว็บไซต์ไม่มีหน้าของโครงการต่อไปนี้ เพราะอ่านแบบเสนอโครงการไม่ได้",
                         "The site has no page for these projects: their proposal cannot be read"):
        click.echo(line, err=True)
    if missing:
        sys.exit(1)
    if strict and outcome.errors:
        click.echo("--strict: ข้อมูลมีข้อผิดพลาด (the data has errors)", err=True)
        sys.exit(1)
