"""Loading with libyaml gives exactly what the pure-Python loader gives: the same Document (data,
positions, raw text, ends, refused values, line count) and the same problems, for every sample
file, every bad-input case and mutated copies of the samples (the mutations found the inputs
libyaml reads differently; generator/load.py sends those to the pure loader)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.load as load
import generator.yaml_nodes as yaml_nodes
from conftest import REPO_ROOT, MiniRepo
from generator.problems import ProblemList
from test_badinput import CASES, apply_case

pytestmark = pytest.mark.skipif(yaml_nodes._CLoader is None, reason="PyYAML without libyaml: only the pure loader")

SAMPLES = sorted(p for p in REPO_ROOT.rglob("*.yaml") if not {".venv", "build", "tests", "node_modules"} & set(p.parts)
                 and not p.name.startswith("."))


def read(path: Path, libyaml: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as patch:
        if not libyaml:
            patch.setattr(yaml_nodes, "_CLoader", None)
        problems = ProblemList()
        document = load.read_yaml(path, "x.yaml", problems)
    found = None if document is None else (document.data, document.positions, document.raw, document.bad_paths,
                                           document.ends, document.line_count)
    return found, [(p.code, p.line, p.column, p.params) for p in problems]


def assert_same(path: Path, monkeypatch) -> None:
    assert read(path, True, monkeypatch) == read(path, False, monkeypatch), path


def test_sample_files_read_the_same(monkeypatch):
    assert len(SAMPLES) > 20
    for path in SAMPLES:
        assert_same(path, monkeypatch)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_reads_the_same(tmp_path, monkeypatch, case):
    repo = MiniRepo(tmp_path / "repo")
    apply_case(repo, case)
    for path in sorted(repo.root.rglob("*.yaml")):
        assert_same(path, monkeypatch)


# Each once read differently by libyaml, or a limit: all must give the pure loader's answer.
SNIPPETS = [
    "kind:\tarea\n",  # a tab after the colon: libyaml accepts it
    "title: a\tb\n",
    "items: [{cod? e: 1}]\n",  # '?' inside a flow collection
    "a: {type: }\n",  # an empty value in a flow mapping: libyaml marks it at the '}'
    "a: [b: ]\n",
    "a: {b, c: }\n",
    "a: &x [1, 2]\nb: *x\nc: *x\n",
    "a: " + "[" * 60 + "]" * 60 + "\n",  # deeper than MAX_DEPTH
    "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 5000)),  # 5,000 deep
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",  # 7,290 expanded
    "a: 1\na: 2\n",
    "? [a]\n: b\n",
    "a: !!python/object:os.system x\n",
    'a: "\\x07"\n',
    "a: 0777\nb: 1_000\nc: 0x1F\nd: 1:20\ne: 12.50\nf: .inf\ng: ~\nh: yes\ni: 2026-01-01\n",
    "a: " + "9" * 5000 + "\n",
    "- a\n- b\n",
    "a: |\n  one\n  two\nb: >-\n  three\n\n",
    "%YAML 1.1\n---\na: 1\n",
    "--- \na: 1\n--- \nb: 2\n",
    "a: 'it''s'\nb: \"\\u0e01\"\n",
    "{a: 1, b: [x, y]}\n",
    "a: b: c\n",
    "a: [1, 2\n",
]


@pytest.mark.parametrize("text", SNIPPETS, ids=range(len(SNIPPETS)))
def test_snippets_read_the_same(tmp_path, monkeypatch, text):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert_same(path, monkeypatch)


def test_deep_nesting_stops_without_a_crash(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    problems = ProblemList()
    assert load.read_yaml(path, "x.yaml", problems) is None
    assert [p.code for p in problems] == ["Y008"]


PIECES = [":", "-", "?", ",", "[", "]", "{", "}", "#", "&a ", "*a", "!", "|", ">", "'", '"', "%", "@", "`", "\\",
          " ", "  ", "\n", "\n  ", "\n- ", ": ", "- ", "? ", "{a: }", "[a: ]", "{}", "[]", "---\n", "!!str ", "x", "๑"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SAMPLES[:12]), st.randoms(use_true_random=False), st.integers(1, 4))
def test_mutated_samples_read_the_same(tmp_path, monkeypatch, sample, rng: random.Random, edits):
    text = sample.read_text(encoding="utf-8")
    for _ in range(edits):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.6:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        else:
            text = text[:at] + text[at + rng.randint(1, 4):]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert_same(path, monkeypatch)
