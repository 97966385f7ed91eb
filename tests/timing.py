"""Timing helpers: every bound is relative to work measured in the same run, never fixed seconds.

The clocks are bound here, when conftest imports this module and before any submission is
imported, so a submission that replaces ``time.perf_counter`` cannot make itself look fast. Tests
take ``perf_counter`` and ``thread_time`` from here, never from ``time``.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from time import perf_counter, thread_time

import pytest

Clock = Callable[[], float]

__all__ = [
    "Budget",
    "Clock",
    "best_times",
    "check_ratio",
    "deadline",
    "growth_ratio",
    "perf_counter",
    "quiet_gc",
    "thread_time",
]


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector from landing a pause inside one measurement."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def best_times(
    actions: Sequence[Callable[[], object]], repeat: int, *, clock: Clock = perf_counter
) -> list[float]:
    """Return the fastest of ``repeat`` runs of each action, in seconds of ``clock``.

    Each round runs every action once, so a burst of load from another process slows every
    action alike rather than one of them; the best round of each is the least disturbed one.
    Pass ``clock=thread_time`` for work that runs in this thread only: on a busy machine a
    batch of a few milliseconds is often cut by another process's time slice, which wall time
    counts and this thread's CPU time does not.
    """
    best = [float("inf")] * len(actions)
    with quiet_gc():
        for _ in range(repeat):
            for index, action in enumerate(actions):
                start = clock()
                action()
                best[index] = min(best[index], clock() - start)
    return best


def growth_ratio(
    small: Callable[[], object],
    large: Callable[[], object],
    *,
    rounds: int,
    limit: float,
    clock: Clock = perf_counter,
) -> float:
    """Return best(large) / best(small), timing the two interleaved for up to ``rounds`` rounds.

    ``clock`` is as for :func:`best_times`.

    After two rounds, a ratio above ten times ``limit`` ends the measurement: an O(n) operation
    on a large structure is then beyond doubt, and timing it five more times would cost seconds.
    """
    best_small = best_large = float("inf")
    with quiet_gc():
        for round_number in range(1, rounds + 1):
            start = clock()
            small()
            middle = clock()
            large()
            end = clock()
            best_small = min(best_small, middle - start)
            best_large = min(best_large, end - middle)
            if round_number >= 2 and best_large > 10 * limit * best_small:
                break
    return best_large / max(best_small, 1e-9)


class Budget:
    """A time allowance derived from a calibration, for work that must fail fast when it is slow.

    A quadratic implementation would take minutes to fill a large structure; checking the
    allowance as the work goes on fails it in about the allowance instead.
    """

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self._deadline = perf_counter() + seconds

    def check(self, progress: str) -> None:
        """Fail the test if the allowance is spent; ``progress`` says how far the work got."""
        if perf_counter() > self._deadline:
            pytest.fail(
                f"{self.what} took more than its allowance of {self.seconds:.2f}s "
                f"(measured in this run) and was stopped {progress}",
                pytrace=False,
            )


def check_ratio(ratio: float, limit: float, message: str) -> None:
    """Fail with ``message`` and the measured ratio if it is above ``limit``."""
    if ratio > limit:
        pytest.fail(f"{message}: measured {ratio:.1f}x, the limit is {limit:g}x", pytrace=False)


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Interrupt the block with a failure if it runs longer than ``seconds``.

    One slow call (a quadratic algorithm on 100,000 items) cannot be checked between steps the
    way :class:`Budget` checks, so an alarm interrupts it. pytest-timeout's own alarm, if set, is
    put back afterwards with the time it had left.
    """

    def expire(signum: int, frame: object) -> None:
        pytest.fail(
            f"{what} took more than its allowance of {seconds:.2f}s (measured in this "
            "run) and was stopped",
            pytrace=False,
        )

    start = perf_counter()
    outer_handler = signal.signal(signal.SIGALRM, expire)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left > 0:
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer_left - (perf_counter() - start)))
