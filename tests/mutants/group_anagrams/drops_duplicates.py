"""Mutant: a word already in its group is not added again.

A reviewer would say: every input word appears in the output, duplicates included; this loses
repeats.

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
        if word not in groups.setdefault(key, []):
            groups[key].append(word)
    return list(groups.values())
