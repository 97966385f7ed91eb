"""Fetch many URLs concurrently: bounded in flight, optionally rate limited, results in order.

Task
----
Write the coroutine function::

    async def fetch_all(urls, fetch, *, concurrency=50, per_second=None) -> list[R | Exception]

- ``fetch(url)`` returns an awaitable (a coroutine, a Future, ...) that gives the page of one URL.
  A fetch *starts* when ``fetch(url)`` is called, and it is *in flight* until its awaitable has
  finished. Calling ``fetch`` may already send the request, so call it only when that fetch may
  start, and await what it returns at once. Call it once for every item of ``urls``, duplicates
  included.
- ``urls`` is any iterable, a generator included: read it once, and never ask for its length.
- The result is a list with one entry per URL, in the order of ``urls`` (not the order in which
  the fetches finished): what the awaitable returned, or the Exception it raised (the exception
  object itself). An Exception from one fetch never stops the others.
- At most ``concurrency`` fetches are in flight at any moment. Without ``per_second``, the first
  ``concurrency`` fetches (or all of them, if there are fewer URLs) start at once.
- With ``per_second=r``, no more than r fetches start in any window of one second on the event
  loop's clock (``asyncio.get_running_loop().time()``, never ``time.monotonic()``). Precisely:
  let k = floor(r) and w = 1 second when r >= 1 (r = 2.5 allows 2 a second), or k = 1 and
  w = 1/r seconds when r < 1 (r = 0.5 allows one start every 2 seconds); in any interval
  [t, t + w) at most k fetches start. Bursts (k at once, then wait until the oldest of the last
  k starts is w old) and even spacing (one start every w/k seconds) both keep this. Clock
  rounding of up to a microsecond is tolerated.
- A BaseException that is not an Exception (asyncio.CancelledError, KeyboardInterrupt) is never
  caught: it propagates out of ``fetch_all`` (alone or in a BaseExceptionGroup).
- Cancelling ``fetch_all`` cancels every fetch in flight and starts no new one; the
  CancelledError propagates. When ``fetch_all`` returns or raises, for whatever reason, no task
  it created is still running and no fetch it started is still in flight.
- 10,000 URLs never make 10,000 tasks: ``fetch_all`` keeps a bounded number of tasks alive
  (the tests allow at most 2 * concurrency + 10 in ``asyncio.all_tasks()``, their own included).
- ``concurrency < 1`` or ``per_second <= 0`` raises ValueError.

Examples
--------
>>> import asyncio
>>> async def fetch(url: str) -> str:
...     if url.endswith(".invalid"):
...         raise ConnectionError(url)
...     await asyncio.sleep(0.01 * len(url))
...     return url.upper()
>>> asyncio.run(fetch_all(["a.org", "bb.org", "x.invalid"], fetch, concurrency=2))
['A.ORG', 'BB.ORG', ConnectionError('x.invalid')]

Limits (what the timing tests check)
------------------------------------
On a test event loop whose clock jumps to the next timer when nothing else can run (so a wait
costs no real time; each turn of the loop moves it by a nanosecond):

- Without ``per_second``, no loop time passes (a microsecond at most) between a fetch finishing
  and the next one starting while URLs are left: no polling with ``asyncio.sleep``, no batches
  that wait for their slowest fetch.
- With ``per_second``, when the slots free up at least as fast as the rate allows starts
  (every fetch takes at most concurrency * w / k seconds), n fetches all start within
  (n - 1) * w / k seconds of the first.
- ``fetch_all`` returns as soon as the last fetch has finished.

In CPU time, with ``concurrency=50`` and a ``fetch`` that answers after one
``asyncio.sleep(0)``:

- 5,000 URLs cost at most 4 times as much as ``asyncio.gather`` over batches of 50 URLs, one
  batch after another, timed in the same run.
- Ten times the URLs cost about ten times as much (the tests allow 20 times): 10,000 against
  1,000, and 5,000 against 500 with ``per_second``.

In real time: 20 fetches of 20 ms with ``concurrency=10`` take about 40 ms.
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
