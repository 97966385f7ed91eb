"""The merge_k_sorted reference against heapq.merge and sorted(chain(...)), draining every merge.

Loads: 200,000 numbers from 10 inputs and from 1,000 inputs, and 200,000 (time, id) records from
100 inputs merged by a key function. ``heapq.merge`` is the lazy merge people would use;
``sorted(chain(...))`` is not lazy (it reads everything first), but it is what people reach for,
and it runs in C. Target: the reference within 1.2x heapq.merge's time on every load (heapq.merge
reuses its heap entries and binds each input's __next__; the reference trades that for clarity).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from heapq import merge
from itertools import chain
from operator import itemgetter
from typing import Any

from bench.common import best_seconds, print_table
from solutions.merge_k_sorted import merge_k_sorted

TOTAL = 200_000

Merge = Callable[..., Iterator[Any]]


def numbers(inputs: int) -> list[list[int]]:
    rng = random.Random(inputs)
    values = [rng.randrange(10 * TOTAL) for _ in range(TOTAL)]
    return [sorted(values[start::inputs]) for start in range(inputs)]


def records(inputs: int) -> list[list[tuple[int, str]]]:
    return [[(time, f"id{time}") for time in column] for column in numbers(inputs)]


def sorted_chain(
    *iterables: Iterable[Any], key: Callable[[Any], Any] | None = None
) -> Iterator[Any]:
    return iter(sorted(chain(*iterables), key=key))


CONTENDERS: dict[str, Merge] = {
    "reference": merge_k_sorted,
    "heapq.merge": merge,
    "sorted(chain(...)) (not lazy)": sorted_chain,
}


def drain(function: Merge, inputs: list[list[Any]], key: Callable[[Any], Any] | None) -> None:
    deque(function(*inputs, key=key), maxlen=0)


def main() -> None:
    loads: list[tuple[str, list[list[Any]], Callable[[Any], Any] | None]] = [
        ("200,000 numbers from 10 inputs", numbers(10), None),
        ("200,000 numbers from 1,000 inputs", numbers(1_000), None),
        ("200,000 records from 100 inputs, key=itemgetter(0)", records(100), itemgetter(0)),
    ]
    for title, inputs, key in loads:
        timings = best_seconds(
            {name: partial(drain, f, inputs, key) for name, f in CONTENDERS.items()}
        )
        print_table(f"merge_k_sorted: {title}", TOTAL, timings, "reference")
        verdict = "met" if timings["reference"] <= timings["heapq.merge"] * 1.2 else "NOT met"
        print(f"  target: within 1.2x heapq.merge's time: {verdict}")


if __name__ == "__main__":
    main()
