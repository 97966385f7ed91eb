"""The fetch_all reference against the answers people write with the standard library.

Contenders, each with concurrency=50: the reference (a fixed set of workers in a TaskGroup); the
textbook answer, an asyncio.Semaphore inside one task per URL, all gathered at once; gather over
batches of 50, one batch after another; and the asyncio docs' Queue recipe (workers,
queue.join(), cancel). Three loads on a real event loop: 10,000 fetches that answer after one
asyncio.sleep(0) (the bookkeeping per URL), 500 fetches of 1 to 9 ms (how well the slots are
kept busy when latencies differ), and the most tasks alive at once during the first load.
Targets: the reference at least 2x the textbook's throughput on the first load, and at least
1.2x as fast as the batches on the second (beside it, the time a perfectly busy set of slots
would take).
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any, TypeVar

from bench.common import best_seconds, print_table
from solutions.fetch_all import fetch_all

R = TypeVar("R")
FetchAll = Callable[
    [list[str], Callable[[str], Awaitable[str]], int], Coroutine[Any, Any, list[object]]
]

CONCURRENCY = 50
MANY = 10_000
SLOW = 500


async def textbook(
    urls: Iterable[str], fetch: Callable[[str], Awaitable[R]], limit: int
) -> list[object]:
    """A semaphore inside one task per URL, every task made up front."""
    semaphore = asyncio.Semaphore(limit)

    async def one(url: str) -> object:
        async with semaphore:
            try:
                return await fetch(url)
            except Exception as error:
                return error

    return list(await asyncio.gather(*(one(url) for url in urls)))


async def batches(
    urls: Iterable[str], fetch: Callable[[str], Awaitable[R]], limit: int
) -> list[object]:
    """gather over batches of ``limit`` URLs, each waiting for its slowest fetch."""
    results: list[object] = []
    pending = iter(urls)
    while batch := list(itertools.islice(pending, limit)):
        results += await asyncio.gather(*(fetch(url) for url in batch), return_exceptions=True)
    return results


async def queue_recipe(
    urls: Iterable[str], fetch: Callable[[str], Awaitable[R]], limit: int
) -> list[object]:
    """The asyncio docs' recipe: a Queue, workers, queue.join(), then cancel the workers."""
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for item in enumerate(urls):
        queue.put_nowait(item)
    results: dict[int, object] = {}

    async def worker() -> None:
        while True:
            index, url = await queue.get()
            try:
                results[index] = await fetch(url)
            except Exception as error:
                results[index] = error
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(limit)]
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return [results[index] for index in range(len(results))]


async def reference(
    urls: Iterable[str], fetch: Callable[[str], Awaitable[R]], limit: int
) -> list[object]:
    return list(await fetch_all(urls, fetch, concurrency=limit))


CONTENDERS: dict[str, FetchAll] = {
    "reference fetch_all": reference,
    "Semaphore + gather (textbook)": textbook,
    "gather over batches": batches,
    "Queue recipe (asyncio docs)": queue_recipe,
}


async def instant(url: str) -> str:
    await asyncio.sleep(0)
    return url


LATENCY = {f"u{i}": random.Random(i).uniform(0.001, 0.009) for i in range(SLOW)}


async def uneven(url: str) -> str:
    await asyncio.sleep(LATENCY[url])
    return url


def running(
    contender: FetchAll, urls: list[str], fetch: Callable[[str], Awaitable[str]]
) -> Callable[[], None]:
    def run() -> None:
        results: list[object] = asyncio.run(contender(urls, fetch, CONCURRENCY))
        assert results == urls, "a contender returned the wrong results"

    return run


def most_tasks(contender: FetchAll) -> int:
    """The most tasks alive at once while ``contender`` fetches MANY URLs (every 100th call)."""
    most = 0
    calls = itertools.count()

    async def counting(url: str) -> str:
        nonlocal most
        if next(calls) % 100 == 0:  # all_tasks() is O(tasks): counting at every call is O(n^2)
            most = max(most, len(asyncio.all_tasks()))
        return await instant(url)

    asyncio.run(contender([f"u{i}" for i in range(MANY)], counting, CONCURRENCY))
    return most


def main() -> None:
    many = [f"u{i}" for i in range(MANY)]
    cheap = best_seconds({name: running(c, many, instant) for name, c in CONTENDERS.items()})
    print_table(
        f"fetch_all: {MANY:,} fetches that answer at once", MANY, cheap, "reference fetch_all"
    )
    ratio = cheap["Semaphore + gather (textbook)"] / cheap["reference fetch_all"]
    verdict = "met" if ratio >= 2 else "NOT met"
    print(f"  target: at least 2x the textbook's throughput: {verdict} ({ratio:.1f}x)")

    slow = list(LATENCY)
    timed = best_seconds({name: running(c, slow, uneven) for name, c in CONTENDERS.items()})
    print_table(
        f"fetch_all: {SLOW:,} fetches of 1-9 ms, concurrency={CONCURRENCY}",
        SLOW,
        timed,
        "reference fetch_all",
    )
    ratio = timed["gather over batches"] / timed["reference fetch_all"]
    verdict = "met" if ratio >= 1.2 else "NOT met"
    print(f"  target: at least 1.2x as fast as gather over batches: {verdict} ({ratio:.2f}x)")
    ideal = sum(LATENCY.values()) / CONCURRENCY
    print(f"  (a perfectly busy set of {CONCURRENCY} slots would take {ideal * 1000:.0f} ms)")

    print(f"\nfetch_all: the most tasks alive at once over {MANY:,} URLs")
    for name, contender in CONTENDERS.items():
        print(f"  {name:30s} {most_tasks(contender):>8,}")


if __name__ == "__main__":
    main()
