"""The real TH Sarabun New for the documents: fetch, verify, install, and say how on Windows.

The templates name "TH Sarabun New" (the font of Thai official documents). Without it, fontconfig
hands LibreOffice Laksaman, which sets Thai about 1.5 times larger, so PDFs and page counts are
not what a Word user sees. The font (SIPA, GPL-2.0-or-later) ships in its four styles inside the
PyPI wheel `odoo-addon-l10n-th-base-utils`; `install()` downloads that wheel with pip (the Odoo
module is never installed), takes only the four .ttf files, checks each against the SHA-256
pinned here and copies them into a font folder LibreOffice reads. The fonts are never embedded in
a DOCX (GPL without a font exception); a PDF carries the usual embedded subset.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import KhrongkanError

FAMILY = "TH Sarabun New"
WHEEL_REQUIREMENT = "odoo-addon-l10n-th-base-utils==19.0.2.0.0"
WHEEL_FOLDER = "odoo/addons/l10n_th_base_utils/static/fonts/thai/THSarabunNew/"

# The four styles and their SHA-256, pinned from the wheel above: a changed file is refused.
FONT_FILES: dict[str, str] = {
    "THSarabunNew-Regular.ttf": "b248f824f3d7a8576bc396826a4d898070c1420564f6ce6aa716aa8ad24f824a",
    "THSarabunNew-Bold.ttf": "49596f298a8fe248c5340b4589b3b4adfcf34a3e24084ebeb4f49c6600f75fa7",
    "THSarabunNew-Italic.ttf": "341b9b5d13b696f74c6318d32bbae7ff183e6bdc07ef3ca1a6f9c5dd83c6494b",
    "THSarabunNew-BoldItalic.ttf": "64a69cbeca6d34dc754a7ab2106615c14fbd359d339ed0f65d2a7b17de14cdfa",
}
# Windows lists each installed font by its full name in the user's registry.
_WINDOWS_NAMES = {"THSarabunNew-Regular.ttf": "TH Sarabun New", "THSarabunNew-Bold.ttf": "TH Sarabun New Bold",
                  "THSarabunNew-Italic.ttf": "TH Sarabun New Italic",
                  "THSarabunNew-BoldItalic.ttf": "TH Sarabun New Bold Italic"}

WINDOWS_HELP_TH = """\
ติดตั้งฟอนต์ TH Sarabun New บน Windows (ให้เอกสารตรงกับที่กองเลขาเห็นใน Word)
  วิธีที่ 1: ในหน้าต่างคำสั่ง พิมพ์  khrongkan fonts install
          (ดาวน์โหลดฟอนต์ 4 แบบ ตรวจรหัส SHA-256 แล้วติดตั้งให้ผู้ใช้คนปัจจุบัน ไม่ต้องเป็นผู้ดูแลระบบ)
  วิธีที่ 2: หาไฟล์ THSarabunNew-Regular.ttf, THSarabunNew-Bold.ttf, THSarabunNew-Italic.ttf และ
          THSarabunNew-BoldItalic.ttf (เช่น จากชุดฟอนต์แห่งชาติของ SIPA) เลือกทั้ง 4 ไฟล์
          คลิกขวา แล้วเลือก "ติดตั้ง" (Install)
  จากนั้นปิดแล้วเปิด Word และ LibreOffice ใหม่"""
WINDOWS_HELP_EN = """\
Install the TH Sarabun New font on Windows (so documents look as the secretariat sees them in Word)
  Option 1: in a command window, type  khrongkan fonts install
          (downloads the 4 styles, checks their SHA-256 and installs them for the current user;
          no administrator rights needed)
  Option 2: get THSarabunNew-Regular.ttf, THSarabunNew-Bold.ttf, THSarabunNew-Italic.ttf and
          THSarabunNew-BoldItalic.ttf (e.g. from SIPA's national fonts), select all 4 files,
          right-click and choose "Install"
  Then close and reopen Word and LibreOffice."""


# How Word describes TH Sarabun New in word/fontTable.xml, from the font's own OS/2 table (the same
# values in all four styles): the PANOSE class, the Unicode ranges and code pages it covers (Thai
# among them) and the family, which Word uses to pick a stand-in on a machine without the font.
# `w:altName` names the older TH SarabunPSK, the same design found on most Thai office machines.
FONT_TABLE_FALLBACK = "TH SarabunPSK"
FONT_TABLE_ENTRY = {
    "panose1": {"val": "020B0500040200020003"},
    "charset": {"val": "00"},
    "family": {"val": "swiss"},
    "pitch": {"val": "variable"},
    "sig": {"usb0": "A100006F", "usb1": "5000205A", "usb2": "00000000", "usb3": "00000000",
            "csb0": "60010183", "csb1": "80000000"},
}
_FONT_TABLE_PART = "/word/fontTable.xml"


def describe_in_font_table(document, family: str = FAMILY) -> None:
    """Write TH Sarabun New's entry into a python-docx document's font table, as Word writes it, so
    Word on a machine without the font picks TH SarabunPSK or a Thai font of the same class.

    Only the description: the font itself is never embedded (GPL without a font exception)."""
    if family != FAMILY:  # another font from khrongkan.yaml: Word describes it itself when it saves
        return
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if p.partname == _FONT_TABLE_PART), None)
    if part is None:
        return
    table = parse_xml(part.blob)
    for old in table.findall(qn("w:font")):
        if old.get(qn("w:name")) == family:
            table.remove(old)
    entry = etree.SubElement(table, qn("w:font"))
    entry.set(qn("w:name"), family)
    etree.SubElement(entry, qn("w:altName")).set(qn("w:val"), FONT_TABLE_FALLBACK)
    for tag, attributes in FONT_TABLE_ENTRY.items():
        element = etree.SubElement(entry, qn(f"w:{tag}"))
        for key, value in attributes.items():
            element.set(qn(f"w:{key}"), value)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def windows_help() -> str:
    """How to install the font on Windows, Thai first then English (for `khrongkan doctor`)."""
    return f"{WINDOWS_HELP_TH}\n\n{WINDOWS_HELP_EN}"


@dataclass(frozen=True)
class Outcome:
    folder: Path
    installed: bool  # False: the right files were there already


def default_folder() -> Path:
    """Where fonts go: the system folder for root on Linux, else the user's own font folder."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Microsoft" / "Windows" / "Fonts"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Fonts"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/usr/local/share/fonts/truetype/thsarabunnew")
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "fonts" / "thsarabunnew"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def missing_or_wrong(folder: Path) -> list[str]:
    """The styles not in `folder` with their pinned hash (empty: all four are installed)."""
    wrong = []
    for name, digest in FONT_FILES.items():
        path = folder / name
        if not path.is_file() or sha256(path.read_bytes()) != digest:
            wrong.append(name)
    return wrong


def fonts_from_wheel(wheel: Path) -> dict[str, bytes]:
    """The four .ttf files read out of the wheel (nothing else is extracted), each verified."""
    try:
        archive = zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise KhrongkanError(f"อ่านไฟล์ {wheel} ไม่ได้: {exc}", f"cannot read {wheel}: {exc}") from exc
    fonts = {}
    with archive:
        for name, digest in FONT_FILES.items():
            try:
                data = archive.read(WHEEL_FOLDER + name)
            except KeyError:
                raise KhrongkanError(f"ไม่พบ {name} ใน {wheel.name}",
                                     f"{name} is not in {wheel.name}") from None
            if sha256(data) != digest:
                raise KhrongkanError(
                    f"{name} ใน {wheel.name} มีรหัส SHA-256 ไม่ตรงกับที่กำหนดไว้ จึงไม่ติดตั้ง",
                    f"{name} in {wheel.name} does not have the pinned SHA-256: not installed")
            fonts[name] = data
    return fonts


def download_wheel(folder: Path) -> Path:
    """`pip download --no-deps` the wheel that carries the font into `folder`.

    pip is the package registry's own client; it runs as this Python's module, so it works the
    same on Windows (no shell)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--dest", str(folder), WHEEL_REQUIREMENT]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    wheels = sorted(folder.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        raise KhrongkanError(
            f"ดาวน์โหลดฟอนต์ไม่สำเร็จ (pip download {WHEEL_REQUIREMENT}) ตรวจการเชื่อมต่ออินเทอร์เน็ต\n"
            f"{result.stderr.strip()[-800:]}",
            "could not download the font package; check the internet connection")
    return wheels[0]


def install(folder: Path | None = None, wheel: Path | None = None, *, refresh_cache: bool = True) -> Outcome:
    """Install the four styles into `folder` (default: `default_folder()`) unless they are there.

    `wheel` is an already downloaded wheel; without it, pip downloads it into a temporary folder."""
    folder = folder or default_folder()
    if not missing_or_wrong(folder):
        return Outcome(folder, installed=False)
    if wheel is not None:
        fonts = fonts_from_wheel(wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="khrongkan-fonts-") as temp:
            fonts = fonts_from_wheel(download_wheel(Path(temp)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in fonts.items():
            target = folder / name
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)
    except OSError as exc:
        raise KhrongkanError(f"เขียนฟอนต์ลงใน {folder} ไม่ได้: {exc}", f"cannot write the fonts into {folder}: {exc}") \
            from exc
    if sys.platform == "win32":
        _register_on_windows(folder)
    if refresh_cache:
        refresh_font_cache(folder)
    return Outcome(folder, installed=True)


def refresh_font_cache(folder: Path) -> None:
    """fontconfig reads new fonts after `fc-cache` (Linux); Windows and macOS need nothing."""
    fc_cache = shutil.which("fc-cache")
    if fc_cache:
        subprocess.run([fc_cache, "-f", str(folder)], capture_output=True, check=False)


def _register_on_windows(folder: Path) -> None:
    """A per-user font (Windows 10 1809 and later) is the file plus a value under HKCU, as the
    "Install" menu writes it; Word finds it after a restart."""
    import winreg  # noqa: PLC0415 (Windows only)

    key_path = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key_path) as key:
        for name, label in _WINDOWS_NAMES.items():
            winreg.SetValueEx(key, f"{label} (TrueType)", 0, winreg.REG_SZ, str(folder / name))


def status(folder: Path | None = None) -> tuple[bool, str]:
    """(installed?, a Thai+English line) for `fonts status` and `doctor`."""
    folder = folder or default_folder()
    wrong = missing_or_wrong(folder)
    if not wrong:
        return True, f"ติดตั้ง {FAMILY} ครบ 4 แบบแล้วที่ {folder} ({FAMILY}: all 4 styles installed in {folder})"
    return False, (f"ยังไม่ได้ติดตั้ง {FAMILY} ({', '.join(wrong)}) ที่ {folder} ติดตั้งด้วย khrongkan fonts install "
                   f"({FAMILY} is not installed in {folder}: run khrongkan fonts install)")
