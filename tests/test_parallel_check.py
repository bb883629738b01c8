"""The check shared by forked workers (`render --jobs`): the workers only fill the check's cache,
so the one whole check that follows finds exactly what a check in one process finds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO_ROOT
from generator import validate
from generator.cache import Pack
from generator.cli import main
from generator.validate import cached, parallel

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers are forked (Linux)")

REPORT = "proposals/2570/2570-001-thasae-welfare/report-1.yaml"
PROPOSAL = "proposals/2570/2570-002-lamae-housing/proposal.yaml"


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    """A copy of the sample repository with a rule broken in one report (R002, at a line read
    back from the cache's positions) and a shape broken in one proposal; every folder is worth
    sharing."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("khrongkan.yaml", "committee.yaml", "reference", "proposals", "meetings", "plans"):
        (shutil.copytree if (REPO_ROOT / name).is_dir() else shutil.copy2)(REPO_ROOT / name, root / name)
    _replace(root / REPORT, "  - indicator: 1", "  - indicator: 9")
    _replace(root / PROPOSAL, "title: ", "title:\n  - ")
    monkeypatch.setattr(parallel, "MIN_PROPOSALS", 1)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _found(result) -> list[tuple]:
    return [(p.code, p.file, p.line, p.column, sorted(map(str, p.params.items()))) for p in result.problems]


def _counted(monkeypatch) -> list[str]:
    """The files read and shape-checked in this process (forked workers count in their own copy)."""
    checked: list[str] = []
    real = validate._read_and_shape

    def counting(path, name, schema, privacy):
        checked.append(name)
        return real(path, name, schema, privacy=privacy)

    monkeypatch.setattr(validate, "_read_and_shape", counting)
    return checked


def test_the_workers_check_every_file_and_the_result_is_that_of_one_process(sample, monkeypatch):
    checked = _counted(monkeypatch)
    shared = parallel.check_repository(sample, jobs=2)
    assert checked == []  # every file was read back from what the workers saved
    alone = validate.check_repository(sample, use_cache=False)
    assert _found(shared) == _found(alone)
    codes = {p.code for p in shared.problems}
    assert "R002" in codes and any(p.file == PROPOSAL and p.is_error for p in shared.problems)
    assert list(shared.repository.proposals) == list(alone.repository.proposals)
    assert [p.has_errors for p in shared.repository.proposals.values()] == \
        [p.has_errors for p in alone.repository.proposals.values()]
    assert [s.folder for s in shared.skipped] == [s.folder for s in alone.skipped]


def test_a_repeated_check_starts_no_worker_and_a_stale_pack_is_shared_again(sample):
    parallel.check_repository(sample, jobs=2)
    assert parallel._cold_groups(sample.resolve(), 2) == []
    # A pack written by other code (or torn) holds nothing usable: its folders are shared again.
    packs = sorted((sample / "build" / "cache" / cached.CACHE_NAME).glob("pack-proposals*"))
    packs[0].write_bytes(b"khrongkan-pack-1 older\n")
    stale = packs[0].name.removeprefix("pack-")
    groups = parallel._cold_groups(sample.resolve(), 2)
    assert groups and all(cached.shard_of(f"proposals/2570/{project_id}/proposal.yaml") == stale
                          for group in groups for project_id in group)


def test_groups_hold_whole_packs_and_every_folder_once(sample):
    groups = parallel._cold_groups(sample.resolve(), 2)
    ids = [project_id for group in groups for project_id in group]
    assert sorted(ids) == sorted(p.name for p in (sample / "proposals" / "2570").iterdir())
    shards = [{cached.shard_of(f"proposals/2570/{project_id}/proposal.yaml") for project_id in group}
              for group in groups]
    assert len(groups) == 2 and not shards[0] & shards[1]


def test_one_job_or_a_few_folders_check_in_this_process(sample, monkeypatch):
    checked = _counted(monkeypatch)
    parallel.check_repository(sample, jobs=1)
    assert checked  # no worker: this process read the files
    shutil.rmtree(sample / "build")
    checked.clear()
    monkeypatch.setattr(parallel, "MIN_PROPOSALS", 1000)
    parallel.check_repository(sample, jobs=2)
    assert checked


def test_a_pack_knows_whether_this_code_wrote_it(tmp_path):
    pack = Pack(tmp_path, "check", "layout", "pack-x")
    assert not pack.written_by_this_code()  # missing
    pack.put("a", "key", 1)
    assert pack.save()
    assert pack.written_by_this_code()
    assert not Pack(tmp_path, "check", "another layout", "pack-x").written_by_this_code()


def test_render_takes_jobs(sample):
    """`--jobs 1` and `--jobs 2` write the same documents (a worker count below 1 is refused)."""
    runner = CliRunner()
    refused = runner.invoke(main, ["render", "--jobs", "0", "--repo", str(sample)])
    assert refused.exit_code == 2
    outputs = {}
    for jobs in ("1", "2"):
        shutil.rmtree(sample / "build", ignore_errors=True)
        result = runner.invoke(main, ["render", "--jobs", jobs, "--repo", str(sample)])
        assert result.exit_code == 1, result.output  # the broken proposal is not rendered
        outputs[jobs] = {p.name: p.read_bytes() for p in (sample / "build" / "docx").glob("*.docx")}
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) > 2
