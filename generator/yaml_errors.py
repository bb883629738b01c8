"""YAML syntax errors explained in Thai, at the line the person must fix.

PyYAML says where parsing became impossible ("expected <block end>, but found '?'"), which is
often a line after the mistake and always parser English. This module looks at the lines
around that place (their indentation, colons and dashes) and names the mistake a person made:
a key indented one space short or not at all, a missing `:`, a `-` out of place, an unclosed
quote, a tab. The parser's own words never reach the message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# `key:` at the start of a line (after indentation and an optional `- `), as people write keys.
_KEY = re.compile(r"^(?P<dash>-\s+)?(?P<key>[^\s#'\"\[\]{}&*!|>%@`,-][^:#]*?|\"[^\"]*\"|'[^']*')\s*:(?:\s|$)")
_COMMENT = re.compile(r"(^|\s)#.*$")


@dataclass(frozen=True)
class SyntaxMistake:
    """Where to fix (1-based line and column) and what, in Thai and English."""

    line: int
    column: int
    th: str
    en: str
    source_line: str = ""


class _Lines:
    def __init__(self, text: str):
        self.lines = _LINE_BREAK.split(text)

    def __len__(self):
        return len(self.lines)

    def text(self, i: int) -> str:
        return self.lines[i] if 0 <= i < len(self.lines) else ""

    def content(self, i: int) -> str:
        """The line without its comment and trailing spaces (comments inside quotes are rare here)."""
        return _COMMENT.sub("", self.text(i)).rstrip()

    def is_content(self, i: int) -> bool:
        return bool(self.content(i).strip())

    def indent(self, i: int) -> int:
        line = self.text(i)
        return len(line) - len(line.lstrip(" "))

    def body(self, i: int) -> str:
        return self.content(i).strip()

    def is_dash(self, i: int) -> bool:
        body = self.body(i)
        return body == "-" or body.startswith("- ")

    def key(self, i: int) -> str | None:
        match = _KEY.match(self.body(i))
        return match["key"].strip("'\"") if match else None

    def value_after_key(self, i: int) -> str:
        match = _KEY.match(self.body(i))
        return self.body(i)[match.end():].strip() if match else ""

    def opens_block(self, i: int) -> bool:
        """`key:` with nothing after it: the lines below, indented more, are its content."""
        return self.key(i) is not None and self.value_after_key(i) in ("", "|", ">", "|-", ">-", "|+", ">+")

    def previous_content(self, i: int) -> int | None:
        for j in range(i - 1, -1, -1):
            if self.is_content(j):
                return j
        return None

    def next_content(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.is_content(j):
                return j
        return None

    def last_content(self) -> int:
        for j in range(len(self.lines) - 1, -1, -1):
            if self.is_content(j):
                return j
        return 0


def explain(text: str, error: yaml.YAMLError) -> SyntaxMistake:
    """The mistake behind a PyYAML error, located on the line to fix."""
    lines = _Lines(text)
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    # A mark past the last line (end of the file) points at the last line that has something.
    if line >= len(lines) or not lines.is_content(line) and "end of stream" in problem:
        line, column = lines.last_content(), len(lines.content(lines.last_content()))
    found = _diagnose(lines, problem, context, line, column, context_mark)
    line, column, th, en = found
    line = min(max(line, 0), len(lines) - 1)
    return SyntaxMistake(line + 1, column + 1, th, en, lines.text(line))


def _diagnose(lines: _Lines, problem: str, context: str, line: int, column: int, context_mark):
    if "'\\t'" in problem or "tab character" in problem:
        return (line, column, "มีแท็บ (Tab) ในบรรทัดนี้ ซึ่ง YAML ไม่รับ ให้ลบแล้วเว้นวรรคด้วยช่องว่าง (space) แทน",
                "there is a tab on this line, which YAML refuses: replace it with spaces")
    if "quoted scalar" in context and context_mark is not None:
        quote = lines.text(context_mark.line)[context_mark.column:context_mark.column + 1] or '"'
        if "escape" in problem:
            return (line, column, "ในเครื่องหมายคำพูด \" \" มีเครื่องหมาย \\ ที่ใช้ไม่ได้ "
                    "ให้ใช้เครื่องหมายคำพูดเดี่ยว ' ' แทน หรือเขียน \\\\",
                    "a backslash inside double quotes starts an unknown escape: use single quotes or write \\\\")
        return (context_mark.line, context_mark.column,
                f"เปิดเครื่องหมายคำพูด {quote} ที่นี่แต่ไม่ได้ปิด ให้ใส่ {quote} ปิดท้ายข้อความในบรรทัดเดียวกัน",
                f"the quote {quote} opened here is never closed: close it at the end of the text")
    if "simple key" in context and "':'" in problem and context_mark is not None:
        return _missing_colon(lines, context_mark.line)
    if problem.startswith("sequence entries are not allowed"):
        return (line, column, "มีเครื่องหมาย - ในที่ที่ไม่ควรมี ถ้าเป็นข้อความ ให้ใส่เครื่องหมายคำพูดครอบ "
                "ถ้าเป็นรายการ ให้ขึ้นบรรทัดใหม่และย่อหน้าเข้าไป", "a '-' where no list can start: quote the text")
    if problem.endswith("but found ':'"):
        return (line, column, "มีเครื่องหมาย : ที่ไม่มีชื่อหัวข้อข้างหน้า ให้ลบออก หรือเขียนชื่อหัวข้อไว้หน้า :",
                "a ':' with no key before it: delete it or write the key")
    if problem.endswith("but found '<scalar>'"):
        return (line, column, "ข้อความในบรรทัดนี้อยู่ผิดที่ ให้ย่อหน้าเท่ากับบรรทัดก่อนหน้า "
                "ข้อความหลายบรรทัด (หลัง |) ต้องย่อหน้าเท่ากันทุกบรรทัด",
                "text out of place: indent it like the line above (all lines of a | block alike)")
    if "'<document start>'" in problem:
        stray = next((j for j in range(len(lines)) if lines.is_content(j)), line)
        return (stray, lines.indent(stray), "บรรทัดนี้เป็นข้อความที่ไม่มีชื่อหัวข้อ ถ้าเป็นคำอธิบาย ให้ขึ้นต้นด้วย # "
                "ถ้าเป็นค่า ให้เขียนเป็น ชื่อหัวข้อ: ค่า", "text with no key: start a comment with #, or write key: value")
    if problem.startswith("mapping values are not allowed"):
        return _colon_not_allowed(lines, line, column)
    if problem.startswith("expected <block end>") or problem.startswith("did not find expected key") \
            or problem.startswith("did not find expected '-'"):
        return _misplaced(lines, line, column, problem)
    if "but found another document" in problem or "document start" in problem:
        return (line, column, "ไฟล์หนึ่งมีข้อมูลได้ชุดเดียว ให้ลบบรรทัด --- และสิ่งที่ตามมา หรือแยกเป็นไฟล์ใหม่",
                "a file holds one document: remove the --- line and what follows, or make another file")
    if "alias" in problem or "anchor" in context or "alias" in context:
        return (line, column, "มีเครื่องหมาย & หรือ * ที่ YAML อ่านเป็นการอ้างถึง ถ้าเป็นข้อความ ให้ใส่เครื่องหมายคำพูดครอบ",
                "& or * starts a YAML anchor or alias: put text in quotes")
    if "flow" in context or "',' or" in problem:
        if context_mark is not None and "flow" in context:
            line, column = context_mark.line, context_mark.column
        return (line, column, "วงเล็บ [ ] หรือ { } ไม่ครบคู่ หรือคั่นรายการไม่ถูก ให้คั่นด้วย , และปิดวงเล็บในบรรทัดเดียวกัน",
                "brackets [ ] or { } do not match: separate items with , and close the bracket")
    if "cannot start any token" in problem:
        char = lines.text(line)[column:column + 1]
        return (line, column, f"ข้อความขึ้นต้นด้วย {char} ซึ่ง YAML สงวนไว้ ให้ใส่เครื่องหมายคำพูดครอบ เช่น \"{char}...\"",
                f"text starting with {char} must be put in quotes")
    if "block scalar" in context or "comment or a line break" in problem:
        return (line, column, "หลังเครื่องหมาย | หรือ > ต้องขึ้นบรรทัดใหม่ แล้วเขียนข้อความย่อหน้าเข้าไป",
                "after | or > start a new line and indent the text")
    return (line, column, "โครงสร้างไม่ถูกต้องที่บรรทัดนี้ ตรวจการย่อหน้า เครื่องหมาย : เครื่องหมาย - และเครื่องหมายคำพูด",
            "the structure breaks on this line: check indentation, colons, dashes and quotes")


def _missing_colon(lines: _Lines, i: int):
    body = lines.body(i)
    start = lines.indent(i) + (2 if lines.is_dash(i) else 0)
    word = re.match(r"\S+", lines.text(i)[start:])
    column = start + (len(word.group()) if word else 0)
    return (i, column, "บรรทัดนี้ขาดเครื่องหมาย : หลังชื่อหัวข้อ ให้เขียนเป็น ชื่อหัวข้อ: ค่า "
            "(ถ้าเป็นข้อความต่อจากบรรทัดก่อน ให้ย่อหน้าเข้าไปมากกว่าชื่อหัวข้อ)" if body else
            "บรรทัดนี้ขาดเครื่องหมาย : หลังชื่อหัวข้อ",
            "this line lacks the : after its key (write key: value)")


def _colon_not_allowed(lines: _Lines, i: int, column: int):
    """`mapping values are not allowed here`: a second colon, a missing one above, or indentation."""
    previous = lines.previous_content(i)
    before_colon = lines.text(i)[:column]
    own_key = _KEY.match(lines.body(i))
    # `kind: area: issue`: this line already has a key, the second ':' is inside its value.
    if own_key and lines.indent(i) + len(own_key.group()) <= column:
        return (i, column, "ค่าในบรรทัดนี้มีเครื่องหมาย : อยู่ข้างใน ถ้าเป็นข้อความ ให้ใส่เครื่องหมายคำพูดครอบ "
                "เช่น หัวข้อ: \"ข้อความ: ต่อ\"", "the value contains ':': put it in quotes")
    if previous is not None and lines.key(previous) is None and not lines.is_dash(previous) \
            and lines.indent(previous) <= lines.indent(i):
        # `name a` above `address: b`: the line above lost its colon, so this line continues it.
        return _missing_colon(lines, previous)
    if previous is not None and lines.indent(i) > lines.indent(previous) and not lines.opens_block(previous):
        return _deeper_than_allowed(lines, i, previous)
    if ":" not in before_colon.strip() and lines.key(i) is None:
        return (i, column, "มีเครื่องหมาย : ในที่ที่ไม่ควรมี ถ้าเป็นข้อความ ให้ใส่เครื่องหมายคำพูดครอบ",
                "a ':' where none is allowed: put text in quotes")
    return (i, column, "มีเครื่องหมาย : ในที่ที่ไม่ควรมี ตรวจการย่อหน้าของบรรทัดนี้กับบรรทัดก่อนหน้า "
            "ถ้าเป็นข้อความ ให้ใส่เครื่องหมายคำพูดครอบ", "a ':' where none is allowed: check indentation or quote the text")


def _deeper_than_allowed(lines: _Lines, i: int, previous: int):
    """Line i is indented under a line that already has its value on the same line."""
    above = lines.previous_content(previous)
    if above is not None and lines.opens_block(above) and lines.indent(previous) <= lines.indent(above):
        # `area:` / `district: x` / `  subdistricts:`: the indentation was removed before `district`.
        want = lines.indent(i)
        return (previous, 0, f"บรรทัดนี้ย่อหน้าน้อยไป ต้องย่อหน้า {want} ช่อง ให้อยู่ใต้หัวข้อ "
                f"{lines.key(above)} (บรรทัด {above + 1}) เหมือนบรรทัด {i + 1}",
                f"this line is not indented enough: indent it {want} spaces, under '{lines.key(above)}' "
                f"(line {above + 1}) like line {i + 1}")
    want = lines.indent(previous)
    return (i, lines.indent(i), f"บรรทัดนี้ย่อหน้าเกิน ให้ย่อหน้า {want} ช่องเท่ากับบรรทัด {previous + 1} "
            f"(หัวข้อ {lines.key(previous) or ''} มีค่าอยู่ในบรรทัดเดียวกันแล้ว จึงมีหัวข้อย่อยไม่ได้)",
            f"this line is indented too far: indent it {want} spaces like line {previous + 1}")


def _misplaced(lines: _Lines, i: int, column: int, problem: str):
    """`expected <block end>`: a line whose indentation fits no open level, or a stray dash."""
    if not lines.is_content(i):
        following = lines.next_content(i)
        i = following if following is not None else lines.last_content()
    indent = lines.indent(i)
    # The nearest earlier line at the same indentation: were the lines between indented less?
    for j in range(i - 1, -1, -1):
        if not lines.is_content(j):
            continue
        if lines.indent(j) < indent:
            culprit = j
            same = next((k for k in range(j - 1, -1, -1) if lines.is_content(k) and lines.indent(k) <= indent), None)
            if same is not None and lines.indent(same) == indent:
                # A line between two lines at `indent` lost its indentation (`subdistricts:` at 0).
                return (culprit, 0, f"บรรทัดนี้ย่อหน้าน้อยไป ต้องย่อหน้า {indent} ช่องเท่ากับบรรทัด {same + 1} "
                        f"และบรรทัด {i + 1}",
                        f"this line is not indented enough: indent it {indent} spaces like lines {same + 1} and {i + 1}")
            break
        if lines.indent(j) == indent:
            if lines.is_dash(j) and not lines.is_dash(i):
                # `- name: a` / `position: b`: a key of the same list item sits under its name.
                want = indent + 2
                return (i, indent, f"บรรทัดนี้ต้องย่อหน้า {want} ช่อง ให้ตรงกับหัวข้อ {lines.key(j) or ''} "
                        f"ของรายการในบรรทัด {j + 1} (ย่อหน้าเท่าเครื่องหมาย - ไม่ได้)",
                        f"indent this line {want} spaces, like '{lines.key(j) or ''}' of the list item on line {j + 1}")
            if lines.is_dash(i) and not lines.is_dash(j):
                return _stray_dash(lines, i, j)
            break
    parent = next((k for k in range(i - 1, -1, -1) if lines.is_content(k) and lines.indent(k) < indent), None)
    if lines.is_dash(i) and parent is not None and not lines.opens_block(parent) and not lines.is_dash(parent):
        return _stray_dash(lines, i, parent)
    if lines.is_dash(i) and parent is None:
        return _stray_dash(lines, i, lines.previous_content(i))
    if parent is not None and lines.is_dash(parent) and lines.key(parent):
        # `- description: ...` / `   quantity: 10`: keys of one list item line up after the dash.
        body = lines.body(parent)
        want = lines.indent(parent) + len(body) - len(body[1:].lstrip())
        if want != indent:
            return (i, indent, f"บรรทัดนี้ย่อหน้า {indent} ช่อง ไม่ตรงกับหัวข้อ {lines.key(parent)} ในบรรทัด {parent + 1} "
                    f"ให้ย่อหน้า {want} ช่องเท่ากัน",
                    f"this line is indented {indent} spaces, unlike '{lines.key(parent)}' on line {parent + 1}: use {want}")
    sibling = None
    if parent is not None:
        child = lines.next_content(parent)
        if child is not None and child < i and lines.indent(child) != indent:
            sibling = child
    if sibling is not None:
        want = lines.indent(sibling)
        what = "รายการ (-) นี้" if lines.is_dash(i) else "บรรทัดนี้"
        return (i, indent, f"{what}ย่อหน้า {indent} ช่อง ไม่ตรงกับบรรทัด {sibling + 1} ที่อยู่ระดับเดียวกัน "
                f"ให้ย่อหน้า {want} ช่องเท่ากัน",
                f"this line is indented {indent} spaces, unlike line {sibling + 1} at the same level: use {want}")
    return (i, indent, "การย่อหน้าของบรรทัดนี้ไม่ตรงกับบรรทัดอื่นในระดับเดียวกัน ให้ย่อหน้าด้วยช่องว่างเท่ากัน",
            "this line's indentation matches no other line at its level")


def _stray_dash(lines: _Lines, i: int, previous: int | None):
    key = lines.key(previous) if previous is not None else None
    if key and not lines.opens_block(previous):
        return (i, lines.indent(i), f"มีเครื่องหมาย - ในที่ที่ไม่ควรมี หัวข้อ {key} (บรรทัด {previous + 1}) "
                "มีค่าอยู่แล้วจึงมีรายการต่อไม่ได้ ถ้าต้องการรายการ ให้ลบค่าหลัง : แล้วย่อหน้ารายการเข้าไป",
                f"a '-' out of place: '{key}' on line {previous + 1} already has a value")
    return (i, lines.indent(i), "มีเครื่องหมาย - ในที่ที่ไม่ควรมี รายการต้องอยู่ใต้หัวข้อที่ลงท้ายด้วย : "
            "และย่อหน้าเข้าไปเท่ากันทุกรายการ", "a '-' out of place: list items go under a 'key:' line, indented alike")


def display_column(line: str, column: int) -> int:
    """Screen cells before `column` (1-based): Thai vowels and tone marks above or below take none."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1
               for ch in line[:max(column - 1, 0)])


def excerpt(line_number: int, line: str, column: int) -> list[str]:
    """The offending line and a caret under the column, as two lines to print below a message."""
    gutter = f"{line_number:>5} | "
    shown = line.replace("\t", " ")
    return [gutter + shown, " " * (len(gutter) - 2) + "| " + " " * display_column(shown, column) + "^"]
