"""Mutant: the tokens are granted only when more than enough are there.

A reviewer would say: exactly enough is enough: level >= tokens, not level > tokens; a full bucket
refuses its own capacity.

Caught by: correctness
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """A token bucket with one bug (see the module docstring)."""

    def __init__(
        self,
        rate: float,
        capacity: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not rate > 0:  # written so that NaN is refused too
            raise ValueError(f"rate must be positive, got {rate!r}")
        if not capacity > 0:
            raise ValueError(f"capacity must be positive, got {capacity!r}")
        self._rate = float(rate)
        self._capacity = float(capacity)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self._capacity
        self._updated = clock()

    def try_acquire(self, tokens: float = 1.0) -> bool:
        """Take ``tokens`` if they are in the bucket now; never wait."""
        self._check(tokens)
        with self._lock:
            return self._take(tokens, self._clock())

    def acquire(self, tokens: float = 1.0, timeout: float | None = None) -> bool:
        """Take ``tokens``, sleeping until they arrive; False if they cannot by the deadline."""
        self._check(tokens)
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must not be negative, got {timeout!r}")
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            with self._lock:
                now = self._clock()
                if self._take(tokens, now):
                    return True
                wait = (tokens - self._tokens) / self._rate
            if deadline is not None and now + wait > deadline:
                return False  # the tokens cannot be there in time: do not wait for nothing
            time.sleep(wait)  # outside the lock: other callers go on meanwhile

    def _check(self, tokens: float) -> None:
        if not 0 <= tokens <= self._capacity:
            raise ValueError(f"tokens must be between 0 and {self._capacity:g}, got {tokens!r}")

    def _take(self, tokens: float, now: float) -> bool:
        """Refill up to ``now``, then take ``tokens`` if they are there (the lock is held)."""
        if now > self._updated:
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
            self._updated = now
        if self._tokens > tokens:
            self._tokens -= tokens
            return True
        return False
