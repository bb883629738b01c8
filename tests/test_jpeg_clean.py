"""A phone photo that is already small and upright is published with its picture as it is and
without any of its metadata; anything else is decoded and encoded anew (generator.photos)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, JpegImagePlugin

from generator import photos
from generator.jpeg_clean import without_metadata

SECRET = b"13.7563N-100.5018E-house-of-somchai"  # what no published photo may carry


def _photo(size=(1600, 1200), mode="RGB", quality=85, orientation=None, **options) -> bytes:
    """A picture with a photo's noise, saved with EXIF (GPS, camera owner), ICC, XMP, a comment."""
    noise = Image.merge("RGB", [Image.effect_noise(size, 24) for _ in range(3)])
    picture = Image.blend(Image.new("RGB", size, (60, 140, 90)), noise, 0.25).convert(mode)  # as bench.write_photos
    exif = Image.Exif()
    exif[0x013B] = SECRET.decode()  # Artist
    exif[0x8825] = {1: "N", 2: (13, 45, 22), 3: "E", 4: (100, 30, 6)}  # GPS position
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, exif=exif, icc_profile=b"icc " + SECRET, comment=SECRET,
               xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>", **options)
    return buffer.getvalue()


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(body) + 2).to_bytes(2, "big") + body


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as picture:
        return picture.tobytes()


@pytest.fixture
def decoded(monkeypatch) -> list[tuple[int, int]]:
    sizes: list[tuple[int, int]] = []
    real_load = JpegImagePlugin.JpegImageFile.load

    def recording(self):
        sizes.append(self.size)
        return real_load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", recording)
    return sizes


def test_a_small_upright_jpeg_keeps_its_picture_without_any_metadata(decoded):
    original = _photo()
    # What phones add beside the picture: Photoshop/IPTC data, and a motion-photo video after the end.
    original = original[:2] + _segment(0xED, b"Photoshop 3.0\x00" + SECRET) + original[2:] + b"ftypmp42" + SECRET
    content, suffix = photos.scale_photo(original)
    assert suffix == ".jpg" and decoded == []  # not decoded, not encoded again
    assert SECRET not in content and content.endswith(b"\xff\xd9")
    with Image.open(io.BytesIO(content)) as picture:
        assert picture.size == (1600, 1200) and not picture.getexif()
        assert not {"exif", "icc_profile", "comment", "xmp", "photoshop"} & set(picture.info)
    assert _pixels(content) == _pixels(original)  # the very same picture


@pytest.mark.parametrize("options", [{"progressive": True}, {"restart_marker_blocks": 4}, {"mode": "L"},
                                     {"subsampling": 0, "quality": 70}])
def test_progressive_restart_marked_and_grey_pictures_are_kept_whole(options):
    original = _photo(size=(640, 480), **options)
    content = without_metadata(original)
    assert content is not None and SECRET not in content
    assert _pixels(content) == _pixels(original)


def test_fill_bytes_before_a_marker_and_a_jfif_thumbnail():
    original = _photo(size=(320, 240))
    assert original[2:4] == b"\xff\xe0" and original[6:11] == b"JFIF\x00"
    length = int.from_bytes(original[4:6], "big")
    # A JFIF header with a 2x1 thumbnail of its own, and fill bytes before the end of image.
    jfif = _segment(0xE0, original[6:4 + length - 2] + b"\x02\x01" + SECRET[:6])
    original = original[:2] + jfif + original[4 + length:-2] + b"\xff\xff\xff\xd9"
    content = without_metadata(original)
    assert content is not None and SECRET[:6] not in content
    assert content[2:20] == b"\xff\xe0\x00\x10" + original[6:18] + b"\x00\x00"  # the same header, no thumbnail
    assert _pixels(content) == _pixels(original)


def _phone(size=(320, 240), **options) -> bytes:
    """As a phone writes it: EXIF first, no JFIF header."""
    original = _photo(size=size, **options)
    length = int.from_bytes(original[4:6], "big")
    phone = original[:2] + original[4 + length:]
    assert phone[6:10] == b"Exif"
    return phone


def test_a_phone_jpeg_gets_a_jfif_header_so_that_word_can_take_it():
    from docx.image.image import Image as DocxImage

    original = _phone()
    content = without_metadata(original)
    assert content is not None and SECRET not in content and b"Exif" not in content
    assert content[2:20] == b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    assert DocxImage.from_blob(content).px_width == 320  # python-docx knows a JPEG by JFIF or EXIF only
    assert _pixels(content) == _pixels(original)


def test_a_jpeg_coded_as_rgb_without_jfif_is_left_to_the_encoder():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 60)).save(buffer, "JPEG", keep_rgb=True)
    original = buffer.getvalue()
    assert b"Adobe" in original and b"JFIF" not in original[:20]
    assert without_metadata(original) is None  # a JFIF header would make it read as YCbCr
    content, _ = photos.scale_photo(original)
    with Image.open(io.BytesIO(content)) as picture:
        red, green, blue = picture.getpixel((32, 24))
        assert red > 150 and green < 80 and blue < 100


@pytest.mark.parametrize("broken", [
    b"not a jpeg",
    b"\xff\xd8\xff\xd9",  # no frame, no scan
])
def test_what_it_cannot_vouch_for_is_left_to_the_encoder(broken):
    assert without_metadata(broken) is None


def test_a_photo_cut_short_is_left_to_the_encoder():
    original = _photo(size=(320, 240))
    assert without_metadata(original[: len(original) // 2]) is None


def test_a_jpeg_on_its_side_is_turned_upright_by_encoding_it_again(decoded):
    content, _ = photos.scale_photo(_photo(size=(1200, 900), orientation=6))
    with Image.open(io.BytesIO(content)) as picture:
        assert picture.size == (900, 1200) and not picture.getexif()
    assert decoded and SECRET not in content


def test_a_heavy_jpeg_is_encoded_again_and_a_cmyk_one_made_rgb(decoded):
    heavy = _photo(size=(800, 600), quality=100)
    assert len(heavy) > 800 * 600 * photos.KEPT_JPEG_BYTES_PER_PIXEL
    content, _ = photos.scale_photo(heavy)
    assert decoded and len(content) < len(heavy) and SECRET not in content
    cmyk = io.BytesIO()
    Image.new("CMYK", (200, 100), (10, 20, 30, 40)).save(cmyk, "JPEG", comment=SECRET)
    assert without_metadata(cmyk.getvalue()) is None
    content, _ = photos.scale_photo(cmyk.getvalue())
    with Image.open(io.BytesIO(content)) as picture:
        assert picture.mode == "RGB" and SECRET not in content


def test_a_gif_or_re_encoded_jpeg_loses_its_comment():
    for kind, mode in (("GIF", "P"), ("JPEG", "RGB")):
        buffer = io.BytesIO()
        Image.new(mode, (2000, 100)).save(buffer, kind, comment=SECRET)  # too wide: scaled, so encoded again
        content, _ = photos.scale_photo(buffer.getvalue())
        assert SECRET not in content


def test_the_site_and_the_word_report_take_the_kept_picture_without_its_gps(mini_repo):
    import zipfile

    from conftest import PROPOSAL_DIR, REPORT
    from generator import site_files
    from generator.documents import render_all

    folder = mini_repo.root / PROPOSAL_DIR / "files"
    folder.mkdir(parents=True, exist_ok=True)
    original = _phone(size=(1600, 1200))
    (folder / "line.jpg").write_bytes(original)
    mini_repo.write(f"{PROPOSAL_DIR}/report-1.yaml", REPORT + "photos:\n  - file: files/line.jpg\n    caption: ประชุม\n")
    (copy,) = site_files.publish_photos(mini_repo.check(), mini_repo.root, []).values()
    assert SECRET not in copy.read_bytes() and _pixels(copy.read_bytes()) == _pixels(original)
    rendered = render_all(mini_repo.check(), mini_repo.root)
    with zipfile.ZipFile(rendered[1]) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert media == [copy.read_bytes()]
