"""Zip entries written from bytes that are deflated already: a part that did not change is not
compressed again (deflating styles.xml, 800 KB, was most of what writing a DOCX cost).

zipfile has no public way to add compressed bytes, so its writer is handed a compressor that
replays them. zipfile's own deflate (zlib's default level) gives the same bytes, so an entry
written this way is byte for byte the entry `writestr` would write from the same deflated data.
"""

from __future__ import annotations

import copy
import struct
import zipfile
import zlib

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_LOCAL_SIGNATURE = b"PK\x03\x04"


class Deflated:
    """A part's bytes with their deflated form (made here once, or as read from a zip)."""

    def __init__(self, data: bytes, deflated: bytes | None = None, crc: int | None = None):
        self.data = data
        if deflated is None:
            compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's own
            deflated = compressor.compress(data) + compressor.flush()
        self.deflated = deflated
        self.crc = zlib.crc32(data) if crc is None else crc

    def write(self, target: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
        """As target.writestr(entry, self.data) for a deflated entry, without the compression (and,
        where the writer counts in the attributes zipfile has long used, without the checksum)."""
        entry.file_size = len(self.data)
        with target.open(entry, mode="w") as stream:
            stream._compressor = _Replay(self.deflated)
            if hasattr(stream, "_crc") and hasattr(stream, "_file_size"):
                stream._crc, stream._file_size = self.crc, len(self.data)  # what write() would count
            else:
                stream.write(self.data)


class _Replay:
    def __init__(self, deflated: bytes):
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.deflated


def stored_bytes(package: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The entry's bytes as stored in `package` (deflated or not), from its local header; None
    when the header is not where the central directory says."""
    offset = info.header_offset
    header = package[offset:offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        return None
    name = package[offset + _LOCAL_HEADER.size:offset + _LOCAL_HEADER.size + fields[10]]
    if name.decode("utf-8" if fields[3] & 0x800 else "cp437", "replace") != info.orig_filename:
        return None  # not this entry's header (zipfile refuses such an entry too)
    start = offset + _LOCAL_HEADER.size + fields[10] + fields[11]  # after the name and the extra field
    stored = package[start:start + info.compress_size]
    return stored if len(stored) == info.compress_size else None


def copy_entry(package: bytes, target: zipfile.ZipFile, info: zipfile.ZipInfo, content: bytes) -> None:
    """Write the entry `info` of `package` (its `content` read and checked already) into `target`
    like `target.writestr(info, content)`, reusing its deflated bytes instead of compressing again
    when it is deflated and not encrypted (the same bytes as writestr's when the package was
    deflated at zlib's default level, as khrongkan's own DOCX are). `info` itself is left as it
    is (writing sets a ZipInfo's offset and sizes)."""
    info = copy.copy(info)
    stored = stored_bytes(package, info) if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 1 \
        else None
    if stored is None:
        target.writestr(info, content)
    else:
        Deflated(content, stored, info.CRC).write(target, info)  # CRC: checked when `content` was read
