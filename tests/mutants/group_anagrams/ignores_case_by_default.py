"""Mutant: case is ignored unless asked not to be.

A reviewer would say: ignore_case defaults to False: 'a' and 'A' are different words by default.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = True) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[str, list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = "".join(sorted(folded))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
