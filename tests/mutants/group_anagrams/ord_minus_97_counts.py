"""Mutant: the key counts letters in a list indexed by ord(c) - 97.

A reviewer would say: this assumes lowercase ASCII: 'Z' lands on 't', and most of Unicode raises
IndexError.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def letter_counts(word: str) -> tuple[int, ...]:
    counts = [0] * 26
    for char in word:
        counts[ord(char) - 97] += 1
    return tuple(counts)


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = letter_counts(folded)
        groups.setdefault(key, []).append(word)
    return list(groups.values())
