"""The one adapter around docxtpl: Word templates and contexts in, DOCX bytes out.

`render_docx` renders a template with a context into a file (autoescape on, undefined variables
are errors, XML-illegal characters stripped, atomic write, the same bytes for the same input).

docxtpl reopens the template, patches its Jinja tags, compiles them and re-serializes every part
of the package (styles alone are 800 KB) for every document. A `CompiledTemplate` does that work
once per process: it keeps the Jinja templates of the body and of the headers and footers, and
the bytes of every other part as the pipeline leaves them (font applied, font table described,
fixed core properties), deflated once (pictures are stored: `compress_type`). Rendering a context then runs Jinja on the body and the
headers, applies what docxtpl and the pipeline apply to them (docxtpl's table fix, drawing ids,
Thai digits in headings, pictures), and zips the parts in the order and with the zip settings of
`normalize_package`, so the bytes are those of the docxtpl path (`render_with_docxtpl`), which
tests/test_fast_render.py compares part by part for every document kind. What it declines (a
picture in a header, a template with Jinja in footnotes or core properties, any error) is
rendered through docxtpl, which also gives the error messages their one wording.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__, cache, thai
from ..errors import KhrongkanError
from ..files import write_if_changed
from ..zipparts import Deflated

FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)  # docProps dates: stable bytes
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
# Pictures in formats that are compressed already: stored in a package as they are, since
# deflating 300 JPEGs again costs seconds and saves about nothing.
_STORED_SUFFIXES = (".jpeg", ".jpg", ".png", ".gif", ".webp")

# Photos are scaled to fit this box inside the 16 cm text width.
PHOTO_MAX_WIDTH_MM = 150
PHOTO_MAX_HEIGHT_MM = 100
PHOTO_MAX_PIXELS = 1600  # larger photos are scaled down (and turned upright) before embedding

# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --- the docxtpl adapter -------------------------------------------------------------------------

@dataclass(frozen=True)
class Image:
    """A picture for a template: the file's bytes and its size on the page (millimetres).

    `fit` reads only the picture's header; turning it upright and scaling it down (`data`) waits
    until a document is rendered, so an unchanged report does not re-encode its photos on every run.
    """

    source: bytes = field(repr=False)
    width_mm: float
    height_mm: float
    reencode: bool = False  # on its side by EXIF (Word ignores the tag) or larger than PHOTO_MAX_PIXELS

    @classmethod
    def fit(cls, data: bytes, max_width_mm: float = PHOTO_MAX_WIDTH_MM,
            max_height_mm: float = PHOTO_MAX_HEIGHT_MM) -> "Image":
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            orientation = picture.getexif().get(0x0112, 1)
        if orientation in (5, 6, 7, 8):  # quarter turns: shown with width and height exchanged
            width, height = height, width
        reencode = orientation not in (1, None) or max(width, height) > PHOTO_MAX_PIXELS
        scale = min(max_width_mm / width, max_height_mm / height)
        return cls(data, round(width * scale, 1), round(height * scale, 1), reencode)

    @property
    def data(self) -> bytes:
        """The bytes to embed: the file as it is, or an upright JPEG at most PHOTO_MAX_PIXELS wide."""
        if not self.reencode:
            return self.source
        from PIL import Image as PILImage
        from PIL import ImageOps

        with PILImage.open(io.BytesIO(self.source)) as picture:
            upright = ImageOps.exif_transpose(picture).convert("RGB")
        upright.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
        buffer = io.BytesIO()
        upright.save(buffer, format="JPEG", quality=85)
        return buffer.getvalue()

    def digest(self) -> str:
        """Of the source file: what the embedded bytes are made from, known without making them."""
        return hashlib.sha256(self.source).hexdigest()


def clean_text(text: str) -> str:
    """Remove characters that would make the DOCX's XML invalid."""
    return _XML_ILLEGAL.sub("", text)


def _prepare(value, template):
    """Clean every string of the context; turn Image values into docxtpl inline images."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: _prepare(item, template) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_prepare(item, template) for item in value]
    if isinstance(value, Image):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(template, io.BytesIO(value.data), width=Mm(value.width_mm), height=Mm(value.height_mm))
    return value


def jinja_environment():
    import jinja2

    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def normalize_package(data: bytes) -> bytes:
    """The same Office package (DOCX, XLSX) with fixed zip timestamps and attributes and fixed
    creation dates in docProps/core.xml, so equal content gives equal bytes on every system."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = compress_type(info.filename)
            entry.external_attr = 0o644 << 16
            entry.create_system = 0  # the default differs between Windows and other systems
            target.writestr(entry, content)
    return out.getvalue()


def compress_type(name: str) -> int:
    """How a package entry is zipped: an already compressed picture stored, the rest deflated."""
    return zipfile.ZIP_STORED if name.lower().endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED


def apply_font(document, font: str) -> None:
    """Use `font` (khrongkan.yaml `font`) in every style, for Thai (w:cs) as well as Latin text."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)


# Headings whose numbers are template text ("1. ชื่อโครงการ", "วาระที่ 4"); project IDs keep their digits.
_NUMBERED_STYLES = ("Heading 1", "Heading 2", "Sheet Title", "Sheet Heading")
_PROJECT_ID = re.compile(r"\d{4}-\d{3}(?:-[a-z0-9-]+)?")


def thai_digits_in_headings(document) -> None:
    """With `thai_digits: true`, the numbers a template writes into its headings become Thai digits
    too, like every value from the data (page numbers cannot: see README)."""
    for paragraph in document.paragraphs:
        if paragraph.style is None or paragraph.style.name not in _NUMBERED_STYLES:
            continue
        for run in paragraph.runs:
            thai_digits_in_run(run)


def thai_digits_in_run(run) -> None:
    """A heading's run with Thai digits, except in project IDs."""
    text = run.text
    if any(c.isdigit() for c in text):
        ids = list(_PROJECT_ID.finditer(text))
        pieces, start = [], 0
        for match in ids:
            pieces += [thai.thai_digits(text[start:match.start()]), match.group()]
            start = match.end()
        pieces.append(thai.thai_digits(text[start:]))
        run.text = "".join(pieces)


def fixed_core_properties(document) -> None:
    """Dates, revision and the maker in docProps/core.xml: the same for every document."""
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    # Which khrongkan made it: Word shows "Last Modified By"; cp:version is for programs.
    properties.last_modified_by = f"khrongkan {__version__}"
    properties.version = __version__


def render_to_bytes(template: Path, context: dict, font: str | None = None) -> bytes:
    """Render a template with a context; raises jinja2 errors for broken templates.

    Through the template compiled once per process (`compiled`), which gives the
    same bytes as docxtpl; what it declines (pictures, errors) is rendered through docxtpl."""
    fast = compiled(template, font)
    if fast is not None:
        try:
            return fast.render(context)
        except Exception:  # declined (a picture) or an error: docxtpl renders it and raises the error in its words
            pass
    return render_with_docxtpl(template, context, font)


def render_with_docxtpl(template: Path, context: dict, font: str | None = None) -> bytes:
    """Render through docxtpl, the whole package reopened and saved: the reference path."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(_prepare(context, document), jinja_environment(), autoescape=True)
    if font:
        apply_font(document.docx, font)
    from ..fonts import FAMILY, describe_in_font_table

    describe_in_font_table(document.docx, font or FAMILY)
    if context.get("thai_digits"):
        thai_digits_in_headings(document.docx)
    fixed_core_properties(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue())


def render_docx(template: Path, context: dict, out: Path, font: str | None = None, sync: bool = True) -> None:
    """Render `template` with `context` into `out` (written atomically, deterministic bytes; an
    unchanged document is not rewritten).

    `font`, when given, replaces the template's font in every style (the repository's setting).
    `sync=False`: not flushed to disk (render_all checks each output's digest before trusting it).
    """
    import jinja2
    from docx.opc.exceptions import PackageNotFoundError

    template = Path(template)
    if not template.is_file():
        raise KhrongkanError(f"ไม่พบแม่แบบ {template}", f"template {template} is missing")
    try:
        data = render_to_bytes(template, context, font)
    except jinja2.TemplateSyntaxError as exc:
        raise KhrongkanError(f"แม่แบบ {template.name} มีแท็กผิดรูปแบบ: {exc.message} (ตรวจด้วย khrongkan check)",
                             f"template {template.name} has a broken tag: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise KhrongkanError(f"แม่แบบ {template.name} ใช้ตัวแปรที่ไม่มี: {exc.message} (ตรวจด้วย khrongkan check)",
                             f"template {template.name} uses an unknown variable: {exc.message}") from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as exc:
        raise KhrongkanError(f"เปิดแม่แบบ {template.name} ไม่ได้ (ไม่ใช่ไฟล์ Word .docx): {exc}",
                             f"cannot open template {template.name} (not a .docx file): {exc}") from None
    write_if_changed(Path(out), data, sync)  # an unchanged document keeps its time stamp


def template_path(root: Path, name: str) -> Path:
    """The Word template `name`: the repository's templates/<name>, else the package's default."""
    from .. import resources

    return resources.path(root, f"{resources.WORD_TEMPLATES}/{name}")


# --- templates compiled once per process -------------------------------------------------------

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
    """A header or footer: rendered for each document, as docxtpl renders every one."""

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

        from ..fonts import FAMILY, describe_in_font_table

        self._tpl = DocxTemplate(io.BytesIO(data))  # also docxtpl's XML helpers, which use no state
        self._tpl.init_docx()
        document = self._tpl.docx
        environment = jinja_environment()
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
            apply_font(document, font)
        describe_in_font_table(document, font or FAMILY)
        fixed_core_properties(document)
        buffer = io.BytesIO()
        document.save(buffer)
        static = zipfile.ZipFile(io.BytesIO(normalize_package(buffer.getvalue())))
        self._order = static.namelist()
        dynamic = {"word/document.xml", *(part.name for part in self._parts)}
        # Compressed once: deflating them (styles alone are 800 KB) was most of a document's time.
        self._static = {name: Deflated(static.read(name)) if compress_type(name) == zipfile.ZIP_DEFLATED
                        else _Stored(static.read(name)) for name in self._order if name not in dynamic}
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

        pictures = _Pictures(self._package_document)
        context = pictures.prepare(context, Image, clean_text)
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
            for name in order:  # the entries of normalize_package
                entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                entry.compress_type = compress_type(name)
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
        """thai_digits_in_headings on the body element, styles looked up by id."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        for element in body.iterchildren(qn("w:p")):
            style_id = element.style
            name = self._style_names.get(style_id, self._default_style) if style_id else self._default_style
            if name in _NUMBERED_STYLES:
                for run in Paragraph(element, None).runs:
                    thai_digits_in_run(run)


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
        self._by_sha1: dict[str, object] | None = None  # made when the first picture comes
        self._numbers: set[int] = set()  # the N of the word/media/imageN parts

    def prepare(self, value, image_type, clean):
        """_prepare for this path: strings cleaned, Image values made pictures."""
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
        pic = self._new_pic_inline(image.data, Mm(image.width_mm), Mm(image.height_mm)).xml
        return '</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space="preserve">' % pic

    def _new_pic_inline(self, data: bytes, width, height):
        """python-docx's StoryPart.new_pic_inline with the same result, without its quadratic
        cost: python-docx hashes every image part already in the package for each new picture
        and numbers it by a scan of them all (300 photos: 45,000 SHA-1 of whole JPEGs). Here
        the parts are found by a dictionary of their SHA-1, the first with a digest winning, as
        in ImageParts._get_by_sha1, and numbered from 1 as ImageParts._next_image_partname."""
        from docx.image.image import Image as DocxImage
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.oxml.shape import CT_Inline
        from docx.parts.image import ImagePart

        images = self.part.package.image_parts
        if self._by_sha1 is None:
            self._by_sha1 = {}
            for part in images:
                self._by_sha1.setdefault(part.sha1, part)
                self._numbers.add(part.partname.idx)
        picture = DocxImage.from_file(io.BytesIO(data))
        sha1 = picture.sha1
        part = self._by_sha1.get(sha1)
        if part is None:
            number = next(n for n in range(1, len(images) + 2) if n not in self._numbers)
            part = ImagePart.from_image(picture, PackURI(f"/word/media/image{number}.{picture.ext}"))
            images.append(part)
            self._by_sha1[sha1] = part
            self._numbers.add(number)
        rid = self.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
        described = part.image
        cx, cy = described.scaled_dimensions(width, height)
        return CT_Inline.new_pic_inline(self.part.next_id, rid, described.filename, cx, cy)

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


class _Stored:
    """A part that is zipped as it is (compress_type): written with its own entry settings."""

    def __init__(self, data: bytes):
        self.data = data

    def write(self, target: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
        target.writestr(entry, self.data)


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
