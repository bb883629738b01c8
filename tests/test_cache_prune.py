"""Pruning build/cache (generator.cache.prune) and `khrongkan clean` (generator.clean).

An entry's modification time is its last use: a hit older than a day sets it to now. Entries
unused for 30 days go, then the least recently used beyond the size limit (never one of the last
day); `render`, `site` and `build` prune once a day, `check` never.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO_ROOT, MiniRepo
from generator import cache, locks
from generator.cli import main

DAY = cache.DAY


def _age(path: Path, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def _entry(store: cache.Cache, text: str, days: float = 0, suffix: str = ".md") -> Path:
    path = store.put_bytes(store.key(text), text.encode("utf-8"), suffix)
    _age(path, days)
    return path


def test_unused_entries_go_and_fresh_or_hit_ones_stay(tmp_path):
    store = cache.Cache(tmp_path, "pages")
    old = _entry(store, "old", 40)
    hit = _entry(store, "hit", 40)
    fresh = _entry(store, "fresh", 2)
    assert store.get_bytes(store.key("hit"), ".md") == b"hit"  # a hit: used now
    photo = store.put_bytes(store.key("photo"), b"\xff\xd8", ".jpg")
    _age(photo, 40)
    assert store.get_file(store.key("photo"), ".jpg") == photo  # a file handed out counts as used too
    done = cache.prune(tmp_path)
    assert not old.exists() and hit.exists() and fresh.exists() and photo.exists()
    assert (done.removed, done.kept) == (1, 3) and done.freed == 3


def test_a_hit_within_a_day_writes_nothing(tmp_path):
    store = cache.Cache(tmp_path, "pages")
    path = _entry(store, "recent", 0.5)
    before = path.stat().st_mtime_ns
    assert store.get_bytes(store.key("recent"), ".md") == b"recent"
    assert path.stat().st_mtime_ns == before


def test_the_files_of_one_key_live_and_go_together(tmp_path):
    """A cleaned DOCX, its verdict and the PDF made from it: the PDF is never asked for by key,
    yet stays while the DOCX is used, and goes with it."""
    store = cache.Cache(tmp_path, "downloads")
    key = store.key("a proposal")
    verdict = store.put_bytes(key, b"masked", ".pickle")
    docx = store.put_bytes(key, b"PK", ".docx")
    pdf = store.put_bytes(key, b"%PDF", ".pdf")
    for path in (verdict, docx, pdf):
        _age(path, 40)
    store.get_file(key, ".docx")
    cache.prune(tmp_path)
    assert verdict.exists() and docx.exists() and pdf.exists()
    for path in (verdict, docx, pdf):
        _age(path, 40)
    assert cache.prune(tmp_path).removed == 1
    assert not verdict.exists() and not docx.exists() and not pdf.exists()


def test_beyond_the_size_limit_the_least_recently_used_go_first_but_never_todays(tmp_path):
    store = cache.Cache(tmp_path, "photos")
    paths = {days: store.put_bytes(store.key(str(days)), b"x" * 100, ".jpg") for days in (2, 5, 9, 0.1)}
    for days, path in paths.items():
        _age(path, days)
    done = cache.prune(tmp_path, max_bytes=250)
    assert [days for days, path in paths.items() if path.exists()] == [2, 0.1]
    assert done.removed == 2 and done.kept_bytes == 200
    cache.prune(tmp_path, max_bytes=50)  # today's entry stays even above the limit
    assert [days for days, path in paths.items() if path.exists()] == [0.1]


def test_leftovers_of_killed_runs_and_empty_folders_go_after_a_day(tmp_path):
    store = cache.Cache(tmp_path, "check")
    folder = store.folder / "ab"
    folder.mkdir(parents=True)
    torn = folder / ".x1.tmp"
    torn.write_bytes(b"half")
    _age(torn, 2)
    writing = folder / ".x2.tmp"  # another run writing now
    writing.write_bytes(b"half")
    empty = store.folder / "cd"
    empty.mkdir()
    _age(empty, 2)
    cache.prune(tmp_path)
    assert not torn.exists() and writing.exists() and not empty.exists() and store.folder.is_dir()
    assert store.put_bytes(store.key("again"), b"1").is_file()  # a removed subfolder is made again


def test_compiled_page_templates_count_as_used_when_loaded(tmp_path):
    from jinja2 import DictLoader, Environment

    from generator.pages import template_bytecode

    def render():
        env = Environment(loader=DictLoader({"t.j2": "{{ 1 + 1 }}"}), bytecode_cache=template_bytecode(tmp_path))
        return env.get_template("t.j2").render()

    assert render() == "2"
    [compiled] = list((tmp_path / "build" / "cache" / "jinja").rglob("*.cache"))
    _age(compiled, 40)
    assert render() == "2"
    assert time.time() - compiled.stat().st_mtime < DAY
    assert cache.prune(tmp_path).removed == 0 and compiled.exists()


def test_a_missing_or_unwritable_cache_is_fine(tmp_path, monkeypatch):
    assert cache.prune(tmp_path / "nowhere") == cache.Pruned()
    assert cache.prune_when_due(tmp_path / "nowhere") is None
    store = cache.Cache(tmp_path, "pages")
    path = _entry(store, "old", 40)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "utime", refuse)
    monkeypatch.setattr(Path, "unlink", refuse)
    monkeypatch.setattr(Path, "touch", refuse)
    assert store.get_bytes(store.key("old"), ".md") == b"old"  # read, not marked
    assert cache.prune(tmp_path).removed == 0 and path.exists()
    assert cache.prune_when_due(tmp_path) is None


def test_a_prune_is_due_once_a_day(tmp_path):
    store = cache.Cache(tmp_path, "pages")
    first = _entry(store, "first", 40)
    assert cache.prune_when_due(tmp_path).removed == 1 and not first.exists()
    second = _entry(store, "second", 40)
    assert cache.prune_when_due(tmp_path) is None and second.exists()  # pruned less than a day ago
    assert cache.prune_when_due(tmp_path, now=time.time() + 1.5 * DAY).removed == 1


def _old_entry(root: Path) -> Path:
    return _entry(cache.Cache(root, "pages"), "a page of a proposal deleted last year", 400)


def test_render_and_site_prune_and_check_does_not(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    old = _old_entry(repo.root)
    assert CliRunner().invoke(main, ["check", "--repo", str(repo.root)]).exit_code == 0
    assert old.exists()
    result = CliRunner().invoke(main, ["render", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert not old.exists()
    assert "ล้างแคชที่ไม่ได้ใช้นานใน build/cache: 1 รายการ" in result.stderr
    (repo.root / "build" / "cache" / cache.PRUNE_STAMP).unlink()
    old = _old_entry(repo.root)
    result = CliRunner().invoke(main, ["site", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert not old.exists() and any((repo.root / "build" / "cache" / "pages").rglob("*.md"))


def test_clean_empties_the_cache_or_all_of_build(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    build = repo.root / "build"
    _entry(cache.Cache(repo.root, "pages"), "page")
    repo.write("build/docx/x.docx", b"PK")
    outside = tmp_path / "keep.txt"
    outside.write_text("not khrongkan's", encoding="utf-8")
    (build / "site").mkdir()
    (build / "site" / "link").symlink_to(outside)  # removed as a link, never followed
    result = CliRunner().invoke(main, ["clean", "--cache", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "ลบไฟล์ใน build/cache/ แล้ว 1 ไฟล์" in result.output
    assert not any((build / "cache").iterdir()) and (build / "docx" / "x.docx").is_file()
    result = CliRunner().invoke(main, ["clean", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "ลบไฟล์ใน build/ แล้ว 2 ไฟล์" in result.output and "khrongkan build" in result.output
    assert not [p for p in build.iterdir() if p.name != ".locks"] and outside.read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["clean", "--repo", str(repo.root)])
    assert again.exit_code == 0 and "ไม่มีไฟล์ใน build/ ให้ลบ" in again.output


def test_clean_unused_prunes_by_age(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    store = cache.Cache(repo.root, "photos")
    old, recent = _entry(store, "old", 10), _entry(store, "recent", 1)
    result = CliRunner().invoke(main, ["clean", "--unused", "7", "--repo", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "ลบแคชที่ไม่ได้ใช้เกิน 7 วัน 1 รายการ" in result.output and "เหลือ 1 รายการ" in result.output
    assert not old.exists() and recent.exists()


def test_clean_refuses_a_linked_build_folder(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "cache").mkdir(parents=True)
    (elsewhere / "cache" / "x").write_text("x", encoding="utf-8")
    (repo.root / "build").symlink_to(elsewhere)
    result = CliRunner().invoke(main, ["clean", "--repo", str(repo.root)])
    assert result.exit_code == 1 and "เป็นลิงก์ไปยัง" in result.output
    assert (elsewhere / "cache" / "x").is_file()


def _holding(root: Path, name: str) -> subprocess.Popen:
    """Another process holding a build lock until its stdin closes."""
    code = ("import sys; from pathlib import Path; from generator import locks\n"
            f"with locks.hold(Path({str(root)!r}), {name!r}):\n"
            "    print('held', flush=True); sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert holder.stdout.readline() == b"held\n"
    return holder


def test_clean_never_pulls_build_from_under_a_running_command(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    repo.write("build/docx/x.docx", b"PK")
    holder = _holding(repo.root, locks.DOCUMENTS)
    try:
        result = CliRunner().invoke(main, ["clean", "--repo", str(repo.root)])
        assert result.exit_code == 1
        assert f"คำสั่ง khrongkan อีกคำสั่ง (pid {holder.pid}) กำลังสร้างเอกสาร Word/PDF" in result.output
        assert (repo.root / "build" / "docx" / "x.docx").is_file()
    finally:
        holder.communicate(b"")
    assert CliRunner().invoke(main, ["clean", "--repo", str(repo.root)]).exit_code == 0


def test_a_command_waits_for_the_one_writing_the_same_folders_and_says_so(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    holder = _holding(repo.root, locks.DOCUMENTS)
    render = subprocess.Popen([sys.executable, "-m", "generator", "render", "--repo", str(repo.root)],
                              cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    try:
        line = render.stderr.readline().decode("utf-8")
        assert line.startswith(f"รอคำสั่ง khrongkan อีกคำสั่ง (pid {holder.pid}) ที่กำลังสร้างเอกสาร Word/PDF"), line
        assert render.poll() is None and not (repo.root / "build" / "docx").exists()
    finally:
        holder.communicate(b"")
    output, errors = render.communicate(timeout=300)
    assert render.returncode == 0, errors.decode("utf-8")
    assert (repo.root / "build" / "docx").is_dir()


@pytest.mark.parametrize("name", [locks.DOCUMENTS, locks.SITE, locks.year(2570)])
def test_locks_are_reentrant_and_say_what_they_guard(tmp_path, name):
    with locks.hold(tmp_path, name):
        with locks.hold(tmp_path, name):  # the same process: no deadlock
            pass
    assert all(locks.describe(name))
