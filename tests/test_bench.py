"""The benchmark runs on a scratch copy and reports its ratios (no timing is asserted here)."""

from __future__ import annotations

from generator import bench


def test_bench_scales_a_scratch_copy_and_reports_both_ratios(mini_repo):
    before = {p: p.read_bytes() for p in mini_repo.root.rglob("*") if p.is_file()}
    lines: list[str] = []
    targets = bench.run(mini_repo.root, copies=2, repeat=1, echo=lines.append)
    assert [t.label_en for t in targets] == ["2 processes vs 1 (speed-up)", "unchanged re-run vs cold run (time ratio)"]
    assert all(t.ratio > 0 for t in targets)
    assert any("2 โครงการ" in line for line in lines), lines  # one proposal copied once more
    bench.report(targets, lines.append)
    assert sum("เป้าหมาย (target)" in line for line in lines) == 2
    after = {p: p.read_bytes() for p in mini_repo.root.rglob("*") if p.is_file()}
    assert after == before  # the repository itself is never touched
