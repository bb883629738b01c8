"""The site's plan section: plan.md and its charts, from generator.plan_rollup.

Written only when the repository has a plan (the menu leaves out pages that do not exist). The
page follows the site's current fiscal year when a plan covers it, else the latest year a plan
covers. Every value goes through the site's escaping (pages.Site), as on the other pages.
"""

from __future__ import annotations

import re

from . import charts, thai
from .plan_rollup import STATE_TH, PlanCoverage, coverage, default_year
from .plans import plan_for
from .vocabulary import MONEY_COLORS, MONEY_TH

PAGE = "plan.md"
STATE_ORDER = ["plan_and_proposal", "plan_only", "proposal_only", "neither"]


def strategy_anchor(strategy_id: str) -> str:
    """strategy-s2-1 for S2.1: ids are short ASCII (the schema's pattern)."""
    return "strategy-" + re.sub(r"[^a-z0-9]+", "-", strategy_id.lower()).strip("-")


def plan_pages(site) -> dict[str, str]:
    """plan.md and charts/plan-*.svg, or nothing when the repository has no plan."""
    repository = site.repository
    if not repository.plans:
        return {}
    year = site.current_year()
    if year is None or plan_for(repository, year) is None:
        year = default_year(repository)
    data = coverage(repository, year)
    pages = plan_charts(data)
    pages[PAGE] = site.render("plan.md.j2", PAGE, c=data, states=[(s, STATE_TH[s], data.count(s)) for s in STATE_ORDER],
                              strategy_anchor=strategy_anchor)
    return pages


def _label(item) -> str:
    """S1 สวัสดิการชุมชน: short enough for a phone chart's line (the title is under the heading)."""
    return f"{item.strategy.id} {item.strategy.issue}"


def plan_charts(data: PlanCoverage) -> dict[str, str]:
    """Coverage (tambons and proposals), money and indicator results per strategy; each drawn
    wide and for phones, as the home page's charts."""
    keys = list(MONEY_TH)
    count = [charts.Series("ตำบลที่แผนตำบลชี้มา", "#00897b"), charts.Series("โครงการที่สนอง", "#1e88e5")]
    drawings = {
        "plan-coverage": (("ตำบลและโครงการตามยุทธศาสตร์", [(_label(s), [len(s.tambons), len(s.projects)])
                                                           for s in data.strategies], count,
                           lambda v: thai.format_number(v)), {}),
        "plan-money": (("งบประมาณตามยุทธศาสตร์ (บาท)", [(_label(s), [getattr(s.figures, k) for k in keys])
                                                         for s in data.strategies],
                        [charts.Series(MONEY_TH[k], MONEY_COLORS[k]) for k in keys], thai.format_money), {}),
        "plan-indicators": (("ผลตามตัวชี้วัดของโครงการ (ร้อยละของเป้าหมาย)",
                             [(_label(s), [s.figures.achievement or 0]) for s in data.strategies],
                             [charts.Series("ร้อยละ", "#43a047")], lambda v: f"{thai.format_percent(v)}%"), {}),
    }
    drawn = {}
    for name, (arguments, options) in drawings.items():
        drawn[f"charts/{name}.svg"] = charts.bar_chart(*arguments, **options)
        drawn[f"charts/{name}-phone.svg"] = charts.bar_chart(*arguments, **options, width=charts.PHONE_WIDTH)
    return drawn
