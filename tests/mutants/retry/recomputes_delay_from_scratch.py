"""Mutant: each wait is computed by doubling from ``base_delay`` once per attempt so far.

A reviewer would say: correct, and the cap keeps it finite, but retry n costs O(n): a call that
fails 1,000 times does half a million doublings where 1,000 would do.

Caught by: performance
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar, cast, overload

P = ParamSpec("P")
R = TypeVar("R")

ExceptionTypes = type[BaseException] | tuple[type[BaseException], ...]


@dataclass(frozen=True)
class Backoff:
    """When to wait between attempts: capped exponential delays, optionally fully jittered."""

    max_retries: int
    base_delay: float
    max_delay: float
    jitter: bool

    def __post_init__(self) -> None:
        for name in ("max_retries", "base_delay", "max_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)!r}")

    def waits(self) -> Iterator[float]:
        """Yield the wait before each retry, drawing the jitter only when a retry comes."""
        for retry_number in range(1, self.max_retries + 1):
            delay = min(self.base_delay, self.max_delay)
            for _ in range(retry_number - 1):
                delay = min(delay * 2, self.max_delay)
            yield random.uniform(0, delay) if self.jitter else delay


@overload
def retry(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def retry(
    func: None = None,
    /,
    *,
    max_retries: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: bool = True,
    exceptions: ExceptionTypes = Exception,
    sleep: Callable[[float], object] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def retry(
    func: Callable[P, R] | None = None,
    /,
    *,
    max_retries: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: bool = True,
    exceptions: ExceptionTypes = Exception,
    sleep: Callable[[float], object] | None = None,
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Retry ``func`` on ``exceptions`` with capped exponential backoff and optional full jitter."""
    backoff = Backoff(max_retries, base_delay, max_delay, jitter)

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        if inspect.iscoroutinefunction(func):
            return cast("Callable[P, R]", _retry_async(func, backoff, exceptions, sleep))
        return _retry_sync(func, backoff, exceptions, sleep or time.sleep)

    return decorate if func is None else decorate(func)


def _retry_sync(
    func: Callable[P, R],
    backoff: Backoff,
    exceptions: ExceptionTypes,
    sleep: Callable[[float], object],
) -> Callable[P, R]:
    @functools.wraps(func)
    def call_with_retries(*args: P.args, **kwargs: P.kwargs) -> R:
        waits = None  # made on the first failure, so a call that succeeds pays for nothing
        while True:
            try:
                return func(*args, **kwargs)
            except exceptions:
                if waits is None:
                    waits = backoff.waits()
                wait = next(waits, None)
                if wait is None:
                    raise  # out of retries: the last exception itself, not wrapped
            sleep(wait)

    return call_with_retries


def _retry_async(
    func: Callable[P, Awaitable[Any]],
    backoff: Backoff,
    exceptions: ExceptionTypes,
    sleep: Callable[[float], object] | None,
) -> Callable[P, Awaitable[Any]]:
    pause = sleep or asyncio.sleep

    @functools.wraps(func)
    async def call_with_retries(*args: P.args, **kwargs: P.kwargs) -> Any:
        waits = None
        while True:
            try:
                return await func(*args, **kwargs)
            except exceptions:
                if waits is None:
                    waits = backoff.waits()
                wait = next(waits, None)
                if wait is None:
                    raise
            waiting = pause(wait)
            if inspect.isawaitable(waiting):
                await waiting

    return call_with_retries
