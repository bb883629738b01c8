"""`khrongkan site`: the review site in build/site (and --serve to look at it while editing)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import REPO, _root


@click.command()
@click.option("--serve", is_flag=True,
              help="เปิดเว็บไซต์ที่ http://127.0.0.1:PORT และสร้างใหม่เมื่อแก้ไฟล์ (serve and rebuild on changes)")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="พอร์ตของ --serve (port for --serve)")
@click.option("--strict", is_flag=True,
              help="จบด้วยรหัส 1 เมื่อข้อมูลมีข้อผิดพลาด แม้สร้างเว็บไซต์ได้ (exit 1 when the data has errors, for CI)")
@REPO
def site(serve: bool, port: int, strict: bool, repo: Path | None) -> None:
    """สร้างเว็บไซต์สำหรับผู้พิจารณาใน build/site/ (build the review site).

    Writes the pages into build/pages/, the Word documents first (build/docx/), then builds
    build/site/ with MkDocs. Problems in the data do not stop the site: they are listed on
    its page "ปัญหาที่ต้องแก้ไข".
    """
    from .sitebuild import build_site, report, serve as serve_site

    root = _root(repo)
    if serve:
        serve_site(root, port, echo=click.echo)
        return
    outcome = build_site(root)
    report(outcome, click.echo)
    if strict and outcome.errors:
        click.echo("--strict: ข้อมูลมีข้อผิดพลาด (the data has errors)", err=True)
        sys.exit(1)
