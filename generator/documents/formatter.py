"""The Formatter every document value goes through, and the parts of a context all kinds share."""

from __future__ import annotations

from datetime import date

from .. import model, thai

DASH = "-"


class Formatter:
    """Every value a document shows goes through here: one place for digits and number styles."""

    def __init__(self, thai_digits: bool = False):
        self.digits = thai_digits

    def text(self, value) -> str:
        text = "" if value is None else str(value).strip()
        return thai.thai_digits(text) if self.digits else text

    def money(self, amount) -> str:
        return thai.format_money(amount, decimals=True, digits=self.digits)

    def words(self, amount) -> str:
        return thai.baht_words(amount)

    def number(self, value) -> str:
        return DASH if value is None else thai.format_number(value, digits=self.digits)

    def percent(self, value) -> str:
        return DASH if value is None else thai.format_percent(value, digits=self.digits)

    def date(self, value: date | None) -> str:
        return thai.format_date(value, digits=self.digits) if value else DASH

    def period(self, start: date | None, end: date | None) -> str:
        return thai.format_date_range(start, end, digits=self.digits)

    def short_period(self, start, end) -> str:
        """"10-11 มี.ค. 70", "1 เม.ย. - 30 มิ.ย. 70", "20 ธ.ค. 69 - 5 ก.ย. 70": one line in a narrow table cell,
        where a full month name would be broken in the middle."""
        def short(d, year=True):
            text = f"{d.day} {thai.MONTHS_SHORT[d.month - 1]}"
            return f"{text} {thai.be_year(d) % 100:02d}" if year else text

        if start == end:
            text = short(start)
        elif (start.year, start.month) == (end.year, end.month):
            text = f"{start.day}-{short(end)}"
        else:
            text = f"{short(start, start.year != end.year)} - {short(end)}"
        return thai.thai_digits(text) if self.digits else text

    def items(self, texts: list[str]) -> list[dict]:
        return [{"no": self.number(n), "text": self.text(t)} for n, t in enumerate(texts, start=1)]


def movement_name(settings: model.Settings) -> str:
    """The committee's name as documents show it (khrongkan.yaml `movement`, or the usual name)."""
    return settings.movement or f"คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัด{settings.province}"


def subdistricts_text(proposal: model.Proposal, f: Formatter) -> str:
    return " ".join(f"ตำบล{f.text(s)}" for s in proposal.subdistricts)


def _common(proposal: model.Proposal, repository: model.Repository, f: Formatter) -> dict:
    settings = repository.settings
    return {
        "thai_digits": f.digits,
        "institute": f.text(settings.institute),
        "movement": f.text(movement_name(settings)),
        "province": f.text(settings.province),
        "project_id": proposal.id,
        "fiscal_year": f.number(proposal.fiscal_year).replace(",", ""),
        "title": f.text(proposal.title),
        "district": f.text(proposal.district),
        "subdistricts": subdistricts_text(proposal, f),
    }
