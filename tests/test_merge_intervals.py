"""Tests of the ``merge_intervals`` exercise: the specification in its docstring, on any design.

Correctness: properties over short intervals on a small line (where overlaps, touching ends,
points, duplicates and containment are common) and over ends beyond 64 bits, against a plain
model that marks every covered point; the input's order, its type (a generator) and its
preservation; examples that pin each classic bug; ValueError for a reversed interval.
Performance (``timing``): 100,000 intervals against a sort-then-sweep timed alongside, and the
growth from 10,000 to 100,000 intervals.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, thread_time

if TYPE_CHECKING:
    from solutions import merge_intervals as exercise
else:
    exercise = load("merge_intervals")

Interval = tuple[int, int]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    return exercise.merge_intervals(intervals)


def model(intervals: list[Interval]) -> list[Interval]:
    """The specification, as plainly as possible: mark every covered point, then read runs.

    The ends are replaced by their rank among all ends, doubled: ranks keep the order, and the
    odd numbers between them stand for the gap between two different ends, so (1, 2) and (3, 4)
    stay apart while (1, 2) and (2, 3) share a point. A run of marked numbers is one interval.
    """
    ends = sorted({end for interval in intervals for end in interval})
    rank = {end: 2 * index for index, end in enumerate(ends)}
    marked: set[int] = set()
    for start, end in intervals:
        marked.update(range(rank[start], rank[end] + 1))
    runs: list[list[int]] = []
    for point in sorted(marked):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [(ends[first // 2], ends[last // 2]) for first, last in runs]


def fail(intervals: object, got: object, expected: object) -> None:
    pytest.fail(
        f"merge_intervals({intervals!r}) returned {got!r}, expected {expected!r}", pytrace=False
    )


# Short intervals on a short line make overlaps, touching ends, points, duplicates and
# containment common; WIDE has ends beyond 64 bits and far apart.
SHORT = st.tuples(st.integers(-3, 12), st.integers(0, 4)).map(lambda p: (p[0], p[0] + p[1]))
WIDE = st.tuples(st.integers(-(2**70), 2**70), st.integers(0, 2**68)).map(
    lambda p: (p[0], p[0] + p[1])
)
INTERVAL_LISTS = st.lists(SHORT, max_size=12) | st.lists(SHORT | WIDE, max_size=8)


@given(intervals=INTERVAL_LISTS)
@settings(max_examples=300)
@example(intervals=[(1, 2), (2, 3)])  # touching
@example(intervals=[(1, 10), (2, 3)])  # contained
@example(intervals=[(5, 6), (1, 2)])  # unsorted
@example(intervals=[(1, 2), (3, 4)])  # a gap of one between integers
@example(intervals=[(-5, -3), (-1, 0)])  # negative ends
def test_result_agrees_with_a_simple_model(intervals: list[Interval]) -> None:
    got = merge(list(intervals))
    expected = model(intervals)
    if got != expected:
        fail(intervals, got, expected)


@given(intervals=INTERVAL_LISTS)
def test_result_is_sorted_and_separated(intervals: list[Interval]) -> None:
    got = merge(list(intervals))
    for start, end in got:
        assert start <= end, (
            f"merge_intervals({intervals!r}) returned {got!r}: ({start}, {end}) starts after it "
            "ends"
        )
    for (_, end), (start, _) in itertools.pairwise(got):
        assert start > end, (
            f"merge_intervals({intervals!r}) returned {got!r}: an interval ending at {end} is "
            f"followed by one starting at {start}; they must be merged, or start after it ends"
        )


@given(intervals=INTERVAL_LISTS)
def test_every_interval_lies_inside_the_result(intervals: list[Interval]) -> None:
    got = merge(list(intervals))
    for start, end in intervals:
        assert any(a <= start and end <= b for a, b in got), (
            f"merge_intervals({intervals!r}) returned {got!r}, which does not cover ({start}, "
            f"{end})"
        )
    starts, ends = {start for start, _ in intervals}, {end for _, end in intervals}
    for start, end in got:
        assert start in starts and end in ends, (
            f"merge_intervals({intervals!r}) returned {got!r}: ({start}, {end}) should start "
            "where an input interval starts and end where one ends"
        )


@given(intervals=st.lists(SHORT, max_size=12), data=st.data())
def test_the_order_of_the_input_does_not_matter(
    intervals: list[Interval], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(intervals), label="shuffled")
    got = merge(list(shuffled))
    expected = model(intervals)
    if got != expected:
        fail(shuffled, got, expected)


@given(intervals=INTERVAL_LISTS)
def test_a_generator_gives_the_same_result(intervals: list[Interval]) -> None:
    got = merge(interval for interval in intervals)
    expected = model(intervals)
    assert got == expected, (
        f"merge_intervals(a generator of {intervals!r}) returned {got!r}, expected {expected!r}"
    )


@given(intervals=INTERVAL_LISTS)
def test_the_input_list_is_not_modified(intervals: list[Interval]) -> None:
    passed = list(intervals)
    got = merge(passed)
    assert passed == intervals, (
        f"merge_intervals(...) changed its input list from {intervals!r} to {passed!r}"
    )
    if got:
        got.append((99, 99))
        assert passed == intervals, "appending to the result changed the input list"


# --- Examples: one per classic bug ----------------------------------------------------------------

EXAMPLES = {
    "touching intervals merge": ([(1, 2), (2, 3)], [(1, 3)]),
    "touching, given in reverse": ([(2, 3), (1, 2)], [(1, 3)]),
    "a point touching an interval": ([(1, 4), (4, 4)], [(1, 4)]),
    "a gap of one stays apart": ([(1, 2), (3, 4)], [(1, 2), (3, 4)]),
    "a contained interval keeps the end": ([(1, 10), (2, 3)], [(1, 10)]),
    "contained, then overlapping": ([(1, 10), (2, 3), (9, 12)], [(1, 12)]),
    "same start, shorter second": ([(1, 5), (1, 2)], [(1, 5)]),
    "unsorted input": ([(8, 10), (1, 3), (2, 6), (15, 18)], [(1, 6), (8, 10), (15, 18)]),
    "an earlier start given later": ([(5, 6), (1, 2), (0, 10)], [(0, 10)]),
    "sorted by end is not sorted by start": ([(1, 2), (4, 5), (0, 10)], [(0, 10)]),
    "classic": ([(1, 3), (2, 6), (8, 10), (15, 18)], [(1, 6), (8, 10), (15, 18)]),
    "a chain of overlaps": ([(1, 3), (3, 5), (5, 7), (7, 9)], [(1, 9)]),
    "duplicates": ([(2, 4), (2, 4), (2, 4)], [(2, 4)]),
    "single points": ([(3, 3), (1, 1), (3, 3)], [(1, 1), (3, 3)]),
    "negative ends": ([(-5, -3), (-3, -1), (-10, -8)], [(-10, -8), (-5, -1)]),
    "around zero and minus one": ([(-3, -1), (0, 2)], [(-3, -1), (0, 2)]),
    "beyond 64 bits": ([(2**64, 2**64 + 1), (2**64 + 1, 2**65)], [(2**64, 2**65)]),
    "beyond float precision": (
        [(2**53, 2**53), (2**53 + 1, 2**53 + 1)],
        [(2**53, 2**53), (2**53 + 1, 2**53 + 1)],
    ),
    "one interval": ([(4, 7)], [(4, 7)]),
    "no intervals": ([], []),
}


@pytest.mark.parametrize(("intervals", "expected"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(intervals: list[Interval], expected: list[Interval]) -> None:
    got = merge(list(intervals))
    if got != expected:
        fail(intervals, got, expected)


def test_result_is_a_new_list_of_tuples() -> None:
    intervals = [(1, 2), (5, 6)]
    got = merge(intervals)
    assert type(got) is list, f"merge_intervals({intervals!r}) returned a {type(got).__name__}"
    assert got is not intervals, "merge_intervals returned its input list, not a new list"
    assert all(type(interval) is tuple for interval in got), (
        f"merge_intervals({intervals!r}) returned {got!r}: the intervals must be tuples"
    )


def test_a_merged_interval_is_a_tuple() -> None:
    got = merge([(1, 3), (2, 5)])
    assert got == [(1, 5)] and type(got[0]) is tuple, (
        f"merge_intervals([(1, 3), (2, 5)]) returned {got!r}, expected [(1, 5)]"
    )


class CountingIterable:
    """An iterable that records how many times it was iterated."""

    def __init__(self, intervals: list[Interval]) -> None:
        self.intervals = intervals
        self.iterations = 0

    def __iter__(self) -> Iterator[Interval]:
        self.iterations += 1
        return iter(self.intervals)


def test_input_is_iterated_once() -> None:
    intervals = CountingIterable([(5, 6), (1, 2), (2, 3)])
    got = merge(intervals)
    assert intervals.iterations == 1, (
        f"the input was iterated {intervals.iterations} times, not once"
    )
    assert got == [(1, 3), (5, 6)], f"merge_intervals returned {got!r}, expected [(1, 3), (5, 6)]"


REVERSED = {
    "alone": [(5, 1)],
    "first": [(2, 1), (3, 4)],
    "in the middle": [(0, 1), (9, 8), (3, 4)],
    "last": [(0, 1), (3, 4), (1, 0)],
    "inside another interval": [(0, 10), (5, 4)],
    "by one, below zero": [(-1, -2)],
    "beyond 64 bits": [(2**70, 2**70 - 1)],
}


@pytest.mark.parametrize("intervals", REVERSED.values(), ids=REVERSED.keys())
def test_an_interval_that_starts_after_it_ends_raises_value_error(
    intervals: list[Interval],
) -> None:
    with pytest.raises(ValueError):
        merge(list(intervals))


def test_a_generator_with_a_reversed_interval_raises_value_error() -> None:
    with pytest.raises(ValueError):
        merge(interval for interval in [(1, 2), (4, 3)])


# --- Performance ----------------------------------------------------------------------------------


def sort_then_sweep(intervals: Sequence[Interval]) -> list[Interval]:
    """The calibration: the textbook sort-then-sweep, timed on the same machine."""
    merged: list[Interval] = []
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def scattered(count: int, seed: int) -> list[Interval]:
    """``count`` intervals of length 0-20 on a line of 40 * count, in random order.

    About a fifth of them overlap or touch another, so most stay apart: comparing each interval
    with every merged one so far costs O(n^2).
    """
    rng = random.Random(seed)
    starts = [rng.randrange(40 * count) for _ in range(count)]
    return [(start, start + rng.randrange(21)) for start in starts]


THROUGHPUT_LIMIT = 5  # the reference measures 0.8x the textbook sort-then-sweep, a heap 2.8x


def allowance(intervals: list[Interval]) -> float:
    """Seconds one call on ``intervals`` may take: a multiple of a sort-then-sweep timed now."""
    (calibration,) = best_times([lambda: sort_then_sweep(intervals)], repeat=1)
    return 2 * THROUGHPUT_LIMIT * calibration + 0.05


@pytest.mark.timing
def test_100k_intervals_within_a_factor_of_sort_then_sweep() -> None:
    intervals = scattered(100_000, seed=1)
    with deadline(allowance(intervals), "merging 100,000 intervals"):
        merge(intervals)  # a quadratic merge is stopped here, in about a second
    theirs, ours = best_times(
        [lambda: sort_then_sweep(intervals), lambda: merge(intervals)],
        repeat=3,
        clock=thread_time,
        stop_above=THROUGHPUT_LIMIT,
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message="merging 100,000 intervals took longer than a sort-then-sweep in this run",
    )


# 10x the intervals cost 12-25x (n log n, plus the sort's cache misses on a busy machine); an
# O(n^2) merge costs 60x (insort's shifts in C) to thousands of times.
GROWTH_LIMIT = 40


@pytest.mark.timing
def test_ten_times_the_intervals_cost_about_ten_times_as_much() -> None:
    small, large = scattered(10_000, seed=2), scattered(100_000, seed=3)
    with deadline(allowance(large), "merging 100,000 intervals"):
        merge(large)  # a quadratic merge is stopped here, in about a second
    small_time, large_time = best_times(
        [lambda: merge(small), lambda: merge(large)],
        repeat=5,
        clock=thread_time,
        stop_above=GROWTH_LIMIT,
    )
    check_ratio(
        large_time / small_time,
        limit=GROWTH_LIMIT,
        message="merging 100,000 intervals cost far more than 10x merging 10,000: the cost grows "
        "faster than n log n (is each interval compared with the merged ones, or inserted into "
        "or removed from the front of a list?)",
    )
