"""The real TH Sarabun New: installed by the setup, verified by hash, never taken from a bad wheel."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import fonts
from generator.cli import main
from generator.errors import KhrongkanError


@pytest.fixture(scope="module")
def installed() -> Path:
    """The folder where scripts/dev.sh (khrongkan fonts install) put the four styles."""
    folder = fonts.default_folder()
    assert fonts.missing_or_wrong(folder) == [], "run: bash scripts/dev.sh setup"
    return folder


def _wheel(path: Path, installed: Path, tamper: str = "") -> Path:
    """A wheel-shaped zip like the real one: the four fonts among other files of the Odoo module."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("odoo/addons/l10n_th_base_utils/__init__.py", "# not ours\n")
        archive.writestr(fonts.WHEEL_FOLDER + "README.txt", "not a font\n")
        archive.writestr("odoo/addons/l10n_th_base_utils/static/fonts/thai/Other/Other.ttf", b"other font")
        for name in fonts.FONT_FILES:
            data = (installed / name).read_bytes()
            archive.writestr(fonts.WHEEL_FOLDER + name, data + b"\0" if name == tamper else data)
    return path


def test_fontconfig_answers_the_real_font_not_laksaman(installed):
    regular = subprocess.run(["fc-match", fonts.FAMILY], capture_output=True, text=True, check=True).stdout
    bold = subprocess.run(["fc-match", f"{fonts.FAMILY}:bold"], capture_output=True, text=True, check=True).stdout
    assert regular.startswith("THSarabunNew-Regular.ttf"), regular
    assert bold.startswith("THSarabunNew-Bold.ttf"), bold


def test_install_takes_only_the_four_verified_fonts_then_skips(installed, tmp_path):
    wheel = _wheel(tmp_path / "font.whl", installed)
    target = tmp_path / "fonts"
    outcome = fonts.install(target, wheel, refresh_cache=False)
    assert outcome.installed and outcome.folder == target
    assert sorted(p.name for p in target.iterdir()) == sorted(fonts.FONT_FILES)
    assert fonts.missing_or_wrong(target) == []
    # Already there with the right hashes: nothing is read, not even the wheel.
    again = fonts.install(target, tmp_path / "no-such.whl", refresh_cache=False)
    assert not again.installed


def test_a_font_with_another_hash_is_refused_and_nothing_is_written(installed, tmp_path):
    wheel = _wheel(tmp_path / "font.whl", installed, tamper="THSarabunNew-Bold.ttf")
    with pytest.raises(KhrongkanError) as error:
        fonts.install(tmp_path / "fonts", wheel, refresh_cache=False)
    assert "THSarabunNew-Bold.ttf" in error.value.message and "SHA-256 ไม่ตรง" in error.value.message
    assert not (tmp_path / "fonts").exists()


def test_a_wheel_without_the_font_is_named(tmp_path):
    wheel = tmp_path / "empty.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("x.txt", "x")
    with pytest.raises(KhrongkanError, match="ไม่พบ THSarabunNew-Regular.ttf ใน empty.whl"):
        fonts.fonts_from_wheel(wheel)


def test_a_changed_installed_file_is_installed_again(installed, tmp_path):
    target = tmp_path / "fonts"
    fonts.install(target, _wheel(tmp_path / "font.whl", installed), refresh_cache=False)
    (target / "THSarabunNew-Italic.ttf").write_bytes(b"broken")
    assert fonts.missing_or_wrong(target) == ["THSarabunNew-Italic.ttf"]
    assert fonts.install(target, tmp_path / "font.whl", refresh_cache=False).installed
    assert fonts.missing_or_wrong(target) == []


def test_fonts_commands(installed, tmp_path):
    status = CliRunner().invoke(main, ["fonts", "status", "--dir", str(installed)])
    assert status.exit_code == 0 and "ติดตั้ง TH Sarabun New ครบ 4 แบบแล้ว" in status.output
    missing = CliRunner().invoke(main, ["fonts", "status", "--dir", str(tmp_path)])
    assert missing.exit_code == 1 and "khrongkan fonts install" in missing.output
    result = CliRunner().invoke(main, ["fonts", "install", "--dir", str(installed)])
    assert result.exit_code == 0 and "already installed" in result.output


def test_windows_help_is_thai_first_then_english():
    text = fonts.windows_help()
    assert text.index("ติดตั้งฟอนต์ TH Sarabun New บน Windows") < text.index("Install the TH Sarabun New font")
    assert text.count("khrongkan fonts install") == 2
    assert all(name in text for name in fonts.FONT_FILES)
    assert "คลิกขวา" in text and "right-click" in text
