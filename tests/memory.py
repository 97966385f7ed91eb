"""Memory helpers: peak memory by ``tracemalloc``, bounded by growth with input size, never bytes.

A streaming answer keeps what it needs and lets the rest go, so its peak memory does not grow
with its input; an answer that materialises its input grows with it. :func:`check_memory_growth`
makes the same call on a small and a large input and compares the two peaks. Each input should
come from a generator (a prebuilt list would itself be the memory), passed through
:func:`watched`, which stops the large call as soon as it holds more than the limit allows.

The ``tracemalloc`` functions are bound here, when a test module imports this one and before it
imports the submission, so a submission that replaces ``tracemalloc.get_traced_memory`` cannot
make itself look lean. One that stops tracing or clears the traces during the call fails the
measurement. One that calls ``tracemalloc.reset_peak`` still fails once it keeps its input,
since what it keeps stays in the traced memory; only the static audit can refuse it outright.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from tracemalloc import (
    get_object_traceback,
    get_traced_memory,
    is_tracing,
    reset_peak,
    start,
    stop,
)
from typing import NoReturn, TypeVar

import pytest

T = TypeVar("T")

__all__ = ["check_memory_growth", "format_size", "peak_memory", "watched"]

CHECK_EVERY = 256  # items between two looks at the traced memory in watched()


def format_size(size: float) -> str:
    """``size`` bytes in the units a learner reads: ``"72 kB"``, ``"48.1 MB"``."""
    if size < 1_000_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


@dataclass
class Measurement:
    """One call being measured: where its memory started, and what it is allowed."""

    limit: float = float("inf")  # bytes above ``base`` that the call may hold
    describe: Callable[[int, int], str] | None = None  # (bytes held, items read) -> message
    base: int = 0  # traced bytes when the call started
    # Made anew by _measure once tracing is on, so it has a trace until the traces are cleared.
    witness: bytearray = field(default_factory=bytearray)

    def peak(self) -> int:
        """The call's peak so far, in bytes; fail if tracing was stopped or its traces cleared."""
        if not is_tracing():
            self.fail("tracemalloc was stopped during the call")
        if get_object_traceback(self.witness) is None:
            self.fail("tracemalloc's traces were cleared during the call")
        _, peak = get_traced_memory()
        return max(peak - self.base, 0)

    @staticmethod
    def fail(what: str) -> NoReturn:
        """Fail the test: the measurement was tampered with."""
        pytest.fail(f"{what}, so its memory cannot be measured", pytrace=False)


_current: Measurement | None = None  # the call being measured, for watched()


@contextmanager
def _tracing() -> Iterator[None]:
    """Trace allocations in the block: start tracing if it was off, and stop it afterwards."""
    started = not is_tracing()
    if started:
        start()
    try:
        yield
    finally:
        if started and is_tracing():
            stop()


def _measure(action: Callable[[], object], measurement: Measurement) -> int:
    """Run ``action`` with tracing on; return its peak in bytes above the memory at its start."""
    global _current
    # The collector stays enabled while the call runs: freeing cyclic garbage is part of a
    # program's real memory use, and with it disabled a correct answer that makes cycles would
    # seem to grow without bound. Collecting first starts every measurement from the same state.
    gc.collect()
    with _tracing():
        measurement.witness = bytearray(64)
        reset_peak()
        measurement.base, _ = get_traced_memory()
        _current = measurement
        try:
            action()
        finally:
            _current = None
        return measurement.peak()


def peak_memory(action: Callable[[], object]) -> int:
    """Return the peak memory, in bytes, that ``action`` allocated above what was in use before.

    Tracing starts and stops here (it is left on if it was on) and the peak is reset first, so
    earlier tests' allocations do not count.
    """
    return _measure(action, Measurement())


def watched(items: Iterable[T], every: int = CHECK_EVERY) -> Iterator[T]:
    """Yield ``items``; while :func:`check_memory_growth` measures, stop the call once too large.

    Every ``every`` items it compares the call's peak so far with the allowance, so that an
    answer which keeps its whole input fails after a fraction of it instead of filling memory.
    """
    iterator = iter(items)
    count = 0
    while True:
        taken = 0
        for item in islice(iterator, every):
            # Counting up to 256 allocates nothing (CPython caches those ints), so the
            # measurement sees only the items and what the call keeps of them.
            taken += 1
            yield item
        count += taken
        measurement = _current
        if measurement is not None and measurement.describe is not None:
            peak = measurement.peak()
            if peak > measurement.limit:
                pytest.fail(measurement.describe(peak, count), pytrace=False)
        if taken < every:
            return


def check_memory_growth(
    small: Callable[[], object],
    large: Callable[[], object],
    *,
    limit: float,
    what: str,
    small_label: str,
    large_label: str,
    expected: str,
) -> float:
    """Fail unless ``large``'s peak memory is at most ``limit`` times ``small``'s; return the ratio.

    ``small`` and ``large`` make the same call on a small and a large input (read through
    :func:`watched`); ``what`` names the call as the learner wrote it (``"top_values(lines,
    'price', 10)"``), the labels name the inputs (``"1,000 lines"``), and ``expected`` says what
    a right answer keeps (``"a streaming answer keeps only the 10 best rows"``). ``small`` runs
    once untraced first, so that imports and caches filled by a first call do not count. While
    ``large`` runs, :func:`watched` stops it as soon as its peak passes ``limit`` times the
    small peak.
    """
    small()
    small_peak = max(peak_memory(small), 1)

    def stopped(peak: int, count: int) -> str:
        return (
            f"{what} held {format_size(peak)} after {count:,} of {large_label}, more than "
            f"{limit:g}x its peak of {format_size(small_peak)} for {small_label}, and was "
            f"stopped: {expected}, so its memory does not grow with the input"
        )

    large_peak = _measure(large, Measurement(limit * small_peak, stopped))
    ratio = large_peak / small_peak
    if ratio > limit:
        pytest.fail(
            f"{what} peaked at {format_size(large_peak)} for {large_label} against "
            f"{format_size(small_peak)} for {small_label} ({ratio:.1f}x): {expected}, so its "
            f"memory does not grow with the input; the limit is {limit:g}x",
            pytrace=False,
        )
    return ratio
