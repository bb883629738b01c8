"""Compose YAML and build its values, keeping where each value was written: the part of reading
that needs PyYAML (load.read_yaml calls it once a file's bytes passed the checks there).

Imported only when a file is read: a repeated `check` reads every file back from the cache,
and PyYAML's import alone (its reader compiles a large pattern) was a twentieth of it.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal, InvalidOperation

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .load import CONTROL
from .problems import ProblemList
from .yaml_errors import explain

MAX_NODES = 20_000  # values per file, aliases expanded (the largest sample file has 669): bounds "billion laughs"
MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_SHORT_TAGS = {_TAG + name: name for name in ("str", "null", "int", "bool", "float", "timestamp")}
_PLAIN_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$")


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


def read_nodes(text: str, file: str, problems: ProblemList):
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


def _too_complex(detail: str) -> dict:
    """The limit a file went past, in Thai and in English."""
    thai = (detail.replace("nesting >", "ซ้อนกันเกิน").replace(" values", " ค่า").replace("> ", "เกิน ")
            .replace("(aliases expanded)", "(นับค่าที่อ้างถึงด้วย * แล้ว)"))
    return {"detail": thai + (" ชั้น" if detail.startswith("nesting") else ""), "detail_en": detail}


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
        match = CONTROL.search(text)
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
            if CONTROL.search(key) and self._control_character(key_node, path + (key,), key):
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
            if CONTROL.search(text) and self._control_character(node, path, text):
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
