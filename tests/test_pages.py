"""The review site's pages: escaping, privacy, completeness, index pages, charts, search index.

Markdown is turned into HTML here with the same extensions as mkdocs.yml, so the tests see
what a reviewer's browser would get, without running MkDocs for each case. One test builds
a whole (small) site through the command line.
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import docx
import markdown
import pytest
import yaml
from click.testing import CliRunner

from generator import charts, pages, search_index, site_files, thai
from generator.cli import main
from generator.model import AWAITING_DECISION, STATUSES
from generator.summaries import rollup
from generator.vocabulary import DRAFTS_TH, FIGURE_TH
from generator.validate import check_repository

from conftest import PROPOSAL_DIR, REPO_ROOT, REPORT

MKDOCS = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
ZWSP = "\u200b"
PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"
PROPOSAL_ID = PROPOSAL_DIR.split("/")[-1]


def _extensions():
    names, configs = [], {}
    for entry in MKDOCS["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, config), = entry.items()
            names.append(name)
            configs[name] = config or {}
        else:
            names.append(entry)
    return names, configs


def to_html(text: str) -> str:
    """Like MkDocs: the front matter (page metadata) is taken off, the rest is Markdown."""
    from mkdocs.utils.meta import get_data

    names, configs = _extensions()
    content, _meta = get_data(text)
    return markdown.markdown(content, extensions=names, extension_configs=configs)


def render(result, root) -> dict[str, str]:
    return pages.render_pages(result, root)


def section(text: str, heading_id: str) -> str:
    """The Markdown of one `## ... {#id}` section."""
    match = re.search(rf"^## .*\{{#{re.escape(heading_id)}\}}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def shown(amount) -> str:
    """An amount as the pages write it: marked for the phone layout (site/assets/extra.css)."""
    return f'<span class="money">{thai.format_money(amount)}</span>'


def linked_proposals(text: str) -> set[str]:
    return set(re.findall(r"\]\((?:(?:\.\./)?proposals/)?([0-9]{4}-[0-9]{3}[0-9a-z-]*)\.md\)", text))


# --- escaping -------------------------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[คลิก](javascript:alert(1))",
    "image": '<img src=x onerror="alert(1)">',
    "autolink": "<javascript:alert(2)>",
    "emphasis": "**ตัวหนา** _เอียง_ `code`",
    "table": "a | b | c",
    "attr": "ชื่อ {: onclick=alert(3) }",
}


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    "# หัวข้อ", "1. รายการ", "- รายการ", "+ รายการ", "> อ้างอิง", "a | b", "**b** _i_ `c` ~~s~~",
    "![i](x.png)", "&amp; &lt;", "{: .x }", "line one\n\n# line two", "    indented code", "---", "===",
    "<!-- comment -->", "\\*escaped\\*", "[^1]", "*[HTML]: x",
])
def test_md_escape_shows_the_text_exactly_and_makes_no_markup(text):
    escaped = pages.md_escape(text)
    html = to_html(f"{escaped}\n\n| หัว |\n|---|\n| {escaped} |\n\n- {escaped}\n")
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<h1" not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<blockquote>" not in html
    assert "<ol>" not in html and "<hr" not in html and "<del>" not in html
    # The visible text is the value with its whitespace collapsed, nothing added or lost.
    shown = re.sub(r"<[^>]+>", " ", html)
    assert " ".join(text.split()) in " ".join(html_module.unescape(shown).split())


def test_hostile_values_in_every_kind_of_field_show_as_text(mini_repo):
    values = list(HOSTILE.values())
    mini_repo.replace(PROPOSAL, "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์",
                      f"title: '{values[0]} {values[1]} {values[2]}'")
    mini_repo.replace(PROPOSAL, "name: กองทุนสวัสดิการชุมชนตำบลนาโพธิ์", f"name: '{values[3]} {values[5]}'")
    mini_repo.replace(PROPOSAL, "ย่อหน้าแรกของหลักการและเหตุผล", f"# {values[1]} {values[4]} {values[6]}")
    mini_repo.replace(PROPOSAL, "- เพื่อเพิ่มสมาชิกกองทุน", f"- '{values[2]} 1. x'")
    mini_repo.replace(PROPOSAL, "name: ประชุมคณะทำงาน", f"name: '{values[0]}'")
    mini_repo.replace(PROPOSAL, "item: ค่าเอกสาร", f"item: '{values[5]} {values[1]}'")
    mini_repo.replace(PROPOSAL, "position: ประธาน", f"position: '{values[2]}'")
    result = mini_repo.check()
    assert PROPOSAL_ID in result.repository.proposals
    rendered = render(result, mini_repo.root)
    html = to_html(rendered[f"proposals/{PROPOSAL_ID}.md"])
    assert "<script" not in html and "<img" not in html and "<strong>ตัวหนา" not in html
    assert not re.search(r"<[^>]+\s(?:href|src)=\"javascript", html)
    assert not re.search(r"<[^>]+\son\w+=", html)  # no event-handler attribute on any tag
    # The reviewer sees the title exactly as written.
    text = re.sub(r"<[^>]+>", "", html)
    assert f"{values[0]} {values[1]} {values[2]}" in html_module.unescape(text)
    # Hostile names also reach the lists and the home page without becoming markup.
    for name in ("index.md", "status.md", "districts.md", "proposals/index.md"):
        other = to_html(rendered[name])
        assert "<script" not in other and 'href="javascript' not in other
        assert not re.search(r"<[^>]+\son\w+=", other) and '<img src="x"' not in other


def test_problem_messages_with_hostile_values_are_escaped(mini_repo):
    mini_repo.replace(PROPOSAL, "issue: สวัสดิการชุมชน", "issue: '<script>x</script>[a](javascript:b)'")
    result = mini_repo.check()
    assert any(p.code == "A004" for p in result.errors)
    rendered = render(result, mini_repo.root)
    for name in ("problems.md", f"proposals/{PROPOSAL_ID}.md", "issues.md"):
        html = to_html(rendered[name])
        assert "<script" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in to_html(rendered["problems.md"])


# --- privacy --------------------------------------------------------------------------------------

def test_phone_numbers_are_not_on_the_pages_unless_settings_allow(mini_repo):
    mini_repo.replace(PROPOSAL, "  subdistricts: [นาโพธิ์]",
                      "  subdistricts: [นาโพธิ์]\n  detail: ติดต่อ 081-234-5678 บัญชี 123-4-56789-0 บัตร 3-1005-01234-56-7")
    rendered = render(mini_repo.check(), mini_repo.root)
    everything = "\n".join(rendered.values())
    for secret in ("089-000-0001", "081-234-5678", "123-4-56789-0", "3-1005-01234-56-7"):
        assert secret not in everything
    assert pages.md_escape(pages.HIDDEN_TH) in rendered[f"proposals/{PROPOSAL_ID}.md"]

    mini_repo.write("khrongkan.yaml", (mini_repo.root / "khrongkan.yaml").read_text(encoding="utf-8")
                    + "publish:\n  phone: true\n")
    rendered = render(mini_repo.check(), mini_repo.root)
    page = rendered[f"proposals/{PROPOSAL_ID}.md"]
    assert "089-000-0001" in page and "081-234-5678" in page
    assert "123-4-56789-0" not in page and "3-1005-01234-56-7" not in page


def test_no_responsible_phone_of_the_sample_on_any_page(sample_root):
    result = check_repository(sample_root)
    phones = {p.phone for proposal in result.repository.proposals.values() for p in proposal.responsible if p.phone}
    assert len(phones) >= 10
    everything = "\n".join(render(result, sample_root).values())
    assert not [phone for phone in phones if phone in everything]


def _docx_with(tmp_path: Path, *cells: list[str]) -> Path:
    document = docx.Document()
    document.add_paragraph("ผู้รับผิดชอบโครงการ")
    table = document.add_table(rows=1, cols=2)
    for cell, runs in zip(table.rows[0].cells, cells):
        paragraph = cell.paragraphs[0]
        for run in runs:
            paragraph.add_run(run)
    path = tmp_path / "2570-001-x.docx"
    document.save(path)
    return path


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))


def test_site_copy_of_a_docx_has_no_phone_numbers(tmp_path):
    source = _docx_with(tmp_path, ["นายสมชาย ทดสอบ"], ["081-000-1101"])
    target = tmp_path / "out" / source.name
    public, changed = site_files.clean_docx(source, target, pages.Privacy(), ["081-000-1101"])
    assert changed and public == target
    assert "081-000-1101" not in _docx_text(public) and pages.HIDDEN_TH in _docx_text(public)
    assert "081-000-1101" in _docx_text(source)  # the institute's copy keeps it
    docx.Document(public)  # still a valid Word document
    # Same input, same bytes.
    again = tmp_path / "again.docx"
    site_files.clean_docx(source, again, pages.Privacy(), ["081-000-1101"])
    assert again.read_bytes() == public.read_bytes()
    # Allowed by the settings: the original is offered.
    assert site_files.clean_docx(source, target, pages.Privacy(True, True, True), []) == (source, False)


def test_site_copy_is_refused_when_a_phone_number_is_split_over_runs(tmp_path):
    source = _docx_with(tmp_path, ["นายสมชาย"], ["081-000-", "1101"])
    public, _ = site_files.clean_docx(source, tmp_path / "out.docx", pages.Privacy(), ["081-000-1101"])
    assert public is None


# --- completeness and lists -----------------------------------------------------------------------

def test_every_proposal_of_the_sample_has_a_page_with_its_sections(sample_root):
    result = check_repository(sample_root)
    rendered = render(result, sample_root)
    assert len(result.repository.proposals) >= 10
    for proposal in result.repository.proposals.values():
        page = rendered[f"proposals/{proposal.id}.md"]
        assert f"\n# {pages.md_escape(proposal.title)}\n" in page
        for anchor in ("rationale", "objectives", "targets", "activities", "budget", "installments",
                       "indicators", "expected-results", "responsible", "decisions", "progress"):
            assert "{#" + anchor + "}" in page, (proposal.id, anchor)
        assert f"รวมทั้งสิ้น {shown(proposal.requested)} บาท ({thai.baht_words(proposal.requested)})" in page
        for activity in proposal.activities:
            assert "{#activity-%d}" % activity.number in page
        for decision in proposal.decisions:
            assert f"meetings.md#{pages.meeting_anchor(decision.meeting)}" in page
        for report in proposal.reports:
            assert "{#report-%d}" % report.number in page


def test_a_proposal_with_errors_still_has_a_page_and_is_on_the_problems_page(mini_repo):
    mini_repo.replace(PROPOSAL, "        amount: 1200", "        amount: 1300")
    mini_repo.write("proposals/2570/2570-002-broken/proposal.yaml", "title: [ไม่ปิดวงเล็บ\n")
    result = mini_repo.check()
    assert result.repository.proposals[PROPOSAL_ID].has_errors
    rendered = render(result, mini_repo.root)
    page = rendered[f"proposals/{PROPOSAL_ID}.md"]
    assert "!!! danger" in page and "M004" in page and "ข้อมูลยังมีข้อผิดพลาด" in page
    problems = rendered["problems.md"]
    assert f"proposals/{PROPOSAL_ID}.md" in problems and "M004" in problems
    assert "proposals/2570/2570-002-broken/proposal.yaml" in problems and "Y001" in problems
    assert "proposals/2570-002-broken.md" not in rendered


def test_a_proposal_page_links_to_its_own_part_of_the_problems_page(mini_repo):
    mini_repo.replace(PROPOSAL, "        amount: 1200", "        amount: 1300")
    result = mini_repo.check()
    rendered = render(result, mini_repo.root)
    anchor = pages.problem_anchor(PROPOSAL)
    assert f"(../problems.md#{anchor})" in rendered[f"proposals/{PROPOSAL_ID}.md"]
    assert "{#" + anchor + "}" in rendered["problems.md"]

def test_problems_page_rows_give_the_line_under_the_file_heading(mini_repo):
    """The file is the section's heading; each row says the line (the file once, not per row)."""
    mini_repo.replace(PROPOSAL, "        amount: 1200", "        amount: 1300")
    mini_repo.write("proposals/2570/2570-002-broken/proposal.yaml", "title: [ไม่ปิดวงเล็บ\n")
    result = mini_repo.check()
    problems = render(result, mini_repo.root)["problems.md"]
    for problem in result.problems:
        line = str(problem.line) if problem.line else "ทั้งไฟล์"
        assert f"| {line} | {problem.code} |" in problems
        # the message may break inside a long field path on a phone (site/assets/extra.css)
        assert f'<span class="kk-message">{pages.md_escape(problem.message("th"))}</span>' in problems
        assert problems.count(pages.md_escape(problem.file)) == 1

def test_status_district_issue_and_year_pages_list_the_right_proposals(sample_root):
    result = check_repository(sample_root)
    repository = result.repository
    rendered = render(result, sample_root)
    proposals = list(repository.proposals.values())
    assert len({p.status for p in proposals}) >= 4
    for status in STATUSES:
        wanted = {p.id for p in proposals if p.status == status}
        assert linked_proposals(section(rendered["status.md"], f"status-{status.replace('_', '-')}")) == wanted
    for district in {p.district for p in proposals}:
        anchor = pages.district_anchor(repository, district)
        assert linked_proposals(section(rendered["districts.md"], anchor)) == \
            {p.id for p in proposals if p.district == district}
    for issue in {p.issue for p in proposals}:
        assert linked_proposals(section(rendered["issues.md"], pages.name_anchor("issue", issue))) == \
            {p.id for p in proposals if p.issue == issue}
    for fy in repository.fiscal_years():
        assert linked_proposals(section(rendered["proposals/index.md"], f"fy-{fy}")) == \
            {p.id for p in proposals if p.fiscal_year == fy}


def test_pending_page_lists_what_awaits_a_decision_with_the_total(sample_root):
    result = check_repository(sample_root)
    rendered = render(result, sample_root)
    pending = [p for p in result.repository.proposals.values() if p.status in AWAITING_DECISION]
    assert pending
    page = rendered["pending.md"]
    assert linked_proposals(page) == {p.id for p in pending}
    total = sum((p.requested for p in pending), Decimal(0))
    assert f"รวมงบที่ขอ {shown(total)} บาท ({thai.baht_words(total)})" in page


def test_meetings_page_shows_attendance_quorum_and_decisions(sample_root):
    result = check_repository(sample_root)
    page = render(result, sample_root)["meetings.md"]
    for meeting in result.repository.meetings:
        text = section(page, pages.meeting_anchor(meeting))
        assert f"ครั้งที่ {meeting.label}" in page
        if meeting.held and meeting.body == "large":
            assert f"กรรมการชุดใหญ่ {meeting.large_present} จาก {meeting.large_committee_size} คน" in text
            assert ("ครบองค์ประชุม" if meeting.has_quorum else "ไม่ครบองค์ประชุม") in text
        assert linked_proposals(text) == {d.proposal_id for d in meeting.decisions
                                          if d.proposal_id in result.repository.proposals}


def test_home_figures_add_up(sample_root):
    result = check_repository(sample_root)
    rendered = render(result, sample_root)
    year = max(result.repository.fiscal_years())
    current = result.repository.proposals_in(year)
    home = rendered["index.md"]
    assert f"# ภาพรวมปีงบประมาณ {year}" in home
    submitted = [p for p in current if p.status != "draft"]
    drafts = [p for p in current if p.status == "draft"]
    assert drafts and submitted  # the sample has both: the figures must tell them apart
    assert f"| โครงการที่ยื่นแล้ว | **{len(submitted)}** |" in home
    assert f"| งบที่ขอ (ยื่นแล้ว) | **{shown(sum(p.requested for p in submitted))}** |" in home
    assert f"| ฉบับร่าง (ยังไม่ยื่น ไม่นับรวม) | {len(drafts)} | โครงการ |" in home
    assert f"| งบที่ขอของฉบับร่าง | {shown(sum(p.requested for p in drafts))} | บาท |" in home
    for chart in ("status", "money", "districts", "issues"):
        assert f"charts/{chart}.svg" in home
        ET.fromstring(rendered[f"charts/{chart}.svg"])  # well-formed SVG


def figure_rows(page: str) -> dict[str, str]:
    """A page's figures table: {label: value} from its rows "| label | **value** | unit |"."""
    return dict(re.findall(r"^\| ([^|*]+?) \| \*\*(.+?)\*\* \| (?:บาท|โครงการ) \|$", page, re.M))


def district_rows(page: str, requested_column: int) -> dict[str, str]:
    """{district: requested} from the rows of a page's by-district table."""
    rows = re.findall(r"^\| \[([^\]]+)\]\(districts\.md#[^)]*\) \|(.*)\|$", page, re.M)
    return {name: cells.split("|")[requested_column].strip() for name, cells in rows}


def test_home_and_summary_give_the_same_figures_under_the_same_labels(sample_root):
    """One figure, one label, one definition: the year's totals count submitted proposals only,
    and the drafts stand apart under a label that says they are not counted."""
    result = check_repository(sample_root)
    repository = result.repository
    rendered = render(result, sample_root)
    home, summary = figure_rows(rendered["index.md"]), figure_rows(rendered["summary.md"])
    keys = ("projects", "requested", "approved", "received", "spent", "balance")
    assert [FIGURE_TH[k] for k in keys] == list(home)
    # The roll-up adds the agreements' figures (agreed, paid) between approved and received.
    assert [FIGURE_TH[k] for k in keys[:3] + ("agreed", "paid") + keys[3:]] == list(summary)
    assert home == {label: value for label, value in summary.items() if label in home}
    year = max(repository.fiscal_years())
    total = rollup(repository, year).total
    assert summary[FIGURE_TH["requested"]] == shown(total.requested)
    drafts = [p for p in repository.proposals_in(year) if p.status == "draft"]
    assert drafts and total.requested == sum(p.requested for p in repository.proposals_in(year) if p not in drafts)
    for page in ("index.md", "summary.md"):
        text = rendered[page]
        assert f"| {DRAFTS_TH} | {len(drafts)} | โครงการ |" in text
        # The bare label is one proposal's own request (a column of a list), never a row of the year's totals.
        assert "\n| งบที่ขอ |" not in text
    # The by-district tables agree district by district (home: after the count; summary: after two counts).
    by_district = district_rows(rendered["index.md"], 1)
    assert by_district and by_district == district_rows(rendered["summary.md"], 2)
    assert f"| อำเภอ | {FIGURE_TH['projects']} | {FIGURE_TH['requested']} |" in rendered["index.md"]
    # The home chart's legend says the same.
    assert FIGURE_TH["requested"] in rendered["charts/districts.svg"]


def test_assemble_removes_the_pages_of_deleted_proposals(mini_repo, tmp_path):
    mini_repo.write("proposals/2570/2570-002-second/proposal.yaml",
                    (mini_repo.root / PROPOSAL).read_text(encoding="utf-8"))
    out = tmp_path / "pages"
    pages.assemble(mini_repo.check(), mini_repo.root, out)
    assert (out / "proposals/2570-002-second.md").is_file()
    assert (out / "writing.md").is_file() and (out / "assets/thai-search.js").is_file()
    shutil.rmtree(mini_repo.root / "proposals/2570/2570-002-second")
    before = (out / f"proposals/{PROPOSAL_ID}.md").stat().st_mtime_ns
    pages.assemble(mini_repo.check(), mini_repo.root, out)
    assert not (out / "proposals/2570-002-second.md").exists()
    assert (out / f"proposals/{PROPOSAL_ID}.md").stat().st_mtime_ns == before  # unchanged, not rewritten


# --- charts ---------------------------------------------------------------------------------------

def test_chart_labels_are_escaped_and_bars_are_proportional():
    svg = charts.bar_chart("ชื่อ <b>", [("อำเภอ<script>", [Decimal(100)]), ("สวี & ละแม", [Decimal(50)])],
                           [charts.Series("งบ", "#000")])
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = [t.text for t in root.iterfind("s:text", ns)]
    assert "อำเภอ<script>" in labels and "สวี & ละแม" in labels
    widths = [float(r.get("width")) for r in root.iterfind("s:rect", ns) if r.find("s:title", ns) is not None]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "Loma" in root.get("font-family") and "Noto Sans Thai" in root.get("font-family")


def test_phone_chart_puts_labels_above_bars_within_its_width():
    series = [charts.Series(name, "#000") for name in ("งบที่ขอ", "งบที่อนุมัติ", "รับเงินแล้ว", "ใช้จ่ายแล้ว")]
    rows = [("เมืองชุมพร", [Decimal(180800), 0, 0, 0]), ("ทุ่งตะโก", [Decimal(120500), 0, 0, 0])]
    wide = ET.fromstring(charts.bar_chart("งบ", rows, series))
    narrow = ET.fromstring(charts.bar_chart("งบ", rows, series, width=charts.PHONE_WIDTH))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert wide.get("width") == str(charts.WIDTH) and narrow.get("width") == str(charts.PHONE_WIDTH)

    def place(root, text):
        element = next(t for t in root.iterfind("s:text", ns) if t.text == text)
        return float(element.get("x")), float(element.get("y")), element.get("text-anchor")

    bars = [float(r.get("y")) for r in narrow.iterfind("s:rect", ns) if r.find("s:title", ns) is not None]
    x, y, anchor = place(narrow, "ทุ่งตะโก")
    assert anchor is None and x < 10 and bars[3] < y < bars[4]  # its own line, above its bars
    assert place(wide, "ทุ่งตะโก")[2] == "end"  # the wide chart keeps labels on the left
    legend = [place(narrow, s.name) for s in series]
    assert all(x + charts.text_width(name) <= charts.PHONE_WIDTH for (x, _, _), name in
               zip(legend, [s.name for s in series]))
    assert len({y for _, y, _ in legend}) == 2  # the legend wraps onto a second line


def test_home_links_each_chart_and_its_phone_drawing(sample_root):
    rendered = render(check_repository(sample_root), sample_root)
    for chart in ("status", "money", "districts", "issues"):
        assert f"(charts/{chart}.svg){{ .kk-chart }}" in rendered["index.md"]
        assert f"(charts/{chart}-phone.svg){{ .kk-chart-phone }}" in rendered["index.md"]
        assert ET.fromstring(rendered[f"charts/{chart}-phone.svg"]).get("width") == str(charts.PHONE_WIDTH)

# --- search index ---------------------------------------------------------------------------------

def _index(tmp_path: Path, docs: list[dict]) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps({
        "config": {"lang": ["en"], "separator": "[\\s\\u200b]+", "pipeline": [],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}},
        "docs": docs}, ensure_ascii=False), encoding="utf-8")
    return site


def test_search_index_separates_thai_words_invisibly(tmp_path):
    text = "<p>อำเภอท่าแซะมีกองทุนสวัสดิการชุมชนครบทุกตำบล (welfare funds) ปี 2569</p>"
    site = _index(tmp_path, [{"location": "x/", "title": "ภาพรวมปีงบประมาณ 2570", "text": text}])
    search_index.rewrite_index(site, ["ท่าแซะ"])
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    doc = index["docs"][0]
    assert doc["text"].replace(ZWSP, "") == text  # exactly as written once the invisible spaces go
    assert doc["title"].replace(ZWSP, "") == "ภาพรวมปีงบประมาณ 2570"
    words = re.split(r"[\s\u200b()]+", re.sub(r"<[^>]+>", " ", doc["text"]))
    for word in ("อำเภอ", "ท่าแซะ", "กองทุน", "สวัสดิการ", "ชุมชน", "ตำบล", "welfare"):
        assert word in words
    assert "ปีงบประมาณ" in doc["title"].split(ZWSP) or "งบประมาณ" in doc["title"].split(ZWSP)
    assert index["config"]["fields"]["thai"]["boost"] < index["config"]["fields"]["words"]["boost"]


def test_search_index_indexes_each_word_of_the_text_once_and_shows_the_text(tmp_path):
    """lunr indexes `words` (the text's words, each once) instead of `text`, which stays the teaser."""
    text = "<p>ตำบลนากระตาม · ตำบลรับร่อ · อำเภอท่าแซะ</p> <ul> <li>เพื่อทบทวนระเบียบกองทุน</li> <li>เพื่อขยายกองทุน Fund fund</li> </ul>"
    site = _index(tmp_path, [{"location": "p/", "title": "โครงการ", "text": text},
                             {"location": "q/", "title": "ว่าง", "text": ""}])
    search_index.rewrite_index(site, ["ท่าแซะ", "นากระตาม", "รับร่อ"])
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "text" not in index["config"]["fields"] and index["config"]["fields"]["words"]["boost"] == 1.0
    doc = index["docs"][0]
    assert doc["text"].replace(ZWSP, "") == text
    words = doc["words"].split(" ")
    assert len(words) == len(set(words))
    assert {"ตำบล", "นากระตาม", "รับร่อ", "อำเภอ", "ท่าแซะ", "เพื่อ", "กองทุน", "ระเบียบ", "fund"} <= set(words)
    assert "·" not in words and "Fund" not in words and "<li>" not in doc["words"]
    assert index["docs"][1].get("words", "") == ""


def test_search_index_words_with_a_separator_python_cannot_read(tmp_path):
    """mkdocs.yml's separator is a JavaScript expression; one Python refuses still gives words."""
    site = _index(tmp_path, [{"location": "a/", "title": "ก", "text": "<p>กองทุนสวัสดิการ กองทุน</p>"}])
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["separator"] = "[\\p{Z}\\u200b]+"  # \p{...} is JavaScript only
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    search_index.rewrite_index(site)
    doc = json.loads(path.read_text(encoding="utf-8"))["docs"][0]
    assert doc["words"].split() == ["กองทุน", "สวัสดิการ"]


def test_search_index_writes_its_thai_vocabulary_beside_it(tmp_path):
    """thai-search.js cuts queries with search/vocabulary.json instead of reading the whole index."""
    site = _index(tmp_path, [{"location": "a/", "title": "ธนาคารปู", "text": "อยู่ที่ตำบลด่านสวีและเสนอโครงการบ้านมั่นคงชนบท welfare"}])
    search_index.rewrite_index(site, ["ด่านสวี", "สวี"])
    vocabulary = json.loads((site / "search" / search_index.VOCABULARY).read_text(encoding="utf-8"))
    doc = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"][0]
    indexed = set(doc["title"].split(ZWSP)) | set(doc["words"].split()) | set(doc["thai"].split())
    assert vocabulary == sorted(vocabulary) and set(vocabulary) == {w for w in indexed if re.fullmatch("[ก-๛]+", w)}
    assert {"ธนาคาร", "ปู", "ด่านสวี", "สวี", "โครงการ", "มั่นคง"} <= set(vocabulary)
    assert "welfare" not in vocabulary


def test_search_index_knows_words_inside_differently_cut_text(tmp_path):
    site = _index(tmp_path, [{"location": "a/", "title": "ก", "text": "อยู่ที่ตำบลด่านสวีและเสนอโครงการบ้านมั่นคงชนบท"}])
    search_index.rewrite_index(site, ["ด่านสวี", "สวี"])
    doc = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"][0]
    tokens = set(doc["text"].split(ZWSP)) | set(doc.get("thai", "").split())
    assert {"ด่านสวี", "สวี", "โครงการ", "บ้าน", "มั่นคง"} <= tokens
    assert "แล้" not in tokens  # a piece of a word is not a word


def test_search_index_cuts_each_sentence_once(tmp_path, monkeypatch):
    """A page's entry repeats its sections' text: the same sentence is cut only once."""
    sentence = "กลุ่มประมงพื้นบ้านขยายธนาคารปูม้าที่ตำบลด่านสวี"
    docs = [{"location": "p/", "title": "หน้า", "text": f"{sentence} ละแม"},
            {"location": "p/#a", "title": "ส่วน", "text": sentence},
            {"location": "q/", "title": "หน้า", "text": sentence}]
    site = _index(tmp_path, docs)
    cut_runs = []
    real_cut = search_index.cut
    monkeypatch.setattr(search_index, "cut", lambda run, trie: cut_runs.append(run) or real_cut(run, trie))
    search_index.rewrite_index(site, ["ด่านสวี"])
    assert sorted(cut_runs) == sorted(["หน้า", sentence, "ละแม", "ส่วน"])
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs[1]["text"] == docs[2]["text"] and docs[1].get("thai") == docs[2].get("thai")
    assert "ธนาคาร" in docs[2]["text"].split(ZWSP)

def test_search_index_keeps_only_the_top_entry_of_a_proposal_page(tmp_path):
    docs = [{"location": "proposals/2570-001-x/", "title": "โครงการ", "text": "องค์กร"},
            {"location": "proposals/2570-001-x/#rationale", "title": "หลักการและเหตุผล", "text": "ยาว"},
            {"location": "proposals/2570-001-x/#activity-1", "title": "กิจกรรมที่ 1", "text": "งบ"},
            {"location": "proposals/", "title": "โครงการทั้งหมด", "text": ""},
            {"location": "proposals/#fy-2570", "title": "ปีงบประมาณ 2570", "text": ""},
            {"location": "meetings/#meeting-1-2570", "title": "ครั้งที่ 1/2570", "text": ""}]
    site = _index(tmp_path, docs)
    search_index.rewrite_index(site)
    kept = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [doc["location"] for doc in kept] == ["proposals/2570-001-x/", "proposals/", "proposals/#fy-2570",
                                                "meetings/#meeting-1-2570"]


def test_search_index_extra_words_leave_out_what_a_prefix_search_finds(tmp_path):
    site = _index(tmp_path, [{"location": "a/", "title": "ก", "text": "อยู่ที่ตำบลด่านสวีและเสนอโครงการบ้านมั่นคงชนบท"}])
    search_index.rewrite_index(site, ["ด่านสวี", "สวี"])
    doc = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"][0]
    tokens = set(doc["text"].split(ZWSP))
    extra = doc["thai"].split()
    assert "สวี" in extra and "โครงการ" in extra
    assert [(word, other) for word in extra for other in tokens | set(extra)
            if other != word and other.startswith(word)] == []
    assert search_index.without_prefixes({"โครง", "โครงการ", "มั่น", "ปู"}, {"มั่นคง", "ปูม้า", "ปู"}) == ["โครงการ"]


def test_proposal_page_puts_what_reviewers_search_in_its_top_entry(sample_root):
    """The top of a proposal page: the title, then the hidden search text (organization, issue,
    places, objectives, activity names), then the rest, left out of the search index."""
    result = check_repository(sample_root)
    rendered = render(result, sample_root)
    proposal = result.repository.proposals["2570-004-sawi-crabbank"]
    page = rendered[f"proposals/{proposal.id}.md"]
    top = page[page.index("\n# "):page.index("\n## ")]
    searched, rest = top.split('<div markdown data-search-exclude>')
    assert '<div class="kk-search" hidden markdown>' in searched
    for value in [proposal.organization_name, proposal.issue, proposal.district, *proposal.subdistricts,
                  *proposal.objectives, *(a.name for a in proposal.activities)]:
        assert pages.md_escape(value) in searched, value
    assert "รหัสโครงการ" in rest and "รหัสโครงการ" not in searched and "บาท" not in searched
    assert rest.rstrip().endswith("</div>")
    for name in ("index.md", "proposals/index.md", "status.md", "districts.md", "issues.md", "pending.md",
                 "summary.md"):
        assert 'class="kk-cards" markdown>' not in rendered[name], name  # lists and figures: not searched
    for name in ("problems.md", "followup.md"):
        assert yaml.safe_load(rendered[name].split("---")[1])["search"] == {"exclude": True}


# --- the command ----------------------------------------------------------------------------------

def test_site_command_builds_and_strict_fails_on_errors(mini_repo):
    runner = CliRunner()
    ok = runner.invoke(main, ["site", "--strict", "--repo", str(mini_repo.root)])
    assert ok.exit_code == 0, ok.output
    site = mini_repo.root / "build" / "site"
    assert (site / "index.html").is_file() and (site / "proposals" / PROPOSAL_ID / "index.html").is_file()
    assert (site / "downloads" / f"{PROPOSAL_ID}.docx").read_bytes().startswith(b"PK")
    html = (site / "proposals" / PROPOSAL_ID / "index.html").read_text(encoding="utf-8")
    assert f"../../downloads/{PROPOSAL_ID}.docx" in html
    assert "089-000-0001" not in html

    mini_repo.replace(PROPOSAL, "        amount: 1200", "        amount: 1300")
    failed = runner.invoke(main, ["site", "--strict", "--repo", str(mini_repo.root)])
    assert failed.exit_code == 1
    problems = (site / "problems" / "index.html").read_text(encoding="utf-8")
    assert "M004" in problems  # the site was still built, with the problem on it
    assert runner.invoke(main, ["site", "--repo", str(mini_repo.root)]).exit_code == 0


def test_a_failed_mkdocs_build_keeps_the_previous_site(mini_repo):
    from generator.errors import KhrongkanError
    from generator.sitebuild import build_site

    build_site(mini_repo.root, documents=False)
    index = mini_repo.root / "build" / "site" / "index.html"
    before = index.read_bytes()
    mini_repo.write("site/broken.md", "# เสีย\n\n[ลิงก์เสีย](no-such-page.md)\n")
    with pytest.raises(KhrongkanError) as error:
        build_site(mini_repo.root, documents=False)
    assert "no-such-page.md" in error.value.message
    assert index.read_bytes() == before
    assert not [p for p in index.parent.parent.iterdir() if p.name.startswith(".site-")]


def test_a_repository_without_proposals_still_gets_a_site(mini_repo):
    from generator.sitebuild import build_site

    shutil.rmtree(mini_repo.root / "proposals")
    outcome = build_site(mini_repo.root, documents=False)
    home = (outcome.site_dir / "index.html").read_text(encoding="utf-8")
    assert "ยังไม่มีแบบเสนอโครงการ" in home


def test_serve_rebuilds_when_a_proposal_changes(mini_repo):
    import threading

    from generator.sitebuild import build_site, serve

    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(mini_repo.root, 0), daemon=True,
                              kwargs={"echo": messages.append, "interval": 0.2, "stop": stop,
                                      "build": lambda: build_site(mini_repo.root, documents=False)})
    thread.start()
    try:
        url = _wait_for(lambda: next((m.split()[1] for m in messages if m.startswith("เปิดเว็บไซต์ที่")), None))
        assert url.startswith("http://127.0.0.1:")
        page = f"{url}proposals/{PROPOSAL_ID}/"
        assert "กองทุนสวัสดิการชุมชนตำบลนาโพธิ์" in _get(page)
        mini_repo.replace(PROPOSAL, "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์",
                          "title: โครงการชื่อใหม่หลังแก้ไข")
        assert _wait_for(lambda: "โครงการชื่อใหม่หลังแก้ไข" in _get(page))
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(check, timeout: float = 90.0):
    """Poll until `check()` gives something true (a rebuild takes a few seconds)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("gave up waiting")


@pytest.mark.libreoffice
def test_site_pdf_is_converted_again_without_phone_numbers(mini_repo):
    import subprocess

    from generator.documents import render_all
    from generator.sitebuild import build_site

    result = mini_repo.check()
    render_all(result, mini_repo.root, pdf=True)
    original = mini_repo.root / "build" / "pdf" / f"{PROPOSAL_ID}.pdf"
    assert "089-000-0001" in subprocess.run(["pdftotext", str(original), "-"], capture_output=True,
                                            text=True, check=True).stdout
    outcome = build_site(mini_repo.root, result)
    published = outcome.site_dir / "downloads" / f"{PROPOSAL_ID}.pdf"
    text = subprocess.run(["pdftotext", str(published), "-"], capture_output=True, text=True, check=True).stdout
    assert "089-000-0001" not in text and "ไม่เผยแพร่" in text
    assert "นายสมชาย ทดสอบ" in text


class _Tags(HTMLParser):
    """Every tag and attribute of an HTML page, and the text inside <script> elements."""

    def __init__(self):
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_hostile_titles_stay_text_in_the_built_html(mini_repo):
    from generator.sitebuild import build_site

    hostile = "</title><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
    mini_repo.replace(PROPOSAL, "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์", f"title: '{hostile}'")
    mini_repo.replace(PROPOSAL, "name: ประชุมคณะทำงาน", "name: '<script>alert(4)</script>'")
    mini_repo.write("khrongkan.yaml", (mini_repo.root / "khrongkan.yaml").read_text(encoding="utf-8")
                    + "site:\n  title: '<script>alert(5)</script> คณะ & co'\n  url: 'javascript:alert(6)'\n")
    outcome = build_site(mini_repo.root, documents=False)  # a bad site URL is left out, not fatal
    pages_checked = 0
    for path in outcome.site_dir.rglob("*.html"):
        parser = _Tags()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not [s for s in parser.scripts if "alert(" in s], path
        assert not [a for a in parser.attributes if a[1].startswith("on")], path
        assert not [a for a in parser.attributes if a[1] in ("href", "src") and "javascript:" in a[2]], path
        assert not [a for a in parser.attributes if a[0] == "img" and a[2] == "x"], path
        pages_checked += 1
    assert pages_checked >= 10
    page = (outcome.site_dir / "proposals" / PROPOSAL_ID / "index.html").read_text(encoding="utf-8")
    assert html_module.escape(hostile, quote=False) in page  # shown as text, exactly
    assert "คณะ co" in (outcome.site_dir / "index.html").read_text(encoding="utf-8")


def test_photos_are_published_upright_small_and_without_exif(mini_repo):
    from PIL import Image

    from generator.sitebuild import build_site

    folder = mini_repo.root / PROPOSAL_DIR / "files"
    folder.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees
    exif[0x8825] = {2: (13, 30, 0), 4: (99, 10, 0)}  # GPS position
    Image.new("RGB", (3000, 2000), (30, 120, 200)).save(folder / "big.jpg", exif=exif)
    (folder / "broken.jpg").write_bytes(b"not a picture")
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT_WITH_PHOTOS)
    result = mini_repo.check()
    outcome = build_site(mini_repo.root, result, documents=False)
    published = outcome.site_dir / "photos" / PROPOSAL_ID / "report-1-1.jpg"
    with Image.open(published) as picture:
        assert max(picture.size) <= 1600 and picture.height > picture.width  # turned upright
        assert not picture.getexif()
    assert not (outcome.site_dir / "photos" / PROPOSAL_ID / "report-1-2.jpg").exists()
    page = (outcome.site_dir / "proposals" / PROPOSAL_ID / "index.html").read_text(encoding="utf-8")
    assert "report-1-1.jpg" in page and "report-1-2.jpg" not in page
    assert any("broken.jpg" in note for note in outcome.notes)


REPORT_WITH_PHOTOS = REPORT + """\
photos:
  - file: files/big.jpg
    caption: ประชุมคณะทำงาน
  - file: files/broken.jpg
    caption: รูปเสีย
"""


def test_a_result_shows_the_text_without_the_invisible_word_breaks(tmp_path):
    """The teaser is only shown (lunr indexes `words`), so it is served exactly as written."""
    doc = {"location": "p/", "title": "โครง\u200bการ", "text": "<p>กองทุน\u200bสวัสดิการ</p>",
           "words": "กองทุน สวัสดิการ", "thai": "ทุน"}
    assert search_index.shown(doc) == {"location": "p/", "title": "โครง\u200bการ", "text": "<p>กองทุนสวัสดิการ</p>"}
    assert doc["text"] == "<p>กองทุน\u200bสวัสดิการ</p>"  # the entry itself is left as it was
