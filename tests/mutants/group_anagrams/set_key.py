"""Mutant: the key is the set of a word's characters.

A reviewer would say: a set forgets how often each character occurs: 'aab' and 'abb' are not
anagrams.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[frozenset[str], list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = frozenset(folded)
        groups.setdefault(key, []).append(word)
    return list(groups.values())
