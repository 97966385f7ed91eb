"""Timing helpers: every bound is relative to work measured in the same run, never fixed seconds.

The clocks are bound here, when conftest imports this module and before any submission is
imported, so a submission that replaces ``time.perf_counter`` cannot make itself look fast. Tests
take ``perf_counter`` and ``thread_time`` from here, never from ``time``.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from time import perf_counter, thread_time

import pytest

Clock = Callable[[], float]

__all__ = [
    "Budget",
    "Clock",
    "best_times",
    "check_growth",
    "check_ratio",
    "deadline",
    "growth_ratio",
    "guarded_best_times",
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
    actions: Sequence[Callable[[], object]],
    repeat: int,
    *,
    clock: Clock = perf_counter,
    stop_above: float | None = None,
) -> list[float]:
    """Return the fastest of ``repeat`` runs of each action, in seconds of ``clock``.

    Each round runs every action once, so a burst of load from another process slows every
    action alike rather than one of them; the best round of each is the least disturbed one.
    Pass ``clock=thread_time`` for work that runs in this thread only: on a busy machine a
    batch of a few milliseconds is often cut by another process's time slice, which wall time
    counts and this thread's CPU time does not.

    With ``stop_above``, after two rounds a last action costing more than ten times
    ``stop_above`` times the first ends the measurement: its check has failed beyond doubt, and
    more rounds of a slow answer would cost seconds.
    """
    best = [float("inf")] * len(actions)
    with quiet_gc():
        for round_number in range(1, repeat + 1):
            for index, action in enumerate(actions):
                start = clock()
                action()
                best[index] = min(best[index], clock() - start)
            if stop_above and round_number >= 2 and best[-1] > 10 * stop_above * best[0]:
                break
    return best


def guarded_best_times(
    ours: Callable[[], object],
    reference: Callable[[], object],
    *,
    repeat: int,
    allowance: float,
    slack: float = 0.0,
    what: str,
) -> tuple[float, float]:
    """Return the best ``thread_time`` of ``ours`` and of ``reference`` over ``repeat`` rounds.

    The first round is also the guard: ``ours`` runs under a :func:`deadline` of ``allowance``
    times the reference's wall time in that round, plus ``slack`` seconds, so that a quadratic
    design is stopped in about a second instead of being timed for minutes. Its times count as
    a round like the others: a separate guarded call would cost as much as a round, and measure
    nothing.
    """
    with quiet_gc():
        wall, cpu = perf_counter(), thread_time()
        reference()
        reference_wall, reference_best = perf_counter() - wall, thread_time() - cpu
        with deadline(allowance * reference_wall + slack, what):
            cpu = thread_time()
            ours()
            ours_best = thread_time() - cpu
    if repeat > 1:
        later_ours, later_reference = best_times([ours, reference], repeat - 1, clock=thread_time)
        ours_best, reference_best = min(ours_best, later_ours), min(reference_best, later_reference)
    return ours_best, reference_best


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


def check_growth(
    operations: Mapping[str, tuple[Callable[[], object], Callable[[], object]]],
    *,
    rounds: int,
    limit: float,
    small_label: str,
    large_label: str,
) -> None:
    """Fail if an operation costs more than ``limit`` times as much on the large structure.

    ``operations`` maps a name that says what is measured and in which regime ("put (evicting
    from a full cache)") to a pair of actions: one batch of the operation on the small structure
    and the same batch on the large one. They are timed in the order given, the two of a pair
    interleaved, best of up to ``rounds`` rounds, as :func:`growth_ratio` does, but in CPU time
    of this thread (``thread_time``): on a busy machine a batch of a few milliseconds is often
    cut by another process's time slice, which wall time counts and CPU time does not (5,000
    words grouped: 52x the cost of 500 in wall time beside 16 busy processes, 10x in CPU time).

    The first operation that grew fails the test with its name, its ratio and the sizes in
    words: "put (evicting from a full cache) cost 93.2x more at 100,000 entries than at 1,000;
    the limit is 4x". The rest are not timed: an O(n) operation costs about a second at each
    size, and one is enough to fail. An action must leave its structure in the same regime for
    the next round (a full cache stays full), since it runs up to ``rounds`` times.
    """
    # The structures are built: freezing them spares each collection from walking them.
    gc.freeze()
    try:
        for name, (small, large) in operations.items():
            ratio = growth_ratio(small, large, rounds=rounds, limit=limit, clock=thread_time)
            if ratio > limit:
                pytest.fail(
                    f"{name} cost {ratio:.1f}x more at {large_label} than at {small_label}; "
                    f"the limit is {limit:g}x",
                    pytrace=False,
                )
    finally:
        gc.unfreeze()


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
