"""Charts: horizontal bar charts as SVG text, drawn at build time for the review site.

Only this module draws. It knows nothing about proposals: it takes labels and numbers and
returns an SVG document. Every label is XML-escaped. Text uses a Thai-capable font-family
stack, so Thai labels render with a Thai font on Windows, macOS and Linux (TLWG fonts).
The same input always gives the same bytes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Callable, Sequence

# Thai-capable fonts first (Windows: Leelawadee UI, Tahoma; macOS: Thonburi; Linux: Noto, TLWG).
FONT_FAMILY = ("'Noto Sans Thai', 'Noto Sans Thai UI', 'Leelawadee UI', Thonburi, Sarabun, Tahoma, "
               "Loma, Garuda, Waree, 'DejaVu Sans', sans-serif")

WIDTH = 760
PHONE_WIDTH = 360  # a phone's page width: drawn at this size, the text stays readable there
FONT_SIZE = 14
VALUE_SIZE = 12
TEXT_COLOR = "#263238"
MUTED = "#607d8b"


@dataclass(frozen=True)
class Series:
    name: str  # shown in the legend
    color: str


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the rendered width: Thai vowel and tone marks above or below take no room."""
    width = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        if char.isdigit() or char in ",.":
            width += 0.56
        elif char == " ":
            width += 0.3
        elif "\u0e00" <= char <= "\u0e7f":
            width += 0.62
        elif char.isupper():
            width += 0.68
        else:
            width += 0.55
    return width * size


def _number(value) -> str:
    number = Decimal(value or 0)
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence]], series: Sequence[Series],
              value_format: Callable[[object], str] = _number, *, row_colors: Sequence[str] | None = None,
              width: int = WIDTH) -> str:
    """Horizontal bars: one group of bars per row (one bar per series), labels on the left.

    `rows` are (label, values) with one value per series. With one series, `row_colors` may
    give each row its own color (and no legend is drawn). A chart narrower than WIDTH puts
    each label on its own line above its bars, so the bars keep the whole width.
    """
    bar_height = 18 if len(series) == 1 else 11
    bar_gap = 2
    group_gap = 12
    labels_above = width < WIDTH
    if labels_above:
        label_width, left, label_line = 0.0, 4.0, FONT_SIZE + 6
    else:
        label_width = min(320.0, max(90.0, max((text_width(label) for label, _ in rows), default=0) + 12))
        left, label_line = label_width + 8, 0
    value_room = 96
    plot_width = width - left - value_room
    legend_lines = _legend_layout(series, left, width) if len(series) > 1 else []
    top = 8 + 26 * len(legend_lines)
    group_height = len(series) * bar_height + (len(series) - 1) * bar_gap
    height = top + len(rows) * (label_line + group_height + group_gap) + 4
    largest = max((Decimal(v or 0) for _, values in rows for v in values), default=Decimal(0))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT_FAMILY)}" font-size="{FONT_SIZE}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for line, items in enumerate(legend_lines):
        y = 9 + 26 * line
        for x, s in items:
            out.append(f'<rect x="{x:.1f}" y="{y}" width="14" height="14" rx="2" fill="{s.color}"/>')
            out.append(f'<text x="{x + 20:.1f}" y="{y + 12}" fill="{TEXT_COLOR}">{escape(s.name)}</text>')
    out.append(f'<line x1="{left:.1f}" y1="{top - 4}" x2="{left:.1f}" y2="{height - 4:.0f}" stroke="#b0bec5"/>')
    y = float(top)
    for index, (label, values) in enumerate(rows):
        if labels_above:
            out.append(f'<text x="{left:.1f}" y="{y + FONT_SIZE:.1f}" fill="{TEXT_COLOR}">{escape(label)}</text>')
            y += label_line
        else:
            middle = y + group_height / 2
            out.append(f'<text x="{label_width:.1f}" y="{middle + FONT_SIZE * 0.35:.1f}" text-anchor="end" '
                       f'fill="{TEXT_COLOR}">{escape(label)}</text>')
        for number, (s, value) in enumerate(zip(series, values)):
            amount = Decimal(value or 0)
            bar_width = float(amount / largest) * plot_width if largest > 0 else 0.0
            if amount > 0:
                bar_width = max(bar_width, 1.5)
            bar_y = y + number * (bar_height + bar_gap)
            color = row_colors[index % len(row_colors)] if row_colors and len(series) == 1 else s.color
            out.append(f'<rect x="{left:.1f}" y="{bar_y:.1f}" width="{bar_width:.1f}" height="{bar_height}" '
                       f'rx="2" fill="{color}"><title>{escape(label)} — {escape(s.name)}: '
                       f'{escape(value_format(value))}</title></rect>')
            empty_row = all(not Decimal(v or 0) for v in values)
            if amount > 0 or (empty_row and number == 0):  # one "0" for an empty row, not one per bar
                out.append(f'<text x="{left + bar_width + 5:.1f}" y="{bar_y + bar_height / 2 + VALUE_SIZE * 0.35:.1f}" '
                           f'font-size="{VALUE_SIZE}" fill="{MUTED}">{escape(value_format(value))}</text>')
        y += group_height + group_gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend_layout(series: Sequence[Series], left: float, width: int) -> list[list[tuple[float, Series]]]:
    """Legend entries as lines of (x, series): a new line when the next entry would not fit."""
    lines: list[list[tuple[float, Series]]] = [[]]
    x = left
    for s in series:
        entry = 20 + text_width(s.name)
        if lines[-1] and x + entry > width:
            lines.append([])
            x = left
        lines[-1].append((x, s))
        x += entry + 22
    return lines
