"""Property-based fuzzing of load -> validate -> model with Hypothesis.

Mutations of the small valid repository's files (proposal, report, meeting, roster, settings,
reference lists: random keys, values of random types, random text with Thai, YAML syntax and
control characters, random edits of the raw bytes) must never make `check_repository` raise.
Every problem it reports has a known code, a file and (for a problem inside a YAML file) a line;
every project it builds has a usable model.

The default suite runs a short, derandomized run of each property (50 examples). A long run
is separate:

    .venv/bin/python -m pytest -m fuzz tests/test_fuzz.py        # a few minutes

(2,000 examples per property, KHRONGKAN_FUZZ_EXAMPLES to change; 500 rendered valid proposals,
KHRONGKAN_FUZZ_RENDER_EXAMPLES; 60 site builds, KHRONGKAN_FUZZ_SITE_EXAMPLES). Valid but unusual
proposals (any printable text, any amounts) must also check without errors, render to Word with
their title shown, and appear on the site as exactly their text, never as markup.
"""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AREAS, ISSUES, MEETING, PROPOSAL, PROPOSAL_DIR, REPORT, SETTINGS, MiniRepo, committee_yaml
from generator import thai
from generator.problems import CATALOGUE
from generator.validate import check_repository

FILES = {
    "proposal": (f"{PROPOSAL_DIR}/proposal.yaml", PROPOSAL),
    "report": (f"{PROPOSAL_DIR}/report-1.yaml", REPORT),
    "meeting": ("meetings/2570/01.yaml", MEETING),
    "committee": ("committee.yaml", committee_yaml()),
    "settings": ("khrongkan.yaml", SETTINGS),
    "areas": ("reference/areas.yaml", AREAS),
    "issues": ("reference/issues.yaml", ISSUES),
}
# Problems about a whole file or folder rather than a place inside a YAML file.
WHOLE_FILE = {"A007", "P004", "P005", "P006", "P007", "P008", "P010", "P011", "Y008"}

SHORT = settings(max_examples=50, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=int(os.environ.get("KHRONGKAN_FUZZ_EXAMPLES", "2000")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies --------------------------------------------------------------------------------

THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
TRICKY = st.sampled_from(list(":-#&*!|>'\"%@`{}[],?~\t\n\r \\") + ["\x00", "\x07", "\x1b", "\x85", "\u2028",
                                                                    "\u202e", "\u200b", "\ufeff", "\ud7ff"])
TEXT = st.text(st.one_of(THAI, TRICKY, st.characters(codec="utf-8")), max_size=40)
YAML_WORDS = st.sampled_from(["no", "yes", "on", "off", "~", "null", "0812345678", "0234567", "1:30", "12,000",
                              "0x1F", ".inf", "-.nan", "2027-02-30", "2569-12-01", "2570-13-40", "1e400",
                              "{{ 7*191 }}", "<script>", "!!python/name:os.system", "*a", "&a x", "[", "{", "|"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), TEXT, YAML_WORDS,
    st.dates().map(lambda d: d.isoformat()),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.one_of(TEXT, YAML_WORDS), inner, max_size=4)),
                      max_leaves=12)


def _paths(data, prefix=()):
    """Every path (tuple of keys and indexes) inside a loaded YAML document."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_documents(draw):
    """(file name, YAML text): a valid file with a few structural mutations, dumped again."""
    which = draw(st.sampled_from(sorted(FILES)))
    name, text = FILES[which]
    data = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text: dates and numbers stay as written
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:  # everything deleted already
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.one_of(TEXT, YAML_WORDS))] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=draw(
        st.sampled_from([None, None, "'", '"'])))


@st.composite
def edited_bytes(draw):
    """(file name, bytes): a valid file with raw edits: insertions, deletions, repeated or swapped lines."""
    which = draw(st.sampled_from(sorted(FILES)))
    name, text = FILES[which]
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 5))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "repeat", "swap", "indent", "replace"]))
        line = lines[index]
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.one_of(TEXT, YAML_WORDS)) + line[at:]
        elif action == "delete" and line:
            start = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:start] + line[start + draw(st.integers(1, 5)):]
        elif action == "repeat":
            lines.insert(index, line)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + line
        elif action == "replace" and ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(YAML_WORDS)}"
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):  # damage a few bytes: invalid UTF-8, a BOM, CRLF
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.sampled_from([b"\xff", b"\xe0\xb8", b"\xef\xbb\xbf", b"\r\n", b"\x00", b""])) \
            + data[position:]
    return name, data


# --- the property -----------------------------------------------------------------------------

class Workspace:
    """One small repository reused across examples: only the mutated file is rewritten."""

    def __init__(self):
        self._temporary = tempfile.TemporaryDirectory()
        self.repo = MiniRepo(Path(self._temporary.name) / "repo")
        for name, text in FILES.values():
            self.repo.write(name, text)

    def apply(self, name: str, content: str | bytes) -> None:
        for original, text in FILES.values():
            (self.repo.root / original).write_bytes(text.encode("utf-8"))
        path = self.repo.root / name
        path.write_bytes(content.encode("utf-8", errors="surrogatepass") if isinstance(content, str) else content)

    def close(self):
        self._temporary.cleanup()


@pytest.fixture(scope="module")
def workspace():
    space = Workspace()
    yield space
    space.close()


def assert_sound(root: Path) -> None:
    result = check_repository(root)  # must not raise, whatever the input
    for problem in result.problems:
        assert problem.code in CATALOGUE
        assert problem.file and not problem.file.startswith("/")
        if problem.code not in WHOLE_FILE and problem.file.endswith(".yaml"):
            assert problem.line >= 1, problem
        for lang in ("th", "en"):
            message = problem.message(lang)
            assert message and "\n" not in message
        json.dumps(problem.as_dict(), ensure_ascii=False)
    # Whatever the model holds is usable by the outputs: totals, installments, words, balances.
    repository = result.repository
    for proposal in repository.proposals.values():
        for value in (proposal.requested, proposal.contributed, proposal.received, proposal.spent, proposal.balance):
            assert isinstance(value, Decimal) and value.is_finite()
            thai.format_money(value)
            thai.baht_words(value)
        [thai.format_money(i.amount) for i in proposal.installments]
        proposal.status, proposal.fingerprint(), proposal.approved
        thai.format_date_range(proposal.start, proposal.end)
        for activity in proposal.activities:
            thai.format_money(activity.total)
            [thai.format_number(line.quantity) for line in activity.budget]
        for report in proposal.reports:
            thai.format_money(report.cumulative_balance)
    for meeting in repository.meetings:
        meeting.label, meeting.has_quorum
    if not result.errors:
        assert "2570-001-naphoe-welfare" in repository.proposals


@SHORT
@given(mutated_documents())
def test_mutated_documents_never_crash_check(workspace, case):
    workspace.apply(*case)
    assert_sound(workspace.repo.root)


@SHORT
@given(edited_bytes())
def test_edited_bytes_never_crash_check(workspace, case):
    workspace.apply(*case)
    assert_sound(workspace.repo.root)


@SHORT
@given(st.sampled_from(sorted(FILES)), st.binary(max_size=300))
def test_random_bytes_never_crash_check(workspace, which, data):
    workspace.apply(FILES[which][0], data)
    assert_sound(workspace.repo.root)


@pytest.mark.fuzz
@LONG
@given(mutated_documents())
def test_fuzz_mutated_documents(workspace, case):
    workspace.apply(*case)
    assert_sound(workspace.repo.root)


@pytest.mark.fuzz
@LONG
@given(edited_bytes())
def test_fuzz_edited_bytes(workspace, case):
    workspace.apply(*case)
    assert_sound(workspace.repo.root)


# --- valid but unusual proposals: accepted, and rendered ----------------------------------------

# Any printable text: letters, marks (Thai vowels and tone marks), numbers, punctuation, symbols, spaces.
PRINTABLE = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=60) \
    .filter(lambda text: text.strip())
TEXT_PATHS = [("title",), ("organization", "name"), ("organization", "address"), ("rationale",),
              ("objectives", 0), ("targets", 0, "description"), ("targets", 0, "unit"),
              ("activities", 0, "name"), ("activities", 0, "place"), ("activities", 0, "budget", 0, "item"),
              ("activities", 1, "name"), ("installments", 0, "condition"), ("indicators", 0, "description"),
              ("expected_results", 0), ("responsible", 0, "name"), ("responsible", 1, "position")]
MONEY = st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False)
QUANTITY = st.integers(min_value=0, max_value=100_000)


@st.composite
def valid_proposals(draw):
    data = yaml.load(PROPOSAL, Loader=yaml.BaseLoader)
    for path in TEXT_PATHS:
        _parent(data, path)[path[-1]] = draw(PRINTABLE)
    for activity in data["activities"]:
        if "participants" in activity:
            activity["participants"] = draw(QUANTITY)
        for line in activity["budget"]:
            line.pop("amount", None)
            line["quantity"] = draw(QUANTITY)
            line["unit_cost"] = str(draw(MONEY))
            line["times"] = draw(st.integers(1, 60))
    data["targets"][0]["quantity"] = draw(QUANTITY)
    data["indicators"][0]["target"] = draw(QUANTITY)
    first = draw(st.integers(0, 100))
    data["installments"] = [{"percent": first, "condition": draw(PRINTABLE)},
                            {"percent": 100 - first, "condition": draw(PRINTABLE)}]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def assert_accepted_and_rendered(workspace, text: str) -> None:
    from generator.documents import render_all

    workspace.apply(FILES["proposal"][0], text)
    for other in ("report", "meeting"):  # their amounts fit the original budget only (restored by apply)
        (workspace.repo.root / FILES[other][0]).unlink()
    result = check_repository(workspace.repo.root)
    assert result.errors == [], [p.message("en") for p in result.errors]
    assert_sound(workspace.repo.root)
    with tempfile.TemporaryDirectory() as out:
        rendered = render_all(result, workspace.repo.root, out_dir=Path(out))
        assert not rendered.refused and [path.name for path in rendered] == ["2570-001-naphoe-welfare.docx"]
        from test_badinput import docx_text

        title = result.repository.proposals["2570-001-naphoe-welfare"].title
        assert " ".join(title.split()) in " ".join(docx_text(rendered[0]).split())


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(valid_proposals())
def test_valid_unusual_proposals_are_accepted_and_rendered(workspace, text):
    assert_accepted_and_rendered(workspace, text)


@pytest.mark.fuzz
@settings(max_examples=int(os.environ.get("KHRONGKAN_FUZZ_RENDER_EXAMPLES", "500")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(valid_proposals())
def test_fuzz_valid_unusual_proposals_render(workspace, text):
    assert_accepted_and_rendered(workspace, text)


def assert_shown_on_the_site(workspace, text: str) -> None:
    """Any printable title reaches the site as exactly that text, and never as markup."""
    from test_badinput import browser_view

    from generator.sitebuild import build_site

    workspace.apply(FILES["proposal"][0], text)
    for other in ("report", "meeting"):
        (workspace.repo.root / FILES[other][0]).unlink()
    result = check_repository(workspace.repo.root)
    assert result.errors == []
    build_site(workspace.repo.root, result, documents=False)
    site = workspace.repo.root / "build" / "site"
    page = browser_view((site / "proposals" / "2570-001-naphoe-welfare" / "index.html").read_text(encoding="utf-8"))
    assert page.dangers == []
    shown = " ".join("".join(page.text).split())
    proposal = result.repository.proposals["2570-001-naphoe-welfare"]
    for value in (proposal.title, proposal.organization_name, proposal.objectives[0], proposal.activities[0].name):
        assert " ".join(value.split()) in shown, value


@pytest.mark.fuzz
@settings(max_examples=int(os.environ.get("KHRONGKAN_FUZZ_SITE_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(valid_proposals())
def test_fuzz_valid_unusual_proposals_on_the_site(workspace, text):
    assert_shown_on_the_site(workspace, text)
