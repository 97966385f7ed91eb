"""Mutant: a dict view is returned instead of a list.

A reviewer would say: the result must be a new list of lists; a view is not a list and changes
with the dict.

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
    return groups.values()  # type: ignore[return-value]
