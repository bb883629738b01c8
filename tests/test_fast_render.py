"""The compiled-template path gives the bytes docxtpl gives, for every document kind."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from generator import documents
from generator.documents import engine

ROOT = Path(__file__).resolve().parent.parent


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def assert_same_package(fast: bytes, reference: bytes) -> None:
    fast_parts, reference_parts = parts(fast), parts(reference)
    assert list(fast_parts) == list(reference_parts)  # the same parts in the same order
    for name, data in reference_parts.items():
        assert fast_parts[name] == data, f"{name} differs"
    assert fast == reference  # and the same zip around them


# (font, thai_digits): the package's font (described in the font table) with Thai digits in the
# headings; another font from khrongkan.yaml (put into every style) with Arabic digits.
VARIANTS = [(None, True), ("Garuda", False)]


@pytest.mark.parametrize("kind", sorted(documents.DOCUMENT_KINDS))
def test_the_compiled_template_renders_every_kind_as_docxtpl_does(kind):
    spec = documents.DOCUMENT_KINDS[kind]
    template = documents.template_path(ROOT, spec.template)
    sample = spec.sample_context()  # the report's has a photo
    for font, digits in VARIANTS:
        context = {**sample, "thai_digits": digits}
        compiled = engine.CompiledTemplate(template.read_bytes(), font)
        fast = compiled.render(context)
        assert_same_package(fast, documents.render_with_docxtpl(template, context, font))


def test_thai_digits_reach_the_headings_in_the_compiled_path():
    spec = documents.DOCUMENT_KINDS["proposal"]
    template = documents.template_path(ROOT, spec.template)
    compiled = engine.CompiledTemplate(template.read_bytes(), None)
    sample = spec.sample_context()
    arabic = parts(compiled.render({**sample, "thai_digits": False}))["word/document.xml"].decode("utf-8")
    thai = parts(compiled.render({**sample, "thai_digits": True}))["word/document.xml"].decode("utf-8")
    assert "๑." not in arabic and "๑." in thai


def test_pictures_are_taken_out_of_the_compiled_package_after_each_document():
    import copy

    spec = documents.DOCUMENT_KINDS["report"]
    template = documents.template_path(ROOT, spec.template)
    with_photo = spec.sample_context()
    two_photos = copy.deepcopy(with_photo)
    photo = two_photos["photos"][0]
    other = documents.Image.fit(_png((30, 60, 90)))
    two_photos["photos"] = [photo, {**photo, "image": other}, photo]  # the same picture twice: one part
    without = {**with_photo, "photos": []}
    compiled = engine.CompiledTemplate(template.read_bytes(), None)
    for context in (two_photos, without, with_photo, two_photos):
        fast = compiled.render(context)
        assert_same_package(fast, documents.render_with_docxtpl(template, context))
    media = [name for name in parts(fast) if name.startswith("word/media/")]
    assert len(media) == 2


def test_many_pictures_are_numbered_and_shared_as_docxtpl_does():
    spec = documents.DOCUMENT_KINDS["report"]
    template = documents.template_path(ROOT, spec.template)
    sample = spec.sample_context()
    photo = sample["photos"][0]
    pictures = [documents.Image.fit(_png((10 * n, 60, 90))) for n in range(12)]
    # Twelve different pictures, some of them twice, and the sample's photo again at the end.
    listed = [{**photo, "image": pictures[n % 12]} for n in (0, 1, 2, 1, 3, 4, 5, 0, 6, 7, 8, 9, 10, 11, 11)] + [photo]
    compiled = engine.CompiledTemplate(template.read_bytes(), None)
    fast = compiled.render({**sample, "photos": listed})
    assert_same_package(fast, documents.render_with_docxtpl(template, {**sample, "photos": listed}))
    media = [name for name in parts(fast) if name.startswith("word/media/")]
    assert len(media) == 13  # one part per different picture
    assert_same_package(compiled.render(sample), documents.render_with_docxtpl(template, sample))  # taken out again


def test_pictures_are_stored_in_the_package_as_they_are_and_the_xml_deflated():
    spec = documents.DOCUMENT_KINDS["report"]
    template = documents.template_path(ROOT, spec.template)
    fast = engine.CompiledTemplate(template.read_bytes(), None).render(spec.sample_context())
    with zipfile.ZipFile(io.BytesIO(fast)) as package:
        kinds = {info.filename: info.compress_type for info in package.infolist()}
    media = [name for name in kinds if name.startswith("word/media/")]
    assert media and all(kinds[name] == zipfile.ZIP_STORED for name in media)  # a JPEG or PNG deflates no smaller
    assert kinds["word/document.xml"] == kinds["word/styles.xml"] == zipfile.ZIP_DEFLATED


def _png(colour) -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 6), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_template_is_compiled_once_per_process_and_font(monkeypatch):
    made = []
    real = engine.CompiledTemplate.__init__

    def counting(self, data, font):
        made.append(font)
        real(self, data, font)

    monkeypatch.setattr(engine.CompiledTemplate, "__init__", counting)
    monkeypatch.setattr(engine, "_COMPILED", {})
    template = documents.template_path(ROOT, "proposal.docx")
    context = documents.DOCUMENT_KINDS["proposal"].sample_context()
    first = documents.render_to_bytes(template, context)
    assert documents.render_to_bytes(template, context) == first
    documents.render_to_bytes(template, context, "Garuda")
    assert made == [None, "Garuda"]


def test_a_template_with_jinja_in_its_core_properties_is_left_to_docxtpl(tmp_path):
    import docx

    template = tmp_path / "proposal.docx"
    document = docx.Document(str(documents.template_path(ROOT, "proposal.docx")))
    document.core_properties.title = "{{ title }}"
    document.save(str(template))
    with pytest.raises(engine.Declined):
        engine.CompiledTemplate(template.read_bytes(), None)
    assert engine.compiled(template, None) is None
    context = documents.DOCUMENT_KINDS["proposal"].sample_context()
    rendered = docx.Document(io.BytesIO(documents.render_to_bytes(template, context)))
    assert rendered.core_properties.title == context["title"]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _table(grid: int, rows: list[int]) -> str:
    columns = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    body = "".join("<w:tr>" + "<w:tc><w:p/></w:tc>" * cells + "</w:tr>" for cells in rows)
    return f"<w:tbl><w:tblGrid>{columns}</w:tblGrid>{body}</w:tbl>"


@pytest.mark.parametrize("grid, rows", [(2, [2, 2]), (2, [3, 2]), (3, [2, 2]), (2, [2, 1])])
def test_tables_are_fixed_as_docxtpl_fixes_them(grid, rows):
    from docxtpl import DocxTemplate
    from lxml import etree

    tpl = DocxTemplate(str(documents.template_path(ROOT, "proposal.docx")))
    xml = f"<w:body {W}>{_table(grid, rows)}</w:body>"
    assert etree.tostring(engine._fix_tables(tpl, xml)) == etree.tostring(tpl.fix_tables(xml))


def test_an_output_whose_sources_are_unchanged_gets_no_context(mini_repo, tmp_path, monkeypatch):
    import generator.documents.batch as batch

    from conftest import PROPOSAL_DIR, REPORT

    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT)
    built = []
    for name in ("proposal_context", "report_context"):
        real = getattr(batch, name)
        monkeypatch.setattr(batch, name, lambda *args, real=real, name=name: built.append(name) or real(*args))
    out = tmp_path / "out"
    first = batch.render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert len(first.written) == 2 and built == ["proposal_context", "report_context"]
    built.clear()
    second = batch.render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert second.written == [] and built == []  # nothing built, nothing rendered
    # A shared file changed: every context is built again, but only changed outputs are written.
    with open(mini_repo.root / "committee.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# แก้ไขหมายเหตุ\n")
    third = batch.render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1)
    assert third.written == [] and built == ["proposal_context", "report_context"]
    built.clear()
    assert batch.render_all(mini_repo.check(), mini_repo.root, out_dir=out, jobs=1).written == [] and built == []
