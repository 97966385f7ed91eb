"""LRU cache with a time to live: a bounded map that forgets the least recently used entry.

Task
----
Write ``LRUCache(capacity, ttl=None, *, clock=time.monotonic)``, a map from keys to values that
holds at most ``capacity`` live entries:

- ``get(key, default=None)`` returns the value if ``key`` holds a live entry and marks the entry
  most recently used; otherwise it returns ``default``. A get never extends an entry's lifetime.
- ``put(key, value)`` inserts or overwrites. An overwrite restarts the entry's lifetime and marks it
  most recently used. Overwriting a key never evicts another.
- When a new key arrives and the live entries fill the capacity, expired entries are dropped first;
  only if none has expired does the least recently used live entry leave.
- ``delete(key)`` removes the key and returns True if a live entry was removed.
- ``len(cache)`` is the number of live entries; ``key in cache`` says whether ``key`` is live,
  without changing recency.
- An entry written at time t (by ``clock()``) is live while ``clock() < t + ttl``: at exactly
  ``t + ttl`` it is dead. ``ttl=None`` means entries never expire.
- A capacity below 1, or a ttl of zero or less, raises ValueError.
- The cache is not thread-safe: callers that share it between threads must lock around it.

Examples
--------
>>> now = 0.0
>>> cache = LRUCache(2, ttl=10, clock=lambda: now)
>>> cache.put("a", 1)
>>> cache.put("b", 2)
>>> cache.get("a")          # "a" is now the most recently used
1
>>> cache.put("c", 3)       # full: "b", the least recently used, leaves
>>> "b" in cache, len(cache)
(False, 2)
>>> now = 10.0              # "a" and "c" were written at 0: dead at exactly 10
>>> cache.get("a", "gone")
'gone'

Limits (what the timing tests check)
------------------------------------
- get, put, delete, ``in`` and ``len`` are O(1) amortized at any capacity: an operation on a cache
  of 100,000 entries costs about what it costs on one of 1,000, with or without expired entries
  present. Expired entries must never make an operation scan the whole cache.
- Throughput: a mixed load runs within a small factor of a plain OrderedDict LRU timed in the
  same run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """A bounded LRU map whose entries expire ``ttl`` seconds after they were written.

    Not thread-safe: share it between threads only behind a lock.
    """

    def __init__(
        self,
        capacity: int,
        ttl: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # TODO: validate the arguments and set up your storage.
        raise NotImplementedError

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the live value for ``key`` and mark it most recently used, else ``default``."""
        # TODO
        raise NotImplementedError

    def put(self, key: K, value: V) -> None:
        """Insert or overwrite ``key``; an overwrite restarts its lifetime and never evicts."""
        # TODO
        raise NotImplementedError

    def delete(self, key: K) -> bool:
        """Remove ``key``; return True if it held a live entry."""
        # TODO
        raise NotImplementedError

    def __contains__(self, key: K) -> bool:
        """Say whether ``key`` holds a live entry, without changing recency."""
        # TODO
        raise NotImplementedError

    def __len__(self) -> int:
        """Return the number of live entries."""
        # TODO
        raise NotImplementedError
