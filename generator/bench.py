"""`khrongkan bench`: the speed targets, measured side by side in one run.

A scratch copy of the repository is scaled up (each proposal copied under new IDs) and the
same work is timed in the compared ways, interleaved and repeated, so that the ratios do not
depend on how busy the machine was. Targets are ratios, never absolute seconds.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

COPIED = ["khrongkan.yaml", "committee.yaml", "reference", "proposals", "meetings", "templates"]


@dataclass
class Measure:
    name: str
    seconds: float


@dataclass
class Target:
    label_th: str
    label_en: str
    ratio: float  # measured
    limit: float
    at_least: bool  # True: ratio must be >= limit; False: <= limit

    @property
    def met(self) -> bool:
        return self.ratio >= self.limit if self.at_least else self.ratio <= self.limit


def scaled_copy(root: Path, folder: Path, copies: int) -> Path:
    """The repository's data and templates, each proposal also copied `copies` times."""
    folder.mkdir(parents=True)
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("build"))
        elif source.is_file():
            shutil.copy2(source, folder / name)
    proposals = sorted(p for p in (folder / "proposals").glob("*/*") if p.is_dir())
    for copy in range(1, copies):
        for project in proposals:
            fy, number = project.name.split("-")[:2]
            new_id = f"{fy}-{int(number) + 100 * copy:03d}-bench"
            shutil.copytree(project, project.parent / new_id)
    return folder


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _median_time(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(_seconds(action) for _ in range(repeat))


def run(root: Path, copies: int = 4, repeat: int = 3, echo: Callable[[str], None] = print) -> list[Target]:
    from .documents import render_all
    from .validate import check_repository

    with tempfile.TemporaryDirectory(prefix="khrongkan-bench-") as scratch:
        repo = scaled_copy(Path(root), Path(scratch) / "repo", copies)
        result = check_repository(repo)
        documents = sum(1 + len(p.reports) for p in result.repository.proposals.values() if not p.has_errors)
        echo(f"ข้อมูลทดสอบ (data): {len(result.repository.proposals)} โครงการ, {documents} เอกสาร (documents)")

        def cold(jobs: int) -> Callable[[], object]:
            def action():
                out = Path(scratch) / f"out-{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                render_all(result, repo, out_dir=out, jobs=jobs)
            return action

        check_seconds = _median_time(lambda: check_repository(repo), repeat)
        serial_times, parallel_times = [], []
        for _ in range(repeat):  # interleaved, so both see the same machine
            serial_times.append(_seconds(cold(1)))
            parallel_times.append(_seconds(cold(2)))
        serial, parallel = statistics.median(serial_times), statistics.median(parallel_times)
        warm_out = Path(scratch) / "out-2"
        warm = _median_time(lambda: render_all(result, repo, out_dir=warm_out, jobs=2), repeat)

        echo(f"ตรวจทั้งคลัง (check, whole repository):   {check_seconds:7.3f} s "
             f"({check_seconds / max(len(result.repository.proposals), 1) * 1000:.1f} ms ต่อโครงการ/per proposal)")
        echo(f"สร้าง DOCX ครั้งแรก 1 กระบวนการ (cold, 1 process):  {serial:7.3f} s")
        echo(f"สร้าง DOCX ครั้งแรก 2 กระบวนการ (cold, 2 processes): {parallel:7.3f} s")
        echo(f"สั่งซ้ำเมื่อไม่มีอะไรเปลี่ยน (unchanged, again):     {warm:7.3f} s")
    return [
        Target("ใช้ 2 แกนเร็วกว่า 1 แกน", "2 processes vs 1 (speed-up)", serial / parallel, 1.3, True),
        Target("สั่งซ้ำเมื่อไม่เปลี่ยน เทียบกับครั้งแรก", "unchanged re-run vs cold run (time ratio)", warm / parallel, 0.2, False),
    ]


def report(targets: list[Target], echo: Callable[[str], None] = print) -> bool:
    for target in targets:
        sign = ">=" if target.at_least else "<="
        verdict = "ผ่าน (met)" if target.met else "ไม่ผ่าน (missed)"
        echo(f"{verdict}: {target.label_th} ({target.label_en}) = {target.ratio:.2f}x, เป้าหมาย (target) {sign} {target.limit}x")
    return all(t.met for t in targets)
