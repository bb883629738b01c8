"""The site's cleaned DOCX copies are made in one pass over each document (generator.site_files):
the result is that of the earlier cleaning, which tried every phone number of the repository on
every run of text (kept here as the reference), on tricky inputs and on every rendered document of
the sample; the cache key names only the numbers that can matter to a document, and cleaning with
those alone gives the same copy."""

from __future__ import annotations

import io
import random
import re
import zipfile
from xml.sax.saxutils import escape

import docx
import pytest

from generator import site_files
from generator.cache import Cache
from generator.privacy import HIDDEN_TH, SHORTEST, Privacy
from generator.site_files import Phones, mask_docx, masked_copy, phones_in
from generator.zipparts import copy_entry

PHONE = "081-000-1101"


# --- the earlier cleaning, as it was: the reference -----------------------------------------------

def old_mask_docx(data: bytes, privacy: Privacy, phones: list[str]):
    changed = False
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(output, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = content.decode("utf-8")
                cleaned = site_files._TEXT_NODE.sub(
                    lambda m: m.group(1) + _old_redact(m.group(2), privacy, phones) + m.group(3), text)
                if cleaned != text:
                    changed = True
                    content = cleaned.encode("utf-8")
                if _old_still_personal(site_files._paragraph_texts(cleaned), privacy, phones):
                    return None, changed
            zout.writestr(info, content)
    return output.getvalue(), changed


def _old_redact(text: str, privacy: Privacy, phones: list[str]) -> str:
    fewest = min([SHORTEST] + [len(re.findall(r"\d", phone)) for phone in phones])
    if len(re.findall(r"\d", text)) < fewest:
        return text
    for phone in phones:
        text = text.replace(phone, HIDDEN_TH)
    return privacy.redact(text)


def _old_still_personal(text: str, privacy: Privacy, phones: list[str]) -> bool:
    squeezed = re.sub(r"\s+", "", text)
    if any(re.sub(r"\s+", "", phone) in squeezed for phone in phones):
        return True
    return bool(privacy.hidden(text))


# --- documents ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shell() -> bytes:
    """A Word document from python-docx (deflated at zlib's default level, as khrongkan's are)."""
    document = docx.Document()
    document.add_paragraph("ผู้รับผิดชอบโครงการ")
    section = document.sections[0]
    section.header.paragraphs[0].text = "หัวกระดาษ"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_paragraphs(shell: bytes, paragraphs: list[list[str]]) -> bytes:
    """The shell with its body made of these paragraphs, each a list of runs of text."""
    body = "".join("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{escape(run)}</w:t></w:r>' for run in runs)
                   + "</w:p>" for runs in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shell)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8")
                start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
                content = (xml[:start] + body + xml[end:]).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def _same_as_before(data: bytes, privacy: Privacy, phones: list[str]):
    new = mask_docx(data, privacy, Phones(phones))
    assert new == old_mask_docx(data, privacy, phones)
    # Cleaning with only the numbers that can matter to this document gives the same copy.
    assert mask_docx(data, privacy, Phones(phones_in(data, Phones(phones)))) == new
    return new


TRICKY = {
    "a number in one run": ([["โทร ", PHONE]], [PHONE]),
    "a number split over runs": ([["นายสมชาย"], ["081-000-", "1101"]], [PHONE]),
    "a number split over paragraphs": ([["ติดต่อ 081-000"], ["-1101"]], [PHONE]),
    "split with spaces listed": ([["081 000", " 1101"]], ["081 000 1101"]),
    "written without dashes": ([["โทร 0810001101"]], [PHONE]),
    "written with spaces": ([["โทร 081 000 1101 ครับ"]], [PHONE, "081 000 1101"]),
    "Thai digits": ([["โทร ๐๘๑-๐๐๐-๑๑๐๑"]], [PHONE]),
    "Thai digits listed": ([["โทร ๐๘๑-๐๐๐-๑๑๐๑"]], ["๐๘๑-๐๐๐-๑๑๐๑"]),
    "overlapping numbers": ([["081-000-1101-02 และ 000-1101-0"]], ["081-000-1101-02", PHONE, "000-1101-0", "1101-0"]),
    "one inside another": ([["02-123-4567 ต่อ 89"]], ["02-123-4567 ต่อ 89", "02-123-4567"]),
    "a short listed number": ([["สายด่วน 1300 ฟรี"]], ["1300", PHONE]),
    "a number with a Thai word": ([["แม่ 081-000-1101"]], ["081-000-1101 (แม่)", "แม่ 081-000-1101"]),
    "a number with an entity": ([["A&B 081-000-1101 <มือถือ>"]], [PHONE, "A&B"]),
    "a budget and a date": ([["งบประมาณ 125,000.50 บาท วันที่ 2569-12-01"]], [PHONE]),
    "a national ID and a bank account": ([["เลขบัตร 1-2345-67890-12-3 บัญชี 123-4-56789-0"]], [PHONE]),
    "nothing listed": ([["โทร 081-000-1101"]], []),
    "a blank number listed": ([["ไม่มีเบอร์"]], ["  "]),
}


@pytest.mark.parametrize("name", TRICKY)
def test_cleaning_is_what_it_was_on_tricky_inputs(shell, name):
    paragraphs, phones = TRICKY[name]
    data = _with_paragraphs(shell, paragraphs)
    for privacy in (Privacy(), Privacy(phone=True), Privacy(national_id=True, bank=True)):
        _same_as_before(data, privacy, phones)


def test_a_split_number_is_still_refused_and_a_whole_one_masked(shell):
    assert mask_docx(_with_paragraphs(shell, [["081-000-", "1101"]]), Privacy(), Phones([PHONE]))[0] is None
    cleaned, changed = mask_docx(_with_paragraphs(shell, [["โทร ", PHONE]]), Privacy(), Phones([PHONE]))
    with zipfile.ZipFile(io.BytesIO(cleaned)) as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert changed and PHONE not in text and HIDDEN_TH in text


def test_cleaning_is_what_it_was_on_random_runs(shell):
    alphabet = list("0123456789") * 3 + list("๐๘๑ -.()+&<") + ["โทร", "แม่", "[", "]", "\u00a0", "ต่อ"]
    chance = random.Random(12)
    for _ in range(150):
        def piece(size):
            return "".join(chance.choice(alphabet) for _ in range(chance.randint(0, size)))
        phones = sorted({piece(12).strip() or "0" for _ in range(chance.randint(0, 6))}, key=lambda p: (-len(p), p))
        paragraphs = [[piece(10) for _ in range(chance.randint(1, 4))] for _ in range(chance.randint(1, 3))]
        if phones and chance.random() < 0.7:  # put a listed number in, perhaps split
            number = chance.choice(phones)
            cut = chance.randint(0, len(number))
            paragraphs[0][-1:] = [paragraphs[0][-1] + number[:cut], number[cut:]]
        data = _with_paragraphs(shell, paragraphs)
        _same_as_before(data, Privacy(), phones)
        _same_as_before(data, Privacy(phone=True), phones)


def test_every_rendered_sample_document_is_cleaned_as_before(sample_root, tmp_path):
    from generator.documents import render_all
    from generator.validate import check_repository

    result = check_repository(sample_root)
    rendered = [path for path in render_all(result, sample_root, out_dir=tmp_path) if path.suffix == ".docx"]
    phones = site_files.personal_phones(result.repository)
    assert len(rendered) >= 10 and len(phones) >= 10
    masked = 0
    for path in rendered:
        data = path.read_bytes()
        cleaned, changed = _same_as_before(data, Privacy(), list(phones))
        masked += changed
    assert masked >= 10


def test_the_cache_key_names_only_the_numbers_of_that_document(shell, tmp_path, monkeypatch):
    calls: list[int] = []
    real = site_files.mask_docx
    monkeypatch.setattr(site_files, "mask_docx", lambda *args: calls.append(1) or real(*args))
    source = tmp_path / "2570-001-x.docx"
    source.write_bytes(_with_paragraphs(shell, [["โทร ", PHONE]]))
    cache = Cache(tmp_path, site_files.DOWNLOADS_CACHE)
    first, changed = masked_copy(source, cache, Privacy(), Phones([PHONE, "089-000-0001"]))
    assert changed and calls == [1]
    # Another proposal's new number: this document is not cleaned again.
    again, _ = masked_copy(source, cache, Privacy(), Phones(["089-000-0009", PHONE, "089-000-0001"]))
    assert again == first and calls == [1]
    # A new number that this document shows: cleaned again.
    source.write_bytes(_with_paragraphs(shell, [["โทร ", PHONE, " หรือ 089-000-0009"]]))
    masked_copy(source, cache, Privacy(), Phones([PHONE, "089-000-0001"]))
    assert calls == [1, 1]
    third, _ = masked_copy(source, cache, Privacy(), Phones(["089-000-0009", PHONE, "089-000-0001"]))
    assert calls == [1, 1, 1] and "089-000-0009" not in _body(third) and PHONE not in _body(third)


def _body(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_a_part_that_is_not_changed_keeps_its_compressed_bytes(shell):
    data = _with_paragraphs(shell, [["โทร ", PHONE]])
    cleaned, changed = mask_docx(data, Privacy(), Phones([PHONE]))
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(cleaned)) as after:
        assert before.namelist() == after.namelist()
        for info in before.infolist():
            moved = after.getinfo(info.filename)
            if info.filename != "word/document.xml":
                assert (moved.CRC, moved.compress_size) == (info.CRC, info.compress_size)
                assert after.read(info.filename) == before.read(info.filename)


def test_copying_an_entry_writes_what_writestr_writes(shell):
    def written(copy) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(shell)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                copy(source, target, info, source.read(info.filename))
        return out.getvalue()

    reused = written(lambda source, target, info, content: copy_entry(shell, target, info, content))
    assert reused == written(lambda source, target, info, content: target.writestr(info, content))


def test_a_known_digest_finds_the_copy_without_reading_the_document(shell, tmp_path, monkeypatch):
    """`render` hands the manifest's digest of an unchanged document: its cleaned copy is found
    without reading it, and is the copy made from its bytes."""
    from generator.cache import content_digest

    source = tmp_path / "2570-001-x.docx"
    source.write_bytes(_with_paragraphs(shell, [["โทร ", PHONE]]))
    cache = Cache(tmp_path, site_files.DOWNLOADS_CACHE)
    first, changed = masked_copy(source, cache, Privacy(), Phones([PHONE]))
    known = content_digest(source.read_bytes())
    read = []
    real_read = type(source).read_bytes
    monkeypatch.setattr(type(source), "read_bytes", lambda path: read.append(path) or real_read(path))
    again, changed_again = masked_copy(source, cache, Privacy(), Phones([PHONE]), known)
    assert (again, changed_again) == (first, changed) and changed and read == []
