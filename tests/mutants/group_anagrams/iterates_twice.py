"""Mutant: the input is read once to check it is not empty, then again.

A reviewer would say: a generator can be read only once; the first look consumes a word.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[str, list[str]] = {}
    if not any(True for _ in words):
        return []
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = "".join(sorted(folded))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
