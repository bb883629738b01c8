"""`khrongkan doctor`: what this computer will use; exit 1 when PDF output would not work."""

from __future__ import annotations

import platform
import shutil

from click.testing import CliRunner

from generator import __version__, doctor
from generator.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_doctor_on_this_computer_finds_libreoffice_and_the_real_font(mini_repo):
    result = run("doctor", "--repo", mini_repo.root)
    assert result.exit_code == 0, result.output
    assert f"khrongkan รุ่น {__version__}" in result.output
    assert f"Python {platform.python_version()}" in result.output
    assert "✓ templates/proposal.docx: มาตรฐานจากแพ็กเกจ" in result.output
    assert "✓ พบ LibreOffice ที่" in result.output
    assert "✓ LibreOffice จะใช้ TH Sarabun New จริง" in result.output  # installed by scripts/dev.sh
    assert result.output.rstrip().endswith("พร้อมใช้งาน")


def test_doctor_names_an_override(mini_repo):
    mini_repo.write("site/writing.md", "# คู่มือของจังหวัด\n")
    result = run("doctor", "--repo", mini_repo.root, "--lang", "en")
    assert "! site/writing.md: repository override" in result.output
    assert "- site/writing.md" not in result.output


def test_without_libreoffice_doctor_exits_1_with_install_hints(mini_repo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice, no fc-match
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        monkeypatch.delenv(variable, raising=False)
    result = run("doctor", "--repo", mini_repo.root)
    assert result.exit_code == 1
    assert "✗ ไม่พบ LibreOffice: สร้างได้เฉพาะไฟล์ Word ยังสร้าง PDF ไม่ได้" in result.output
    assert "sudo apt-get install libreoffice-writer-nogui" in result.output
    assert "ติดตั้งบน Windows" in result.output and "ติดตั้งบน macOS" in result.output
    assert "สร้าง PDF ไม่ได้บนเครื่องนี้" in result.output
    assert "เครื่องนี้ไม่มี fontconfig" in result.output


def test_a_font_this_computer_lacks_is_named_with_its_stand_in(mini_repo):
    mini_repo.replace("khrongkan.yaml", "province: ชุมพร", "province: ชุมพร\nfont: TH Krub Nonexistent")
    section = doctor.font_section(doctor.Machine(root=mini_repo.root, font="TH Krub Nonexistent"))
    [warning, hint] = section.lines
    assert warning.status == doctor.WARN
    assert warning.th.startswith("ไม่มีฟอนต์ TH Krub Nonexistent ในเครื่องนี้ LibreOffice จะใช้ ")
    assert "TH Sarabun New" in hint.th
    result = run("doctor", "--repo", mini_repo.root)
    assert result.exit_code == 0  # a stand-in font is a warning: PDF output still works
    assert "[ฟอนต์ TH Krub Nonexistent]" in result.output


def test_the_tlwg_look_alike_is_called_a_stand_in(monkeypatch):
    monkeypatch.setattr(doctor, "_fontconfig_match", lambda fc_match, font: ("Laksaman", "/usr/share/fonts/Laksaman.otf"))
    machine = doctor.Machine(font="TH Sarabun New", which=lambda name: "/usr/bin/fc-match" if name == "fc-match" else None)
    section = doctor.font_section(machine)
    assert "LibreOffice จะใช้ Laksaman แทน (ฟอนต์ไทยของ fonts-thai-tlwg ที่ใช้แทนได้" in section.lines[0].th


def test_chromium_is_optional():
    section = doctor.chromium_section(doctor.Machine(which=lambda name: None))
    assert [line.status for line in section.lines] == [doctor.INFO]
    found = doctor.chromium_section(doctor.Machine(which=shutil.which))
    assert found.lines[0].status == doctor.OK


def test_without_fontconfig_doctor_says_how_to_install_the_font_on_windows():
    section = doctor.font_section(doctor.Machine(font="TH Sarabun New", which=lambda name: None))
    texts = [line.th for line in section.lines]
    assert any("ติดตั้งฟอนต์ TH Sarabun New บน Windows" in text and "khrongkan fonts install" in text for text in texts)
