"""Mutant: the window is compared with the best only when a repeat ends it.

A reviewer would say: the last window is never ended by a repeat: "abcd" gives "" and "aabcd"
gives "a". Compare once more after the loop, or on every step.

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    last: dict[str, int] = {}
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        if last.get(char, -1) >= start:
            if index - start > best_length:
                best_start, best_length = start, index - start
            start = last[char] + 1
        last[char] = index
    return text[best_start : best_start + best_length]
