"""The connection_pool reference against SQLAlchemy's QueuePool, both pooling sqlite3 connections.

Two loads, in one run: checkout plus checkin from one thread, and from 4 threads sharing a pool
of 2. QueuePool runs with ``reset_on_return=None``, so neither pool does per-checkin work (by
default QueuePool rolls back on every checkin). Targets: at least 2x QueuePool's throughput
uncontended and at least 1x under contention.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.pool import QueuePool

from bench.common import best_seconds, print_table
from solutions.connection_pool import ConnectionPool

CHECKOUTS = 20_000
THREADS = 4
SHARED_SIZE = 2

Checkout = Callable[[], None]


def connect() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False)


def reference(size: int) -> Checkout:
    pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(connect, max_size=size)

    def checkout() -> None:
        with pool.connection():
            pass

    return checkout


def queue_pool(size: int) -> Checkout:
    # sqlite3.Connection is a DBAPI connection; SQLAlchemy's protocol for one is stricter.
    creator: Any = connect
    pool = QueuePool(creator, pool_size=size, max_overflow=0, reset_on_return=None)

    def checkout() -> None:
        pool.connect().close()

    return checkout


def uncontended(checkout: Checkout) -> Callable[[], None]:
    def run() -> None:
        for _ in range(CHECKOUTS):
            checkout()

    return run


def contended(checkout: Checkout) -> Callable[[], None]:
    """THREADS threads share the pool, CHECKOUTS checkouts in all."""

    def work() -> None:
        for _ in range(CHECKOUTS // THREADS):
            checkout()

    def run() -> None:
        threads = [threading.Thread(target=work) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    return run


def report(title: str, timings: dict[str, float], target: float) -> None:
    print_table(title, CHECKOUTS, timings, "reference ConnectionPool")
    ratio = timings["sqlalchemy QueuePool"] / timings["reference ConnectionPool"]
    verdict = "met" if ratio >= target else "NOT met"
    print(f"  target: reference >= {target:g}x QueuePool's throughput: {verdict} ({ratio:.2f}x)")


def main() -> None:
    pools = {"reference ConnectionPool": reference, "sqlalchemy QueuePool": queue_pool}
    report(
        "connection_pool: checkout + checkin, one thread",
        best_seconds({name: uncontended(make(SHARED_SIZE)) for name, make in pools.items()}),
        target=2,
    )
    report(
        f"connection_pool: checkout + checkin, {THREADS} threads sharing {SHARED_SIZE}",
        best_seconds({name: contended(make(SHARED_SIZE)) for name, make in pools.items()}),
        target=1,
    )


if __name__ == "__main__":
    main()
