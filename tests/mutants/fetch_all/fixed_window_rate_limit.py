"""Mutant: the rate limit counts the starts in each whole second of the clock.

A reviewer would say: a fixed window resets at every whole second, so two bursts meet at the
boundary: per_second=2 lets 2 start at 100.5 and 2 more at 101.0, four in half a second. Count
the starts in every window [t, t + 1), a sliding one.

Caught by: correctness
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import TypeVar

R = TypeVar("R")


class StartLimiter:
    """At most ``limit`` starts in each whole ``window`` of loop time."""

    def __init__(self, per_second: float) -> None:
        if per_second >= 1:
            self.limit, self.window = math.floor(per_second), 1.0
        else:
            self.limit, self.window = 1, 1 / per_second
        self.current = -1  # the number of the window being counted
        self.count = 0
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when one more start fits in the current window, and count it."""
        loop = asyncio.get_running_loop()
        async with self.lock:
            while True:
                number = math.floor(loop.time() / self.window)
                if number != self.current:
                    self.current, self.count = number, 0
                if self.count < self.limit:
                    self.count += 1
                    return
                await asyncio.sleep((number + 1) * self.window - loop.time())


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
