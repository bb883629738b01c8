"""`khrongkan build` (everything in one command) and `khrongkan bench` (the speed targets)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import REPO, print_problems, repository_root



@click.command()
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="สร้าง PDF ด้วย LibreOffice ด้วย (also PDFs through LibreOffice)")
@click.option("--strict", is_flag=True, help="คำเตือนนับเป็นข้อผิดพลาด (warnings fail too)")
@REPO
def build(pdf: bool, strict: bool, repo: Path | None) -> None:
    """ตรวจ สร้างเอกสาร และสร้างเว็บไซต์ในคำสั่งเดียว (check, render and build the site).

    Problems in the data are printed and listed on the site; documents are made for every
    proposal without errors. Exits 1 when the data has errors (or warnings with --strict).
    """
    from .documents import render_all
    from .sitebuild import build_site, report
    from .validate import check_repository

    root = repository_root(repo)
    click.echo("== 1/3 ตรวจข้อมูล (check) ==")
    result = check_repository(root)
    print_problems(result.problems, "th")
    click.echo("== 2/3 เอกสาร Word และ PDF (documents) ==")
    rendered = render_all(result, root, pdf=pdf, progress=sys.stderr.isatty())
    click.echo(f"สร้างใหม่ {len(rendered.written)} ไฟล์ ไม่เปลี่ยนแปลง {len(rendered.unchanged)} ไฟล์ -> build/docx"
               + (", build/pdf" if pdf else ""))
    from .left_out import describe, left_out

    for line in describe(left_out(result, with_errors=True), "ไม่ได้สร้างเอกสารของโครงการต่อไปนี้ เพราะไฟล์ของโครงการมีข้อผิดพลาด",
                         "Not rendered because their files have errors"):
        click.echo(line, err=True)
    click.echo("== 3/3 เว็บไซต์ (site) ==")
    report(build_site(root, result), click.echo)
    if result.errors or (strict and result.problems):
        sys.exit(1)


@click.command()
@click.option("--copies", type=click.IntRange(1, 50), default=4, show_default=True,
              help="ขยายข้อมูลตัวอย่างกี่เท่า (how many times the sample proposals are copied)")
@click.option("--repeat", type=click.IntRange(1, 20), default=3, show_default=True,
              help="วัดซ้ำกี่ครั้ง (repetitions; the median counts)")
@REPO
def bench(copies: int, repeat: int, repo: Path | None) -> None:
    """วัดความเร็วเทียบกันในรอบเดียว (speed targets as ratios measured side by side).

    Works on a scratch copy; the repository itself is not touched. Exits 1 when a target is missed.
    """
    from . import bench as benchmark

    targets = benchmark.run(repository_root(repo), copies=copies, repeat=repeat, echo=click.echo)
    if not benchmark.report(targets, click.echo):
        sys.exit(1)
