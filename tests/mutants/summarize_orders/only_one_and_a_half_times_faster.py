"""Mutant: the textbook fixes only; every customer still scans every order.

A reviewer would say: dict.fromkeys for the seen customers, one sort after the loop and a join
are all good, but they were not where the time went: counting and summing each customer's
orders still walks the whole list once per customer, so the cost stays n * c and the speedup
is only about 1.5x (1.4x in the test). One pass that adds each order to its customer's running
total is the fix.

Caught by: performance
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
    customers = list(dict.fromkeys(order.customer for order in all_orders))

    rows: list[tuple[str, int, int]] = []
    for customer in customers:
        count = len([order for order in all_orders if order.customer == customer])
        total = sum(order.amount_cents for order in all_orders if order.customer == customer)
        rows.append((customer, count, total))
    rows.sort(key=lambda row: row[2], reverse=True)

    grand_total = sum(order.amount_cents for order in all_orders)
    lines = [
        f"{plural(len(all_orders), 'order')} from {plural(len(customers), 'customer')}, "
        f"{format_cents(grand_total)} in total\n"
    ]
    lines += [
        f"{rank}. {customer}: {plural(count, 'order')}, {format_cents(total)}\n"
        for rank, (customer, count, total) in enumerate(rows, start=1)
    ]
    return "".join(lines)
