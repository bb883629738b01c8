"""Site files: the Word and PDF documents that the review site offers, and its report photos.

The DOCX in build/docx are made for the institute and keep the responsible people's phone
numbers. The site's copies have phone numbers, national IDs and bank account numbers replaced
by "[ไม่เผยแพร่]" unless khrongkan.yaml `publish:` allows them; a copy in which a number could
not be removed is not offered at all. A PDF is offered when one was built (build/pdf/<name>.pdf):
as is when the cleaning changed nothing, otherwise converted again from the cleaned DOCX with
LibreOffice (when LibreOffice is not there, no PDF).

Report photos are published as the copies of generator.photos: upright, at most 1600 pixels
wide or high, without EXIF.

The cleaned copies are made once per content and kept in the cache (generator.cache,
build/cache/downloads): a rebuild reads them back, whichever command made them.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from pathlib import Path

from .cache import Cache, content_digest
from .errors import KhrongkanError
from .files import write_atomic, write_if_changed
from .pages import Download, download_label, report_photos
from .photos import PHOTOS_CACHE, web_photo
from .privacy import HIDDEN_TH, SHORTEST, Privacy
from .zipparts import copy_entry, stored_bytes

DOWNLOADS_CACHE = "downloads"  # Cache(root, "downloads"): cleaned DOCX copies and their PDFs
# What the cache says of a DOCX that has no cleaned copy: nothing to remove, cannot be cleaned.
UNCHANGED, REFUSED = "unchanged", "refused"
_TEXT_NODE = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
_RUN_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")  # _TEXT_NODE's text alone
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_DIGIT = re.compile(r"\d")  # any digit: ASCII, Thai, full-width
_SPACE = re.compile(r"\s+")
# Where a run of text (_TEXT_NODE) can begin: "<w:t" not followed by a character of a longer name.
_RUN_START = re.compile(rb"<w:t(?![0-9A-Za-z_:.-])")


def prepare(result, root: Path, rendered: list[Path], notes: list[str],
            digests: dict[Path, str] | None = None) -> dict[str, list[Download]]:
    """The downloads of each proposal: cleaned copies of the rendered DOCX and of built PDFs.
    `digests`: the DOCX's content digests where the render manifest knows them (RenderResult.digests),
    so an unchanged document's copy is found without reading the document.

    The cleaned copies and their PDFs live in the content-keyed cache (build/cache/downloads/):
    a DOCX is cleaned once, by `render` or by `site`, whichever runs first, and a PDF of a
    cleaned copy is converted only when the cache has none.
    """
    root = Path(root)
    repository = result.repository
    privacy = Privacy.from_settings(repository.settings)
    phones = Phones() if privacy.phone else personal_phones(repository)
    cache = Cache(root, DOWNLOADS_CACHE)
    found: dict[str, list[Download]] = {}
    pdfs: list[tuple[str, Path, str]] = []  # (proposal, cleaned DOCX, name): PDFs from the cache
    for path in sorted(p for p in rendered if p.suffix.lower() == ".docx" and p.is_file()):
        proposal_id = _owner(path.stem, repository.proposals)
        if proposal_id is None:
            continue
        if is_visit_record(proposal_id, path.stem) and not repository.settings.publish_visits:
            continue  # the committee's own record: informants, findings and the finance check (FORMAT.md)
        public, changed = masked_copy(path, cache, privacy, phones, (digests or {}).get(path))
        if public is None:
            notes.append(f"ไม่นำ {path.name} ขึ้นเว็บไซต์ เพราะลบหมายเลขโทรศัพท์/เลขประจำตัวออกไม่ได้ทั้งหมด "
                         f"(not published: personal numbers could not be removed)")
            continue
        files = found.setdefault(proposal_id, [])
        files.append(Download(f"{download_label(proposal_id, path.stem)} (Word)", public, f"downloads/{path.name}"))
        pdf = root / "build" / "pdf" / f"{path.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            if not changed:
                files.append(Download(f"{download_label(proposal_id, path.stem)} (PDF)", pdf, f"downloads/{pdf.name}"))
            else:
                pdfs.append((proposal_id, public, path.stem))
    for proposal_id, pdf, stem in _convert(pdfs, notes):
        found[proposal_id].append(Download(f"{download_label(proposal_id, stem)} (PDF)", pdf, f"downloads/{stem}.pdf"))
    for files in found.values():
        files.sort(key=_order)
    return found


def mask_downloads(result, root: Path, rendered: list[Path], digests: dict[Path, str] | None = None) -> None:
    """Make the site's cleaned copies of freshly rendered DOCX now (`render`), so `site` finds
    them in the cache (the render workers have made most of them already: `Masking`)."""
    prepare(result, root, [path for path in rendered if path.suffix.lower() == ".docx"], [], digests)


def personal_phones(repository) -> "Phones":
    """The responsible people's phone numbers as written, longest first (replaced before shorter ones)."""
    return Phones(sorted({p.phone.strip() for proposal in repository.proposals.values()
                          for p in proposal.responsible if p.phone and p.phone.strip()},
                         key=lambda phone: (-len(phone), phone)))


class Masking:
    """What cleaning a rendered DOCX needs, made once per run in the parent and handed to the render
    workers (generator.documents.render_all's `after`), so each worker cleans the documents it has
    just written and fills the cache that `prepare` then reads."""

    def __init__(self, result, root: Path):
        repository = result.repository
        self.root = Path(root)
        self.privacy = Privacy.from_settings(repository.settings)
        self.phones = Phones() if self.privacy.phone else personal_phones(repository)
        self.proposal_ids = frozenset(repository.proposals)
        self.publish_visits = repository.settings.publish_visits

    def __call__(self, path: Path) -> None:
        if path.suffix.lower() != ".docx" or self.privacy.allows_everything:
            return
        proposal_id = _owner(path.stem, self.proposal_ids)
        if proposal_id is None or (is_visit_record(proposal_id, path.stem) and not self.publish_visits):
            return
        try:
            masked_copy(path, Cache(self.root, DOWNLOADS_CACHE), self.privacy, self.phones)
        except Exception:  # only filling the cache: `prepare` cleans it again and reports what fails
            pass


def masked_copy(source: Path, cache: Cache, privacy: Privacy, phones,
                content: str | None = None) -> tuple[Path | None, bool]:
    """The copy of `source` to offer, from the cache or cleaned now: (path, whether anything was
    removed); (None, _) when some number could not be removed.

    Keyed by the DOCX's bytes, the privacy settings and only the listed phone numbers that can
    matter to this document (`phones_in`), so a new proposal's phone number does not clean every
    other document again. Which numbers those are is itself kept under the DOCX's bytes and the
    whole list, so a rebuild with nothing changed does not read the document at all. `content`:
    the document's `content_digest`, when the render manifest knows it already."""
    if privacy.allows_everything:
        return source, False
    phones = Phones.of(phones)
    data = None
    if content is None:
        data = source.read_bytes()
        content = content_digest(data)
    listed = cache.key(content, repr(privacy), "phones in", phones.digest)
    found = cache.get_object(listed)
    if not (isinstance(found, tuple) and all(isinstance(phone, str) for phone in found)):
        data = source.read_bytes() if data is None else data
        found = phones_in(data, phones)
        cache.put_object(listed, found)
    key = cache.key(content, repr(privacy), "phones", *found)
    copy = cache.get_file(key, ".docx")  # written whole (renamed into place): there only when cleaned
    if copy is not None:
        return copy, True
    verdict = cache.get_object(key)
    if verdict == UNCHANGED:
        return source, False
    if verdict == REFUSED:
        return None, False
    data = source.read_bytes() if data is None else data
    cleaned, changed = mask_docx(data, privacy, phones)
    if cleaned is None:
        cache.put_object(key, REFUSED)
        return None, changed
    if not changed:
        cache.put_object(key, UNCHANGED)
        return source, False
    return cache.put_bytes(key, cleaned, ".docx"), True


def is_visit_record(proposal_id: str, stem: str) -> bool:
    """<ID>-visit-<N>: a follow-up visit record (generator.visit_document)."""
    return re.fullmatch(r"-visit-\d+", stem[len(proposal_id):]) is not None


def _order(download: Download):
    stem = Path(download.target).stem
    match = re.search(r"report-?(\d+)$", stem)
    return (int(match.group(1)) if match else 0, stem, download.target.endswith(".pdf"))


def _owner(stem: str, proposals) -> str | None:
    """The longest proposal ID that is the stem or begins it followed by "-" (`proposals`: a dict or
    a set, looked up, not searched)."""
    for end in [len(stem)] + [i for i in range(len(stem) - 1, -1, -1) if stem[i] == "-"]:
        if stem[:end] in proposals:
            return stem[:end]
    return None


def _convert(pending: list[tuple[str, Path, str]], notes: list[str]):
    """PDFs of cleaned DOCX (in the cache beside them), converted only when missing:
    (proposal, PDF, document name) for each that exists."""
    ready, todo = [], []
    for proposal_id, public, stem in pending:
        target = public.with_suffix(".pdf")
        (ready if target.is_file() else todo).append((proposal_id, target, stem))
    if todo:
        import shutil
        import tempfile

        from .documents import convert_to_pdf

        # LibreOffice names a PDF after its DOCX: convert copies named after their cache entries.
        with tempfile.TemporaryDirectory(prefix="khrongkan-pdf-") as scratch:
            sources = []
            for _, target, _ in todo:
                sources.append(Path(scratch) / f"{target.stem}.docx")
                shutil.copyfile(target.with_suffix(".docx"), sources[-1])
            try:
                convert_to_pdf(sources, Path(scratch))
            except KhrongkanError as error:
                notes.append(f"ไม่มี PDF บนเว็บไซต์: {error.message}")
            for (proposal_id, target, stem), source in zip(todo, sources):
                made = source.with_suffix(".pdf")
                if made.is_file():
                    write_atomic(target, made.read_bytes())
                    ready.append((proposal_id, target, stem))
    return ready


def clean_docx(source: Path, target: Path, privacy: Privacy, phones: list[str]) -> tuple[Path | None, bool]:
    """Write a copy of `source` without personal numbers; (None, _) when some could not be removed.

    Returns the path to offer and whether anything was removed. With everything allowed the
    original is offered as it is.
    """
    if privacy.allows_everything:
        return source, False
    cleaned, changed = mask_docx(source.read_bytes(), privacy, phones)
    if cleaned is None:
        return None, changed
    if not changed:
        return source, False
    write_if_changed(target, cleaned)
    return target, True


def mask_docx(data: bytes, privacy: Privacy, phones) -> tuple[bytes | None, bool]:
    """A DOCX's bytes without personal numbers, and whether anything was removed; (None, _) when
    some could not be removed (a number split over several runs of text). The parts it does not
    change keep their compressed bytes."""
    phones = Phones.of(phones)
    changed = False
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as zout:
        for part in _read_parts(data):
            if part.is_read(phones):
                text = part.text
                # Only the runs with enough digits for a personal number can change (_redact).
                cleaned = phones.rich_runs.sub(lambda m: m.group(1) + _redact(m.group(2), privacy, phones) + m.group(3),
                                               text)
                if _still_personal(part.paragraphs if cleaned == text else _paragraph_texts(cleaned), privacy, phones):
                    return None, changed or cleaned != text
                if cleaned != text:
                    changed = True
                    zout.writestr(copy.copy(part.info), cleaned.encode("utf-8"))  # the parts stay as read
                    continue
            copy_entry(data, zout, part.info, part.content)
    return output.getvalue(), changed


def phones_in(data: bytes, phones) -> tuple[str, ...]:
    """The listed phone numbers that can matter to cleaning this DOCX, in the list's order: cleaning
    it with these alone gives what cleaning it with the whole list gives (tests/test_masking.py).

    Those written in a run of text that cleaning reads, those found (spaces removed) in the text of
    its paragraphs, and those containing a character of "[ไม่เผยแพร่]" (a replacement could complete
    them). A run of text with an XML entity in it (&amp;) and enough digits could change how its
    paragraph reads once cleaned: then the whole list."""
    phones = Phones.of(phones)
    found: set[str] = set(phones.completable)
    for part in _read_parts(data):
        if not part.is_read(phones):
            continue
        runs = _RUN_TEXT.findall(part.text)
        # Joined by a character no listed number has, so that no number is found across two runs.
        found |= phones.written.found(phones.apart.join(runs))
        if any("&" in run for run in runs) and any("&" in run.group(2) for run in phones.rich_runs.finditer(part.text)):
            return tuple(phones)
        found |= phones.squeezed_in(part.paragraphs)
    return phones.in_order(found)


class _Part:
    """An entry of a package as read: its info, its bytes, whether it may have runs of text (a NUL:
    not UTF-8, so decoded later to fail as it always has, never skipped), its text and the text of
    its paragraphs (made once, for phones_in and for mask_docx)."""

    def __init__(self, info: zipfile.ZipInfo, content: bytes, runs: bool):
        self.info, self.content, self.runs = info, content, runs

    def is_read(self, phones: "Phones") -> bool:
        """Whether cleaning reads this part: a word/*.xml part with runs of text to clean or to refuse
        (styles and settings have none), or any word/*.xml part when a listed number is empty."""
        name = self.info.filename
        return name.startswith("word/") and name.endswith(".xml") and (self.runs or phones.has_empty)

    @functools.cached_property
    def text(self) -> str:
        return self.content.decode("utf-8")

    @functools.cached_property
    def paragraphs(self) -> str:
        return _paragraph_texts(self.text)


# The large parts without runs of text seen in this process (styles: the same in every document of
# a template), by a digest of their stored bytes: they are not inflated and searched again.
_SEEN: dict[str, _Part] = {}
_SEEN_FROM = 16 * 1024  # bytes, uncompressed
_LAST: list = [None, None]  # the package read last and its parts: phones_in, then mask_docx


def _read_parts(data: bytes) -> list[_Part]:
    """Each entry of a package, as read."""
    if _LAST[0] is data and type(data) is bytes:  # the same unchangeable bytes
        return _LAST[1]
    import hashlib

    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            seen = None
            stored = stored_bytes(data, info) if info.file_size >= _SEEN_FROM else None
            if stored is not None:
                about = f"{info.filename}\n{info.compress_type}\n{info.file_size}\n{info.CRC}\n"
                hasher = hashlib.blake2b(about.encode("utf-8"))
                hasher.update(stored)
                seen = hasher.hexdigest()
                if seen in _SEEN:
                    parts.append(_Part(info, _SEEN[seen].content, _SEEN[seen].runs))
                    continue
            content = package.read(info.filename)  # inflated, its CRC checked
            part = _Part(info, content, b"\x00" in content or _RUN_START.search(content) is not None)
            if seen is not None and not part.runs:  # only the parts that are copied as they are
                if len(_SEEN) >= 64:
                    _SEEN.clear()
                _SEEN[seen] = part
            parts.append(part)
    _LAST[:] = [data, parts]
    return parts


def _redact(text: str, privacy: Privacy, phones: "Phones") -> str:
    if len(_DIGIT.findall(text)) < phones.fewest_digits:
        return text  # most runs of text: too few digits to hold any personal number
    present = phones.written.found(text) | phones.completable
    for phone in phones.in_order(present):  # the list's order: longer numbers first
        text = text.replace(phone, HIDDEN_TH)
    return privacy.redact(text)


def _paragraph_texts(xml: str) -> str:
    """The document's text, one line per paragraph, its runs joined as Word shows them: a number
    split over several runs of text is whole again here."""
    from html import unescape

    # Unescaped once for all paragraphs: no entity reaches over a line break (html.unescape's names
    # and numbers stop there), so this is each paragraph unescaped, then joined.
    return unescape("\n".join(map("".join, map(_RUN_TEXT.findall, _PARAGRAPH.findall(xml)))))


def _still_personal(text: str, privacy: Privacy, phones: "Phones") -> bool:
    if phones.squeezed_in(text):  # a phone number split over several runs of text
        return True
    return bool(privacy.hidden(text))


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


class _Finder:
    """Which of many strings occur in a text, in one pass over the text: only positions where one
    of them can begin are tried, each with the lengths of the strings that begin there."""

    def __init__(self, strings):
        self.strings = frozenset(strings)
        words = [string for string in self.strings if string]
        self.empty = len(words) < len(self.strings)
        self.width = min([4] + [len(word) for word in words])  # every word has a prefix this long
        lengths: dict[str, set[int]] = {}
        for word in words:
            lengths.setdefault(word[:self.width], set()).add(len(word))
        self.lengths = {prefix: tuple(sorted(sizes)) for prefix, sizes in lengths.items()}
        firsts = sorted({word[0] for word in words})
        self.starts = re.compile("[" + "".join(re.escape(first) for first in firsts) + "]") if firsts else None

    def found(self, text: str) -> set[str]:
        hits = {""} if self.empty else set()
        if self.starts is None:
            return hits
        strings, lengths, width = self.strings, self.lengths, self.width
        for start in self.starts.finditer(text):
            i = start.start()
            for size in lengths.get(text[i:i + width], ()):
                piece = text[i:i + size]
                if piece in strings:
                    hits.add(piece)
        return hits


class Phones(tuple):
    """Phone numbers as written, in the order they are replaced (personal_phones: longest first),
    with what finds them in a text in one pass: a document is cleaned in time proportional to its
    length, not to its length times the number of phone numbers in the repository."""

    @classmethod
    def of(cls, phones) -> "Phones":
        return phones if isinstance(phones, cls) else cls(phones)

    @functools.cached_property
    def written(self) -> _Finder:
        return _Finder(self)

    @functools.cached_property
    def _squeezed(self) -> tuple[_Finder, dict[str, list[str]]]:
        forms: dict[str, list[str]] = {}
        for phone in self:
            forms.setdefault(_squeeze(phone), []).append(phone)
        return _Finder(forms), forms

    def squeezed_in(self, text: str) -> set[str]:
        """The numbers found in `text` with every space removed from both (a number split over
        several runs or lines is whole again)."""
        finder, forms = self._squeezed
        return {phone for form in finder.found(_squeeze(text)) for phone in forms[form]}

    @functools.cached_property
    def has_empty(self) -> bool:
        return "" in self._squeezed[1]

    @functools.cached_property
    def fewest_digits(self) -> int:
        """The fewest digits a personal number can have: a land line's, or a listed phone's if shorter."""
        return min([SHORTEST] + [len(_DIGIT.findall(phone)) for phone in self])

    @functools.cached_property
    def rich_runs(self) -> re.Pattern:
        """_TEXT_NODE for the runs of text with at least fewest_digits digits: the only ones that
        cleaning can change (the others are not even handed to Python)."""
        if self.fewest_digits == 0:
            return _TEXT_NODE
        return re.compile(r"(<w:t(?:\s[^>]*)?>)((?:[^<\d]*\d){%d}[^<]*)(</w:t>)" % self.fewest_digits)

    @functools.cached_property
    def apart(self) -> str:
        """A character that no listed number has (to join texts without making a number across them)."""
        used = set("".join(self))
        return next(chr(code) for code in range(1, 0x110000) if chr(code) not in used)

    @functools.cached_property
    def completable(self) -> frozenset[str]:
        """The numbers that a replacement by [ไม่เผยแพร่] could complete: those sharing a character with it."""
        return frozenset(phone for phone in self if set(phone) & set(HIDDEN_TH))

    @functools.cached_property
    def _positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for index, phone in enumerate(self):
            positions.setdefault(phone, []).append(index)
        return positions

    def in_order(self, phones) -> tuple[str, ...]:
        """The entries of this list that are in `phones`, in this list's order."""
        indexes = sorted(index for phone in set(phones) for index in self._positions[phone])
        return tuple(self[index] for index in indexes)

    @functools.cached_property
    def digest(self) -> str:
        from .cache import digest

        return digest(*self)  # each number framed by its length: no two lists share a digest


# --- photos ---------------------------------------------------------------------------------

def publish_photos(result, root: Path, notes: list[str]) -> dict[str, Path]:
    """The report photos for build/pages: target path -> a cleaned copy in the photo cache."""
    cache = Cache(root, PHOTOS_CACHE)
    published: dict[str, Path] = {}
    for proposal in result.repository.proposals.values():
        for report in proposal.reports:
            for photo in report_photos(proposal, report):
                clean = web_photo(photo.source, cache)
                if clean is None:
                    notes.append(f"ไม่นำรูป {photo.source.name} ขึ้นเว็บไซต์ เพราะเปิดเป็นรูปภาพไม่ได้ "
                                 f"(not published: not a readable image)")
                    continue
                published[photo.target] = clean
    return published
