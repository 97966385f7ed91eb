"""Mutant: recency is kept in a list, so every get and put is O(n).

A reviewer would say: the textbook first attempt. `order.remove(key)` walks the list, so at
100,000 entries each operation costs a hundred times what it costs at 1,000.

Caught by: performance
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """LRU cache with a TTL whose recency order is a list. Not thread-safe."""

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
        self._values: dict[K, tuple[V, float]] = {}
        self._order: list[K] = []  # least recently used first

    def _live(self, key: K) -> bool:
        entry = self._values.get(key)
        return entry is not None and (self._ttl is None or self._clock() < entry[1])

    def _drop(self, key: K) -> None:
        del self._values[key]
        self._order.remove(key)

    def get(self, key: K, default: V | None = None) -> V | None:
        if key not in self._values:
            return default
        if not self._live(key):
            self._drop(key)
            return default
        self._order.remove(key)
        self._order.append(key)
        return self._values[key][0]

    def put(self, key: K, value: V) -> None:
        expires_at = self._clock() + self._ttl if self._ttl is not None else 0.0
        if key in self._values:
            self._order.remove(key)
        elif len(self._values) >= self._capacity:
            expired = next((k for k in self._order if not self._live(k)), None)
            self._drop(self._order[0] if expired is None else expired)
        self._values[key] = (value, expires_at)
        self._order.append(key)

    def delete(self, key: K) -> bool:
        if key not in self._values:
            return False
        live = self._live(key)
        self._drop(key)
        return live

    def __contains__(self, key: K) -> bool:
        return self._live(key)

    def __len__(self) -> int:
        return sum(1 for key in self._values if self._live(key))
