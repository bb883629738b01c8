"""Thai names of the fields of every file kind, from generator/schemas/labels/<schema>.yaml.

One place for the names a committee member reads: the JSON Schema descriptions an editor shows,
and messages that name a field the way people say it ("กิจกรรมที่ 1 รายการที่ 2 ราคาต่อหน่วย"
for activities[1].budget[2].unit_cost). A label file maps a dotted path without positions
(`activities.budget.unit_cost`) to its Thai name, or for a list to `{th: name, item: ordinal}`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LABEL_DIR = Path(__file__).resolve().parent / "schemas" / "labels"


@lru_cache(maxsize=None)
def labels(schema: str) -> dict[str, dict]:
    """Dotted path -> {"th": name, "item": ordinal noun or None}; empty for a schema without labels."""
    path = LABEL_DIR / f"{schema}.yaml"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {key: value if isinstance(value, dict) else {"th": value} for key, value in raw.items()}


def label(schema: str, dotted: str) -> str | None:
    entry = labels(schema).get(dotted)
    return entry["th"] if entry else None


def field_label(schema: str, path: tuple) -> str:
    """A value path as a Thai phrase: ("activities", 0, "budget", 1, "unit_cost") ->
    "กิจกรรมที่ 1 รายการที่ 2 ราคาต่อหน่วย"; unnamed keys are shown as written."""
    table = labels(schema)
    words: list[str] = []
    keys: list[str] = []
    for index, part in enumerate(path):
        if isinstance(part, int):
            item = table.get(".".join(keys), {}).get("item")
            if item:
                words[-1:] = [f"{item} {part + 1}"]  # "กิจกรรมที่ 1" replaces "วิธีดำเนินงาน/กิจกรรม"
            else:
                words.append(f"ลำดับที่ {part + 1}")
            continue
        keys.append(str(part))
        entry = table.get(".".join(keys))
        name = entry["th"] if entry else str(part)
        last = index == len(path) - 1
        words.append(name if last else _short(name))
    return " ".join(words)


def _short(name: str) -> str:
    """A parent's name without its explanation in brackets: "ตำบล (ในอำเภอที่ระบุ)" -> "ตำบล"."""
    return name.split(" (")[0]
