"""The retry reference against tenacity, backoff and stamina.

Two loads, each decorator set to 4 attempts on Exception with exponential backoff and jitter:
a call that succeeds at once (the overhead over a bare call), and a call that fails twice, then
succeeds, with ``time.sleep`` replaced by a no-op so that only the bookkeeping is timed.
Target: the reference's success-path overhead at most 1/5 of the fastest library's.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import backoff
import stamina
import tenacity

from bench.common import best_seconds, print_table
from solutions.retry import retry

CALLS = 20_000
FAILING_CALLS = 2_000  # each takes three attempts; the libraries need ~100 us for them

Decorator = Callable[[Callable[[int], int]], Callable[[int], int]]

DECORATORS: dict[str, Decorator] = {
    "reference retry": retry(max_retries=3),
    "backoff.on_exception": backoff.on_exception(
        backoff.expo, Exception, max_tries=4, jitter=backoff.full_jitter
    ),
    "stamina.retry": stamina.retry(on=Exception, attempts=4, timeout=None),
    "tenacity.retry": tenacity.retry(
        stop=tenacity.stop_after_attempt(4),
        wait=tenacity.wait_random_exponential(multiplier=0.1),
        reraise=True,
    ),
}


def identity(x: int) -> int:
    return x


def fails_twice() -> Callable[[int], int]:
    """A function that fails on two calls in three: each outer call succeeds on its third try."""
    calls = 0

    def flaky(x: int) -> int:
        nonlocal calls
        calls += 1
        if calls % 3:
            raise ConnectionError("try again")
        return x

    return flaky


def calling(func: Callable[[int], int], count: int = CALLS) -> Callable[[], None]:
    def run() -> None:
        for i in range(count):
            func(i)

    return run


@contextmanager
def no_sleeping() -> Iterator[None]:
    """Make every library's wait free, so the bench times their bookkeeping only."""
    real_sleep = time.sleep
    time.sleep = lambda seconds: None
    try:
        yield
    finally:
        time.sleep = real_sleep


def main() -> None:
    warnings.simplefilter("ignore")  # stamina warns when it has no instrumentation installed
    stamina.instrumentation.set_on_retry_hooks([])  # its default hook logs every retry
    success = best_seconds(
        {"bare call": calling(identity)}
        | {name: calling(decorate(identity)) for name, decorate in DECORATORS.items()}
    )
    print_table("retry: a call that succeeds at once", CALLS, success, "reference retry")
    overhead = {name: (seconds - success["bare call"]) / CALLS for name, seconds in success.items()}
    for name in DECORATORS:
        print(f"  overhead of {name:24s} {overhead[name] * 1e9:8.0f} ns per call")
    fastest = min(overhead[name] for name in DECORATORS if name != "reference retry")
    ratio = overhead["reference retry"] / fastest
    verdict = "met" if ratio <= 1 / 5 else "NOT met"
    print(f"  target: overhead <= 1/5 of the fastest library's: {verdict} ({ratio:.2f})")

    with no_sleeping():
        failing = best_seconds(
            {
                name: calling(decorate(fails_twice()), FAILING_CALLS)
                for name, decorate in DECORATORS.items()
            }
        )
    print_table(
        "retry: fails twice, then succeeds (no-op sleep)", FAILING_CALLS, failing, "reference retry"
    )


if __name__ == "__main__":
    main()
