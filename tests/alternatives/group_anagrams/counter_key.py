"""A correct design unlike the reference: a Counter of code points as the key, groups in a list.

The self-test requires it to score full marks: it is slower than sorting short words, and the
timing tests must still accept it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Group ``words`` by the multiset of their characters."""
    index: dict[frozenset[tuple[str, int]], int] = {}
    groups: list[list[str]] = []
    for word in words:
        key = frozenset(Counter(word.casefold() if ignore_case else word).items())
        position = index.setdefault(key, len(groups))
        if position == len(groups):
            groups.append([])
        groups[position].append(word)
    return groups
