"""Privacy: find and mask personal numbers written into free text before it reaches the site.

One place decides what a phone number, a national ID or a bank account number looks like, so
the pages, the search index (built from the pages), the site's download copies and `check`
all agree. Anything the settings' `publish:` flags do not allow is replaced by "[ไม่เผยแพร่]".

How numbers are found: the text is first mapped character by character (so positions stay the
same) to ASCII digits and plain separators: Thai digits ๐-๙ and full-width digits become 0-9,
every dash (en dash, non-breaking hyphen, minus, full-width hyphen) becomes "-", every kind of
space becomes " ". A *run* is then digits joined by single separators (space, dash, dot,
parentheses). Within a run, the longest stretch of space-separated words that reads as a
personal number is masked:

- a phone number: 10 digits 0[689]xxxxxxxx (mobile) or 9 digits 0[2-7]xxxxxxx (land line),
  in any grouping, or +66 followed by the number without its 0;
- a national ID: 13 digits in any grouping;
- a bank account: 10 to 12 digits, when written in a bank's grouping (the last group is the
  single check digit: 123-4-56789-0, 123-456789-0) or when a word of banking (บัญชี, โอน,
  ธนาคาร, บช.) stands shortly before it.

Budgets (12,500 and 125000.50: commas end a run and no amount has 9 or more digits), dates
(2569-12-01: 8 digits; 15/01/2570: slashes end a run), times, years and project IDs (2570-004)
have too few digits to be read as any of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

HIDDEN_TH = "[ไม่เผยแพร่]"

PHONE = "phone"
NATIONAL_ID = "national_id"
BANK = "bank"
KINDS_TH = {PHONE: "หมายเลขโทรศัพท์", NATIONAL_ID: "เลขประจำตัวประชาชน", BANK: "เลขที่บัญชีธนาคาร"}
KINDS_EN = {PHONE: "a phone number", NATIONAL_ID: "a national ID number", BANK: "a bank account number"}

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\t"
_NORMAL = str.maketrans(
    {**{chr(0x0E50 + i): str(i) for i in range(10)},  # Thai digits
     **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
     **{dash: "-" for dash in _DASHES},
     **{space: " " for space in _SPACES},
     "\uff08": "(", "\uff09": ")", "\uff0e": ".", "\uff0b": "+"})

_UNUSUAL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_NORMAL)) + "]")

# Digits joined by one separator: " ", "-", ".", " - ", "(", ")" (with a space around).
_SEPARATOR = r"(?: ?[-.] ?| ?\) ?| ?\( ?| )"
_RUN = re.compile(rf"(?:\+ ?)?\(?\d+(?:{_SEPARATOR}\d+)*")
_DIGITS = re.compile(r"\d+")
_BANK_WORDS = re.compile(r"(บัญชี|บช\.|โอน|ธนาคาร|ธ\.|พร้อมเพย์|account|a/c)", re.IGNORECASE)
BANK_WORD_REACH = 40  # characters before the number in which a banking word makes it an account
MAX_WORDS = 6  # a number is written in at most this many space-separated words
SHORTEST, LONGEST = 9, 13  # digits of a land line, of a national ID (the +66 forms fall between)


@dataclass(frozen=True)
class Found:
    kind: str
    start: int  # index into the original text
    end: int


def normalize(text: str) -> str:
    """The text with digits and separators made plain; same length, same positions."""
    if _UNUSUAL.search(text) is None:
        return text  # most text: nothing to map (translating it character by character is slow)
    return text.translate(_NORMAL)


# SHORTEST digits anywhere in the text (Thai and full-width digits are \d too, and normalize
# keeps every digit a digit): without them no run can hold a personal number.
_ENOUGH_DIGITS = re.compile(r"\d(?:\D*\d){%d}" % (SHORTEST - 1))


def may_hold_number(text: str) -> bool:
    """False when `text` surely holds no personal number (too few digits): most text."""
    return _ENOUGH_DIGITS.search(text) is not None


def find(text: str) -> Iterator[Found]:
    """Every personal number in the text, left to right."""
    if not may_hold_number(text):
        return
    plain = normalize(text)
    for run in _RUN.finditer(plain):
        yield from _in_run(plain, run)


def _in_run(plain: str, run: re.Match) -> Iterator[Found]:
    if run.end() - run.start() < SHORTEST:
        return  # fewer characters than any personal number has digits: most runs (amounts, dates)
    groups = list(_DIGITS.finditer(plain, run.start(), run.end()))
    if sum(len(group.group()) for group in groups) < SHORTEST:
        return  # the common case: an amount, a date, a year
    # Words: groups joined without a space (089-321-7654 is one word; "089 321 7654" three).
    words: list[list[re.Match]] = [[groups[0]]]
    for before, group in zip(groups, groups[1:]):
        if " " in plain[before.end():group.start()]:
            words.append([group])
        else:
            words[-1].append(group)
    sizes = [sum(len(group.group()) for group in word) for word in words]
    plus = plain[run.start()] == "+"
    i = 0
    while i < len(words):
        best = None  # the longest stretch of words from i that reads as a personal number
        count = 0
        for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
            count += sizes[j - 1]
            if count > LONGEST:
                break
            if count >= SHORTEST:
                span = [group for word in words[i:j] for group in word]
                kind = _kind(plain, span, international=plus and i == 0)
                if kind:
                    best = (j, kind, span)
        if best is None:
            i += 1
            continue
        j, kind, span = best
        start, end = span[0].start(), span[-1].end()
        if i == 0:
            start = run.start()  # the "+" or "(" before the first digit
        if "(" in plain[start:end] and plain[end:end + 1] == ")":
            end += 1
        yield Found(kind, start, end)
        i = j


def _kind(plain: str, span: list[re.Match], international: bool) -> str | None:
    digits = "".join(group.group() for group in span)
    if international and digits.startswith("66"):
        rest = digits[2:]
        rest = rest[1:] if rest.startswith("0") else rest  # +66 (0)89 ...
        if (len(rest) == 9 and rest[0] in "689") or (len(rest) == 8 and rest[0] in "234567"):
            return PHONE
    if 10 <= len(digits) <= 12:
        before = plain[max(0, span[0].start() - BANK_WORD_REACH):span[0].start()]
        bank_grouping = len(span) >= 3 and len(span[-1].group()) == 1 and len(span[0].group()) >= 3
        if _BANK_WORDS.search(before) or bank_grouping:
            return BANK
    if (len(digits) == 10 and digits[:2] in ("06", "08", "09")) or (len(digits) == 9 and digits[:2] in
                                                                       ("02", "03", "04", "05", "06", "07")):
        return PHONE
    if len(digits) == 13:
        return NATIONAL_ID
    return None


@dataclass(frozen=True)
class Privacy:
    """What the site may show (khrongkan.yaml `publish.phone`, `.national_id`, `.bank`)."""

    phone: bool = False
    national_id: bool = False
    bank: bool = False

    @classmethod
    def from_settings(cls, settings) -> "Privacy":
        return cls(settings.publish_phone, settings.publish_national_id, settings.publish_bank)

    @property
    def allows_everything(self) -> bool:
        return self.phone and self.national_id and self.bank

    def allows(self, kind: str) -> bool:
        return {PHONE: self.phone, NATIONAL_ID: self.national_id, BANK: self.bank}[kind]

    def hidden(self, text: str) -> list[Found]:
        """The numbers in `text` that must not be published."""
        if self.allows_everything:
            return []
        return [found for found in find(text) if not self.allows(found.kind)]

    def redact(self, text: str) -> str:
        """The text with every number that must not be published replaced by [ไม่เผยแพร่]."""
        pieces, last = [], 0
        for found in self.hidden(text):
            pieces += [text[last:found.start], HIDDEN_TH]
            last = found.end
        return "".join(pieces) + text[last:] if pieces else text
