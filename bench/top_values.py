"""The top_values reference against the common answers: time, and peak memory on a stream.

Contenders, all standard library (pandas would be the library people reach for, but it is not a
dependency): ``heapq.nlargest`` over ``csv.DictReader`` with a float key, and ``sorted`` over
every ``csv.DictReader`` row. Neither checks the rows (field counts, NaN, line numbers), so they
do less work than the reference. Targets: no slower than the nlargest answer, and a peak memory
that does not grow with the input, unlike the sorted one.
"""

from __future__ import annotations

import csv
import gc
import heapq
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from bench.common import best_seconds, print_table
from solutions.top_values import top_values

Rows = list[dict[str, str]]


def nlargest_over_dictreader(lines: Iterable[str], column: str, n: int) -> Rows:
    return heapq.nlargest(n, csv.DictReader(lines), key=lambda row: float(row[column]))


def sorted_over_dictreader(lines: Iterable[str], column: str, n: int) -> Rows:
    return sorted(csv.DictReader(lines), key=lambda row: float(row[column]), reverse=True)[:n]


CONTENDERS: dict[str, Callable[[Iterable[str], str, int], Rows]] = {
    "reference": top_values,
    "heapq.nlargest over DictReader": nlargest_over_dictreader,
    "sorted over DictReader": sorted_over_dictreader,
}


def shuffled_lines(count: int) -> Iterator[str]:
    """A header and ``count`` rows of id, name, price and quantity, prices in no order."""
    yield "id,name,price,quantity\n"
    for i in range(count):
        yield f"{i},item {i},{i * 7_919 % 100_003}.25,{i % 17}\n"


def rising_lines(count: int) -> Iterator[str]:
    """A header and ``count`` rows whose prices rise, so every row enters the top n."""
    yield "id,name,price,quantity\n"
    for i in range(count):
        yield f"{i},item {i},{i}.5,{i % 17}\n"


def peak_bytes(action: Callable[[], object]) -> int:
    """The peak memory that ``action`` allocates, by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def on_stream(
    f: Callable[[Iterable[str], str, int], Rows],
    make: Callable[[int], Iterator[str]],
    count: int,
    n: int,
) -> Rows:
    """Call ``f`` on ``count`` rows that ``make`` generates, one at a time."""
    return f(make(count), "price", n)


def main() -> None:
    count = 200_000
    for title, make, n in (
        (f"top 10 of {count:,} rows, prices in no order", shuffled_lines, 10),
        (f"top 1,000 of {count:,} rows, prices in no order", shuffled_lines, 1_000),
        (f"top 1,000 of {count:,} rows, rising prices", rising_lines, 1_000),
    ):
        lines = list(make(count))
        expected = sorted_over_dictreader(lines, "price", n)
        assert all(f(lines, "price", n) == expected for f in CONTENDERS.values()), title
        timings = best_seconds(
            {name: partial(f, lines, "price", n) for name, f in CONTENDERS.items()}
        )
        print_table(f"top_values: {title}", count, timings, "reference")
        print(f"  peak memory, reading {count // 10:,} rows from a generator (tracemalloc):")
        for name, f in CONTENDERS.items():
            peak = peak_bytes(partial(on_stream, f, make, count // 10, n))
            print(f"  {name:30s} {peak / 1e6:8.2f} MB")
        fastest = timings["heapq.nlargest over DictReader"]
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than heapq.nlargest over DictReader: {verdict}")


if __name__ == "__main__":
    main()
