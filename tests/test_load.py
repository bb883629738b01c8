"""Reading YAML: every way a hand-written file can be unreadable becomes a located problem.

Each test writes one broken file into the small valid repository (`mini_repo`) and asserts
the code, the file, the line and a piece of the Thai message; the rest of the repository
must not produce other problems.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PROPOSAL_DIR
from generator.load import Document, find_root, read_yaml
from generator.problems import ProblemList
from problem_asserts import codes, the_problem

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"


def load(tmp_path: Path, data: str | bytes) -> tuple[Document | None, ProblemList]:
    path = tmp_path / "x.yaml"
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    problems = ProblemList()
    return read_yaml(path, "x.yaml", problems), problems


# --- syntax and encoding ---------------------------------------------------------------------

def test_yaml_syntax_error_names_the_line_in_thai(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind: area: issue")
    result = mini_repo.check()
    problem = the_problem(result, "Y001", PROPOSAL, mini_repo.line_of(PROPOSAL, "kind: area: issue"), column=11)
    assert problem.message("th") == ("อ่าน YAML ไม่ได้: ค่าในบรรทัดนี้มีเครื่องหมาย : อยู่ข้างใน ถ้าเป็นข้อความ "
                                     "ให้ใส่เครื่องหมายคำพูดครอบ เช่น หัวข้อ: \"ข้อความ: ต่อ\"")
    assert problem.message("en") == "YAML syntax error: the value contains ':': put it in quotes"
    assert codes(result) == ["Y001"]


def test_unclosed_quote_is_a_syntax_error(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", 'kind: "area')
    result = mini_repo.check()
    assert codes(result) == ["Y001"]
    assert result.problems[0].file == PROPOSAL and result.problems[0].line > 0


def test_tab_indentation_is_refused_on_its_line(mini_repo):
    mini_repo.replace(PROPOSAL, "  address:", "\taddress:")
    result = mini_repo.check()
    the_problem(result, "Y002", PROPOSAL, mini_repo.line_of(PROPOSAL, "\taddress:"), "แท็บ (Tab)", column=1)
    assert codes(result) == ["Y002"]


def test_latin1_byte_is_reported_with_its_line_and_column(mini_repo):
    path = mini_repo.root / PROPOSAL
    path.write_bytes(path.read_bytes().replace(b"kind: area", b"kind: caf\xe9"))
    result = mini_repo.check()
    the_problem(result, "Y003", PROPOSAL, mini_repo_line(path, b"kind:"), "ไม่ได้บันทึกเป็น UTF-8 (ไบต์ 0xE9)",
                column=10)
    assert codes(result) == ["Y003"]


def mini_repo_line(path: Path, fragment: bytes) -> int:
    return next(i for i, line in enumerate(path.read_bytes().split(b"\n"), start=1) if fragment in line)


def test_truncated_thai_character_is_invalid_utf8(mini_repo):
    path = mini_repo.root / PROPOSAL
    # "สวี" cut after its first byte pair: the kind of damage a bad copy leaves.
    path.write_bytes(path.read_bytes().replace("district: สวี".encode(), b"district: \xe0\xb8"))
    result = mini_repo.check()
    the_problem(result, "Y003", PROPOSAL, mini_repo_line(path, b"district:"), "UTF-8")


def test_utf16_file_is_not_utf8(mini_repo):
    path = mini_repo.root / PROPOSAL
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    result = mini_repo.check()
    the_problem(result, "Y003", PROPOSAL, 1, "0xFF")


@pytest.mark.parametrize("text", ["", "\n\n   \n", "# ความเห็นอย่างเดียว\n# only comments\n"])
def test_empty_file(mini_repo, text):
    mini_repo.write(PROPOSAL, text)
    result = mini_repo.check()
    the_problem(result, "Y004", PROPOSAL, 1, "ไฟล์ว่างเปล่า")
    assert codes(result) == ["Y004"]


@pytest.mark.parametrize("text", ["- รายการ\n- สอง\n", "ข้อความอย่างเดียว\n", "42\n"])
def test_top_level_must_be_a_mapping(mini_repo, text):
    mini_repo.write(PROPOSAL, text)
    result = mini_repo.check()
    the_problem(result, "Y009", PROPOSAL, 1, "ชุดคีย์: ค่า")


def test_second_yaml_document_is_refused(mini_repo):
    mini_repo.write(PROPOSAL, (mini_repo.root / PROPOSAL).read_text(encoding="utf-8") + "---\ntitle: อื่น\n")
    result = mini_repo.check()
    the_problem(result, "Y001", PROPOSAL, mini_repo.line_of(PROPOSAL, "---"))


# --- keys ------------------------------------------------------------------------------------

def test_duplicate_key_is_refused_not_last_wins(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind: area\nkind: issue")
    result = mini_repo.check()
    first = mini_repo.line_of(PROPOSAL, "kind: area")
    the_problem(result, "Y005", PROPOSAL, first + 1, f"คีย์ 'kind' ซ้ำ (เขียนไว้แล้วที่บรรทัด {first})")
    # The file is not used at all: neither value silently wins.
    assert result.repository.proposals.get("2570-001-naphoe-welfare") is None or \
        result.repository.proposals["2570-001-naphoe-welfare"].has_errors


def test_duplicate_key_in_a_nested_mapping_and_in_another_quote_style(mini_repo):
    mini_repo.replace(PROPOSAL, "  district: สวี", "  district: สวี\n  'district': ละแม")
    result = mini_repo.check()
    the_problem(result, "Y005", PROPOSAL, mini_repo.line_of(PROPOSAL, "'district': ละแม"), "'district' ซ้ำ")


def test_duplicate_keys_in_one_file_are_all_reported(mini_repo):
    mini_repo.replace(PROPOSAL, "kind: area", "kind: area\nkind: issue\nkind: area")
    result = mini_repo.check()
    assert codes(result) == ["Y005", "Y005"]


def test_read_yaml_keeps_positions_and_raw_text(tmp_path):
    document, problems = load(tmp_path, "a: 1\nb:\n  - x\n  - 0234567\nc: '0812345678'\n")
    assert not problems
    assert document.pos(("b", 1)) == (4, 5)
    assert document.key_pos(("c",)) == (5, 1)
    assert document.raw[("b", 1)] == ("int", "0234567", None)
    assert document.data["b"][1] == 0o234567  # read as YAML 1.1 does; the schema check refuses it
    assert document.raw[("c",)][2] == "'"


def test_keys_are_taken_as_written(tmp_path):
    document, problems = load(tmp_path, "no: 1\nyes: 2\n1: 3\n")
    assert not problems
    assert list(document.data) == ["no", "yes", "1"]


def test_plain_decimals_are_decimal_not_float(tmp_path):
    document, _ = load(tmp_path, "amount: 10206.10\n")
    assert document.data["amount"] == Decimal("10206.10")


def test_dates_stay_text_at_load_time(tmp_path):
    document, problems = load(tmp_path, "d: 2027-02-30\ne: 2569-12-01\n")
    assert not problems
    assert document.data == {"d": "2027-02-30", "e": "2569-12-01"}


def test_bom_and_crlf_are_accepted(mini_repo):
    path = mini_repo.root / PROPOSAL
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = mini_repo.check()
    assert result.problems == []
    assert result.repository.proposals["2570-001-naphoe-welfare"].title.startswith("โครงการเสริมสร้าง")


def test_find_root_walks_up_to_khrongkan_yaml(mini_repo):
    assert find_root(mini_repo.root / PROPOSAL_DIR) == mini_repo.root.resolve()


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    problems = ProblemList()
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert read_yaml(folder, "folder.yaml", problems) is None
    assert [p.code for p in problems] == ["P010"]
