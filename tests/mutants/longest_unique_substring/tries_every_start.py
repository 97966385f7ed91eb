"""Mutant: from every start, the longest run without a repeat is grown with a fresh set.

A reviewer would say: correct, but O(n * k): each of the n starts reads its whole run again, and
with a large alphabet runs are long. A sliding window reads each character once.

Caught by: performance
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    best_start = best_length = 0
    for start in range(len(text)):
        seen: set[str] = set()
        for char in text[start:]:
            if char in seen:
                break
            seen.add(char)
        if len(seen) > best_length:
            best_start, best_length = start, len(seen)
    return text[best_start : best_start + best_length]
