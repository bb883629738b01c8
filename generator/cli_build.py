"""`khrongkan build` (everything in one command) and `khrongkan bench` (the speed targets)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import REPO, print_problems, repository_root, tidy_cache

PARTS = ("check", "render", "site", "search", "photos")  # generator.bench.PARTS (not imported: it is slow)



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
    tidy_cache(root)
    if result.errors or (strict and result.problems):
        sys.exit(1)


@click.command()
@click.option("--n", "n", type=click.IntRange(1, 9990), default=100, show_default=True,
              help="จำนวนโครงการในคลังทดสอบ (how many proposals the synthetic repository holds)")
@click.option("--only", default=",".join(PARTS), show_default=True,
              help="วัดเฉพาะส่วน คั่นด้วยจุลภาค (measure only these parts, comma-separated: " + ", ".join(PARTS) + ")")
@click.option("--photos", type=click.IntRange(0, 2000), default=0, show_default=True,
              help="วัดรายงานที่มีภาพ K ภาพ 1600x1200 ด้วย (also a report with K photos of 1600x1200, e.g. 300)")
@click.option("--rounds", type=click.IntRange(1, 20), default=None,
              help="วัดซ้ำกี่รอบ สลับกัน ใช้ค่ามัธยฐาน (interleaved rounds, the median counts; default 3, 1 above N=100)")
@REPO
def bench(n: int, only: str, photos: int, rounds: int | None, repo: Path | None) -> None:
    """วัดความเร็วเทียบกับพื้นในรอบเดียว (the speed of check, render, site and search against their floors).

    Generates N realistic proposals in a scratch folder (the repository itself is only read),
    runs each operation as a new process, and prints one table of times per proposal, peak
    memory and ratios to the floors measured in the same run. Missed targets are reported,
    never an error: the exit status is 0.
    """
    from . import bench as benchmark

    parts = tuple(part.strip() for part in only.split(",") if part.strip())
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        raise click.BadParameter(f"ไม่รู้จัก {', '.join(unknown)}; ใช้ได้: {', '.join(PARTS)} "
                                 f"(unknown part; allowed: {', '.join(PARTS)})", param_hint="--only")
    if photos and "photos" not in parts:  # --photos K asks for that row whatever --only says
        parts += ("photos",)
    benchmark.run(repository_root(repo), n, only=parts, photos=photos, rounds=rounds, echo=click.echo,
                  progress=lambda line: click.echo(line, err=True))
