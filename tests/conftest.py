"""Shared fixtures: the repository's own sample data, and small repositories written inline.

`mini_repo` writes a complete, valid repository (one district, a roster, one proposal) into
tmp_path; a test then changes one file to make exactly the problem it is about.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from generator.chromium import CHROMIUM, CHROMIUM_ARGS, launch  # noqa: F401 - CHROMIUM*, for the tests

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_OUTPUT = REPO_ROOT / "test-output"  # PNGs and screenshots for people to look at (git-ignored)

SETTINGS = """\
province: ชุมพร
institute: สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)
quorum:
  body: large
  rule: more_than_half
"""

AREAS = """\
province: ชุมพร
districts:
  - name: สวี
    subdistricts: [นาโพธิ์, สลุย, ปากแพรก, นาสัก, ด่านสวี]
  - name: ละแม
    subdistricts: [ละแม, ทุ่งหลวง, สวนแตง, ทุ่งคาวัด]
"""

ISSUES = """\
issues:
  - name: สวัสดิการชุมชน
  - name: บ้านมั่นคง
"""


def committee_yaml(large: int = 4, small: int = 2) -> str:
    lines = ["members:"]
    for i in range(1, large + 1):
        lines += [f"  - id: l{i:02d}", f"    name: นายกรรมการ ใหญ่{i}", "    bodies: [large]"]
    for i in range(1, small + 1):
        lines += [f"  - id: s{i:02d}", f"    name: นางกรรมการ เล็ก{i}", "    bodies: [small, secretariat]"]
    return "\n".join(lines) + "\n"


PROPOSAL = """\
title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์
kind: area
issue: สวัสดิการชุมชน
organization:
  name: กองทุนสวัสดิการชุมชนตำบลนาโพธิ์
  address: ตำบลนาโพธิ์ อำเภอสวี จังหวัดชุมพร
area:
  district: สวี
  subdistricts: [นาโพธิ์]
period:
  start: 2026-10-15
  end: 2027-03-31
rationale: |
  ย่อหน้าแรกของหลักการและเหตุผล

  ย่อหน้าที่สอง
objectives:
  - เพื่อเพิ่มสมาชิกกองทุน
targets:
  - description: สมาชิกใหม่
    quantity: 100
    unit: คน
activities:
  - name: ประชุมคณะทำงาน
    start: 2026-10-20
    end: 2026-10-20
    place: ศาลาหมู่บ้าน
    participants: 15
    budget:
      - item: ค่าอาหารกลางวัน
        quantity: 15
        unit: คน
        unit_cost: 80
        times: 1
        amount: 1200
      - item: ค่าอาหารว่าง
        quantity: 15
        unit: คน
        unit_cost: 30
        times: 2
  - name: เวทีสรุปบทเรียน
    start: 2027-03-01
    end: 2027-03-01
    budget:
      - item: ค่าเอกสาร
        quantity: 50
        unit: ชุด
        unit_cost: 20
installments:
  - percent: 60
    condition: เมื่อลงนามข้อตกลง
  - percent: 40
    condition: เมื่อส่งรายงานงวดที่ 1
indicators:
  - description: สมาชิกใหม่
    target: 100
    unit: คน
expected_results:
  - กองทุนมีสมาชิกเพิ่มขึ้น
responsible:
  - name: นายสมชาย ทดสอบ
    position: ประธาน
    phone: "089-000-0001"
  - name: นางสมศรี ทดสอบ
    position: เหรัญญิก
  - name: นางสาวสมใจ ทดสอบ
    position: เลขานุการ
coordinator: s01
submitted: 2026-10-01
"""

REPORT = """\
kind: progress
period:
  start: 2026-10-15
  end: 2026-11-15
reported: 2026-11-20
activities:
  - activity: 1
    status: done
    date: 2026-10-20
    participants: 14
    result: ประชุมแล้ว
indicators:
  - indicator: 1
    actual: 20
finance:
  received:
    - date: 2026-10-16
      source: สถาบันพัฒนาองค์กรชุมชน
      amount: 1800
      installment: 1
  spent:
    - date: 2026-10-20
      activity: 1
      item: ค่าอาหาร
      amount: 1200
reporter:
  name: นายสมชาย ทดสอบ
  position: ประธาน
"""

MEETING = """\
body: large
date: 2026-10-08
place: ศาลากลางจังหวัดชุมพร
attendees: [l01, l02, l03]
decisions:
  - proposal: 2570-001-naphoe-welfare
    decision: approved
    amount: 2000
"""

PROPOSAL_DIR = "proposals/2570/2570-001-naphoe-welfare"


class MiniRepo:
    """A small valid repository in a temporary folder, with helpers to change one file."""

    def __init__(self, root: Path):
        self.root = root
        self.files = {
            "khrongkan.yaml": SETTINGS,
            "reference/areas.yaml": AREAS,
            "reference/issues.yaml": ISSUES,
            "committee.yaml": committee_yaml(),
            f"{PROPOSAL_DIR}/proposal.yaml": PROPOSAL,
        }
        for name, text in self.files.items():
            self.write(name, text)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def replace(self, name: str, old: str, new: str) -> Path:
        """Change one piece of a file; fails loudly if the piece is not there."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def line_of(self, name: str, fragment: str) -> int:
        """1-based line of the first line containing fragment (to assert reported lines)."""
        for number, line in enumerate((self.root / name).read_text(encoding="utf-8").splitlines(), start=1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in {name}")

    def check(self):
        from generator.validate import check_repository

        return check_repository(self.root)


@pytest.fixture
def mini_repo(tmp_path) -> MiniRepo:
    return MiniRepo(tmp_path / "repo")


@pytest.fixture(scope="session")
def sample_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")


# Debian's Chromium for the browser tests (a downloaded browser build does not work here), started
# once per session and shared by every browser test module (generator/chromium.py).
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
