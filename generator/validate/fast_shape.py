"""The shape check's fast path: a compiled JSON Schema and the contract's scalar tests, no Cerberus.

Cerberus stays the source of truth and of every message, but it costs several times the reading
of a file. Nearly every file is valid, so a valid file is recognised here instead:

1. structure (keys, required fields, types, lists, allowed values, patterns, bounds) by the
   draft-7 JSON Schema that generator/json_schema.py translates from the Cerberus schemas,
   compiled to Python by fastjsonschema (`Translator` with the contract's own scalar types
   loosened to plain JSON types: see `_FastTranslator`);
2. the contract's scalar types (text, quoted, thaidate, money, quantity, count) by the very
   methods of the Cerberus validator that define them, on every value that has one.

`accepts` says True only when both pass; the shape check then skips Cerberus. When it says
False, Cerberus runs as before and reports. It must never accept what Cerberus refuses
(tests/test_fast_shape.py runs both over every sample and bad file): the translation is never
looser than Cerberus (tests/test_json_schema.py), and anything unexpected here counts as False.

fastjsonschema writes a few hundred kilobytes of Python for the larger schemas; compiling that
is a large part of a small `check`, so the compiled code is kept in build/cache/fast-shape/,
keyed by khrongkan's code (schemas included), fastjsonschema's version and Python's bytecode.
"""

from __future__ import annotations

import importlib.util
import marshal
from pathlib import Path, PurePosixPath

import fastjsonschema

from ..cache import Cache
from .schema import _KhrongkanValidator, load_schema

CACHE_NAME = "fast-shape"

# Cerberus' own tests of the contract's scalar types (generator/validate/schema.py): the fast
# path calls them, so it cannot disagree with Cerberus about what a date or an amount is.
_SCALAR_TESTS = {
    "text": _KhrongkanValidator._validate_type_text,
    "quoted": _KhrongkanValidator._validate_type_quoted,
    "thaidate": _KhrongkanValidator._validate_type_thaidate,
    "money": _KhrongkanValidator._validate_type_money,
    "quantity": _KhrongkanValidator._validate_type_quantity,
    "count": _KhrongkanValidator._validate_type_count,
}

_validators: dict = {}  # schema name -> compiled fastjsonschema function, once per process
_plans: dict = {}  # schema name -> the scalar tests to run (see _plan)


def accepts(data, schema_name: str, root: Path | None = None) -> bool:
    """True when `data` certainly passes the Cerberus schema `schema_name`."""
    try:
        validate = _validators.get(schema_name) or _load(schema_name, root)
        validate(data)
        return _scalars_pass(_plan_of(schema_name), data)
    except Exception:  # a refusal (JsonSchemaValueException) or anything unforeseen: Cerberus decides
        return False


def document_root(path: Path, file: str) -> Path | None:
    """The repository a document was read from (its path without its repository-relative name),
    or None for a file outside any repository (then nothing is cached)."""
    name = PurePosixPath(file)
    if name.is_absolute() or not name.parts or not Path(path).as_posix().endswith("/" + name.as_posix()):
        return None
    return Path(path).parents[len(name.parts) - 1]


# --- the compiled JSON Schema -----------------------------------------------------------------

def _load(schema_name: str, root: Path | None):
    code = None
    cache = Cache(root, CACHE_NAME) if root is not None else None
    key = cache.key(schema_name, fastjsonschema.VERSION, importlib.util.MAGIC_NUMBER) if cache else ""
    if cache is not None:
        stored = cache.get_bytes(key, ".marshal")
        if stored is not None:
            try:
                code = marshal.loads(stored)
            except (EOFError, ValueError, TypeError):  # a torn entry is a miss
                code = None
    if code is None:
        code = compile(source(schema_name), f"<fast-shape {schema_name}>", "exec")
        if cache is not None:
            try:
                cache.put_bytes(key, marshal.dumps(code), ".marshal")
            except OSError:  # a read-only checkout: compile again next time
                pass
    namespace: dict = {}
    exec(code, namespace)  # fastjsonschema's own generated module, built from our schema files
    _validators[schema_name] = namespace["validate"]
    return namespace["validate"]


def source(schema_name: str) -> str:
    """fastjsonschema's Python for the fast path's JSON Schema of `schema_name`."""
    return fastjsonschema.compile_to_code(fast_json_schema(schema_name))


def fast_json_schema(schema_name: str) -> dict:
    from ..json_schema import Translator  # only on a cache miss: it reads the field labels

    class _FastTranslator(Translator):
        """The editor's translation with the contract's scalars left to _SCALAR_TESTS: a date
        in Thai digits or "12,500.50" as text is valid, and the editor's patterns for them are
        ASCII-only. Only what the scalar tests cover is loosened; a quantity with a bound stays
        a plain number, as Cerberus' bound cannot be tested on text."""

        def scalar(self, kind: str, rules: dict) -> dict:
            if kind in ("text", "quoted", "thaidate"):
                return {"type": "string"}
            if kind == "money" or kind == "quantity" and "max" not in rules:
                return {"type": ["number", "string"]}
            return super().scalar(kind, rules)

        def field(self, rules: dict, keys: tuple) -> dict:
            return self.rules(rules, keys)  # no descriptions: they are for people

    return _FastTranslator(schema_name).document()


# --- the contract's scalar types -----------------------------------------------------------------

def _plan_of(schema_name: str) -> tuple:
    plan = _plans.get(schema_name)
    if plan is None:
        plan = _plans[schema_name] = _plan(load_schema(schema_name))
    return plan


def _plan(fields: dict) -> tuple:
    """For a mapping: (key, scalar test or None, plan of a nested mapping, plan of each list item),
    only for keys below which some value has one of the contract's types."""
    rows = []
    for key, rules in fields.items():
        row = _rules_plan(rules)
        if row != (None, None, None):
            rows.append((key, *row))
    return tuple(rows)


def _rules_plan(rules: dict) -> tuple:
    kind = rules.get("type")
    test = _SCALAR_TESTS.get(kind)
    inner = _plan(rules["schema"]) if kind == "dict" and isinstance(rules.get("schema"), dict) else None
    items = None
    if kind == "list" and isinstance(rules.get("schema"), dict):
        item = _rules_plan(rules["schema"])
        items = item if item != (None, None, None) else None
    return test, inner or None, items


def _scalars_pass(plan: tuple, mapping: dict) -> bool:
    """Every value of a contract type passes its test. The structure was checked first (a
    mapping is a dict, a list a list), and None is where the schema allows an empty value."""
    for key, test, inner, items in plan:
        value = mapping.get(key)
        if value is None:
            continue
        if not _value_passes(test, inner, items, value):
            return False
    return True


def _value_passes(test, inner, items, value) -> bool:
    if test is not None and not test(None, value):
        return False
    if inner is not None and not _scalars_pass(inner, value):
        return False
    if items is not None:
        item_test, item_inner, item_items = items
        for item in value:
            if item is None:
                return False  # list items are never nullable in the schemas: Cerberus says why
            if not _value_passes(item_test, item_inner, item_items, item):
                return False
    return True
