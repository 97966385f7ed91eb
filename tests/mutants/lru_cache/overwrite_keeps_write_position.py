"""Mutant: an overwrite restarts the entry's lifetime but leaves it where it was in the write order.

A reviewer would say: the write order is the expiry order only if an overwrite moves the key to
its end. Here, with ttl=10, put a at 0, b at 1 and a again at 5: at 11 b has expired, but it
sits behind a, which is still live, so the purge stops at a and len() counts b.

Caught by: correctness
"""

from __future__ import annotations

import time
from collections import OrderedDict
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
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be positive or None, got {ttl!r}")
        self._capacity = capacity
        self._ttl = ttl
        self._clock = clock
        # Recency order, least recently used first: key -> (value, expires_at).
        self._entries: OrderedDict[K, tuple[V, float]] = OrderedDict()
        # Write order, which is also expiry order since every entry lives the same ttl:
        # the first key is always the next to expire, so purging never scans live entries.
        self._writes: OrderedDict[K, None] = OrderedDict()

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the live value for ``key`` and mark it most recently used, else ``default``."""
        entry = self._entries.get(key)
        if entry is None:
            return default
        if self._ttl is not None and self._clock() >= entry[1]:
            self._remove(key)
            return default
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: K, value: V) -> None:
        """Insert or overwrite ``key``; an overwrite restarts its lifetime and never evicts."""
        expires_at = self._expiry()
        if key in self._entries:
            self._entries.move_to_end(key)
        elif len(self._entries) >= self._capacity:
            self._purge_expired()
            if len(self._entries) >= self._capacity:
                evicted, _ = self._entries.popitem(last=False)
                del self._writes[evicted]
        self._entries[key] = (value, expires_at)
        self._writes[key] = None

    def delete(self, key: K) -> bool:
        """Remove ``key``; return True if it held a live entry."""
        entry = self._entries.get(key)
        if entry is None:
            return False
        self._remove(key)
        return self._is_live(entry[1])

    def __contains__(self, key: K) -> bool:
        entry = self._entries.get(key)
        return entry is not None and self._is_live(entry[1])

    def __len__(self) -> int:
        self._purge_expired()
        return len(self._entries)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(capacity={self._capacity}, ttl={self._ttl})"

    def _expiry(self) -> float:
        return self._clock() + self._ttl if self._ttl is not None else 0.0

    def _is_live(self, expires_at: float) -> bool:
        return self._ttl is None or self._clock() < expires_at

    def _remove(self, key: K) -> None:
        del self._entries[key]
        del self._writes[key]

    def _purge_expired(self) -> None:
        """Drop expired entries, oldest write first; each entry is dropped once (amortized O(1))."""
        if self._ttl is None:
            return
        now = self._clock()
        while self._writes:
            oldest = next(iter(self._writes))
            if self._entries[oldest][1] > now:
                return
            self._remove(oldest)
