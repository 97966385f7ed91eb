"""Mutant: the words in each group are sorted.

A reviewer would say: members must keep their input order; sorting them reorders what the caller
gave.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[str, list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = "".join(sorted(folded))
        groups.setdefault(key, []).append(word)
    return [sorted(members) for members in groups.values()]
