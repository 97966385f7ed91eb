"""Alternative: a generator pipeline, dict.get counters and heapq.nlargest with first-seen ranks.

A different design from the reference: parsing is a generator of parsed records, the counts are
plain dicts, and the three busiest are picked by a heap keyed on (count, -first position).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from typing import NamedTuple

TOP = 3


class Summary(NamedTuple):
    """What :func:`summarize` finds in a log."""

    requests: int
    bytes_sent: int
    by_status: dict[int, int]
    busiest: list[tuple[str, int]]


def _requests(lines: Iterable[str]) -> Iterator[tuple[str, int, int]]:
    """The kept lines as (path, status, bytes), one at a time."""
    for line in lines:
        match line.split():
            case [_, path, status, size] if status.isdecimal() and size.isdecimal():
                yield path, int(status), int(size)


def summarize(lines: Iterable[str]) -> Summary:
    """Summarize the log ``lines`` in one pass."""
    by_status: dict[int, int] = {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    requests = bytes_sent = 0
    for path, status, size in _requests(lines):
        requests += 1
        bytes_sent += size
        by_status[status] = by_status.get(status, 0) + 1
        counts[path] = counts.get(path, 0) + 1
        first.setdefault(path, requests)
    top = heapq.nlargest(TOP, counts, key=lambda path: (counts[path], -first[path]))
    busiest = [(path, counts[path]) for path in top]
    return Summary(requests, bytes_sent, {s: by_status[s] for s in sorted(by_status)}, busiest)
