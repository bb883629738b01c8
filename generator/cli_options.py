"""What every command module shares: the common options, finding the repository, printing
problems and written files, checking before a document is made, PDF conversion.

The command modules (cli_*.py) import this module and never the root group in generator.cli,
which only gathers them (as mkdocs' __main__ builds its option groups once).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import UsageError
from .load import find_root, relative
from .problems import Problem

LANG = click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True,
                    help="ภาษาของข้อความ (message language)")
REPO = click.option("--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
                    help="โฟลเดอร์คลังโครงการ (the proposals repository; default: found from the current folder)")
OUT = click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
                   help="โฟลเดอร์ที่เขียนไฟล์ (output folder; default build/docx, or build/summary for summary)")
PDF = click.option("--pdf", is_flag=True, help="แปลงเป็น PDF ด้วย LibreOffice ด้วย (also convert to PDF)")


def repository_root(repo: Path | None) -> Path:
    root = find_root(repo or Path.cwd())
    if not (root / "khrongkan.yaml").is_file():
        raise UsageError(f"ไม่พบ khrongkan.yaml ใน {root} หรือโฟลเดอร์แม่ — ยังไม่ได้อยู่ในคลังโครงการ "
                         "(สร้างใหม่ด้วย khrongkan init --province ชื่อจังหวัด โฟลเดอร์)",
                         f"no khrongkan.yaml in {root} or above: not a proposals repository "
                         "(start one with khrongkan init)")
    return root


def print_problems(problems: list[Problem], lang: str, files_checked: int | None = None) -> None:
    color = sys.stdout.isatty()
    for problem in problems:
        code = click.style(problem.code, fg="red" if problem.is_error else "yellow") if color else problem.code
        click.echo(f"{problem.location()}: {code} {problem.message(lang)}")
        for line in problem.excerpt():
            click.echo(line)
    click.echo(summary_line(problems, lang), err=bool(problems))


def summary_line(problems: list[Problem], lang: str) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if lang == "th":
        if problems:
            text = f"พบข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"
        else:
            text = "ผ่าน: ไม่พบปัญหา"
    else:
        text = f"{errors} error(s), {warnings} warning(s)" if problems else "OK: no problems found"
    return text


def checked_repository(root: Path):
    from .validate import check_repository

    result = check_repository(root)
    if result.errors:
        click.echo(f"คำเตือน: ข้อมูลมีข้อผิดพลาด {len(result.errors)} รายการ เอกสารอาจไม่ครบหรือไม่ถูกต้อง "
                   "ตรวจด้วย khrongkan check (the data has errors; run khrongkan check)", err=True)
    return result


def echo_written(path: Path, root: Path) -> None:
    click.echo(f"เขียน (wrote) {relative(root, path)}")


def convert_to_pdf(paths: list[Path], root: Path, out: Path | None) -> None:
    """Through the render manifest: LibreOffice runs only for a document that changed."""
    from .documents import RenderResult, render_pdfs
    from .locks import DOCUMENTS, hold

    outcome = RenderResult()
    with hold(root, DOCUMENTS):  # the PDF manifest and LibreOffice's scratch folders are shared with `render`
        render_pdfs(paths, out or root / "build" / "pdf", outcome)
    for pdf in outcome.written:
        echo_written(pdf, root)
    for pdf in outcome.unchanged:
        click.echo(f"ไม่เปลี่ยนแปลง (unchanged) {relative(root, pdf)}")


def tidy_cache(root: Path) -> None:
    """After `render`, `site` and `build`: prune build/cache of what was not used for a month
    (generator.cache.prune_when_due: once a day at most, one pass over the folder)."""
    from .cache import MAX_AGE_DAYS, prune_when_due
    from .clean import size_text

    done = prune_when_due(root)
    if done is not None and done.removed:
        click.echo(f"ล้างแคชที่ไม่ได้ใช้นานใน build/cache: {done.removed:,} รายการ ({size_text(done.freed)}) "
                   f"(pruned {done.removed:,} cache entries unused for {MAX_AGE_DAYS} days or beyond the size limit)",
                   err=True)
