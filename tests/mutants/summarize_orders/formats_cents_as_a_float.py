"""Mutant: amounts are printed as cents / 100 with two decimals.

A reviewer would say: f"{cents / 100:.2f}" is shorter, but a float holds about 16 significant
digits: from 10**16 cents on, the last cents are rounded away. The original formats whole cents
with integer division, exactly.

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
    return f"{cents / 100:.2f}"


def plural(count: int, noun: str) -> str:
    """Return '1 order', '2 orders'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarize_orders(orders: Iterable[Order]) -> str:
    """Return the report: a header line, then one line per customer, biggest spender first."""
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for order in orders:
        customer = order.customer
        counts[customer] = counts.get(customer, 0) + 1
        totals[customer] = totals.get(customer, 0) + order.amount_cents

    ranked = sorted(totals, key=totals.__getitem__, reverse=True)
    header = (
        f"{plural(sum(counts.values()), 'order')} from {plural(len(totals), 'customer')}, "
        f"{format_cents(sum(totals.values()))} in total"
    )
    lines = [header]
    lines += [
        f"{rank}. {customer}: {plural(counts[customer], 'order')}, {format_cents(totals[customer])}"
        for rank, customer in enumerate(ranked, start=1)
    ]
    lines.append("")
    return "\n".join(lines)
