"""Money of approved projects: agreed, paid, received, spent and balance, per project and per any group.

One `ProjectMoney` per project, read from the model; `group_money(rows, key)` adds them up by any
key (district, issue, and later strategy), so every table of groups is the sum of the project
rows it holds and reconciles with them to the satang. Decimal arithmetic only, nothing rounded.

- agreed: the agreement's amount (agreement.yaml), else 0;
- paid: the agreement's installments with a `paid` date;
- received, spent: what the reports say (finance.received, finance.spent);
- balance: received - spent.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Callable, Iterable

from .model import ZERO, Proposal


@dataclass
class Money:
    agreed: Decimal = ZERO
    paid: Decimal = ZERO
    received: Decimal = ZERO
    spent: Decimal = ZERO
    projects: int = 0

    @property
    def balance(self) -> Decimal:
        return self.received - self.spent

    def __add__(self, other: "Money") -> "Money":
        return Money(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def agreed(proposal: Proposal) -> Decimal:
    return proposal.agreement.amount if proposal.agreement is not None else ZERO


def paid(proposal: Proposal) -> Decimal:
    return proposal.agreement.paid if proposal.agreement is not None else ZERO


def project_money(proposal: Proposal) -> Money:
    return Money(agreed(proposal), paid(proposal), proposal.received, proposal.spent, 1)


def group_money(proposals: Iterable[Proposal], key: Callable[[Proposal], str],
                names: Iterable[str] = ()) -> dict[str, Money]:
    """Money per group, in the order of `names` (zeros included) and then of first appearance."""
    groups: dict[str, Money] = {name: Money() for name in names}
    for proposal in proposals:
        name = key(proposal)
        groups[name] = groups.get(name, Money()) + project_money(proposal)
    return groups


def total_money(proposals: Iterable[Proposal]) -> Money:
    return sum((project_money(p) for p in proposals), Money())
