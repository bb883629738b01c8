"""Sites by fiscal year: one self-contained site per Buddhist-Era fiscal year, and an index site
for what spans years, so a large archive builds its years as parallel jobs (a CI matrix) and
serves them from any static host.

Layout (the README's "Fiscal-year sites"):

    build/site/                 the index site: the proposal form, the plan, the follow-up list,
                                the guide pages, and a link to every year
    build/site/<fy>/            the site of one fiscal year: its proposals (with their reports,
                                visits and agreements), the meetings that decided them (an earlier
                                year's meeting included), its search and its downloads
    build/fy/<fy>/, build/fy/index/
                                the Markdown each was built from (pages/) and its mkdocs.yml

This is a thin layer: `fiscal_year_view` gives the part of a checked repository that a year
needs, and the existing `sitebuild.build_site` and `documents.render_all` build it into other
folders. Links inside a year's site stay inside its folder; the index reaches a year's pages
through relative links (`2570/proposals/<ID>/`), so the whole tree can move as one.
"""

from __future__ import annotations

import dataclasses
import html
import os
import posixpath
import re
from pathlib import Path

from markupsafe import Markup

from . import locks, pages
from .errors import UsageError
from .files import clean_stale_temporaries, write_if_changed

WORK_DIR = Path("build") / "fy"  # per site: pages/ and the mkdocs.yml it was built with
INDEX = "index"  # build/fy/index/: the index site's work folder
ALL = "all"
_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)")  # [text](href), not an image
_YEAR = re.compile(r"^\d{4}$")


# --- which years ------------------------------------------------------------------------------

def available_years(result) -> list[int]:
    """The fiscal years of the repository: its proposals', and those of unreadable proposal folders."""
    years = set(result.repository.fiscal_years())
    for skipped in result.skipped:
        parts = skipped.folder.split("/")
        if len(parts) > 1 and _YEAR.match(parts[1]):
            years.add(int(parts[1]))
    return sorted(years)


def choose_years(result, values) -> list[int]:
    """The years asked for with --fy (repeated, or "2570,2571", or "all"), checked against those
    that exist; a UsageError in Thai names the years there are."""
    existing = available_years(result)
    listed = ", ".join(map(str, existing)) or "ยังไม่มี (none yet)"
    chosen: list[int] = []
    if values and not _items(values):
        raise UsageError(f"--fy: ใส่ปีงบประมาณ (พ.ศ.) เช่น --fy 2570 หรือ all (ปีงบประมาณที่มี: {listed})",
                         f"--fy: give a fiscal year such as 2570, or all (the years are: {listed})")
    for item in _items(values):
        if item.lower() == ALL:
            chosen += existing
            continue
        if not re.fullmatch(r"\d{4}", item):
            raise UsageError(f"--fy {item}: ปีงบประมาณต้องเป็นปีพุทธศักราช 4 หลัก เช่น 2570 หรือ all "
                             f"(ปีงบประมาณที่มี: {listed})",
                             f"--fy {item}: give a Buddhist-Era fiscal year such as 2570, or all "
                             f"(the years are: {listed})")
        year = int(item)
        if year not in existing:
            hint = ""
            if 1900 < year < 2400:  # a Christian-Era year: 2027 + 543 = 2570
                hint = f" ปีงบประมาณใช้ปีพุทธศักราช: ค.ศ. {year} คือ พ.ศ. {year + 543}"
            raise UsageError(f"ไม่มีปีงบประมาณ {year} ในคลังโครงการนี้ ปีงบประมาณที่มี: {listed}{hint}",
                             f"no fiscal year {year} in this repository; the years are: {listed}"
                             + (f" (Buddhist Era: {year + 543})" if hint else ""))
        chosen.append(year)
    return sorted(set(chosen))


def wants_all(values) -> bool:
    """--fy all: every year, and the index with them."""
    return any(item.lower() == ALL for item in _items(values))


def _items(values) -> list[str]:
    """--fy 2570 --fy 2571, or --fy "2570, 2571": one item each."""
    return [item for value in values for item in re.split(r"[,\s]+", str(value).strip()) if item]


# --- a year's view of the repository ------------------------------------------------------------

def fiscal_year_view(result, years):
    """The check result as a site or a document run of `years` sees it: their proposals, the
    meetings that decided them (of any year) and the meetings of those years, the plans covering
    them, and the problems of those files and of the files every year shares (settings, roster,
    reference, plans). Nothing is copied but the containers: the proposals are the same objects."""
    years = set(years)
    repository = result.repository
    proposals = {pid: p for pid, p in repository.proposals.items() if p.fiscal_year in years}
    meetings = []
    for meeting in repository.meetings:
        # A decision about another year's proposal belongs to that year's site.
        elsewhere = [d for d in meeting.decisions
                     if d.proposal_id in repository.proposals and d.proposal_id not in proposals]
        kept = [d for d in meeting.decisions
                if d.proposal_id in proposals or d.proposal_id not in repository.proposals]
        if meeting.fiscal_year not in years and not any(d.proposal_id in proposals for d in kept):
            continue
        if elsewhere:
            other = sorted({repository.proposals[d.proposal_id].fiscal_year for d in elsewhere})
            note = (f"มติเกี่ยวกับโครงการของปีงบประมาณ {', '.join(map(str, other))} อีก {len(elsewhere)} รายการ "
                    "อยู่ในเว็บไซต์ของปีนั้น")
            meeting = dataclasses.replace(meeting, decisions=kept,
                                          note=f"{meeting.note} ({note})" if meeting.note else note)
        meetings.append(meeting)
    meeting_files = {m.source.file for m in meetings}
    view = dataclasses.replace(repository, proposals=proposals, meetings=meetings,
                               plans=[plan for plan in repository.plans if any(plan.covers(y) for y in years)])
    return dataclasses.replace(
        result, repository=view,
        problems=[p for p in result.problems if _concerns(p.file, years, meeting_files)],
        skipped=[s for s in result.skipped if _folder_year(s.folder) in years])


def _folder_year(file: str) -> int | None:
    parts = file.split("/")
    return int(parts[1]) if len(parts) > 2 and parts[0] in ("proposals", "meetings") and _YEAR.match(parts[1]) \
        else None


def _concerns(file: str, years: set[int], meeting_files: set[str]) -> bool:
    if file.startswith("proposals/"):
        return _folder_year(file) in years
    if file.startswith("meetings/"):
        return file in meeting_files or _folder_year(file) in years
    return True  # settings, roster, reference, plans: every year reads them


def _year_settings(repository, fy: int):
    """The year's site name and address: "<site name> ปีงบประมาณ 2570", <site_url>2570/."""
    settings = repository.settings
    url = settings.site_url
    if url:
        url = url.rstrip("/") + f"/{fy}/"
    return dataclasses.replace(settings, site_title=f"{pages.site_name(repository)} ปีงบประมาณ {fy}",
                               site_url=url)


# --- building ---------------------------------------------------------------------------------

def build_year(root: Path, result, fy: int, *, documents: bool = True):
    """build/site/<fy>: the year's site, built by sitebuild.build_site from the year's view."""
    from .sitebuild import SITE_DIR, build_site, swap

    root = Path(root).resolve()
    view = fiscal_year_view(result, [fy])
    view = dataclasses.replace(view, repository=dataclasses.replace(
        view.repository, settings=_year_settings(result.repository, fy)))
    work = root / WORK_DIR / str(fy)
    # The logo leads one folder up: to the index site, or, with the year's folder deployed alone
    # as a web root (nothing above it), to the year's own home (Material's extra.homepage).
    # Its own lock: two years build side by side in one checkout, taking turns only for build/docx
    # and for the moment each swaps its folder into build/site.
    with locks.hold(root, locks.year(fy)):
        outcome = build_site(root, view, documents=documents, site_dir=work / "site", pages_dir=work / "pages",
                             extra={"homepage": "../"}, lock=locks.year(fy))
        target = root / SITE_DIR / str(fy)
        with locks.hold(root, locks.SITE):
            target.parent.mkdir(parents=True, exist_ok=True)
            swap(work / "site", target)
    outcome.site_dir = target
    return outcome


def build_index(root: Path, result):
    """build/site: the index site (form, plan, follow-up, guide pages, the years), keeping the
    years' folders already in build/site (built before, or unpacked from a CI matrix)."""
    root = Path(root).resolve()
    with locks.hold(root, locks.SITE):  # a year's build swapping itself into build/site waits
        return _build_index(root, result)


def _build_index(root: Path, result):
    from .privacy import Privacy
    from .search_index import reference_words
    from .sitebuild import SITE_DIR, SiteResult, run_mkdocs, swap

    work = root / WORK_DIR / INDEX
    pages_dir = write_folder(work / "pages", index_pages(result, root))
    repository = result.repository
    run_mkdocs(root, pages_dir, work / "site", site_name=pages.site_name(repository),
               site_url=repository.settings.site_url, words=reference_words(repository),
               privacy=Privacy.from_settings(repository.settings))
    site = root / SITE_DIR
    years = available_years(result)
    for fy in years:
        built = site / str(fy)
        if built.is_dir():
            os.replace(built, work / "site" / str(fy))
    swap(work / "site", site)
    # No problem counts: the index has no problems page, each year's site lists its own.
    outcome = SiteResult(site, pages=sum(1 for _ in pages_dir.rglob("*.md")),
                         proposals=len(pages.published(result).repository.proposals))
    missing = [str(fy) for fy in years if not (site / str(fy) / "index.html").is_file()]
    if missing:
        outcome.notes.append(f"ยังไม่ได้สร้างเว็บไซต์ของปีงบประมาณ {', '.join(missing)} ลิงก์จากหน้ารวมไปยังปีนั้นจะยังเปิดไม่ได้ "
                             f"(สั่ง khrongkan site --fy ปี) (not built yet: {', '.join(missing)})")
    return outcome


def index_pages(result, root: Path) -> dict[str, str | bytes | Path]:
    """The index site's files by path: the home page linking the years, and what spans years, as
    pages.render_pages writes them (the plan, the follow-up list, the form) and the guide pages;
    links to a year's pages (a proposal, the pending list, the meetings) point into that year's
    site. No proposal page is rendered here: the years' sites have them."""
    from .followup import followup
    from .form import form_pages
    from .plan_pages import plan_pages

    root = Path(root)
    shown = pages.published(result)
    site = pages.Site(shown, root)
    repository = site.repository
    years = available_years(result)
    directory_urls = _directory_urls(root)
    files: dict[str, str | bytes | Path] = {}
    for folder in pages.guide_folders(root):  # the package's, then the repository's own (which wins)
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(folder).as_posix()] = path
    files.update(plan_pages(site))
    day, items = followup(repository)
    files["followup.md"] = site.render("followup.md.j2", "followup.md", day=day, items=items)
    files.update(form_pages(repository, site.current_year()))
    files["index.md"] = site.render("archive.md.j2", "index.md", years=[_year_row(repository, fy, directory_urls) for fy in reversed(years)])
    names = set(files)
    for name, content in files.items():
        if name.endswith(".md") and years:
            text = content.read_text(encoding="utf-8") if isinstance(content, Path) else content
            files[name] = _LINK.sub(lambda m: _relink(m, name, names, repository, years[-1], directory_urls), text)
    return files


def write_folder(folder: Path, files: dict[str, str | bytes | Path]) -> Path:
    """Write `files` into `folder` (only what changed) and remove anything else found there."""
    folder.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(folder)
    for name, content in files.items():
        write_if_changed(folder / name, content.read_bytes() if isinstance(content, Path) else content)
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_file() and path.relative_to(folder).as_posix() not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return folder


@dataclasses.dataclass
class YearRow:
    fy: int
    link: Markup  # to the year's site: an HTML link, MkDocs does not build that page
    totals: pages.Totals


def _year_row(repository, fy: int, directory_urls: bool) -> YearRow:
    href = f"{fy}/" if directory_urls else f"{fy}/index.html"
    return YearRow(fy, Markup(f'<a href="{href}">ปีงบประมาณ {fy}</a>'), pages.totals(repository.proposals_in(fy)))


def _relink(match: re.Match, page: str, kept: set[str], repository, latest: int, directory_urls: bool) -> str:
    """A Markdown link of an index page, or, when its target is a year's page, an HTML link into
    that year's site (MkDocs would refuse a Markdown link to a page it does not build)."""
    text, href = match.groups()
    if "://" in href or href.startswith(("#", "mailto:")):
        return match.group(0)
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if target in kept:
        return match.group(0)
    year = latest  # the current year's pending list, meetings, problems, summary
    if target.startswith("proposals/") and target.endswith(".md"):
        proposal = repository.proposals.get(posixpath.basename(target)[:-3])
        if proposal is not None:
            year = proposal.fiscal_year
    target_url = f"{year}/{_page_url(target, directory_urls)}"
    base = _page_url(page, directory_urls)
    base = base if base.endswith("/") else posixpath.dirname(base)
    url = posixpath.relpath(target_url, base or ".") + ("/" if target_url.endswith("/") else "")
    return f'<a href="{html.escape(url)}{"#" + html.escape(anchor) if anchor else ""}">{text}</a>'


def _page_url(name: str, directory_urls: bool) -> str:
    """Where MkDocs puts a page, relative to the site: plan.md -> plan/, form/index.md -> form/."""
    if not name.endswith(".md"):
        return name
    stem = name[:-3]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[:-len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def _directory_urls(root: Path) -> bool:
    """MkDocs' use_directory_urls of the configuration the sites are built with (true unless set)."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from .sitebuild import config_file

    try:
        with open(config_file(root), "rb") as handle:
            return bool((yaml_load(handle) or {}).get("use_directory_urls", True))
    except (OSError, yaml.YAMLError):
        return True


def build_years(root: Path, result, years: list[int], *, index: bool = False) -> list:
    """The sites of `years` (build/site/<fy>/), then the index site when asked."""
    outcomes = [build_year(root, result, fy) for fy in years]
    if index:
        outcomes.append(build_index(root, result))
    return outcomes
