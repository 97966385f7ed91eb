"""Mutant: each word is compared with every group found so far.

A reviewer would say: correct, but O(n^2): with mostly distinct words, each new word is compared
with every group, so ten times the words cost a hundred times as much.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: list[tuple[str, list[str]]] = []
    for word in words:
        key = "".join(sorted(word.casefold() if ignore_case else word))
        for group_key, members in groups:
            if group_key == key:
                members.append(word)
                break
        else:
            groups.append((key, [word]))
    return [members for _, members in groups]
