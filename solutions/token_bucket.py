"""Token bucket: a thread-safe rate limiter that allows bursts up to a capacity.

Task
----
Write ``TokenBucket(rate, capacity, *, clock=time.monotonic)``. The bucket holds at most
``capacity`` tokens and starts full. Tokens flow in continuously, ``rate`` per second of
``clock()``, as a real number (at rate 2, half a token arrives in 0.25 s), and never beyond
``capacity``: what would overflow is lost.

- ``try_acquire(tokens=1.0)`` takes ``tokens`` and returns True if at least that many are in the
  bucket (exactly enough is enough); otherwise it takes nothing and returns False. It never waits.
- ``acquire(tokens=1.0, timeout=None)`` takes the tokens and returns True, waiting for them if
  they are not there yet. It waits by sleeping for the time the missing tokens take to arrive at
  ``rate`` (``time.sleep``, or a ``Condition``/``Event`` wait with that timeout), then checks
  again: never a polling loop, and never a wait for a notification that nothing sends. With a
  ``timeout`` (seconds), the deadline is ``clock() + timeout`` when the call starts, and
  waking up never moves it. acquire returns False, having taken nothing:
  - at once, without waiting, when the tokens cannot be there by the deadline even if nobody
    else takes any (so ``timeout=0`` behaves like ``try_acquire``);
  - as soon as, after other callers took tokens it was waiting for, they can no longer be there
    by the deadline; never after the deadline.
- Over any interval of length T, the tokens granted (by both methods, to all threads) total at
  most ``capacity + rate * T``.
- ``tokens`` may be any number from 0 to ``capacity``; 0 always succeeds. More tokens than
  ``capacity`` (they could never be granted), negative ``tokens``, a ``rate`` or ``capacity``
  that is not positive, and a negative ``timeout`` raise ValueError.
- Thread-safe: any number of threads may call both methods at once, and a thread waiting in
  ``acquire`` never holds up the others' calls. Waiters are not served in order: one waiting for
  many tokens may see them taken by callers asking for few.
- ``clock()`` returns seconds and never goes backwards. The bucket only reads it: the waits of
  ``acquire`` are real seconds. (The tests drive a fake clock through ``try_acquire`` and
  ``acquire(timeout=0)``, and test acquire's waiting with the real clock.)
- Each call takes O(1) time, and the bucket O(1) memory.

Examples
--------
>>> now = 0.0
>>> bucket = TokenBucket(rate=2, capacity=4, clock=lambda: now)
>>> bucket.try_acquire(3), bucket.try_acquire(2)  # it starts full: 4 tokens
(True, False)
>>> now = 0.25  # 1 + 0.5 tokens
>>> bucket.try_acquire(1.5)
True
>>> now = 100.0  # refilled, but never beyond the capacity
>>> bucket.try_acquire(4), bucket.try_acquire(0.5)
(True, False)
>>> bucket.acquire(1, timeout=0.1)  # a token is 0.5 s away: False at once
False

Limits (what the timing tests check)
------------------------------------
- acquire returns when the missing tokens have arrived: at rate 100 per second, its wait lasts
  within a small factor of a ``threading.Event().wait`` of the same length timed in the same
  run, with or without a timeout.
- A thread waiting in acquire uses almost no CPU, and try_acquire in another thread returns at
  once meanwhile.
- A timeout is one deadline: while other threads keep taking the tokens, acquire returns by
  about its timeout, not later.
- try_acquire and acquire (when the tokens are there) cost the same after an idle time of
  10,000 seconds as after one second, and within a small factor of a lock-protected dict write
  that reads the clock, timed in the same run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NoReturn


class TokenBucket:
    """At most ``capacity`` tokens, refilled continuously at ``rate`` per second of ``clock()``.

    The level is refilled lazily: each call adds ``elapsed * rate`` for the time since the last
    update, capped at the capacity, all under one lock, so a check and the take that follows it
    are one step. acquire computes how long the missing tokens take, sleeps that long outside
    the lock, and checks again.
    """

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
        if not 0 <= tokens <= self._capacity:  # inline: this is the hot path
            self._refuse(tokens)
        with self._lock:
            return self._take(tokens, self._clock())

    def acquire(self, tokens: float = 1.0, timeout: float | None = None) -> bool:
        """Take ``tokens``, sleeping until they arrive; False if they cannot by the deadline."""
        if not 0 <= tokens <= self._capacity:
            self._refuse(tokens)
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

    def _refuse(self, tokens: float) -> NoReturn:
        """Raise the ValueError for an amount of tokens outside [0, capacity]."""
        raise ValueError(f"tokens must be between 0 and {self._capacity:g}, got {tokens!r}")

    def _take(self, tokens: float, now: float) -> bool:
        """Refill up to ``now``, then take ``tokens`` if they are there (the lock is held)."""
        if now > self._updated:
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
            self._updated = now
        if self._tokens >= tokens:
            self._tokens -= tokens
            return True
        return False
