"""Mutant: each character is looked for in the window with str.find instead of a dict.

A reviewer would say: correct, but str.find reads the whole window for every character: O(n * k),
quadratic when the alphabet is large. Remember where each character was last seen.

Caught by: performance
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        previous = text.find(char, start, index)
        if previous >= 0:
            start = previous + 1
        if index + 1 - start > best_length:
            best_start, best_length = start, index + 1 - start
    return text[best_start : best_start + best_length]
