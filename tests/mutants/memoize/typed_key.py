"""Mutant: the key holds each argument's type, as functools.lru_cache(typed=True) does.

A reviewer would say: the statement follows functools.lru_cache without typed: 1, 1.0 and True are
equal and hash alike, so f(1), f(1.0) and f(True) share one entry; here each runs the function.

Caught by: correctness
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, ParamSpec, Protocol, TypeVar, cast, overload

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class CacheInfo(NamedTuple):
    """What ``cache_info()`` returns, with the fields of ``functools.lru_cache``'s."""

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


# Separates positional from keyword arguments in a key, so that f(("a", 1)) and f(a=1) differ.
# No caller can pass this object, so no positional argument list can imitate it.
KEYWORDS = object()


def make_key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Hashable:
    """Return the key of a call: equal for equal arguments, keyword order ignored.

    A plain tuple, so that equal arguments that hash alike (1, 1.0, True) make equal keys, as in
    functools.lru_cache. Sorting the items compares only their names, which are distinct.
    """
    types = tuple(type(value) for value in (*args, *kwargs.values()))
    if not kwargs:
        return (*args, types)
    return (*args, KEYWORDS, *sorted(kwargs.items()), types)


class Flight:
    """A computation in progress: the calls that find it wait for its outcome instead.

    Cheaper than a ``concurrent.futures.Future`` (one lock, no Condition), because every miss
    makes one. Threads wait on ``done``, held until the outcome is known; coroutines each get a
    future of their own event loop, so a cancelled awaiter affects no one else.
    """

    __slots__ = ("awaiters", "done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Lock()
        self.done.acquire()
        self.value: Any = None
        self.error: BaseException | None = None
        self.awaiters: list[asyncio.Future[Any]] = []

    def wait(self) -> Any:
        """Block until the outcome is known; return the value, or raise the same exception."""
        with self.done:
            pass
        if self.error is not None:
            raise self.error
        return self.value

    def awaiter(self) -> asyncio.Future[Any]:
        """Return a future, on the running event loop, that the outcome will complete."""
        future = asyncio.get_running_loop().create_future()
        self.awaiters.append(future)
        return future

    def finish(self, value: Any, error: BaseException | None) -> None:
        """Record the outcome and wake every waiting thread and coroutine."""
        self.value, self.error = value, error
        self.done.release()
        for future in self.awaiters:
            with contextlib.suppress(RuntimeError):  # raised if that loop has closed: no one waits
                future.get_loop().call_soon_threadsafe(_settle, future, value, error)


def _settle(future: asyncio.Future[Any], value: Any, error: BaseException | None) -> None:
    """Complete an awaiter's future in its own event loop, unless that awaiter gave up."""
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)


class Entries:
    """The stored results of one memoized function, and the computations in flight.

    Every method expects the caller to hold ``lock``. ``recency`` holds the entries least
    recently used first; ``writes`` holds the same keys in the order they were stored, which is
    also the order they expire, since every entry lives the same ``ttl``: expired entries are
    dropped from its front, so nothing ever scans the live ones.
    """

    def __init__(self, maxsize: int, ttl: float | None, clock: Callable[[], float]) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self.clock = clock
        self.lock = threading.Lock()
        self.recency: OrderedDict[Hashable, tuple[Any, float]] = OrderedDict()  # value, expiry
        self.writes: OrderedDict[Hashable, None] = OrderedDict()
        self.flights: dict[Hashable, Flight] = {}
        self.hits = 0
        self.misses = 0

    def join(self, key: Hashable) -> tuple[Flight, bool]:
        """After a failed lookup: return the flight computing ``key``, and whether it is new.

        The caller that gets a new flight computes the result and lands it; the others wait.
        """
        if key in self.recency:  # present but expired
            self.remove(key)
        flight = self.flights.get(key)
        if flight is not None:
            self.hits += 1
            return flight, False
        flight = self.flights[key] = Flight()
        self.misses += 1
        return flight, True

    def land(self, key: Hashable, flight: Flight, value: Any) -> None:
        """Store the value a flight computed and hand it to the calls waiting for it."""
        del self.flights[key]
        expiry = 0.0 if self.ttl is None else self.clock() + self.ttl  # unread when ttl is None
        if len(self.recency) >= self.maxsize:
            self.drop_expired()
            if len(self.recency) >= self.maxsize:
                evicted, _ = self.recency.popitem(last=False)
                del self.writes[evicted]
        self.recency[key] = (value, expiry)
        self.writes[key] = None
        flight.finish(value, None)

    def crash(self, key: Hashable, flight: Flight, error: BaseException) -> None:
        """End a flight whose computation raised: nothing is stored, and the waiters get it."""
        del self.flights[key]
        flight.finish(None, error)

    def remove(self, key: Hashable) -> None:
        del self.recency[key]
        del self.writes[key]

    def drop_expired(self) -> None:
        """Drop expired entries, oldest first: each is dropped once, so O(1) amortized."""
        if self.ttl is None:
            return
        now = self.clock()
        writes, recency = self.writes, self.recency
        while writes:
            oldest = next(iter(writes))
            if now < recency[oldest][1]:
                return
            self.remove(oldest)

    def info(self) -> CacheInfo:
        self.drop_expired()
        return CacheInfo(self.hits, self.misses, self.maxsize, len(self.recency))

    def clear(self) -> None:
        self.recency.clear()
        self.writes.clear()
        self.hits = self.misses = 0


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
    if maxsize < 1:
        raise ValueError(f"maxsize must be at least 1, got {maxsize!r}")
    if ttl is not None and ttl <= 0:
        raise ValueError(f"ttl must be positive or None, got {ttl!r}")

    def decorate(func: Callable[P, R]) -> Memoized[P, R]:
        entries = Entries(maxsize, ttl, clock)
        if inspect.iscoroutinefunction(func):
            wrapper = _memoize_async(func, entries)
        else:
            wrapper = _memoize_sync(func, entries)
        functools.update_wrapper(wrapper, func)
        return _with_methods(wrapper, entries)

    return decorate if func is None else decorate(func)


def _memoize_sync(func: Callable[P, R], entries: Entries) -> Callable[P, R]:
    lock, recency, clock, ttl = entries.lock, entries.recency, entries.clock, entries.ttl

    def memoized(*args: P.args, **kwargs: P.kwargs) -> R:
        key = make_key(args, kwargs)
        with lock:
            entry = recency.get(key)  # an unhashable argument raises TypeError here
            if entry is not None and (ttl is None or clock() < entry[1]):
                recency.move_to_end(key)
                entries.hits += 1
                return cast(R, entry[0])
            flight, computes = entries.join(key)
        if not computes:
            return cast(R, flight.wait())  # the same result, or the same exception
        try:
            value = func(*args, **kwargs)
        except BaseException as error:
            with lock:
                entries.crash(key, flight, error)
            raise
        with lock:
            entries.land(key, flight, value)
        return value

    return memoized


def _memoize_async(func: Callable[P, Any], entries: Entries) -> Callable[P, Any]:
    lock, recency, clock, ttl = entries.lock, entries.recency, entries.clock, entries.ttl

    async def memoized(*args: P.args, **kwargs: P.kwargs) -> Any:
        key = make_key(args, kwargs)
        with lock:
            entry = recency.get(key)
            if entry is not None and (ttl is None or clock() < entry[1]):
                recency.move_to_end(key)
                entries.hits += 1
                return entry[0]
            flight, computes = entries.join(key)
            waiting = None if computes else flight.awaiter()
        if waiting is not None:
            return await waiting
        try:
            value = await func(*args, **kwargs)
        except BaseException as error:
            with lock:
                entries.crash(key, flight, error)
            raise
        with lock:
            entries.land(key, flight, value)
        return value

    return memoized


def _with_methods(wrapper: Callable[P, R], entries: Entries) -> Memoized[P, R]:
    """Attach ``cache_info`` and ``cache_clear`` to ``wrapper``."""

    def cache_info() -> CacheInfo:
        with entries.lock:
            return entries.info()

    def cache_clear() -> None:
        with entries.lock:
            entries.clear()

    memoized = cast(Any, wrapper)
    memoized.cache_info = cache_info
    memoized.cache_clear = cache_clear
    return cast(Memoized[P, R], memoized)
