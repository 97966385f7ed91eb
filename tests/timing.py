"""Timing helpers: every bound is relative to work measured in the same run, never fixed seconds.

The clock is bound here, when conftest imports this module and before any submission is imported,
so a submission that replaces ``time.perf_counter`` cannot make itself look fast.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from time import perf_counter

import pytest


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


def best_times(actions: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Return the fastest of ``repeat`` runs of each action, in seconds.

    Each round runs every action once, so a burst of load from another process slows every
    action alike rather than one of them; the best round of each is the least disturbed one.
    """
    best = [float("inf")] * len(actions)
    with quiet_gc():
        for _ in range(repeat):
            for index, action in enumerate(actions):
                start = perf_counter()
                action()
                best[index] = min(best[index], perf_counter() - start)
    return best


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


def check_ratio(slow: float, fast: float, limit: float, message: str) -> None:
    """Fail with ``message`` and the ratio if ``slow`` is more than ``limit`` times ``fast``."""
    ratio = slow / fast
    if ratio > limit:
        pytest.fail(f"{message}: measured {ratio:.1f}x, the limit is {limit:g}x", pytrace=False)
