"""Load: find the repository's files and read YAML safely, keeping a line and column for every value.

Reading is defensive because the files are written by hand: bytes that are not UTF-8,
control characters, tabs, duplicate keys, unsafe tags and alias bombs all become problems
with a position, never exceptions. Values keep their YAML text beside them so that later
stages can tell `0234567` (read by YAML 1.1 as the octal number 80247) from a quoted string.
Dates stay text here; the validate stage parses them, Buddhist-Era years included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from .problems import ProblemList
from .yaml_errors import explain

MAX_FILE_BYTES = 2_000_000  # a proposal is a few kilobytes; this is far above any real file
MAX_NODES = 20_000  # values per file, aliases expanded (the largest sample file has 669): bounds "billion laughs"
MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"
_PLAIN_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$")
# Zero-width space (U+200B) is allowed: Thai text uses it as a word-break hint. Bidirectional
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused: they reorder what a reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")

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


class _TooComplex(Exception):
    def __init__(self, detail: str, line: int = 1, column: int = 1):
        super().__init__(detail)
        self.line, self.column = line, column


class _BoundedLoader(yaml.SafeLoader):
    """Composes at most MAX_NODES nodes, MAX_DEPTH deep: a 100,000-item list or a 5,000-deep
    nesting stops at the limit instead of being composed whole (seconds) or overflowing the stack."""

    def __init__(self, stream):
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):
        self._nodes += 1
        self._depth += 1
        try:
            if self._nodes > MAX_NODES or self._depth > MAX_DEPTH + 1:
                mark = self.peek_event().start_mark
                detail = f"> {MAX_NODES:,} values" if self._nodes > MAX_NODES else f"nesting > {MAX_DEPTH}"
                raise _TooComplex(detail, mark.line + 1, mark.column + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str):
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


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
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        # Said in Thai at the line to fix, never in the parser's words (generator/yaml_errors.py).
        mistake = explain(text, exc)
        problems.add("Y001", file, mistake.line, mistake.column, detail=mistake.th, detail_en=mistake.en,
                     source_line=mistake.source_line)
        return None
    except _TooComplex as exc:
        problems.add("Y008", file, exc.line, exc.column, **_too_complex(str(exc)))
        return None
    except RecursionError:
        problems.add("Y008", file, 1, 1, **_too_complex(f"nesting > {MAX_DEPTH}"))
        return None
    if root is None:
        problems.add("Y004", file, 1, 1)
        return None
    builder = _Builder(file, problems)
    try:
        data = builder.build(root, (), 0)
    except _TooComplex as exc:
        problems.add("Y008", file, 1, 1, **_too_complex(str(exc)))
        return None
    if not isinstance(data, dict):
        problems.add("Y009", file, root.start_mark.line + 1, root.start_mark.column + 1)
        return None
    return Document(file, path, data, builder.positions, builder.raw, builder.bad_paths, builder.ends,
                    len(re.split(r"\r\n|\r|\n", text.rstrip("\r\n"))))


def _too_complex(detail: str) -> dict:
    """The limit a file went past, in Thai and in English."""
    thai = (detail.replace("nesting >", "ซ้อนกันเกิน").replace(" values", " ค่า").replace("> ", "เกิน ")
            .replace("(aliases expanded)", "(นับค่าที่อ้างถึงด้วย * แล้ว)"))
    return {"detail": thai + (" ชั้น" if detail.startswith("nesting") else ""), "detail_en": detail}


def _check_characters(text: str, file: str, problems: ProblemList) -> bool:
    ok = True
    # Not str.splitlines(): it also breaks at U+0085, U+2028, \x0c and others, which would hide
    # them from this check and shift every later line number.
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for match in _CONTROL.finditer(line):
            ok = False
            problems.add("Y007", file, number, match.start() + 1, char=f"U+{ord(match.group()):04X}")
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            ok = False
            problems.add("Y002", file, number, line.index("\t") + 1, source_line=line)
    return ok


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions and raw text."""

    def __init__(self, file: str, problems: ProblemList):
        self.file = file
        self.problems = problems
        self.positions: dict = {}
        self.raw: dict = {}
        self.bad_paths: set = set()
        self.ends: dict = {}
        self.count = 0
        self.constructor = SafeConstructor()

    def build(self, node, path: tuple, depth: int):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooComplex(f"> {MAX_NODES:,} values (aliases expanded)")
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nesting > {MAX_DEPTH}")
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag not in (_TAG + "map",):
                return self._bad_tag(node, path)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                return self._bad_tag(node, path)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _bad_tag(self, node, path):
        mark = node.start_mark
        tag = "!!" + node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        self.problems.add("Y006", self.file, mark.line + 1, mark.column + 1, tag=tag)
        self.bad_paths.add(path)
        return None

    def _control_character(self, node, path, text: str) -> bool:
        """A control character written as an escape ("\\x07", "\\u202e") inside quotes."""
        match = _CONTROL.search(text)
        if match:
            mark = node.start_mark
            self.problems.add("Y007", self.file, mark.line + 1, mark.column + 1, char=f"U+{ord(match.group()):04X}")
            self.bad_paths.add(path)
        return bool(match)

    def _mapping(self, node, path, depth):
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add("Y001", self.file, line, column, detail="ชื่อหัวข้อต้องเป็นข้อความธรรมดา",
                                  detail_en="a key must be plain text")
                continue
            # Keys are field names: take them as written, so `no:` stays "no", not False.
            key = key_node.value
            if self._control_character(key_node, path + (key,), key):
                continue
            if key in result or key in first_line:
                self.problems.add("Y005", self.file, line, column, key=key, first_line=first_line[key])
                continue
            first_line[key] = line
            self.positions[("<key>",) + path + (key,)] = (line, column)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node, path):
        tag = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        text = node.value
        self.raw[path] = (tag, text, node.style)
        end = node.end_mark  # after a `|` block: the start of the next line
        self.ends[path] = end.line + 1 if end.column > 0 else max(end.line, node.start_mark.line + 1)
        if tag == "str":
            return None if self._control_character(node, path, text) else text
        if tag == "null":
            return None
        if tag == "bool":
            return self.constructor.construct_yaml_bool(node)
        if tag == "int":
            try:
                return self.constructor.construct_yaml_int(node)
            except ValueError:  # more digits than Python converts (4,300): keep the text
                return text
        if tag == "float":
            if _PLAIN_DECIMAL.match(text):
                try:
                    return Decimal(text)
                except InvalidOperation:
                    pass
            return self.constructor.construct_yaml_float(node)
        if tag == "timestamp":
            return text  # parsed later, with Buddhist-Era years and a clear error for 2027-02-30
        return self._bad_tag(node, path)


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
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
