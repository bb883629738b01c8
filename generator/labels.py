"""Thai names of the fields of every file kind, from generator/schemas/labels/<schema>.yaml.

One place for the names a committee member reads: the JSON Schema descriptions an editor shows,
the proposal form's labels, and problem messages that name a field the way people say it
("กิจกรรมที่ 1 รายการที่ 2 ราคาต่อหน่วย" for activities[1].budget[2].unit_cost, where the YAML
path means nothing to them). A label file maps a dotted path without positions
(`activities.budget.unit_cost`) to its Thai name, or for a list to `{th: name, item: ordinal}`;
an explanation in brackets after the name is for editors and the form, not for messages.
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
    """The whole Thai name with its explanation: what an editor shows beside a field."""
    entry = labels(schema).get(dotted)
    return entry["th"] if entry else None


def describe(schema: str, path: tuple) -> str:
    """A value path as a Thai phrase: ("activities", 0, "budget", 1, "unit_cost") ->
    "กิจกรรมที่ 1 รายการที่ 2 ราคาต่อหน่วย"; the YAML path where nothing on it has a name."""
    table = labels(schema)
    words: list[str] = []
    keys: list[str] = []
    named = False
    for part in path:
        if isinstance(part, int):
            item = table.get(".".join(keys), {}).get("item")
            if item:
                words[-1:] = [f"{item} {part + 1}"]  # "กิจกรรมที่ 1" replaces "วิธีดำเนินงาน/กิจกรรม"
            else:
                words.append(f"ลำดับที่ {part + 1}")
            continue
        keys.append(str(part))
        entry = table.get(".".join(keys))
        named = named or entry is not None
        words.append(_short(entry["th"]) if entry else str(part))
    return " ".join(words) if named else yaml_path(path)


def field_label(schema: str, path: tuple) -> str:
    """describe(), followed by the YAML key in brackets so the line is easy to find:
    "กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost)"."""
    text = describe(schema, path)
    key = next((str(part) for part in reversed(tuple(path)) if not isinstance(part, int)), "")
    return f"{text} ({key})" if key and text != yaml_path(path) and not text.endswith(key) else text


def yaml_path(path: tuple) -> str:
    """activities[2].budget[1].amount: positions 1-based, as committee members count."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _short(name: str) -> str:
    """A name without its explanation in brackets: "ตำบล (ในอำเภอที่ระบุ)" -> "ตำบล"."""
    return name.split(" (")[0]
