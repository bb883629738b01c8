"""Thai formats with known values: baht in words, Buddhist-Era dates, the fiscal year, numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.thai import (DateError, baht_words, be_year, fiscal_year, fiscal_year_bounds, format_date,
                            format_date_range, format_money, format_number, format_percent, parse_date, thai_digits)


@pytest.mark.parametrize("amount, words", [
    (0, "ศูนย์บาทถ้วน"),
    (1, "หนึ่งบาทถ้วน"),
    (11, "สิบเอ็ดบาทถ้วน"),
    (20, "ยี่สิบบาทถ้วน"),
    (21, "ยี่สิบเอ็ดบาทถ้วน"),
    (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
    (25600, "สองหมื่นห้าพันหกร้อยบาทถ้วน"),
    (Decimal("10206.50"), "หนึ่งหมื่นสองร้อยหกบาทห้าสิบสตางค์"),
    (Decimal("0.50"), "ห้าสิบสตางค์"),
    (Decimal("1.01"), "หนึ่งบาทหนึ่งสตางค์"),
    (Decimal("10.10"), "สิบบาทสิบสตางค์"),
    (Decimal("0.005"), "หนึ่งสตางค์"),  # rounded half up to one satang
    (1_000_001, "หนึ่งล้านเอ็ดบาทถ้วน"),
    (1_250_021, "หนึ่งล้านสองแสนห้าหมื่นยี่สิบเอ็ดบาทถ้วน"),
    (11_000_000, "สิบเอ็ดล้านบาทถ้วน"),
    (21_000_021, "ยี่สิบเอ็ดล้านยี่สิบเอ็ดบาทถ้วน"),
    (100_000_000, "หนึ่งร้อยล้านบาทถ้วน"),
    (10**12, "หนึ่งล้านล้านบาทถ้วน"),
])
def test_baht_words(amount, words):
    assert baht_words(amount) == words


@pytest.mark.parametrize("day, text, options", [
    (date(2026, 12, 1), "1 ธันวาคม 2569", {}),
    (date(2027, 9, 30), "30 กันยายน 2570", {}),
    (date(2026, 12, 1), "๑ ธันวาคม ๒๕๖๙", {"digits": True}),
    (date(2026, 12, 1), "1 ธ.ค. 2569", {"short": True}),
    (date(2026, 12, 1), "1 December 2026", {"lang": "en"}),
    (date(2024, 2, 29), "29 กุมภาพันธ์ 2567", {}),
])
def test_format_date_in_buddhist_era(day, text, options):
    assert format_date(day, **options) == text


def test_format_date_of_nothing_is_empty():
    assert format_date(None) == ""


def test_format_date_range():
    assert format_date_range(date(2026, 10, 15), date(2027, 3, 31)) == "15 ตุลาคม 2569 - 31 มีนาคม 2570"
    assert format_date_range(date(2026, 10, 15), date(2026, 10, 15)) == "15 ตุลาคม 2569"
    assert format_date_range(date(2026, 10, 15), date(2027, 3, 31), lang="en") == "15 October 2026 to 31 March 2027"


@pytest.mark.parametrize("text, day", [
    ("2026-12-01", date(2026, 12, 1)),
    ("2569-12-01", date(2026, 12, 1)),  # a year of 2400 or more is Buddhist Era
    ("2567-02-29", date(2024, 2, 29)),  # BE 2567 is the leap year CE 2024
    ("2026-1-5", date(2026, 1, 5)),
    (date(2569, 12, 1), date(2026, 12, 1)),  # what PyYAML would make of an unquoted BE date
])
def test_parse_date_reads_be_and_ce(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text, kind", [
    ("2027-02-30", "impossible"), ("2570-02-29", "impossible"), ("2026-13-01", "impossible"),
    ("0000-01-01", "impossible"), ("31/12/2569", "format"), ("2569", "format"), ("", "format"),
    ("พรุ่งนี้", "format"), ("10543-01-01", "format"),
])
def test_parse_date_errors_say_which_kind(text, kind):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.kind == kind


@pytest.mark.parametrize("day, fy", [
    (date(2026, 9, 30), 2569), (date(2026, 10, 1), 2570), (date(2027, 9, 30), 2570), (date(2027, 10, 1), 2571),
    (date(2027, 1, 1), 2570),
])
def test_fiscal_year_is_named_by_the_be_year_it_ends_in(day, fy):
    assert fiscal_year(day) == fy


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))
    start, end = fiscal_year_bounds(2569)
    assert fiscal_year(start) == fiscal_year(end) == 2569
    assert be_year(date(2026, 1, 1)) == 2569


@pytest.mark.parametrize("amount, text, options", [
    (25600, "25,600", {}),
    (Decimal("10206.5"), "10,206.50", {}),
    (Decimal("25600.00"), "25,600", {}),
    (25600, "25,600.00", {"decimals": True}),
    (Decimal("0.005"), "0.01", {}),
    (1234567, "๑,๒๓๔,๕๖๗", {"digits": True}),
    (None, "0", {}),
])
def test_format_money(amount, text, options):
    assert format_money(amount, **options) == text


def test_format_money_of_the_largest_possible_total_does_not_raise():
    # MAX_MONEY x MAX_QUANTITY x MAX_QUANTITY: the largest budget line validation lets through.
    assert format_money(Decimal(10**9) * Decimal(10**7) * Decimal(10**7)) == "100,000,000,000,000,000,000,000"


@pytest.mark.parametrize("value, text", [
    (1200, "1,200"), (Decimal("2.5"), "2.5"), (Decimal("2.50"), "2.5"), (Decimal("1E+3"), "1,000"), (0, "0"),
])
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, text", [(60, "60"), (Decimal("33.333"), "33.3"), (Decimal("12.25"), "12.3")])
def test_format_percent(value, text):
    assert format_percent(value) == text


def test_thai_digits():
    assert thai_digits("ปี 2569 ครั้งที่ 1/2570") == "ปี ๒๕๖๙ ครั้งที่ ๑/๒๕๗๐"
