"""Word templates compiled once per process, so each document renders only its own XML.

docxtpl reopens the template, patches its Jinja tags, compiles them and re-serializes every part
of the package (styles alone are 800 KB) for every document. A `CompiledTemplate` does that work
once: it keeps the Jinja templates of the body and of the headers and footers, and the bytes of
every other part as the documents pipeline leaves them (font applied, font table described, fixed
core properties). Rendering a context then runs Jinja on the body and the headers, applies the
same steps docxtpl and the pipeline apply to them (docxtpl's table fix, drawing ids, Thai digits
in headings), and zips the parts in the order and with the zip settings of
`documents.normalize_package`, so the bytes are those of the docxtpl path (tests/test_fast_render.py
compares every part of both for every document kind).

Pictures are added to the compiled package as docxtpl adds them, and taken out after the document.
What it does not handle (a picture in a header, a template with Jinja in footnotes or core
properties, any error) it declines, and the caller renders through docxtpl, which also gives the
error messages their one wording.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import cache

_HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders through Jinja (docxtpl.DocxTemplate.render_properties).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_JINJA_MARK = re.compile(r"\{[{%#]")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")


@dataclass
class _Part:
    """A header or footer with Jinja tags: rendered for each document."""

    name: str  # zip entry name
    template: object  # jinja2.Template
    encoding: str


class Declined(Exception):
    """The fast path cannot render this context (a picture): the caller uses docxtpl."""


class CompiledTemplate:
    """One Word template with one font setting, ready to render many contexts."""

    def __init__(self, data: bytes, font: str | None):
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import qn
        from docxtpl import DocxTemplate
        from lxml import etree

        from . import documents
        from .fonts import FAMILY, describe_in_font_table

        self._tpl = DocxTemplate(io.BytesIO(data))  # also docxtpl's XML helpers, which use no state
        self._tpl.init_docx()
        document = self._tpl.docx
        environment = documents.jinja_environment()
        if any(part.content_type == _FOOTNOTES_TYPE for part in document.part.package.parts):
            raise Declined("footnotes")
        properties = document.core_properties
        for name in _RENDERED_PROPERTIES:
            value = getattr(properties, name)
            if _JINJA_MARK.search(value):
                raise Declined("core properties")
            setattr(properties, name, environment.from_string(value).render({}))  # as docxtpl does

        self._body = environment.from_string(self._source(self._tpl.get_xml()))
        self._parts: list[_Part] = []
        for uri in (_HEADER_URI, _FOOTER_URI):
            for _key, part in self._tpl.get_headers_footers(uri):
                xml = self._tpl.get_part_xml(part)
                self._parts.append(_Part(part.partname.lstrip("/"), environment.from_string(self._source(xml)),
                                         self._tpl.get_headers_footers_encoding(xml)))

        # The shell: <w:document> with an empty body, into which each rendered body is moved.
        root = document.element
        body = root.find(qn("w:body"))
        placeholder = etree.Element(qn("w:body"))
        root.replace(body, placeholder)
        self._shell = etree.tostring(root)
        root.replace(placeholder, body)

        # What thai_digits_in_headings reads: the name of each paragraph style, by id.
        styles = document.styles
        default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default_style = default.name if default is not None else None
        self._style_names: dict[str, str] = {}
        for style in styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                self._style_names.setdefault(style.style_id, style.name)

        # Every other part as the pipeline leaves it.
        if font:
            documents.apply_font(document, font)
        describe_in_font_table(document, font or FAMILY)
        documents.fixed_core_properties(document)
        buffer = io.BytesIO()
        document.save(buffer)
        static = zipfile.ZipFile(io.BytesIO(documents.normalize_package(buffer.getvalue())))
        self._order = static.namelist()
        dynamic = {"word/document.xml", *(part.name for part in self._parts)}
        # Compressed once: deflating them (styles alone are 800 KB) was most of a document's time.
        self._static = {name: _Deflated(static.read(name)) for name in self._order if name not in dynamic}
        # Kept for pictures: each is added to this package (as docxtpl's InlineImage adds it), the
        # parts it changes are read, and it is taken out again.
        self._package_document = document
        self._tpl.docx = None

    def _source(self, xml: str) -> str:
        """docxtpl's Jinja source of a part (patch_xml, then render_xml_part's line marks)."""
        return _PARAGRAPH_START.sub(r"\n<w:p\1", self._tpl.patch_xml(xml))

    def _render_part(self, template, context: dict) -> str:
        """docxtpl.DocxTemplate.render_xml_part after Jinja."""
        xml = template.render(context).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(character in xml for character in _LISTING_CHARACTERS):
            xml = self._tpl.resolve_listing(xml)
        return xml

    def render(self, context: dict) -> bytes:
        """The DOCX bytes of `context`; raises Declined."""
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml import parse_xml

        from . import documents

        pictures = _Pictures(self._package_document)
        context = pictures.prepare(context, documents.Image, documents.clean_text)
        if not pictures.used:
            pictures = None
        try:
            body = self._render_part(self._body, context)
            if pictures is not None:
                pictures.in_body = False  # docxtpl would relate a picture in a header to the header
            document_xml = self._document_xml(body, bool(context.get("thai_digits")))
            rendered = {"word/document.xml": document_xml}
            for part in self._parts:
                xml = self._render_part(part.template, context).encode(part.encoding)
                rendered[part.name] = serialize_part_xml(parse_xml(xml))
            order = self._order
            if pictures is not None:
                order = pictures.package_parts(rendered)
        finally:
            if pictures is not None:
                pictures.remove()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in order:  # the entries of documents.normalize_package
                entry = zipfile.ZipInfo(name, date_time=documents.ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                entry.create_system = 0
                if name in rendered:
                    target.writestr(entry, rendered[name])
                else:
                    self._static[name].write(target, entry)
        return out.getvalue()

    def _document_xml(self, body_xml: str, thai_digits: bool) -> bytes:
        """docxtpl's fix_tables, fix_docpr_ids and map_tree, then python-docx's serialization."""
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.ns import nsmap, qn
        from docx.oxml.parser import oxml_parser
        from lxml import etree

        tree = _fix_tables(self._tpl, body_xml)
        for number, drawing in enumerate(tree.xpath("//wp:docPr", namespaces=nsmap), start=1001):
            drawing.attrib["id"] = str(number)
        root = etree.fromstring(self._shell, oxml_parser)
        root.replace(root.find(qn("w:body")), tree)  # drops the body's redundant namespace declarations
        del tree  # its proxy has lxml's plain class; python-docx's classes are wanted from here on
        if thai_digits:
            self._thai_digits_in_headings(root.find(qn("w:body")))
        return serialize_part_xml(root)

    def _thai_digits_in_headings(self, body) -> None:
        """documents.thai_digits_in_headings on the body element, styles looked up by id."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        from . import documents

        for element in body.iterchildren(qn("w:p")):
            style_id = element.style
            name = self._style_names.get(style_id, self._default_style) if style_id else self._default_style
            if name in documents._NUMBERED_STYLES:
                for run in Paragraph(element, None).runs:
                    documents.thai_digits_in_run(run)


_TABLE_CHECKS = None


def _fix_tables(tpl, xml: str):
    """docxtpl's fix_tables, whose Python walk over every cell was half of a document's time, done
    only when a table needs it: when no row has more cells than the grid has columns, a row fills
    the grid and every span is at least one, it changes nothing."""
    global _TABLE_CHECKS
    from lxml import etree

    if _TABLE_CHECKS is None:
        namespaces = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        _TABLE_CHECKS = (
            etree.XMLParser(recover=True),  # docxtpl's parser
            etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=namespaces),
            etree.XPath("boolean(w:tblGrid) and not(.//w:tr[count(w:tc) > $n]) and boolean(.//w:tr[count(w:tc) >= $n])"
                        " and not(.//w:tr/w:tc/w:tcPr/w:gridSpan[not(@w:val >= 1)])", namespaces=namespaces),
        )
    parser, columns, unchanged = _TABLE_CHECKS
    tree = etree.fromstring(xml, parser=parser)
    for table in tree.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"):
        if not unchanged(table, n=columns(table)):
            return tpl.fix_tables(xml)
    return tree


class _Pictures:
    """The pictures of one document: docxtpl's InlineImage, done on the compiled package.

    python-docx adds each picture as an image part related to the document part (a new rId, a
    new word/media/imageN name, a content type); this reads the parts that changes, in the order
    python-docx writes them, then takes the pictures out so the next document starts clean."""

    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.in_body = True
        self.used = False
        self._rids = set(self.part.rels)
        self._images = list(self.part.package.image_parts)

    def prepare(self, value, image_type, clean):
        """documents._prepare for this path: strings cleaned, Image values made pictures."""
        if isinstance(value, str):
            return clean(value)
        if isinstance(value, dict):
            return {key: self.prepare(item, image_type, clean) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.prepare(item, image_type, clean) for item in value]
        if isinstance(value, image_type):
            self.used = True
            return _Picture(self, value)
        return value

    def inline(self, image) -> str:
        """docxtpl.InlineImage._insert_image."""
        from docx.shared import Mm

        if not self.in_body:
            raise Declined("picture outside the body")
        pic = self.part.new_pic_inline(io.BytesIO(image.data), Mm(image.width_mm), Mm(image.height_mm)).xml
        return '</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space="preserve">' % pic

    def package_parts(self, rendered: dict[str, bytes]) -> list[str]:
        """Add the parts the pictures change to `rendered`; return every entry name in the order
        python-docx's PackageWriter writes them."""
        from docx.opc.pkgwriter import _ContentTypesItem

        package = self.part.package
        parts = package.parts
        rendered["[Content_Types].xml"] = _ContentTypesItem.from_parts(parts).blob
        order = ["[Content_Types].xml", "_rels/.rels"]
        for part in parts:
            name = part.partname.lstrip("/")
            order.append(name)
            if part in package.image_parts and part not in self._images:
                rendered[name] = part.blob
            if len(part.rels):
                order.append(part.partname.rels_uri.lstrip("/"))
        rendered[self.part.partname.rels_uri.lstrip("/")] = self.part.rels.xml
        return order

    def remove(self) -> None:
        for rid in [rid for rid in self.part.rels if rid not in self._rids]:
            del self.part.rels[rid]
            self.part.rels._target_parts_by_rId.pop(rid, None)
        images = self.part.package.image_parts._image_parts
        images[:] = [image for image in images if image in self._images]


class _Picture:
    """An Image in a context rendered by the compiled path: Jinja asks it for its XML."""

    def __init__(self, pictures: _Pictures, image):
        self.pictures, self.image = pictures, image

    def __html__(self) -> str:
        return self.pictures.inline(self.image)

    __str__ = __html__


class _Deflated:
    """A part's bytes with their deflated form, which zipfile writes instead of compressing again."""

    def __init__(self, data: bytes):
        self.data = data
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's own
        self.deflated = compressor.compress(data) + compressor.flush()

    def write(self, target: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
        """As target.writestr(entry, self.data), without the compression. zipfile has no public
        way to add compressed bytes, so its writer is handed a compressor that replays them; where
        a zipfile version has no such attribute, the part is simply compressed again (same bytes)."""
        entry.file_size = len(self.data)
        with target.open(entry, mode="w") as stream:
            stream._compressor = _Replay(self.deflated)
            stream.write(self.data)


class _Replay:
    def __init__(self, deflated: bytes):
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.deflated


_COMPILED: dict[tuple[str, str], CompiledTemplate | None] = {}


def compiled(template: Path, font: str | None) -> CompiledTemplate | None:
    """The compiled template for these bytes and font, made once per process (None: declined)."""
    data = Path(template).read_bytes()
    key = (cache.digest(data), font or "")
    if key not in _COMPILED:
        try:
            _COMPILED[key] = CompiledTemplate(data, font)
        except Exception:  # declined, or broken: docxtpl renders it and reports the error
            _COMPILED[key] = None
    return _COMPILED[key]
