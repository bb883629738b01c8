"""Command line: parse options, call the stages, print, map failures to exit codes.

Exit codes: 0 clean (warnings allowed unless --strict), 1 problems found or a failure the
user can fix, 2 a usage error, 3 an internal error (a bug). No traceback reaches the user.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_options import LANG, REPO, print_problems, repository_root, summary_line
from .collector import paused
from .errors import KhrongkanError, UsageError

# At exit the cycle collector would walk everything still alive once more (a repository's
# hundreds of thousands of values: a tenth of a repeated check); the exit frees it anyway.
atexit.register(gc.freeze)


def _ensure_utf8_output() -> None:
    """Thai on a Windows console: make stdout/stderr UTF-8 instead of the legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


class _Commands(click.Group):
    """A bug must not greet a committee member with a traceback: say what happened in one line."""

    # Called with the process's own command line (the `khrongkan` program, python -m generator):
    # the process ends with this command. Tests and other callers pass their arguments.
    ends_process = False

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As click's, but errors, `Error:` and `Aborted!` in Thai unless `--lang en` is given."""
        if args is None and standalone_mode:
            _Commands.ends_process = True
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from .cli_messages import ABORTED_TH, show_en, show_th, wants_english

        args = list(sys.argv[1:] if args is None else args)
        english = wants_english(args)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            (show_en if english else show_th)(exc)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!" if english else ABORTED_TH, err=True)
            sys.exit(1)
        except BrokenPipeError:  # `khrongkan check | head`: the reader left; stop quietly, as click does
            sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # a closed pipe is the reader leaving (see main), not a bug
        except Exception as exc:
            if os.environ.get("KHRONGKAN_DEBUG"):
                raise
            raise KhrongkanError(
                f"เกิดข้อผิดพลาดภายในโปรแกรม ({type(exc).__name__}: {exc}) ข้อมูลของท่านไม่ถูกแก้ไข "
                "กรุณาแจ้งกองเลขาพร้อมข้อความนี้",
                "internal error; your files were not changed. Set KHRONGKAN_DEBUG=1 to see the traceback "
                "and please report it.", exit_code=3) from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khrongkan")
def main() -> None:
    """khrongkan (โครงการ): แบบเสนอโครงการเป็น YAML -> ตรวจ, เอกสาร Word, เว็บไซต์สำหรับผู้พิจารณา

    Proposals as YAML -> validation, Word documents, a review site.
    """
    _ensure_utf8_output()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@LANG
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True,
              help="รูปแบบผลลัพธ์ (output format; github = annotations for GitHub Actions)")
@click.option("--strict", is_flag=True, help="คำเตือนนับเป็นข้อผิดพลาด (warnings fail too)")
@REPO
def check(paths: tuple[Path, ...], lang: str, output_format: str, strict: bool, repo: Path | None) -> None:
    """ตรวจแบบเสนอโครงการ รายงาน และการประชุมทั้งหมด (validate the repository, or the PATHS given).

    Every problem is reported at once as  path:line:col: CODE message.
    """
    # Paused while the repository's hundreds of thousands of values are made and printed (see
    # collector.py); on again once `_check` has returned and freed what it can, unless this
    # process ends with the check: its first pass would walk the model only for the exit to free
    # it (a tenth of a repeated check).
    with paused(resume=not _Commands.ends_process):
        status = _check(paths, lang, output_format, strict, repo)
    if _Commands.ends_process:
        _end_process(status)
    sys.exit(status)


def _end_process(status: int) -> None:
    """End the `khrongkan check` process at once: what it wrote is written (the cache's packs are
    renamed into place before this) and what it prints is flushed here, so tearing the
    interpreter down would only free, one by one, the hundreds of thousands of values the check
    read (a twentieth of a repeated check)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `khrongkan check | head`: the reader left; 1, as _Commands.main says then
        os._exit(1)
    os._exit(status)


def _check(paths: tuple[Path, ...], lang: str, output_format: str, strict: bool, repo: Path | None) -> int:
    from .validate import check_repository

    base = paths[0] if paths else None
    root = repository_root(repo or (base if base and base.is_dir() else (base.parent if base else None)))
    for path in paths:
        if not path.exists():
            raise UsageError(f"ไม่พบไฟล์หรือโฟลเดอร์ '{path}'", f"no such file or folder '{path}'")
    from .overrides import check_overrides
    from .resources import overrides
    from .templates_check import cached_check_templates

    only = _proposal_ids(root, paths) if paths else None  # PATHS in proposal folders: only those are read
    result = check_repository(root, only=only)
    _refresh_schemas(root, result.repository)
    problems = list(result.problems)
    found = overrides(root)  # globs and compares every default: once
    if only is None:  # the templates' problems are in templates/, outside any proposal folder
        problems += cached_check_templates(root) + check_overrides(root, found)
    own = [resource.name for resource in found]
    if paths:
        wanted = [path.resolve() for path in paths]
        related = {(p.code, p.file, p.line, p.column) for p in result.related}
        problems = [p for p in problems if any(_is_under(root / p.file, w) for w in wanted)
                    or (p.code, p.file, p.line, p.column) in related]
    if output_format == "json":
        import json

        click.echo(json.dumps({
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
            "problems": [p.as_dict(lang) for p in problems],
            "overrides": own,
        }, ensure_ascii=False, indent=2))
    elif output_format == "github":
        from .github import annotation

        for problem in problems:
            click.echo(annotation(problem, lang))
        click.echo(summary_line(problems, lang), err=bool(problems))
    else:
        if own:
            click.echo(("ไฟล์ที่คลังโครงการแก้เอง (ใช้แทนไฟล์มาตรฐาน): " if lang == "th"
                        else "repository overrides in use: ") + ", ".join(own))
        print_problems(problems, lang)
    failed = any(p.is_error for p in problems) or (strict and problems)
    return 1 if failed else 0


def _refresh_schemas(root: Path, repository) -> None:
    """Keep the editor's JSON Schemas (.khrongkan/schemas) in step with the reference files. This is
    editor help beside the check: a read-only checkout, or a Cerberus rule the translation does not
    know yet (tests/test_json_schema.py fails on that), must not make `check` fail.

    The schemas are made from the settings, reference and committee files (and khrongkan's own
    schemas, in every cache key): while those are unchanged, the bytes are read back from
    build/cache/ instead of translated again (half a second of YAML reading)."""
    from .cache import Cache
    from .files import write_if_changed
    from .load import AREAS_FILE, COMMITTEE_FILE, ISSUES_FILE, SETTINGS_FILE

    try:
        cache = Cache(root, "json-schemas")
        key = cache.key(*((root / name).read_bytes() if (root / name).is_file() else b""
                          for name in (SETTINGS_FILE, AREAS_FILE, ISSUES_FILE, COMMITTEE_FILE)))
        written = cache.get_object(key)
        if not isinstance(written, dict):
            from .json_schema import json_schemas, schema_file, to_json

            written = {schema_file(name): to_json(schema).encode("utf-8")
                       for name, schema in json_schemas(repository).items()}
            try:
                cache.put_object(key, written)
            except OSError:  # a build/ that cannot be written: translated again next time
                pass
        for name, data in written.items():
            write_if_changed(root / name, data)
    except (OSError, NotImplementedError):
        pass


@main.command()
@REPO
def schema(repo: Path | None) -> None:
    """เขียน JSON Schema สำหรับโปรแกรมแก้ไข (write the editor's JSON Schemas to .khrongkan/schemas).

    VS Code's YAML extension then completes keys, offers district and issue names and explains
    every field in Thai (khrongkan init maps the files in .vscode/settings.json).
    """
    from .json_schema import OUTPUT_DIR, schema_names, write_schemas
    from .validate import check_repository

    root = repository_root(repo)
    changed = write_schemas(root, check_repository(root).repository)
    for path in changed:
        click.echo(f"เขียน (wrote) {path.relative_to(root).as_posix()}")
    click.echo(f"JSON Schema {len(schema_names())} ไฟล์ใน {OUTPUT_DIR.as_posix()}/ "
               f"(เปลี่ยน {len(changed)} ไฟล์; {len(changed)} changed)")


def _proposal_ids(root: Path, paths) -> set[str] | None:
    """The IDs of the proposal folders all PATHS lie in, or None when one lies elsewhere."""
    from .validate import PROPOSAL_ID

    ids = set()
    for path in paths:
        try:
            parts = path.resolve().relative_to(root).parts
        except ValueError:
            return None
        if len(parts) < 3 or parts[0] != "proposals" or not PROPOSAL_ID.match(parts[2]):
            return None
        ids.add(parts[2])
    return ids


def _is_under(path: Path, wanted: Path) -> bool:
    path = path.resolve()
    return path == wanted or wanted in path.parents


@main.command()
@click.option("--province", required=True, help="ชื่อจังหวัด เช่น ชุมพร (province, Thai or English name)")
@click.option("--areas-only", is_flag=True, help="เขียนเฉพาะ reference/areas.yaml ใหม่ (only regenerate the areas file)")
@click.option("--matrix", is_flag=True,
              help="เวิร์กโฟลว์ที่สร้างแต่ละปีงบประมาณเป็นงานแยกพร้อมกัน สำหรับคลังขนาดใหญ่ "
                   "(a workflow with one job per fiscal year, for a large archive)")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(province: str, areas_only: bool, matrix: bool, directory: Path) -> None:
    """เริ่มคลังโครงการใหม่ของจังหวัดใดก็ได้ (start a proposals repository for any province)."""
    from .init import init_repository

    from .publishing import PRIVATE_NOTICE

    kept: list[Path] = []
    written = init_repository(directory, province, areas_only=areas_only, kept=kept, matrix=matrix)
    for path in written:
        click.echo(f"เขียน (wrote) {path}")
    for path in kept:
        click.echo(f"มีอยู่แล้ว เก็บไว้ตามเดิม (kept, not overwritten) {path}")
    click.echo(f"เสร็จแล้ว: ตรวจด้วย  khrongkan check --repo {directory}")
    if not areas_only:
        click.echo(PRIVATE_NOTICE)


@main.group()
def new() -> None:
    """สร้างไฟล์ใหม่จากแม่แบบพร้อมคำอธิบาย (create a commented scaffold; never overwrites)."""


@new.command("proposal")
@click.option("--district", help="อำเภอ (district)")
@click.option("--subdistrict", "subdistricts", multiple=True, help="ตำบล (ใส่ได้หลายครั้ง; repeatable)")
@click.option("--issue", help="ประเด็นงาน (issue area)")
@click.option("--title", help="ชื่อโครงการ (title)")
@click.option("--kind", type=click.Choice(["area", "issue"]), default="area", show_default=True,
              help="area = พื้นที่ตำบลเป็นตัวตั้ง, issue = ประเด็นงาน")
@click.option("--fy", type=int, default=None, help="ปีงบประมาณ พ.ศ. (default: the current one)")
@click.option("--slug", default="", help="ชื่อย่อภาษาอังกฤษตัวเล็กต่อท้ายรหัส เช่น lamae-housing")
@REPO
def new_proposal_command(district, subdistricts, issue, title, kind, fy, slug, repo) -> None:
    """แบบเสนอโครงการใหม่ในโฟลเดอร์รหัสถัดไป (a new proposal in the next free ID's folder).

    What is not given as an option is asked for, and each answer is checked at once.
    """
    from .scaffold import check_district, check_issue, check_subdistricts, new_proposal
    from .validate import check_repository

    root = repository_root(repo)
    repository = check_repository(root).repository
    areas = repository.areas
    district = _ask("อำเภอ", district, lambda v: check_district(repository, v),
                    [d.name for d in areas.districts] if areas else [])
    subdistricts = _ask("ตำบล คั่นด้วย ,",
                        ",".join(subdistricts) if subdistricts else None,
                        lambda v: check_subdistricts(repository, district, v.split(",")),
                        areas.district(district).subdistricts if areas else [])
    issue = _ask("ประเด็นงาน", issue, lambda v: check_issue(repository, v), repository.issues)
    title = _ask("ชื่อโครงการ", title, lambda v: v.strip() or _refuse_empty())
    path = new_proposal(repository, district=district, subdistricts=subdistricts, issue=issue, title=title,
                        kind=kind, fy=fy, slug=slug)
    click.echo(f"สร้าง (created) {path.relative_to(root).as_posix()}")
    click.echo("กรอกข้อมูลตามคำอธิบายในไฟล์ แล้วตรวจด้วย khrongkan check")


def _refuse_empty():
    raise UsageError("ต้องไม่ว่าง", "must not be empty")


def _ask(label: str, given, check, choices: list[str] | None = None):
    """An option's value, checked; when it was not given, ask until the answer is right."""
    if given is not None:
        return check(given)
    if choices:
        click.echo("  " + "  ".join(f"{i}. {name}" for i, name in enumerate(choices, start=1)))
    while True:
        answer = click.prompt(label + (" [ใส่ชื่อหรือหมายเลข]" if choices else ""))
        try:
            return check(answer)
        except UsageError as exc:
            click.echo(exc.message_th, err=True)  # prompts are in Thai: so is their answer


@new.command("report")
@click.argument("project_id")
@REPO
def new_report_command(project_id: str, repo) -> None:
    """รายงานความก้าวหน้าฉบับถัดไปของโครงการ (the next progress report of a project)."""
    from .scaffold import new_report
    from .validate import check_repository

    root = repository_root(repo)
    path = new_report(check_repository(root).repository, project_id)
    click.echo(f"สร้าง (created) {path.relative_to(root).as_posix()}")

from .cli_documents import render  # noqa: E402

main.add_command(render)

from .cli_site import site  # noqa: E402

main.add_command(site)

from .cli_committee import agenda, fingerprint, minutes, summary  # noqa: E402

for _command in (agenda, minutes, summary, fingerprint):
    main.add_command(_command)

from .cli_build import bench, build  # noqa: E402

main.add_command(build)
main.add_command(bench)

from .cli_intake import add  # noqa: E402

main.add_command(add)

from .cli_plan import plan  # noqa: E402

main.add_command(plan)

from .cli_tools import doctor, template  # noqa: E402

main.add_command(template)
main.add_command(doctor)
from .cli_followup import followup_command, progress  # noqa: E402

main.add_command(followup_command)
main.add_command(progress)
from .cli_fonts import fonts  # noqa: E402

main.add_command(fonts)
from .cli_clean import clean  # noqa: E402

main.add_command(clean)
