"""Photos as khrongkan publishes them: upright, at most 1600 pixels wide or high, and without
their EXIF data (the GPS position of a family's house, the camera owner).

Each photo is scaled once per content and kept in the cache (generator.cache,
build/cache/photos/); the review site and the Word report both take that copy, so a report
with hundreds of phone photos is decoded once, not on every build.
"""

from __future__ import annotations

import io
from pathlib import Path

from .cache import Cache

PHOTOS_CACHE = "photos"
PHOTO_MAX_PIXELS = 1600
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
MAX_IMAGE_PIXELS = 40_000_000  # larger is refused as unreadable (a decompression bomb)
# A JPEG already small enough is published as it is, without its metadata, unless it weighs more
# than this per pixel (a camera's highest quality): then it is encoded again at quality 85.
KEPT_JPEG_BYTES_PER_PIXEL = 0.3


def document_photo(source: Path, root: Path) -> bytes:
    """The bytes a Word document embeds: always the cached web copy, upright (Word ignores the
    EXIF orientation) and without EXIF, because a phone photo's EXIF carries the GPS position of
    where it was taken and the report is offered for download on the site."""
    data = source.read_bytes()
    copy = web_photo(source, Cache(root, PHOTOS_CACHE), data)
    return copy.read_bytes() if copy is not None else data  # not an image: the document adapter says so


def web_photo(source: Path, cache: Cache, data: bytes | None = None) -> Path | None:
    """An upright, web-sized copy of a photo without EXIF, made once per photo content (the
    cache); None when it is not a readable image."""
    data = source.read_bytes() if data is None else data
    key = cache.key(data)
    for suffix in PHOTO_FORMATS.values():
        cached = cache.get_file(key, suffix)
        if cached is not None:
            return cached
    made = scale_photo(data)
    if made is None:
        return None
    content, suffix = made
    return cache.put_bytes(key, content, suffix)


def scale_photo(data: bytes) -> tuple[bytes, str] | None:
    """A photo turned upright, at most PHOTO_MAX_PIXELS wide or high, without EXIF or any other
    metadata (the GPS position, the camera owner): (bytes, suffix), or None when it is not a
    readable image.

    A JPEG that is upright and already small enough (what LINE sends) keeps its picture as it
    is, only its metadata taken out (generator.jpeg_clean): not decoded, not encoded again. A
    large JPEG is decoded at a reduced size (Image.draft: the decoder skips detail that scaling
    would throw away), which costs a fraction of decoding it whole.
    """
    from PIL import Image, ImageOps

    from .jpeg_clean import without_metadata

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format if picture.format in PHOTO_FORMATS else "JPEG"
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS:
                return None
            scale = min(1.0, PHOTO_MAX_PIXELS / max(width, height))
            orientation = picture.getexif().get(0x0112, 1)
            if (picture.format in ("JPEG", "MPO") and scale == 1 and orientation in (1, None)
                    and picture.mode in ("RGB", "L") and len(data) <= width * height * KEPT_JPEG_BYTES_PER_PIXEL):
                kept = without_metadata(data)
                if kept is not None:
                    return kept, PHOTO_FORMATS["JPEG"]
            if kind == "JPEG" and scale < 1:
                picture.draft(picture.mode, (max(1, int(width * scale)), max(1, int(height * scale))))
            picture.load()  # now: saved unloaded, Pillow would decode it and then copy every pixel
            upright = ImageOps.exif_transpose(picture) if orientation not in (1, None) else picture
            upright.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 85} if kind in ("JPEG", "WEBP") else {"optimize": True}
            upright.info.pop("comment", None)  # Pillow writes a JPEG's or GIF's comment again unless told not to
            upright.save(out, kind, **options)  # no exif=, icc_profile= or xmp= given: none is written
            if upright is not picture:
                upright.close()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return out.getvalue(), PHOTO_FORMATS[kind]
