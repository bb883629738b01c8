"""PDF through LibreOffice: two headless soffice processes, each with its own profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import KhrongkanError


def find_soffice() -> Path:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = []
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        base = os.environ.get(variable)
        if base:
            candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise KhrongkanError(
        "ไม่พบโปรแกรม LibreOffice ซึ่งใช้แปลงเอกสารเป็น PDF — ติดตั้งจาก https://th.libreoffice.org/ "
        "(Windows/macOS) หรือสั่ง sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg (Debian/Ubuntu) "
        "แล้วลองใหม่ หรือสั่ง khrongkan render โดยไม่ใส่ --pdf เพื่อสร้างเฉพาะไฟล์ Word",
        "LibreOffice (soffice) was not found; it converts documents to PDF. Install it from "
        "https://www.libreoffice.org/ or with apt-get install libreoffice-writer-nogui, or render without --pdf")


def convert_to_pdf(docx_paths, out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF in `out_dir` with two headless LibreOffice processes at once.

    Each process has its own profile (-env:UserInstallation), converts its half of the files in
    one call into a temporary folder, and the PDFs are then moved into place; a failure leaves
    no partial PDF behind. Files a crashed process did not convert are tried once more.
    """
    paths = [Path(p).resolve() for p in docx_paths]
    if not paths:
        return []
    soffice = find_soffice()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".convert-", dir=out_dir))
    try:
        written: dict[Path, Path] = {}
        messages: list[str] = []
        missing = paths
        for attempt in range(2):
            groups = [group for group in (missing[0::2], missing[1::2]) if group] if attempt == 0 else [missing]
            produced, errors = _soffice_batch(soffice, groups, work / f"attempt-{attempt}")
            messages += errors
            for source, pdf in produced.items():
                destination = out_dir / pdf.name
                os.replace(pdf, destination)
                written[source] = destination
            missing = [path for path in missing if path not in written]
            if not missing:
                break
        if missing:
            names = ", ".join(path.name for path in missing)
            detail = "; ".join(messages)
            raise KhrongkanError(f"LibreOffice แปลงเป็น PDF ไม่สำเร็จ: {names} {detail}".strip(),
                                 f"LibreOffice could not convert to PDF: {names}")
        return [written[path] for path in paths]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _soffice_batch(soffice: Path, groups: list[list[Path]], work: Path) -> tuple[dict[Path, Path], list[str]]:
    """Run one soffice per group at the same time; return the PDFs made (by source) and errors."""
    processes = []
    for index, group in enumerate(groups):
        profile = work / f"profile-{index}"
        target = work / f"pdf-{index}"
        target.mkdir(parents=True)
        command = [str(soffice), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(target), *(str(p) for p in group)]
        processes.append((subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE), group, target))
    produced: dict[Path, Path] = {}
    errors: list[str] = []
    for process, group, target in processes:
        try:
            _out, err = process.communicate(timeout=180 + 30 * len(group))
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
            errors.append("หมดเวลา (timeout)")
        if process.returncode:
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            errors.append(" ".join(lines[:2]) or f"exit {process.returncode}")
        for path in group:
            pdf = target / f"{path.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0:
                produced[path] = pdf
    return produced, errors
