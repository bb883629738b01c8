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

What it does not handle (pictures, a template with Jinja in footnotes or core properties, any error)
it declines by returning None, and the caller renders through docxtpl, which also gives the error
messages their one wording.
"""

from __future__ import annotations

import io
import re
import zipfile
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
_PARAGRAPH_MARKED = re.compile(r"\n<w:p([ >])")
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
        self._static = {name: static.read(name) for name in self._order if name not in dynamic}
        self._tpl.docx = None  # the parsed package is no longer needed

    def _source(self, xml: str) -> str:
        """docxtpl's Jinja source of a part (patch_xml, then render_xml_part's line marks)."""
        return _PARAGRAPH_START.sub(r"\n<w:p\1", self._tpl.patch_xml(xml))

    def _render_part(self, template, context: dict) -> str:
        """docxtpl.DocxTemplate.render_xml_part after Jinja."""
        xml = _PARAGRAPH_MARKED.sub(r"<w:p\1", template.render(context))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(character in xml for character in _LISTING_CHARACTERS):
            xml = self._tpl.resolve_listing(xml)
        return xml

    def render(self, context: dict) -> bytes:
        """The DOCX bytes of `context` (already cleaned of XML-illegal characters); raises Declined."""
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml import parse_xml

        from . import documents

        if _has_picture(context):
            raise Declined("picture")
        document_xml = self._document_xml(self._render_part(self._body, context), bool(context.get("thai_digits")))
        rendered = {"word/document.xml": document_xml}
        for part in self._parts:
            xml = self._render_part(part.template, context).encode(part.encoding)
            rendered[part.name] = serialize_part_xml(parse_xml(xml))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in self._order:
                entry = zipfile.ZipInfo(name, date_time=documents.ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                entry.create_system = 0
                target.writestr(entry, rendered[name] if name in rendered else self._static[name])
        return out.getvalue()

    def _document_xml(self, body_xml: str, thai_digits: bool) -> bytes:
        """docxtpl's fix_tables, fix_docpr_ids and map_tree, then python-docx's serialization."""
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.ns import nsmap, qn
        from docx.oxml.parser import oxml_parser
        from lxml import etree

        tree = self._tpl.fix_tables(body_xml)
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


def _has_picture(value) -> bool:
    from . import documents

    if isinstance(value, documents.Image):
        return True
    if isinstance(value, dict):
        return any(_has_picture(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_picture(item) for item in value)
    return False


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
