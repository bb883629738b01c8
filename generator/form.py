"""The proposal form of the review site (แบบฟอร์มเสนอโครงการ): its page, its data and its worker.

The form is a static page: site/assets/form/*.js draws it in the browser from `form-data.json`,
written here from the same sources as `khrongkan check` — the proposal's JSON Schema (translated
from the Cerberus schema), the Thai field labels, the repository's districts, issues and plan
strategies — plus the scaffold of `khrongkan new proposal`, whose comments the saved file keeps.
Nothing is sent anywhere: the member downloads the file or shares it to LINE, and the
secretariat files it with `khrongkan add`.
"""

from __future__ import annotations

from datetime import date

from . import thai
from .json_schema import Translator, reference_enums, to_json
from .labels import labels
from .model import Repository
from .scaffold import form_scaffold
from .validate.schema import load_schema
from .vocabulary import CONTRIBUTION_KIND_TH, PROJECT_KIND_TH

FORM_DIR = "form"
# Bump when the worker's caching changes, so phones drop the old cache.
WORKER_VERSION = 1

PAGE = """\
---
title: แบบฟอร์มเสนอโครงการ
hide:
  - toc
---

# แบบฟอร์มเสนอโครงการ

กรอกแบบเสนอโครงการบนโทรศัพท์ได้ทีละหัวข้อ ระบบคำนวณเงินและตรวจให้ทันทีที่พิมพ์
(ช่องที่มี <span class="kk-required">*</span> ต้องกรอก) เสร็จแล้วกด **ส่งทาง LINE / แชร์**
เพื่อส่งแฟ้มให้กองเลขา หรือ **บันทึกเป็นแฟ้ม** ไว้ส่งทีหลัง

- สิ่งที่กรอกเก็บไว้ในโทรศัพท์เครื่องนี้เท่านั้น ปิดแล้วเปิดใหม่ก็ยังอยู่ ไม่มีการส่งข้อมูลไปที่ใดจนกว่าท่านจะกดส่งเอง
- เมื่อเปิดหน้านี้แล้วครั้งหนึ่ง ใช้ต่อได้แม้ไม่มีสัญญาณอินเทอร์เน็ต
- จะแก้แบบเสนอเดิม ให้กด **เปิดแฟ้มของฉันเพื่อแก้ไข** แล้วเลือกแฟ้มที่ท่านบันทึกไว้เอง
  (ไม่ใช่แฟ้มจากเว็บไซต์นี้ ซึ่งปิดเบอร์โทรศัพท์ไว้)

<div id="kk-app" data-src="form-data.json" data-worker="sw.js" markdown="0">
<p>กำลังเปิดแบบฟอร์ม… (ต้องเปิด JavaScript ของเบราว์เซอร์)</p>
</div>

<link rel="stylesheet" href="../assets/form/form.css">
<script src="../assets/vendor/ajv7.min.js"></script>
<script src="../assets/vendor/ajv-i18n-th.js"></script>
<script src="../assets/vendor/yaml.min.js"></script>
<script src="../assets/form/checks.js"></script>
<script src="../assets/form/form.js"></script>
"""

# The worker keeps a copy of what the form page loaded, so it opens without a connection.
# Network first, so a new site reaches the phone as soon as it is online again.
WORKER = """\
// The proposal form's offline copy (khrongkan, version {version}).
const CACHE = "khrongkan-form-{version}";
self.addEventListener("install", (event) => {{ self.skipWaiting(); }});
self.addEventListener("activate", (event) => {{
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith("khrongkan-form-") && name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
}});
self.addEventListener("message", (event) => {{
  const urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => cache.add(url).catch(() => null)))));
}});
self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then((response) => {{
    if (response.ok) {{ const copy = response.clone(); caches.open(CACHE).then((cache) => cache.put(request, copy)); }}
    return response;
  }}).catch(() => caches.match(request, {{ ignoreSearch: true }})));
}});
"""


def field_types(schema: dict, prefix: str = "") -> dict[str, str]:
    """Dotted path -> the contract's type (text, thaidate, money, ...): the form's widgets and the
    checker's problem codes both follow it."""
    types = {}
    for key, rules in schema.items():
        dotted = f"{prefix}{key}"
        types[dotted] = rules.get("type", "")
        inner = rules.get("schema")
        if rules.get("type") == "dict" and isinstance(inner, dict):
            types.update(field_types(inner, dotted + "."))
        elif rules.get("type") == "list" and isinstance(inner, dict):
            if inner.get("type") == "dict":
                types.update(field_types(inner.get("schema", {}), dotted + "."))
            elif dotted not in ("area.subdistricts", "plan"):
                types[dotted] = "list"
    return types


def strategies(repository: Repository) -> list[dict]:
    """The strategies a proposal may serve, with the fiscal years of their plan: the form offers
    those of the plan covering the year the project starts in."""
    return [{"id": strategy.id, "title": strategy.title, "first": plan.first_fy, "last": plan.last_fy}
            for plan in repository.plans for strategy in plan.strategies]


def form_data(repository: Repository, fiscal_year: int) -> dict:
    enums, subdistricts_of = reference_enums(repository)
    return {
        "schema": Translator("proposal", enums, subdistricts_of).document(),
        "types": field_types(load_schema("proposal")),
        "labels": labels("proposal"),
        "areas": [{"name": d.name, "subdistricts": list(d.subdistricts)}
                  for d in (repository.areas.districts if repository.areas else [])],
        "strategies": strategies(repository),
        "choiceLabels": {**PROJECT_KIND_TH, **CONTRIBUTION_KIND_TH,
                         **{m.id: f"{m.name} ({m.id})" for m in repository.members.values()}},
        "fiscalYear": fiscal_year,
        "province": repository.settings.province,
        "scaffold": form_scaffold(repository, fiscal_year),
    }


def form_pages(repository: Repository, fiscal_year: int | None) -> dict[str, str]:
    """form/index.md, form/form-data.json and form/sw.js, by path relative to build/pages."""
    fiscal_year = fiscal_year or max(repository.fiscal_years(), default=None) or thai.fiscal_year(date.today())
    data = to_json(form_data(repository, fiscal_year))
    return {
        f"{FORM_DIR}/index.md": PAGE,
        f"{FORM_DIR}/form-data.json": data,
        f"{FORM_DIR}/sw.js": WORKER.format(version=WORKER_VERSION),
    }
