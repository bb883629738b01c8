"""Shape checks: the declarative Cerberus schemas in generator/schemas/, errors turned into Problems.

Cerberus reports in English with its own codes; this module maps each of its errors to a
catalogue code with the file's line and column, and a "did you mean" for unknown keys.
"""

from __future__ import annotations

import copy
import re
import warnings
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from cerberus import Validator, errors

from ..labels import field_label, yaml_path
from ..load import Document
from ..placeholders import find_placeholders
from ..problems import ProblemList, suggestion
from ..thai import DateError, ascii_digits, parse_date, suggest_iso_date
from .scalars import MAX_MONEY, MAX_QUANTITY, as_decimal, parse_money, parse_quantity  # noqa: F401 (used by importers)

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Cerberus 1.3 prefers TypeDefinition (an isinstance test), which cannot express "a real date" or
# "money with two decimals"; its type-testing methods still work and are what we need.
warnings.filterwarnings("ignore", message="Methods for type testing are deprecated", category=DeprecationWarning)


class _KhrongkanValidator(Validator):
    """Cerberus with the contract's scalar types."""

    def _validate_type_text(self, value):
        return isinstance(value, str) and bool(value.strip())

    def _validate_type_quoted(self, value):
        return isinstance(value, str)

    def _validate_type_thaidate(self, value):
        try:
            parse_date(value)
        except DateError:
            return False
        return isinstance(value, str)

    def _validate_type_money(self, value):
        return parse_money(value) is not None

    def _validate_type_quantity(self, value):
        return parse_quantity(value) is not None

    def _validate_type_count(self, value):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    with open(SCHEMA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        schema = yaml.safe_load(handle)
    return _normalise(schema)


def _normalise(schema: dict) -> dict:
    """Optional fields may be left empty; `quantity` bounds apply to Decimal values too."""
    schema = copy.deepcopy(schema)
    for rules in schema.values():
        if not rules.get("required"):
            rules["nullable"] = True
        if rules.pop("empty_list", False):
            rules["nullable"] = True
        if "max" in rules and rules.get("type") == "quantity":
            rules["max"] = Decimal(str(rules["max"]))
        if rules.get("type") == "dict" and "schema" in rules:
            rules["schema"] = _normalise(rules["schema"])
        if rules.get("type") == "list" and isinstance(rules.get("schema"), dict):
            item = rules["schema"]
            if item.get("type") == "dict" and "schema" in item:
                item["schema"] = _normalise(item["schema"])
    return schema


def check_shape(document: Document, schema_name: str, problems: ProblemList) -> bool:
    """Validate a document against its schema; True when it has no shape errors."""
    from .fast_shape import accepts, document_root  # it imports this module

    schema = load_schema(schema_name)
    document.kind = schema_name  # the labels of its fields (generator/schemas/labels/<schema>.yaml)
    _read_thai_digit_numbers(document, schema)
    before = len(problems)
    # Valid files (nearly all) are recognised without Cerberus; Cerberus judges and explains the rest.
    if not accepts(document.data, schema_name, document_root(document.path, document.file)):
        validator = _KhrongkanValidator(schema)
        if not validator.validate(document.data):
            for error in _leaf_errors(validator._errors):
                if not _under_bad_path(document, tuple(error.document_path)):
                    _report(document, error, schema, problems)
    _report_unquoted_digits(document, schema, problems)
    _report_surprising_numbers(document, schema, problems)
    # A value the loader already refused (unsafe tag, control character) makes the file unusable.
    # Warnings (a blank left in a draft) do not make the file unusable.
    return not any(p.is_error for p in problems[before:]) and not document.bad_paths


def _is_draft(document: Document) -> bool:
    return document.kind == "proposal" and not document.data.get("submitted")


def _blank() -> dict:
    return {"state_th": "ยังว่างอยู่", "state_en": "is still empty"}


def _placeholder(text: str) -> dict:
    shown = text.strip().splitlines()[0] if text.strip() else ""
    return {"state_th": f"ยังเป็นข้อความตัวอย่างจากแม่แบบ ('{shown}')",
            "state_en": f"still holds the scaffold's placeholder ('{shown}')", "value": shown}


def check_placeholders(document: Document, problems: ProblemList) -> None:
    """Scaffold placeholders left in: a warning in a draft, an error once submitted and in a report."""
    submitted = document.kind != "proposal" or bool(document.data.get("submitted"))
    for path, text in find_placeholders(document.data):
        if _under_bad_path(document, path) or not text.strip() and _rules_at(load_schema(document.kind), path):
            continue  # blank values are the shape check's (S005) when the schema knows the field
        line, column = document.pos(path)
        problems.add("S011" if submitted else "S010", document.file, line, column, **_fields(document, path),
                     **_placeholder(text))


_THAI_DIGIT_NUMBER = re.compile(r"^[-+]?[๐-๙]+(\.[๐-๙]+)?$")


def _read_thai_digit_numbers(document: Document, schema: dict) -> None:
    """`participants: ๑๕` is 15: an unquoted number in Thai digits, where the field is a number,
    becomes that number (money and quantities also accept Thai digits as text, see as_decimal)."""
    for path, (tag, text, style) in document.raw.items():
        if style is not None or tag != "str" or not path or not _THAI_DIGIT_NUMBER.match(text.strip()):
            continue
        kind = _rules_at(schema, path).get("type")
        if kind not in ("money", "quantity", "count"):
            continue
        number = Decimal(ascii_digits(text.strip()))
        if kind == "count" and number == number.to_integral_value():
            number = int(number)
        parent = _value_at(document.data, path[:-1])
        if isinstance(parent, (dict, list)):
            parent[path[-1]] = number


def _under_bad_path(document: Document, path: tuple) -> bool:
    return any(path[:len(bad)] == bad for bad in document.bad_paths)


# How a person writes a number; YAML 1.1 also reads 0120 (octal: 80), 0x50 and 1:20 (base 60: 80).
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?[0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?$")


def _report_surprising_numbers(document: Document, schema: dict, problems: ProblemList) -> None:
    """`unit_cost: 0120` is read as 80 and `1:20` as 80: never accept a number unlike what was written."""
    for path, (tag, text, style) in document.raw.items():
        if style is not None or tag not in ("int", "float"):
            continue
        if (_PLAIN_INT if tag == "int" else _PLAIN_FLOAT).match(text) or text.lower().lstrip("+-") in (".inf", ".nan"):
            continue  # .inf and .nan are refused as "not a number" by the type check
        if _rules_at(schema, path).get("type") not in ("money", "quantity", "count"):
            continue
        line, column = document.pos(path)
        problems.add("M008", document.file, line, column, **_fields(document, path), text=text,
                     value=_value_at(document.data, path))


def _value_at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return "?"
    return data


def _report_unquoted_digits(document: Document, schema: dict, problems: ProblemList) -> None:
    """`phone: 0812345678` is a string to PyYAML but a number to YAML 1.2 tools: ask for quotes."""
    for path, (tag, text, style) in document.raw.items():
        if style is None and tag == "str" and text.isdigit() and _rules_at(schema, path).get("type") == "quoted":
            line, column = document.pos(path)
            problems.add("S007", document.file, line, column, **_fields(document, path), key=_key(path), text=text,
                         read_as_th="ตัวเลข (ในบางโปรแกรม)", read_as_en="a number (by some tools)")


def _leaf_errors(error_list):
    for error in error_list:
        if error.is_group_error:
            yield from _leaf_errors(error.child_errors)
        else:
            yield error


def _fields(document: Document, path: tuple) -> dict:
    """`field` in Thai words ("กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost)"), `field_en` the YAML path."""
    return {"field": field_label(getattr(document, "kind", ""), path), "field_en": yaml_path(path)}


def _key(path: tuple) -> str:
    """The key as written on the line (`phone`), for hints that show the line to write."""
    return next((str(part) for part in reversed(path) if not isinstance(part, int)), "")


def _rules_at(schema: dict, path: tuple) -> dict:
    rules: dict = {"type": "dict", "schema": schema}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema", {})
        else:
            rules = rules.get("schema", {}).get(part, {})
    return rules


_EXPECTED = {
    "text": ("ข้อความ", "text"),
    "string": ("ข้อความ", "text"),
    "quoted": ("ข้อความในเครื่องหมายคำพูด", "quoted text"),
    "list": ("รายการ (ขึ้นต้นแต่ละบรรทัดด้วย -)", "a list (each line starting with -)"),
    "dict": ("ชุดคีย์: ค่า", "a mapping of keys"),
    "count": ("จำนวนเต็มไม่ติดลบ", "a whole number, not negative"),
    "quantity": ("ตัวเลขไม่ติดลบ", "a non-negative number"),
    "boolean": ("true หรือ false", "true or false"),
}

_READ_AS = {
    "int": ("ตัวเลข", "a number"),
    "float": ("ตัวเลข", "a number"),
    "bool": ("ค่าจริง/เท็จ (true/false)", "true/false"),
    "null": ("ค่าว่าง", "empty"),
}


def _report(document: Document, error, schema: dict, problems: ProblemList) -> None:
    path = tuple(error.document_path)
    fields = _fields(document, path)
    field = yaml_path(path)
    file = document.file
    if error.code == errors.UNKNOWN_FIELD.code:
        line, column = document.key_pos(path)
        parent = _rules_at(schema, path[:-1]).get("schema", {})
        problems.add("S001", file, line, column, key=path[-1], **suggestion(path[-1], parent.keys()))
        return
    if error.code == errors.REQUIRED_FIELD.code:
        line, where_th, where_en = _where_missing_key_belongs(document, schema, path)
        problems.add("S002", file, line, 1, key=field, **fields, where_th=where_th, where_en=where_en)
        return
    line, column = document.pos(path)
    value = error.value
    if error.code in (errors.NOT_NULLABLE.code, errors.EMPTY_NOT_ALLOWED.code):
        problems.add("S005", file, line, column, **fields)
    elif error.code == errors.UNALLOWED_VALUE.code:
        problems.add("S004", file, line, column, **fields, value=value,
                     allowed=", ".join(map(str, error.constraint)))
    elif error.code == errors.MIN_LENGTH.code:
        problems.add("S006", file, line, column, **fields, min=error.constraint)
    elif error.code in (errors.MIN_VALUE.code, errors.MAX_VALUE.code):
        problems.add("S008" if error.code == errors.MIN_VALUE.code else "S003", file, line, column,
                     **fields, min=error.constraint,
                     expected_th=f"ไม่เกิน {error.constraint}", expected_en=f"at most {error.constraint}")
    elif error.code == errors.REGEX_MISMATCH.code:
        problems.add("S009", file, line, column, **fields, pattern=error.constraint)
    elif error.code == errors.BAD_TYPE.code:
        _report_type(document, path, field, error.constraint, value, problems)
    else:  # a Cerberus rule this catalogue does not name: still located, still bilingual
        problems.add("S003", file, line, column, **fields, expected_th=str(error.rule), expected_en=str(error.rule))


def _where_missing_key_belongs(document: Document, schema: dict, path: tuple) -> tuple[int, str, str]:
    """The line a missing key should be written on: after the key that precedes it in the
    schema's order, else before the one that follows it, else under its parent."""
    parent, key = path[:-1], path[-1]
    order = list(_rules_at(schema, parent).get("schema", {}))
    present = _value_at(document.data, parent)
    present = present if isinstance(present, dict) else {}
    at = order.index(key) if key in order else len(order)
    kind = getattr(document, "kind", "")
    for before in reversed(order[:at]):
        if before in present:
            line = _last_line(document, parent + (before,)) + 1
            name = field_label(kind, parent + (before,))
            return _existing_line(document, line), f" — เพิ่มไว้ต่อจาก {name}", f" (add it after '{before}')"
    for after in order[at + 1:]:
        if after in present:
            name = field_label(kind, parent + (after,))
            return document.key_pos(parent + (after,))[0], f" — เพิ่มไว้ก่อน {name}", f" (add it before '{after}')"
    return _existing_line(document, document.pos(parent)[0] + (1 if parent else 0)), "", ""


def _last_line(document: Document, path: tuple) -> int:
    """The last line a value takes, nested values and `|` blocks included."""
    size = len(path)
    lines = [line for p, (line, _) in document.positions.items() if p[:size] == path]
    lines += [line for p, line in getattr(document, "ends", {}).items() if p[:size] == path]
    return max(lines, default=document.pos(path)[0])


def _existing_line(document: Document, line: int) -> int:
    count = getattr(document, "line_count", 0)
    return max(1, min(line, count)) if count else max(1, line)


def _report_type(document: Document, path, field, expected, value, problems: ProblemList) -> None:
    fields = _fields(document, path)
    file = document.file
    line, column = document.pos(path)
    tag, text, style = document.raw.get(path, (None, str(value), None))
    if expected == "thaidate":
        iso = suggest_iso_date(text)
        hint = ({"date_hint": f"เขียนเป็น {iso}", "date_hint_en": f"write {iso}"} if iso else
                {"date_hint": "เช่น 2026-12-01 หรือ 2569-12-01", "date_hint_en": "for example 2026-12-01 or 2569-12-01"})
        try:
            parse_date(value)
            problems.add("D001", file, line, column, **fields, value=text, **hint)
        except DateError as exc:
            problems.add("D002" if exc.kind == "impossible" else "D001", file, line, column, **fields, value=text,
                         **hint)
        return
    if expected in ("money", "quantity"):
        number = as_decimal(value)
        limit = MAX_MONEY if expected == "money" else MAX_QUANTITY
        if number is not None and number > limit:
            problems.add("M009", file, line, column, **fields, value=text, max=f"{limit:,}")
            return
        if expected == "money":
            if number is not None and number < 0:
                problems.add("M001", file, line, column, **fields, value=text)
            elif number is not None:
                problems.add("M003", file, line, column, **fields, value=text)
            else:
                problems.add("M002", file, line, column, **fields, value=text)
            return
    if expected in ("text", "quoted", "string") and tag in _READ_AS and style is None:
        read_th, read_en = _READ_AS[tag]
        problems.add("S007", file, line, column, **fields, key=_key(path), text=text,
                     read_as_th=read_th, read_as_en=read_en)
        return
    if expected == "text" and isinstance(value, str):
        if _is_draft(document):  # a blank left to fill in, as a form writes it: a warning until submitted
            problems.add("S010", file, line, column, **fields, **_blank())
        else:
            problems.add("S005", file, line, column, **fields)
        return
    expected_th, expected_en = _EXPECTED.get(expected, (str(expected), str(expected)))
    problems.add("S003", file, line, column, **fields, expected_th=expected_th, expected_en=expected_en)
