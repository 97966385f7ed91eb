"""Mutant: the window slides over the UTF-8 bytes of the text instead of its characters.

A reviewer would say: a byte is not a character: "é" and "è" share their first byte, so "éè"
gives "é"; a window can cut a character in half, and a lone surrogate cannot be encoded at all.

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    data = text.encode("utf-8")
    last = [-1] * 256
    start = best_start = best_length = 0
    for index, byte in enumerate(data):
        if last[byte] >= start:
            start = last[byte] + 1
        last[byte] = index
        if index + 1 - start > best_length:
            best_start, best_length = start, index + 1 - start
    return data[best_start : best_start + best_length].decode("utf-8", errors="ignore")
