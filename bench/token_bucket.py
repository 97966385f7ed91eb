"""The token_bucket reference against the textbook buckets people write, all standard library.

Contenders: the textbook answer (a Lock, time.monotonic and min, whose acquire polls every
10 ms), a Condition-based bucket whose acquire waits at least 10 ms (a common public answer),
and, for try_acquire only, the same bucket with no lock at all (most public answers: fast, and
wrong under threads). Three loads: try_acquire from one thread, try_acquire from 4 threads
sharing a bucket, and acquire at 1,000 tokens a second from an empty bucket, where the ideal is
1,000 acquires a second. Targets: try_acquire within 1.25x of the textbook bucket's time, and
acquire at 95% of the rate or better.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from bench.common import best_seconds, print_table
from solutions.token_bucket import TokenBucket

CALLS = 200_000
THREADS = 4
ACQUIRES = 100
RATE = 1_000.0


class Bucket(Protocol):
    def try_acquire(self, tokens: float = 1.0) -> bool: ...

    def acquire(self, tokens: float = 1.0) -> bool: ...


class TextbookBucket:
    """A Lock, time.monotonic and min; acquire polls try_acquire every 10 ms."""

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate, self.capacity, self.tokens = rate, capacity, capacity
        self.last = time.monotonic()
        self.lock = threading.Lock()

    def try_acquire(self, tokens: float = 1.0) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
            if self.tokens >= tokens:
                self.tokens -= tokens
                return True
            return False

    def acquire(self, tokens: float = 1.0) -> bool:
        while not self.try_acquire(tokens):
            time.sleep(0.01)
        return True


class UnlockedBucket(TextbookBucket):
    """The textbook bucket without its lock: not thread-safe."""

    def try_acquire(self, tokens: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= tokens:
            self.tokens -= tokens
            return True
        return False


class ConditionBucket(TextbookBucket):
    """Waits on a Condition for the computed time, but never less than 10 ms."""

    def __init__(self, rate: float, capacity: float) -> None:
        super().__init__(rate, capacity)
        self.condition = threading.Condition(self.lock)

    def acquire(self, tokens: float = 1.0) -> bool:
        with self.condition:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
                self.last = now
                if self.tokens >= tokens:
                    self.tokens -= tokens
                    return True
                self.condition.wait(max((tokens - self.tokens) / self.rate, 0.01))


Factory = Callable[[float, float], Bucket]
CONTENDERS: dict[str, Factory] = {
    "reference TokenBucket": TokenBucket,
    "textbook (Lock, polls 10 ms)": TextbookBucket,
    "Condition (waits >= 10 ms)": ConditionBucket,
}


def one_thread(factory: Factory) -> Callable[[], None]:
    bucket = factory(1e12, 1e12)

    def run() -> None:
        for _ in range(CALLS):
            bucket.try_acquire()

    return run


def shared(factory: Factory) -> Callable[[], None]:
    bucket = factory(1e12, 1e12)

    def work() -> None:
        for _ in range(CALLS // THREADS):
            bucket.try_acquire()

    def run() -> None:
        threads = [threading.Thread(target=work) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    return run


def rate_limited(factory: Factory) -> Callable[[], None]:
    def run() -> None:
        bucket = factory(RATE, 5)
        bucket.try_acquire(5)  # empty: the acquires below wait for their tokens
        for _ in range(ACQUIRES):
            bucket.acquire()

    return run


def main() -> None:
    fast = {**CONTENDERS, "no lock (not thread-safe)": UnlockedBucket}
    for title, load in (
        ("try_acquire, one thread", one_thread),
        ("try_acquire, 4 threads", shared),
    ):
        timings = best_seconds({name: load(factory) for name, factory in fast.items()})
        print_table(f"token_bucket: {title}", CALLS, timings, "reference TokenBucket")
        ratio = timings["reference TokenBucket"] / timings["textbook (Lock, polls 10 ms)"]
        verdict = "met" if ratio <= 1.25 else "NOT met"
        print(f"  target: within 1.25x of the textbook bucket's time ({ratio:.2f}x): {verdict}")
    timings = best_seconds({name: rate_limited(f) for name, f in CONTENDERS.items()})
    print_table(
        f"token_bucket: acquire at {RATE:,.0f} tokens/s", ACQUIRES, timings, "reference TokenBucket"
    )
    share = ACQUIRES / timings["reference TokenBucket"] / RATE
    verdict = "met" if share >= 0.95 else "NOT met"
    print(f"  target: acquire at 95% of the rate or better ({share:.1%}): {verdict}")


if __name__ == "__main__":
    main()
