"""Mutant: a token bucket that starts full, holding per_second tokens (aiolimiter's default).

A reviewer would say: a full bucket lets per_second fetches start at once, and it refills
while they run: with per_second=2, a third start comes half a second later, three in one
second. A bucket bounds starts by capacity + rate * T, not by per_second in every second.

Caught by: correctness
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import TypeVar

R = TypeVar("R")


class StartLimiter:
    """A token bucket: ``limit`` tokens at most, refilled at ``limit`` per ``window``."""

    def __init__(self, per_second: float) -> None:
        if per_second >= 1:
            self.limit, self.window = math.floor(per_second), 1.0
        else:
            self.limit, self.window = 1, 1 / per_second
        self.tokens = float(self.limit)
        self.updated: float | None = None
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when a token is there, and take it."""
        loop = asyncio.get_running_loop()
        rate = self.limit / self.window
        async with self.lock:
            while True:
                now = loop.time()
                if self.updated is not None:
                    self.tokens = min(self.limit, self.tokens + (now - self.updated) * rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / rate)


async def fetch_all(
    urls: Iterable[str],
    fetch: Callable[[str], Awaitable[R]],
    *,
    concurrency: int = 50,
    per_second: float | None = None,
) -> list[R | Exception]:
    """Fetch every URL, at most ``concurrency`` at once and ``per_second`` starts a second."""
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency!r}")
    if per_second is not None and not per_second > 0:  # `not >` rejects NaN too
        raise ValueError(f"per_second must be positive, got {per_second!r}")
    limiter = None if per_second is None or math.isinf(per_second) else StartLimiter(per_second)
    pending: Iterator[tuple[int, str]] = enumerate(urls)
    results: dict[int, R | Exception] = {}

    async def fetch_one(index: int, url: str) -> None:
        if limiter is not None:
            await limiter.wait()
        try:
            results[index] = await fetch(url)
        except Exception as error:  # a BaseException (cancellation above all) propagates
            results[index] = error

    async def worker(first: tuple[int, str]) -> None:
        await fetch_one(*first)
        # Every worker pulls from the one shared iterator: next() never awaits, so each URL
        # goes to exactly one worker, and a worker takes a URL only when it is free.
        for index, url in pending:
            await fetch_one(index, url)

    # A TaskGroup cancels the other workers when one raises (a BaseException) and when
    # fetch_all itself is cancelled, and waits for them all before it lets anything out.
    async with asyncio.TaskGroup() as group:
        # Workers are started only for URLs that exist: 3 URLs never make 50 tasks.
        for workers, first in enumerate(pending, 1):
            group.create_task(worker(first))
            if workers == concurrency:
                break
    return [results[index] for index in range(len(results))]
