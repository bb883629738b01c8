"""The model's objects and builders: what the rules and every output read from them."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator import model
from generator.load import Document
from generator.problems import ProblemList
from generator.validate import rules

LINE = {"item": "ค่าอาหาร", "unit": "คน"}


def test_model_objects_compare_and_print_by_their_fields():
    line = model.BudgetLine("ค่าอาหาร", Decimal(20), "คน", Decimal(60), Decimal(1), None)
    same = model.BudgetLine("ค่าอาหาร", Decimal(20), "คน", Decimal(60), Decimal(1), None)
    assert line == same and line is not same
    assert line != model.BudgetLine("ค่าอาหาร", Decimal(20), "คน", Decimal(60), Decimal(2), None)
    assert model.Target("คน", Decimal(1), "คน") != model.Contribution("คน", Decimal(1), "คน")  # another class
    assert repr(line) == ("BudgetLine(item='ค่าอาหาร', quantity=Decimal('20'), unit='คน', unit_cost=Decimal('60'), "
                          "times=Decimal('1'), stated_amount=None)")
    with pytest.raises(TypeError):  # compared by value, so not usable as a key
        hash(line)


def test_a_meeting_and_its_decisions_print_without_recursing():
    meeting = model.Meeting(2570, 1, None, "large", date(2026, 10, 8), "ห้องประชุม", ["m01"])
    meeting.decisions.append(model.Decision(meeting, "2570-001", "approved", None, "", "", 0))
    text = repr(meeting)
    assert text.startswith("Meeting(fiscal_year=2570, number=1, source=None, body='large'")
    assert "decisions=[Decision(meeting=..., proposal_id='2570-001'" in text


@pytest.mark.parametrize("text, paragraphs", [
    (None, []),
    ("", []),
    ("หนึ่ง\n", ["หนึ่ง"]),
    ("หนึ่ง\nต่อ\n\nสอง\n", ["หนึ่ง ต่อ", "สอง"]),
    ("  หนึ่ง  \n\n\n\nสอง", ["หนึ่ง", "สอง"]),
    ("หนึ่ง\n\n\nสอง", ["หนึ่ง", " สอง"]),  # an odd newline starts the next paragraph with a blank line
    ("หนึ่ง\r\nต่อ\n\n \n\nสอง\u2028สาม", ["หนึ่ง ต่อ", "สอง สาม"]),
])
def test_paragraphs(text, paragraphs):
    assert model._paragraphs(text) == paragraphs


def test_budget_lines_are_parsed_by_what_is_written_and_its_type():
    lines = model._budget_lines([
        {**LINE, "quantity": 20, "unit_cost": 60},
        {**LINE, "quantity": "1,000", "unit_cost": "2.50", "times": 2, "amount": 5000},
        {**LINE, "quantity": 1, "unit_cost": 60},
        {**LINE, "quantity": True, "unit_cost": 60},  # equal to 1 as a key, but no quantity at all
        {**LINE, "quantity": 20, "unit_cost": 60},
    ])
    assert [(x.quantity, x.unit_cost, x.times, x.stated_amount) for x in lines] == [
        (Decimal(20), Decimal(60), Decimal(1), None),
        (Decimal(1000), Decimal("2.50"), Decimal(2), Decimal(5000)),
        (Decimal(1), Decimal(60), Decimal(1), None),
        (None, Decimal(60), Decimal(1), None),
        (Decimal(20), Decimal(60), Decimal(1), None),
    ]
    assert lines[0] is not lines[4]  # the numbers are shared, the lines never
    assert [x.amount for x in lines[:3]] == [Decimal("1200.00"), Decimal(5000), Decimal("60.00")]


def _document(name: str) -> Document:
    return Document(name, Path(name), {}, positions={(): (1, 1)})


def _proposal(activities: list) -> model.Proposal:
    day = date(2026, 11, 1)
    return model.Proposal(
        "2570-001", 2570, Path("proposals/2570/2570-001"), _document("proposals/2570/2570-001/proposal.yaml"),
        "ชื่อ", "area", "ประเด็น", "องค์กร", "", "", [], "", day, date(2027, 3, 1), [], [], [], activities, [], [], [],
        [], [], "", day)


def _report(number: int, spent: list[tuple[int, int]]) -> model.Report:
    day = date(2026, 11, number)
    return model.Report(
        "2570-001", number, _document(f"proposals/2570/2570-001/report-{number}.yaml"), "progress", day, day, day,
        [], [], [model.Receipt(day, "สถาบัน", Decimal(100_000))],
        [model.Expense(day, activity, "ค่าใช้จ่าย", Decimal(amount)) for activity, amount in spent],
        [], [], [], [], model.Person("", ""))


def test_spending_over_an_activity_budget_counts_every_report_so_far():
    day = date(2026, 11, 1)
    activities = [model.Activity(n, f"กิจกรรม {n}", day, day, [model.BudgetLine("x", Decimal(1), "ชุด", Decimal(1000),
                                                                                  Decimal(1), None)])
                  for n in (1, 2)]
    proposal = _proposal(activities)
    proposal.reports = [_report(1, [(1, 600), (2, 100)]), _report(2, [(2, 100)]), _report(3, [(1, 300), (1, 200)])]
    model.link(model.Repository(Path("."), model.Settings(), None, [], {}, {proposal.id: proposal}, []))
    problems = ProblemList()
    rules.check_proposal(proposal, None, problems, lambda path: None)
    over = [(p.file.rsplit("/", 1)[1], p.params["number"], p.params["spent"]) for p in problems if p.code == "M007"]
    # Activity 1: 600, then nothing, then 500 more (1,100 of 1,000): only the third report says so.
    assert over == [("report-3.yaml", 1, "1,100")]
