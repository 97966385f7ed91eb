"""Mutant: each window longer than the best so far is sliced out of the text at once.

A reviewer would say: correct, but while the best window grows one character at a time, every
step copies it again: 1 + 2 + ... + k characters, O(k^2) for an answer of k characters. Keep the
best window's start and length, and slice once at the end.

Caught by: performance
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    last: dict[str, int] = {}
    start = 0
    best = ""
    for index, char in enumerate(text):
        if last.get(char, -1) >= start:
            start = last[char] + 1
        last[char] = index
        if index + 1 - start > len(best):
            best = text[start : index + 1]
    return best
