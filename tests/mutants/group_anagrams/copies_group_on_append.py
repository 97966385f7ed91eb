"""Mutant: adding a word to its group builds a new list, copying the whole group.

A reviewer would say: correct, but ``[*group, word]`` copies the group for each word: n anagrams
of one word cost O(n^2). Random words make small groups and hide it; one big group shows it.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram, groups and members in input order."""
    groups: dict[str, list[str]] = {}
    for word in words:
        key = "".join(sorted(word.casefold() if ignore_case else word))
        groups[key] = [*groups.get(key, []), word]
    return list(groups.values())
