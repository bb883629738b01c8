"""A synthetic repository of N proposals made from the sample proposals, for `khrongkan bench`.

Each proposal is one of the repository's own proposals moved to another district and
sub-districts of reference/areas.yaml (the place names in its text follow), another fiscal
year and a few weeks earlier or later, another organization and other people, and other unit
costs. Around them the generator writes what a year of a real archive holds: large-committee
meetings with a quorum that approve most of them, agreements, progress reports on a third of
them (some with phone-sized photos), follow-up visits, and the provincial and tambon plans of
every fiscal year used. `khrongkan check` of the result is clean: no error, no warning.

Deterministic: the same source and N give the same files. Every person, phone number and
address is made up (phone numbers in the obviously fictional 08x-000-xxxx form).
"""

from __future__ import annotations

import calendar
import io
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

from . import thai
from .errors import KhrongkanError
from .model import Settings

# IDs are <FY>-<NNN>: at most 999 proposals a fiscal year. A province writes a few hundred a
# year, so a large N is spread over several years, as a real archive is.
MAX_PER_YEAR = 999
PER_YEAR = 400
PLAN_YEARS = 3  # a provincial plan covers three fiscal years (plans/2570-2572/)
MEETINGS_PER_YEAR = 10
SEED = 12

# What the scratch repository takes from the source as it is (the settings, the lists, the
# templates and site files the user may have changed); the data is generated.
CONFIGURATION = ["khrongkan.yaml", "committee.yaml", "reference", "templates", "site", "mkdocs.yml"]
PHOTO_SIZES = [(1280, 960), (960, 1280), (1024, 768), (800, 600), (1200, 900)]

FIRST_NAMES = ["นายสมพร", "นางสาวกาญจนา", "นายวิเชียร", "นางบุษบา", "นายประยูร", "นางสาวอรอุมา", "นายสุนทร",
               "นางจิราภรณ์", "นายอภิชาติ", "นางสาวเยาวลักษณ์", "นายบรรจง", "นางสุมาลี", "นายเอกชัย", "นางรัตนา",
               "นายชยพล", "นางสาวนันทนา", "นายกิตติ", "นางพิมพา", "นายณัฐพล", "นางสาววาสนา"]
LAST_NAMES = ["ศรีทองสม", "แก้วเจริญสุข", "ชูเกลี้ยงดี", "ทองประดับศรี", "สุขสมบูรณ์ดี", "นาคประเสริฐกุล",
              "พรหมสุวรรณรัตน์", "เพชรรักษ์ทอง", "บุญประคองศรี", "จันทร์แก้วงาม", "รุ่งเรืองสวัสดิ์", "คงสมบูรณ์ทอง"]
POSITIONS = ["ประธานกลุ่ม", "รองประธานกลุ่ม", "เหรัญญิกกลุ่ม", "เลขานุการกลุ่ม", "กรรมการฝ่ายประสานงาน"]
ORGANIZATION_KINDS = ["กลุ่ม", "เครือข่าย", "สภาองค์กรชุมชนตำบล", "วิสาหกิจชุมชน", "กองทุน"]
TITLE_ENDINGS = ["", "", "", " ระยะที่ 2", " (ต่อยอด)", " ปีที่ 2"]
RESULTS = {
    "done": ["ดำเนินการครบตามแผน ผู้เข้าร่วมให้ความร่วมมือดี", "จัดกิจกรรมแล้ว ได้ข้อสรุปและผู้รับผิดชอบงานต่อ",
             "ดำเนินการแล้วเสร็จ มีบันทึกและภาพถ่ายกิจกรรม"],
    "ongoing": ["อยู่ระหว่างดำเนินการ ทำไปแล้วประมาณครึ่งหนึ่ง", "เริ่มกิจกรรมแล้ว บางหมู่บ้านเลื่อนเพราะฝนตก"],
    "not_started": ["ยังไม่ถึงกำหนดตามแผน", "เตรียมการแล้ว จะเริ่มเดือนหน้า"],
}
CAPTIONS = ["ผู้เข้าร่วมเวทีประชาคมหมู่บ้าน", "คณะทำงานลงพื้นที่สำรวจข้อมูล", "กิจกรรมอบรมของสมาชิกกลุ่ม",
            "การประชุมคณะทำงานโครงการ", "ผลงานของกลุ่มหลังจบกิจกรรม"]


@dataclass
class Synthetic:
    """What was written, for the bench to report and to pick its samples from."""

    root: Path
    proposals: list[str] = field(default_factory=list)  # "proposals/<FY>/<ID>" folders, relative to root
    fiscal_years: list[int] = field(default_factory=list)
    reports: int = 0
    photos: int = 0
    meetings: int = 0
    agreements: int = 0
    visits: int = 0


def generate(source: Path, folder: Path, n: int, *, per_year: int = PER_YEAR, seed: int = SEED,
             photos: bool = True) -> Synthetic:
    """Write a repository of `n` proposals into `folder` (created; must not exist) from the
    samples, settings, reference lists and templates of the repository at `source`."""
    if not 1 <= per_year <= MAX_PER_YEAR:
        raise ValueError(f"per_year must be 1..{MAX_PER_YEAR}")
    source, folder = Path(source), Path(folder)
    samples = _samples(source)
    folder.mkdir(parents=True)
    for name in CONFIGURATION:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, folder / name, ignore=shutil.ignore_patterns("build", "__pycache__"))
        elif path.is_file():
            shutil.copy2(path, folder / name)
    world = _World(folder, random.Random(seed))
    years = -(-n // per_year)
    first_fy = samples[0][0]
    result = Synthetic(folder, fiscal_years=list(range(first_fy, first_fy + years)))
    plans = {fy: world.plan_for(fy, first_fy, source) for fy in result.fiscal_years}
    counts = [n // years + (1 if i < n % years else 0) for i in range(years)]
    for fy, count in zip(result.fiscal_years, counts):
        meetings = world.meeting_dates(fy)
        decisions: dict[int, list[dict]] = {number: [] for number in range(1, len(meetings) + 1)}
        for number in range(1, count + 1):
            sample_fy, sample = samples[(number - 1) % len(samples)]
            made = world.proposal(sample, sample_fy, fy, number, plans[fy])
            result.proposals.append(made.folder)
            meeting = next((i for i, day in enumerate(meetings, start=1) if day > made.submitted), len(meetings))
            decision = world.decide(made, reported=number % 3 == 0)
            decisions[meeting].append(decision)
            if decision["decision"] == "approved":
                world.fieldwork(made, decision, meetings[meeting - 1], number, result, photos)
        for number, day in enumerate(meetings, start=1):
            world.write_meeting(fy, number, day, decisions[number])
            result.meetings += 1
    return result


def _samples(source: Path) -> list[tuple[int, dict]]:
    """The source's proposals (fiscal year, data), in ID order: the material of every proposal made."""
    found = []
    for path in sorted((source / "proposals").glob("*/*/proposal.yaml")):
        match = re.match(r"^(\d{4})-\d{3}", path.parent.name)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            continue
        if match and isinstance(data, dict) and data.get("title") and data.get("activities") and data.get("area"):
            found.append((int(match[1]), _map_dates(data, _ce)))  # computed in CE: BE has no Python leap days
    if not found:
        raise KhrongkanError(
            f"ไม่พบแบบเสนอโครงการตัวอย่างใน {source / 'proposals'} ที่จะใช้สร้างข้อมูลทดสอบ",
            f"no sample proposals in {source / 'proposals'} to make the synthetic repository from")
    return found


@dataclass
class _Made:
    id: str
    folder: str
    fy: int
    data: dict
    submitted: date
    requested: Decimal


def _shift_years(day: date, years: int) -> date:
    last = calendar.monthrange(day.year + years, day.month)[1]
    return day.replace(year=day.year + years, day=min(day.day, last))


def _map_dates(value, change):
    """Every date in a YAML value, changed by `change` (a date written in BE stays in BE)."""
    return _map_leaves(value, date, change)


def _map_text(value, change):
    """Every text in a YAML value, changed by `change`."""
    return _map_leaves(value, str, change)


def _map_leaves(value, kind: type, change):
    """`value` with every leaf of type `kind` in its mappings and lists replaced by `change(leaf)`."""
    if isinstance(value, kind):
        return change(value)
    if isinstance(value, dict):
        return {k: _map_leaves(v, kind, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_leaves(v, kind, change) for v in value]
    return value


def _dates_in(value) -> list[date]:
    if isinstance(value, date):
        return [value]
    if isinstance(value, dict):
        return [d for v in value.values() for d in _dates_in(v)]
    if isinstance(value, list):
        return [d for v in value for d in _dates_in(v)]
    return []


def _ce(day: date) -> date:
    """A written date as the calendar date it means (a year of 2400 or more is BE)."""
    return _shift_years(day, -543) if day.year >= 2400 else day


def _be(day: date) -> date:
    """A CE date written with its BE year, as people often do (2569-09-20); 29 February stays
    CE, since a Python date of a BE year has the leap years of another year."""
    return day if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 543)


def _money(amount: Decimal):
    """Money as YAML writes it: a whole number when it is one."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


class _Literal(str):
    """A multi-paragraph text, written as a YAML block (|) as people write it."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # people write a value twice, never &id001 / *id001
        return True


class _Quoted(str):
    """A value written in quotes as FORMAT.md asks ("09:30": YAML 1.1 may read 09:30 as a number)."""


_Dumper.add_representer(_Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))
_Dumper.add_representer(_Literal, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|"))


def _write_yaml(path: Path, data: dict, comment: str) -> None:
    def blocks(value):
        if isinstance(value, str) and "\n" in value.strip():
            return _Literal(value if value.endswith("\n") else value + "\n")
        if isinstance(value, dict):
            return {k: blocks(v) for k, v in value.items()}
        if isinstance(value, list):
            return [blocks(v) for v in value]
        return value

    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(blocks(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"# {comment}\n{text}", encoding="utf-8")


class _World:
    """The reference lists, the roster and the random source every generated file draws on."""

    def __init__(self, root: Path, rng: random.Random):
        self.root = root
        self.rng = rng
        read = lambda name: yaml.load((root / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}  # noqa: E731
        self.districts = [(d["name"], d.get("name_en") or "", list(d.get("subdistricts") or []))
                          for d in read("reference/areas.yaml").get("districts") or [] if d.get("subdistricts")]
        self.issues = [i["name"] for i in read("reference/issues.yaml").get("issues") or []]
        members = read("committee.yaml").get("members") or []
        self.large = [m["id"] for m in members if "large" in (m.get("bodies") or [])]
        self.small = [m for m in members if "small" in (m.get("bodies") or [])] or members
        settings = Settings.from_data(read("khrongkan.yaml") if (root / "khrongkan.yaml").is_file() else {})
        self.quorum = settings.quorum_needed(len(self.large))
        self.people = 0

    # --- people -----------------------------------------------------------------------------
    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def phone(self) -> str:
        self.people += 1
        return f"08{self.people % 10}-000-{self.people % 10_000:04d}"

    # --- plans ------------------------------------------------------------------------------
    def plan_for(self, fy: int, first_fy: int, source: Path) -> list[dict]:
        """The strategies of the plan covering `fy`; the plan's files are written the first time."""
        sample = next(iter(sorted((source / "plans").glob("*-*/province.yaml"))), None) if (source / "plans").is_dir() else None
        first = first_fy + (fy - first_fy) // PLAN_YEARS * PLAN_YEARS
        name = f"{first}-{first + PLAN_YEARS - 1}"
        folder = self.root / "plans" / name
        data = _map_dates(yaml.load(sample.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), _ce) if sample else None
        if not data or not data.get("strategies"):
            data = {"title": "แผนยุทธศาสตร์ชุมชนจังหวัด",
                    "strategies": [{"id": f"S{i}", "title": f"ส่งเสริมงาน{issue}", "issue": issue}
                                   for i, issue in enumerate(self.issues, start=1)]}
        strategies = [s for s in data["strategies"] if s.get("issue") in self.issues]
        if (folder / "province.yaml").is_file():
            return strategies
        sample_first = int(sample.parent.name[:4]) if sample else first
        shift = first - sample_first
        data = _map_text(data, lambda text: _shift_year_numbers(text, shift))
        data = _map_dates(data, lambda day: _shift_years(day, shift))
        start, end = thai.fiscal_year_bounds(first)[0], thai.fiscal_year_bounds(first + PLAN_YEARS - 1)[1]
        data.update(title=re.sub(r"\d{4}-\d{4}", name, data["title"]) if re.search(r"\d{4}-\d{4}", data["title"])
                    else f"{data['title']} ปีงบประมาณ {name}",
                    period={"start": start, "end": end}, strategies=strategies,
                    approved_at=f"meetings/{first}/01.yaml")
        _write_yaml(folder / "province.yaml", data, f"แผนยุทธศาสตร์ชุมชนจังหวัด ปีงบประมาณ {name} (ข้อมูลทดสอบ)")
        ids = [s["id"] for s in strategies]
        for district, _, subdistricts in self.districts:
            for subdistrict in subdistricts[:2]:
                issues = self.rng.sample(strategies, k=min(2, len(strategies)))
                tambon = {"district": district, "subdistrict": subdistrict,
                          "council": f"สภาองค์กรชุมชนตำบล{subdistrict}",
                          "adopted": start - timedelta(days=self.rng.randint(20, 60)),
                          "needs": [{"title": s["title"], "issue": s["issue"], "strategies": [s["id"]],
                                     "priority": priority} for priority, s in enumerate(issues, start=1)]}
                if not ids:
                    tambon["needs"] = []
                _write_yaml(folder / "tambon" / district / f"{subdistrict}.yaml", tambon,
                            f"แผนพัฒนาตำบล{subdistrict} อำเภอ{district} ปีงบประมาณ {name} (ข้อมูลทดสอบ)")
        return strategies

    # --- proposals --------------------------------------------------------------------------
    def proposal(self, sample: dict, sample_fy: int, fy: int, number: int, strategies: list[dict]) -> _Made:
        rng = self.rng
        data = _map_dates(sample, lambda day: _shift_years(day, fy - sample_fy))
        data = _map_text(data, lambda text: _shift_year_numbers(text, fy - sample_fy))
        # A few weeks earlier or later, staying inside the fiscal year.
        fy_start, fy_end = thai.fiscal_year_bounds(fy)
        spanned = [_ce(d) for d in _dates_in({k: data.get(k) for k in ("period", "activities")})]
        earliest = max(-45, (fy_start - min(spanned)).days)
        latest = min(45, (fy_end - max(spanned)).days)
        days = rng.randint(earliest, latest) if earliest <= latest else 0
        data = _map_dates(data, lambda day: day + timedelta(days=days))
        # Another district and sub-districts; the place names in the text follow.
        district, name_en, subdistricts = rng.choice(self.districts)
        old_area = data["area"]
        old_subs = list(old_area.get("subdistricts") or [])
        new_subs = rng.sample(subdistricts, k=max(1, min(len(old_subs), len(subdistricts))))
        data = _map_text(data, _renamer(old_area.get("district") or "", district, old_subs, new_subs))
        data["area"] = {**data["area"], "district": district, "subdistricts": new_subs}
        data["title"] = data["title"].strip() + rng.choice(TITLE_ENDINGS)
        # Another organization and other people.
        kind = rng.choice(ORGANIZATION_KINDS)
        data["organization"] = {
            "name": f"{kind}{_topic(data)}ตำบล{new_subs[0]}" if kind != "สภาองค์กรชุมชนตำบล" else f"{kind}{new_subs[0]}",
            "address": f"{rng.randint(1, 199)}/{rng.randint(1, 9)} หมู่ที่ {rng.randint(1, 12)} ตำบล{new_subs[0]} "
                       f"อำเภอ{district}"}
        data["responsible"] = [{"name": self.person(), "position": position, "phone": self.phone()}
                               for position in rng.sample(POSITIONS, k=3)]
        data["coordinator"] = rng.choice(self.small)["id"]
        # Not every group does every step: a middle activity is sometimes left out (`data` is a
        # copy: the sample the next proposals start from keeps it).
        if len(data["activities"]) > 3 and rng.random() < 0.3:
            del data["activities"][rng.randint(1, len(data["activities"]) - 2)]
        # Other unit costs and group sizes: another budget.
        factor = Decimal(rng.choice(["0.8", "0.9", "1", "1.1", "1.2", "1.25"]))
        for activity in data["activities"]:
            if activity.get("participants"):
                activity["participants"] = max(5, int(activity["participants"] * factor))
            for line in activity.get("budget") or []:
                cost = (Decimal(str(line["unit_cost"]).replace(",", "")) * factor).quantize(Decimal(1), ROUND_DOWN)
                line["unit_cost"] = _money(max(cost, Decimal(1)))
                if "amount" in line:
                    line["amount"] = _money(_line_amount(line))
        for contribution in data.get("contributions") or []:
            amount = Decimal(str(contribution["amount"]).replace(",", "")) * factor
            contribution["amount"] = _money(amount.quantize(Decimal(100), ROUND_DOWN) or Decimal(100))
        ids = [s["id"] for s in strategies]
        wanted = [i for i in data.get("plan") or [] if i in ids]
        if not wanted:
            wanted = [s["id"] for s in strategies if s.get("issue") == data.get("issue")][:1] or ids[:1]
        if wanted:
            data["plan"] = wanted
        if not isinstance(data.get("submitted"), date):  # a draft among the samples: submitted now
            data["submitted"] = min(spanned) + timedelta(days=days - 20)
        submitted = _ce(data["submitted"])
        if rng.random() < 0.2:  # some secretaries write every date in BE
            data = _map_dates(data, _be)
        slug = re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-") or "p"
        project_id = f"{fy}-{number:03d}-{slug}"
        folder = f"proposals/{fy}/{project_id}"
        _write_yaml(self.root / folder / "proposal.yaml", data, f"แบบเสนอโครงการ ปีงบประมาณ {fy} (ข้อมูลทดสอบ สมมติทั้งหมด)")
        requested = sum((_line_amount(line) for a in data["activities"] for line in a.get("budget") or []), Decimal(0))
        return _Made(project_id, folder, fy, data, submitted, requested)

    # --- meetings ---------------------------------------------------------------------------
    def meeting_dates(self, fy: int) -> list[date]:
        """A large-committee meeting about once a month from October, on the second Thursday or so."""
        start = thai.fiscal_year_bounds(fy)[0]
        return [start + timedelta(days=7 + 35 * i + self.rng.randint(0, 5)) for i in range(MEETINGS_PER_YEAR)]

    def decide(self, made: _Made, reported: bool) -> dict:
        """Most are approved (every one that will report), some sent back or deferred."""
        roll = 1.0 if reported else self.rng.random()
        if roll < 0.06:
            return {"proposal": made.id, "decision": "revise", "note": "ให้ปรับงบประมาณกิจกรรมให้เหมาะสมแล้วเสนอใหม่"}
        if roll < 0.09:
            return {"proposal": made.id, "decision": "deferred", "note": "ขอข้อมูลพื้นที่เพิ่มเติมก่อนพิจารณา"}
        approved = made.requested
        if self.rng.random() < 0.3:
            approved = (made.requested * Decimal("0.95")).quantize(Decimal(100), ROUND_DOWN) or made.requested
        decision = {"proposal": made.id, "decision": "approved", "amount": _money(approved)}
        if approved != made.requested:
            decision["note"] = f"อนุมัติปรับลด {thai.format_money(made.requested - approved)} บาท"
        return decision

    def write_meeting(self, fy: int, number: int, day: date, decisions: list[dict]) -> None:
        attendees = sorted(self.rng.sample(self.large, k=min(len(self.large), self.quorum + self.rng.randint(0, 4))))
        data = {"body": "large", "date": day, "place": "ห้องประชุมศูนย์ราชการจังหวัด", "time": _Quoted("09:30"),
                "attendees": attendees}
        if decisions:
            data["decisions"] = decisions
        _write_yaml(self.root / "meetings" / str(fy) / f"{number:02d}.yaml", data,
                    f"การประชุมคณะยุทธศาสตร์ (ชุดใหญ่) ครั้งที่ {number}/{fy} (ข้อมูลทดสอบ)")

    # --- after the approval -----------------------------------------------------------------
    def fieldwork(self, made: _Made, decision: dict, approved_on: date, number: int, result: Synthetic,
                  photos: bool) -> None:
        """An agreement on half of the approved, a report on a third of all, a visit on some."""
        reported = number % 3 == 0
        agreement = self.agreement(made, decision, approved_on, number) if reported or number % 2 == 0 else None
        if agreement is not None:
            result.agreements += 1
        if reported:
            result.photos += self.report(made, decision, agreement, result, photos and number % 2 == 0)
            result.reports += 1
        if agreement is not None and number % 4 == 0:
            self.visit(made)
            result.visits += 1

    def agreement(self, made: _Made, decision: dict, approved_on: date, number: int) -> dict:
        amount = Decimal(str(decision["amount"]))
        percents = [Decimal(str(i["percent"])) for i in made.data.get("installments") or []] or [Decimal(100)]
        amounts = [(amount * p / 100).quantize(Decimal(1), ROUND_DOWN) for p in percents[:-1]]
        amounts.append(amount - sum(amounts, Decimal(0)))
        signed = max(approved_on, made.submitted) + timedelta(days=self.rng.randint(5, 15))
        start = _ce(made.data["period"]["start"])
        installments = []
        for i, part in enumerate(amounts, start=1):
            entry = {"number": i, "amount": _money(part), "due": signed + timedelta(days=10 + 90 * (i - 1))}
            if i == 1:
                entry["paid"] = signed + timedelta(days=5)
            entry["report_due"] = max(start, signed) + timedelta(days=100 + 120 * (i - 1))
            installments.append(entry)
        data = {"number": f"{number:03d}/{made.fy}", "date": signed, "amount": _money(amount),
                "signed_by": {k: made.data["responsible"][0][k] for k in ("name", "position")},
                "installments": installments}
        _write_yaml(self.root / made.folder / "agreement.yaml", data, "ข้อตกลงรับทุน (ข้อมูลทดสอบ)")
        return data

    def report(self, made: _Made, decision: dict, agreement: dict | None, result: Synthetic, photos: bool) -> int:
        rng = self.rng
        start, end = _ce(made.data["period"]["start"]), _ce(made.data["period"]["end"])
        until = min(end, start + timedelta(days=rng.randint(40, 80)))
        if agreement is not None:
            received = Decimal(str(agreement["installments"][0]["amount"]))
            paid = agreement["installments"][0]["paid"]
        else:
            percent = Decimal(str((made.data.get("installments") or [{"percent": 100}])[0]["percent"]))
            received = (Decimal(str(decision["amount"])) * percent / 100).quantize(Decimal(1), ROUND_DOWN)
            paid = start
        activities, spent, left = [], [], received
        for number, activity in enumerate(made.data["activities"], start=1):
            a_start, a_end = _ce(activity["start"]), _ce(activity["end"])
            status = "done" if a_end <= until else "ongoing" if a_start <= until else "not_started"
            entry = {"activity": number, "status": status}
            if status != "not_started":
                entry["date"] = a_start
                if activity.get("participants"):
                    entry["participants"] = max(1, activity["participants"] - rng.randint(0, 3))
            entry["result"] = rng.choice(RESULTS[status])
            activities.append(entry)
            total = sum((_line_amount(line) for line in activity.get("budget") or []), Decimal(0))
            share = Decimal("0.9") if status == "done" else Decimal("0.4") if status == "ongoing" else Decimal(0)
            amount = min((total * share).quantize(Decimal(1), ROUND_DOWN), left)
            if amount > 0:
                item = (activity.get("budget") or [{"item": activity["name"]}])[0]["item"]
                spent.append({"date": min(a_start, until), "activity": number, "item": item, "amount": _money(amount),
                              "receipt": f"{len(spent) + 1:03d}"})
                left -= amount
        data = {"kind": "progress", "period": {"start": start, "end": until}, "reported": until + timedelta(days=3),
                "activities": activities,
                "indicators": [{"indicator": i, "actual": rng.randint(0, int(_number(x["target"]) // 2))}
                               for i, x in enumerate(made.data.get("indicators") or [], start=1)],
                "finance": {"received": [{"date": paid, "source": "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
                                          "amount": _money(received), "installment": 1}],
                            "spent": spent},
                "problems": ["บางกิจกรรมต้องเลื่อนเพราะสมาชิกติดงานในสวนช่วงเก็บผลผลิต"],
                "next_steps": ["ดำเนินกิจกรรมที่เหลือตามแผน และเตรียมรายงานงวดต่อไป"],
                "reporter": {k: made.data["responsible"][-1][k] for k in ("name", "position")}}
        made_photos = 0
        if photos:
            data["photos"] = []
            for i in range(1, rng.randint(1, 3) + 1):
                name = f"files/photo-{i}.jpg"
                self.photo(self.root / made.folder / name)
                data["photos"].append({"file": name, "caption": rng.choice(CAPTIONS)})
                made_photos += 1
        _write_yaml(self.root / made.folder / "report-1.yaml", data, "รายงานความก้าวหน้าและรายงานการเงิน ฉบับที่ 1 (ข้อมูลทดสอบ)")
        return made_photos

    def visit(self, made: _Made) -> None:
        rng = self.rng
        start = _ce(made.data["period"]["start"])
        day = start + timedelta(days=rng.randint(10, 40))
        visitors = sorted({made.data["coordinator"], *(m["id"] for m in rng.sample(self.small, k=min(2, len(self.small))))})
        data = {"date": day, "visitors": visitors,
                "informants": [{"name": made.data["responsible"][0]["name"], "role": made.data["responsible"][0]["position"]}],
                "purpose": "ติดตามความก้าวหน้าของกิจกรรมและหนุนเสริมการจัดทำบัญชีหลังรับเงินงวดที่ 1",
                "findings": [{"activity": 1, "note": "ดำเนินกิจกรรมแรกแล้ว ผู้เข้าร่วมตามเป้าหมาย"},
                             {"indicator": 1, "note": "ยังไม่ถึงค่าเป้าหมาย คาดว่าจะได้ตามแผน"}],
                "finance_check": {"ledger_kept": True, "receipts_ok": rng.random() < 0.8},
                "support_given": ["แนะนำการเก็บใบสำคัญรับเงินให้ครบทุกรายการ"],
                "agreed_next_steps": ["ส่งรายงานความก้าวหน้าตามกำหนดในข้อตกลง"],
                "next_visit": day + timedelta(days=60)}
        _write_yaml(self.root / made.folder / "visit-1.yaml", data, "บันทึกการลงพื้นที่ติดตามหนุนเสริม ครั้งที่ 1 (ข้อมูลทดสอบ)")

    def photo(self, path: Path) -> None:
        """A small phone-sized JPEG: a sky-and-ground gradient with a few shapes, different every time."""
        from PIL import Image, ImageDraw

        rng = self.rng
        width, height = rng.choice(PHOTO_SIZES)
        top = tuple(rng.randint(90, 220) for _ in range(3))
        bottom = tuple(rng.randint(20, 140) for _ in range(3))
        mask = Image.linear_gradient("L").resize((width, height))
        image = Image.composite(Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask)
        draw = ImageDraw.Draw(image)
        for _ in range(rng.randint(3, 8)):
            x, y = rng.randint(0, width), rng.randint(height // 3, height)
            size = rng.randint(width // 20, width // 5)
            colour = tuple(rng.randint(0, 255) for _ in range(3))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + size, y + size * 2 // 3), fill=colour)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=rng.randint(60, 80))
        path.write_bytes(buffer.getvalue())


def _number(value) -> Decimal:
    return Decimal(str(value).replace(",", ""))


def _line_amount(line: dict) -> Decimal:
    return _number(line["quantity"]) * _number(line["unit_cost"]) * _number(line.get("times") or 1)


def _topic(data: dict) -> str:
    return data.get("issue") or ""


def _shift_year_numbers(text: str, years: int) -> str:
    """BE years named in a text ("ปี 2571", "สิงหาคม 2569") move with the dates."""
    if not years:
        return text
    return re.sub(r"(?<![\d,./-])(25[5-9]\d)(?![\d,])", lambda m: str(int(m[1]) + years), text)


def _renamer(old_district: str, district: str, old_subs: list[str], new_subs: list[str]):
    """Replace the sample's district and sub-district names in a text by the new ones, in one pass
    (a district may share its name with a sub-district: ท่าแซะ; ตำบล/อำเภอ say which it is)."""
    mapping: dict[str, str] = {}
    for i, old in enumerate(old_subs):
        mapping[old] = new_subs[i % len(new_subs)]
        mapping[f"ตำบล{old}"] = f"ตำบล{new_subs[i % len(new_subs)]}"
    if old_district:
        mapping.setdefault(old_district, district)
        mapping[f"อำเภอ{old_district}"] = f"อำเภอ{district}"
    names = sorted((k for k in mapping if k), key=len, reverse=True)
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(name) for name in names))
    return lambda text: pattern.sub(lambda m: mapping[m[0]], text)
