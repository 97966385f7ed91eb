"""A correct design unlike the reference: a sliding window of one task per URL, evenly spaced.

The caller's coroutine reads the URLs itself. For each one it takes a slot (an asyncio.Semaphore
of ``concurrency``), waits for its turn on an even schedule (one start every w / k seconds, no
bursts), and only then makes a task that calls ``fetch`` and gives the slot back when the fetch
is over. At most ``concurrency`` tasks are alive besides the caller's. A ``finally`` cancels
and awaits whatever is still running, whether the caller was cancelled or a task raised a
BaseException, which then propagates alone.
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
    slots = asyncio.Semaphore(concurrency)
    results: dict[int, R | Exception] = {}
    running: set[asyncio.Task[None]] = set()
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
        finally:
            slots.release()

    try:
        for index, url in enumerate(urls):
            await slots.acquire()
            if interval:
                now = loop.time()
                if now < turn:
                    await asyncio.sleep(turn - now)
                turn = max(turn, now) + interval
            if failures:
                break
            task = asyncio.create_task(fetch_one(index, url))
            running.add(task)
            task.add_done_callback(running.discard)
        if running and not failures:
            await asyncio.wait(running, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running)
    if failures:
        raise failures[0]
    return [results[index] for index in range(len(results))]
