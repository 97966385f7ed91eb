"""Mutant: the key is the sum of the code points.

A reviewer would say: different letters can add up to the same sum: 'ad' and 'bc' both make 197.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[int, list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = sum(map(ord, folded))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
