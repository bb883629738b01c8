"""Numbers as the contract writes them: money and quantities, as YAML numbers or as text like "12,500".

Apart from the shape checks (schema.py) so that the model reads them without importing Cerberus:
a `check` whose files are all cached never needs it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..thai import ascii_digits

_MONEY_TEXT = re.compile(r"^\s*[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?\s*$|^\s*[0-9]+(\.[0-9]+)?\s*$")


# Far above any community project, and small enough that quantity x unit cost x times and
# every sum of them stay exact within Decimal's default 28 digits (no InvalidOperation later).
MAX_MONEY = Decimal(1_000_000_000)
MAX_QUANTITY = Decimal(10_000_000)


def as_decimal(value) -> Decimal | None:
    """A finite number written as a YAML number or as text like "12,500", else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, str) and _MONEY_TEXT.match(ascii_digits(value)):
        number = Decimal(ascii_digits(value).replace(",", "").strip())
    else:
        return None
    return number if number.is_finite() else None  # .inf and .nan are YAML floats, not numbers here


def parse_money(value) -> Decimal | None:
    """A non-negative amount with two decimals at most, or None when it is not one."""
    amount = as_decimal(value)
    if amount is None or amount < 0 or amount > MAX_MONEY:
        return None
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        return None
    return amount


def parse_quantity(value) -> Decimal | None:
    number = as_decimal(value)
    return number if number is not None and 0 <= number <= MAX_QUANTITY else None
