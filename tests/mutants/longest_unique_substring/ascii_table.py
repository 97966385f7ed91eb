"""Mutant: the last index of each character is kept in a table of 128 slots indexed by ord().

A reviewer would say: that assumes ASCII; "é" or "日" raises IndexError. Any code point up to
0x10FFFF may occur: use a dict.

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    last = [-1] * 128
    start = best_start = best_length = 0
    for index, char in enumerate(text):
        code = ord(char)
        if last[code] >= start:
            start = last[code] + 1
        last[code] = index
        if index + 1 - start > best_length:
            best_start, best_length = start, index + 1 - start
    return text[best_start : best_start + best_length]
