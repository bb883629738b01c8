"""`khrongkan fonts install|status`: the real TH Sarabun New where LibreOffice and Word find it."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def fonts() -> None:
    """ฟอนต์ TH Sarabun New ของเอกสาร (the documents' font)."""


@fonts.command("install")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ฟอนต์ (font folder; default: the system folder for root, else the user's own)")
@click.option("--wheel", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="ไฟล์ wheel ที่ดาวน์โหลดไว้แล้ว (an already downloaded wheel; default: pip download)")
def install_command(folder: Path | None, wheel: Path | None) -> None:
    """ดาวน์โหลด ตรวจรหัส SHA-256 และติดตั้ง TH Sarabun New 4 แบบ (download, verify, install the 4 styles).

    Skips the download when the four files are already installed with the pinned hashes.
    """
    from .fonts import FAMILY, install

    outcome = install(folder, wheel)
    if outcome.installed:
        click.echo(f"ติดตั้ง {FAMILY} 4 แบบที่ {outcome.folder} (installed {FAMILY} in {outcome.folder})")
    else:
        click.echo(f"{FAMILY} ติดตั้งไว้แล้วที่ {outcome.folder} (already installed in {outcome.folder})")


@fonts.command("status")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ฟอนต์ (font folder)")
def status_command(folder: Path | None) -> None:
    """บอกว่าติดตั้ง TH Sarabun New แล้วหรือยัง และวิธีติดตั้งบน Windows (is the font installed?)."""
    from .fonts import status, windows_help

    ok, line = status(folder)
    click.echo(line)
    if not ok:
        if sys.platform == "win32":
            click.echo(windows_help())
        sys.exit(1)
