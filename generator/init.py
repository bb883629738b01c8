"""`khrongkan init`: a new proposals repository for any of Thailand's 77 provinces."""

from __future__ import annotations

from pathlib import Path

from . import publishing
from .files import create_new, write_atomic
from .json_schema import write_schemas
from .reference import areas_yaml, find_province

DEFAULT_ISSUES = [
    ("สวัสดิการชุมชน", "กองทุนสวัสดิการชุมชนและการดูแลกันในชุมชน"),
    ("บ้านมั่นคง", "ที่อยู่อาศัยที่มั่นคงสำหรับครอบครัวที่ไม่มีความมั่นคงในที่ดิน"),
    ("ที่ดินและที่อยู่อาศัย", "การแก้ปัญหาที่ดินทำกินและที่อยู่อาศัย"),
    ("เกษตรกรรมยั่งยืน", "เกษตรกรรมที่ลดสารเคมีและพึ่งตนเอง"),
    ("เศรษฐกิจชุมชน", "วิสาหกิจชุมชน กลุ่มอาชีพ และการตลาด"),
    ("สภาองค์กรชุมชนตำบล", "การพัฒนาสภาองค์กรชุมชนและแผนพัฒนาตำบล"),
    ("ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "การจัดการป่า ทะเล ชายฝั่ง และสิ่งแวดล้อมโดยชุมชน"),
    ("การจัดการภัยพิบัติ", "การเตรียมความพร้อมและฟื้นฟูจากภัยพิบัติ"),
]


def settings_yaml(province_name: str) -> str:
    return f"""# การตั้งค่าคลังโครงการ (repository settings)
province: {province_name}
institute: สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)
movement: คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัด{province_name}
font: TH Sarabun New
thai_digits: false          # ใช้เลขไทยในเอกสาร Word
quorum:
  body: large
  rule: more_than_half      # more_than_half (เกินกึ่งหนึ่ง) หรือ at_least_fraction (ตาม fraction)
publish:                    # สิ่งที่เว็บไซต์สาธารณะแสดงได้ (what the public site may show)
  phone: false
  national_id: false
  bank: false
  drafts: false             # โครงการฉบับร่าง (ยังไม่มีวันที่เสนอ)
  problems: false           # หน้าปัญหาที่ต้องแก้ไข
"""


def issues_yaml() -> str:
    lines = ["# ประเด็นงาน (issue areas): กองเลขาแก้ไขได้", "issues:"]
    for name, description in DEFAULT_ISSUES:
        lines += [f"  - name: {name}", f"    description: {description}"]
    return "\n".join(lines) + "\n"


COMMITTEE_YAML = """# รายชื่อคณะกรรมการ (the roster): bodies = large (ชุดใหญ่), small (ชุดเล็ก), secretariat (กองเลขา)
members:
  - id: m01
    name: (ชื่อผู้ประสานงานกองเลขา)
    bodies: [secretariat]
    role: กองเลขา
"""


def init_repository(directory: Path, province_name: str, *, areas_only: bool = False,
                    kept: list[Path] | None = None, matrix: bool = False) -> list[Path]:
    """Write the files of a new repository; existing files are kept, never overwritten (and
    listed in `kept` when given).

    With `matrix` the workflow builds each fiscal year in a job of its own (publishing.MATRIX_WORKFLOW).
    Templates, guide pages and mkdocs.yml are not copied: they come from the installed package
    (generator.resources) until the repository overrides one (`khrongkan template export`).
    """
    province = find_province(province_name)
    directory = Path(directory)
    areas_file = directory / "reference" / "areas.yaml"
    if areas_only:  # asked for explicitly: regenerate from the current geothai data
        return [write_atomic(areas_file, areas_yaml(province.name_th))]
    kept = kept if kept is not None else []
    written = []
    for name, text in [("khrongkan.yaml", lambda: settings_yaml(province.name_th)),
                       ("reference/areas.yaml", lambda: areas_yaml(province.name_th)),
                       ("reference/issues.yaml", issues_yaml),
                       ("committee.yaml", lambda: COMMITTEE_YAML),
                       (".gitignore", lambda: publishing.GITIGNORE),
                       (publishing.WORKFLOW_FILE,
                        publishing.matrix_workflow_yaml if matrix else publishing.workflow_yaml),
                       (".vscode/settings.json", publishing.vscode_settings),
                       (".vscode/extensions.json", lambda: publishing.VSCODE_EXTENSIONS)]:
        if (directory / name).exists():
            kept.append(directory / name)
        else:
            written.append(create_new(directory / name, text()))
    for folder in ("proposals", "meetings"):
        (directory / folder).mkdir(parents=True, exist_ok=True)
    # The editor's help (district and issue names included) works before the first `khrongkan check`.
    from .validate import check_repository

    write_schemas(directory, check_repository(directory).repository)
    return written
