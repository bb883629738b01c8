"""The shape check's fast path (generator/validate/fast_shape.py) never accepts what Cerberus refuses.

Every sample file of the repository, every form case, every file of every bad-input case and the
test fixtures go through both paths. For each: when the fast path accepts, Cerberus accepts too;
and check_shape gives the same problems, the same verdict and the same data whichever path it
takes. A property test mutates valid proposals and reports and asserts the same.
"""

from __future__ import annotations

import copy
import textwrap
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AREAS, ISSUES, MEETING, PROPOSAL, PROPOSAL_DIR, REPO_ROOT, REPORT, SETTINGS, MiniRepo, committee_yaml
from fieldwork_fixtures import AGREEMENT, VISIT
from generator.json_schema import FILE_KINDS
from generator.load import read_yaml
from generator.problems import ProblemList
from generator.validate import fast_shape
from generator.validate import schema as shape
from test_badinput import CASES, apply_case


def schema_of(file: str) -> str | None:
    """The schema a repository file is checked against, from the editor's mapping of globs."""
    for name, kind in FILE_KINDS.items():
        if any(PurePosixPath(file).match(glob) and len(PurePosixPath(file).parts) == len(PurePosixPath(glob).parts)
               for glob in kind.globs):
            return name
    return None


def repository_files(root: Path) -> list[tuple[Path, str, str]]:
    """(path, repository-relative name, schema) of every YAML file a schema describes."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        file = path.relative_to(root).as_posix()
        name = schema_of(file)
        if name and not file.startswith(("tests/", "build/", ".")):
            found.append((path, file, name))
    return found


def both_paths(path: Path, file: str, schema_name: str, monkeypatch) -> tuple:
    """check_shape with the fast path and without it: (fast accepted?, Cerberus valid?, results)."""
    results = []
    for fast in (True, False):
        problems = ProblemList()
        document = read_yaml(path, file, problems)
        if document is None:
            return None
        with monkeypatch.context() as patch:
            if not fast:
                patch.setattr(fast_shape, "accepts", lambda *args: False)
            shaped = shape.check_shape(document, schema_name, problems)
        results.append((shaped, list(problems), document.data, document.bad_paths))
    # The two verdicts on the data as check_shape validates it (Thai-digit numbers already read).
    problems = ProblemList()
    document = read_yaml(path, file, problems)
    rules = shape.load_schema(schema_name)
    document.kind = schema_name
    shape._read_thai_digit_numbers(document, rules)
    accepted = fast_shape.accepts(copy.deepcopy(document.data), schema_name)
    valid = shape._KhrongkanValidator(rules).validate(document.data)
    return accepted, valid, results[0], results[1]


def assert_agree(path: Path, file: str, schema_name: str, monkeypatch) -> bool | None:
    outcome = both_paths(path, file, schema_name, monkeypatch)
    if outcome is None:
        return None
    accepted, valid, fast, cerberus = outcome
    assert not accepted or valid, f"{file}: the fast path accepts what Cerberus refuses"
    assert fast == cerberus, f"{file}: check_shape differs between the paths"
    return accepted


def test_every_sample_file_takes_the_fast_path(monkeypatch):
    files = repository_files(REPO_ROOT)
    kinds = {name for _, _, name in files}
    assert {"settings", "committee", "areas", "issues", "proposal", "report", "meeting", "agreement", "visit",
            "plan_province", "plan_tambon"} <= kinds
    for path, file, name in files:
        # The samples are valid: the fast path accepts every one (else it would be no faster).
        assert assert_agree(path, file, name, monkeypatch) is True, file


def test_form_cases_agree(monkeypatch):
    accepted = {}
    for path in sorted((REPO_ROOT / "tests" / "form_cases").glob("*.yaml")):
        accepted[path.name] = assert_agree(path, f"{PROPOSAL_DIR}/proposal.yaml", "proposal", monkeypatch)
    assert accepted["good-minimal.yaml"] is True
    # Shape errors go to Cerberus; so does a blank left in a draft (a warning Cerberus words).
    for name in ("bad-m003-three-decimals.yaml", "bad-s001-unknown-key.yaml", "bad-s005-empty-title.yaml",
                 "bad-d001-slashed-date.yaml", "bad-m002-money-in-words.yaml", "good-draft-with-placeholders-and-blanks.yaml"):
        assert accepted[name] is False, name


UNREADABLE = {"alias-bomb", "deep-nesting", "list-100k", "string-10mb"}  # no data to shape (tests/test_fast_load.py)


@pytest.mark.parametrize("case", [case for case in CASES if case not in UNREADABLE])
def test_bad_input_cases_agree(tmp_path, monkeypatch, case):
    repo = MiniRepo(tmp_path / "repo")
    apply_case(repo, case)
    for path, file, name in repository_files(repo.root):
        assert_agree(path, file, name, monkeypatch)


FIXTURES = {
    "khrongkan.yaml": SETTINGS,
    "reference/areas.yaml": AREAS,
    "reference/issues.yaml": ISSUES,
    "committee.yaml": committee_yaml(),
    f"{PROPOSAL_DIR}/proposal.yaml": PROPOSAL,
    f"{PROPOSAL_DIR}/report-1.yaml": REPORT,
    "meetings/2570/01.yaml": MEETING,
    f"{PROPOSAL_DIR}/agreement.yaml": AGREEMENT,
    f"{PROPOSAL_DIR}/visit-1.yaml": VISIT,
}

# Values Cerberus refuses although their JSON type is right, and values written unusually.
EDITS = [
    ("proposal", "  start: 2026-10-15", "  start: 2027-02-30"),  # no such day
    ("proposal", "  start: 2026-10-15", "  start: ๒๕๖๙-๑๐-๑๕"),  # Thai digits: valid
    ("proposal", "  start: 2026-10-15", '  start: "2569-10-15 "'),
    ("proposal", "unit_cost: 80", "unit_cost: 80.005"),
    ("proposal", "unit_cost: 80", 'unit_cost: "๘๐๐"'),
    ("proposal", "unit_cost: 80", "unit_cost: ๘๐๐"),
    ("proposal", "unit_cost: 80", "unit_cost: 0800"),
    ("proposal", "unit_cost: 80", "unit_cost: 1:20"),
    ("proposal", "unit_cost: 80", "unit_cost: .inf"),
    ("proposal", "unit_cost: 80", "unit_cost: -1"),
    ("proposal", "unit_cost: 80", "unit_cost: 1000000001"),
    ("proposal", "unit_cost: 80", 'unit_cost: "1,000.50"'),
    ("proposal", "unit_cost: 80", "unit_cost: true"),
    ("proposal", "quantity: 100", "quantity: 2.5"),
    ("proposal", "quantity: 100", "quantity: 100.0"),
    ("proposal", "participants: 15", "participants: 15.0"),
    ("proposal", "participants: 15", "participants: ๑๕"),
    ("proposal", "participants: 15", "participants: -3"),
    ("proposal", "kind: area", "kind: \"area\\n\""),
    ("proposal", "title: โครงการ", "title: \"   \"\nx: โครงการ"),
    ("proposal", "phone: \"089-000-0001\"", "phone: 0890000001"),
]


@pytest.mark.parametrize("file", list(FIXTURES))
def test_fixtures_agree(tmp_path, monkeypatch, file):
    path = tmp_path / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(FIXTURES[file]), encoding="utf-8")
    assert assert_agree(path, file, schema_of(file), monkeypatch) is True


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit[2].strip()[:24])
def test_edited_values_agree(tmp_path, monkeypatch, edit):
    kind, old, new = edit
    file = f"{PROPOSAL_DIR}/proposal.yaml"
    text = textwrap.dedent(PROPOSAL)
    if old not in text:
        pytest.fail(f"{old!r} is not in the test proposal")
    path = tmp_path / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert_agree(path, file, kind, monkeypatch)


# --- a property: mutated valid data ---------------------------------------------------------------

def _valid(file: str) -> dict:
    problems = ProblemList()
    document = read_yaml(REPO_ROOT / file, file, problems)
    assert document is not None and not problems
    return document.data


SAMPLES = {"proposal": "proposals/2570/2570-004-sawi-crabbank/proposal.yaml",
           "report": "proposals/2570/2570-003-pathio-disaster/report-1.yaml"}
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**10), st.text(max_size=12),
                    st.sampled_from(["", " ", "2569-02-30", "2570-01-31", "๒๕๗๐-๐๑-๓๑", "12,500.50", "1.005", "-0",
                                     "area", "x\n", "0812345678", "๑๒"]),
                    st.decimals(allow_nan=True, places=3), st.floats(allow_nan=True),
                    st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def _containers(data, path=()):
    yield path, data
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _containers(value, path + (key,))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_mutated_valid_data_fast_accepts_only_what_cerberus_accepts(kind, draw):
    data = copy.deepcopy(_valid(SAMPLES[kind]))
    for _ in range(draw.draw(st.integers(1, 3))):
        places = [(path, value) for path, value in _containers(data) if path]
        path, _ = draw.draw(st.sampled_from(places))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw.draw(SCALARS)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw.draw(st.sampled_from(["x", "note", "title", "budget", "period"]))] = draw.draw(SCALARS)
        else:
            parent.append(draw.draw(SCALARS))
    if fast_shape.accepts(copy.deepcopy(data), kind):
        assert shape._KhrongkanValidator(shape.load_schema(kind)).validate(data), data


def test_the_fast_path_refuses_what_only_python_can_see():
    data = copy.deepcopy(_valid(SAMPLES["proposal"]))
    assert fast_shape.accepts(copy.deepcopy(data), "proposal")
    data["period"]["start"] = "2569-02-30"  # matches the JSON type, not a real day
    assert not fast_shape.accepts(data, "proposal")
    data = copy.deepcopy(_valid(SAMPLES["proposal"]))
    data["activities"][0]["budget"][0]["unit_cost"] = Decimal("80.005")
    assert not fast_shape.accepts(data, "proposal")


def test_compiled_schema_is_kept_in_the_cache(tmp_path):
    fast_shape._validators.pop("issues", None)
    assert fast_shape.accepts({"issues": []}, "issues", tmp_path) in (True, False)
    stored = list((tmp_path / "build" / "cache" / fast_shape.CACHE_NAME).rglob("*.marshal"))
    assert len(stored) == 1
    fast_shape._validators.pop("issues", None)
    stored[0].write_bytes(b"torn")  # a broken entry is compiled again, never an error
    data = _valid("reference/issues.yaml")
    assert fast_shape.accepts(data, "issues", tmp_path)
    fast_shape._validators.pop("issues", None)
    assert fast_shape.accepts(data, "issues", tmp_path)  # read back from the cache
