"""A JPEG without its metadata, its picture untouched: the segments a decoder needs, nothing else.

A phone photo that is already small enough and upright needs no new encoding to be published:
decoding and encoding it again costs 15-20 ms a photo (seconds for a report of 300) and loses
quality. What must go is everything beside the picture: EXIF (the GPS position, the camera
owner), XMP, IPTC, ICC profiles, comments, thumbnails, and whatever follows the end of the image
(the second picture of an MPO, a phone's motion-photo video). This keeps the frame header, the
tables and the scans byte for byte (what `jpegtran -copy none` keeps), and answers None for
anything it does not know, so the caller encodes the picture anew instead.

The result always begins with a JFIF header, without a thumbnail: python-docx recognizes a JPEG
only by a JFIF or EXIF header at its start, and most phones write EXIF and no JFIF. A JFIF header
says the colours are coded as YCbCr, so a picture whose headers say RGB gets none added and is
left to the encoder.
"""

from __future__ import annotations

import re

_SOI, _EOI, _SOS, _APP0, _APP14, _COM = 0xD8, 0xD9, 0xDA, 0xE0, 0xEE, 0xFE
_FRAMES = {0xC0, 0xC1, 0xC2}  # baseline, extended and progressive Huffman, 8-bit
_TABLES = {0xC4, 0xDB, 0xDD}  # Huffman tables, quantization tables, restart interval
# Inside a scan a 0xFF byte is followed by 0x00 (stuffing) or a restart marker; anything else
# (another 0xFF: fill bytes) begins the marker that ends the scan.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7]")
_JFIF = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01"  # version 1.1, no density unit, 1:1


def without_metadata(data: bytes) -> bytes | None:
    """`data` (a JPEG) with only its picture: frame, tables, scans, and the JFIF and Adobe headers
    that say how its colours are coded; None when it is not a JPEG this can vouch for (another
    coding, more than one frame, CMYK, an unknown segment, no end of image)."""
    if data[:2] != b"\xff\xd8":
        return None
    out = [b"\xff\xd8"]
    position, end = 2, len(data)
    frame = scans = False
    jfif: bytes | None = None  # the first 12 bytes of its JFIF header
    transform: int | None = None  # the Adobe header's colour transform
    components = b""  # the frame's component ids
    while True:
        if position >= end or data[position] != 0xFF:
            return None
        while position < end and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= end:
            return None
        marker = data[position]
        position += 1
        if marker == _EOI:
            if not (frame and scans):
                return None
            if jfif is None and len(components) == 3 and (transform == 0 or (transform is None and components == b"RGB")):
                return None  # coded as RGB: a JFIF header would make decoders read it as YCbCr
            # Version, density unit and density as they were (or the defaults); no thumbnail.
            out.insert(1, b"\xff\xe0\x00\x10" + (jfif or _JFIF) + b"\x00\x00")
            return b"".join(out) + b"\xff\xd9"
        if position + 2 > end:
            return None
        length = int.from_bytes(data[position:position + 2], "big")
        if length < 2 or position + length > end:
            return None
        body = data[position + 2:position + length]
        segment = bytes((0xFF, marker)) + data[position:position + length]
        position += length
        if marker in _FRAMES:
            if frame or len(body) < 6 or body[0] != 8 or body[5] not in (1, 3):
                return None  # a second frame, 12-bit samples, CMYK
            frame = True
            components = bytes(body[6 + 3 * index] for index in range(body[5]) if 6 + 3 * index < len(body))
            out.append(segment)
        elif marker in _TABLES:
            out.append(segment)
        elif marker == _APP0:
            if body[:5] == b"JFIF\x00" and len(body) >= 12 and jfif is None:
                jfif = body[:12]  # its thumbnail, a picture of its own, is left out
        elif marker == _APP14:
            if body[:5] == b"Adobe":  # version, flags and the colour transform
                if len(body) != 12:
                    return None
                transform = body[11]
                out.append(segment)
        elif 0xE1 <= marker <= 0xEF or marker == _COM:
            continue  # EXIF, XMP, ICC, MPF, IPTC, comments: dropped
        elif marker == _SOS:
            if not frame:
                return None
            match = _SCAN_END.search(data, position)
            if match is None:
                return None  # cut short: no end of image
            out.append(segment)
            out.append(data[position:match.start()])
            position = match.start()
            scans = True
        else:
            return None  # arithmetic coding, hierarchical frames, DNL, anything unexpected
