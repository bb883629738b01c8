"""The check's cache (build/cache/check/): a repeated check reads unchanged files back, and a
stale entry never changes what is reported, whatever was edited in between."""

from __future__ import annotations

import pickle

import pytest
from click.testing import CliRunner

from conftest import MEETING, PROPOSAL_DIR, REPORT
from generator import templates_check, validate
from generator.cli import main
from generator.problems import Problem
from generator.validate import cached, check_repository

PROPOSAL = f"{PROPOSAL_DIR}/proposal.yaml"
REPORT1 = f"{PROPOSAL_DIR}/report-1.yaml"
MEETING1 = "meetings/2570/01.yaml"


def _found(result) -> list[tuple]:
    return [(p.code, p.file, p.line, p.column, sorted(map(str, p.params.items()))) for p in result.problems]


def _check_output(root, *args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--repo", str(root), *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_as_without_cache(root):
    """The cached check reports exactly what a check without any cache reports."""
    warm, cold = check_repository(root), check_repository(root, use_cache=False)
    assert _found(warm) == _found(cold)
    assert [p.has_errors for p in warm.repository.proposals.values()] == \
        [p.has_errors for p in cold.repository.proposals.values()]
    return warm


@pytest.fixture
def no_template_check(monkeypatch):
    """The Word template check (a second per run) is tested on its own below."""
    monkeypatch.setattr(templates_check, "check_templates", lambda root: [])


@pytest.fixture
def repo_with_problems(mini_repo, no_template_check):
    """A report whose indicator does not exist (R002) and a meeting with an unknown attendee (R004)."""
    mini_repo.write(REPORT1, REPORT.replace("indicator: 1", "indicator: 4"))
    mini_repo.write(MEETING1, MEETING.replace("[l01, l02, l03]", "[l01, l02, l03, x9]"))
    return mini_repo


def test_a_repeated_check_reads_every_file_back_and_prints_the_same(repo_with_problems, monkeypatch):
    root = repo_with_problems.root
    first = _check_output(root)
    assert first[0] == 1 and "R002" in first[1] and "R004" in first[1]
    assert _pack(root).is_file() and _pack(root, name=MEETING1).is_file() and _pack(root, "positions").is_file()

    def must_not_read(*args):
        raise AssertionError(f"read again although unchanged: {args[1]}")

    monkeypatch.setattr(validate, "_read_and_shape", must_not_read)
    monkeypatch.setattr(validate, "check_free_text", must_not_read)
    assert _check_output(root) == first
    assert _check_output(root, "--format", "json") == _check_output(root, "--format", "json")


def test_an_edited_file_is_checked_again(repo_with_problems):
    root = repo_with_problems.root
    check_repository(root)
    repo_with_problems.replace(PROPOSAL, "amount: 1200", "amount: 1300")  # M004
    repo_with_problems.replace(REPORT1, "indicator: 4", "indicator: 1")  # R002 gone
    result = assert_as_without_cache(root)
    assert {p.code for p in result.problems} == {"M004", "R004"}


def test_an_edited_reference_file_checks_every_file_again(repo_with_problems):
    root = repo_with_problems.root
    check_repository(root)
    repo_with_problems.replace("reference/areas.yaml", "  - name: สวี\n", "  - name: สวีใหม่\n")
    result = assert_as_without_cache(root)
    assert "A001" in {p.code for p in result.problems}


def test_an_edited_privacy_setting_is_applied_to_cached_files(mini_repo):
    root = mini_repo.root
    mini_repo.replace(PROPOSAL, "  - เพื่อเพิ่มสมาชิกกองทุน", "  - เพื่อเพิ่มสมาชิกกองทุน โทร 089-321-7654")
    assert "W001" in {p.code for p in check_repository(root).problems}
    mini_repo.write("khrongkan.yaml", (root / "khrongkan.yaml").read_text(encoding="utf-8") + "publish:\n  phone: true\n")
    assert "W001" not in {p.code for p in assert_as_without_cache(root).problems}


@pytest.mark.parametrize("positions_kept", [True, False])
def test_a_rule_spanning_files_reports_at_the_right_place_in_a_cached_file(mini_repo, monkeypatch, positions_kept):
    """Positions are read back only for a file a problem is reported in; when their entry is
    gone, from the file itself."""
    root = mini_repo.root
    mini_repo.write(REPORT1, REPORT)
    mini_repo.write(MEETING1, MEETING)
    check_repository(root)
    (root / MEETING1).unlink()  # the report now has no approval on record (R007 at the report)
    mini_repo.replace("committee.yaml", "  - id: s01\n", "  - id: s09\n")  # the coordinator is unknown
    if positions_kept:
        monkeypatch.setattr(cached, "read_yaml", lambda *args: pytest.fail("read again"))
    else:
        _drop_positions(root)
    result = check_repository(root)
    assert _found(result) == _found(check_repository(root, use_cache=False))
    found = {p.code: p for p in result.problems}
    assert set(found) == {"R007", "A005"}
    assert (found["R007"].file, found["R007"].line) == (REPORT1, 1)
    assert (found["A005"].file, found["A005"].line, found["A005"].column) == \
        (PROPOSAL, mini_repo.line_of(PROPOSAL, "coordinator: s01"), 14)


def _drop_positions(root):
    """Lose the positions packs (as if another run had replaced them, or they were torn)."""
    for pack in (root / "build" / "cache" / cached.CACHE_NAME).glob("positions-*"):
        pack.write_bytes(b"torn")


def test_check_works_when_build_cannot_be_written(repo_with_problems):
    root = repo_with_problems.root
    (root / "build").write_text("not a folder", encoding="utf-8")
    exit_code, stdout, _ = _check_output(root)
    assert exit_code == 1 and "R002" in stdout and "R004" in stdout
    assert (root / "build").read_text(encoding="utf-8") == "not a folder"


def test_the_template_check_runs_again_only_when_a_template_changed(mini_repo, monkeypatch):
    root = mini_repo.root
    runs = []

    def check_templates(root):
        runs.append(root)
        broken = (root / "templates" / "proposal.docx").is_file()
        return [Problem("T001", "templates/proposal.docx", params={"template": "templates/proposal.docx",
                                                                   "detail": "test"})] if broken else []

    monkeypatch.setattr(templates_check, "check_templates", check_templates)
    assert templates_check.cached_check_templates(root) == []
    assert templates_check.cached_check_templates(root) == [] and len(runs) == 1
    mini_repo.write("templates/proposal.docx", b"not a Word file")
    assert [p.code for p in templates_check.cached_check_templates(root)] == ["T001"] and len(runs) == 2
    mini_repo.write("templates/proposal.docx", b"not a Word file either")
    assert [p.code for p in templates_check.cached_check_templates(root)] == ["T001"] and len(runs) == 3
    assert [p.code for p in templates_check.cached_check_templates(root)] == ["T001"] and len(runs) == 3


def test_check_recreates_the_editor_schemas_from_the_cache(repo_with_problems):
    root = repo_with_problems.root
    schemas = root / ".khrongkan" / "schemas"
    _check_output(root)
    first = {path.name: path.read_bytes() for path in schemas.iterdir()}
    for path in schemas.iterdir():
        path.unlink()
    _check_output(root)
    assert {path.name: path.read_bytes() for path in schemas.iterdir()} == first


# --- check <proposal folder>: that folder, and what its rules need --------------------------------

OTHER_DIR = "proposals/2570/2570-002-other"


@pytest.fixture
def two_proposals(mini_repo, no_template_check):
    """The asked proposal has a report problem (R002); the other one a budget problem (M004); the
    meeting grants each more than it asked for (R006) and lists an unknown attendee (R004)."""
    mini_repo.write(REPORT1, REPORT.replace("indicator: 1", "indicator: 4"))
    mini_repo.write(f"{OTHER_DIR}/proposal.yaml", (mini_repo.root / PROPOSAL).read_text(encoding="utf-8")
                    .replace("amount: 1200", "amount: 1300"))
    mini_repo.write(MEETING1, MEETING.replace("[l01, l02, l03]", "[l01, l02, l03, x9]").replace("amount: 2000", "amount: 99999")
                    + "  - proposal: 2570-002-other\n    decision: approved\n    amount: 88888\n")
    return mini_repo


def test_check_of_one_folder_reports_its_problems_and_the_decisions_on_it(two_proposals, monkeypatch):
    root = two_proposals.root
    read = []
    real = validate._read_and_shape
    monkeypatch.setattr(validate, "_read_and_shape", lambda path, name, *args, **kwargs: read.append(name) or real(path, name, *args, **kwargs))
    exit_code, stdout, _ = _check_output(root, root / PROPOSAL_DIR)
    assert exit_code == 1
    codes = [line.split(": ")[1].split()[0] for line in stdout.splitlines()]
    assert sorted(codes) == ["R002", "R006"]
    assert f"{MEETING1}:" in stdout and "99,999" in stdout and "88,888" not in stdout
    assert not [name for name in read if name.startswith(OTHER_DIR)]  # the other proposal is never read
    assert {MEETING1, "committee.yaml", "reference/areas.yaml", PROPOSAL, REPORT1} <= set(read)
    # The same lines as the whole check gives for that folder and the decision on it.
    whole = _check_output(root)[1].splitlines()
    assert stdout.splitlines() == [line for line in whole if line.startswith(PROPOSAL_DIR) or "99,999" in line]


def test_check_of_one_file_in_a_folder_reports_that_file(two_proposals):
    root = two_proposals.root
    exit_code, stdout, _ = _check_output(root, root / PROPOSAL)
    assert exit_code == 1
    assert "R002" not in stdout and "R006" in stdout and "M004" not in stdout


def test_one_folder_and_a_path_elsewhere_check_the_whole_repository(two_proposals):
    root = two_proposals.root
    exit_code, stdout, _ = _check_output(root, root / PROPOSAL_DIR, root / "meetings")
    codes = sorted(line.split(": ")[1].split()[0] for line in stdout.splitlines())
    assert codes == ["R002", "R004", "R006", "R006"]


def test_check_of_one_folder_reports_a_reference_problem_of_that_folder_only(two_proposals):
    root = two_proposals.root
    for name in (PROPOSAL, f"{OTHER_DIR}/proposal.yaml"):
        two_proposals.replace(name, "district: สวี", "district: สวิ")
    exit_code, stdout, _ = _check_output(root, root / PROPOSAL_DIR)
    assert exit_code == 1
    assert f"{PROPOSAL}:{two_proposals.line_of(PROPOSAL, 'district: สวิ')}:13: A001" in stdout
    assert OTHER_DIR not in stdout


# --- the pack: one file for every entry ---------------------------------------------------------

def _pack(root, kind: str = "pack", name: str = PROPOSAL):
    """The pack file that holds the entry (kind "pack") or the positions of `name`."""
    return root / "build" / "cache" / cached.CACHE_NAME / f"{kind}-{cached.shard_of(name)}"


def _entries_in(root) -> dict:
    """Every entry of every pack and positions pack, by name."""
    found = {}
    for pack in (root / "build" / "cache" / cached.CACHE_NAME).iterdir():
        data = pack.read_bytes()
        found.update(pickle.loads(data[data.index(b"\n") + 1:]))
    return found


def _reads(monkeypatch) -> list[str]:
    """The names read and shape-checked (not read back) from now on."""
    read = []
    real = validate._read_and_shape
    monkeypatch.setattr(validate, "_read_and_shape",
                        lambda path, name, *args, **kwargs: read.append(name) or real(path, name, *args, **kwargs))
    return read


@pytest.mark.parametrize("garbage", [b"", b"khrongkan-pack-1 not the stamp\n\x80\x05", b"\x00" * 100, None],
                         ids=["empty", "foreign", "zeros", "torn"])
def test_a_torn_or_foreign_pack_is_a_miss_not_an_error(repo_with_problems, monkeypatch, garbage):
    root = repo_with_problems.root
    cold = check_repository(root, use_cache=False)
    check_repository(root)
    data = _pack(root).read_bytes()
    _pack(root).write_bytes(data[: len(data) // 2] if garbage is None else garbage)  # None: torn halfway
    read = _reads(monkeypatch)
    assert _found(check_repository(root)) == _found(cold)
    assert PROPOSAL in read and REPORT1 in read  # checked again, not read back
    read.clear()
    assert _found(check_repository(root)) == _found(cold) and read == []  # and the pack was written anew


def test_a_pack_that_cannot_be_replaced_still_checks(repo_with_problems):
    root = repo_with_problems.root
    _pack(root).mkdir(parents=True)  # a folder where the pack goes: os.replace fails
    exit_code, stdout, _ = _check_output(root)
    assert exit_code == 1 and "R002" in stdout and "R004" in stdout
    assert _pack(root).is_dir()
    assert _check_output(root)[1] == stdout


def test_checking_one_folder_keeps_the_other_entries(two_proposals, monkeypatch):
    root = two_proposals.root
    check_repository(root)
    two_proposals.replace(REPORT1, "indicator: 4", "indicator: 3")  # a new entry for the asked folder
    _check_output(root, root / PROPOSAL_DIR)
    read = _reads(monkeypatch)
    check_repository(root)
    assert read == []  # the other proposal's entries survived the partial run


def test_a_whole_check_drops_the_entries_of_deleted_files(two_proposals):
    root = two_proposals.root
    check_repository(root)
    (root / OTHER_DIR / "proposal.yaml").unlink()
    (root / OTHER_DIR).rmdir()
    check_repository(root)
    entries = _entries_in(root)
    assert PROPOSAL in entries and not [name for name in entries if name.startswith(OTHER_DIR)]
    assert {path.name for path in (root / "build" / "cache" / cached.CACHE_NAME).iterdir()} == \
        {f"{kind}-{cached.shard_of(name)}" for kind in ("pack", "positions") for name in entries}


def test_two_files_with_the_same_bytes_keep_their_own_entries(two_proposals):
    """Entries are by name: a copied proposal's problems name its own file."""
    root = two_proposals.root
    other = f"{OTHER_DIR}/proposal.yaml"
    two_proposals.write(other, (root / PROPOSAL).read_text(encoding="utf-8").replace("amount: 1200", "amount: 1300"))
    two_proposals.replace(PROPOSAL, "amount: 1200", "amount: 1300")
    check_repository(root)
    result = assert_as_without_cache(root)
    assert {p.file for p in result.problems if p.code == "M004"} == {PROPOSAL, other}


# --- photos: opened once per content --------------------------------------------------------------

def test_a_photo_is_opened_again_only_when_its_bytes_change(mini_repo, monkeypatch):
    from PIL import Image

    from generator.validate import rules

    root = mini_repo.root
    mini_repo.write(REPORT1, REPORT.replace("reporter:", "photos:\n  - file: files/a.jpg\n    caption: ภาพ\nreporter:"))
    mini_repo.write(MEETING1, MEETING)
    (root / PROPOSAL_DIR / "files").mkdir()
    Image.new("RGB", (40, 30), "green").save(root / PROPOSAL_DIR / "files" / "a.jpg")
    assert check_repository(root).problems == []
    opened = []
    real = rules.photo_verdict
    monkeypatch.setattr(rules, "photo_verdict", lambda path: opened.append(path.name) or real(path))
    assert check_repository(root).problems == [] and opened == []
    (root / PROPOSAL_DIR / "files" / "a.jpg").write_text("ไม่ใช่รูป", encoding="utf-8")
    found = assert_as_without_cache(root).problems
    assert [(p.code, p.file, p.params["value"]) for p in found] == [("P002", REPORT1, "files/a.jpg")]
    assert opened == ["a.jpg", "a.jpg"]  # the cached check, then the one without the cache
    (root / PROPOSAL_DIR / "files" / "a.jpg").unlink()
    assert [p.code for p in assert_as_without_cache(root).problems] == ["P001"]


def test_parsed_numbers_keep_their_written_form():
    """The parse memo is by type and value: 1, 1.0 and True are equal keys but not equal numbers."""
    from generator import model

    assert str(model._number(1)) == "1" and str(model._number(1.0)) == "1.0"
    assert str(model._money("1,500.50")) == "1500.50" and model._money(True) is None
    assert model._money(["not", "hashable"]) is None


def test_positions_written_for_other_bytes_are_never_used(mini_repo):
    """Another run may replace the positions pack: an entry's positions must be for its own bytes."""
    root = mini_repo.root
    check_repository(root)
    positions = _pack(root, "positions")
    kept = positions.read_bytes()
    mini_repo.write(PROPOSAL, "# ฉบับแก้ไข\n" + (root / PROPOSAL).read_text(encoding="utf-8"))  # one line down
    check_repository(root)
    positions.write_bytes(kept)  # the positions of the file as it was before
    mini_repo.replace("committee.yaml", "  - id: s01\n", "  - id: s09\n")  # A005 at the coordinator
    result = check_repository(root)
    assert _found(result) == _found(check_repository(root, use_cache=False))
    found = {p.code: p for p in result.problems}
    assert (found["A005"].file, found["A005"].line) == (PROPOSAL, mini_repo.line_of(PROPOSAL, "coordinator: s01"))


def test_checking_one_folder_reads_only_the_packs_it_needs(two_proposals, monkeypatch):
    from generator import cache

    root = two_proposals.root
    check_repository(root)
    opened = []
    real = cache.Pack._read
    monkeypatch.setattr(cache.Pack, "_read", lambda pack: opened.append(pack.path.name) or real(pack))
    _check_output(root, root / PROPOSAL_DIR)
    needed = {"other", "meetings", "plans", cached.shard_of(PROPOSAL)}
    assert {name.split("-", 1)[1] for name in opened} <= needed  # positions too, for R002 and R006
    assert _pack(root).name in opened and "pack-meetings" in opened


# --- the stamp: an unchanged file is not even read ------------------------------------------------

def _bytes_read(monkeypatch) -> list[str]:
    """The names of the files whose bytes the cache reads from now on."""
    import pathlib

    read = []
    real = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda path: read.append(path.name) or real(path))
    return read


def _same_size_edit(mini_repo, name: str, old: str, new: str) -> None:
    """Edit a file keeping its size and setting its modification time back to what it was."""
    import os

    path = mini_repo.root / name
    before = path.stat()
    assert len(old.encode("utf-8")) == len(new.encode("utf-8"))
    mini_repo.replace(name, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_file_changed_long_ago_is_read_back_by_its_stamp(repo_with_problems, monkeypatch):
    monkeypatch.setattr(cached, "RACY_NS", 0)  # every file counts as changed long ago
    root = repo_with_problems.root
    first = _found(check_repository(root))  # finds the entries, keeps their stamps
    read = _bytes_read(monkeypatch)
    assert _found(check_repository(root)) == first
    assert "proposal.yaml" not in read and "report-1.yaml" not in read and "01.yaml" not in read


@pytest.mark.parametrize("racy", [False, True], ids=["stamped", "just-written"])
def test_a_same_size_edit_with_the_old_time_is_seen(repo_with_problems, monkeypatch, racy):
    """The change time (ctime) betrays the edit even when size and modification time are kept;
    a file written within RACY_NS of the check is never stamped at all."""
    if not racy:
        monkeypatch.setattr(cached, "RACY_NS", 0)
    root = repo_with_problems.root
    check_repository(root)
    data = _pack(root).read_bytes()
    assert len(pickle.loads(data[data.index(b"\n") + 1:])[PROPOSAL]) == (2 if racy else 3)  # with a stamp?
    _same_size_edit(repo_with_problems, PROPOSAL, "amount: 1200", "amount: 1300")  # M004
    _same_size_edit(repo_with_problems, REPORT1, "indicator: 4", "indicator: 1")  # R002 gone
    result = assert_as_without_cache(root)
    assert {p.code for p in result.problems} == {"M004", "R004"}


def test_a_photo_replaced_keeping_size_and_time_is_opened_again(mini_repo, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(cached, "RACY_NS", 0)
    root = mini_repo.root
    mini_repo.write(REPORT1, REPORT.replace("reporter:", "photos:\n  - file: files/a.jpg\n    caption: ภาพ\nreporter:"))
    mini_repo.write(MEETING1, MEETING)
    (root / PROPOSAL_DIR / "files").mkdir()
    photo = root / PROPOSAL_DIR / "files" / "a.jpg"
    Image.new("RGB", (40, 30), "green").save(photo)
    assert check_repository(root).problems == []
    before = photo.stat()
    photo.write_bytes(b"\0" * before.st_size)  # not a picture, same size
    import os
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [p.code for p in assert_as_without_cache(root).problems] == ["P002"]
