"""Mutant: a window as long as the best replaces it (>= instead of >).

A reviewer would say: of equally long answers the statement asks for the first; in "abcbd" this
returns "cbd" instead of "abc".

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
        if index + 1 - start >= best_length:
            best_start, best_length = start, index + 1 - start
    return text[best_start : best_start + best_length]
