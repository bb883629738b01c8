"""Personal numbers written into free text: a warning at the line and column of each.

The site masks them (privacy.py), but a number in a sentence is still in the committee's Word
documents and in the repository; the writer should move it into the structured `phone:` field
(which the site never shows) or remove it.
"""

from __future__ import annotations

import bisect
import re

from ..load import Document
from ..privacy import KINDS_EN, KINDS_TH, Privacy, may_hold_number
from ..problems import ProblemList

# Values that are not prose: the structured fields themselves, and checksums.
SKIPPED_KEYS = {"phone", "fingerprint", "approved_fingerprint"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def check_free_text(document: Document, privacy: Privacy, problems: ProblemList) -> None:
    if privacy.allows_everything:
        return
    source = None
    strings: list = []
    _strings(document.data, (), strings)
    for path, value in strings:
        found = privacy.hidden(value)
        if not found:
            continue
        if source is None:
            source = _Source(document)
        search_from = source.offset(*document.pos(path))
        for number in found:
            written = value[number.start:number.end]
            line, column, search_from = source.locate(written, search_from, document.pos(path))
            problems.add("W001", document.file, line, column, field=_field(path),
                         kind_th=KINDS_TH[number.kind], kind_en=KINDS_EN[number.kind])


def _strings(value, path: tuple, found: list) -> None:
    """(path, text) of every string value that may hold a personal number (enough digits), in
    the order written; one call per value and no generator chain (every value of every file)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                _strings(item, path + (key,), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _strings(item, path + (index,), found)
    elif isinstance(value, str) and may_hold_number(value):
        found.append((path, value))


def _field(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Source:
    """The file's text, to find where in it a number inside a value was written.

    The loader keeps the position of each value's start only: for a `|` or `>` block that is
    the indicator, for a quoted value the quote. The number is looked for in the text from
    there on, which gives its own line and column (both 1-based, counted in characters as
    the YAML reader counts them).
    """

    def __init__(self, document: Document):
        try:
            text = document.path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        self.text = text
        self.starts = [0]
        for match in _LINE_BREAK.finditer(text):
            self.starts.append(match.end())

    def offset(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.starts):
            return 0
        return self.starts[line - 1] + max(column - 1, 0)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def locate(self, written: str, search_from: int, fallback: tuple[int, int]) -> tuple[int, int, int]:
        """(line, column, where to search next); the value's own position when the number was
        not written as it reads (folded over two lines, or as escapes in quotes)."""
        at = self.text.find(written, search_from)
        if at < 0:
            return fallback[0], fallback[1], search_from
        line, column = self.position(at)
        return line, column, at + len(written)
