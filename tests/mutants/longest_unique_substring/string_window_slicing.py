"""Mutant: the window is a string, searched with `in` and cut with a slice at each repeat.

A reviewer would say: correct, but `char in window` reads the window and the slice copies it, for
every character: O(n * k), quadratic when the alphabet is large, however fast each step is in C.

Caught by: performance
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    window = best = ""
    for char in text:
        if char in window:
            window = window[window.index(char) + 1 :]
        window += char
        if len(window) > len(best):
            best = window
    return best
