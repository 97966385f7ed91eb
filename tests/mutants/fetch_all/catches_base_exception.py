"""Mutant: the fetch is wrapped in `except BaseException`.

A reviewer would say: that catches CancelledError, KeyboardInterrupt and SystemExit too: a
cancelled fetch becomes a result and the worker carries on with the next URL, and Ctrl-C is
stored in a list. Catch Exception.

Caught by: correctness
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import TypeVar

R = TypeVar("R")


class StartLimiter:
    """A sliding-window log: at most ``limit`` starts in any ``window`` seconds of loop time."""

    def __init__(self, per_second: float) -> None:
        if per_second >= 1:
            self.limit, self.window = math.floor(per_second), 1.0
        else:
            self.limit, self.window = 1, 1 / per_second
        self.starts: deque[float] = deque()  # the loop times of the starts still in the window
        self.lock = asyncio.Lock()  # one waiter at a time: the others queue behind it in order

    async def wait(self) -> None:
        """Return when one more start fits in the window, and count it as started now."""
        loop = asyncio.get_running_loop()
        async with self.lock:
            while True:
                now = loop.time()
                while self.starts and self.starts[0] + self.window <= now:
                    self.starts.popleft()
                if len(self.starts) < self.limit:
                    self.starts.append(now)
                    return
                # A timer may fire a hair early: loop and look again rather than trust it.
                await asyncio.sleep(self.starts[0] + self.window - now)


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
        except BaseException as error:
            results[index] = error  # type: ignore[assignment]

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
