"""`khrongkan clean`: empty build/ or build/cache/, or prune the cache now."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import REPO, repository_root


@click.command()
@click.option("--cache", "cache_only", is_flag=True,
              help="ลบเฉพาะแคชใน build/cache/ เก็บเอกสารและเว็บไซต์ไว้ (only the caches in build/cache/; "
                   "the documents and the site stay)")
@click.option("--unused", "unused_days", type=click.IntRange(0, 36500), default=None, metavar="วัน",
              help="ลบเฉพาะแคชที่ไม่ได้ใช้เกินจำนวนวันนี้ (only cache entries not used for this many days)")
@REPO
def clean(cache_only: bool, unused_days: int | None, repo: Path | None) -> None:
    """ลบไฟล์ที่สร้างขึ้นใน build/ เพื่อคืนพื้นที่ดิสก์ (empty build/ to free disk space).

    Everything in build/ is made again by khrongkan (documents, site, caches), so removing it is
    always safe; the next run only takes longer. With --cache only build/cache/ is emptied; with
    --unused DAYS only the cache entries not used for DAYS days are removed. `render`, `site` and
    `build` already remove entries unused for 30 days, once a day. A command still running in this
    repository is never disturbed: clean refuses and says so.
    """
    from .cache import prune
    from .clean import clean as empty, size_text

    root = repository_root(repo)
    if unused_days is not None:
        done = prune(root, max_age_days=unused_days, max_bytes=None)
        click.echo(f"ลบแคชที่ไม่ได้ใช้เกิน {unused_days} วัน {done.removed:,} รายการ ({size_text(done.freed)}) "
                   f"เหลือ {done.kept:,} รายการ ({size_text(done.kept_bytes)}) "
                   f"(removed {done.removed:,} cache entries unused for {unused_days} days; kept {done.kept:,})")
        return
    outcome = empty(root, cache_only=cache_only)
    name = outcome.folder.relative_to(root).as_posix()
    if not outcome.files:
        click.echo(f"ไม่มีไฟล์ใน {name}/ ให้ลบ (nothing to remove in {name}/)")
        return
    click.echo(f"ลบไฟล์ใน {name}/ แล้ว {outcome.files:,} ไฟล์ ({size_text(outcome.size)}) "
               f"สร้างใหม่ได้ด้วย khrongkan build (removed {outcome.files:,} files from {name}/)")
