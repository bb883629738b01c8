"""`khrongkan add`: file proposals received from the form, LINE or e-mail (or waiting in inbox/)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import LANG, REPO, print_problems, repository_root



@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--slug", default="", help="ชื่อย่อภาษาอังกฤษต่อท้ายรหัส (slug after the ID; default: the district's English name)")
@click.option("--replace", "replace", default="", metavar="ID",
              help="แทนที่แบบเสนอของโครงการนี้ด้วยฉบับแก้ไข (file a revision of this project; git keeps the history)")
@LANG
@REPO
def add(files: tuple[Path, ...], slug: str, replace: str, lang: str, repo: Path | None) -> None:
    """รับแบบเสนอโครงการที่ได้จากแบบฟอร์ม LINE หรืออีเมลเข้าคลัง (file received proposals).

    Takes .yaml or .txt files, or, with no FILES, everything in the repository's inbox/ folder.
    Each is checked like `khrongkan check`; a good one gets the next free ID of the fiscal year
    its period starts in. A file from inbox/ is moved into its proposal folder; a refused one
    stays where it is, with the reason printed. Nothing is ever overwritten unless --replace.
    """
    from .intake import INBOX, add_files, inbox_files

    root = repository_root(repo)
    chosen = list(files) or inbox_files(root)
    if not chosen:
        click.echo(f"ไม่มีแฟ้มให้รับ: ระบุแฟ้ม หรือวางแฟ้มไว้ในโฟลเดอร์ {INBOX}/ "
                   f"(nothing to add: name the files, or put them in {INBOX}/)")
        return
    outcomes = add_files(root, chosen, slug=slug, replace=replace)
    for outcome in outcomes:
        if outcome.filed:
            verb = "แทนที่ (replaced)" if outcome.replaced else "รับเข้าแล้ว (filed)"
            click.echo(f"{verb} {outcome.source.name} -> {outcome.filed_as.relative_to(root).as_posix()}")
        else:
            reason = outcome.refusal_th if lang == "th" else outcome.refusal_en
            click.echo(f"ไม่รับ (refused) {outcome.source.name}: {reason}", err=True)
        if outcome.problems:
            print_problems(outcome.problems, lang)
    refused = sum(not o.filed for o in outcomes)
    if refused:
        click.echo(f"ไม่รับ {refused} จาก {len(outcomes)} แฟ้ม (refused {refused} of {len(outcomes)})", err=True)
        sys.exit(1)
    click.echo("ตรวจทั้งคลังอีกครั้งด้วย khrongkan check แล้วบันทึกลง git "
               "(run khrongkan check, then commit the new files)")
