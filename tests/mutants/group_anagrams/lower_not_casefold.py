"""Mutant: ignore_case uses str.lower() instead of str.casefold().

A reviewer would say: lower() leaves 'ß' as 'ß', so 'ß' and 'ss' are not grouped; casefold() is
made for caseless comparison.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[str, list[str]] = {}
    for word in words:
        folded = word.lower() if ignore_case else word
        key = "".join(sorted(folded))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
