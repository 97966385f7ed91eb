"""The longest_unique_substring reference against the common answers, on short and long runs.

Contenders: the textbook set-based sliding window, a dict of last indexes that slices out each
better window (keon/algorithms' get_longest_non_repeat_v1), and a string window searched with
`in` and cut with a slice (a frequent LeetCode answer, O(n * k)). Target: on each load the
reference is no slower than the fastest of them.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from functools import partial

from bench.common import best_seconds, print_table
from solutions.longest_unique_substring import longest_unique_substring


def english_like(size: int) -> str:
    """Lowercase letters and spaces: unique runs of about ten characters."""
    rng = random.Random(7)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz      ", k=size))


def long_runs(size: int) -> str:
    """Unique runs of a quarter of the text (the timing tests' load)."""
    rng = random.Random(7)
    cycling = [chr(0x100 + i) for i in range(size // 8)]
    between = [chr(0x10000 + i) for i in range(size // 4)]
    rng.shuffle(cycling)
    rng.shuffle(between)
    pairs = zip(itertools.cycle(cycling), itertools.cycle(between))
    return "".join(a + b for a, b in itertools.islice(pairs, size // 2))


def set_window(text: str) -> str:
    window: set[str] = set()
    left = best_left = best_length = 0
    for right, char in enumerate(text):
        while char in window:
            window.remove(text[left])
            left += 1
        window.add(char)
        if right + 1 - left > best_length:
            best_left, best_length = left, right + 1 - left
    return text[best_left : best_left + best_length]


def dict_slicing_each_better(text: str) -> str:
    last: dict[str, int] = {}
    start = 0
    best = ""
    for index, char in enumerate(text):
        if char in last:
            start = max(last[char] + 1, start)
        last[char] = index
        if index + 1 - start > len(best):
            best = text[start : index + 1]
    return best


def string_window(text: str) -> str:
    window = best = ""
    for char in text:
        if char in window:
            window = window[window.index(char) + 1 :]
        window += char
        if len(window) > len(best):
            best = window
    return best


CONTENDERS: dict[str, Callable[[str], str]] = {
    "reference": longest_unique_substring,
    "set window": set_window,
    "dict, slicing each better": dict_slicing_each_better,
    "string window": string_window,
}


def main() -> None:
    for title, load in (
        ("English-like text (runs of ~10)", english_like(1_000_000)),
        ("unique runs of 12,500, half of them astral", long_runs(50_000)),
    ):
        results = {name: f(load) for name, f in CONTENDERS.items()}
        assert len(set(results.values())) == 1, "the contenders disagree"
        timings = best_seconds({name: partial(f, load) for name, f in CONTENDERS.items()})
        print_table(f"longest_unique_substring: {title}", len(load), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
