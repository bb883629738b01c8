"""Messages a villager understands: YAML mistakes in Thai at the line to fix, Thai field names,
placeholders that are not content, Thai-written dates and digits, and the command line's own
errors in Thai. Each case asserts the exact Thai text; a property test feeds many broken copies
of the sample proposals and reports and asserts every message is Thai, on an existing line,
with none of the parser's English.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROPOSAL_DIR, REPO_ROOT
from generator.cli import main
from generator.labels import describe, field_label, labels
from generator.load import read_yaml
from generator.placeholders import is_placeholder
from generator.problems import ProblemList
from generator.validate.schema import check_placeholders, check_shape
from generator.yaml_errors import display_column, excerpt
from problem_asserts import codes, describe as describe_problems, the_problem

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"


def run(*args, input: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def syntax_problem(mini_repo, old: str, new: str):
    """Break the proposal with one edit; the one Y001/Y002 it gives."""
    mini_repo.replace(PROPOSAL, old, new)
    result = mini_repo.check()
    assert len(result.problems) == 1, describe_problems(result.problems)
    return result.problems[0]


# --- YAML syntax, in Thai, at the line to fix -------------------------------------------------

def test_key_one_space_short(mini_repo):
    problem = syntax_problem(mini_repo, "  address: ตำบลนาโพธิ์", " address: ตำบลนาโพธิ์")
    assert (problem.code, problem.line, problem.column) == ("Y001", mini_repo.line_of(PROPOSAL, " address:"), 2)
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: บรรทัดนี้ย่อหน้า 1 ช่อง ไม่ตรงกับบรรทัด 5 "
                                     "ที่อยู่ระดับเดียวกัน ให้ย่อหน้า 2 ช่องเท่ากัน")
    assert problem.message("en") == ("YAML syntax error: this line is indented 1 spaces, unlike line 5 "
                                     "at the same level: use 2")


def test_indent_removed_before_a_key_under_a_mapping_points_at_that_key(mini_repo):
    # `district` loses its indentation: PyYAML complains about the next line and says to quote it.
    problem = syntax_problem(mini_repo, "area:\n  district: สวี\n  subdistricts: [นาโพธิ์]",
                             "area:\ndistrict: สวี\n  subdistricts: [นาโพธิ์]")
    assert (problem.line, problem.column) == (mini_repo.line_of(PROPOSAL, "district: สวี"), 1)
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: บรรทัดนี้ย่อหน้าน้อยไป ต้องย่อหน้า 2 ช่อง "
                                     "ให้อยู่ใต้หัวข้อ area (บรรทัด 7) เหมือนบรรทัด 9")


def test_indent_removed_before_a_key_between_its_siblings(mini_repo):
    # `subdistricts` loses its indentation; PyYAML complains at `detail`, two lines below.
    problem = syntax_problem(mini_repo, "  subdistricts: [นาโพธิ์]\n",
                             "subdistricts:\n    - นาโพธิ์\n  detail: หมู่ 1-5\n")
    assert problem.line == mini_repo.line_of(PROPOSAL, "subdistricts:")
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: บรรทัดนี้ย่อหน้าน้อยไป ต้องย่อหน้า 2 ช่องเท่ากับบรรทัด 8 "
                                     "และบรรทัด 11")


def test_key_of_a_list_item_indented_like_its_dash(mini_repo):
    problem = syntax_problem(mini_repo, "    position: เหรัญญิก", "  position: เหรัญญิก")
    assert problem.line == mini_repo.line_of(PROPOSAL, "  position: เหรัญญิก")
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: บรรทัดนี้ต้องย่อหน้า 4 ช่อง ให้ตรงกับหัวข้อ name "
                                     "ของรายการในบรรทัด 64 (ย่อหน้าเท่าเครื่องหมาย - ไม่ได้)")


@pytest.mark.parametrize("old, new, fragment", [
    ("kind: area", "kind area", "kind area"),  # followed by a key: PyYAML blames the next line
    ("  address: ตำบลนาโพธิ์ อำเภอสวี จังหวัดชุมพร", "  address ตำบลนาโพธิ์ อำเภอสวี จังหวัดชุมพร", "  address ตำบล"),
])
def test_missing_colon(mini_repo, old, new, fragment):
    problem = syntax_problem(mini_repo, old, new)
    assert problem.line == mini_repo.line_of(PROPOSAL, fragment)
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: บรรทัดนี้ขาดเครื่องหมาย : หลังชื่อหัวข้อ ให้เขียนเป็น "
                                     "ชื่อหัวข้อ: ค่า (ถ้าเป็นข้อความต่อจากบรรทัดก่อน ให้ย่อหน้าเข้าไปมากกว่าชื่อหัวข้อ)")


def test_dash_out_of_place(mini_repo):
    problem = syntax_problem(mini_repo, "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์\n",
                             "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์\n- ทดลอง\n")
    assert problem.line == 2
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: มีเครื่องหมาย - ในที่ที่ไม่ควรมี หัวข้อ title (บรรทัด 1) "
                                     "มีค่าอยู่แล้วจึงมีรายการต่อไม่ได้ ถ้าต้องการรายการ ให้ลบค่าหลัง : "
                                     "แล้วย่อหน้ารายการเข้าไป")


def test_list_item_one_space_short(mini_repo):
    problem = syntax_problem(mini_repo, "  - percent: 40", " - percent: 40")
    assert problem.line == mini_repo.line_of(PROPOSAL, " - percent: 40")
    assert problem.message("th").startswith("อ่าน YAML ไม่ได้: รายการ (-) นี้ย่อหน้า 1 ช่อง ไม่ตรงกับบรรทัด")


def test_unclosed_quote_points_at_the_opening_quote(mini_repo):
    problem = syntax_problem(mini_repo, 'phone: "089-000-0001"', 'phone: "089-000-0001')
    assert (problem.line, problem.column) == (mini_repo.line_of(PROPOSAL, 'phone: "089'), 12)
    assert problem.message("th") == ('อ่าน YAML ไม่ได้: เปิดเครื่องหมายคำพูด " ที่นี่แต่ไม่ได้ปิด '
                                     'ให้ใส่ " ปิดท้ายข้อความในบรรทัดเดียวกัน')


def test_tab_after_a_colon(mini_repo):
    problem = syntax_problem(mini_repo, "kind: area", "kind:\tarea")
    assert (problem.line, problem.column) == (2, 6)
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: มีแท็บ (Tab) ในบรรทัดนี้ ซึ่ง YAML ไม่รับ "
                                     "ให้ลบแล้วเว้นวรรคด้วยช่องว่าง (space) แทน")


def test_syntax_error_shows_the_line_and_a_caret_under_the_column(mini_repo):
    mini_repo.replace(PROPOSAL, "  address: ตำบลนาโพธิ์", " address: ตำบลนาโพธิ์")
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{PROPOSAL}:6:2: Y001 อ่าน YAML ไม่ได้: บรรทัดนี้ย่อหน้า 1 ช่อง ไม่ตรงกับบรรทัด 5 "
                        "ที่อยู่ระดับเดียวกัน ให้ย่อหน้า 2 ช่องเท่ากัน")
    assert lines[1] == "    6 |  address: ตำบลนาโพธิ์ อำเภอสวี จังหวัดชุมพร"
    assert lines[2] == "      |  ^"


def test_caret_counts_screen_cells_not_thai_marks():
    # น้ำ: น + ้ (tone mark, no cell) + ำ (a spacing vowel): two cells before the caret.
    assert display_column("น้ำ: x", 4) == 2
    assert excerpt(3, "น้ำ: x", 4) == ["    3 | น้ำ: x", "      |   ^"]


# --- missing sections and field names ----------------------------------------------------------

def test_missing_section_is_named_in_thai_where_it_belongs(mini_repo):
    mini_repo.replace(PROPOSAL, "objectives:\n  - เพื่อเพิ่มสมาชิกกองทุน\n", "")
    result = mini_repo.check()
    problem = the_problem(result, "S002", PROPOSAL, mini_repo.line_of(PROPOSAL, "targets:"), column=1)
    assert problem.message("th") == "ขาดหัวข้อ วัตถุประสงค์ (objectives) — เพิ่มไว้ต่อจาก หลักการและเหตุผล (rationale)"
    assert codes(result) == ["S002"]


def test_missing_section_after_the_last_one_present(mini_repo):
    mini_repo.replace(PROPOSAL, "coordinator: s01\nsubmitted: 2026-10-01\n", "")
    mini_repo.replace(PROPOSAL, "responsible:", "responsibles:")
    result = mini_repo.check()
    problem = the_problem(result, "S002", PROPOSAL, mini_repo.line_of(PROPOSAL, "responsibles:"))
    assert problem.message("th") == ("ขาดหัวข้อ ผู้รับผิดชอบโครงการ (responsible) — เพิ่มไว้ต่อจาก "
                                     "ผลที่คาดว่าจะได้รับ (expected_results)")


def test_field_paths_in_thai_words():
    assert describe("proposal", ("activities", 0, "budget", 0, "unit_cost")) == "กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย"
    assert field_label("proposal", ("activities", 1, "budget", 2, "unit_cost")) == \
        "กิจกรรมที่ 2 รายการที่ 3 ราคาต่อหน่วย (unit_cost)"
    assert field_label("report", ("finance", "spent", 0, "amount")) == "รายงานการเงิน รายจ่ายที่ 1 จำนวนเงิน (amount)"
    assert field_label("proposal", ("objectives", 1)) == "วัตถุประสงค์ข้อที่ 2 (objectives)"
    # A field without a label keeps its YAML path rather than a half-Thai name.
    assert field_label("settings", ("quorum", "body")) == "องค์ประชุม คณะที่ต้องครบองค์ประชุม (body)"
    assert field_label("unlabelled", ("quorum", "body")) == "quorum.body"


def test_message_with_a_thai_field_name(mini_repo):
    mini_repo.replace(PROPOSAL, "        unit_cost: 80", "        unit_cost: แปดสิบ")
    problem = the_problem(mini_repo.check(), "M002", PROPOSAL, mini_repo.line_of(PROPOSAL, "unit_cost: แปดสิบ"))
    assert problem.message("th") == ("กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost) ต้องเป็นจำนวนเงิน "
                                     "(ได้ 'แปดสิบ') — เขียนเป็นตัวเลข เช่น 12500 หรือ \"12,500\"")
    assert problem.message("en").startswith("'activities[1].budget[1].unit_cost' must be an amount of money")


# --- dates and Thai digits ---------------------------------------------------------------------

@pytest.mark.parametrize("written, iso", [
    ("15/01/2570", "2570-01-15"),
    ("15 ม.ค. 2570", "2570-01-15"),
    ("15 มกราคม 2570", "2570-01-15"),
    ("๑๕/๐๑/๒๕๗๐", "2570-01-15"),
    ("วันที่ 1 ก.พ. 2027", "2027-02-01"),
])
def test_thai_written_date_gets_its_iso_form_as_the_hint(mini_repo, written, iso):
    mini_repo.replace(PROPOSAL, "  end: 2027-03-31", f"  end: {written}")
    problem = the_problem(mini_repo.check(), "D001", PROPOSAL, mini_repo.line_of(PROPOSAL, "  end: "))
    assert problem.message("th") == (f"ระยะเวลาดำเนินการ วันสิ้นสุดโครงการ (end) ต้องเป็นวันที่แบบ ปปปป-ดด-วว "
                                     f"(ได้ '{written}') — เขียนเป็น {iso}")
    assert problem.message("en").endswith(f"hint: write {iso}")


def test_date_that_cannot_be_read_keeps_the_examples(mini_repo):
    mini_repo.replace(PROPOSAL, "  end: 2027-03-31", "  end: สิ้นเดือนมีนาคม")
    problem = the_problem(mini_repo.check(), "D001", PROPOSAL)
    assert problem.message("th").endswith("— เช่น 2026-12-01 หรือ 2569-12-01")


def test_thai_digits_are_accepted_in_dates_money_quantities_and_counts(mini_repo):
    mini_repo.replace(PROPOSAL, "  end: 2027-03-31", "  end: ๒๕๗๐-๐๓-๓๑")
    mini_repo.replace(PROPOSAL, "        unit_cost: 80", "        unit_cost: ๘๐")
    mini_repo.replace(PROPOSAL, "        quantity: 15\n        unit: คน\n        unit_cost: 30",
                      "        quantity: \"๑๕\"\n        unit: คน\n        unit_cost: 30")
    mini_repo.replace(PROPOSAL, "    participants: 15", "    participants: ๑๕")
    result = mini_repo.check()
    assert result.problems == [], describe_problems(result.problems)
    proposal = result.repository.proposals["2570-001-naphoe-welfare"]
    assert proposal.end == date(2027, 3, 31)
    assert proposal.activities[0].budget[0].unit_cost == Decimal(80)
    assert proposal.activities[0].budget[1].quantity == Decimal(15)
    assert proposal.activities[0].participants == 15


# --- placeholders ------------------------------------------------------------------------------

def test_placeholder_rule():
    assert all(is_placeholder(text) for text in ("เพื่อ...", "...", "นาย…", " ", "", "ข้อความ...\n"))
    assert not any(is_placeholder(value) for value in ("เพื่อเพิ่มสมาชิก", "...ต่อ", 80, None, "ก. ... ข."))


def test_every_scaffold_placeholder_follows_the_rule():
    """The scaffolds and the rule cannot drift: every `...` a scaffold leaves is one the rule sees."""
    for scaffold in sorted((REPO_ROOT / "generator" / "scaffolds").glob("*.yaml")):
        for line in scaffold.read_text(encoding="utf-8").splitlines():
            value = line.split(" #")[0].strip().removeprefix("- ").split(": ", 1)[-1].strip()
            if "..." in value and not line.lstrip().startswith("#"):
                assert is_placeholder(value), (scaffold.name, line)


def new_scaffold(mini_repo) -> Path:
    result = run("new", "proposal", "--repo", mini_repo.root, "--district", "สวี", "--subdistrict", "นาสัก",
                 "--issue", "บ้านมั่นคง", "--title", "โครงการบ้านมั่นคงตำบลนาสัก", "--fy", "2570")
    assert result.exit_code == 0, result.output
    return mini_repo.root / "proposals/2570/2570-002/proposal.yaml"


def test_untouched_scaffold_is_a_warning_in_a_draft(mini_repo):
    path = new_scaffold(mini_repo)
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    line = path.read_text(encoding="utf-8").splitlines().index("  - เพื่อ...") + 1
    assert (f"proposals/2570/2570-002/proposal.yaml:{line}:5: S010 วัตถุประสงค์ข้อที่ 1 (objectives) "
            "ยังเป็นข้อความตัวอย่างจากแม่แบบ ('เพื่อ...') — เขียนเนื้อหาจริงแทนก่อนเสนอโครงการ "
            "(เมื่อใส่ submitted จะนับเป็นข้อผิดพลาด)") in result.stdout.splitlines()


def test_untouched_scaffold_with_submitted_fails_check(mini_repo):
    path = new_scaffold(mini_repo)
    path.write_text(path.read_text(encoding="utf-8") + "submitted: 2569-11-01\n", encoding="utf-8")
    result = run("check", "--repo", mini_repo.root)
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if "2570-002" in line]
    assert len(problems) == 6 and all(" S011 " in line for line in problems), problems
    line = path.read_text(encoding="utf-8").splitlines().index("  - name: นาย...") + 1
    assert (f"proposals/2570/2570-002/proposal.yaml:{line}:11: S011 ผู้รับผิดชอบคนที่ 1 ชื่อ-สกุล (name) "
            "ยังเป็นข้อความตัวอย่างจากแม่แบบ ('นาย...') — เขียนเนื้อหาจริงแทน หรือลบรายการที่ไม่ใช้ "
            "แบบเสนอที่ยื่นแล้ว (มี submitted) และรายงานต้องไม่มีข้อความตัวอย่าง") in problems


def test_placeholder_in_a_report_is_an_error(mini_repo):
    from conftest import MEETING, REPORT

    mini_repo.write("meetings/2570/01.yaml", MEETING)
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT.replace("result: ประชุมแล้ว", "result: ..."))
    result = mini_repo.check()
    problem = the_problem(result, "S011", f"{PROPOSAL_DIR}/report-1.yaml", 11, column=13)
    assert problem.message("th").startswith("กิจกรรมลำดับที่ 1 ผลการดำเนินงาน (result) "
                                            "ยังเป็นข้อความตัวอย่างจากแม่แบบ ('...')")
    assert codes(result) == ["S011"]


# --- the command line's own errors -------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["new", "report"], "ข้อผิดพลาด: ขาดอาร์กิวเมนต์ 'PROJECT_ID'"),
    (["check", "--strct"], "ข้อผิดพลาด: ไม่มีตัวเลือก --strct — หมายถึง --strict หรือไม่?"),
    (["check", "--lang", "fr"], "ข้อผิดพลาด: ค่าของ '--lang' ไม่ถูกต้อง: 'fr' ไม่ใช่หนึ่งใน 'th', 'en'"),
    (["nosuchcommand"], "ข้อผิดพลาด: ไม่มีคำสั่ง 'nosuchcommand'"),
    (["init", "--province"], "ข้อผิดพลาด: ตัวเลือก --province ต้องมีค่าตามหลัง"),
])
def test_click_usage_errors_in_thai(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message
    assert "Error" not in result.stderr and "Usage:" not in result.stderr and "Try " not in result.stderr


def test_click_usage_errors_stay_english_with_lang_en():
    result = run("check", "--lang", "en", "--strct")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: No such option")


def test_aborted_prompt_in_thai(mini_repo):
    result = run("new", "proposal", "--repo", mini_repo.root, input="")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "ยกเลิกแล้ว"
    assert "Aborted" not in result.output


# --- property: any broken file, a Thai message on a real line ----------------------------------

SAMPLES = sorted((REPO_ROOT / "proposals").glob("*/*/*.yaml"))
# Words a Thai message may use in Latin letters: names of things a member sees or types.
LOANWORDS = {"YAML", "Tab", "space", "UTF", "true", "false", "area", "issue", "cash", "in_kind", "progress",
             "final", "done", "ongoing", "not_started", "cancelled", "alias", "khrongkan", "fingerprint"}
PARSER_ENGLISH = re.compile(r"\b(expected|found|while|parsing|mapping|scalar|block|token|stream|document|"
                            r"could not|but|simple key|indicator|flow)\b", re.IGNORECASE)
EDIT_CHARACTERS = [" ", "  ", ":", "-", "- ", '"', "'", "\t", "\n", "#", ": "]


@st.composite
def broken_samples(draw):
    path = draw(st.sampled_from(SAMPLES))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, max(len(text) - 1, 0)))
        if draw(st.booleans()):
            if text and text[position] in " :-\"'\n":
                text = text[:position] + text[position + 1:]
        else:
            text = text[:position] + draw(st.sampled_from(EDIT_CHARACTERS)) + text[position:]
    return path, text


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(broken_samples())
def test_every_message_about_a_broken_file_is_thai_on_a_real_line(tmp_path_factory, sample):
    source, text = sample
    kind = "report" if source.name.startswith("report") else "proposal"
    path = tmp_path_factory.mktemp("broken") / source.name
    path.write_text(text, encoding="utf-8")
    problems = ProblemList()
    document = read_yaml(path, source.name, problems)
    if document is not None:
        check_shape(document, kind, problems)
        check_placeholders(document, problems)
    line_count = len(re.split(r"\r\n|\r|\n", text))
    written_words = set(re.findall(r"[A-Za-z_]+", text))
    keys = {part for key in labels(kind) for part in re.findall(r"[A-Za-z_]+", key)}
    for problem in problems:
        message = problem.message("th")
        where = f"{problem.code} {problem.line}:{problem.column} {message!r}\n{text}"
        assert re.search(r"[ก-๙]", message), where
        assert not PARSER_ENGLISH.search(re.sub(r"'[^']*'|\"[^\"]*\"", "", message)), where
        for word in re.findall(r"[A-Za-z_]{2,}", message):
            assert word in LOANWORDS or word in keys or word in written_words, (word, where)
        assert 1 <= problem.line <= line_count, where
        for line in problem.excerpt():
            assert not PARSER_ENGLISH.search(line.split("|", 1)[0]), where


def test_too_complex_file_is_explained_in_thai(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    problems = ProblemList()
    assert read_yaml(path, "deep.yaml", problems) is None
    assert [p.message("th") for p in problems] == ["ไฟล์ใหญ่หรือซับซ้อนเกินกำหนด (ซ้อนกันเกิน 40 ชั้น)"]
    assert problems[0].message("en") == "the file is too large or too complex (nesting > 40)"


def test_blank_text_is_a_warning_in_a_draft_and_an_error_once_submitted(mini_repo):
    mini_repo.replace(PROPOSAL, "submitted: 2026-10-01\n", "")
    mini_repo.replace(PROPOSAL, "    place: ศาลาหมู่บ้าน", '    place: ""')
    result = mini_repo.check()
    problem = the_problem(result, "S010", PROPOSAL, mini_repo.line_of(PROPOSAL, 'place: ""'))
    assert problem.message("th") == ("กิจกรรมที่ 1 สถานที่ (place) ยังว่างอยู่ — เขียนเนื้อหาจริงแทนก่อนเสนอโครงการ "
                                     "(เมื่อใส่ submitted จะนับเป็นข้อผิดพลาด)")
    assert problem.message("en").startswith("'activities[1].place' is still empty")
    assert result.errors == [] and "2570-001-naphoe-welfare" in result.repository.proposals
    mini_repo.replace(PROPOSAL, "coordinator: s01\n", "coordinator: s01\nsubmitted: 2026-10-01\n")
    the_problem(mini_repo.check(), "S005", PROPOSAL, mini_repo.line_of(PROPOSAL, 'place: ""'),
                "กิจกรรมที่ 1 สถานที่ (place) ต้องไม่ว่าง")
