"""The proposal form in a real browser (Debian's Chromium): the same problems as the checker,
live totals, Buddhist-Era dates, a file with the scaffold's comments, sharing, and offline use.

The checks of the form and `khrongkan check` run over one shared set of proposal files
(tests/form_cases/ and the sample proposals) and must report the same codes at the same lines.
Errors only: the warnings (years far from the fiscal year, placeholders in a draft) and the
rules across files (fingerprints, meetings) belong to the checker alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.sitebuild import SiteServer, build_site
from generator.thai import fiscal_year, parse_date
from generator.validate import check_repository

from conftest import REPO_ROOT

pytestmark = pytest.mark.browser

REFERENCE = ["khrongkan.yaml", "committee.yaml", "reference", "plans"]
CASES = sorted((REPO_ROOT / "tests" / "form_cases").glob("*.yaml"))
SAMPLES = sorted((REPO_ROOT / "proposals").glob("*/*/proposal.yaml"))
PHONE = {"width": 390, "height": 844}

# Where the checker puts a problem, computed on the form's side from the file's own YAML nodes:
# an unknown key at its key, anything else at its value (or the nearest value written above it).
# A missing key has no line of its own (the checker names the line where it belongs): it is
# compared by its field, as the checker's English message names it (activities[1].name).
LINES_OF_PROBLEMS = """
(text) => {
  const counter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { version: "1.1", lineCounter: counter });  // positions only
  const line = (node) => counter.linePos(node.range[0]).line;
  function walk(path, wantKey) {
    let node = doc.contents, place = line(node);
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      if (YAML.isMap(node)) {
        const pair = node.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === part);
        if (!pair) break;
        if (wantKey && i === path.length - 1) return line(pair.key);
        node = pair.value;
      } else if (YAML.isSeq(node)) {
        node = node.items[part];
      } else {
        break;
      }
      if (!node || !node.range) break;
      place = line(node);
    }
    return place;
  }
  const yamlPath = (path) => path.map((part, i) => typeof part === "number" ? `[${part + 1}]` : (i ? "." : "") + part).join("");
  window.KhrongkanForm.openText(text, "case.yaml");
  return window.khrongkanProblems.filter((p) => p.severity === "error").map((p) => [p.code,
    p.code === "S002" ? yamlPath(p.path) : walk(p.path, p.code === "S001")]);
}
"""


def _copy_reference(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The sample repository's site (without documents: the form does not need them), served."""
    root = tmp_path_factory.mktemp("form-site")
    _copy_reference(root)
    for name in ("proposals", "meetings"):
        shutil.copytree(REPO_ROOT / name, root / name)
    outcome = build_site(root, documents=False)
    with SiteServer(outcome.site_dir, port=0) as server:
        yield {"root": root, "url": server.url + "form/"}



@pytest.fixture
def form(browser, form_site):
    """A phone-sized tab on the form; console errors fail the test."""
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(form_site["url"])
    tab.wait_for_selector("#kk-form fieldset")
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"


def checker_problems(tmp_path: Path, files: list[Path]) -> dict[Path, list[tuple[str, int | str]]]:
    """Each file checked by `khrongkan check` in a repository of its own fiscal year's folder."""
    root = tmp_path / "checked"
    _copy_reference(root)
    places = {}
    for number, source in enumerate(files, start=1):
        start = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["period"]["start"]
        fy = fiscal_year(parse_date(str(start)))
        target = root / "proposals" / str(fy) / f"{fy}-{number:03d}" / "proposal.yaml"
        target.parent.mkdir(parents=True)
        shutil.copy2(source, target)
        places[target.relative_to(root).as_posix()] = source
    found: dict[Path, list[tuple[str, int | str]]] = {source: [] for source in files}
    for problem in check_repository(root).errors:
        if problem.file in places:
            where = problem.params["field_en"] if problem.code == "S002" else problem.line
            found[places[problem.file]].append((problem.code, where))
    return {source: sorted(problems) for source, problems in found.items()}


def test_the_form_and_the_checker_report_the_same_problems_at_the_same_lines(form, tmp_path):
    files = CASES + SAMPLES
    expected = checker_problems(tmp_path, files)
    differences = {}
    for source in files:
        got = sorted(tuple(p) for p in form.evaluate(LINES_OF_PROBLEMS, source.read_text(encoding="utf-8")))
        if got != expected[source]:
            differences[source.name if source in CASES else source.parent.name] = {
                "checker": expected[source], "form": got}
    assert not differences, differences
    # The shared set is worth its name: every bad case is bad, every good one good.
    for source in CASES:
        assert bool(expected[source]) == source.name.startswith("bad-"), (source.name, expected[source])


def test_amounts_totals_and_baht_in_words_follow_the_typing(form):
    form.click("#kk-s-activities .kk-add")
    form.click("#kk-s-activities .kk-item .kk-add")
    form.fill("#f-activities-0-budget-0-quantity", "15")
    form.fill("#f-activities-0-budget-0-unit_cost", "๘๐")  # Thai digits, as a phone keyboard may give
    form.fill("#f-activities-0-budget-0-times", "2")
    assert form.locator(".kk-line-amount").first.inner_text() == "เป็นเงิน 2,400.00 บาท"
    assert form.locator(".kk-activity-total").first.inner_text() == "รวมกิจกรรมที่ 1: 2,400.00 บาท"
    assert form.locator(".kk-grand").inner_text() == "งบประมาณที่ขอรวม 2,400.00 บาท (สองพันสี่ร้อยบาทถ้วน)"
    form.click("#kk-s-activities .kk-item .kk-add")
    form.fill("#f-activities-0-budget-1-quantity", "1")
    form.fill("#f-activities-0-budget-1-unit_cost", "1,200.50")
    assert form.locator(".kk-grand").inner_text() == "งบประมาณที่ขอรวม 3,600.50 บาท (สามพันหกร้อยบาทห้าสิบสตางค์)"


def test_dates_are_chosen_in_the_buddhist_era_and_installments_must_reach_100(form):
    form.select_option("#f-period-start", "15")
    form.locator("#kk-s-period .kk-date").first.locator("select").nth(1).select_option("1")
    form.locator("#kk-s-period .kk-date").first.locator("select").nth(2).select_option("2570")
    assert form.evaluate("window.KhrongkanForm.proposal.period.start") == "2570-01-15"
    form.click("#kk-s-installments .kk-add")
    form.fill("#f-installments-0-percent", "60")
    assert form.locator(".kk-installments").inner_text() == "งวดเงินรวม 60% (ต้องได้ 100%)"
    problem = form.locator("#kk-s-installments .kk-problem[data-code=M005]")
    assert problem.count() == 0 or problem.is_visible()
    form.click("#kk-s-installments .kk-add")
    form.fill("#f-installments-1-percent", "40")
    assert form.locator(".kk-installments").inner_text() == "งวดเงินรวม 100% ✓"


def test_a_half_filled_proposal_survives_a_reload(form):
    form.fill("#f-title", "โครงการธนาคารปูม้าบ้านแหลมยาง")
    form.reload()
    form.wait_for_selector("#kk-form fieldset")
    assert form.input_value("#f-title") == "โครงการธนาคารปูม้าบ้านแหลมยาง"
    form.evaluate("localStorage.clear()")


def test_sharing_gives_a_txt_file_with_the_scaffold_comments_that_add_files(browser, form_site, tmp_path):
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    context.add_init_script("""
        navigator.canShare = () => true;
        navigator.share = async (data) => {
          const file = data.files[0];
          window.__shared = { name: file.name, type: file.type, text: await file.text(), title: data.title };
        };
    """)
    page = context.new_page()
    page.goto(form_site["url"])
    page.wait_for_selector("#kk-form fieldset")
    good = (REPO_ROOT / "tests" / "form_cases" / "good-minimal.yaml").read_text(encoding="utf-8")
    values = json.loads(json.dumps(yaml.safe_load(good), default=str))  # dates as the text people type
    page.evaluate("(values) => window.KhrongkanForm.fill(values)", values)
    page.click("#kk-share")
    shared = page.evaluate("window.__shared")
    context.close()
    assert shared["name"].endswith(".txt") and shared["type"] == "text/plain"
    assert "# ชื่อโครงการ" in shared["text"] and "# งวดเงิน: ร้อยละรวมกันต้องได้ 100" in shared["text"]
    received = tmp_path / shared["name"]
    received.write_text(shared["text"], encoding="utf-8")
    from click.testing import CliRunner

    from generator.cli import main
    repo = tmp_path / "repo"
    _copy_reference(repo)
    result = CliRunner().invoke(main, ["add", str(received), "--slug", "form", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    filed = next((repo / "proposals").glob("*/*-form/proposal.yaml"))
    filed_name = filed.relative_to(repo).as_posix()
    assert [p for p in check_repository(repo).errors if p.file == filed_name] == []
    assert yaml.safe_load(filed.read_text(encoding="utf-8"))["title"] == yaml.safe_load(good)["title"]


def test_revising_my_own_file_keeps_its_comments(browser, form_site):
    own = (REPO_ROOT / "proposals").glob("*/*/proposal.yaml")
    text = next(own).read_text(encoding="utf-8")
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    page.goto(form_site["url"])
    page.wait_for_selector("#kk-form fieldset")
    page.evaluate("(text) => window.KhrongkanForm.openText(text, 'ของฉัน.yaml')", text)
    page.fill("#f-title", "ชื่อใหม่ของโครงการ")
    saved = page.evaluate("window.KhrongkanForm.proposalText()")
    page.evaluate("localStorage.clear()")
    context.close()
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert comments and all(comment in saved for comment in comments)
    assert yaml.safe_load(saved)["title"] == "ชื่อใหม่ของโครงการ"
    before, after = yaml.safe_load(text), yaml.safe_load(saved)
    before["title"] = after["title"]
    assert after == before, "only the changed value differs"


def test_the_form_opens_offline_once_loaded(browser, form_site):
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    page.goto(form_site["url"])
    page.wait_for_selector("#kk-form fieldset")
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_timeout(500)  # the worker copies what the page loaded
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#kk-form fieldset", timeout=10000)
    assert page.locator("#f-title").count() == 1
    context.close()


def test_nothing_is_wider_than_a_phone(form):
    form.click("#kk-s-activities .kk-add")
    form.click("#kk-s-activities .kk-item .kk-add")
    wide = form.evaluate("""() => Array.from(document.querySelectorAll('#kk-app *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => e.tagName + '.' + e.className)""")
    assert wide == []
    assert form.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
