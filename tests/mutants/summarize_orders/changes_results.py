"""Mutant: the customers are collected in a set, so equal totals come out in the set's order.

A reviewer would say: a set has no order, so customers with the same total are ranked by hash
order, which changes between runs, instead of in the order they first appear. A dict (or
dict.fromkeys) is as fast and keeps the first-seen order.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    """One order: who placed it, and what it cost in whole cents."""

    customer: str
    amount_cents: int


def format_cents(cents: int) -> str:
    """Return an amount of cents as units and cents: 1234 -> '12.34'."""
    return f"{cents // 100}.{cents % 100:02d}"


def plural(count: int, noun: str) -> str:
    """Return '1 order', '2 orders'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarize_orders(orders: Iterable[Order]) -> str:
    """Return the report: a header line, then one line per customer, biggest spender first."""
    all_orders = list(orders)
    customers = {order.customer for order in all_orders}
    counts = dict.fromkeys(customers, 0)
    totals = dict.fromkeys(customers, 0)
    for order in all_orders:
        counts[order.customer] += 1
        totals[order.customer] += order.amount_cents

    rows = sorted(
        ((customer, counts[customer], totals[customer]) for customer in customers),
        key=lambda row: row[2],
        reverse=True,
    )
    grand_total = sum(totals.values())
    lines = [
        f"{plural(len(all_orders), 'order')} from {plural(len(customers), 'customer')}, "
        f"{format_cents(grand_total)} in total\n"
    ]
    for rank, (customer, count, total) in enumerate(rows, start=1):
        lines.append(f"{rank}. {customer}: {plural(count, 'order')}, {format_cents(total)}\n")
    return "".join(lines)
