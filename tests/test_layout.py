"""Layout rules of every Word template and rendered document: tables span the text width, a
signature never stands alone, the font table names TH Sarabun New's fallback (never the font
itself), and with thai_digits the headings' numbers are Thai digits too."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from generator import fonts
from generator.documents import render_all

from conftest import REPO_ROOT

TEMPLATES = ["proposal.docx", "report.docx", "agenda.docx", "minutes.docx", "summary.docx"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text_width_twips(document) -> int:
    section = document.sections[0]
    return section.page_width.twips - section.left_margin.twips - section.right_margin.twips


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_table_spans_the_text_width(name):
    document = docx.Document(str(REPO_ROOT / "templates" / name))
    width = _text_width_twips(document)
    assert document.tables
    for index, table in enumerate(document.tables):
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - width) <= 10, f"{name} table {index}: {sum(grid)} twips, text width {width}"


def _is_tag(element) -> bool:
    text = "".join(element.itertext()).strip()
    return element.tag == qn("w:p") and text.startswith("{%")


def _keeps_with_next(element) -> bool:
    paragraphs = [element] if element.tag == qn("w:p") else list(element.findall(qn("w:tr"))[-1].iter(qn("w:p")))
    return all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)


@pytest.mark.parametrize("name", ["proposal.docx", "report.docx", "minutes.docx", "summary.docx"])
def test_a_signature_block_keeps_with_what_stands_before_it(name):
    body = docx.Document(str(REPO_ROOT / "templates" / name)).element.body
    blocks = [e for e in body if e.tag in (qn("w:p"), qn("w:tbl")) and not _is_tag(e)]
    signatures = [i for i, e in enumerate(blocks) if "".join(e.itertext()).startswith("ลงชื่อ")]
    assert signatures
    for index in signatures:
        blank, before = blocks[index - 1], blocks[index - 2]  # the block opens with an empty line
        assert "".join(blank.itertext()) == "" and _keeps_with_next(blank)
        assert _keeps_with_next(before), f"{name}: {''.join(before.itertext())[:40]!r} does not keep with the signature"


@pytest.fixture(scope="module")
def rendered(sample_root, tmp_path_factory):
    from generator.validate import check_repository

    out = tmp_path_factory.mktemp("docx")
    return render_all(check_repository(sample_root), sample_root, out_dir=out)


def test_the_font_table_names_the_fallback_as_word_writes_it_and_nothing_is_embedded(rendered):
    for path in rendered:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            table = etree.fromstring(package.read("word/fontTable.xml"))
            settings = package.read("word/settings.xml")
        entry = next(f for f in table.findall(f"{W}font") if f.get(f"{W}name") == "TH Sarabun New")
        assert entry.find(f"{W}altName").get(f"{W}val") == "TH SarabunPSK"
        assert entry.find(f"{W}panose1").get(f"{W}val") == "020B0500040200020003"
        assert entry.find(f"{W}charset").get(f"{W}val") == "00"
        assert entry.find(f"{W}family").get(f"{W}val") == "swiss"
        assert entry.find(f"{W}pitch").get(f"{W}val") == "variable"
        sig = entry.find(f"{W}sig")
        assert int(sig.get(f"{W}csb0"), 16) & (1 << 16), "code page 874 (Thai) is declared"
        assert [c.tag.split("}")[1] for c in entry] == ["altName", "panose1", "charset", "family", "pitch", "sig"]
        # The font is GPL without a font exception: never embedded in a DOCX.
        assert not [n for n in names if n.startswith("word/fonts/")]
        assert entry.find(f"{W}embedRegular") is None and b"embedTrueTypeFonts" not in settings


def test_the_pinned_panose_and_ranges_are_those_of_the_installed_font():
    import struct

    data = (fonts.default_folder() / "THSarabunNew-Regular.ttf").read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    records = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
               for i in range(count)}
    offset, _length = records[b"OS/2"]
    os2 = data[offset:]
    sig = fonts.FONT_TABLE_ENTRY["sig"]
    assert os2[32:42].hex().upper() == fonts.FONT_TABLE_ENTRY["panose1"]["val"]
    assert [f"{x:08X}" for x in struct.unpack(">IIII", os2[42:58])] == [sig[k] for k in ("usb0", "usb1", "usb2", "usb3")]
    assert [f"{x:08X}" for x in struct.unpack(">II", os2[78:86])] == [sig["csb0"], sig["csb1"]]


def test_thai_digits_reach_the_numbers_of_headings_but_not_project_ids(mini_repo, tmp_path):
    mini_repo.replace("khrongkan.yaml", "province: ชุมพร", "province: ชุมพร\nthai_digits: true")
    files = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    document = docx.Document(str(files[0]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "๑. ชื่อโครงการ" in headings and "๑๔. ผู้รับผิดชอบโครงการ" in headings
    assert not [h for h in headings if any(c in "0123456789" for c in h)], headings
    assert "2570-001-naphoe-welfare" in document.sections[0].header.paragraphs[0].text


def test_without_thai_digits_headings_keep_arabic_digits(mini_repo, tmp_path):
    files = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    headings = [p.text for p in docx.Document(str(files[0])).paragraphs if p.style.name.startswith("Heading")]
    assert "1. ชื่อโครงการ" in headings
