"""Site files: the Word and PDF documents that the review site offers, and its report photos.

The DOCX in build/docx are made for the institute and keep the responsible people's phone
numbers. The site's copies (build/site-files/) have phone numbers, national IDs and bank
account numbers replaced by "[ไม่เผยแพร่]" unless khrongkan.yaml `publish:` allows them; a copy
in which a number could not be removed is not offered at all. A PDF is offered when one was
built (build/pdf/<name>.pdf): as is when the cleaning changed nothing, otherwise converted
again from the cleaned DOCX with LibreOffice (when LibreOffice is not there, no PDF).

Report photos are published as new image files: turned upright, at most 1600 pixels wide or
high, and without their EXIF data (the GPS position of a family's house, the camera owner).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from .errors import KhrongkanError
from .files import write_atomic, write_if_changed
from .pages import Download, download_label, report_photos
from .privacy import HIDDEN_TH, Privacy

SITE_FILES = Path("build") / "site-files"
_TEXT_NODE = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)


def prepare(result, root: Path, rendered: list[Path], notes: list[str]) -> dict[str, list[Download]]:
    """The downloads of each proposal: cleaned copies of the rendered DOCX and of built PDFs."""
    root = Path(root)
    repository = result.repository
    privacy = Privacy.from_settings(repository.settings)
    phones = sorted({p.phone.strip() for proposal in repository.proposals.values()
                     for p in proposal.responsible if p.phone and p.phone.strip()}, key=len, reverse=True)
    out = root / SITE_FILES
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[Download]] = {}
    pdfs: list[tuple[str, Path, Path]] = []  # (proposal, original PDF, cleaned DOCX) still to convert
    wanted: set[Path] = set()
    for path in sorted(p for p in rendered if p.suffix.lower() == ".docx" and p.is_file()):
        proposal_id = _owner(path.stem, repository.proposals)
        if proposal_id is None:
            continue
        if is_visit_record(proposal_id, path.stem) and not repository.settings.publish_visits:
            continue  # the committee's own record: informants, findings and the finance check (FORMAT.md)
        public, changed = clean_docx(path, out / path.name, privacy, [] if privacy.phone else phones)
        if public is None:
            notes.append(f"ไม่นำ {path.name} ขึ้นเว็บไซต์ เพราะลบหมายเลขโทรศัพท์/เลขประจำตัวออกไม่ได้ทั้งหมด "
                         f"(not published: personal numbers could not be removed)")
            continue
        wanted.add(public)
        files = found.setdefault(proposal_id, [])
        files.append(Download(f"{download_label(proposal_id, path.stem)} (Word)", public, f"downloads/{path.name}"))
        pdf = root / "build" / "pdf" / f"{path.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            if not changed:
                files.append(Download(f"{download_label(proposal_id, path.stem)} (PDF)", pdf, f"downloads/{pdf.name}"))
            else:
                pdfs.append((proposal_id, pdf, public))
    for proposal_id, pdf, public in _convert(pdfs, out, notes):
        wanted.add(pdf)
        found[proposal_id].append(Download(f"{download_label(proposal_id, pdf.stem)} (PDF)", pdf,
                                           f"downloads/{pdf.name}"))
    for files in found.values():
        files.sort(key=_order)
    for leftover in out.iterdir():
        if leftover.is_file() and leftover not in wanted:
            leftover.unlink()
    return found


def is_visit_record(proposal_id: str, stem: str) -> bool:
    """<ID>-visit-<N>: a follow-up visit record (generator.visit_document)."""
    return re.fullmatch(r"-visit-\d+", stem[len(proposal_id):]) is not None


def _order(download: Download):
    stem = Path(download.target).stem
    match = re.search(r"report-?(\d+)$", stem)
    return (int(match.group(1)) if match else 0, stem, download.target.endswith(".pdf"))


def _owner(stem: str, proposals) -> str | None:
    matches = [pid for pid in proposals if stem == pid or stem.startswith(pid + "-")]
    return max(matches, key=len) if matches else None


def _convert(pending: list[tuple[str, Path, Path]], out: Path, notes: list[str]):
    """PDFs of cleaned DOCX, converted again only when the cleaned DOCX is newer."""
    ready, todo = [], []
    for proposal_id, _original, public in pending:
        target = out / f"{public.stem}.pdf"
        if target.is_file() and target.stat().st_mtime_ns >= public.stat().st_mtime_ns:
            ready.append((proposal_id, target, public))
        else:
            todo.append((proposal_id, target, public))
    if todo:
        from .documents import convert_to_pdf

        try:
            convert_to_pdf([public for _, _, public in todo], out)
            ready += [item for item in todo if item[1].is_file()]
        except KhrongkanError as error:
            notes.append(f"ไม่มี PDF บนเว็บไซต์: {error.message}")
    return ready


def clean_docx(source: Path, target: Path, privacy: Privacy, phones: list[str]) -> tuple[Path | None, bool]:
    """Write a copy of `source` without personal numbers; (None, _) when some could not be removed.

    Returns the path to offer and whether anything was removed. With everything allowed the
    original is offered as it is.
    """
    if privacy.allows_everything:
        return source, False
    data = source.read_bytes()
    changed = False
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(output, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = content.decode("utf-8")
                cleaned = _TEXT_NODE.sub(lambda m: m.group(1) + _redact(m.group(2), privacy, phones) + m.group(3), text)
                if cleaned != text:
                    changed = True
                    content = cleaned.encode("utf-8")
                if _still_personal(_paragraph_texts(cleaned), privacy, phones):
                    return None, changed
            zout.writestr(info, content)
    if not changed:
        return source, False
    write_if_changed(target, output.getvalue())
    return target, True


def _redact(text: str, privacy: Privacy, phones: list[str]) -> str:
    for phone in phones:
        text = text.replace(phone, HIDDEN_TH)
    return privacy.redact(text)


def _paragraph_texts(xml: str) -> str:
    """The document's text, one line per paragraph, its runs joined as Word shows them: a number
    split over several runs of text is whole again here."""
    from html import unescape

    return "\n".join(unescape("".join(node.group(2) for node in _TEXT_NODE.finditer(paragraph.group())))
                     for paragraph in _PARAGRAPH.finditer(xml))


def _still_personal(text: str, privacy: Privacy, phones: list[str]) -> bool:
    squeezed = re.sub(r"\s+", "", text)  # a phone number split over several runs of text
    if any(re.sub(r"\s+", "", phone) in squeezed for phone in phones):
        return True
    return bool(privacy.hidden(text))


# --- photos ----------------------------------------------------------------------------------

PHOTO_MAX_PIXELS = 1600
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def publish_photos(result, root: Path, notes: list[str]) -> dict[str, Path]:
    """The report photos for build/pages: target path -> a cleaned copy (cached by content)."""
    folder = Path(root) / SITE_FILES / "photos"
    published: dict[str, Path] = {}
    for proposal in result.repository.proposals.values():
        for report in proposal.reports:
            for photo in report_photos(proposal, report):
                clean = clean_photo(photo.source, folder)
                if clean is None:
                    notes.append(f"ไม่นำรูป {photo.source.name} ขึ้นเว็บไซต์ เพราะเปิดเป็นรูปภาพไม่ได้ "
                                 f"(not published: not a readable image)")
                    continue
                published[photo.target] = clean
    if folder.is_dir():
        used = set(published.values())
        for leftover in folder.iterdir():
            if leftover.is_file() and leftover not in used:
                leftover.unlink()
    return published


def clean_photo(source: Path, folder: Path) -> Path | None:
    """An upright, web-sized copy of a photo without EXIF; None when it is not a readable image."""
    from PIL import Image, ImageOps

    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:20]
    for suffix in PHOTO_FORMATS.values():
        cached = folder / f"{digest}{suffix}"
        if cached.is_file():
            return cached
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format if picture.format in PHOTO_FORMATS else "JPEG"
            if picture.width * picture.height > 40_000_000:
                return None
            upright = ImageOps.exif_transpose(picture)
            upright.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 85, "optimize": True} if kind in ("JPEG", "WEBP") else {"optimize": True}
            upright.save(out, kind, **options)  # no exif= given: none is written
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    target = folder / f"{digest}{PHOTO_FORMATS[kind]}"
    write_atomic(target, out.getvalue())
    return target
