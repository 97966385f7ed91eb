"""Mutant: the key counts every character with str.count, once per character of the word.

A reviewer would say: correct, but O(k^2) per word: a word of 10,000 characters makes
100,000,000 character comparisons where sorting needs about 140,000.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[tuple[tuple[str, int], ...], list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = tuple(sorted({(char, folded.count(char)) for char in folded}))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
