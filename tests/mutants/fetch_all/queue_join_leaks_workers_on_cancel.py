"""Mutant: the asyncio.Queue recipe: workers, queue.join(), then cancel the workers.

A reviewer would say: when fetch_all is cancelled (or a worker dies of a BaseException) while it
waits in queue.join(), nobody cancels the workers: they fetch on, orphaned, after the caller gave
up. Cancel and await them in a finally, or use a TaskGroup.

Caught by: correctness
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
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
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for item in enumerate(urls):
        queue.put_nowait(item)
    results: dict[int, R | Exception] = {}

    async def worker() -> None:
        while True:
            index, url = await queue.get()
            try:
                if limiter is not None:
                    await limiter.wait()
                results[index] = await fetch(url)
            except Exception as error:
                results[index] = error
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(min(concurrency, queue.qsize()))]
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return [results[index] for index in range(len(results))]
