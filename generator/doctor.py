"""`khrongkan doctor`: what this computer will use, and what is missing for Word and PDF output.

Each section is a function returning a `Section` of `Line`s in Thai and English; `SECTIONS`
lists them in the order shown, so a new check (another platform's fonts, say) is one function
more. A FAIL line means PDF output would not work: the command then exits 1.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__, fonts, resources

OK, WARN, FAIL, INFO = "ok", "warn", "fail", "info"
DEFAULT_FONT = "TH Sarabun New"
# Thai fonts of fonts-thai-tlwg (Debian, Ubuntu) drawn in place of the official ones: Laksaman is
# drawn like TH Sarabun New but its letters are not the same width.
STAND_INS = {"Laksaman", "Garuda", "Loma", "Norasi", "Kinnari", "Umpush", "Waree", "Sawasdee"}


@dataclass
class Line:
    status: str
    th: str
    en: str

    def text(self, lang: str) -> str:
        return self.th if lang == "th" else self.en


@dataclass
class Section:
    title_th: str
    title_en: str
    lines: list[Line] = field(default_factory=list)

    def add(self, status: str, th: str, en: str) -> "Section":
        self.lines.append(Line(status, th, en))
        return self

    def title(self, lang: str) -> str:
        return self.title_th if lang == "th" else self.title_en


@dataclass
class Machine:
    """What the sections look at; tests replace parts of it."""

    root: Path | None = None  # the proposals repository, when doctor runs inside one
    font: str = DEFAULT_FONT  # khrongkan.yaml `font`
    which: Callable[[str], str | None] = shutil.which


def diagnose(machine: Machine) -> list[Section]:
    return [section(machine) for section in SECTIONS]


def failed(sections: list[Section]) -> bool:
    return any(line.status == FAIL for s in sections for line in s.lines)


# --- sections ---------------------------------------------------------------------------------

def khrongkan_section(machine: Machine) -> Section:
    found = Section("khrongkan", "khrongkan")
    found.add(INFO, f"khrongkan รุ่น {__version__}", f"khrongkan version {__version__}")
    found.add(INFO, f"Python {platform.python_version()} ({sys.executable})",
              f"Python {platform.python_version()} ({sys.executable})")
    found.add(INFO, f"ไฟล์มาตรฐานอยู่ที่ {resources.defaults_dir()}", f"defaults in {resources.defaults_dir()}")
    if machine.root is None:
        found.add(INFO, "ไม่ได้อยู่ในคลังโครงการ (ไม่พบ khrongkan.yaml) จึงแสดงค่ามาตรฐาน",
                  "not inside a proposals repository (no khrongkan.yaml): showing the defaults")
    else:
        found.add(INFO, f"คลังโครงการ {machine.root}", f"repository {machine.root}")
    return found


def templates_section(machine: Machine) -> Section:
    found = Section("แม่แบบและหน้าเว็บที่ใช้", "templates and pages in use")
    for resource in resources.in_use(machine.root):
        status = WARN if resource.is_override else OK
        found.add(status, f"{resource.name}: {resource.describe('th')}", f"{resource.name}: {resource.describe('en')}")
    return found


def libreoffice_section(machine: Machine) -> Section:
    from .documents import find_soffice
    from .errors import KhrongkanError

    found = Section("LibreOffice (สร้าง PDF)", "LibreOffice (PDF output)")
    try:
        soffice = find_soffice()
    except KhrongkanError:
        found.add(FAIL, "ไม่พบ LibreOffice: สร้างได้เฉพาะไฟล์ Word ยังสร้าง PDF ไม่ได้",
                  "LibreOffice not found: Word files work, PDF output does not")
        for th, en in INSTALL_HINTS:
            found.add(INFO, th, en)
        return found
    found.add(OK, f"พบ LibreOffice ที่ {soffice} {_soffice_version(soffice)}".rstrip(),
              f"LibreOffice found: {soffice} {_soffice_version(soffice)}".rstrip())
    return found


INSTALL_HINTS = [
    ("ติดตั้งบน Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg",
     "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg"),
    ("ติดตั้งบน Windows: ดาวน์โหลดจาก https://th.libreoffice.org/ แล้วติดตั้งตามปกติ (หรือ winget install TheDocumentFoundation.LibreOffice)",
     "Windows: install from https://www.libreoffice.org/ (or winget install TheDocumentFoundation.LibreOffice)"),
    ("ติดตั้งบน macOS: ดาวน์โหลดจาก https://th.libreoffice.org/ (หรือ brew install --cask libreoffice)",
     "macOS: install from https://www.libreoffice.org/ (or brew install --cask libreoffice)"),
]


def _soffice_version(soffice: Path) -> str:
    try:
        done = subprocess.run([str(soffice), "--version"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    text = done.stdout.decode("utf-8", "replace").strip().splitlines()
    return f"({text[0]})" if text else ""


def font_section(machine: Machine) -> Section:
    """Which font LibreOffice will really draw the configured one with (fontconfig's answer)."""
    found = Section(f"ฟอนต์ {machine.font}", f"font {machine.font}")
    fc_match = machine.which("fc-match")
    if not fc_match:
        found.add(INFO, "ตรวจไม่ได้ว่า LibreOffice จะใช้ฟอนต์ใด (เครื่องนี้ไม่มี fontconfig) "
                  "ตรวจว่าติดตั้งฟอนต์ไว้แล้วในการตั้งค่าฟอนต์ของระบบ",
                  "cannot tell which font LibreOffice will use (no fontconfig here); "
                  "check that the font is installed in the system's font settings")
        found.add(INFO, fonts.WINDOWS_HELP_TH, fonts.WINDOWS_HELP_EN)  # machines without fontconfig: Windows
        return found
    family, file = _fontconfig_match(fc_match, machine.font)
    if not family:
        found.add(WARN, "fontconfig ไม่ตอบว่าจะใช้ฟอนต์ใด", "fontconfig gave no answer")
    elif _same_family(machine.font, family):
        found.add(OK, f"LibreOffice จะใช้ {machine.font} จริง ({file})", f"LibreOffice will use {machine.font} itself ({file})")
    else:
        main = family.split(",")[0]
        kind = "ฟอนต์ไทยของ fonts-thai-tlwg ที่ใช้แทนได้" if main in STAND_INS else "ฟอนต์อื่น"
        found.add(WARN, f"ไม่มีฟอนต์ {machine.font} ในเครื่องนี้ LibreOffice จะใช้ {main} แทน ({kind}: {file}) "
                  "ตัวอักษรและการตัดบรรทัดใน PDF จะต่างจากเอกสารที่เปิดด้วย Word ที่มีฟอนต์นี้",
                  f"{machine.font} is not installed: LibreOffice will use {main} instead ({file}); "
                  "the PDF's letters and line breaks will differ from Word with the real font")
        found.add(INFO, "ติดตั้งฟอนต์ TH Sarabun New (ฟอนต์แห่งชาติ จาก SIPA) ด้วยคำสั่ง khrongkan fonts install",
                  "install TH Sarabun New (the national font, from SIPA) with: khrongkan fonts install")
    return found


def _fontconfig_match(fc_match: str, font: str) -> tuple[str, str]:
    try:
        done = subprocess.run([fc_match, "--format=%{family}\n%{file}\n", font], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "", ""
    lines = done.stdout.decode("utf-8", "replace").splitlines() + ["", ""]
    return lines[0].strip(), lines[1].strip()


def _same_family(wanted: str, families: str) -> bool:
    def simple(name: str) -> str:
        return "".join(name.split()).lower()
    return simple(wanted) in {simple(name) for name in families.split(",")}


def chromium_section(machine: Machine) -> Section:
    found = Section("Chromium (สำหรับการทดสอบเว็บไซต์ของผู้พัฒนา)", "Chromium (developers' browser tests)")
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = machine.which(name)
        if path:
            found.add(OK, f"พบ {path}", f"found {path}")
            return found
    found.add(INFO, "ไม่พบ Chromium: ไม่จำเป็นสำหรับการใช้งาน ใช้เฉพาะการทดสอบ (Debian: apt-get install chromium)",
              "Chromium not found: not needed to use khrongkan, only for its browser tests (Debian: apt-get install chromium)")
    return found


SECTIONS: list[Callable[[Machine], Section]] = [
    khrongkan_section, templates_section, libreoffice_section, font_section, chromium_section]
