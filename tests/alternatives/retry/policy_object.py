"""Alternative design: a policy object whose __call__ decorates, with attempt counting.

It computes each delay from the attempt number with math.ldexp, treating an overflow as beyond
the cap, and catches BaseException, deciding with isinstance whether to retry. It must lose no
correctness or performance points.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import math
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar, cast, overload

P = ParamSpec("P")
R = TypeVar("R")

ExceptionTypes = type[BaseException] | tuple[type[BaseException], ...]


class Retrying:
    """A retry policy; calling it with a function returns the function with retries."""

    def __init__(
        self,
        max_retries: int,
        base_delay: float,
        max_delay: float,
        jitter: bool,
        exceptions: ExceptionTypes,
        sleep: Callable[[float], object] | None,
    ) -> None:
        if min(max_retries, base_delay, max_delay) < 0:
            raise ValueError("max_retries, base_delay and max_delay must not be negative")
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.jitter = jitter
        self.exceptions = exceptions
        self.sleep = sleep

    def delay(self, attempt: int) -> float:
        """The wait after failed attempt ``attempt`` (1-based)."""
        try:
            uncapped = math.ldexp(self.base_delay, attempt - 1)
        except OverflowError:  # beyond every float, so certainly beyond the cap
            uncapped = math.inf
        capped = min(self.max_delay, uncapped)
        return capped * random.random() if self.jitter else capped

    def should_retry(self, error: BaseException, attempt: int) -> bool:
        return attempt <= self.max_retries and isinstance(error, self.exceptions)

    def __call__(self, func: Callable[P, R]) -> Callable[P, R]:
        if inspect.iscoroutinefunction(func):
            return cast("Callable[P, R]", self.wrap_async(func))
        sleep = self.sleep or time.sleep

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            attempt = 1
            while True:
                try:
                    return func(*args, **kwargs)
                except BaseException as error:
                    if not self.should_retry(error, attempt):
                        raise
                sleep(self.delay(attempt))
                attempt += 1

        return wrapper

    def wrap_async(self, func: Callable[P, Awaitable[Any]]) -> Callable[P, Awaitable[Any]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
            attempt = 1
            while True:
                try:
                    return await func(*args, **kwargs)
                except BaseException as error:
                    if not self.should_retry(error, attempt):
                        raise
                delay = self.delay(attempt)
                if self.sleep is None:
                    await asyncio.sleep(delay)
                elif inspect.isawaitable(waiting := self.sleep(delay)):
                    await waiting
                attempt += 1

        return wrapper


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
    policy = Retrying(max_retries, base_delay, max_delay, jitter, exceptions, sleep)
    return policy if func is None else policy(func)
