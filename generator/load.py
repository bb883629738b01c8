"""Load: find the repository's files and read YAML safely, keeping a line and column for every value.

Reading is defensive because the files are written by hand: bytes that are not UTF-8,
control characters, tabs, duplicate keys, unsafe tags and alias bombs all become problems
with a position, never exceptions. Values keep their YAML text beside them so that later
stages can tell `0234567` (read by YAML 1.1 as the octal number 80247) from a quoted string.
Dates stay text here; the validate stage parses them, Buddhist-Era years included.
"""

from __future__ import annotations

import functools
import gc
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import ProblemList
from .yaml_errors import explain

MAX_FILE_BYTES = 2_000_000  # a proposal is a few kilobytes; this is far above any real file
MAX_NODES = 20_000  # values per file, aliases expanded (the largest sample file has 669): bounds "billion laughs"
MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_SHORT_TAGS = {_TAG + name: name for name in ("str", "null", "int", "bool", "float", "timestamp")}
_PLAIN_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$")
# Zero-width space (U+200B) is allowed: Thai text uses it as a word-break hint. Bidirectional
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused: they reorder what a reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
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


class _TooComplex(Exception):
    def __init__(self, detail: str, line: int = 1, column: int = 1):
        super().__init__(detail)
        self.line, self.column = line, column


class _BoundedLoader(yaml.SafeLoader):
    """Composes at most MAX_NODES nodes, MAX_DEPTH deep: a 100,000-item list or a 5,000-deep
    nesting stops at the limit instead of being composed whole (seconds) or overflowing the stack.
    The pure-Python loader: the one that explains every problem (see _compose)."""

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


class _Unusual(Exception):
    """The C composer met a file that is not plain: the pure loader reads it again (see _compose)."""


# libyaml composes about ten times faster than PyYAML's own Python composer. Some wheels
# (Windows, PyPy) ship without it; the pure loader then does everything, as it always could.
_CLoader = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None

if _CLoader is not None:
    class _BoundedCLoader(_CLoader):
        """The C composer, stopped at the same limits: libyaml calls descend_resolver before it
        composes each node (aliases excepted: they are not expanded here), so a 5,000-deep nesting
        stops at level 42 and a 100,000-item list at item 20,000, before the C code recurses or
        allocates further. What happens then is the pure loader's to say."""

        def __init__(self, stream):
            super().__init__(stream)
            self._nodes = 0
            self._depth = 0

        def descend_resolver(self, parent, index):  # SafeLoader has no path resolvers to keep
            self._nodes += 1
            self._depth += 1
            if self._nodes > MAX_NODES or self._depth > MAX_DEPTH + 1:
                raise _Unusual

        def ascend_resolver(self):
            self._depth -= 1

        def resolve(self, kind, value, implicit):
            """Resolver.resolve without its general cases (path resolvers, wildcard first
            characters: SafeLoader has none), called for every value libyaml composes."""
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG
            return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG

        assert None not in _CLoader.yaml_implicit_resolvers and not _CLoader.yaml_path_resolvers


def _compose_pure(text: str):
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _compose_c(text: str):
    """The node tree from libyaml, or _Unusual for anything but a plain readable file."""
    loader = _BoundedCLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _Unusual from exc
    finally:
        loader.dispose()


def _libyaml_reads_alike(text: str) -> bool:
    """False for what libyaml accepts and PyYAML refuses (found by comparing both on mutated
    sample files, tests/test_fast_load.py): a tab anywhere but in indentation (which
    _check_characters refuses first), and `?` inside a flow collection (`{a? b: 1}`)."""
    return "\t" not in text and not ("?" in text and ("[" in text or "{" in text))


def _read_nodes(text: str, file: str, problems: ProblemList):
    """(root node, builder) of a readable file, else None with the problem recorded.

    Fast path: libyaml composes, the builder walks. Whatever is unusual there (a syntax error,
    a limit reached, aliases expanding past the limit) is read again by the pure-Python loader,
    exactly as before libyaml was used: it alone decides and explains every refusal (its
    exception is what generator/yaml_errors.py reads), and such files are rare.
    """
    if _CLoader is not None and _libyaml_reads_alike(text):
        try:
            root = _compose_c(text)
            if root is None:
                problems.add("Y004", file, 1, 1)
                return None
            found = ProblemList()  # kept apart until the walk ends: a fallback must not repeat them
            builder = _Builder(file, found, libyaml=True)
            builder.data = builder.build(root, (), 0)
        except (_Unusual, _TooComplex, RecursionError):
            pass
        else:
            problems.extend(found)
            return root, builder
    try:
        root = _compose_pure(text)
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
        builder.data = builder.build(root, (), 0)
    except _TooComplex as exc:
        problems.add("Y008", file, 1, 1, **_too_complex(str(exc)))
        return None
    return root, builder


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
    # The node tree and the values are hundreds of acyclic objects per file, freed or kept by
    # reference counting; left on, the cycle collector would walk every document read so far,
    # again and again, while they are made (a quarter of a large check).
    collecting = gc.isenabled()
    gc.disable()
    try:
        read = _read_nodes(text, file, problems)
    finally:
        if collecting:
            gc.enable()
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


def _too_complex(detail: str) -> dict:
    """The limit a file went past, in Thai and in English."""
    thai = (detail.replace("nesting >", "ซ้อนกันเกิน").replace(" values", " ค่า").replace("> ", "เกิน ")
            .replace("(aliases expanded)", "(นับค่าที่อ้างถึงด้วย * แล้ว)"))
    return {"detail": thai + (" ชั้น" if detail.startswith("nesting") else ""), "detail_en": detail}


def _check_characters(text: str, file: str, problems: ProblemList) -> bool:
    if "\t" not in text and not _CONTROL.search(text):
        return True  # nearly every file: one scan instead of one per line
    ok = True
    # Not str.splitlines(): it also breaks at U+0085, U+2028, \x0c and others, which would hide
    # them from this check and shift every later line number.
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        for match in _CONTROL.finditer(line):
            ok = False
            problems.add("Y007", file, number, match.start() + 1, char=f"U+{ord(match.group()):04X}")
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            ok = False
            problems.add("Y002", file, number, line.index("\t") + 1, source_line=line)
    return ok


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions and raw text.

    It walks every value of every file (half a million at N=1,000 proposals), so the common
    cases come first and cost one dictionary lookup each; the rare ones take the careful route.
    """

    def __init__(self, file: str, problems: ProblemList, libyaml: bool = False):
        self.file = file
        self.libyaml = libyaml  # nodes composed by libyaml: stop (_Unusual) where its marks differ
        self.problems = problems
        self.positions: dict = {}
        self.raw: dict = {}
        self.bad_paths: set = set()
        self.ends: dict = {}
        self.count = 0
        self.data = None
        self.constructor = SafeConstructor()

    def build(self, node, path: tuple, depth: int):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooComplex(f"> {MAX_NODES:,} values (aliases expanded)")
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nesting > {MAX_DEPTH}")
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is ScalarNode:
            return self._scalar(node, path)
        if kind is MappingNode:
            if node.tag != _MAP:
                return self._bad_tag(node, path)
            return self._mapping(node, path, depth)
        if node.tag != _SEQ:
            return self._bad_tag(node, path)
        build = self.build
        depth += 1
        return [build(item, path + (i,), depth) for i, item in enumerate(node.value)]

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
        positions = self.positions
        depth += 1
        if self.libyaml and node.flow_style and any(_is_empty(n) for pair in node.value for n in pair):
            # `{type: }`: libyaml places the empty value at the `}`, PyYAML right after the `:`.
            raise _Unusual
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            line, column = mark.line + 1, mark.column + 1
            if type(key_node) is not ScalarNode:
                self.problems.add("Y001", self.file, line, column, detail="ชื่อหัวข้อต้องเป็นข้อความธรรมดา",
                                  detail_en="a key must be plain text")
                continue
            # Keys are field names: take them as written, so `no:` stays "no", not False.
            key = sys.intern(key_node.value)  # one object for every `name:`: see _scalar
            if _CONTROL.search(key) and self._control_character(key_node, path + (key,), key):
                continue
            if key in first_line:
                self.problems.add("Y005", self.file, line, column, key=key, first_line=first_line[key])
                continue
            first_line[key] = line
            positions[("<key>",) + path + (key,)] = (line, column)
            result[key] = self.build(value_node, path + (key,), depth)
        return result

    def _scalar(self, node, path):
        tag = _SHORT_TAGS.get(node.tag) or (node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag)
        text = node.value
        self.raw[path] = (tag, text, node.style or None)  # plain is None ("" from libyaml)
        end = node.end_mark  # after a `|` block: the start of the next line
        self.ends[path] = end.line + 1 if end.column > 0 else max(end.line, node.start_mark.line + 1)
        if tag == "str":
            if _CONTROL.search(text) and self._control_character(node, path, text):
                return None
            # Equal texts as one object (units, kinds, district names recur in every file): the
            # check's cache pickles all files together and then keeps each text once.
            return sys.intern(text)
        if tag == "null":
            return None
        if tag == "int":
            try:
                if text.isdigit() and text.isascii() and (text[0] != "0" or text == "0"):
                    return int(text)  # what construct_yaml_int does with plain decimal digits
                return self.constructor.construct_yaml_int(node)
            except ValueError:  # more digits than Python converts (4,300): keep the text
                return text
        if tag == "bool":
            return self.constructor.construct_yaml_bool(node)
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


def _is_empty(node) -> bool:
    return type(node) is ScalarNode and node.value == "" and not node.style


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
