"""A minimal repository for the sample contexts of the template check (no files needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from .. import model

def sample_repository() -> model.Repository:
    """A minimal model: one proposal with one of everything and one report, no files needed."""
    d = date(2026, 11, 1)
    settings = model.Settings(province="ชุมพร", movement="คณะยุทธศาสตร์ขบวนองค์กรชุมชนจังหวัดชุมพร")
    proposal = model.Proposal(
        id="2570-001", fiscal_year=2570, folder=Path("."), source=None, title="โครงการตัวอย่าง", kind="area",
        issue="สวัสดิการชุมชน", organization_name="กลุ่มตัวอย่าง", organization_address="ที่อยู่", district="สวี",
        subdistricts=["นาโพธิ์"], area_detail="หมู่ที่ 1", start=d, end=d, rationale=["เหตุผล"], objectives=["เพื่อ"],
        targets=[model.Target("คน", Decimal(10), "คน")],
        activities=[model.Activity(1, "ประชุม", d, d, [model.BudgetLine("ค่าอาหาร", Decimal(10), "คน", Decimal(50),
                                                                        Decimal(1), None)], "รายละเอียด", "ศาลา", 10)],
        contributions=[model.Contribution("อบต.", Decimal(100), "cash")],
        installment_terms=[(Decimal(100), "เมื่อลงนาม")], indicators=[model.Indicator(1, "สมาชิก", Decimal(10), "คน")],
        expected_results=["ผล"], responsible=[model.Person("นายหนึ่ง", "ประธาน", "080-000-0000")],
        coordinator="m01", submitted=d)
    report = model.Report(
        proposal_id="2570-001", number=1, source=None, kind="progress", start=d, end=d, reported=d,
        activities=[model.ActivityProgress(1, "done", "ประชุมแล้ว", d, 10)],
        indicators=[model.IndicatorResult(1, Decimal(5), "")],
        receipts=[model.Receipt(d, "สถาบัน", Decimal(500), 1)], expenses=[model.Expense(d, 1, "ค่าอาหาร", Decimal(500), "1")],
        problems=["ปัญหา"], lessons=["บทเรียน"], next_steps=["ต่อไป"], photos=[], reporter=model.Person("นายหนึ่ง", "ประธาน"))
    proposal.reports.append(report)
    return model.Repository(Path("."), settings, None, ["สวัสดิการชุมชน"],
                            {"m01": model.Member("m01", "นายกรรมการ", ["large"])}, {proposal.id: proposal}, [])
