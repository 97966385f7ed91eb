"""Mutant: the tasks in flight are found by scanning every task made so far.

A reviewer would say: the list of tasks only grows, and each new URL scans all of it to count
the unfinished ones: O(n) per URL, O(n^2) in all. Let a semaphore (or a set that tasks leave
when they finish) do the counting.

Caught by: performance
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

R = TypeVar("R")


def spacing(per_second: float | None) -> float:
    """Seconds between two starts: w / k of the statement, or 0 without a limit."""
    if per_second is None or math.isinf(per_second):
        return 0.0
    return 1 / math.floor(per_second) if per_second >= 1 else 1 / per_second


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
    if per_second is not None and not per_second > 0:
        raise ValueError(f"per_second must be positive, got {per_second!r}")
    interval = spacing(per_second)
    loop = asyncio.get_running_loop()
    results: dict[int, R | Exception] = {}
    tasks: list[asyncio.Task[None]] = []  # every task made so far
    failures: list[BaseException] = []
    turn = -math.inf  # the loop time of the next start the schedule allows

    async def fetch_one(index: int, url: str) -> None:
        try:
            results[index] = await fetch(url)
        except Exception as error:
            results[index] = error
        except BaseException as error:
            if not isinstance(error, asyncio.CancelledError):
                failures.append(error)  # the caller stops starting fetches and re-raises it
            raise

    try:
        for index, url in enumerate(urls):
            while sum(not task.done() for task in tasks) >= concurrency:
                running = [task for task in tasks if not task.done()]
                await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            if interval:
                now = loop.time()
                if now < turn:
                    await asyncio.sleep(turn - now)
                turn = max(turn, now) + interval
            if failures:
                break
            task = asyncio.create_task(fetch_one(index, url))
            tasks.append(task)
        if tasks and not failures:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
    if failures:
        raise failures[0]
    return [results[index] for index in range(len(results))]
