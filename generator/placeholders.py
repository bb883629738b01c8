"""Placeholders: the text a scaffold leaves for the writer to replace (`เพื่อ...`, `- ...`, `นาย...`).

One rule, shared by the scaffolds (generator/scaffolds/*.yaml), the checker and anything else that
produces or reads a half-filled file: a placeholder is text that ends with an ellipsis (`...` or
`…`) or holds nothing but spaces. Every scaffold value meant to be replaced is written that way,
and a test reads the scaffolds to keep them so.
"""

from __future__ import annotations

ELLIPSES = ("...", "…")


def is_placeholder(value) -> bool:
    """True for `เพื่อ...`, `...`, `นาย…` and blank text; False for anything else."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return not text or text.endswith(ELLIPSES)


def find_placeholders(data, path: tuple = ()):
    """(path, text) of every placeholder in a document's data, in the order written."""
    found: list = []
    _collect(data, path, found)
    return iter(found)


def _collect(data, path: tuple, found: list) -> None:
    # One call per value and no generator chain: this walks every value of every file checked.
    if isinstance(data, dict):
        for key, value in data.items():
            _collect(value, path + (key,), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _collect(value, path + (index,), found)
    elif isinstance(data, str):
        text = data.strip()
        if not text or text.endswith(ELLIPSES):
            found.append((path, data))
