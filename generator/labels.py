"""Thai names of fields, read from generator/schemas/labels.yaml (the one place they are written).

`describe("proposal", ("activities", 0, "budget", 0, "unit_cost"))` gives
"กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย": what a committee member calls the field, where the
YAML path `activities[1].budget[1].unit_cost` means nothing to them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).resolve().parent / "schemas" / "labels.yaml"


@lru_cache(maxsize=None)
def _all_labels() -> dict:
    with open(LABELS_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def labels(kind: str) -> dict[str, str]:
    """Dotted path (`activities[].budget[].unit_cost`) -> Thai label, for one document kind."""
    return _all_labels().get(kind, {})


def label_key(path: tuple) -> str:
    """The labels file's key of a value path: list positions become []."""
    key = ""
    for part in path:
        key += "[]" if isinstance(part, int) else ("." if key else "") + str(part)
    return key


def describe(kind: str, path: tuple) -> str:
    """The Thai name of a field, item numbers counted from 1; the YAML key where no label exists."""
    names = labels(kind)
    pieces: list[str] = []
    labelled = False
    key = ""
    path = tuple(path)
    for index, part in enumerate(path):
        if isinstance(part, int):
            key += "[]"
            labelled = labelled or key in names
            pieces.append(names[key].format(n=part + 1) if key in names else f"ลำดับที่ {part + 1}")
            continue
        key += ("." if key else "") + str(part)
        item_follows = index + 1 < len(path) and isinstance(path[index + 1], int) and key + "[]" in names
        if not item_follows:
            labelled = labelled or key in names
            pieces.append(names.get(key, str(part)))
    return " ".join(pieces) if labelled else yaml_path(path)


def yaml_path(path: tuple) -> str:
    """activities[2].budget[1].amount: positions 1-based, as committee members count."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def field_label(kind: str, path: tuple) -> str:
    """describe(), followed by the YAML key in brackets so the line is easy to find:
    "กิจกรรมที่ 1 รายการที่ 1 ราคาต่อหน่วย (unit_cost)"."""
    text = describe(kind, path)
    key = next((str(part) for part in reversed(tuple(path)) if not isinstance(part, int)), "")
    return f"{text} ({key})" if key and text != key and not text.endswith(key) else text
