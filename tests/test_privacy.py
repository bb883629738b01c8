"""No private number published: phone numbers, national IDs and bank accounts written into free
text are masked on the site (pages, search index, download copies) in every common form, figures
of the budget never are, and `check` warns at the number's own line and column (W001)."""

from __future__ import annotations

import html
import json
import re
import zipfile

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator import lunr_index, pages, thai
from generator.privacy import BANK, HIDDEN_TH, NATIONAL_ID, PHONE, Privacy, find, normalize
from generator.validate import check_repository

from conftest import MEETING, PROPOSAL_DIR, REPO_ROOT, REPORT
from problem_asserts import the_problem

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"

MASKED = {
    "๐๘๙-๓๒๑-๗๖๕๔": PHONE, "08-9321-7655": PHONE, "089.321.7657": PHONE, "(089) 321-7656": PHONE,
    "+66 89 321 7654": PHONE, "0 2123 4567": PHONE, "089\u2013321\u20137658": PHONE,
    "089\u2011321\u20117659": PHONE, "０８９－３２１－７６５４": PHONE, "0893217654": PHONE, "089 321 7654": PHONE,
    "02-123-4567": PHONE, "077 123 456": PHONE, "+66 2 123 4567": PHONE,
    "1-2345-67890-12-3": NATIONAL_ID, "1 2345 67890 12 3": NATIONAL_ID, "1234567890123": NATIONAL_ID,
    "๓-๑๐๐๖-๐๐๑๒๓-๔๕-๖": NATIONAL_ID,
    "123-4-56789-0": BANK, "123-456789-0": BANK, "987-6-543210-9": BANK,
}
BANK_BY_WORD = ["บัญชี 9876543210", "เลขที่บัญชี 987 654 3210", "โอนเข้า 98765432101", "ธนาคารออมสิน 020-123-456-789",
                "บช. 9876543210"]
LEFT_ALONE = ["12,500", "125000.50", "2569-12-01", "15/01/2570", "2570-004", "2570-004-lamae-housing",
              "ปี 2553-2558", "3,600,000 บาท", "08.30-16.30 น.", "2,140 คน", "1,234,567.89", "2569-12-01 - 2570-01-15",
              "ร้อยละ 35", "หมู่ที่ 3 ตำบลท่าแซะ 86140", "45/2", "โอนเงินงวดที่ 1 จำนวน 15,360 บาท",
              "๑๒,๕๐๐ บาท", "ปีงบประมาณ 2570 2571 2572"]


@pytest.mark.parametrize("number", list(MASKED))
def test_each_form_is_found_and_masked(number):
    sentence = f"ติดต่อคุณสมชายที่ {number} ได้ทุกวัน"
    assert [found.kind for found in find(sentence)] == [MASKED[number]]
    assert Privacy().redact(sentence) == f"ติดต่อคุณสมชายที่ {HIDDEN_TH} ได้ทุกวัน"


@pytest.mark.parametrize("text", BANK_BY_WORD)
def test_an_account_without_a_bank_grouping_is_masked_after_a_banking_word(text):
    assert [found.kind for found in find(text)] == [BANK]
    assert not re.search(r"\d{3}", Privacy().redact(text))


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_figures_dates_and_ids_are_left_alone(text):
    assert list(find(text)) == []
    assert Privacy().redact(text) == text


def test_publish_allows_one_kind_and_masks_the_others():
    text = "โทร 089-321-7654 บัตร 1-2345-67890-12-3 บัญชี 123-4-56789-0"
    assert Privacy(phone=True).redact(text) == f"โทร 089-321-7654 บัตร {HIDDEN_TH} บัญชี {HIDDEN_TH}"
    assert Privacy(national_id=True, bank=True).redact(text) == \
        f"โทร {HIDDEN_TH} บัตร 1-2345-67890-12-3 บัญชี 123-4-56789-0"
    assert Privacy(True, True, True).redact(text) == text


def test_two_numbers_side_by_side_are_both_masked():
    assert Privacy().redact("โทร 0893217654 0812345678, 2569-12-01 089-321-7654") == \
        f"โทร {HIDDEN_TH} {HIDDEN_TH}, 2569-12-01 {HIDDEN_TH}"


# --- generated numbers ---------------------------------------------------------------------------

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SEPARATORS = ["", " ", "-", "\u2013", "\u2011", ".", "\u00a0", " - "]


def _digits(count: int):
    return st.text(alphabet="0123456789", min_size=count, max_size=count)


@st.composite
def personal_numbers(draw):
    """A (kind, text) personal number in one of the common forms, digits in any script."""
    form = draw(st.sampled_from(["mobile", "landline", "plus66", "plus66_landline", "national_id",
                                 "bank_grouping", "bank_word"]))
    sep = draw(st.sampled_from(SEPARATORS))
    if form == "mobile":
        digits = "0" + draw(st.sampled_from("689")) + draw(_digits(8))
        grouping = draw(st.sampled_from([(3, 3, 4), (2, 4, 4), (10,), (3, 7), (4, 3, 3)]))
        text = _group(digits, grouping, sep)
        if draw(st.booleans()) and grouping[0] == 3 and sep.strip() in ("", "-"):
            text = f"({digits[:3]}) {_group(digits[3:], grouping[1:], '-')}"
        kind = PHONE
    elif form == "landline":
        digits = "0" + draw(st.sampled_from("234567")) + draw(_digits(7))
        text = _group(digits, draw(st.sampled_from([(2, 3, 4), (1, 4, 4), (9,), (3, 3, 3)])), sep)
        kind = PHONE
    elif form in ("plus66", "plus66_landline"):
        rest = (draw(st.sampled_from("689")) + draw(_digits(8)) if form == "plus66"
                else draw(st.sampled_from("234567")) + draw(_digits(7)))
        text = "+66" + (sep or " ") + _group(rest, (2, 3, 4) if form == "plus66" else (1, 3, 4), sep or " ")
        kind = PHONE
    elif form == "national_id":
        digits = draw(st.sampled_from("12345678")) + draw(_digits(12))
        text = _group(digits, draw(st.sampled_from([(1, 4, 5, 2, 1), (13,), (1, 12), (4, 4, 5)])), sep)
        kind = NATIONAL_ID
    elif form == "bank_grouping":
        length = draw(st.sampled_from([10, 11, 12]))
        digits = draw(_digits(length))
        grouping = {10: [(3, 1, 5, 1), (3, 6, 1)], 11: [(3, 1, 6, 1)], 12: [(3, 1, 7, 1), (3, 8, 1)]}[length]
        text = _group(digits, draw(st.sampled_from(grouping)), "-" if sep in ("", " - ") else sep)
        kind = BANK
    else:
        digits = draw(_digits(draw(st.sampled_from([10, 11, 12]))))
        word = draw(st.sampled_from(["เลขที่บัญชี", "บัญชี", "โอนเข้า", "ธนาคารกรุงไทย", "บช."]))
        text = f"{word} " + _group(digits, draw(st.sampled_from([(len(digits),), (3, 3, len(digits) - 6)])), sep)
        kind = BANK
    script = draw(st.sampled_from(["arabic", "thai", "full"]))
    if script == "thai":
        text = text.translate(THAI_DIGITS)
    elif script == "full":
        text = text.translate(FULL_WIDTH)
    return kind, text


def _group(digits: str, sizes, sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at:at + size])
        at += size
    return sep.join(parts)


SENTENCES = ["ติดต่อประธานกองทุนได้ที่ {} ในวันทำการ", "ผู้ประสานงาน {} ตำบลท่าแซะ", "{}",
             "โครงการ 2570-004 งบ 12,500 บาท วันที่ 2569-12-01 ติดต่อ {} เวลา 08.30-16.30 น.",
             "รายละเอียดเพิ่มเติม: {}, หรือที่ศาลาหมู่ที่ 3"]


def _digits_of(text: str) -> str:
    return re.sub(r"\D", "", normalize(text))


def _survives(number: str, published: str) -> bool:
    """Whether the number's digits can still be read in the published text: as written, or with
    only separators (spaces, dashes, dots, parentheses) between its digits."""
    squeezed = re.sub(r"[\s\-.()+]", "", normalize(published))
    return number in published or _digits_of(number) in squeezed


@settings(max_examples=400, deadline=None, derandomize=True)
@given(personal_numbers(), st.sampled_from(SENTENCES))
def test_generated_numbers_never_survive_masking(number, sentence):
    kind, text = number
    written = sentence.format(text)
    masked = Privacy().redact(written)
    assert not _survives(text, masked), (written, masked)
    assert HIDDEN_TH in masked
    for figure in ("2570-004", "12,500", "2569-12-01", "08.30-16.30"):
        assert (figure in written) == (figure in masked)  # the figures around it are kept
    allowed = Privacy(phone=kind == PHONE, national_id=kind == NATIONAL_ID, bank=kind == BANK)
    assert allowed.redact(written) == written


# --- the sample's figures are never masked -------------------------------------------------------

def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "phone":  # the structured field, which the site never shows
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def test_no_value_of_any_sample_file_is_masked():
    files = sorted(REPO_ROOT.glob("proposals/*/*/*.yaml")) + sorted(REPO_ROOT.glob("meetings/*/*.yaml")) \
        + sorted(REPO_ROOT.glob("reference/*.yaml")) + [REPO_ROOT / "committee.yaml", REPO_ROOT / "khrongkan.yaml"]
    assert len(files) > 15
    for path in files:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert Privacy().redact(text) == text, (path, text)


def test_every_budget_figure_still_appears_on_the_proposal_pages(sample_root):
    result = check_repository(sample_root)
    rendered = pages.render_pages(result, sample_root)
    checked = 0
    for proposal in result.repository.proposals.values():
        page = html.unescape(rendered[f"proposals/{proposal.id}.md"])
        assert HIDDEN_TH not in page, proposal.id
        figures = {thai.format_money(proposal.requested)}
        for activity in proposal.activities:
            figures.add(thai.format_money(activity.total))
            figures.update(thai.format_money(line.amount) for line in activity.budget)
        for figure in figures:
            assert figure in page, (proposal.id, figure)
            checked += 1
    assert checked > 50


# --- check: W001 at the number's own line and column ---------------------------------------------

def _column_of(mini_repo, name: str, line: int, fragment: str) -> int:
    text = (mini_repo.root / name).read_text(encoding="utf-8").splitlines()[line - 1]
    return text.index(fragment) + 1


def test_check_warns_at_the_line_and_column_of_each_number(mini_repo):
    mini_repo.replace(PROPOSAL, "  ย่อหน้าที่สอง\n", "  ย่อหน้าที่สอง\n\n  ติดต่อ ๐๘๙-๓๒๑-๗๖๕๔ หรือ (089) 321-7656\n")
    mini_repo.replace(PROPOSAL, "  - เพื่อเพิ่มสมาชิกกองทุน", "  - 'เพื่อเพิ่มสมาชิก บัตร 1-2345-67890-12-3'")
    mini_repo.replace(PROPOSAL, "    place: ศาลาหมู่บ้าน", "    place: ศาลาหมู่บ้าน โทร +66 89 321 7654")
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml",
                    REPORT.replace("result: ประชุมแล้ว", "result: >\n      ประชุมแล้ว โอนเข้าบัญชี\n      123-4-56789-0"))
    result = mini_repo.check()
    found = [(p.file, p.line, p.column, p.params["kind_en"]) for p in result.problems if p.code == "W001"]
    block_line = mini_repo.line_of(PROPOSAL, "ติดต่อ ๐๘๙")
    objective = mini_repo.line_of(PROPOSAL, "บัตร 1-2345")
    place = mini_repo.line_of(PROPOSAL, "โทร +66")
    report = f"{PROPOSAL_DIR}/report-1.yaml"
    bank_line = mini_repo.line_of(report, "123-4-56789-0")
    assert found == sorted([
        (PROPOSAL, block_line, _column_of(mini_repo, PROPOSAL, block_line, "๐๘๙"), "a phone number"),
        (PROPOSAL, block_line, _column_of(mini_repo, PROPOSAL, block_line, "(089)"), "a phone number"),
        (PROPOSAL, objective, _column_of(mini_repo, PROPOSAL, objective, "1-2345"), "a national ID number"),
        (PROPOSAL, place, _column_of(mini_repo, PROPOSAL, place, "+66"), "a phone number"),
        (report, bank_line, _column_of(mini_repo, report, bank_line, "123-4"), "a bank account number"),
    ]), found
    problem = the_problem([p for p in result.problems if p.line == place], "W001", PROPOSAL, place,
                          "มีหมายเลขโทรศัพท์", fragment_en="'activities[0].place' has a phone number")
    assert "phone:" in problem.message("th") and "089" not in problem.message("th")
    assert not problem.is_error and "phone" not in {p.params.get("field") for p in result.problems}


def test_check_says_nothing_of_numbers_the_settings_publish(mini_repo):
    mini_repo.replace(PROPOSAL, "    place: ศาลาหมู่บ้าน", "    place: ศาลาหมู่บ้าน โทร 089-321-7654")
    mini_repo.replace("khrongkan.yaml", "province: ชุมพร", "province: ชุมพร\npublish:\n  phone: true")
    assert not [p for p in mini_repo.check().problems if p.code == "W001"]


# --- the whole site: pages, search index and download copies -------------------------------------

FIELDS = ["rationale", "objective", "area_detail", "activity_detail", "expected", "report_result", "meeting_note"]


# One example of many numbers: one site build. No shrinking: a failure names the number already.
@settings(max_examples=1, deadline=None, database=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(st.lists(personal_numbers(), min_size=len(FIELDS) * 6, max_size=len(FIELDS) * 6))
def test_no_generated_number_reaches_the_built_site(tmp_path_factory, numbers):
    from conftest import MiniRepo
    from generator.sitebuild import build_site

    repo = MiniRepo(tmp_path_factory.mktemp("site") / "repo")
    texts = [text for _kind, text in numbers]
    chunks = {field: texts[i::len(FIELDS)] for i, field in enumerate(FIELDS)}

    def sentences(field):
        return [SENTENCES[i % len(SENTENCES)].format(text) for i, text in enumerate(chunks[field])]

    def quoted(text):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string

    repo.replace(PROPOSAL, "  ย่อหน้าที่สอง\n", "  ย่อหน้าที่สอง\n" + "".join(f"\n  {s}\n" for s in sentences("rationale")))
    repo.replace(PROPOSAL, "  - เพื่อเพิ่มสมาชิกกองทุน\n",
                 "  - เพื่อเพิ่มสมาชิกกองทุน\n" + "".join(f"  - {quoted(s)}\n" for s in sentences("objective")))
    repo.replace(PROPOSAL, "  subdistricts: [นาโพธิ์]\n",
                 f"  subdistricts: [นาโพธิ์]\n  detail: {quoted(' '.join(sentences('area_detail')))}\n")
    repo.replace(PROPOSAL, "    place: ศาลาหมู่บ้าน\n",
                 f"    place: ศาลาหมู่บ้าน\n    detail: {quoted(' '.join(sentences('activity_detail')))}\n")
    repo.replace(PROPOSAL, "  - กองทุนมีสมาชิกเพิ่มขึ้น\n",
                 "  - กองทุนมีสมาชิกเพิ่มขึ้น\n" + "".join(f"  - {quoted(s)}\n" for s in sentences("expected")))
    repo.write(f"{PROPOSAL_DIR}/report-1.yaml",
               REPORT.replace("result: ประชุมแล้ว", f"result: {quoted(' '.join(sentences('report_result')))}"))
    repo.write("meetings/2570/01.yaml", MEETING + f"note: {quoted(' '.join(sentences('meeting_note')))}\n")
    result = check_repository(repo.root)
    assert not result.errors, [p.location() + " " + p.code for p in result.errors]
    warned = sum(p.code == "W001" for p in result.problems)
    assert warned >= len(texts)  # every number is warned about where it was written

    build_site(repo.root, result)
    site = repo.root / "build" / "site"
    published: dict[str, str] = {}
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            published[str(path)] = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
    published["search"] = " ".join(doc.get("text", "") + " " + doc.get("title", "")
                                   for doc in lunr_index.documents(site)).replace("\u200b", "")
    downloads = list(site.rglob("*.docx"))
    proposal_id = PROPOSAL_DIR.split("/")[-1]
    assert f"{proposal_id}.docx" in [path.name for path in downloads], "the site offers the proposal's Word copy"
    for path in downloads:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        published[str(path)] = html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)))
    proposal_page = next(text for name, text in published.items() if name.endswith(f"{proposal_id}/index.html"))
    assert proposal_page.count(HIDDEN_TH) >= len(chunks["rationale"])
    proposal_copy = next(text for name, text in published.items() if name.endswith(f"{proposal_id}.docx"))
    assert proposal_copy.count(HIDDEN_TH) >= len(chunks["rationale"])
    for _kind, text in numbers:
        for name, content in published.items():
            assert not _survives(text, content), (text, name)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙０１２３ -.()+\u2013\u00a0กขบัญชีโทร\n", max_size=40))
def test_the_digit_count_shortcut_never_hides_a_number(text):
    """find() skips text with fewer than nine digits: only text where it would find nothing."""
    from generator import privacy

    assert privacy.may_hold_number(text) == (len(_digits_of(text)) >= privacy.SHORTEST)
    if not privacy.may_hold_number(text):
        plain = normalize(text)
        assert not [found for run in privacy._RUN.finditer(plain) for found in privacy._in_run(plain, run)]
