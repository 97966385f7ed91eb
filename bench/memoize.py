"""The memoize reference against functools.lru_cache and cachetools.cached with a TTLCache.

Two loads on a function that returns its argument: hits only (a hot set well inside the cache),
and a mixed load over a key space twice the cache's size, so about half the calls miss and
evict. Then a stampede: 8 threads ask at once for one missing key of a function that takes 20 ms,
and the table counts how many times it ran. Contenders: functools.lru_cache (C code, no ttl, no
single flight), cachetools.cached on a TTLCache with a lock (the library people reach for), and
the same with a Condition (cachetools' single flight).
Target: the reference at least as fast as cachetools on both loads, and one call in the stampede.
"""

from __future__ import annotations

import functools
import random
import threading
import time
from collections.abc import Callable

import cachetools

from bench.common import best_seconds, print_table
from solutions.memoize import memoize

MAXSIZE = 10_000
TTL = 3600.0
OPERATIONS = 200_000
THREADS = 8
SLOW_SECONDS = 0.02

Decorator = Callable[[Callable[[int], int]], Callable[[int], int]]


def ttl_cache(condition: bool) -> Decorator:
    """cachetools.cached on a TTLCache, thread-safe, with cache_info like the others."""

    def decorate(func: Callable[[int], int]) -> Callable[[int], int]:
        lock = threading.Lock()
        cache: cachetools.TTLCache[int, int] = cachetools.TTLCache(MAXSIZE, ttl=TTL)
        if condition:
            cached = cachetools.cached(cache, condition=threading.Condition(lock), info=True)
        else:
            cached = cachetools.cached(cache, lock=lock, info=True)
        return cached(func)

    return decorate


DECORATORS: dict[str, Decorator] = {
    "reference memoize": memoize(maxsize=MAXSIZE, ttl=TTL),
    "functools.lru_cache (no ttl)": functools.lru_cache(maxsize=MAXSIZE),
    "cachetools TTLCache + lock": ttl_cache(condition=False),
    "cachetools TTLCache + condition": ttl_cache(condition=True),
}


def identity(x: int) -> int:
    return x


def calling(decorate: Decorator, keys: list[int]) -> Callable[[], None]:
    func = decorate(identity)
    for key in range(MAXSIZE // 2):
        func(key)  # warm: the hot set is cached before the timing

    def run() -> None:
        for key in keys:
            func(key)

    return run


def stampede(decorate: Decorator) -> tuple[float, int]:
    """Return the seconds 8 concurrent calls for one missing key took, and the function's calls."""
    calls = 0
    count_lock = threading.Lock()

    def slow(x: int) -> int:
        nonlocal calls
        with count_lock:
            calls += 1
        time.sleep(SLOW_SECONDS)
        return x

    func = decorate(slow)
    start = threading.Barrier(THREADS + 1)

    def one() -> None:
        start.wait()
        func(7)

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, calls


def main() -> None:
    rng = random.Random(42)
    hot = [rng.randrange(MAXSIZE // 2) for _ in range(OPERATIONS)]
    mixed = [rng.randrange(2 * MAXSIZE) for _ in range(OPERATIONS)]
    for title, keys in (("hits only", hot), ("~50% misses", mixed)):
        # Each decorator makes a new cache for each function it decorates: no load shares one.
        timings = best_seconds({name: calling(d, keys) for name, d in DECORATORS.items()})
        print_table(f"memoize: {title}", len(keys), timings, "reference memoize")
        slowest = min(
            timings[name] / timings["reference memoize"] for name in timings if "cachetools" in name
        )
        verdict = "met" if slowest >= 1 else "NOT met"
        print(f"  target: at least as fast as cachetools: {verdict} ({slowest:.2f}x)")

    print(
        f"\nmemoize: {THREADS} threads ask at once for one missing key ({SLOW_SECONDS * 1000:g} ms)"
    )
    for name, decorate in DECORATORS.items():
        seconds, calls = stampede(decorate)
        print(f"  {name:34s} {calls} call(s) of the function, {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
