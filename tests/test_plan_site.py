"""The site's plan section (plan.md and its charts), from inline repositories; the browser view
of the sample's plan page is in test_site_browser.py."""

from __future__ import annotations

from generator.pages import render_pages

from test_plan_document import plan_repo  # noqa: F401  (the fixture)
from test_plans import PROVINCE, TAMBON


def test_no_plan_no_page(mini_repo):
    pages = render_pages(mini_repo.check(), mini_repo.root)
    assert "plan.md" not in pages and not any(name.startswith("charts/plan-") for name in pages)


def test_plan_page_strategies_coverage_and_subdistricts(plan_repo):
    pages = render_pages(plan_repo.check(), plan_repo.root)
    page = pages["plan.md"]
    assert page.startswith("# แผนยุทธศาสตร์ชุมชนจังหวัดชุมพร 2570-2572\n")
    for name in ("plan-coverage", "plan-money", "plan-indicators"):
        assert f"charts/{name}.svg" in pages and f"charts/{name}-phone.svg" in pages
        assert f"(charts/{name}-phone.svg){{ .kk-chart-phone }}" in page
    assert "## S1 ระบบสวัสดิการชุมชนดูแลคนทุกช่วงวัย {#strategy-s1}" in page
    assert "| [S1 สวัสดิการชุมชน](plan.md#strategy-s1) | 1 | 1 | <span class=\"money\">2,000</span> |" in page
    assert "| [S2 บ้านมั่นคง](plan.md#strategy-s2) | 1 | 1 | <span class=\"money\">2,000</span> |" in page  # the proposal serves both
    assert "| **รวมทั้งจังหวัด** | | **1** | **<span class=\"money\">2,000</span>** |" in page
    assert "| นาโพธิ์ อ.สวี | ขยายสมาชิกกองทุนสวัสดิการ |" in page
    assert "(proposals/2570-001-naphoe-welfare.md)" in page
    # The sub-district table: one table per district, every sub-district of the province.
    assert "### อำเภอสวี" in page and "### อำเภอละแม" in page
    assert "| นาโพธิ์ | มี (รับรอง 20 ส.ค. 2569) | [2570-001](proposals/2570-001-naphoe-welfare.md) |" in page
    assert "| ละแม | มี (รับรอง 20 ส.ค. 2569) | ยังไม่มี |" in page
    assert "| สลุย | ยังไม่มี | ยังไม่มี |" in page
    assert "- มีแผนและมีโครงการ: **1** ตำบล" in page and "- ยังไม่มีทั้งแผนและโครงการ: **7** ตำบล" in page


def test_plan_page_escapes_every_value(plan_repo):
    plan_repo.replace(PROVINCE, "    goal: กองทุนสวัสดิการเข้มแข็ง", '    goal: "<script>alert(1)</script> | *ตัวหนา*"')
    plan_repo.replace(TAMBON, "  - title: ขยายสมาชิกกองทุนสวัสดิการ", '  - title: "[ลิงก์](http://x.invalid) 081-234-5678"')
    result = plan_repo.check()
    assert not result.errors, result.errors
    pages = render_pages(result, plan_repo.root)
    page = pages["plan.md"]
    assert "<script>" not in page and "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &#124; &#42;" in page
    assert "](http://x.invalid)" not in page and "081-234-5678" not in page  # phone numbers stay off the site
    assert "<script>" not in pages["charts/plan-coverage.svg"]


def test_strategy_money_shows_the_agreement_and_says_strategies_overlap(plan_repo):
    from generator.vocabulary import FIGURE_TH

    page = render_pages(plan_repo.check(), plan_repo.root)["plan.md"]
    money = page.split("### งบประมาณตามยุทธศาสตร์", 1)[1].split("### ผลตามตัวชี้วัด", 1)[0]
    assert "โครงการที่สนองหลายยุทธศาสตร์นับในทุกยุทธศาสตร์นั้น" in money
    for key in ("requested", "approved", "agreed", "paid", "received", "spent", "balance"):
        assert FIGURE_TH[key] in money
    rows = [line for line in money.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows[1:]] == ["| S1 สวัสดิการชุมชน", "| S2 บ้านมั่นคง",
                                                         "| โครงการที่สนองแผน (นับครั้งเดียว)",
                                                         "| โครงการที่ไม่ได้ระบุยุทธศาสตร์", "| **รวมทั้งจังหวัด**"]
