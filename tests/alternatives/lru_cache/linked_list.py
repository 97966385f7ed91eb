"""A correct design unlike the reference: a hand-written doubly linked list and a heap of expiries.

The self-test requires it to score full marks, proving the tests check the specification rather
than the reference's OrderedDict internals. Expired entries are found through a min-heap of
(expiry, generation, key) with stale heap items skipped lazily: O(log n), not O(1), which the
timing tests must still accept.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class _Node(Generic[K, V]):
    __slots__ = ("expires", "generation", "key", "next", "prev", "value")

    def __init__(self, key: K, value: V, expires: float, generation: int) -> None:
        self.key = key
        self.value = value
        self.expires = expires
        self.generation = generation
        self.prev: _Node[K, V] | None = None
        self.next: _Node[K, V] | None = None


class LRUCache(Generic[K, V]):
    """LRU cache with a TTL on a linked list. Not thread-safe."""

    def __init__(
        self,
        capacity: int,
        ttl: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or (ttl is not None and ttl <= 0):
            raise ValueError("capacity must be >= 1 and ttl positive or None")
        self._capacity = capacity
        self._ttl = ttl
        self._clock = clock
        self._nodes: dict[K, _Node[K, V]] = {}
        self._head: _Node[K, V] | None = None  # least recently used
        self._tail: _Node[K, V] | None = None  # most recently used
        self._heap: list[tuple[float, int, K]] = []
        self._generation = 0

    def _unlink(self, node: _Node[K, V]) -> None:
        if node.prev is None:
            self._head = node.next
        else:
            node.prev.next = node.next
        if node.next is None:
            self._tail = node.prev
        else:
            node.next.prev = node.prev
        node.prev = node.next = None

    def _append(self, node: _Node[K, V]) -> None:
        node.prev = self._tail
        if self._tail is None:
            self._head = node
        else:
            self._tail.next = node
        self._tail = node

    def _dead(self, node: _Node[K, V]) -> bool:
        return self._ttl is not None and self._clock() >= node.expires

    def _drop(self, node: _Node[K, V]) -> None:
        self._unlink(node)
        del self._nodes[node.key]

    def _purge(self) -> None:
        now = self._clock()
        while self._heap and self._heap[0][0] <= now:
            _, generation, key = heapq.heappop(self._heap)
            node = self._nodes.get(key)
            if node is not None and node.generation == generation:
                self._drop(node)

    def get(self, key: K, default: V | None = None) -> V | None:
        node = self._nodes.get(key)
        if node is None:
            return default
        if self._dead(node):
            self._drop(node)
            return default
        self._unlink(node)
        self._append(node)
        return node.value

    def put(self, key: K, value: V) -> None:
        self._generation += 1
        expires = self._clock() + self._ttl if self._ttl is not None else 0.0
        node = self._nodes.get(key)
        if node is not None:
            self._unlink(node)
        else:
            if len(self._nodes) >= self._capacity:
                self._purge()
            if len(self._nodes) >= self._capacity and self._head is not None:
                self._drop(self._head)
            node = _Node(key, value, expires, self._generation)
            self._nodes[key] = node
        node.value = value
        node.expires = expires
        node.generation = self._generation
        self._append(node)
        if self._ttl is not None:
            heapq.heappush(self._heap, (expires, self._generation, key))
            if len(self._heap) > 2 * len(self._nodes) + 16:
                self._heap = [(n.expires, n.generation, n.key) for n in self._nodes.values()]
                heapq.heapify(self._heap)

    def delete(self, key: K) -> bool:
        node = self._nodes.get(key)
        if node is None:
            return False
        live = not self._dead(node)
        self._drop(node)
        return live

    def __contains__(self, key: K) -> bool:
        node = self._nodes.get(key)
        return node is not None and not self._dead(node)

    def __len__(self) -> int:
        if self._ttl is not None:
            self._purge()
        return len(self._nodes)
