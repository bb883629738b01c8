"""Pages: the review site's Markdown, written from the Jinja templates of templates/site/ (the
repository's own, else the package's: generator.resources).

Reads the validated model (and the problem list) and writes plain Markdown files into
build/pages/, beside the charts (SVG from charts.py), copies of the hand-written guide pages
in site/, the Word/PDF downloads and report photos. MkDocs then builds the site from that
folder (sitebuild.py); this module knows nothing about MkDocs.

Safety: every value that comes from YAML is escaped for Markdown and HTML by `md_escape`
(the `md` filter). The Jinja environment applies it to EVERY `{{ expression }}` through
`finalize`, so a template cannot forget it; only `Markup` built here (links, badges) passes
as is. Phone numbers, national IDs and bank account numbers are left out or masked (privacy.py)
unless the settings' `publish` flags allow them.
"""

from __future__ import annotations

import dataclasses

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from . import charts, page_inputs, resources, thai
from .cache import Cache, code_fingerprint, mark_used
from .files import clean_stale_temporaries, write_if_changed
from .followup import followup
from .form import form_pages
from .model import AWAITING_DECISION, DRAFT, STATUSES, Meeting, Proposal, Repository
from .privacy import HIDDEN_TH, Privacy  # noqa: F401  (HIDDEN_TH: the pages' and tests' marker)
from .summaries import rollup
from .vocabulary import (ACTIVITY_STATUS_TH, CONTRIBUTION_KIND_TH, DECISION_TH, DRAFTS_TH, FIGURE_TH, MONEY_COLORS,
                         MONEY_TH, REPORT_KIND_TH, REQUESTED_TH, SEVERITY_TH)
from .vocabulary import MEETING_BODY_TH as BODY_TH
from .vocabulary import PROJECT_KIND_TH as KIND_TH
from .vocabulary import PROPOSAL_STATUS_TH as STATUS_TH

PAGES_DIR = Path("build") / "pages"
PAGES_CACHE = "pages"  # Cache(root, "pages"): the Markdown of each proposal's page
GUIDE_DIR = resources.GUIDE_PAGES  # hand-written pages: the package's, and the repository's own

ZERO = Decimal(0)
HUNDRED = Decimal(100)

# --- Thai labels ------------------------------------------------------------------------------


# Chart colors: one per money figure, one per status.
STATUS_COLORS = {"draft": "#b0bec5", "submitted": "#fbc02d", "revise": "#ff8f00", "deferred": "#8d6e63",
                 "approved": "#1e88e5", "rejected": "#e53935", "in_progress": "#43a047", "closed": "#2e7d32"}

# --- escaping ---------------------------------------------------------------------------------

# Characters that start Markdown or HTML syntax anywhere in a line, written as character
# references: they display as themselves, and Markdown never sees syntax in them.
_INLINE = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;",
    "[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "#": "&#35;", "|": "&#124;",
    "~": "&#126;", "^": "&#94;", "!": "&#33;", "$": "&#36;", "=": "&#61;", ":": "&#58;",
}
_INLINE_TABLE = str.maketrans(_INLINE)
# At the start of a value (which may start a line): list markers, numbered lists, rules, quotes.
_LEADING = re.compile(r"^(?:[-+]|(\d+)[.)](?=\s|$))")
_SPACES = re.compile(r"\s+")

def md_escape(value, privacy: Privacy | None = None) -> Markup:
    """A value from YAML as inline Markdown that shows exactly as written and can form no syntax.

    Whitespace (newlines included) collapses to single spaces, so a value can never start a
    new block; HTML and Markdown punctuation becomes character references; a leading list
    marker or "1." is neutralized; personal numbers are masked unless allowed.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    text = _SPACES.sub(" ", str(value)).strip()
    text = (privacy or Privacy()).redact(text)
    text = text.translate(_INLINE_TABLE)
    match = _LEADING.match(text)
    if match:
        if match.group(1) is not None:  # "1." or "1)" would start a numbered list
            end = match.end()
            text = text[:end - 1] + f"&#{ord(text[end - 1])};" + text[end:]
        else:
            text = f"&#{ord(text[0])};" + text[1:]
    return Markup(text)


# --- figures ----------------------------------------------------------------------------------

@dataclass
class Totals:
    """Counts and money of a set of proposals.

    `count` and `proposals` are the whole set, drafts included (the lists show them all); the
    money counts submitted proposals only, as FIGURE_TH defines it on every page, and the
    drafts' own requests stand apart in `draft_requested`.
    """

    count: int = 0
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    received: Decimal = ZERO
    spent: Decimal = ZERO
    drafts: int = 0
    draft_requested: Decimal = ZERO
    proposals: list[Proposal] = field(default_factory=list)

    def add(self, proposal: Proposal) -> None:
        self.count += 1
        if proposal.status == DRAFT:
            self.drafts += 1
            self.draft_requested += proposal.requested
        else:
            self.requested += proposal.requested
        self.approved += proposal.approved or ZERO
        self.received += proposal.received
        self.spent += proposal.spent
        self.proposals.append(proposal)

    @property
    def submitted(self) -> int:
        return self.count - self.drafts

    @property
    def balance(self) -> Decimal:
        return self.received - self.spent

    def money(self, key: str) -> Decimal:
        return getattr(self, key)


def totals(proposals) -> Totals:
    result = Totals()
    for proposal in proposals:
        result.add(proposal)
    return result


def percent(part, whole) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Group:
    key: str
    label: str
    anchor: str
    totals: Totals


def group_by_status(proposals) -> list[Group]:
    groups = []
    for status in STATUSES:
        members = [p for p in proposals if p.status == status]
        groups.append(Group(status, STATUS_TH[status], f"status-{status.replace('_', '-')}", totals(members)))
    return groups


def name_anchor(prefix: str, name: str, english: str = "") -> str:
    """A stable heading id for a Thai name: its English name when known, else a short hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")
    if not slug:
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{slug}"


def district_anchor(repository: Repository, name: str) -> str:
    district = repository.areas.district(name) if repository.areas else None
    return name_anchor("district", name, district.name_en if district else "")


def group_by_district(repository: Repository, proposals) -> list[Group]:
    proposals = list(proposals)
    names = [d.name for d in repository.areas.districts] if repository.areas else []
    names += sorted({p.district for p in proposals if p.district not in names})
    return [Group(name, name, district_anchor(repository, name), totals(p for p in proposals if p.district == name))
            for name in names]


def group_by_issue(repository: Repository, proposals) -> list[Group]:
    proposals = list(proposals)
    names = list(repository.issues)
    names += sorted({p.issue for p in proposals if p.issue not in names})
    return [Group(name, name, name_anchor("issue", name), totals(p for p in proposals if p.issue == name))
            for name in names]


def group_by_year(repository: Repository) -> list[Group]:
    return [Group(str(fy), f"ปีงบประมาณ {fy}", f"fy-{fy}", totals(repository.proposals_in(fy)))
            for fy in sorted(repository.fiscal_years(), reverse=True)]


# --- downloads and photos ---------------------------------------------------------------------

@dataclass(frozen=True)
class Download:
    """A file offered on a proposal's page; `source` is copied to `target` under build/pages."""

    label: str
    source: Path
    target: str  # relative to build/pages, e.g. downloads/2570-001.docx


@dataclass(frozen=True)
class PhotoFile:
    caption: str
    source: Path
    target: str


PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MAX_PHOTO_BYTES = 20_000_000


def report_photos(proposal: Proposal, report) -> list[PhotoFile]:
    """The photos of a report that are safe to publish: real files inside the project folder."""
    found = []
    folder = proposal.folder.resolve()
    for index, photo in enumerate(report.photos, start=1):
        try:
            path = (folder / photo.file).resolve()
        except (OSError, ValueError):
            continue
        suffix = path.suffix.lower()
        if (folder not in path.parents or suffix not in PHOTO_SUFFIXES or not path.is_file()
                or path.stat().st_size > MAX_PHOTO_BYTES):
            continue
        found.append(PhotoFile(photo.caption, path,
                               f"photos/{proposal.id}/report-{report.number}-{index}{suffix}"))
    return found


# --- rendering --------------------------------------------------------------------------------

def _money(value) -> Markup:
    """An amount, marked so that CSS keeps it on one line and the phone test can find it."""
    return Markup("-") if value is None else Markup(f'<span class="money">{thai.format_money(value)}</span>')


def _date(value) -> str:
    return thai.format_date(value) if value else "-"


class Site:
    """Everything the templates need, for one repository and its problems."""

    def __init__(self, result, root: Path, downloads: dict[str, list[Download]] | None = None):
        self.result = result
        self.repository: Repository = result.repository
        self.root = Path(root)
        self.settings = self.repository.settings
        self.privacy = Privacy.from_settings(self.settings)
        self.downloads = downloads or {}
        self.env = Environment(
            loader=resources.site_template_loader(self.root), autoescape=False, undefined=StrictUndefined,
            finalize=self._finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            bytecode_cache=template_bytecode(self.root))
        self.env.filters.update({
            "md": self.md, "money": _money, "date": _date, "number": thai.format_number,
            "date_short": lambda v: thai.format_date(v, short=True) if v else "-",
            "percent": lambda v: "-" if v is None else f"{thai.format_percent(v)}%",
            "baht_words": thai.baht_words,
        })
        self.env.globals.update({
            "DECISION_TH": DECISION_TH, "KIND_TH": KIND_TH, "BODY_TH": BODY_TH, "REPORT_KIND_TH": REPORT_KIND_TH,
            "CONTRIBUTION_KIND_TH": CONTRIBUTION_KIND_TH, "SEVERITY_TH": SEVERITY_TH, "percent": percent, "site": self,
            # The figures' labels are code constants, shown as written (their parentheses unescaped).
            "FIGURE_TH": {k: Markup(v) for k, v in FIGURE_TH.items()}, "DRAFTS_TH": Markup(DRAFTS_TH),
            "REQUESTED_TH": Markup(REQUESTED_TH),
            "settings": self.settings, "repository": self.repository, "privacy": self.privacy,
            "result": result,
        })
        self.env.globals.update(fieldwork_globals())

    # The safety net: every {{ expression }} goes through md_escape unless it is trusted Markup.
    def _finalize(self, value):
        return self.md(value)

    def md(self, value) -> Markup:
        return md_escape(value, self.privacy)

    @property
    def province(self) -> str:
        return province(self.repository)

    @staticmethod
    def front_matter(title, search: bool = True) -> Markup:
        """MkDocs metadata giving the page's title (browser tab, header) as escaped HTML.

        MkDocs otherwise takes the title from the first heading with its character references
        decoded, and the theme prints it unescaped into <title>. With search=False the page is
        left out of the search index (lists that grow with the number of proposals).
        """
        text = html.escape(_SPACES.sub(" ", str(title)).strip(), quote=True)
        meta = {"title": text} if search else {"title": text, "search": {"exclude": True}}
        return Markup("---\n" + yaml.safe_dump(meta, allow_unicode=True, width=1_000_000) + "---\n\n")

    def current_year(self) -> int | None:
        years = self.repository.fiscal_years()
        return years[-1] if years else None

    # --- trusted Markdown fragments (built from escaped values and code constants) ---
    @staticmethod
    def anchor(name: str) -> Markup:
        """A heading's fixed id, e.g. {#rationale} (attr_list); `name` comes from code, never YAML."""
        if not re.fullmatch(r"[a-z0-9-]+", name):
            raise ValueError(name)
        return Markup("{#" + name + "}")

    @staticmethod
    def short_id(proposal: Proposal) -> str:
        return f"{proposal.fiscal_year}-{proposal.number}"

    @staticmethod
    def totals(proposals) -> Totals:
        return totals(proposals)

    @staticmethod
    def sum(proposals, attribute: str) -> Decimal:
        return sum((getattr(p, attribute) or ZERO for p in proposals), ZERO)

    def link(self, page: str, target: str, text, anchor: str = "") -> Markup:
        href = posixpath.relpath(target, posixpath.dirname(page) or ".")
        return Markup(f"[{self.md(text)}]({href}{'#' + anchor if anchor else ''})")

    def proposal_link(self, page: str, proposal: Proposal, text=None) -> Markup:
        return self.link(page, f"proposals/{proposal.id}.md", text if text is not None else proposal.title)

    def meeting_link(self, page: str, meeting: Meeting) -> Markup:
        return self.link(page, "meetings.md", f"ครั้งที่ {meeting.label}", meeting_anchor(meeting))

    def problems_link(self, page: str, text="ปัญหาที่ต้องแก้ไข", anchor: str = "") -> Markup:
        return self.link(page, "problems.md", text, anchor)

    def status_badge(self, status: str) -> Markup:
        label = STATUS_TH.get(status, status)
        return Markup(f'<span class="kk-status kk-status--{status if status in STATUS_TH else "unknown"}">'
                      f"{self.md(label)}</span>")

    def bar(self, value: Decimal | None) -> Markup:
        """A small progress bar, 0 to 100 percent (more shows as full)."""
        if value is None:
            return Markup("")
        width = max(ZERO, min(HUNDRED, Decimal(value)))
        over = " kk-bar--over" if value > HUNDRED else ""
        return Markup(f'<span class="kk-bar{over}" title="{thai.format_percent(value)}%">'
                      f'<span style="width: {width:.0f}%"></span></span>')

    def activity_badge(self, status: str) -> Markup:
        label = ACTIVITY_STATUS_TH.get(status, "ยังไม่รายงาน")
        key = status if status in ACTIVITY_STATUS_TH else "not-reported"
        return Markup(f'<span class="kk-activity kk-activity--{key.replace("_", "-")}">{self.md(label)}</span>')

    def download_link(self, page: str, download: Download) -> Markup:
        return self.link(page, download.target, download.label)

    @staticmethod
    def admonition_kind(problems) -> str:
        return "danger" if any(p.is_error for p in problems) else "warning"

    def district_anchor(self, name: str) -> str:
        return district_anchor(self.repository, name)

    @staticmethod
    def issue_anchor(name: str) -> str:
        return name_anchor("issue", name)

    def chart(self, page: str, name: str, alt) -> Markup:
        """A home chart as two images: the wide drawing, and the phone drawing that CSS shows instead
        on a narrow screen (a 760-pixel chart shrunk to a phone has unreadable text)."""
        return Markup(f"{self.image(page, f'charts/{name}.svg', alt)}{{ .kk-chart }}"
                      f"{self.image(page, f'charts/{name}-phone.svg', alt)}{{ .kk-chart-phone }}")

    def image(self, page: str, target: str, alt) -> Markup:
        href = posixpath.relpath(target, posixpath.dirname(page) or ".")
        return Markup(f"![{self.md(alt)}]({href})")

    # --- model helpers ---
    def member_name(self, member_id: str) -> str:
        member = self.repository.members.get(member_id)
        return member.name if member else member_id

    def problems_for(self, proposal: Proposal):
        return self.result.problems_for(proposal.id)

    def latest_activity_progress(self, proposal: Proposal) -> dict:
        latest = {}
        for report in proposal.reports:
            for progress in report.activities:
                latest[progress.activity] = (report, progress)
        return latest

    def pending(self) -> list[Proposal]:
        pending = [p for p in self.repository.proposals.values() if p.status in AWAITING_DECISION]
        return sorted(pending, key=lambda p: (p.submitted or p.start, p.id))

    def next_meeting(self) -> Meeting | None:
        planned = [m for m in self.repository.meetings if m.body == "large" and not m.held]
        return planned[0] if planned else None

    @staticmethod
    def problem_anchor(file: str) -> str:
        return problem_anchor(file)

    @staticmethod
    def meeting_anchor(meeting: Meeting) -> str:
        return meeting_anchor(meeting)

    def severity_badge(self, severity: str) -> Markup:
        return Markup(f'<span class="kk-severity kk-severity--{"error" if severity == "error" else "warning"}">'
                      f"{self.md(SEVERITY_TH.get(severity, severity))}</span>")

    def meeting_of_file(self, file: str) -> Meeting | None:
        return next((m for m in self.repository.meetings if m.source.file == file), None)

    @staticmethod
    def counts(decision, proposal: Proposal | None) -> bool:
        """Whether a meeting's decision counts toward the proposal's status (e.g. not without quorum)."""
        return proposal is None or any(d is decision for d in proposal.decisions)

    def proposal_of_file(self, file: str) -> Proposal | None:
        parts = file.split("/")
        if len(parts) >= 3 and parts[0] == "proposals":
            return self.repository.proposals.get(parts[2])
        return None

    def include(self, template: str, **context) -> Markup:
        """A piece of Markdown from another template (its values escaped there), as trusted Markup."""
        return Markup(self.env.get_template(template).render(**context))

    def render(self, template: str, page: str, **context) -> str:
        return self.env.get_template(template).render(page=page, **context)


def template_bytecode(root: Path):
    """The compiled page templates, kept between runs (compiling them costs more than rendering
    the aggregate pages). Jinja checks each template's source; the folder is per khrongkan code,
    whose Environment options shape the compiled code too."""
    from jinja2 import FileSystemBytecodeCache

    class UsedBytecodeCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            super().load_bytecode(bucket)
            if bucket.code is not None:  # a hit keeps the file from being pruned (generator.cache)
                mark_used(Path(self._get_cache_filename(bucket)))

    folder = Cache(root, "jinja").folder / code_fingerprint()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only repository: compile every time
    return UsedBytecodeCache(str(folder))


def province(repository: Repository) -> str:
    return repository.settings.province or (repository.areas.province if repository.areas else "")


def site_name(repository: Repository) -> str:
    """The site's name for MkDocs, which puts it into HTML unescaped: no markup characters."""
    name = repository.settings.site_title or f"พิจารณาโครงการ ขบวนองค์กรชุมชนจังหวัด{province(repository)}"
    return _SPACES.sub(" ", re.sub(r"[<>&\"'`]", "", name)).strip()


def meeting_anchor(meeting: Meeting) -> str:
    return f"meeting-{meeting.fiscal_year}-{meeting.number:02d}"


def problem_anchor(file: str) -> str:
    return "file-" + re.sub(r"[^a-z0-9]+", "-", file.lower()).strip("-")


# --- the pages --------------------------------------------------------------------------------

def render_pages(result, root: Path, downloads: dict[str, list[Download]] | None = None,
                 photos=None) -> dict[str, str]:
    """Every generated page and chart, by path relative to build/pages.

    `photos`, when given, are the photo targets actually published; others are not shown.
    """
    result = published(result)
    site = Site(result, root, downloads)
    repository = site.repository
    pages: dict[str, str] = {}
    year = site.current_year()
    current = repository.proposals_in(year) if year else []

    year_totals = totals(current)
    by_status = group_by_status(current)
    by_district = group_by_district(repository, current)
    by_issue = group_by_issue(repository, current)
    pages.update(home_charts(year_totals, by_status, by_district, by_issue))
    pages["index.md"] = site.render("home.md.j2", "index.md", year=year, totals=year_totals,
                                    by_status=by_status, by_district=by_district, by_issue=by_issue)

    everything = list(repository.proposals.values())
    pages["proposals/index.md"] = site.render("years.md.j2", "proposals/index.md", groups=group_by_year(repository))
    pages["status.md"] = site.render("groups.md.j2", "status.md", title="โครงการตามสถานะ", head="สถานะ",
                                     intro="สถานะคำนวณจากวันที่เสนอ มติที่ประชุม และรายงาน ไม่ได้เขียนด้วยมือ",
                                     groups=group_by_status(everything), by_status=True)
    pages["districts.md"] = site.render("groups.md.j2", "districts.md", title="โครงการตามอำเภอ", head="อำเภอ", intro="",
                                        groups=group_by_district(repository, everything))
    pages["issues.md"] = site.render("groups.md.j2", "issues.md", title="โครงการตามประเด็นงาน", head="ประเด็นงาน",
                                     intro="",
                                     groups=group_by_issue(repository, everything))
    pending = site.pending()
    pages["pending.md"] = site.render("pending.md.j2", "pending.md", proposals=pending, totals=totals(pending),
                                      next_meeting=site.next_meeting())
    pages["meetings.md"] = site.render("meetings.md.j2", "meetings.md",
                                       meetings=sorted(repository.meetings, key=lambda m: (m.date, m.number),
                                                       reverse=True))
    pages["summary.md"] = site.render("summary.md.j2", "summary.md", rollup=rollup(repository, year),
                                      totals=year_totals)
    from .plan_pages import plan_pages  # the plan section (plan.md), when the repository has a plan

    pages.update(plan_pages(site))
    day, items = followup(repository)
    pages["followup.md"] = site.render("followup.md.j2", "followup.md", day=day, items=items)
    pages["problems.md"] = site.render("problems.md.j2", "problems.md", problems=result.problems,
                                       files=_problems_by_file(result.problems),
                                       unpublished=not repository.settings.publish_problems)
    pages.update(form_pages(repository, year))
    cache = Cache(root, PAGES_CACHE)
    shared = page_inputs.shared_digest(site)
    for proposal in repository.proposals.values():
        page = f"proposals/{proposal.id}.md"
        context = dict(p=proposal, problems=site.problems_for(proposal), downloads=site.downloads.get(proposal.id, []),
                       photos={r.number: [photo for photo in report_photos(proposal, r)
                                          if photos is None or photo.target in photos] for r in proposal.reports})
        # A proposal's page depends on that proposal alone (and on what every page shares): an
        # unchanged proposal's Markdown is read back from the cache, not rendered again.
        key = cache.key(shared, page, page_inputs.canonical(
            {**context, "downloads": [(d.label, d.target) for d in context["downloads"]]}))  # not where a copy is
        cached = cache.get_bytes(key, ".md")
        if cached is None:
            pages[page] = site.render("proposal.md.j2", page, **context)
            cache.put_bytes(key, pages[page].encode("utf-8"), ".md")
        else:
            pages[page] = cached.decode("utf-8")
    return pages


def published(result):
    """The part of a check result the public site shows: without draft proposals (and their
    problems) unless `publish.drafts`, without any problem unless `publish.problems`."""
    settings = result.repository.settings
    if settings.publish_drafts and settings.publish_problems:
        return result
    hidden = set() if settings.publish_drafts else \
        {pid for pid, proposal in result.repository.proposals.items() if proposal.status == "draft"}
    repository = dataclasses.replace(result.repository, proposals={
        pid: proposal for pid, proposal in result.repository.proposals.items() if pid not in hidden})
    folders = tuple(f"proposals/{result.repository.proposals[pid].fiscal_year}/{pid}/" for pid in hidden)
    problems = [p for p in result.problems if not (folders and p.file.startswith(folders))] \
        if settings.publish_problems else []
    return type(result)(repository, problems)


def fieldwork_globals() -> dict:
    """What the agreement, visit and follow-up templates use (generator.money, generator.visit_document)."""
    from .followup import KIND_TH
    from .money import project_money
    from .visit_document import finding_subject

    return {"project_money": project_money, "finding_subject": finding_subject, "FOLLOWUP_KIND_TH": KIND_TH}


def _problems_by_file(problems) -> list[tuple[str, list]]:
    files: dict[str, list] = {}
    for problem in problems:
        files.setdefault(problem.file, []).append(problem)
    return list(files.items())


def home_charts(year_totals: Totals, by_status: list[Group], by_district: list[Group],
                by_issue: list[Group]) -> dict[str, str]:
    """The home page's charts, each drawn twice: charts/<name>.svg, and <name>-phone.svg for phones."""
    keys = list(MONEY_TH)
    series = [charts.Series(MONEY_TH[k], MONEY_COLORS[k]) for k in keys]
    money_format = thai.format_money
    status_rows = [(g.label, [g.totals.count]) for g in by_status if g.totals.count]
    drawings = {
        "status": (("จำนวนโครงการตามสถานะ", status_rows, [charts.Series("จำนวนโครงการ", "#1e88e5")],
                    lambda v: f"{v} โครงการ"),
                   {"row_colors": [STATUS_COLORS[g.key] for g in by_status if g.totals.count]}),
        "money": (("งบประมาณ: ขอ อนุมัติ รับ และใช้จ่าย (บาท)", [(MONEY_TH[k], [year_totals.money(k)]) for k in keys],
                   [charts.Series("บาท", "#1e88e5")], money_format),
                  {"row_colors": [MONEY_COLORS[k] for k in keys]}),
        "districts": (("งบประมาณตามอำเภอ (บาท)", [(g.label, [g.totals.money(k) for k in keys]) for g in by_district],
                       series, money_format), {}),
        "issues": (("งบประมาณตามประเด็นงาน (บาท)", [(g.label, [g.totals.money(k) for k in keys]) for g in by_issue],
                    series, money_format), {}),
    }
    drawn = {}
    for name, (arguments, options) in drawings.items():
        drawn[f"charts/{name}.svg"] = charts.bar_chart(*arguments, **options)
        drawn[f"charts/{name}-phone.svg"] = charts.bar_chart(*arguments, **options, width=charts.PHONE_WIDTH)
    return drawn


# --- the folder -------------------------------------------------------------------------------

def guide_folders(root: Path) -> list[Path]:
    """The hand-written pages: the package's site/ folder, then the repository's own (which wins)."""
    return list(reversed(resources.folders(root, GUIDE_DIR)))


def assemble(result, root: Path, pages_dir: Path | None = None,
             downloads: dict[str, list[Download]] | None = None, photos: dict[str, Path] | None = None) -> Path:
    """Write build/pages: generated pages and charts, guide pages, downloads and photos.

    Files are written only when their bytes change (so MkDocs and browsers see stable
    files), and anything else found in the folder (a deleted proposal's page, a removed
    download) is removed, so the folder holds exactly the current site.
    """
    root = Path(root)
    pages_dir = Path(pages_dir) if pages_dir else root / PAGES_DIR
    shown = published(result)
    if shown is not result:  # drafts left out: their downloads and photos too
        downloads = {pid: files for pid, files in (downloads or {}).items() if pid in shown.repository.proposals}
        if photos is not None:
            allowed = {photo.target for proposal in shown.repository.proposals.values()
                       for report in proposal.reports for photo in report_photos(proposal, report)}
            photos = {target: source for target, source in photos.items() if target in allowed}
        result = shown
    if photos is None:  # the photos as they are (sitebuild passes cleaned copies: site_files)
        photos = {photo.target: photo.source for proposal in result.repository.proposals.values()
                  for report in proposal.reports for photo in report_photos(proposal, report)}
    wanted: dict[str, str | bytes | Path] = dict(render_pages(result, root, downloads, photos))
    for guide in guide_folders(root):
        for path in sorted(guide.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                wanted[path.relative_to(guide).as_posix()] = path
    for files in (downloads or {}).values():
        for download in files:
            wanted[download.target] = download.source
    wanted.update(photos)

    pages_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(pages_dir)
    for name, content in wanted.items():
        data = content.read_bytes() if isinstance(content, Path) else content
        # Not flushed to disk one by one (300 photos: 300 waits): every file here is compared
        # byte for byte on the next run, so one torn by a crash is simply written again.
        write_if_changed(pages_dir / name, data, sync=False)
    for path in sorted(pages_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        relative = path.relative_to(pages_dir).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return pages_dir


def download_label(proposal_id: str, stem: str) -> str:
    """What a document of a proposal is, from its file name: <ID>, <ID>-report-<N>."""
    rest = stem[len(proposal_id):] if stem.startswith(proposal_id) else stem
    match = re.search(r"report-?(\d+)", rest)
    if match:
        return f"รายงานฉบับที่ {match.group(1)}"
    visit = re.fullmatch(r"-visit-(\d+)", rest)
    if visit:
        return f"บันทึกการติดตามครั้งที่ {visit.group(1)}"
    if not rest:
        return "แบบเสนอโครงการ"
    return f"เอกสาร {rest.strip('-_.')}"
