"""Thai formats: Buddhist-Era dates, Thai month names, the fiscal year, baht in words, Thai digits.

Knows nothing about proposals; every function takes plain values.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

BE_OFFSET = 543
BE_THRESHOLD = 2400  # a year of 2400 or more is Buddhist Era (FORMAT.md)

MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateError(ValueError):
    """`kind` is "format" (not YYYY-MM-DD) or "impossible" (no such day)."""

    def __init__(self, kind: str, text: str):
        super().__init__(f"{kind}: {text}")
        self.kind = kind
        self.text = text


_TO_ASCII_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def ascii_digits(text: str) -> str:
    """๒๕๗๐ -> 2570: Thai digits read as the numbers they are."""
    return str(text).translate(_TO_ASCII_DIGITS)


def parse_date(value) -> date:
    """Read `YYYY-MM-DD` (Thai digits too), the year Common Era or (2400 and above) Buddhist Era."""
    if isinstance(value, date):
        return value if value.year < BE_THRESHOLD else _be_to_ce(value.year, value.month, value.day, str(value))
    text = ascii_digits(str(value))
    match = _ISO_DATE.match(text)
    if not match:
        raise DateError("format", text)
    year, month, day = (int(g) for g in match.groups())
    if year >= BE_THRESHOLD:
        return _be_to_ce(year, month, day, text)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("impossible", text) from None


_MONTH_NUMBERS = {name: number for number, names in enumerate(zip(MONTHS, MONTHS_SHORT), start=1)
                 for name in (*names, names[1].replace(".", ""))}
_NUMERIC_DATE = re.compile(r"^(?:วันที่\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_WORDED_DATE = re.compile(r"^(?:วันที่\s*)?(\d{1,2})\s*([ก-๙.]+?)\s*(?:พ\.\s*ศ\.\s*)?(\d{4})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_AND_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d")


def suggest_iso_date(value) -> str | None:
    """The YYYY-MM-DD form of a date written the Thai way (15/01/2570, 15 ม.ค. 2570,
    15 มกราคม 2570, Thai digits), keeping the year as written; None when it is no date."""
    text = " ".join(ascii_digits(str(value)).split())
    day = month = year = None
    if match := _NUMERIC_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif (match := _WORDED_DATE.match(text)) and match[2] in _MONTH_NUMBERS:
        day, month, year = int(match[1]), _MONTH_NUMBERS[match[2]], int(match[3])
    elif match := _COMPACT_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DATE_AND_TIME.match(text):
        year, month, day = (int(g) for g in match[1].split("-"))
    if year is None:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        parse_date(iso)
    except DateError:
        return None
    return iso


def _be_to_ce(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year - BE_OFFSET, month, day)
    except ValueError:
        raise DateError("impossible", text) from None


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def fiscal_year(d: date) -> int:
    """The Thai fiscal year (BE) that a day falls in: 1 October starts the next year's."""
    return be_year(d) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    ce_end = fy - BE_OFFSET
    return date(ce_end - 1, 10, 1), date(ce_end, 9, 30)


def thai_digits(text: str) -> str:
    return str(text).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def format_date(d: date | None, *, digits: bool = False, short: bool = False, lang: str = "th") -> str:
    """"1 ธันวาคม 2569" (or "1 ธ.ค. 2569", or "1 December 2026" in English)."""
    if d is None:
        return ""
    if lang == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    month = (MONTHS_SHORT if short else MONTHS)[d.month - 1]
    text = f"{d.day} {month} {be_year(d)}"
    return thai_digits(text) if digits else text


def format_date_range(start: date | None, end: date | None, **options) -> str:
    if start is None or end is None:
        return format_date(start or end, **options)
    if start == end:
        return format_date(start, **options)
    joiner = " to " if options.get("lang") == "en" else " - "
    return f"{format_date(start, **options)}{joiner}{format_date(end, **options)}"


def format_money(amount, *, decimals: bool | None = None, digits: bool = False) -> str:
    """25,600 or 10,206.50: two decimals only when the amount has satang, unless told."""
    value = Decimal(amount or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
    show_decimals = decimals if decimals is not None else value != value.to_integral_value()
    text = f"{value:,.2f}" if show_decimals else f"{value:,.0f}"
    return thai_digits(text) if digits else text


def format_number(value, *, digits: bool = False) -> str:
    """A quantity: 1,200 or 2.5, no trailing zeros."""
    number = Decimal(value or 0)
    if number == number.to_integral_value():
        text = f"{number:,.0f}"
    else:
        text = f"{number.normalize():,f}"
    return thai_digits(text) if digits else text


def format_percent(value, *, digits: bool = False) -> str:
    number = Decimal(value or 0).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.1f}"
    return thai_digits(text) if digits else text


_DIGITS = ["", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
_PLACES = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"]


def _words_below_million(n: int, after_millions: bool = False) -> str:
    words = []
    text = str(n)
    length = len(text)
    for i, ch in enumerate(text):
        digit = int(ch)
        place = length - i - 1
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and (length > 1 or after_millions):
            words.append("เอ็ด")
        else:
            words.append(_DIGITS[digit] + _PLACES[place])
    return "".join(words)


def number_words(n: int) -> str:
    """Thai words for a whole number: 1,250,021 -> หนึ่งล้านสองแสนห้าหมื่นยี่สิบเอ็ด."""
    if n == 0:
        return "ศูนย์"
    if n < 0:
        return "ลบ" + number_words(-n)
    millions, rest = divmod(n, 1_000_000)
    words = ""
    if millions:
        words = number_words(millions) + "ล้าน"
    if rest:
        words += _words_below_million(rest, after_millions=bool(millions))
    return words


def baht_words(amount) -> str:
    """25600 -> สองหมื่นห้าพันหกร้อยบาทถ้วน; 10206.50 -> หนึ่งหมื่นสองร้อยหกบาทห้าสิบสตางค์."""
    value = Decimal(amount or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
    baht = int(value)
    satang = int((value - baht) * 100)
    if baht == 0 and satang:
        return number_words(satang) + "สตางค์"
    text = number_words(baht) + "บาท"
    return text + (number_words(satang) + "สตางค์" if satang else "ถ้วน")
