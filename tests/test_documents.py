"""Word documents: content, Thai typography, escaping, determinism, caching, interruption, PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import docx
import PIL.Image
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from generator import thai
from generator.cli import main
from generator.documents import (CONTRIBUTION_TH, KIND_TH, STATUS_TH, convert_to_pdf, find_soffice, render_all,
                                 render_docx, template_path)
from generator.errors import KhrongkanError, UsageError
from generator.load import read_yaml
from generator.problems import ProblemList
from generator.validate import check_repository

from conftest import PROPOSAL_DIR, REPORT

FONT = "TH Sarabun New"


# --- helpers ---------------------------------------------------------------------------------------

def document_text(path: Path) -> str:
    """All text of a DOCX (body, tables, headers, footers), one paragraph a line, spaces collapsed."""
    lines = []
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
    document = docx.Document(str(path))
    parts = [document.part] + [rel.target_part for rel in document.part.rels.values()
                               if rel.reltype.endswith(("/header", "/footer"))]
    assert len(parts) == len(names)
    for part in parts:
        for paragraph in part.element.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            lines.append(" ".join(text.split()))
    return "\n".join(lines)


def squash(text: str) -> str:
    return " ".join(str(text).split())


def leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, path + (index,))
    else:
        yield path, data


_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\\s]")


def base_letters(text: str) -> str:
    """Text without spaces and Thai vowel/tone marks: pdftotext may put a mark after the next letter."""
    return _THAI_MARKS.sub("", text)


def number_forms(value) -> set[str]:
    text = str(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return set()
    return {thai.format_number(number), thai.format_money(number, decimals=True), thai.format_percent(number)}


def expected_forms(path: tuple, value, repository) -> set[str]:
    """How a YAML leaf is allowed to appear in the document."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if key == "kind" and len(path) == 1 and value in KIND_TH:
        return {KIND_TH[value]}
    if key == "kind" and path[0] == "contributions":
        return {CONTRIBUTION_TH[value]}
    if key == "kind" and len(path) == 1:  # a report's kind shows as its title
        return {"รายงานความก้าวหน้า" if value == "progress" else "รายงานปิดโครงการ"}
    if key == "status":
        return {STATUS_TH[value]}
    if key == "coordinator" or path[0] == "visitors":
        return {repository.members[value].name}
    if key == "file":  # a photo: checked as an embedded image elsewhere
        return {""}
    if isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return {thai.format_date(thai.parse_date(value))}
    if isinstance(value, bool):
        return {""}
    if isinstance(value, (int, float, Decimal)) or (isinstance(value, str) and number_forms(value)
                                                     and key in ("amount", "unit_cost", "quantity", "target", "actual")):
        return number_forms(value)
    return {squash(paragraph) for paragraph in str(value).split("\n\n") if paragraph.strip()} or {""}


def assert_contains_every_leaf(yaml_path: Path, docx_path: Path, repository, root: Path) -> int:
    document = read_yaml(yaml_path, yaml_path.relative_to(root).as_posix(), ProblemList())
    text = document_text(docx_path)
    flat = " ".join(text.split())
    checked = 0
    for path, value in leaves(document.data):
        forms = expected_forms(path, value, repository)
        if key_is_multi_paragraph(forms):
            missing = [f for f in forms if f not in flat]
            assert not missing, f"{docx_path.name}: {'.'.join(map(str, path))} paragraph missing: {missing[0][:60]}"
        else:
            assert any(f in flat for f in forms), f"{docx_path.name}: {'.'.join(map(str, path))}={value!r} not shown"
        checked += 1
    return checked


def key_is_multi_paragraph(forms: set[str]) -> bool:
    return len(forms) > 1 and all(len(f) > 40 for f in forms)


@pytest.fixture(scope="module")
def sample_docs(sample_root, tmp_path_factory):
    """Every sample proposal and report rendered once into a temporary folder."""
    out = tmp_path_factory.mktemp("docx")
    result = check_repository(sample_root)
    files = render_all(result, sample_root, out_dir=out)
    return result, out, files


# --- content -----------------------------------------------------------------------------------------

def test_every_sample_document_reopens_and_shows_every_yaml_value(sample_root, sample_docs):
    result, out, files = sample_docs
    repository = result.repository
    assert not files.refused
    checked = 0
    for proposal in repository.proposals.values():
        proposal_docx = out / f"{proposal.id}.docx"
        assert proposal_docx in files
        checked += assert_contains_every_leaf(proposal.folder / "proposal.yaml", proposal_docx, repository, sample_root)
        for report in proposal.reports:
            report_docx = out / f"{proposal.id}-report-{report.number}.docx"
            checked += assert_contains_every_leaf(proposal.folder / f"report-{report.number}.yaml", report_docx,
                                                  repository, sample_root)
        for visit in proposal.visits:  # the committee's visit record keeps everything the visit file says
            checked += assert_contains_every_leaf(proposal.folder / f"visit-{visit.number}.yaml",
                                                  out / f"{proposal.id}-visit-{visit.number}.docx", repository, sample_root)
    assert len(files) == len(repository.proposals) + sum(len(p.reports) + len(p.visits)
                                                         for p in repository.proposals.values())
    assert sum(len(p.visits) for p in repository.proposals.values()) >= 4
    assert checked > 500


def test_proposal_shows_totals_in_words_installment_amounts_and_signatures(sample_docs):
    result, out, _files = sample_docs
    proposal = result.repository.proposals["2570-004-sawi-crabbank"]
    text = " ".join(document_text(out / f"{proposal.id}.docx").split())
    assert f"{thai.format_money(proposal.requested, decimals=True)} บาท" in text
    assert f"({thai.baht_words(proposal.requested)})" in text
    for installment in proposal.installments:
        assert thai.format_money(installment.amount, decimals=True) in text
    for activity in proposal.activities:
        assert f"รวมกิจกรรมที่ {activity.number}" in text
        assert thai.format_money(activity.total, decimals=True) in text
    for person in proposal.responsible:
        assert f"({person.name})" in text
    assert text.count("ลงชื่อ") == len(proposal.responsible) + 1  # and the committee's chairman
    assert "ความเห็นของคณะกรรมการ" in text
    header = docx.Document(str(out / f"{proposal.id}.docx")).sections[0].header
    assert f"รหัสโครงการ {proposal.id}" in " ".join(p.text for p in header.paragraphs)


def test_report_shows_finance_for_the_period_and_cumulative_and_a_scaled_photo(sample_docs):
    result, out, _files = sample_docs
    proposal = result.repository.proposals["2570-003-pathio-disaster"]
    report = proposal.reports[1]
    text = " ".join(document_text(out / f"{proposal.id}-report-2.docx").split())
    assert "รายงานปิดโครงการ" in text
    for amount in (report.received, report.spent, report.balance, report.cumulative_received,
                   report.cumulative_spent, report.cumulative_balance):
        assert thai.format_money(amount, decimals=True) in text
    assert thai.baht_words(report.cumulative_balance) in text
    # an activity reported only in report 1 is carried into report 2's plan table
    assert "ตามรายงานฉบับที่ 1" in text

    crab = result.repository.proposals["2570-004-sawi-crabbank"]
    path = out / f"{crab.id}-report-1.docx"
    document = docx.Document(str(path))
    shapes = document.inline_shapes
    assert len(shapes) == len(crab.reports[0].photos) == 1
    assert shapes[0].width <= docx.shared.Mm(150) + 1 and shapes[0].height <= docx.shared.Mm(100) + 1
    with zipfile.ZipFile(path) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 1
    # The report is offered for download: the photo goes in as the once-scaled web copy, upright
    # and without EXIF (a phone photo's EXIF holds the GPS position where it was taken).
    with PIL.Image.open(io.BytesIO(media[0])) as embedded:
        assert not embedded.getexif() and "exif" not in embedded.info
        assert embedded.size[0] > 0
    assert "ภาพที่ 1 " + crab.reports[0].photos[0].caption in " ".join(document_text(path).split())


def test_an_indicator_note_is_in_the_indicator_row_so_a_page_break_cannot_part_them(sample_docs):
    result, out, _files = sample_docs
    proposal = result.repository.proposals["2570-001-thasae-welfare"]
    results = {r.indicator: r for r in proposal.reports[0].indicators}
    document = docx.Document(str(out / f"{proposal.id}-report-1.docx"))
    cells = {cell.text: cell for table in document.tables for row in table.rows for cell in row.cells}
    noted = [i for i in proposal.indicators if i.number in results and results[i.number].note]
    assert len(noted) == 2
    for indicator in noted:
        cell = next(c for text, c in cells.items() if text.startswith(indicator.description))
        assert [p.text for p in cell.paragraphs] == [indicator.description, f"หมายเหตุ: {results[indicator.number].note}"]
    bare = next(i for i in proposal.indicators if i.number in results and not results[i.number].note)
    assert [p.text for p in cells[bare.description].paragraphs] == [bare.description]  # no empty line


# --- typography ------------------------------------------------------------------------------------

def _rpr_of(style):
    return style.element.find(qn("w:rPr"))


@pytest.mark.parametrize("name", ["proposal.docx", "report.docx"])
def test_styles_set_thai_font_size_and_language_for_complex_script(sample_root, sample_docs, name):
    _result, out, _files = sample_docs
    rendered = out / ("2570-004-sawi-crabbank.docx" if name == "proposal.docx" else "2570-004-sawi-crabbank-report-1.docx")
    for path in (template_path(sample_root, name), rendered):
        document = docx.Document(str(path))
        expected = {"Normal": (32, False), "Title": (40, True), "Heading 1": (36, True), "Heading 2": (32, True),
                    "Table Text": (32, False), "Table Heading": (32, True), "Header": (32, False)}
        for style_name, (half_points, bold) in expected.items():
            rpr = _rpr_of(document.styles[style_name])
            fonts = rpr.find(qn("w:rFonts"))
            for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                assert fonts.get(qn(slot)) == FONT, (style_name, slot)
            assert fonts.get(qn("w:cstheme")) is None and fonts.get(qn("w:asciiTheme")) is None
            assert rpr.find(qn("w:sz")).get(qn("w:val")) == str(half_points)
            assert rpr.find(qn("w:szCs")).get(qn("w:val")) == str(half_points), style_name
            assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
            assert (rpr.find(qn("w:bCs")) is not None) == bold, style_name  # Thai bold needs w:bCs
        # Runs never override the style's font or size: every run is TH Sarabun New.
        for run_properties in document.element.body.iter(qn("w:rPr")):
            assert run_properties.find(qn("w:rFonts")) is None
            assert run_properties.find(qn("w:sz")) is None
        section = document.sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        assert [round(x.cm, 2) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                         section.right_margin)] == [2.5, 2.0, 3.0, 2.0]
        footer = section.footer._element.xml
        assert "PAGE" in footer and "NUMPAGES" in footer


def test_thai_digits_setting_turns_numbers_and_dates_into_thai_digits(mini_repo, tmp_path):
    mini_repo.replace("khrongkan.yaml", "province: ชุมพร", "province: ชุมพร\nthai_digits: true")
    files = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    text = " ".join(document_text(files[0]).split())
    assert "๑,๒๐๐.๐๐" in text  # 15 x 80 baht
    assert "๒๐ ตุลาคม ๒๕๖๙" in text
    assert "1,200.00" not in text and "20 ตุลาคม 2569" not in text


def test_font_setting_replaces_the_font_of_every_style_for_thai_and_latin(mini_repo, tmp_path):
    mini_repo.replace("khrongkan.yaml", "province: ชุมพร", "province: ชุมพร\nfont: TH SarabunPSK")
    files = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    styles = docx.Document(str(files[0])).styles.element
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts
    for element in fonts:
        assert element.get(qn("w:cs")) == "TH SarabunPSK"
        assert element.get(qn("w:ascii")) == "TH SarabunPSK"


MONEY = re.compile(r"-?\d{1,3}(,\d{3})*\.\d\d")
MONEY_HEADERS = ("จำนวนเงิน", "งบประมาณ", "ราคาต่อหน่วย", "ใช้จ่าย", "คงเหลือ", "งวดนี้", "สะสม")


def test_money_has_two_decimals_in_every_money_column(sample_docs):
    _result, out, _files = sample_docs
    checked = 0
    for path in out.glob("*.docx"):
        for table in docx.Document(str(path)).tables:
            header = [cell.text.strip() for cell in table.rows[0].cells]
            columns = [i for i, text in enumerate(header) if text.startswith(MONEY_HEADERS)]
            for row in table.rows[1:]:
                cells = row.cells
                for i in columns:
                    if i and cells[i]._tc is cells[i - 1]._tc:  # part of a merged label cell
                        continue
                    text = cells[i].text.strip()
                    if text != header[i]:  # not a repeated header row
                        assert MONEY.fullmatch(text), f"{path.name}: {header[i]} = {text!r}"
                        checked += 1
    assert checked > 300


# --- escaping ------------------------------------------------------------------------------------------

def test_user_text_with_markup_characters_and_tags_shows_literally(mini_repo, tmp_path):
    title = 'โครงการ A&B <ทดสอบ> "คำพูด" {{ 7*7 }} {%p if x %}'
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "title: โครงการเสริมสร้างกองทุนสวัสดิการชุมชนตำบลนาโพธิ์",
                      "title: '" + title + "'")
    result = mini_repo.check()
    assert not result.errors
    files = render_all(result, mini_repo.root, out_dir=tmp_path / "out")
    text = document_text(files[0])
    assert title in text
    assert "49" not in text


def test_xml_illegal_characters_are_stripped_not_fatal(mini_repo, tmp_path):
    out = tmp_path / "x.docx"
    context = _mini_context(mini_repo)
    context["title"] = "ก\x00ข\x0bค\x1fง\ufffe"
    render_docx(template_path(mini_repo.root, "proposal.docx"), context, out)
    assert "กขคง" in document_text(out)


def _mini_context(mini_repo):
    from generator.documents import proposal_context

    result = mini_repo.check()
    proposal = next(iter(result.repository.proposals.values()))
    return proposal_context(proposal, result.repository)


def test_a_template_with_an_unknown_variable_fails_with_a_thai_message(mini_repo, tmp_path):
    context = _mini_context(mini_repo)
    del context["title"]
    with pytest.raises(KhrongkanError) as error:
        render_docx(template_path(mini_repo.root, "proposal.docx"), context, tmp_path / "x.docx")
    assert "แม่แบบ proposal.docx" in str(error.value) and "title" in str(error.value)
    assert not (tmp_path / "x.docx").exists()


# --- determinism and caching ---------------------------------------------------------------------------

def test_same_input_gives_the_same_bytes(mini_repo, tmp_path):
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    result = mini_repo.check()
    first = render_all(result, mini_repo.root, out_dir=tmp_path / "a")
    second = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "b")
    assert len(first) == 2
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
        with zipfile.ZipFile(a) as package:
            assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = package.read("docProps/core.xml").decode("utf-8")
        assert "2000-01-01T00:00:00Z" in core


def test_a_document_names_the_khrongkan_version_that_made_it(mini_repo, tmp_path):
    from generator import __version__

    [path] = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    properties = docx.Document(str(path)).core_properties
    assert properties.last_modified_by == f"khrongkan {__version__}"  # Word: File > Info, "Last Modified By"
    assert properties.version == __version__


def test_one_process_and_a_pool_give_the_same_bytes(sample_root, sample_docs, tmp_path):
    result, out, files = sample_docs
    serial = render_all(result, sample_root, out_dir=tmp_path / "serial", jobs=1)
    pooled = render_all(result, sample_root, out_dir=tmp_path / "pooled", jobs=2)
    assert len(serial) == len(pooled) == len(files) > 2
    for a, b, c in zip(serial, pooled, files):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_unchanged_inputs_are_not_rendered_again(mini_repo, tmp_path):
    out = tmp_path / "out"
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    first = render_all(mini_repo.check(), mini_repo.root, out_dir=out)
    assert len(first.written) == 2
    stamps = {path: path.stat().st_mtime_ns for path in first}
    second = render_all(mini_repo.check(), mini_repo.root, out_dir=out)
    assert second.written == [] and sorted(second.unchanged) == sorted(first)
    assert {path: path.stat().st_mtime_ns for path in second} == stamps
    # Changing the report renders only the report.
    mini_repo.replace(f"{PROPOSAL_DIR}/report-1.yaml", "result: ประชุมแล้ว", "result: ประชุมแล้วครบทุกคน")
    third = render_all(mini_repo.check(), mini_repo.root, out_dir=out)
    assert [p.name for p in third.written] == ["2570-001-naphoe-welfare-report-1.docx"]
    # An output changed by hand is rendered again.
    first[0].write_bytes(b"edited")
    fourth = render_all(mini_repo.check(), mini_repo.root, out_dir=out)
    assert fourth.written == [first[0]]
    # A changed template renders everything that uses it.
    templates = mini_repo.root / "templates"
    templates.mkdir()
    shutil.copy(template_path(mini_repo.root, "report.docx"), templates / "report.docx")
    with open(templates / "report.docx", "ab") as handle:
        handle.write(b"\0")  # still a valid zip (trailing bytes), but different bytes
    fifth = render_all(mini_repo.check(), mini_repo.root, out_dir=out)
    assert [p.name for p in fifth.written] == ["2570-001-naphoe-welfare-report-1.docx"]


def test_the_render_manifest_is_written_once_per_run_not_once_per_output(mini_repo, tmp_path, monkeypatch):
    import generator.documents.batch as documents

    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    real_write = documents.write_atomic
    manifest_writes = []

    def counting_write(path, data):
        if Path(path).name == documents.MANIFEST:
            manifest_writes.append(path)
        return real_write(path, data)

    monkeypatch.setattr(documents, "write_atomic", counting_write)
    out = tmp_path / "out"
    first = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert len(first.written) == 2 and len(manifest_writes) == 1
    second = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert second.written == [] and len(manifest_writes) == 1  # nothing rendered: nothing rewritten


def test_a_repeated_render_reads_none_of_the_documents_it_wrote(mini_repo, tmp_path, monkeypatch):
    """An output whose stamp (time, size, inode) is the one recorded is as it was written: a run
    with nothing changed hashes no document, and says what each one's digest is (a changed
    output is caught by its stamp and digest: rendered again, above)."""
    import generator.documents.batch as documents

    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    out = tmp_path / "out"
    first = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert len(first.written) == 2
    hashed = []
    real_digest = documents._file_digest
    monkeypatch.setattr(documents, "_file_digest", lambda path: hashed.append(Path(path)) or real_digest(path))
    second = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert second.written == [] and len(second.unchanged) == 2
    assert not [path for path in hashed if path.parent == out]  # the templates' digests only
    assert second.digests == {path: real_digest(path) for path in second.unchanged}


# --- selection, refusal, CLI -----------------------------------------------------------------------------

def test_render_command_selects_by_prefix_and_refuses_proposals_with_errors(mini_repo):
    second = "proposals/2570/2570-002-lamae"
    text = (mini_repo.root / PROPOSAL_DIR / "proposal.yaml").read_text(encoding="utf-8")
    mini_repo.write(f"{second}/proposal.yaml", text.replace("district: สวี", "district: ไม่มีอำเภอนี้"))
    runner = CliRunner()
    out = mini_repo.root / "out"
    selected = runner.invoke(main, ["render", "2570-001", "--repo", str(mini_repo.root), "--out", str(out)])
    assert selected.exit_code == 0, selected.output
    assert sorted(p.name for p in out.glob("*.docx")) == ["2570-001-naphoe-welfare.docx"]

    everything = runner.invoke(main, ["render", "--repo", str(mini_repo.root), "--out", str(out)])
    assert everything.exit_code == 1
    assert "ไม่ได้สร้างเอกสาร" in everything.output and "2570-002-lamae" in everything.output
    assert not (out / "2570-002-lamae.docx").exists()
    assert (out / "2570-001-naphoe-welfare.docx").exists()

    unknown = runner.invoke(main, ["render", "2570-099", "--repo", str(mini_repo.root), "--out", str(out)])
    assert unknown.exit_code == 2 and "ไม่พบโครงการรหัส '2570-099'" in unknown.output


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_outputs_are_ordinary_files_readable_by_others_not_private_temporaries(mini_repo, tmp_path):
    files = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "out")
    assert files[0].stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 would hide it from a web server


def test_default_output_folder_is_build_docx(mini_repo):
    files = render_all(mini_repo.check(), mini_repo.root)
    assert files == [mini_repo.root / "build" / "docx" / "2570-001-naphoe-welfare.docx"]


# --- interruption ------------------------------------------------------------------------------------------

def test_a_render_killed_midway_leaves_no_partial_file(mini_repo):
    """Kill `khrongkan render` while it writes: every output is the old or the new complete file."""
    text = (mini_repo.root / PROPOSAL_DIR / "proposal.yaml").read_text(encoding="utf-8")
    for number in range(2, 41):
        mini_repo.write(f"proposals/2570/2570-{number:03d}-copy/proposal.yaml", text)
    out = mini_repo.root / "out"
    command = [sys.executable, "-m", "generator", "render", "--repo", str(mini_repo.root), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run(command, check=True, env=env, capture_output=True)
    before = {path.name: path.read_bytes() for path in out.glob("*.docx")}
    assert len(before) == 40

    for number in range(1, 41):
        folder = PROPOSAL_DIR if number == 1 else f"proposals/2570/2570-{number:03d}-copy"
        mini_repo.replace(f"{folder}/proposal.yaml", "ย่อหน้าที่สอง", "ย่อหน้าที่สองฉบับแก้ไข")
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.read_bytes() != before.get(path.name) for path in out.glob("*.docx")):
            break
        time.sleep(0.02)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL) if hasattr(os, "killpg") else process.kill()
    process.wait()

    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(before)  # no extra, no missing file
    for path in out.glob("*.docx"):
        data = path.read_bytes()
        docx.Document(str(path))  # opens: a complete package
        if data != before[path.name]:
            assert "ย่อหน้าที่สองฉบับแก้ไข" in document_text(path)

    # The next run finishes the job and clears what the killed one left behind.
    subprocess.run(command, check=True, env=env, capture_output=True)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert all("ย่อหน้าที่สองฉบับแก้ไข" in document_text(p) for p in out.glob("*.docx"))


# --- PDF through LibreOffice -------------------------------------------------------------------------------

def test_libreoffice_converts_every_sample_with_thai_font_embedded(sample_docs, tmp_path, test_output):
    result, out, files = sample_docs
    pdfs = convert_to_pdf(list(files), tmp_path / "pdf")
    assert [p.stem for p in pdfs] == [p.stem for p in files]
    assert not [p for p in (tmp_path / "pdf").iterdir() if p.suffix != ".pdf"]  # temporary folder removed
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "THSarabunNew" in fonts and "THSarabunNew-Bold" in fonts, fonts  # the real font, not Laksaman
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        project_id = pdf.stem.split("-report-")[0].split("-visit-")[0]
        title = result.repository.proposals[project_id].title
        assert base_letters(title) in base_letters(text), pdf.name
    # Names, places and amounts are never broken in the middle: each word of them (they break only
    # at a space) stands whole on one line of the PDF (pdftotext -raw keeps Thai lines whole).
    for proposal in result.repository.proposals.values():
        raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / "pdf" / f"{proposal.id}.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
        lines = [" ".join(line.split()) for line in raw.splitlines()]
        words = [w for a in proposal.activities for w in a.place.split()]
        words += [w for r in proposal.responsible for w in f"{r.name} {r.position} {r.phone}".split()]
        words += [thai.format_money(a.total, decimals=True) for a in proposal.activities]
        broken = [w for w in words if not any(w in line for line in lines)]
        assert not broken, f"{proposal.id}: broken across lines: {broken}"
    for kind, name in (("proposal", "2570-004-sawi-crabbank"), ("report", "2570-004-sawi-crabbank-report-1")):
        target = test_output / f"document-{kind}-page1"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp_path / "pdf" / f"{name}.pdf"), str(target)], check=True)
        assert target.with_suffix(".png").stat().st_size > 10_000


def test_render_with_pdf_writes_pdfs_beside_and_skips_unchanged(mini_repo):
    first = render_all(mini_repo.check(), mini_repo.root, pdf=True)
    pdf = mini_repo.root / "build" / "pdf" / "2570-001-naphoe-welfare.pdf"
    assert pdf in first and pdf in first.written
    assert pdf.read_bytes().startswith(b"%PDF")
    again = render_all(mini_repo.check(), mini_repo.root, pdf=True)
    assert again.written == [] and pdf in again.unchanged


def test_missing_libreoffice_is_a_clear_thai_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        monkeypatch.setenv(variable, str(tmp_path))
    with pytest.raises(KhrongkanError) as error:
        find_soffice()
    message = str(error.value)
    assert "ไม่พบโปรแกรม LibreOffice" in message and "ติดตั้ง" in message and "apt-get install" in message


def test_unknown_id_is_a_usage_error(mini_repo):
    with pytest.raises(UsageError):
        render_all(mini_repo.check(), mini_repo.root, ids=["2569-001"])


def test_an_unchanged_report_does_not_re_encode_its_photos(mini_repo, tmp_path, monkeypatch):
    import io

    from PIL import Image as PILImage

    import generator.documents as documents

    folder = mini_repo.root / PROPOSAL_DIR / "files"
    folder.mkdir()
    PILImage.new("RGB", (2400, 1200), (10, 120, 200)).save(folder / "big.jpg", format="JPEG")
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml",
                    REPORT + "photos:\n  - file: files/big.jpg\n    caption: ภาพใหญ่\n")
    import generator.photos as photos

    encoded = []
    real_scale = photos.scale_photo

    def counting(data):
        encoded.append(True)
        return real_scale(data)

    monkeypatch.setattr(photos, "scale_photo", counting)
    out = tmp_path / "out"
    first = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert len(first.written) == 2 and encoded == [True]  # scaled down once (the photo cache, shared with the site)
    with zipfile.ZipFile(first[1]) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    with PILImage.open(io.BytesIO(media[0])) as embedded:
        assert embedded.size == (documents.PHOTO_MAX_PIXELS, documents.PHOTO_MAX_PIXELS // 2)
    second = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert second.written == [] and encoded == [True]  # nothing to render: the photo is not decoded again
    (out / first[1].name).unlink()
    third = render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert len(third.written) == 1 and encoded == [True]  # rendered again from the cached copy


def test_photos_are_turned_upright_and_large_ones_scaled_down():
    import io

    from PIL import Image as PILImage

    from generator.documents import PHOTO_MAX_PIXELS, Image

    buffer = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # taken with the phone on its side: rotate 90 degrees to show
    PILImage.new("RGB", (300, 200), (10, 120, 200)).save(buffer, format="JPEG", exif=exif)
    upright = Image.fit(buffer.getvalue())
    with PILImage.open(io.BytesIO(upright.data)) as picture:
        assert picture.size == (200, 300)
    assert upright.height_mm == 100 and upright.width_mm < upright.height_mm

    buffer = io.BytesIO()
    PILImage.new("RGB", (4000, 2000), (200, 120, 10)).save(buffer, format="PNG")
    large = Image.fit(buffer.getvalue())
    with PILImage.open(io.BytesIO(large.data)) as picture:
        assert max(picture.size) == PHOTO_MAX_PIXELS
    assert large.width_mm == 150 and large.height_mm == 75

    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300)).save(buffer, format="PNG")
    small = Image.fit(buffer.getvalue())
    assert small.data == buffer.getvalue()  # already fine: embedded as it is


def test_a_file_libreoffice_cannot_convert_is_named_in_a_thai_error(mini_repo, tmp_path):
    good = render_all(mini_repo.check(), mini_repo.root, out_dir=tmp_path / "docx")[0]
    broken = tmp_path / "docx" / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word file")
    with pytest.raises(KhrongkanError) as error:
        convert_to_pdf([good, broken], tmp_path / "pdf")
    assert "LibreOffice แปลงเป็น PDF ไม่สำเร็จ: broken.docx" in str(error.value)
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [f"{good.stem}.pdf"]


def test_outputs_of_a_deleted_proposal_are_removed_but_a_broken_one_keeps_its_last_documents(mini_repo):
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    other = "proposals/2570/2570-002-lamae"
    mini_repo.write(f"{other}/proposal.yaml", (mini_repo.root / PROPOSAL_DIR / "proposal.yaml").read_text(encoding="utf-8"))
    render_all(mini_repo.check(), mini_repo.root)
    docx_dir = mini_repo.root / "build" / "docx"
    assert {p.name for p in docx_dir.glob("*.docx")} == {
        "2570-001-naphoe-welfare.docx", "2570-001-naphoe-welfare-report-1.docx", "2570-002-lamae.docx"}

    shutil.rmtree(mini_repo.root / other)  # deleted
    mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "kind: area", "kind: ares")  # broken, being fixed
    render_all(mini_repo.check(), mini_repo.root)
    assert {p.name for p in docx_dir.glob("*.docx")} == {
        "2570-001-naphoe-welfare.docx", "2570-001-naphoe-welfare-report-1.docx"}


def _pdf_page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_a_proposal_of_three_activities_like_the_samples_fits_in_five_pages(sample_root, mini_repo, tmp_path,
                                                                             test_output):
    """The sample youth proposal less one activity (3 activities, 9 budget lines, 3 responsible
    persons), in the real TH Sarabun New: at most 5 pages, as in the secretariat's own Word file."""
    text = (sample_root / "proposals/2570/2570-009-mueang-youth/proposal.yaml").read_text(encoding="utf-8")
    third = text.index("  - name: เยาวชนทำโครงงานเพื่อชุมชน")
    text = text[:third] + text[text.index("  - name: เวทีสรุปบทเรียน"):]
    text = (text.replace("district: เมืองชุมพร", "district: สวี").replace("[หาดทรายรี, ทุ่งคา]", "[นาโพธิ์, ด่านสวี]")
            .replace("issue: เด็กเยาวชนและครอบครัว", "issue: สวัสดิการชุมชน").replace("coordinator: m40", "coordinator: s01"))
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("plan:"))  # no plan here
    mini_repo.write(f"{PROPOSAL_DIR}/proposal.yaml", text)
    result = mini_repo.check()
    proposal = next(iter(result.repository.proposals.values()))
    assert len(proposal.activities) == 3 and not result.errors, result.errors
    files = render_all(result, mini_repo.root, out_dir=tmp_path / "docx")
    pdf = convert_to_pdf([p for p in files if "report" not in p.name], tmp_path / "pdf")[0]
    pages = _pdf_page_count(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(test_output / "proposal-3-activities")], check=True)
    assert pages <= 5, f"{pages} pages"
