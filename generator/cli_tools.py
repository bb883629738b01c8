"""`khrongkan template list|export` and `khrongkan doctor`: the defaults a repository uses, and this computer."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import resources
from .cli_options import LANG, REPO, repository_root
from .errors import UsageError
from .files import create_new
from .load import SETTINGS_FILE, find_root
from .problems import suggestion


@click.group()
def template() -> None:
    """แม่แบบเอกสาร หน้าเว็บ และ mkdocs.yml มาตรฐาน (the default templates, pages and mkdocs.yml).

    Every default comes from the installed khrongkan until the repository keeps its own file of
    the same name in the same place (an override).
    """


@template.command("list")
@LANG
@REPO
def template_list(lang: str, repo: Path | None) -> None:
    """แสดงทุกไฟล์มาตรฐานและไฟล์ที่คลังโครงการแก้เอง (list the defaults and the overrides)."""
    root = repository_root(repo)
    used = resources.in_use(root)
    width = max(len(resource.name) for resource in used)
    for resource in used:
        click.echo(f"{resource.name.ljust(width)}  {resource.describe(lang)}")
    count = sum(resource.is_override for resource in used)
    click.echo(f"แก้เอง {count} ไฟล์ นอกนั้นใช้มาตรฐานของ khrongkan ที่ติดตั้ง" if lang == "th"
               else f"{count} override(s); everything else is the installed khrongkan's default")


@template.command("export")
@click.argument("name")
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ปลายทาง (default: the repository, where the copy becomes an override)")
@REPO
def template_export(name: str, to: Path | None, repo: Path | None) -> None:
    """คัดลอกไฟล์มาตรฐาน NAME มาไว้ในคลังโครงการเพื่อแก้ไข (copy one default into the repository to edit it).

    NAME is a default's path or its end: proposal.docx, site/home.md.j2, writing.md, mkdocs.yml
    (khrongkan template list shows them all). An existing file is never overwritten.
    """
    wanted = resolve_name(name)
    base = to if to is not None else repository_root(repo)
    target = base / wanted
    create_new(target, (resources.defaults_dir() / wanted).read_bytes())
    click.echo(f"คัดลอก {wanted} มาไว้ที่ {target} แล้ว (exported)")
    if to is None:
        click.echo("แก้ไขไฟล์นี้ได้ตามต้องการ เมื่อแก้แล้วจะใช้แทนไฟล์มาตรฐาน ลบทิ้งเมื่อต้องการกลับไปใช้ไฟล์มาตรฐาน "
                   "(once edited, it overrides the default; delete it to go back)")


def resolve_name(name: str) -> str:
    """A default's full name from what the user typed: the full name, or an unambiguous end of it."""
    names = resources.default_names()
    typed = name.replace("\\", "/").strip("/")
    if typed in names:
        return typed
    matches = [full for full in names if full.endswith("/" + typed)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"'{name}' ตรงกับหลายไฟล์: {', '.join(matches)} ระบุให้ชัดกว่านี้",
                         f"'{name}' matches several defaults: {', '.join(matches)}")
    hint = suggestion(typed, names + [full.rsplit("/", 1)[-1] for full in names])
    raise UsageError(f"ไม่มีไฟล์มาตรฐานชื่อ '{name}'{hint['suggestion_th']} (ดูรายชื่อด้วย khrongkan template list)",
                     f"no default named '{name}'{hint['suggestion_en']} (see khrongkan template list)")


@click.command()
@LANG
@REPO
def doctor(lang: str, repo: Path | None) -> None:
    """ตรวจเครื่องนี้: รุ่นโปรแกรม แม่แบบที่ใช้ LibreOffice ฟอนต์ (check this computer).

    Exits 1 when PDF output would not work.
    """
    from .doctor import FAIL, INFO, OK, WARN, Machine, diagnose, failed

    root = find_root(repo or Path.cwd())
    has_repository = (root / SETTINGS_FILE).is_file()
    machine = Machine(root=root if has_repository else None, font=_configured_font(root))
    marks = {OK: "✓", WARN: "!", FAIL: "✗", INFO: "-"}
    sections = diagnose(machine)
    for section in sections:
        click.echo(f"[{section.title(lang)}]")
        for line in section.lines:
            click.echo(f"  {marks[line.status]} {line.text(lang)}")
    if failed(sections):
        click.echo("สร้าง PDF ไม่ได้บนเครื่องนี้ แก้ตามรายการที่มีเครื่องหมาย ✗" if lang == "th"
                   else "PDF output would not work on this computer: see the lines marked ✗", err=True)
        sys.exit(1)
    click.echo("พร้อมใช้งาน" if lang == "th" else "ready")


def _configured_font(root: Path) -> str | None:
    import yaml

    from .doctor import DEFAULT_FONT

    try:
        settings = yaml.safe_load((root / SETTINGS_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # no repository here, or its settings are broken
        return DEFAULT_FONT
    font = settings.get("font") if isinstance(settings, dict) else None
    return str(font) if font else DEFAULT_FONT

