"""`khrongkan bench`: the speed targets of issue 12, measured side by side in one run.

A synthetic repository of N proposals (generator.synthetic) is written into a scratch folder,
and each operation is run there as the user runs it: a NEW PROCESS (`python -m generator ...`),
timed from outside, with its peak memory from the operating system (the largest resident set
of the process and of its children, from wait4's rusage; "—" where the system does not say,
e.g. Windows). Each operation is compared with a floor measured in the same run, the compared
commands interleaved round by round, so the ratios hold on a busy machine even when the
seconds do not. The bench prints; a missed target is a finding, never a failure.

The repository it is run from is only read (its sample proposals, settings, reference lists
and templates); everything is written in the scratch folder, removed at the end.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PARTS = ("check", "render", "site", "search", "photos")
DATA = ["khrongkan.yaml", "committee.yaml", "reference", "proposals", "meetings", "plans"]
SETTINGS_FILES = ["khrongkan.yaml", "committee.yaml", "reference"]
QUERY = "สวัสดิการ"  # a Thai word every archive holds (community welfare)
PHOTO_SIZE = (1600, 1200)  # what LINE sends

# Floors and helpers, each run as a new process like the operation it is compared with.
YAML_FLOOR = """\
import sys
from pathlib import Path
import yaml
for name in sys.argv[1:]:
    path = Path(name)
    for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""
REZIP_FLOOR = """\
import sys
import zipfile
from pathlib import Path
source, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(source.glob("*.docx")):
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out / path.name, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
"""


@dataclass
class Sample:
    seconds: float
    peak_kb: int | None  # None: the system does not say
    status: int
    error: str = ""


@dataclass
class Measured:
    """The samples of one command over the rounds: the median time, the highest peak."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_kb(self) -> int | None:
        peaks = [s.peak_kb for s in self.samples if s.peak_kb is not None]
        return max(peaks) if peaks else None

    @property
    def error(self) -> str:
        return next((s.error for s in self.samples if s.status != 0), "")


@dataclass
class Target:
    limit: float
    at_least: bool = False  # True: the ratio must be >= limit; False: <= limit
    unit: str = "x"  # "x": a ratio; "s": seconds (the issue names a few absolute limits)

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def __str__(self) -> str:
        sign = "≥" if self.at_least else "≤" if self.unit == "x" else "<"
        return f"{sign} {self.limit:g}{'x' if self.unit == 'x' else ' s'}"


@dataclass
class Row:
    th: str
    en: str
    time: str = ""
    peak: str = ""
    against: str = ""
    ratio: float | None = None  # to the floor or the base named in `against`
    target: Target | None = None
    note: str = ""  # why a row is not measured, or why it failed
    seconds: float | None = None  # what a target in seconds is about (the issue names a few)

    @property
    def verdict(self) -> str:
        value = self.seconds if self.target is not None and self.target.unit == "s" else self.ratio
        if self.note or self.target is None or value is None:
            return ""
        return "ผ่าน (met)" if self.target.met(value) else "ไม่ผ่าน (not met)"


# --- running a command as a new process --------------------------------------------------------

def run_process(argv: list[str], cwd: Path) -> Sample:
    """Run one command to its end: wall time, peak resident set (kB) and exit status."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss: kB on Linux, bytes on macOS; the largest of the process and its waited-for children.
            peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
        else:
            process.wait()
            seconds, peak = time.perf_counter() - start, None
        error = ""
        if process.returncode != 0:
            output.seek(0)
            lines = output.read().decode("utf-8", "replace").strip().splitlines()
            error = lines[-1][:200] if lines else f"exit {process.returncode}"
    return Sample(seconds, peak, process.returncode, error)


def compile_package() -> None:
    """Write khrongkan's bytecode (__pycache__) as pip does when it installs the wheel, so every
    measured command starts as an installed one does. An editable install under
    PYTHONDONTWRITEBYTECODE=1 has none and would compile every module in every measured process."""
    import compileall

    try:
        compileall.compile_dir(Path(__file__).resolve().parent, quiet=2)
    except OSError:  # a read-only installation has its bytecode already
        pass


def khrongkan(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def python(script: str, *args: str) -> list[str]:
    return [sys.executable, "-c", script, *args]


# --- the run -----------------------------------------------------------------------------------

@dataclass
class Bench:
    repo: Path
    scratch: Path
    proposals: int
    rounds: int
    echo_progress: Callable[[str], None]
    measured: dict[str, Measured] = field(default_factory=dict)

    def time(self, key: str, argv: list[str], before: Callable[[], object] | None = None) -> Sample:
        if before is not None:
            before()
        sample = run_process(argv, self.repo)
        self.measured.setdefault(key, Measured()).samples.append(sample)
        peak = "" if sample.peak_kb is None else f", {sample.peak_kb / 1024:.0f} MB"
        self.echo_progress(f"  {key}: {sample.seconds:.1f} s{peak}" + (f" ({sample.error})" if sample.status else ""))
        return sample

    def clear(self, *names: str) -> None:
        for name in names:
            shutil.rmtree(self.repo / "build" / name, ignore_errors=True)


def run(root: Path, n: int = 100, *, only: tuple[str, ...] = PARTS, photos: int = 0, rounds: int | None = None,
        per_year: int | None = None, echo: Callable[[str], None] = print,
        progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> list[Row]:
    """Generate N proposals in a scratch folder, measure the chosen parts, print one table."""
    from . import synthetic

    rounds = rounds or (3 if n <= 100 else 1)
    compile_package()
    with tempfile.TemporaryDirectory(prefix="khrongkan-bench-") as scratch_name:
        scratch = Path(scratch_name)
        progress(f"สร้างข้อมูลทดสอบ {n} โครงการ (generating {n} proposals) ...")
        made = synthetic.generate(Path(root), scratch / "repo", n,
                                  **({"per_year": per_year} if per_year else {}))
        bench = Bench(made.root, scratch, n, rounds, progress)
        rows: list[Row] = []
        if "check" in only:
            rows += _check(bench, made)
        if {"render", "site", "search", "photos"} & set(only):
            rows += _render(bench, measure="render" in only)
        if {"site", "search", "photos"} & set(only):
            rows += _site(bench, made, measure="site" in only or "photos" in only)
        if "search" in only:
            rows += _search(bench, made)
        if "photos" in only and photos:
            rows += _photos(bench, made, photos)
        documents = len(list((made.root / "build" / "docx").glob("*.docx")))
    command = (f"khrongkan bench --n {n}" + (f" --only {','.join(only)}" if tuple(only) != PARTS else "")
               + (f" --photos {photos}" if photos else "") + f" --rounds {rounds}")
    echo(f"{command}: {n} โครงการ (proposals) ใน (in) {len(made.fiscal_years)} ปีงบประมาณ "
         f"(fiscal years) {made.fiscal_years[0]}-{made.fiscal_years[-1]}, รายงาน (reports) {made.reports}, "
         f"ภาพ (photos) {made.photos}, การประชุม (meetings) {made.meetings}, "
         f"ข้อตกลง (agreements) {made.agreements}, การลงพื้นที่ (visits) {made.visits}"
         + (f", เอกสาร (documents) {documents}" if documents else ""))
    echo(f"วัด {rounds} รอบ สลับกัน ค่ามัธยฐาน (median of {rounds} interleaved rounds); "
         f"การตรวจซ้ำและการตรวจโฟลเดอร์เดียว รอบละ {QUICK_REPEATS} ครั้ง (the repeated check and the check of "
         f"one folder: {QUICK_REPEATS} runs a round); "
         f"{os.cpu_count()} แกน (cores); Python {sys.version.split()[0]}; {sys.platform}")
    echo("")
    for line in table(rows):
        echo(line)
    echo("")
    echo("หน่วยความจำสูงสุด = ขนาดในหน่วยความจำ (RSS) สูงสุดของกระบวนการที่ใหญ่ที่สุด ทั้งคำสั่งและกระบวนการลูก "
         "(peak memory: the largest resident set of the command and of its child processes, from wait4; "
         "เป้าหมาย ไม่เกิน 1 GB ทุกคำสั่ง: target under 1 GB for every command); "
         "เวลาแต่ละแถวคือคำสั่งใหม่หนึ่งกระบวนการ (each row is the command run as a new process)")
    return rows


def _per(seconds: float, count: int, unit_th: str, unit_en: str) -> str:
    if count == 1:
        return f"{seconds:.2f} s"
    return f"{seconds / max(count, 1) * 1000:.1f} ms ต่อ{unit_th} (per {unit_en})"


MEMORY_LIMIT_KB = 1024 * 1024  # the issue: peak memory under 1 GB for every command at N=1000


def _mb(kb: int | None) -> str:
    if kb is None:
        return "—"
    return f"{kb / 1024:.0f} MB" + (" (เกิน 1 GB: over the 1 GB target)" if kb > MEMORY_LIMIT_KB else "")


def _row(bench: Bench, key: str, th: str, en: str, count: int, unit: tuple[str, str], *, base: str | None = None,
         against: str = "", target: Target | None = None, inverse: bool = False) -> Row:
    """A row for a measured command: its time per item and peak, and its ratio to `base`."""
    measured = bench.measured.get(key)
    if measured is None or not measured.samples:
        return Row(th, en, note="ไม่ได้วัด (not measured)")
    if measured.error:
        return Row(th, en, note=f"ล้มเหลว (failed): {measured.error}")
    row = Row(th, en, _per(measured.seconds, count, *unit), _mb(measured.peak_kb), against, target=target)
    if base is not None and bench.measured.get(base) and not bench.measured[base].error:
        other = bench.measured[base].seconds
        row.ratio = (other / measured.seconds) if inverse else (measured.seconds / other)
    return row


PROPOSAL = ("โครงการ", "proposal")
DOCUMENT = ("เอกสาร", "document")


# A command of under a second is run this many times a round (the median of all is shown): one
# run that short moves with whatever else the machine does in that moment.
QUICK_REPEATS = 3


def _check(bench: Bench, made) -> list[Row]:
    repo = bench.repo
    one = made.proposals[0]
    data = [name for name in DATA if (repo / name).exists()]
    one_files = [one] + [name for name in SETTINGS_FILES if (repo / name).exists()]
    for _ in range(bench.rounds):
        bench.time("yaml floor", python(YAML_FLOOR, *data))
        bench.time("check cold", khrongkan("check"), before=lambda: bench.clear("cache"))
        for _ in range(QUICK_REPEATS):
            bench.time("check again", khrongkan("check"))
        for _ in range(QUICK_REPEATS):
            bench.time("yaml floor one", python(YAML_FLOOR, *one_files))
            bench.time("check one", khrongkan("check", one))
    n = bench.proposals
    one_row = _row(bench, "check one", "ตรวจโฟลเดอร์โครงการเดียว", f"check of one proposal folder ({one})", 1,
                   PROPOSAL, base="yaml floor one", against="พื้น (floor): CSafeLoader ไฟล์เดียวกัน (same files)")
    if not one_row.note:  # the target here is a time: under 1 s in a repository of 3,000
        one_row.seconds, one_row.target = bench.measured["check one"].seconds, Target(1.0, unit="s")
    return [
        _row(bench, "yaml floor", "พื้น: อ่าน YAML ด้วย CSafeLoader", "floor: CSafeLoader load of the same files", n, PROPOSAL),
        _row(bench, "check cold", "ตรวจครั้งแรก", "check, cold", n, PROPOSAL, base="yaml floor",
             against="พื้น CSafeLoader (CSafeLoader floor)", target=Target(3)),
        _row(bench, "check again", "ตรวจซ้ำ ไม่มีอะไรเปลี่ยน", "check again, nothing changed", n, PROPOSAL,
             base="check cold", against="ตรวจครั้งแรก (check cold)", target=Target(0.1)),
        _row(bench, "yaml floor one", "พื้น: CSafeLoader ของโฟลเดอร์เดียว", "floor: CSafeLoader of that folder and the settings",
             1, PROPOSAL),
        one_row,
    ]


def _render(bench: Bench, measure: bool) -> list[Row]:
    """Cold with 1 and 2 processes, nothing changed, and the re-zip floor of the same documents."""
    if not measure:  # the site needs the documents: made once, not measured
        run_process(khrongkan("render"), bench.repo)
        return []
    one, two = khrongkan("render", "--jobs", "1"), khrongkan("render", "--jobs", "2")
    rezipped = bench.scratch / "rezipped"
    for _ in range(bench.rounds):
        bench.time("render cold 1", one, before=lambda: bench.clear("docx", "cache"))
        bench.time("rezip floor", python(REZIP_FLOOR, str(bench.repo / "build" / "docx"), str(rezipped)),
                   before=lambda: shutil.rmtree(rezipped, ignore_errors=True))
        bench.time("render cold 2", two, before=lambda: bench.clear("docx", "cache"))
        bench.time("render again", khrongkan("render"))
    documents = len(list((bench.repo / "build" / "docx").glob("*.docx")))
    return [
        _row(bench, "rezip floor", "พื้น: บีบอัดส่วนของ DOCX เดิมใหม่", "floor: re-zipping the same DOCX parts",
             documents, DOCUMENT),
        _row(bench, "render cold 1", "สร้าง DOCX ครั้งแรก 1 กระบวนการ", "render, cold, 1 process", documents, DOCUMENT,
             base="rezip floor", against="พื้น re-zip (re-zip floor)", target=Target(3)),
        _row(bench, "render cold 2", "สร้าง DOCX ครั้งแรก 2 กระบวนการ", "render, cold, 2 processes", documents, DOCUMENT,
             base="render cold 1", against="เร็วขึ้นกว่า 1 กระบวนการ (speed-up over 1 process)",
             target=Target(1.5, at_least=True), inverse=True),
        _row(bench, "render again", "สร้าง DOCX ซ้ำ ไม่มีอะไรเปลี่ยน", "render again, nothing changed", documents, DOCUMENT,
             base="render cold 2", against="ครั้งแรก 2 กระบวนการ (cold, 2 processes)", target=Target(0.1)),
    ]


TRIVIAL_CONFIG = """\
site_name: bench
docs_dir: docs
site_dir: site
theme:
  name: material
  language: th
"""


def _trivial_site(folder: Path, pages: int) -> Path:
    """A MkDocs project of `pages` one-paragraph Thai pages: the floor of any site of that size."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(TRIVIAL_CONFIG, encoding="utf-8")
    for number in range(1, pages + 1):
        (folder / "docs" / f"page-{number:05d}.md").write_text(
            f"# หน้า {number}\n\nโครงการทดสอบ หน้าที่ {number}\n", encoding="utf-8")
    return folder / "mkdocs.yml"


def _edit_title(bench: Bench, folder: str, round_number: int) -> None:
    path = bench.repo / folder / "proposal.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            lines[i] = line.rstrip("\n").split(" (แก้ไขครั้งที่")[0] + f" (แก้ไขครั้งที่ {round_number})\n"
            break
    path.write_text("".join(lines), encoding="utf-8")


def _site(bench: Bench, made, measure: bool) -> list[Row]:
    """After render; after one title changes; with nothing changed. Floors: trivial pages, plain MkDocs."""
    if not measure:  # the search needs the site: made once, not measured
        run_process(khrongkan("site"), bench.repo)
        return []
    after_render = bench.scratch / "build-after-render"  # each round's site starts from the same build/
    shutil.copytree(bench.repo / "build", after_render)
    plain = bench.scratch / "plain-site"
    trivial = None
    for number in range(1, bench.rounds + 1):
        def restore():
            shutil.rmtree(bench.repo / "build", ignore_errors=True)
            shutil.copytree(after_render, bench.repo / "build")
        bench.time("site cold", khrongkan("site"), before=restore)
        if trivial is None:
            pages = sum(1 for _ in (bench.repo / "build" / "pages").rglob("*.md"))
            trivial = _trivial_site(bench.scratch / "trivial", pages)
        bench.time("trivial floor", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(trivial)])
        bench.time("site title", khrongkan("site"), before=lambda: _edit_title(bench, made.proposals[-1], number))
        bench.time("mkdocs floor", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml", "-d", str(plain)])
        bench.time("site again", khrongkan("site"))
    n = bench.proposals
    pages = sum(1 for _ in (bench.repo / "build" / "pages").rglob("*.md"))
    return [
        _row(bench, "trivial floor", f"พื้น: mkdocs build หน้าเปล่า {pages} หน้า", f"floor: mkdocs build of {pages} trivial pages",
             n, PROPOSAL),
        _row(bench, "site cold", "เว็บไซต์หลังสร้าง DOCX", "site after render", n, PROPOSAL, base="trivial floor",
             against="พื้นหน้าเปล่า (trivial-pages floor)", target=Target(5)),
        _row(bench, "mkdocs floor", "พื้น: mkdocs build -f build/mkdocs.yml", "floor: plain mkdocs build of the same pages",
             n, PROPOSAL),
        _row(bench, "site title", "เว็บไซต์หลังแก้ชื่อโครงการเดียว", "site after one title is edited", n, PROPOSAL,
             base="mkdocs floor", against="mkdocs build ธรรมดา (plain mkdocs build)", target=Target(1.5)),
        _row(bench, "site again", "เว็บไซต์ซ้ำ ไม่มีอะไรเปลี่ยน", "site again, nothing changed", n, PROPOSAL,
             base="mkdocs floor", against="mkdocs build ธรรมดา (plain mkdocs build)", target=Target(1.5)),
    ]


def _search(bench: Bench, made) -> list[Row]:
    """The index size, and the first Thai query in Chromium, on the desktop and throttled 4x."""
    site_dir = bench.repo / "build" / "site"
    index = [p for p in (site_dir / "search").rglob("*") if p.is_file()] if (site_dir / "search").is_dir() else []
    size = sum(p.stat().st_size for p in index)
    rows = [Row("ขนาดดัชนีค้นหา", "search index size",
                f"{size / 1e6:.1f} MB ({size / 1000 / max(bench.proposals, 1):.1f} KB ต่อโครงการ (per proposal))", "—")
            if index else Row("ขนาดดัชนีค้นหา", "search index size", note="ไม่พบ build/site/search (no search index)")]
    labels = [("ค้นคำไทยครั้งแรก Chromium เดสก์ท็อป", "first Thai query, Chromium desktop", 1.0, 1.0),
              ("ค้นคำไทยครั้งแรก CPU ช้าลง 4 เท่า", "first Thai query, CPU throttled 4x", 4.0, 3.0)]
    try:
        from .search_timing import first_query_seconds  # written by the search work of issue 12
    except ImportError as error:
        reason = f"ไม่ได้วัด (not measured): {error}"
        return rows + [Row(th, en, note=reason) for th, en, _, _ in labels]
    for th, en, throttle, limit in labels:
        bench.echo_progress(f"  search x{throttle:g} ...")
        try:
            seconds = statistics.median(first_query_seconds(site_dir, QUERY, cpu_throttle=throttle)
                                        for _ in range(bench.rounds))
        except Exception as error:  # Playwright or Chromium missing, or the page failed: say so, go on
            rows.append(Row(th, en, note=f"ไม่ได้วัด (not measured): {type(error).__name__}: {str(error)[:150]}"))
            continue
        rows.append(Row(th, en, f"{seconds:.2f} s ('{QUERY}')", "—", seconds=seconds, target=Target(limit, unit="s")))
    return rows


def write_photos(folder: Path, count: int, seed: int = 7) -> list[str]:
    """`count` different 1600x1200 JPEGs with a photo's noise (what LINE sends), relative names."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 24) for _ in range(3)])
    bases = []
    for _ in range(8):
        colour = Image.new("RGB", (width, height), tuple(rng.randint(40, 200) for _ in range(3)))
        bases.append(Image.blend(colour, noise, 0.25))
    names = []
    (folder / "files").mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        image = bases[number % len(bases)].copy()
        draw = ImageDraw.Draw(image)
        for _ in range(6):
            x, y, size = rng.randint(0, width), rng.randint(0, height), rng.randint(80, 500)
            draw.ellipse((x, y, x + size, y + size), fill=tuple(rng.randint(0, 255) for _ in range(3)))
        name = f"files/line-{number:04d}.jpg"
        image.save(folder / name, "JPEG", quality=85)
        names.append(name)
    return names


def _photos(bench: Bench, made, count: int) -> list[Row]:
    """One report gets `count` photos of 1600x1200: what that adds to `site`."""
    import yaml

    from .synthetic import _write_yaml

    folder = next((f for f in made.proposals if (bench.repo / f / "report-1.yaml").is_file()), None)
    th, en = f"รายงานที่มีภาพ {count} ภาพ 1600x1200", f"a report with {count} photos of 1600x1200, added to site"
    if folder is None or "site again" not in bench.measured:
        return [Row(th, en, note="ไม่ได้วัด: ต้องวัดเว็บไซต์ก่อน (not measured: needs the site rows)")]

    def add_photos():
        report = bench.repo / folder / "report-1.yaml"
        data = yaml.load(report.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        names = write_photos(bench.repo / folder, count)
        data["photos"] = (data.get("photos") or []) + [{"file": name, "caption": f"ภาพกิจกรรมที่ {i}"}
                                                       for i, name in enumerate(names, start=1)]
        _write_yaml(report, data, "รายงานที่มีภาพจำนวนมาก (ข้อมูลทดสอบ)")

    bench.echo_progress(f"  {count} photos ...")
    sample = bench.time("site photos", khrongkan("site"), before=add_photos)
    if sample.status != 0:
        return [Row(th, en, note=f"ล้มเหลว (failed): {sample.error}")]
    added = sample.seconds - bench.measured["site again"].seconds
    return [Row(th, en, f"{added:+.1f} s", _mb(sample.peak_kb), "เว็บไซต์ซ้ำ ไม่มีอะไรเปลี่ยน (site, nothing changed)",
                seconds=added, target=Target(30, unit="s"))]


HEADER = ["การทำงาน (operation)", "เวลา (time)", "หน่วยความจำสูงสุด (peak memory)", "เทียบกับ (against)",
          "อัตราส่วน (ratio)", "เป้าหมาย (target)", "ผล (result)"]


def table(rows: list[Row]) -> list[str]:
    """One Markdown table: readable in a terminal, and pasted as it is into the README."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        if row.note:
            cells = [f"{row.th} ({row.en})", row.note, "", "", "", "", ""]
        else:
            ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
            cells = [f"{row.th} ({row.en})", row.time, row.peak, row.against, ratio,
                     str(row.target) if row.target else "", row.verdict]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return lines
