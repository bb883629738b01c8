"""`khrongkan plan`: the provincial community strategic plan as a Word document (and PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import PDF, REPO, checked_repository, convert_to_pdf, echo_written, repository_root


OUT = click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
                   help="โฟลเดอร์ที่เขียนไฟล์ (output folder; default build/plan)")


@click.command()
@click.option("--fy", type=int, default=None,
              help="ปีงบประมาณ พ.ศ. ของโครงการที่รายงาน เช่น 2570 (fiscal year; default: the latest a plan covers)")
@OUT
@PDF
@REPO
def plan(fy: int | None, out: Path | None, pdf: bool, repo: Path | None) -> None:
    """แผนยุทธศาสตร์ชุมชนจังหวัด (DOCX) กับโครงการที่สนองแต่ละยุทธศาสตร์ในปีงบประมาณนั้น.

    The provincial plan covering the fiscal year: for each strategy its goal and indicators, the
    tambons whose plans point to it, the proposals that serve it with requested and approved
    budgets and their indicator results; then the tambons with a plan but no proposal and the
    sub-districts with no plan. Figures are the roll-up's (khrongkan summary). Written as
    plan-<FIRST>-<LAST>-fy<FY>.docx into build/plan/.
    """
    from .errors import KhrongkanError
    from .plan_document import write_plan
    from .plan_rollup import default_year

    root = repository_root(repo)
    repository = checked_repository(root).repository
    if fy is None:
        fy = default_year(repository)
    if fy is None:
        raise KhrongkanError("ยังไม่มีแผนยุทธศาสตร์ใน plans/ — เพิ่ม plans/<ปีงบ>-<ปีงบ>/province.yaml",
                             "there is no plan in plans/ yet; add plans/<FY>-<FY>/province.yaml")
    folder = out or root / "build" / "plan"
    path = write_plan(repository, fy, folder)
    echo_written(path, root)
    if pdf:
        convert_to_pdf([path], root, folder)
