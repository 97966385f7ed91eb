"""Mutant: the best window starts as the text's first character.

A reviewer would say: the empty text has no first character: text[0] raises IndexError, and the
statement asks for "".

Caught by: correctness
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    best = text[0]
    last: dict[str, int] = {}
    start = 0
    for index, char in enumerate(text):
        if last.get(char, -1) >= start:
            start = last[char] + 1
        last[char] = index
        if index + 1 - start > len(best):
            best = text[start : index + 1]
    return best
