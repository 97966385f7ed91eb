"""Shared by the benchmarks: best-of timing and a table of ratios."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping

ROUNDS = 7


def best_seconds(
    contenders: Mapping[str, Callable[[], object]], rounds: int = ROUNDS
) -> dict[str, float]:
    """The fastest of ``rounds`` runs of each contender, interleaved round by round.

    Interleaving spreads a burst of load from another process over every contender alike; the
    garbage collector is kept out of the measurements.
    """
    best = dict.fromkeys(contenders, float("inf"))
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for name, run in contenders.items():
                start = time.perf_counter()
                run()
                best[name] = min(best[name], time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def print_table(title: str, operations: int, timings: dict[str, float], reference: str) -> None:
    """Print ops/s per contender and its time as a multiple of the reference's."""
    print(f"\n{title}  ({operations:,} operations, best of {ROUNDS})")
    ours = timings[reference]
    for name, seconds in sorted(timings.items(), key=lambda item: item[1]):
        ratio = (
            "(reference)" if name == reference else f"{seconds / ours:5.2f}x the reference's time"
        )
        print(f"  {name:30s} {operations / seconds:>12,.0f} ops/s   {ratio}")
