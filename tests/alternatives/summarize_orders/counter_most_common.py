"""A correct design unlike the reference: two Counters, ranked by ``most_common()``.

``Counter.most_common()`` sorts stably by count, highest first, and a Counter keeps its keys in
first-seen order, so it yields exactly the original's ranking, ties included. The report is
written to an ``io.StringIO``.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    """One order: who placed it, and what it cost in whole cents."""

    customer: str
    amount_cents: int


def format_cents(cents: int) -> str:
    """Return an amount of cents as units and cents: 1234 -> '12.34'."""
    units, rest = divmod(cents, 100)
    return f"{units}.{rest:02d}"


def plural(count: int, noun: str) -> str:
    """Return '1 order', '2 orders'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarize_orders(orders: Iterable[Order]) -> str:
    """Return the report: a header line, then one line per customer, biggest spender first."""
    counts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for order in orders:
        counts[order.customer] += 1
        totals[order.customer] += order.amount_cents

    out = io.StringIO()
    out.write(f"{plural(counts.total(), 'order')} from {plural(len(counts), 'customer')}, ")
    out.write(f"{format_cents(totals.total())} in total\n")
    for rank, (customer, total) in enumerate(totals.most_common(), start=1):
        out.write(f"{rank}. {customer}: {plural(counts[customer], 'order')}, ")
        out.write(f"{format_cents(total)}\n")
    return out.getvalue()
