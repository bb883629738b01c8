"""`khrongkan bench` runs on a synthetic scratch repository and prints one table (no timing is asserted)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import REPO_ROOT
from generator import bench
from generator.cli import main

SOURCE = ["khrongkan.yaml", "committee.yaml", "reference", "proposals", "meetings", "plans", "templates"]


def test_bench_check_prints_one_table_of_ratios_and_leaves_the_repository_alone(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCE:
        (shutil.copytree if (REPO_ROOT / name).is_dir() else shutil.copy2)(REPO_ROOT / name, source / name)
    before = {p: p.read_bytes() for p in source.rglob("*") if p.is_file()}

    result = CliRunner().invoke(main, ["bench", "--n", "10", "--only", "check", "--rounds", "1", "--repo", str(source)])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # the progress lines go to stderr
    assert lines[0].startswith("khrongkan bench --n 10 --only check --rounds 1: 10 โครงการ (proposals)")
    rows = [line for line in lines if line.startswith("| ")]
    assert rows[0] == "| " + " | ".join(bench.HEADER) + " |"
    labels = [row.split(" | ")[0][2:] for row in rows[1:]]
    assert labels == [
        "พื้น: อ่าน YAML ด้วย CSafeLoader (floor: CSafeLoader load of the same files)",
        "ตรวจครั้งแรก (check, cold)",
        "ตรวจซ้ำ ไม่มีอะไรเปลี่ยน (check again, nothing changed)",
        "พื้น: CSafeLoader ของโฟลเดอร์เดียว (floor: CSafeLoader of that folder and the settings)",
        "ตรวจโฟลเดอร์โครงการเดียว (check of one proposal folder (proposals/2570/2570-001-tha-sae))",
    ]
    cells = {row.split(" | ")[0][2:]: row.strip("| ").split(" | ") for row in rows[1:]}
    cold = cells["ตรวจครั้งแรก (check, cold)"]
    assert cold[1].endswith("ms ต่อโครงการ (per proposal)") and cold[2].endswith("MB")
    assert cold[4].endswith("x") and cold[5] == "≤ 3x" and cold[6] in ("ผ่าน (met)", "ไม่ผ่าน (not met)")
    again = cells["ตรวจซ้ำ ไม่มีอะไรเปลี่ยน (check again, nothing changed)"]
    assert again[3] == "ตรวจครั้งแรก (check cold)" and again[5] == "≤ 0.1x"
    assert "ล้มเหลว" not in result.output  # every command ran cleanly on the synthetic repository
    after = {p: p.read_bytes() for p in source.rglob("*") if p.is_file()}
    assert after == before and not (source / "build").exists()


def test_the_old_options_are_gone():
    result = CliRunner().invoke(main, ["bench", "--help"])
    assert result.exit_code == 0
    assert "--n " in result.output and "--only" in result.output and "--photos" in result.output
    assert "--copies" not in result.output and "--repeat" not in result.output


def test_an_unknown_part_is_named(tmp_path):
    result = CliRunner().invoke(main, ["bench", "--only", "check,speed", "--repo", str(tmp_path)])
    assert result.exit_code == 2 and "speed" in result.output


def test_the_table_says_met_or_not_met_beside_each_target():
    rows = [bench.Row("ก", "a", "1 ms", "10 MB", "floor", ratio=2.0, target=bench.Target(3)),
            bench.Row("ข", "b", "1 ms", "10 MB", "1 process", ratio=1.2, target=bench.Target(1.5, at_least=True)),
            bench.Row("ค", "c", "2.00 s", "—", seconds=2.0, target=bench.Target(1.0, unit="s")),
            bench.Row("ง", "d", note="ไม่ได้วัด (not measured): no Chromium")]
    lines = bench.table(rows)
    assert lines[2].endswith("| 2.00x | ≤ 3x | ผ่าน (met) |")
    assert lines[3].endswith("| 1.20x | ≥ 1.5x | ไม่ผ่าน (not met) |")
    assert lines[4].endswith("|  | < 1 s | ไม่ผ่าน (not met) |")
    assert "ไม่ได้วัด (not measured): no Chromium" in lines[5]


def test_peak_memory_is_shown_and_marked_over_one_gigabyte():
    assert bench._mb(None) == "—"
    assert bench._mb(300 * 1024) == "300 MB"
    assert bench._mb(2 * 1024 * 1024) == "2048 MB (เกิน 1 GB: over the 1 GB target)"


def test_a_process_is_timed_with_its_peak_and_a_failure_names_its_last_line(tmp_path):
    ok = bench.run_process(bench.python("x = bytearray(50_000_000)"), tmp_path)
    assert ok.status == 0 and ok.seconds > 0 and ok.error == ""
    assert ok.peak_kb is None or ok.peak_kb > 50_000  # the 50 MB it held (None only where the system does not say)
    failed = bench.run_process(bench.python("import sys; print('ไม่พบไฟล์'); sys.exit(3)"), tmp_path)
    assert failed.status == 3 and failed.error == "ไม่พบไฟล์"


def test_the_package_is_compiled_before_measuring_as_an_installed_wheel_is():
    """Each measured command starts with khrongkan's bytecode, even under PYTHONDONTWRITEBYTECODE."""
    import importlib.util
    from pathlib import Path

    source = Path(bench.__file__).resolve().parent / "cache.py"
    compiled = Path(importlib.util.cache_from_source(str(source)))
    compiled.unlink(missing_ok=True)
    bench.compile_package()
    assert compiled.is_file() and compiled.stat().st_size > 0
