"""The top_k_frequent reference against the common answers, for a small k and a large one.

Contenders: ``Counter(items).most_common(k)``, ``heapq.nlargest`` over a Counter's keys, a sort
of every distinct value by count, and the textbook bucket sort (counts in a plain dict, values
in a list indexed by count). Target: on each load the reference is no slower than the fastest
of them.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from collections.abc import Callable
from functools import partial

from bench.common import best_seconds, print_table
from solutions.top_k_frequent import top_k_frequent


def many_values(count: int, distinct: int) -> list[int]:
    """``count`` integers holding ``distinct`` values, at skewed counts (a few very common)."""
    rng = random.Random(7)
    values = list(range(distinct))
    weights = [1 / (rank + 1) for rank in range(distinct)]  # Zipf-like, as word counts are
    items = values + rng.choices(values, weights, k=count - distinct)
    rng.shuffle(items)
    return items


def most_common(items: list[int], k: int) -> list[int]:
    return [value for value, _ in Counter(items).most_common(k)]


def nlargest_over_counts(items: list[int], k: int) -> list[int]:
    counts = Counter(items)
    return heapq.nlargest(k, counts, key=counts.__getitem__)


def sorted_over_counts(items: list[int], k: int) -> list[int]:
    counts = Counter(items)
    return sorted(counts, key=counts.__getitem__, reverse=True)[:k]


def bucket_sort(items: list[int], k: int) -> list[int]:
    counts: dict[int, int] = {}
    for value in items:
        counts[value] = counts.get(value, 0) + 1
    buckets: list[list[int]] = [[] for _ in range(max(counts.values(), default=0) + 1)]
    for value, count in counts.items():
        buckets[count].append(value)
    result: list[int] = []
    for bucket in reversed(buckets):
        if len(result) >= k:
            break
        result.extend(bucket[: k - len(result)])
    return result


CONTENDERS: dict[str, Callable[[list[int], int], list[int]]] = {
    "reference": top_k_frequent,
    "Counter.most_common(k)": most_common,
    "heapq.nlargest over counts": nlargest_over_counts,
    "sorted over counts": sorted_over_counts,
    "bucket sort": bucket_sort,
}


def main() -> None:
    for title, items, k in (
        ("top 10 of 100,000 integers, 50,000 values", many_values(100_000, 50_000), 10),
        ("top 10 of 1,000,000 integers, 1,000 values", many_values(1_000_000, 1_000), 10),
        ("top 5,000 of 1,000,000 integers, 200,000 values", many_values(1_000_000, 200_000), 5_000),
    ):
        expected = most_common(items, k)
        assert all(f(items, k) == expected for f in CONTENDERS.values()), title
        timings = best_seconds({name: partial(f, items, k) for name, f in CONTENDERS.items()})
        print_table(f"top_k_frequent: {title}", len(items), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
