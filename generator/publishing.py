"""The files `init` writes so a province's repository checks, builds and publishes on its own:
the GitHub Actions workflow, .gitignore, and VS Code's settings for the editor's JSON Schemas.

The workflow installs khrongkan from RELEASE_SOURCE pinned to the version that wrote it, so a
province's build never changes under it; `khrongkan init` again (or editing the one line) moves
it to a newer release.
"""

from __future__ import annotations

import json

from . import __version__
from .json_schema import editor_mapping

# Where releases come from until khrongkan is on the package index: a git tag v<version>.
# One place: the workflow, README and tests read it from here. (Placeholder organisation.)
RELEASE_REPOSITORY = "https://github.com/khrongkan/khrongkan"


def release_requirement(version: str = __version__) -> str:
    """What pip installs: `khrongkan @ git+https://github.com/<org>/khrongkan@v0.1.0`."""
    return f"khrongkan @ git+{RELEASE_REPOSITORY}@v{version}"


WORKFLOW_FILE = ".github/workflows/khrongkan.yml"

# Steps whose id starts with "install-" set the machine up; the others are khrongkan commands,
# which the test suite runs in a fresh repository (tests/test_init_outputs.py).
WORKFLOW = """\
# เขียนโดย khrongkan init (khrongkan {version}): ทุก pull request ตรวจข้อมูล สร้างเอกสารและเว็บไซต์;
# เมื่อรวมเข้า main เผยแพร่เว็บไซต์ (เฉพาะ build/site ซึ่งปิดบังข้อมูลส่วนบุคคลแล้ว) ขึ้น GitHub Pages
# และแนบไฟล์ Word/PDF ไว้กับการทำงานครั้งนั้น
# Written by khrongkan init: check, documents and site on every pull request; on main, publish
# build/site (masked) to GitHub Pages and keep build/docx + build/pdf as an artifact of the run.
# Keep this repository PRIVATE: its YAML and Word files hold phone numbers, IDs and bank accounts.
name: khrongkan

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: khrongkan-${{{{ github.ref }}}}
  cancel-in-progress: true

env:
  # khrongkan pinned to the version that wrote this file (a git tag until it is on PyPI)
  KHRONGKAN: "{requirement}"

jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: ติดตั้ง LibreOffice และฟอนต์ไทย (LibreOffice and Thai fonts, for PDF)
        id: install-system
        run: |
          sudo apt-get update -qq
          sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
            libreoffice-writer-nogui fonts-thai-tlwg
      - name: ติดตั้ง khrongkan (install khrongkan)
        id: install-khrongkan
        run: pip install "$KHRONGKAN"
      - name: ติดตั้งฟอนต์ TH Sarabun New ของเอกสาร (the documents' font, checked by its SHA-256)
        id: install-font
        run: khrongkan fonts install
      - name: ตรวจข้อมูล (check; problems appear on the changed lines)
        id: check
        run: khrongkan check --format github
      - name: สร้างเอกสาร Word และ PDF (documents)
        id: documents
        run: khrongkan render --pdf
      - name: สร้างเว็บไซต์ (site)
        id: site
        run: khrongkan site
      - name: แนบเอกสาร Word/PDF (documents artifact)
        if: github.event_name != 'pull_request'
        uses: actions/upload-artifact@v4
        with:
          name: documents
          path: |
            build/docx
            build/pdf
      - name: เตรียมเว็บไซต์สำหรับ GitHub Pages (only build/site is published)
        if: github.event_name != 'pull_request'
        uses: actions/upload-pages-artifact@v3
        with:
          path: build/site

  deploy:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-24.04
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: เผยแพร่เว็บไซต์ (deploy to GitHub Pages)
        id: deployment
        uses: actions/deploy-pages@v4
"""


def workflow_yaml(version: str = __version__) -> str:
    return WORKFLOW.format(version=version, requirement=release_requirement(version))


GITIGNORE = """\
# สิ่งที่สร้างขึ้นใหม่ได้ ไม่เก็บใน git (outputs and caches: rebuilt by khrongkan)
/build/
/.khrongkan/
/.venv/
/venv/
__pycache__/
# ไฟล์ชั่วคราวของ Word และระบบ (Word lock files, system files)
~$*
.~lock.*#
.DS_Store
Thumbs.db
"""


def vscode_settings() -> str:
    """VS Code: the YAML extension checks each file against its JSON Schema (khrongkan schema)."""
    settings = {
        "yaml.schemas": editor_mapping(),
        "files.encoding": "utf8",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


VSCODE_EXTENSIONS = json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"

PRIVATE_NOTICE = (
    "สำคัญ: คลังโครงการนี้ต้องเป็นคลังส่วนตัว (PRIVATE) เพราะไฟล์ YAML และเอกสาร Word มีเบอร์โทรศัพท์ "
    "เลขประจำตัวประชาชน และเลขบัญชีธนาคาร เผยแพร่สู่สาธารณะได้เฉพาะเว็บไซต์ใน build/site "
    "ซึ่งปิดบังข้อมูลเหล่านี้แล้ว\n"
    "Important: keep this repository PRIVATE (its files hold phone numbers, national IDs and bank "
    "accounts); only the built, masked site in build/site is published."
)
