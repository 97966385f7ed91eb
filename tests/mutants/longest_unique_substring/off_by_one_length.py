"""Mutant: the window's length is taken as index - start, one short.

A reviewer would say: the window text[start : index + 1] holds index - start + 1 characters;
"abc" comes back as "ab", and a single character as "".

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    last: dict[str, int] = {}
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        if last.get(char, -1) >= start:
            start = last[char] + 1
        last[char] = index
        if index - start > best_length:
            best_start, best_length = start, index - start
    return text[best_start : best_start + best_length]
