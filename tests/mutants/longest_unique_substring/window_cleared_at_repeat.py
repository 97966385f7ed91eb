"""Mutant: a repeated character empties the window, which restarts at that character.

A reviewer would say: the characters after the earlier occurrence still belong to the window: in
"dvdf" the second "d" keeps "v", and the answer is "vdf", not "dv".

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    window: set[str] = set()
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        if char in window:
            window = set()
            start = index
        window.add(char)
        if index + 1 - start > best_length:
            best_start, best_length = start, index + 1 - start
    return text[best_start : best_start + best_length]
