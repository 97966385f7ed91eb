"""Mutant: after a repeat, the window is rebuilt from scratch just after the earlier occurrence.

A reviewer would say: correct, but every character after the restart point is read again: with
windows of k characters this is O(n * k), quadratic when the alphabet is large. Slide the start
forward instead of starting over.

Caught by: performance
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    best = ""
    start = 0
    while start < len(text):
        seen: dict[str, int] = {}
        end = start
        while end < len(text) and text[end] not in seen:
            seen[text[end]] = end
            end += 1
        if end - start > len(best):
            best = text[start:end]
        if end == len(text):
            break
        start = seen[text[end]] + 1
    return best
