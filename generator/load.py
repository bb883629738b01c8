"""Load: find the repository's files and read YAML safely, keeping a line and column for every value.

Reading is defensive because the files are written by hand: bytes that are not UTF-8,
control characters, tabs, duplicate keys, unsafe tags and alias bombs all become problems
with a position, never exceptions. Values keep their YAML text beside them so that later
stages can tell `0234567` (read by YAML 1.1 as the octal number 80247) from a quoted string.
Dates stay text here; the validate stage parses them, Buddhist-Era years included.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .collector import paused
from .problems import ProblemList

MAX_FILE_BYTES = 2_000_000  # a proposal is a few kilobytes; this is far above any real file

# Zero-width space (U+200B) is allowed: Thai text uses it as a word-break hint. Bidirectional
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused: they reorder what a reader sees.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

@dataclass
class Document:
    """One YAML file: its data plus where each value was written."""

    file: str  # relative to the repository root, forward slashes
    path: Path
    data: dict
    positions: dict = field(default_factory=dict)  # value path (tuple) -> (line, column), 1-based
    raw: dict = field(default_factory=dict)  # scalar path -> (tag, text, style)
    # Values already reported as unusable (an unsafe tag, a control character written as an
    # escape): the shape check reports nothing more about them, and the document is not used.
    bad_paths: set = field(default_factory=set)
    # Last line of each scalar (a `|` block spans many): where a missing key would go after it.
    ends: dict = field(default_factory=dict)
    line_count: int = 0
    kind: str = ""  # the schema it is checked against ("proposal"), which names its fields in Thai

    def pos(self, path: tuple) -> tuple[int, int]:
        """Line and column of a value, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def key_pos(self, path: tuple) -> tuple[int, int]:
        """Line and column of a mapping key (for unknown or duplicate keys)."""
        return self.positions.get(("<key>",) + tuple(path)) or self.pos(path)


def read_yaml(path: Path, file: str, problems: ProblemList) -> Document | None:
    """Read one YAML file; on any problem, record it and return None (or a partial Document)."""
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        problems.add("P010", file, value=f"{file} ({exc.strerror})")
        return None
    if len(raw_bytes) > MAX_FILE_BYTES:
        problems.add("Y008", file, detail=f"{len(raw_bytes):,} ไบต์ เกิน {MAX_FILE_BYTES:,}",
                     detail_en=f"{len(raw_bytes):,} bytes > {MAX_FILE_BYTES:,}")
        return None
    if raw_bytes.startswith(b"\xef\xbb\xbf"):
        raw_bytes = raw_bytes[3:]
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw_bytes[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add("Y003", file, line, column, byte=f"0x{raw_bytes[exc.start]:02X}")
        return None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.add("Y004", file, 1, 1)
        return None
    if not _check_characters(text, file, problems):
        return None
    from .yaml_nodes import read_nodes  # PyYAML: not imported when every file is read back from the cache

    # The node tree and the values are hundreds of acyclic objects per file, freed or kept by
    # reference counting; left on, the cycle collector would walk every document read so far,
    # again and again, while they are made (a quarter of a large check).
    with paused():
        read = read_nodes(text, file, problems)
    if read is None:
        return None
    root, builder = read
    data = builder.data
    if not isinstance(data, dict):
        problems.add("Y009", file, root.start_mark.line + 1, root.start_mark.column + 1)
        return None
    return Document(file, path, data, builder.positions, builder.raw, builder.bad_paths, builder.ends,
                    _line_count(text))


def _line_count(text: str) -> int:
    """Lines of the file, its last line break aside (a lone \r ends a line too: old Mac files)."""
    text = text.rstrip("\r\n")
    if "\r" in text:
        return len(_LINE_BREAK.split(text))
    return text.count("\n") + 1


def _check_characters(text: str, file: str, problems: ProblemList) -> bool:
    if "\t" not in text and not CONTROL.search(text):
        return True  # nearly every file: one scan instead of one per line
    ok = True
    # Not str.splitlines(): it also breaks at U+0085, U+2028, \x0c and others, which would hide
    # them from this check and shift every later line number.
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        for match in CONTROL.finditer(line):
            ok = False
            problems.add("Y007", file, number, match.start() + 1, char=f"U+{ord(match.group()):04X}")
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            ok = False
            problems.add("Y002", file, number, line.index("\t") + 1, source_line=line)
    return ok


# --- finding the repository's files ----------------------------------------------------------

SETTINGS_FILE = "khrongkan.yaml"
AREAS_FILE = "reference/areas.yaml"
ISSUES_FILE = "reference/issues.yaml"
COMMITTEE_FILE = "committee.yaml"


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder upward holding khrongkan.yaml (else start)."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return start


def relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    """The repository root with links resolved, once (relative() is called for every file)."""
    return root.resolve()
