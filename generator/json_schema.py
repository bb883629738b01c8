"""JSON Schema (draft 7) for editors, generated from the Cerberus schemas in generator/schemas/.

The Cerberus YAML files stay the one source of truth; this module translates them, so VS Code's
YAML extension (and Ajv, fastjsonschema) complete keys, list district names and explain every
field in Thai. The translation is never looser than Cerberus: a file the editor accepts passes
the shape check too, except for what JSON Schema cannot see (listed in tests/test_json_schema.py):
the raw YAML text (`phone: 0812345678` unquoted, `0120` read as octal), rules across files, and
a whole-number `2.0` that JavaScript cannot tell from `2`.

Output: `.khrongkan/schemas/<schema>.schema.json` in the repository (git-ignored), refreshed by
every `khrongkan check`, written only when the bytes change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .files import write_if_changed
from .labels import label
from .validate.schema import MAX_MONEY, MAX_QUANTITY, SCHEMA_DIR, load_schema

OUTPUT_DIR = Path(".khrongkan") / "schemas"
DRAFT_7 = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class FileKind:
    title: str  # what the file is, in Thai
    globs: tuple[str, ...]  # the repository's files it describes (for the editor's mapping)


# Which files each Cerberus schema describes: the one table the editor mapping is made from.
# A schema file without a row still gets its JSON Schema, just no mapping.
FILE_KINDS = {
    "settings": FileKind("การตั้งค่าคลังโครงการ", ("khrongkan.yaml",)),
    "committee": FileKind("รายชื่อคณะกรรมการ", ("committee.yaml",)),
    "areas": FileKind("อำเภอและตำบลของจังหวัด", ("reference/areas.yaml",)),
    "issues": FileKind("ประเด็นงาน", ("reference/issues.yaml",)),
    "proposal": FileKind("แบบเสนอโครงการ", ("proposals/*/*/proposal.yaml",)),
    "report": FileKind("รายงานความก้าวหน้า/รายงานการเงิน", ("proposals/*/*/report-*.yaml",)),
    "meeting": FileKind("การประชุมคณะยุทธศาสตร์", ("meetings/*/*.yaml",)),
    "agreement": FileKind("ข้อตกลงรับทุน", ("proposals/*/*/agreement.yaml",)),
    "visit": FileKind("บันทึกการติดตามหนุนเสริม", ("proposals/*/*/visit-*.yaml",)),
    "plan_province": FileKind("แผนยุทธศาสตร์ชุมชนจังหวัด", ("plans/*/province.yaml",)),
    "plan_tambon": FileKind("แผนตำบล", ("plans/*/tambon/*/*.yaml",)),
}

# Keys whose values come from the repository's reference files, wherever they appear.
REFERENCE_KEYS = {
    "issue": "issues",
    "district": "districts",
    "subdistrict": "subdistricts",
    "subdistricts": "subdistricts",
    "coordinator": "members",
    "attendees": "members",
    "visitors": "members",
}

# A string that holds one of the contract's dates, YYYY-MM-DD, as generator.thai.parse_date reads
# it: the year Common Era (0001-2399) or Buddhist Era (2400 and above), and only days that exist.
# Leap years: CE by the Gregorian rule; a BE year is leap when BE - 543 is, i.e. its last two
# digits are 3 mod 4, with xx43 (a CE century) leap only in every fourth BE century.
_CE_LEAP = r"(?:[01][0-9]|2[0-3])(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|1[26]|20)00"
_BE_LEAP = r"(?:2[4-9]|[3-9][0-9])(?:[0268][37]|47|[13579][159])|(?:2[59]|[3579][37]|[468][159])43"
_DAY_MONTH = (r"(?:0?[13578]|1[02])-(?:0?[1-9]|[12][0-9]|3[01])"
              r"|(?:0?[469]|11)-(?:0?[1-9]|[12][0-9]|30)"
              r"|0?2-(?:0?[1-9]|1[0-9]|2[0-8])")
DATE_PATTERN = (rf"^\s*(?:(?!0000)[0-9]{{4}}-(?:{_DAY_MONTH})|(?:{_CE_LEAP}|{_BE_LEAP})-0?2-29)\s*$")


def _number_text(limit: Decimal, decimals: str) -> str:
    """Money or a quantity written as text ("12,500", "12500.50") from 0 up to `limit` (a power of
    ten), as validate.schema.as_decimal reads it: thousands separators optional, never negative.
    Below the limit a number has at most len(limit) - 1 digits before the point."""
    digits = len(str(int(limit))) - 1
    assert limit == 10 ** digits, "the text pattern needs a power of ten as limit"
    plain = rf"0*[0-9]{{1,{digits}}}"
    groups, first = divmod(digits, 3)
    separated = rf"[0-9]{{1,3}}(?:,[0-9]{{3}}){{0,{groups - 1}}}"
    if first:
        separated += rf"|[0-9]{{1,{first}}}(?:,[0-9]{{3}}){{{groups}}}"
    return (rf"^\s*(?:(?:{plain}|{separated}){decimals}"
            rf"|(?:0*{int(limit)}|{int(limit):,})(?:\.0+)?)\s*$")


MONEY_TEXT = _number_text(MAX_MONEY, r"(?:\.[0-9][0-9]?0*)?")  # two decimals at most (trailing zeros aside)
QUANTITY_TEXT = _number_text(MAX_QUANTITY, r"(?:\.[0-9]+)?")


def _scalar(kind: str, rules: dict) -> dict:
    """The JSON Schema of one Cerberus type (the contract's custom types included)."""
    if kind == "text":
        return {"type": "string", "pattern": r"\S"}  # not empty, not only spaces
    if kind in ("string", "quoted"):
        return {"type": "string"}
    if kind == "thaidate":
        return {"type": "string", "pattern": DATE_PATTERN}
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "count":
        return {"type": "integer", "minimum": 0}
    if kind == "integer":
        return {"type": "integer"}
    if kind in ("number", "float"):
        return {"type": "number"}
    if kind == "money":
        return {"anyOf": [{"type": "number", "minimum": 0, "maximum": int(MAX_MONEY), "multipleOf": Decimal("0.01")},
                          {"type": "string", "pattern": MONEY_TEXT}]}
    if kind == "quantity":
        number = {"type": "number", "minimum": 0, "maximum": int(MAX_QUANTITY)}
        if "max" in rules:  # a bound JSON Schema cannot test on text ("50"): numbers only, stricter
            return number
        return {"anyOf": [number, {"type": "string", "pattern": QUANTITY_TEXT}]}
    if kind == "dict":
        return {"type": "object"}
    if kind == "list":
        return {"type": "array"}
    raise NotImplementedError(f"Cerberus type {kind!r} has no JSON Schema translation yet")


# Cerberus rules the translation understands; any other one stops it, so a new rule is never
# silently dropped (which would make the editor accept what `check` refuses).
_KNOWN_RULES = {"type", "required", "nullable", "allowed", "minlength", "maxlength", "min", "max", "regex",
                "schema", "meta", "empty"}


class Translator:
    def __init__(self, schema_name: str, enums: dict[str, list] | None = None,
                 subdistricts_of: dict[str, list[str]] | None = None):
        self.name = schema_name
        self.enums = {key: values for key, values in (enums or {}).items() if values}
        self.subdistricts_of = subdistricts_of or {}

    def document(self) -> dict:
        kind = FILE_KINDS.get(self.name)
        result = {"$schema": DRAFT_7, "title": kind.title if kind else self.name}
        result.update(self.mapping(load_schema(self.name), ()))
        return result

    def mapping(self, fields: dict, keys: tuple) -> dict:
        properties = {}
        for key, rules in fields.items():
            properties[key] = self.field(rules, keys + (key,))
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [key for key, rules in fields.items() if rules.get("required")]
        if required:
            schema["required"] = required
        dependent = self.dependent_subdistricts(fields)
        if dependent:
            schema["allOf"] = dependent
        return schema

    def field(self, rules: dict, keys: tuple) -> dict:
        schema = self.rules(rules, keys)
        description = label(self.name, ".".join(keys))
        if description:
            schema = {"description": description, **schema}
        return schema

    def rules(self, rules: dict, keys: tuple) -> dict:
        unknown = set(rules) - _KNOWN_RULES
        if unknown:
            raise NotImplementedError(f"{self.name}: {'.'.join(keys)}: Cerberus rule(s) {sorted(unknown)} "
                                      "have no JSON Schema translation yet (generator/json_schema.py)")
        kind = rules.get("type")
        if not isinstance(kind, str):
            raise NotImplementedError(f"{self.name}: {'.'.join(keys)}: type {kind!r}")
        schema = self.scalar(kind, rules)
        if kind == "dict" and isinstance(rules.get("schema"), dict):
            schema = self.mapping(rules["schema"], keys)
        if kind == "list" and isinstance(rules.get("schema"), dict):
            item = rules["schema"]
            schema["items"] = self.rules(item, keys) if item.get("type") != "dict" else self.mapping(item.get("schema", {}), keys)
            if item.get("type") != "dict":
                self.reference_enum(schema["items"], keys)
        elif kind != "dict":
            self.reference_enum(schema, keys)
        if "allowed" in rules:
            schema["enum"] = list(rules["allowed"])
        if rules.get("empty") is False and kind in ("string", "text", "quoted", "list"):
            schema["minItems" if kind == "list" else "minLength"] = 1
        if "minlength" in rules:
            schema["minItems" if kind == "list" else "minLength"] = rules["minlength"]
        if "maxlength" in rules:
            schema["maxItems" if kind == "list" else "maxLength"] = rules["maxlength"]
        for rule, keyword in (("min", "minimum"), ("max", "maximum")):
            if rule in rules:
                _bound(schema, keyword, _json_number(rules[rule]))
        if "regex" in rules:  # Cerberus matches the whole value (its pattern + "$", as here)
            schema["pattern"] = f"^(?:{rules['regex']})$"
        if rules.get("nullable"):
            schema = _or_null(schema)
        return schema

    def scalar(self, kind: str, rules: dict) -> dict:
        """The JSON Schema of one Cerberus type (the shape check's fast path loosens some)."""
        return _scalar(kind, rules)

    def reference_enum(self, schema: dict, keys: tuple) -> None:
        source = REFERENCE_KEYS.get(keys[-1]) if keys else None
        if source in self.enums and schema.get("type") == "string":
            schema["enum"] = list(self.enums[source])

    def dependent_subdistricts(self, fields: dict) -> list[dict]:
        """In a mapping with `district` and `subdistricts` (or `subdistrict`): each district's own."""
        key = next((k for k in ("subdistricts", "subdistrict") if k in fields), None)
        if "district" not in fields or key is None or not self.subdistricts_of:
            return []
        rules = []
        for district, names in self.subdistricts_of.items():
            allowed = {"enum": list(names)}
            then = {"items": allowed} if fields[key].get("type") == "list" else allowed
            rules.append({"if": {"properties": {"district": {"const": district}}, "required": ["district"]},
                          "then": {"properties": {key: then}}})
        return rules


def _json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def _bound(schema: dict, keyword: str, value) -> None:
    """A min/max on a number, or on each number branch of money/quantity."""
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            if branch.get("type") in ("number", "integer"):
                branch[keyword] = value
    else:
        schema[keyword] = value


def _or_null(schema: dict) -> dict:
    """Cerberus' nullable: an empty value is accepted before any other rule."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [{"type": "null"}] + schema["anyOf"]}
    if isinstance(schema.get("type"), str):
        schema = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            schema["enum"] = schema["enum"] + [None]
        return schema
    return {"anyOf": [{"type": "null"}, schema]}


def schema_names() -> list[str]:
    """Every Cerberus schema of the package: new schema files are translated without code changes."""
    return sorted(path.stem for path in SCHEMA_DIR.glob("*.yaml"))


def reference_enums(repository) -> tuple[dict[str, list], dict[str, list[str]]]:
    """The names an editor should offer, from the repository's reference files (when readable)."""
    areas = repository.areas.districts if repository is not None and repository.areas else []
    subdistricts = list(dict.fromkeys(name for district in areas for name in district.subdistricts))
    enums = {
        "districts": [district.name for district in areas],
        "subdistricts": subdistricts,
        "issues": list(repository.issues) if repository is not None else [],
        "members": list(repository.members) if repository is not None else [],
    }
    return enums, {district.name: list(district.subdistricts) for district in areas}


def json_schemas(repository=None) -> dict[str, dict]:
    """Schema name -> its JSON Schema, with the repository's names as enums when given."""
    enums, subdistricts_of = reference_enums(repository)
    return {name: Translator(name, enums, subdistricts_of).document() for name in schema_names()}


def to_json(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, default=_decimal) + "\n"


def _decimal(value):
    if isinstance(value, Decimal):
        return float(value)  # json writes 0.01 as 0.01
    raise TypeError(type(value).__name__)


def schema_file(name: str) -> str:
    return (OUTPUT_DIR / f"{name}.schema.json").as_posix()


def write_schemas(root: Path, repository=None) -> list[Path]:
    """Write .khrongkan/schemas/*.schema.json; returns the files whose bytes changed."""
    root = Path(root)
    changed = []
    for name, schema in json_schemas(repository).items():
        path = root / schema_file(name)
        if write_if_changed(path, to_json(schema).encode("utf-8")):
            changed.append(path)
    return changed


def editor_mapping() -> dict[str, list[str]]:
    """VS Code's `yaml.schemas`: schema file -> the globs of the files it describes."""
    names = set(schema_names())
    return {f"./{schema_file(name)}": list(kind.globs) for name, kind in FILE_KINDS.items() if name in names}
