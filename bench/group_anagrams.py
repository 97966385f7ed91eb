"""The group_anagrams reference against the common answers, on short and on long words.

Contenders: a sorted-string key in a defaultdict, a count-tuple key (26 letters) and a
Counter-based key. Target: on each load the reference is no slower than the fastest of them.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial

from bench.common import best_seconds, print_table
from solutions.group_anagrams import group_anagrams

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def words(count: int, low: int, high: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choices(LETTERS, k=rng.randint(low, high))) for _ in range(count)]


def sorted_key(items: list[str]) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in items:
        groups["".join(sorted(word))].append(word)
    return list(groups.values())


def count_tuple_key(items: list[str]) -> list[list[str]]:
    groups: defaultdict[tuple[int, ...], list[str]] = defaultdict(list)
    for word in items:
        counts = [0] * 26
        for char in word:
            counts[ord(char) - 97] += 1
        groups[tuple(counts)].append(word)
    return list(groups.values())


def counter_key(items: list[str]) -> list[list[str]]:
    groups: defaultdict[frozenset[tuple[str, int]], list[str]] = defaultdict(list)
    for word in items:
        groups[frozenset(Counter(word).items())].append(word)
    return list(groups.values())


CONTENDERS: dict[str, Callable[[list[str]], list[list[str]]]] = {
    "reference": group_anagrams,
    "sorted-string key": sorted_key,
    "count-tuple key": count_tuple_key,
    "Counter key": counter_key,
}


def main() -> None:
    for title, load in (
        ("short words (1-8 letters)", words(200_000, 1, 8)),
        ("long words (100-200 letters)", words(20_000, 100, 200)),
    ):
        timings = best_seconds({name: partial(f, load) for name, f in CONTENDERS.items()})
        print_table(f"group_anagrams: {title}", len(load), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
