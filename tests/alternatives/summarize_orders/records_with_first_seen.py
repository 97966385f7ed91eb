"""A correct design unlike the reference: one record per customer, ties broken explicitly.

Each customer gets a small mutable record holding the position of their first order, their
count and their total; the ranking sorts the records by (-total, first position), which states
the tie rule instead of relying on a stable sort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    """One order: who placed it, and what it cost in whole cents."""

    customer: str
    amount_cents: int


@dataclass
class CustomerTotals:
    """What one customer ordered so far, and where they first appeared."""

    name: str
    first_seen: int
    count: int = 0
    total: int = 0


def format_cents(cents: int) -> str:
    """Return an amount of cents as units and cents: 1234 -> '12.34'."""
    return f"{cents // 100}.{cents % 100:02d}"


def plural(count: int, noun: str) -> str:
    """Return '1 order', '2 orders'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarize_orders(orders: Iterable[Order]) -> str:
    """Return the report: a header line, then one line per customer, biggest spender first."""
    records: dict[str, CustomerTotals] = {}
    order_count = grand_total = 0
    for position, order in enumerate(orders):
        record = records.get(order.customer)
        if record is None:
            record = records[order.customer] = CustomerTotals(order.customer, position)
        record.count += 1
        record.total += order.amount_cents
        order_count += 1
        grand_total += order.amount_cents

    ranking = sorted(records.values(), key=lambda record: (-record.total, record.first_seen))
    header = (
        f"{plural(order_count, 'order')} from {plural(len(records), 'customer')}, "
        f"{format_cents(grand_total)} in total\n"
    )
    lines = (
        f"{rank}. {r.name}: {plural(r.count, 'order')}, {format_cents(r.total)}\n"
        for rank, r in enumerate(ranking, start=1)
    )
    return header + "".join(lines)
