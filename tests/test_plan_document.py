"""`khrongkan plan`: the provincial plan document, and its figures reconciled with the roll-up."""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from generator import summaries
from generator.cli import main
from generator.plan_rollup import coverage, default_year
from generator.summaries import Figures
from generator.thai import format_money
from generator.validate import check_repository

from conftest import MEETING
from test_plans import MEETING1, PROPOSAL, PROVINCE, PROVINCE_YAML, TAMBON, TAMBON_YAML


def _docx_text(path) -> str:
    document = WordDocument(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def plan_repo(mini_repo):
    """The small repository whose one approved proposal serves both strategies (S1 and S2)."""
    mini_repo.write(MEETING1, MEETING)
    mini_repo.write(PROVINCE, PROVINCE_YAML)
    mini_repo.write(TAMBON, TAMBON_YAML)
    mini_repo.write("plans/2570-2572/tambon/ละแม/ละแม.yaml", TAMBON_YAML.replace("district: สวี", "district: ละแม")
                    .replace("subdistrict: นาโพธิ์", "subdistrict: ละแม").replace("[S1]", "[S2]"))
    mini_repo.replace(PROPOSAL, "issue: สวัสดิการชุมชน\n", "issue: สวัสดิการชุมชน\nplan: [S1, S2]\n")
    return mini_repo


def _reconciles(repository, fy) -> None:
    data = coverage(repository, fy)
    rolled = summaries.rollup(repository, fy)
    rows = {row.id: row.figures for row in rolled.projects}
    assert rolled.total == data.rollup.total
    for item in data.strategies:
        serving = [pid for pid in rows if item.strategy.id in repository.proposals[pid].plan]
        assert [row.id for row in item.projects] == serving
        assert item.figures == sum((rows[pid] for pid in serving), Figures())
    # Counted once, the projects serving the plan and those serving none make the province's total.
    assert data.serving + data.unserved_figures == rolled.total


def test_a_proposal_serving_two_strategies_counts_in_each(plan_repo):
    repository = plan_repo.check().repository
    data = coverage(repository, 2570)
    s1, s2 = data.strategies
    assert s1.figures.requested == s2.figures.requested == data.rollup.total.requested == 3100
    assert s1.figures.approved == s2.figures.approved == 2000
    assert data.serving.projects == 1 and data.unserved == []
    assert [t.subdistrict for t, _ in s1.tambons] == ["นาโพธิ์"] and [t.subdistrict for t, _ in s2.tambons] == ["ละแม"]
    # นาโพธิ์ has the proposal; ละแม has a plan but no proposal; the other seven have no plan.
    assert [t.subdistrict for t in data.tambons_without_proposal] == ["ละแม"]
    assert data.without_plan == [("สวี", ["สลุย", "ปากแพรก", "นาสัก", "ด่านสวี"]),
                                 ("ละแม", ["ทุ่งหลวง", "สวนแตง", "ทุ่งคาวัด"])]
    assert (data.count("plan_and_proposal"), data.count("plan_only"), data.count("neither")) == (1, 1, 7)
    _reconciles(repository, 2570)


def test_a_proposal_serving_no_strategy_is_counted_apart(plan_repo):
    plan_repo.replace(PROPOSAL, "plan: [S1, S2]\n", "")
    repository = plan_repo.check().repository
    data = coverage(repository, 2570)
    assert [row.id for row in data.unserved] == ["2570-001-naphoe-welfare"] and data.serving == Figures()
    _reconciles(repository, 2570)


def test_sample_plan_reconciles_with_the_rollup(sample_root):
    repository = check_repository(sample_root).repository
    assert default_year(repository) == 2570
    data = coverage(repository, 2570)
    assert len(data.strategies) == 9 and len(data.plan.tambons) == 15
    overlap = sum((s.figures.requested for s in data.strategies), 0)
    assert overlap > data.rollup.total.requested  # proposals serving two strategies count in both
    _reconciles(repository, 2570)


def test_plan_command_writes_the_document_with_reconciled_figures(sample_root, tmp_path):
    result = CliRunner().invoke(main, ["plan", "--fy", "2570", "--out", str(tmp_path), "--repo", str(sample_root)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "plan-2570-2572-fy2570.docx"
    assert path.is_file() and "plan-2570-2572-fy2570.docx" in result.output
    text = _docx_text(path)
    repository = check_repository(sample_root).repository
    data = coverage(repository, 2570)
    assert "แผนยุทธศาสตร์การพัฒนาชุมชนจังหวัดชุมพร ปีงบประมาณ 2570-2572" in text
    for item in data.strategies:
        assert item.strategy.title in text
        assert format_money(item.figures.requested) in text
    assert format_money(data.rollup.total.requested) == "887,415" and "887,415" in text
    assert "ที่ประชุมคณะยุทธศาสตร์ชุดใหญ่ ครั้งที่ 1/2570 เมื่อวันที่ 8 ตุลาคม 2569" in text
    assert "ตำบลที่ยังไม่มีแผนตำบล (55 ตำบล)" in text and "ถ้ำสิงห์" in text
    assert "หงษ์เจริญ" in text  # a tambon with a plan and no proposal
    assert "ยังไม่มีโครงการที่สนองยุทธศาสตร์นี้" in text  # S9: only a draft serves it


def test_plan_command_for_a_year_no_plan_covers(sample_root, tmp_path):
    result = CliRunner().invoke(main, ["plan", "--fy", "2580", "--out", str(tmp_path), "--repo", str(sample_root)])
    assert result.exit_code != 0
    assert "ไม่มีแผนยุทธศาสตร์ที่ครอบคลุมปีงบประมาณ 2580 (แผนที่มี: 2570-2572)" in result.output


def test_plan_command_without_any_plan(mini_repo, tmp_path):
    result = CliRunner().invoke(main, ["plan", "--out", str(tmp_path), "--repo", str(mini_repo.root)])
    assert result.exit_code != 0 and "ยังไม่มีแผนยุทธศาสตร์ใน plans/" in result.output


def test_the_template_check_covers_the_plan_document(sample_root):
    from generator.documents import DOCUMENT_KINDS
    from generator.templates_check import check_templates

    assert DOCUMENT_KINDS["plan"].template == "plan.docx"
    assert check_templates(sample_root) == []


def test_plan_as_pdf_in_thai_fonts(sample_root, tmp_path, test_output):
    result = CliRunner().invoke(main, ["plan", "--out", str(tmp_path), "--pdf", "--repo", str(sample_root)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "plan-2570-2572-fy2570.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 14
    assert "A4" in info or "595" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "ยุทธศาสตร์ S1" in text and "887,415" in text
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf), str(test_output / "plan")], check=True)
    assert (test_output / "plan-01.png").stat().st_size > 10_000
