"""A correct design unlike the reference: the starts and the ends sorted apart, never paired.

After sorting both lists, the i-th smallest end closes a merged interval exactly when the next
start lies beyond it: up to there, as many intervals have ended as have started, and nothing
covers the gap. Two sorts of plain ints and one sweep, O(n log n); the timing tests must accept
it.
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        starts.append(start)
        ends.append(end)
    starts.sort()
    ends.sort()
    merged: list[tuple[int, int]] = []
    first = 0
    for index in range(len(starts)):
        if index + 1 == len(starts) or starts[index + 1] > ends[index]:
            merged.append((starts[first], ends[index]))
            first = index + 1
    return merged
