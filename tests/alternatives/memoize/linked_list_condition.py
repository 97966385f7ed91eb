"""A correct design unlike the reference: callable objects, a hand-made linked list, a Condition.

Recency is a circular doubly linked list of nodes with a dict from key to node; expiry order is
a deque of nodes in store order, with removed nodes skipped lazily and the deque compacted when
it holds twice as many nodes as the cache. Threads wait for a key in flight on one Condition, as
``cachetools.cached(condition=...)`` does, and when that computation fails, one of them computes
again. Coroutine callers wait on an ``asyncio.Future`` of the computing call's event loop.

The self-test requires it to score full marks: its hits cost more than the reference's (a method
call and pointer updates in Python), and the timing tests must still accept it.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, NamedTuple, ParamSpec, Protocol, TypeVar, cast, overload

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class CacheInfo(NamedTuple):
    """What ``cache_info()`` returns."""

    hits: int
    misses: int
    maxsize: int
    currsize: int


class Memoized(Protocol[P, R_co]):
    """A memoized function: called like the original, with ``cache_info`` and ``cache_clear``."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def cache_info(self) -> CacheInfo:
        """Return the hits, misses, maxsize and number of live entries."""
        ...

    def cache_clear(self) -> None:
        """Remove every entry and reset hits and misses to 0."""
        ...


_KEYWORDS = object()


def _key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Hashable:
    # A frozenset ignores the keyword order; the marker keeps f((), frozenset()) apart.
    return (_KEYWORDS, args, frozenset(kwargs.items())) if kwargs else args


class _Node:
    __slots__ = ("expires", "key", "linked", "newer", "older", "value")

    def __init__(self, key: Hashable, value: Any, expires: float) -> None:
        self.key = key
        self.value = value
        self.expires = expires
        self.linked = True
        self.older: _Node = self
        self.newer: _Node = self


class _Store:
    """Entries, their recency list and their expiry queue. Callers hold ``lock``."""

    def __init__(self, maxsize: int, ttl: float | None, clock: Callable[[], float]) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self.clock = clock
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.nodes: dict[Hashable, _Node] = {}
        self.root = _Node(None, None, 0.0)  # root.newer is the least recently used
        self.stored: deque[_Node] = deque()  # store order, which is expiry order
        self.pending: set[Hashable] = set()
        self.hits = self.misses = 0

    def find(self, key: Hashable) -> _Node | None:
        """Return the live node of ``key``, marked most recently used; drop it if expired."""
        node = self.nodes.get(key)
        if node is None:
            return None
        if self.ttl is not None and not self.clock() < node.expires:
            self.unlink(node)
            return None
        self.unlink_from_list(node)
        self.link_newest(node)
        return node

    def link_newest(self, node: _Node) -> None:
        root = self.root
        node.older, node.newer = root.older, root
        root.older.newer = node
        root.older = node

    def unlink_from_list(self, node: _Node) -> None:
        node.older.newer = node.newer
        node.newer.older = node.older

    def unlink(self, node: _Node) -> None:
        self.unlink_from_list(node)
        node.linked = False
        del self.nodes[node.key]

    def store(self, key: Hashable, value: Any) -> None:
        expires = 0.0 if self.ttl is None else self.clock() + self.ttl
        if len(self.nodes) >= self.maxsize:
            self.expire()
            if len(self.nodes) >= self.maxsize:
                self.unlink(self.root.newer)
        node = _Node(key, value, expires)
        self.nodes[key] = node
        self.link_newest(node)
        if self.ttl is not None:
            self.stored.append(node)
            if len(self.stored) > 2 * self.maxsize:
                self.stored = deque(n for n in self.stored if n.linked)

    def expire(self) -> None:
        """Drop expired nodes from the front of the store order."""
        if self.ttl is None:
            return
        now, stored = self.clock(), self.stored
        while stored and (not stored[0].linked or not now < stored[0].expires):
            node = stored.popleft()
            if node.linked:
                self.unlink(node)

    def clear(self) -> None:
        self.nodes.clear()
        self.stored.clear()
        self.root.older = self.root.newer = self.root
        self.hits = self.misses = 0

    def info(self) -> CacheInfo:
        self.expire()
        return CacheInfo(self.hits, self.misses, self.maxsize, len(self.nodes))


class _Base(Generic[P, R]):
    def __init__(self, func: Callable[P, R], store: _Store) -> None:
        functools.update_wrapper(cast(Any, self), func)  # __name__, __doc__, __wrapped__
        self._func = func
        self._store = store

    def cache_info(self) -> CacheInfo:
        with self._store.lock:
            return self._store.info()

    def cache_clear(self) -> None:
        with self._store.lock:
            self._store.clear()


class _SyncMemoized(_Base[P, R]):
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key = _key(args, kwargs)
        store = self._store
        with store.lock:
            while True:
                node = store.find(key)
                if node is not None:
                    store.hits += 1
                    return cast(R, node.value)
                if key not in store.pending:
                    break
                store.changed.wait()  # another thread computes it; look again when it is done
            store.pending.add(key)
            store.misses += 1
        try:
            value = self._func(*args, **kwargs)
            with store.lock:
                store.store(key, value)
            return value
        finally:
            with store.lock:
                store.pending.discard(key)
                store.changed.notify_all()


class _AsyncMemoized(_Base[P, Awaitable[Any]]):
    def __init__(self, func: Callable[P, Awaitable[Any]], store: _Store) -> None:
        super().__init__(func, store)
        self._flights: dict[Hashable, asyncio.Future[Any]] = {}

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        key = _key(args, kwargs)
        store = self._store
        with store.lock:
            node = store.find(key)
            if node is not None:
                store.hits += 1
                return node.value
            flight = self._flights.get(key)
            if flight is None:
                flight = self._flights[key] = asyncio.get_running_loop().create_future()
                store.misses += 1
                computes = True
            else:
                store.hits += 1
                computes = False
        if not computes:
            return await asyncio.shield(flight)
        try:
            value = await self._func(*args, **kwargs)
        except BaseException as error:
            with store.lock:
                del self._flights[key]
            flight.set_exception(error)
            flight.exception()  # retrieved: no "never retrieved" log when nobody waited
            raise
        with store.lock:
            del self._flights[key]
            store.store(key, value)
        flight.set_result(value)
        return value


@overload
def memoize(func: Callable[P, R], /) -> Memoized[P, R]: ...


@overload
def memoize(
    func: None = None,
    /,
    *,
    maxsize: int = 1000,
    ttl: float | None = 600.0,
    clock: Callable[[], float] = time.monotonic,
) -> Callable[[Callable[P, R]], Memoized[P, R]]: ...


def memoize(
    func: Callable[P, R] | None = None,
    /,
    *,
    maxsize: int = 1000,
    ttl: float | None = 600.0,
    clock: Callable[[], float] = time.monotonic,
) -> Memoized[P, R] | Callable[[Callable[P, R]], Memoized[P, R]]:
    """Cache ``func``'s results: at most ``maxsize`` of them, each for ``ttl`` seconds."""
    if maxsize < 1 or (ttl is not None and ttl <= 0):
        raise ValueError(f"need maxsize >= 1 and ttl > 0 or None, got {maxsize!r}, {ttl!r}")

    def decorate(func: Callable[P, R]) -> Memoized[P, R]:
        store = _Store(maxsize, ttl, clock)
        if inspect.iscoroutinefunction(func):
            return cast(Memoized[P, R], _AsyncMemoized(func, store))
        return _SyncMemoized(func, store)

    return decorate if func is None else decorate(func)
