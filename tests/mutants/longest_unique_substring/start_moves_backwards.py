"""Mutant: a repeat moves the window's start to just after its previous occurrence, without max.

A reviewer would say: that occurrence may already lie before the window: in "abba" the second
"a" sends the start back to index 1, and the window "bba" holds "b" twice. The start must only
move forwards: start = max(start, last[char] + 1).

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    last: dict[str, int] = {}
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        if char in last:
            start = last[char] + 1
        last[char] = index
        if index + 1 - start > best_length:
            best_start, best_length = start, index + 1 - start
    return text[best_start : best_start + best_length]
