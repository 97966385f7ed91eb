"""The lru_cache reference against cachetools.TTLCache, an OrderedDict LRU and functools.lru_cache.

A mixed load: look a key up and put it when missing, over a key space twice the capacity, so about
half the lookups hit. Target: the reference at least 3x the throughput of cachetools.TTLCache.
"""

from __future__ import annotations

import functools
import random
from collections import OrderedDict
from collections.abc import Callable

import cachetools

from bench.common import best_seconds, print_table
from solutions.lru_cache import LRUCache

CAPACITY = 10_000
OPERATIONS = 200_000
TTL = 3600.0


def keys() -> list[int]:
    rng = random.Random(42)
    return [rng.randrange(2 * CAPACITY) for _ in range(OPERATIONS)]


def reference(stream: list[int]) -> Callable[[], None]:
    cache: LRUCache[int, int] = LRUCache(CAPACITY, ttl=TTL)

    def run() -> None:
        get, put = cache.get, cache.put
        for key in stream:
            if get(key) is None:
                put(key, key)

    return run


def ttl_cache(stream: list[int]) -> Callable[[], None]:
    cache: cachetools.TTLCache[int, int] = cachetools.TTLCache(CAPACITY, ttl=TTL)

    def run() -> None:
        get = cache.get
        for key in stream:
            if get(key) is None:
                cache[key] = key

    return run


def ordered_dict_lru(stream: list[int]) -> Callable[[], None]:
    data: OrderedDict[int, int] = OrderedDict()

    def run() -> None:
        for key in stream:
            if key in data:
                data.move_to_end(key)
                continue
            data[key] = key
            if len(data) > CAPACITY:
                data.popitem(last=False)

    return run


def functools_lru(stream: list[int]) -> Callable[[], None]:
    cached = functools.lru_cache(maxsize=CAPACITY)(lambda key: key)

    def run() -> None:
        for key in stream:
            cached(key)

    return run


def main() -> None:
    stream = keys()
    contenders = {
        "reference LRUCache (ttl)": reference,
        "cachetools.TTLCache": ttl_cache,
        "OrderedDict LRU (no ttl)": ordered_dict_lru,
        "functools.lru_cache (no ttl)": functools_lru,
    }
    timings = best_seconds({name: make(stream) for name, make in contenders.items()})
    print_table(
        "lru_cache: mixed get/put, ~50% hits", OPERATIONS, timings, "reference LRUCache (ttl)"
    )
    ratio = timings["cachetools.TTLCache"] / timings["reference LRUCache (ttl)"]
    verdict = "met" if ratio >= 3 else "NOT met"
    print(f"  target: reference >= 3x cachetools.TTLCache's throughput: {verdict} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
