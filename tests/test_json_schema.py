"""The editor's JSON Schemas (generator/json_schema.py) agree with the Cerberus shape check.

Every sample file, every file of the bad-input corpus, the rule tests' kind of one-line edits and
a systematic set of mutations (each key removed, emptied, given a value of every other type) are
read with the project's own loader and judged twice: by `check_shape` (Cerberus plus the raw-text
checks) and by the generated JSON Schema (draft 7, the `jsonschema` library). They must agree;
the JSON Schema must never accept a file the shape check refuses.

Cases that cannot agree, and why (asserted below, never skipped silently):
- RAW_TEXT: what only the YAML text shows. `phone: 0812345678` unquoted (S007) is a string to
  PyYAML but a number to the YAML 1.2 readers editors use, which the schema does refuse there;
  `0120` (YAML 1.1 octal, 80) and `1:20` (base 60) are numbers once read (M008).
- LOADER: a value the loader already refused (an unsafe tag, a control character written as an
  escape) is None in the data; the file is refused whatever the schema says.
- NOT_A_NUMBER: `.nan` is a YAML float but not a number to check (S003); JSON has no NaN and
  every comparison with NaN is false, so no schema keyword can refuse it.
- STRICTER: where the JSON Schema refuses what Cerberus accepts (allowed, never the reverse): a
  quantity with a maximum written as text (`percent: "60"`); JSON Schema cannot compare text.
- Cross-file rules (a district from reference/areas.yaml, sums, dates in order, quorum) are not
  shape: the schema carries the repository's names as enums (tested apart), the rules stay in
  `check`. Buddhist-Era dates agree exactly (DATE_PATTERN, tested day by day below).
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import PROPOSAL_DIR, REPO_ROOT, REPORT, MEETING
from generator import json_schema
from generator.cli import main
from generator.labels import field_label, labels
from generator.load import read_yaml
from generator.problems import ProblemList
from generator.thai import DateError, parse_date
from generator.validate import check_repository
from generator.validate.schema import _rules_at, check_shape, load_schema, parse_money, parse_quantity


def _multiple_of(validator, divisor, instance, schema):
    """multipleOf computed exactly: the loader reads 12500.50 as Decimal, and float division
    (12500.5 / 0.01) is not exact. Non-finite numbers are never a multiple."""
    if not validator.is_type(instance, "number"):
        return
    try:
        remainder = Decimal(str(instance)) % Decimal(str(divisor))
    except InvalidOperation:
        remainder = 1
    if remainder != 0:
        yield jsonschema.ValidationError(f"{instance!r} is not a multiple of {divisor}")


Draft7 = jsonschema.validators.extend(jsonschema.Draft7Validator, {"multipleOf": _multiple_of})
SHAPES = json_schema.json_schemas()  # no repository: shape only, as Cerberus sees it
VALIDATORS = {name: Draft7(json.loads(json_schema.to_json(schema))) for name, schema in SHAPES.items()}


def json_value(value):
    """The loaded data as a JSON reader sees it: floats exact (Decimal), infinities kept."""
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_value(item) for item in value]
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return Decimal(repr(value))
    return value


RAW_TEXT = {"S007", "M008"}


def _has_nan(value) -> bool:
    if isinstance(value, dict):
        return any(_has_nan(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_nan(item) for item in value)
    return isinstance(value, float) and value != value


def verdicts(document, schema: str) -> tuple[bool, bool, set[str]]:
    """(shape check accepts, JSON Schema accepts, codes the shape check reported)."""
    problems = ProblemList()
    accepted = check_shape(document, schema, problems)
    return accepted, VALIDATORS[schema].is_valid(json_value(document.data)), {p.code for p in problems}


def assert_agree(document, schema: str, case: str, stricter_ok: bool = False) -> None:
    cerberus, json_ok, codes = verdicts(document, schema)
    if json_ok and not cerberus:  # the one direction that must never happen, but for the listed cases
        assert codes & RAW_TEXT or document.bad_paths or _has_nan(document.data), \
            f"{case}: JSON Schema accepts what check refuses: {codes}"
    if cerberus and not json_ok:
        errors = [e.message for e in VALIDATORS[schema].iter_errors(json_value(document.data))]
        assert stricter_ok, f"{case}: JSON Schema refuses what check accepts: {errors}"


# --- which schema a file of the repository uses --------------------------------------------------

def schema_of(relative: str) -> str | None:
    from fnmatch import fnmatch

    for name, kind in json_schema.FILE_KINDS.items():
        if any(fnmatch(relative, pattern) for pattern in kind.globs):
            return name
    return None


def sample_files() -> list[tuple[str, str]]:
    files = []
    for path in sorted(REPO_ROOT.glob("**/*.yaml")):
        relative = path.relative_to(REPO_ROOT).as_posix()
        if relative.startswith(("proposals/", "meetings/", "reference/", "plans/")) or relative in ("committee.yaml", "khrongkan.yaml"):
            schema = schema_of(relative)
            if schema in SHAPES:
                files.append((relative, schema))
    return files


SAMPLES = sample_files()


def test_the_samples_cover_every_kind_of_file():
    assert {schema for _, schema in SAMPLES} >= {"proposal", "report", "meeting", "committee", "settings", "areas", "issues",
                                                 "plan_province", "plan_tambon"}


@pytest.mark.parametrize("relative, schema", SAMPLES)
def test_every_sample_file_is_accepted_by_both(relative, schema):
    document = read_yaml(REPO_ROOT / relative, relative, ProblemList())
    assert verdicts(document, schema)[:2] == (True, True)


# --- mutations: every field removed, emptied, and given each other kind of value -----------------

# Values of every other kind, and the edge cases of each custom type (kept few: Cerberus takes
# ~50 ms per proposal, and every mutation is one whole file).
ANY_KIND = [None, 1, [], {"x": 1}]
EDGE_VALUES = {
    "text": ["", "   ", True],
    "string": ["", "ข้อความ"],
    "quoted": ["089-000-0001", True],
    "thaidate": ["2027-02-30", "2567-02-29", "2569-02-29", "15/10/2569"],
    "money": [-1, Decimal("12.345"), Decimal("12.5"), 10**12, "1,200", "12,50", float("inf"), float("nan")],
    "quantity": [-1, Decimal("12.345"), 10**9, "1,200", "x", float("nan")],
    "count": [-1, Decimal("2.0"), "3", True],
    "boolean": ["yes"],
}


CONTAINER_VALUES = [None, "ข้อความ", 1, [], ["ก"], {}, {"x": 1}]  # enough for a list or mapping


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value[:1]):
            yield from _paths(item, path + (index,))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    if value is _REMOVE:
        del data[path[-1]]
    else:
        data[path[-1]] = value


_REMOVE = object()


def _mutations(document, schema: str):
    for path in list(_paths(document.data))[1:]:
        original = _get(document.data, path)
        kind = _rules_at(load_schema(schema), path).get("type")
        values = CONTAINER_VALUES if isinstance(original, (dict, list)) else ANY_KIND + EDGE_VALUES.get(kind, [])
        for value in [_REMOVE] + values:
            if value is _REMOVE and isinstance(path[-1], int):
                continue
            mutated = copy.copy(document)
            mutated.data = copy.deepcopy(document.data)
            _set(mutated.data, path, value)
            mutated.raw = {p: raw for p, raw in document.raw.items() if p[:len(path)] != path}
            yield f"{'.'.join(map(str, path))} = {value!r}", mutated, value
        mutated = copy.copy(document)
        mutated.data = copy.deepcopy(document.data)
        parent = path[:-1]
        target = mutated.data
        for part in parent:
            target = target[part]
        if isinstance(target, dict):
            target["unknown_key"] = "x"
            yield f"{'.'.join(map(str, parent))}.unknown_key", mutated, "x"


def _stricter_on_purpose(schema: str, case: str, value) -> bool:
    """STRICTER: a bounded quantity (percent, quorum fraction) written as text."""
    key = case.split(" = ")[0].split(".")[-1]
    return (schema, key) in {("proposal", "percent"), ("settings", "fraction")} and isinstance(value, str)


MUTATED = [("proposal", f"{PROPOSAL_DIR}/proposal.yaml", None), ("report", f"{PROPOSAL_DIR}/report-1.yaml", REPORT),
           ("meeting", "meetings/2570/01.yaml", MEETING), ("committee", "committee.yaml", None),
           ("settings", "khrongkan.yaml", None), ("areas", "reference/areas.yaml", None),
           ("issues", "reference/issues.yaml", None)]


@pytest.mark.parametrize("schema, relative, text", MUTATED, ids=[m[0] for m in MUTATED])
def test_mutations_are_judged_alike(mini_repo, schema, relative, text):
    if text:
        mini_repo.write(relative, text)
    mini_repo.replace("khrongkan.yaml", "quorum:", "publish:\n  phone: false\nsite:\n  title: ทดสอบ\nquorum:\n  fraction: 0.5\n")
    document = read_yaml(mini_repo.root / relative, relative, ProblemList())
    count = 0
    for case, mutated, value in _mutations(document, schema):
        assert_agree(mutated, schema, case, stricter_ok=_stricter_on_purpose(schema, case, value))
        count += 1
    assert count > 20


# --- the bad-input corpus and the rule tests' one-line edits -------------------------------------

def _corpus_cases():
    from test_badinput import CASES

    return CASES


@pytest.mark.parametrize("name", _corpus_cases())
def test_bad_input_corpus_is_judged_alike(mini_repo, name):
    from test_badinput import TARGETS, apply_case

    expected, target = apply_case(mini_repo, name)
    schema = {v: k for k, v in TARGETS.items()}[target]
    schema = {"areas": "areas"}.get(schema, schema)
    document = read_yaml(mini_repo.root / target, target, ProblemList())
    if document is None:
        return  # LOADER: refused before any shape check (not UTF-8, a tab, an alias bomb, ...)
    assert_agree(document, schema, name)


EDITS = [  # (file, old, new): the kind of edit tests/test_rules.py makes
    ("proposal", "kind: area", "kind: place"),
    ("proposal", "title: ", "titel: "),
    ("proposal", "  address: ตำบลนาโพธิ์ อำเภอสวี จังหวัดชุมพร\n", ""),
    ("proposal", '    phone: "089-000-0001"', "    phone: 0890000001"),
    ("proposal", '    phone: "089-000-0001"', "    phone: 0123"),
    ("proposal", '    phone: "089-000-0001"', "    phone: 089-000-0001"),
    ("proposal", "  start: 2026-10-15", "  start: 2026-02-30"),
    ("proposal", "  start: 2026-10-15", "  start: 2569-02-29"),
    ("proposal", "  start: 2026-10-15", "  start: 15/10/2569"),
    ("proposal", "        unit_cost: 80", "        unit_cost: 0120"),
    ("proposal", "        unit_cost: 80", "        unit_cost: 1:20"),
    ("proposal", "        unit_cost: 80", '        unit_cost: "1,200.50"'),
    ("proposal", "        unit_cost: 80", "        unit_cost: 80.125"),
    ("proposal", "        unit_cost: 80", "        unit_cost: -80"),
    ("proposal", "        unit_cost: 80", "        unit_cost: .inf"),
    ("proposal", "        unit_cost: 80", "        unit_cost: 1e3"),
    ("proposal", "    participants: 15", "    participants: 15.0"),
    ("proposal", "    participants: 15", "    participants: สิบห้า"),
    ("proposal", "  - percent: 60", "  - percent: 160"),
    ("proposal", "  - percent: 60", '  - percent: "60"'),
    ("proposal", "objectives:\n  - เพื่อเพิ่มสมาชิกกองทุน", "objectives: เพื่อเพิ่มสมาชิกกองทุน"),
    ("proposal", "objectives:\n  - เพื่อเพิ่มสมาชิกกองทุน", "objectives: []"),
    ("proposal", "  subdistricts: [นาโพธิ์]", "  subdistricts: no"),
    ("proposal", "title: โครงการ", "title: !!binary"),
    ("committee", "  - id: l01", "  - id: l 01"),
    ("committee", "  - id: l01", '  - id: "l01\\n"'),
    ("committee", "    bodies: [large]", "    bodies: [huge]"),
    ("meeting", "body: large", "body: medium"),
    ("meeting", "    amount: 2000", "    amount: 2,000"),
    ("meeting", "    amount: 2000", '    amount: "2,000"'),
    ("settings", "  rule: more_than_half", "  rule: all"),
    ("report", "  - activity: 1", "  - activity: 0"),
    ("report", "    status: done", "    status: finished"),
]
FILES = {"proposal": f"{PROPOSAL_DIR}/proposal.yaml", "report": f"{PROPOSAL_DIR}/report-1.yaml",
         "meeting": "meetings/2570/01.yaml", "committee": "committee.yaml", "settings": "khrongkan.yaml"}


@pytest.mark.parametrize("schema, old, new", EDITS)
def test_one_line_edits_are_judged_alike(mini_repo, schema, old, new):
    mini_repo.write(FILES["report"], REPORT)
    mini_repo.write(FILES["meeting"], MEETING)
    mini_repo.replace(FILES[schema], old, new)
    document = read_yaml(mini_repo.root / FILES[schema], FILES[schema], ProblemList())
    if document is None:
        return  # LOADER
    assert_agree(document, schema, new, stricter_ok=new == '  - percent: "60"')


def test_the_cases_that_cannot_agree_are_real(mini_repo):
    """RAW_TEXT and STRICTER above are not hypothetical: each still happens."""
    path = mini_repo.replace(FILES["proposal"], '    phone: "089-000-0001"', "    phone: 0890000001")
    document = read_yaml(path, FILES["proposal"], ProblemList())
    assert verdicts(document, "proposal") == (False, True, {"S007"})
    mini_repo.replace(FILES["proposal"], "    phone: 0890000001", '    phone: "089-000-0001"')
    path = mini_repo.replace(FILES["proposal"], "  - percent: 60", '  - percent: "60"')
    document = read_yaml(path, FILES["proposal"], ProblemList())
    assert verdicts(document, "proposal") == (True, False, set())


# --- custom scalars, exactly ---------------------------------------------------------------------

def test_the_date_pattern_accepts_exactly_the_dates_check_accepts():
    pattern = re.compile(json_schema.DATE_PATTERN)
    years = [*range(0, 130), *range(1880, 2120), *range(2380, 2720), *range(2720, 10000, 37),
             2943, 3343, 3443, 6443, 6543, 9999]
    wrong = []
    for year in years:
        for month in (0, 1, 2, 4, 12, 13):
            for day in (0, 1, 28, 29, 30, 31, 32):
                for text in (f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month}-{day}"):
                    try:
                        parse_date(text)
                        real = True
                    except DateError:
                        real = False
                    if real != bool(pattern.search(text)):
                        wrong.append(text)
    assert wrong == []


@pytest.mark.parametrize("text", ["0", "12", "12.5", "12.50", "12.500", "12.501", "1,000", "1,000,000,000",
                                  "1,000,000,000.00", "1000000000", "1000000000.01", "999,999,999.99", "12,50",
                                  " 12 ", "-1", "0001", "1,0000", "00000000000012", "1000000001",
                                  "1,000,000,001", "12.", ".5", "10,000,000", "10000000.5", "9,999,999.125"])
def test_money_and_quantity_text_patterns_match_the_parsers(text):
    assert (parse_money(text) is not None) == bool(re.search(json_schema.MONEY_TEXT, text))
    assert (parse_quantity(text) is not None) == bool(re.search(json_schema.QUANTITY_TEXT, text))


# --- the files, the command, the refresh ---------------------------------------------------------

def test_every_schema_is_valid_draft_7_and_every_field_has_a_thai_description():
    for name, schema in SHAPES.items():
        jsonschema.Draft7Validator.check_schema(json.loads(json_schema.to_json(schema)))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        missing = [path for path in _schema_paths(schema) if not path[1].get("description")]
        assert missing == [], f"{name}: add Thai labels in generator/schemas/labels/{name}.yaml for {missing}"


def _schema_paths(schema, path=""):
    for key, sub in (schema.get("properties") or {}).items():
        yield f"{path}{key}", sub
        inner = next((b for b in sub.get("anyOf", [sub]) if b.get("type") in ("object", "array", ["array", "null"])), sub)
        if "properties" in inner:
            yield from _schema_paths(inner, f"{path}{key}.")
        items = inner.get("items")
        if isinstance(items, dict) and "properties" in items:
            yield from _schema_paths(items, f"{path}{key}.")


def test_every_label_names_a_field_of_its_schema():
    for name in json_schema.schema_names():
        fields = {path for path, _ in _schema_paths(SHAPES[name])}
        assert set(labels(name)) <= fields, f"{name}: labels for unknown fields {set(labels(name)) - fields}"


def test_labels_name_a_field_the_way_people_say_it():
    assert field_label("proposal", ("activities", 0, "budget", 1, "unit_cost")) == "กิจกรรมที่ 1 รายการที่ 2 ราคาต่อหน่วย (unit_cost)"
    assert field_label("proposal", ("area", "subdistricts", 2)) == "พื้นที่ดำเนินการ ตำบลที่ 3 (subdistricts)"
    assert field_label("report", ("finance", "spent", 0, "amount")) == "รายงานการเงิน รายจ่ายที่ 1 จำนวนเงิน (amount)"


def test_a_new_cerberus_rule_stops_the_translation():
    with pytest.raises(NotImplementedError, match="excludes"):
        json_schema.Translator("proposal").rules({"type": "text", "excludes": "x"}, ("title",))


def test_the_repository_names_become_enums():
    repository = check_repository(REPO_ROOT).repository
    schema = json_schema.json_schemas(repository)["proposal"]
    validator = Draft7(json.loads(json_schema.to_json(schema)))
    relative = next(name for name, schema in SAMPLES if schema == "proposal")
    document = read_yaml(REPO_ROOT / relative, relative, ProblemList())
    data = json_value(document.data)
    assert validator.is_valid(data)
    assert schema["properties"]["area"]["properties"]["district"]["enum"] == [d.name for d in repository.areas.districts]
    assert schema["properties"]["issue"]["enum"] == repository.issues
    district = data["area"]["district"]
    other = next(d for d in repository.areas.districts if d.name != district)
    wrong_district = copy.deepcopy(data)
    wrong_district["area"]["district"] = "ไม่มีอำเภอนี้"
    assert not validator.is_valid(wrong_district)
    elsewhere = copy.deepcopy(data)
    elsewhere["area"]["subdistricts"] = [other.subdistricts[0]]  # a real ตำบล, of another อำเภอ
    assert not validator.is_valid(elsewhere)
    assert not validator.is_valid({**data, "issue": "ไม่มีประเด็นนี้"})
    attendees = json_schema.json_schemas(repository)["meeting"]["properties"]["attendees"]
    assert attendees["items"]["enum"] == list(repository.members)


def test_schema_command_writes_every_schema_once(mini_repo):
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "--repo", str(mini_repo.root)])
    assert result.exit_code == 0, result.output
    folder = mini_repo.root / ".khrongkan" / "schemas"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.schema.json" for n in json_schema.schema_names())
    assert "เขียน (wrote) .khrongkan/schemas/proposal.schema.json" in result.output
    proposal = json.loads((folder / "proposal.schema.json").read_text(encoding="utf-8"))
    assert proposal["properties"]["area"]["properties"]["district"]["enum"] == ["สวี", "ละแม"]
    assert proposal["properties"]["title"]["description"] == "ชื่อโครงการ"
    again = runner.invoke(main, ["schema", "--repo", str(mini_repo.root)])
    assert "wrote" not in again.output and "(เปลี่ยน 0 ไฟล์; 0 changed)" in again.output


def test_check_refreshes_the_schemas_only_when_the_reference_files_change(mini_repo):
    path = mini_repo.root / ".khrongkan" / "schemas" / "proposal.schema.json"
    json_schema.write_schemas(mini_repo.root, mini_repo.check().repository)
    first = path.stat().st_mtime_ns
    assert json_schema.write_schemas(mini_repo.root, mini_repo.check().repository) == []
    assert path.stat().st_mtime_ns == first
    mini_repo.replace("reference/areas.yaml", "  - name: ละแม", "  - name: ปะทิว\n    subdistricts: [บางสน]\n  - name: ละแม")
    result = CliRunner().invoke(main, ["check", "--repo", str(mini_repo.root), "--format", "json"])
    assert json.loads(result.stdout)["errors"] == 0  # the refresh adds nothing to the output
    assert "ปะทิว" in path.read_text(encoding="utf-8")


def test_fastjsonschema_reads_the_schemas_and_agrees_on_the_samples(mini_repo):
    """fastjsonschema (a later fast path) compiles every schema, enums included, and judges alike."""
    import fastjsonschema

    repository = check_repository(REPO_ROOT).repository
    compiled = {name: fastjsonschema.compile(json.loads(json_schema.to_json(schema)))
                for name, schema in json_schema.json_schemas(repository).items()}
    for relative, schema in SAMPLES:
        document = read_yaml(REPO_ROOT / relative, relative, ProblemList())
        compiled[schema](json_value(document.data))  # raises when it refuses
    path = mini_repo.replace(f"{PROPOSAL_DIR}/proposal.yaml", "kind: area", "kind: place")
    document = read_yaml(path, "proposal.yaml", ProblemList())
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        fastjsonschema.compile(json.loads(json_schema.to_json(SHAPES["proposal"])))(json_value(document.data))


@pytest.mark.parametrize("rules, values", [
    ({"type": "string", "empty": False}, ["", "ก", 1]),
    ({"type": "list", "empty": False, "schema": {"type": "integer"}}, [[], [1], ["1"], 2]),
    ({"type": "number", "min": 1, "max": 5}, [0, 1, 5, Decimal("5.5"), "3"]),
    ({"type": "string", "allowed": ["a", "b"], "nullable": True}, ["a", "c", None]),
])
def test_plain_cerberus_rules_translate_alike(rules, values):
    """Rules other schemas (plans, agreements, visits) may use: judged alike by both."""
    from generator.validate.schema import _KhrongkanValidator

    translated = Draft7(json.loads(json_schema.to_json(json_schema.Translator("x").rules(rules, ("field",)))))
    for value in values:
        cerberus = _KhrongkanValidator({"field": rules}).validate({"field": value})
        assert cerberus == translated.is_valid(json_value(value)), (rules, value)
