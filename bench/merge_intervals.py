"""The merge_intervals reference against the common answers, on scattered and on nested intervals.

Contenders: the textbook sort-then-sweep (a lambda key, tuples rebuilt with max()), the LeetCode
answer on lists ([start, end] copies sorted in place, the last end raised in place), sorting the
starts and the ends apart, and a heap of intervals. Target: on each load the reference is no
slower than the fastest of them.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from functools import partial

from bench.common import best_seconds, print_table
from solutions.merge_intervals import merge_intervals

Interval = tuple[int, int]


def scattered(count: int) -> list[Interval]:
    """Short intervals on a long line: most stay apart (the timing tests' load)."""
    rng = random.Random(7)
    starts = [rng.randrange(40 * count) for _ in range(count)]
    return [(start, start + rng.randrange(21)) for start in starts]


def crowded(count: int) -> list[Interval]:
    """Long intervals on a short line: almost everything merges."""
    rng = random.Random(7)
    starts = [rng.randrange(count) for _ in range(count)]
    return [(start, start + rng.randrange(1_000)) for start in starts]


def textbook(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def leetcode_lists(intervals: list[Interval]) -> list[Interval]:
    copies = [list(interval) for interval in intervals]
    copies.sort(key=lambda interval: interval[0])
    merged: list[list[int]] = []
    for interval in copies:
        if merged and interval[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], interval[1])
        else:
            merged.append(interval)
    return [(start, end) for start, end in merged]


def starts_and_ends(intervals: list[Interval]) -> list[Interval]:
    starts = sorted(start for start, _ in intervals)
    ends = sorted(end for _, end in intervals)
    merged: list[Interval] = []
    first = 0
    for index in range(len(starts)):
        if index + 1 == len(starts) or starts[index + 1] > ends[index]:
            merged.append((starts[first], ends[index]))
            first = index + 1
    return merged


def heap(intervals: list[Interval]) -> list[Interval]:
    pending = list(intervals)
    heapq.heapify(pending)
    merged: list[Interval] = []
    while pending:
        start, end = heapq.heappop(pending)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


CONTENDERS: dict[str, Callable[[list[Interval]], list[Interval]]] = {
    "reference": merge_intervals,
    "textbook sort-then-sweep": textbook,
    "LeetCode answer on lists": leetcode_lists,
    "starts and ends sorted apart": starts_and_ends,
    "heap of intervals": heap,
}


def main() -> None:
    for title, load in (
        ("scattered intervals (most stay apart)", scattered(200_000)),
        ("crowded intervals (almost all merge)", crowded(200_000)),
    ):
        results = [f(load) for f in CONTENDERS.values()]
        assert all(result == results[0] for result in results), "the contenders disagree"
        timings = best_seconds({name: partial(f, load) for name, f in CONTENDERS.items()})
        print_table(f"merge_intervals: {title}", len(load), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
