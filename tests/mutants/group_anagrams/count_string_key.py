"""Mutant: the key is the letter counts joined without separators.

A reviewer would say: counts 1 and 11 read the same as 11 and 1 once joined: 'abbbbbbbbbbb' and
'aaaaaaaaaaab' collide, and letters outside a-z are not counted at all.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram."""
    groups: dict[str, list[str]] = {}
    for word in words:
        folded = word.casefold() if ignore_case else word
        key = "".join(str(folded.count(c)) for c in "abcdefghijklmnopqrstuvwxyz")
        groups.setdefault(key, []).append(word)
    return list(groups.values())
