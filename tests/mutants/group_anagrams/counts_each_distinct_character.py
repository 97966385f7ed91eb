"""Mutant: every long word is keyed by counting each of its distinct characters with str.count.

A reviewer would say: correct, and fast over a small alphabet, but O(k * d) per word: one scan
of the word per distinct character. A word of 10,000 characters with 8,000 distinct ones costs
80,000,000 comparisons where sorting needs about 140,000: quadratic in the word's length.

Caught by: performance
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

# From about this length on, counting each distinct character (str.count runs in C) beats
# sorting every character: 9 vs 12 us at 150 letters, 0.27 vs 1.4 ms at 10,000.
LONG_WORD = 80

Key = str | tuple[str, tuple[int, ...]]


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram, groups and members in input order."""
    # dict keeps insertion order, so groups come out in the order of their first word.
    groups: defaultdict[Key, list[str]] = defaultdict(list)
    join = "".join  # bound once: on short words this loop is the whole cost
    for word in words:
        folded = word.casefold() if ignore_case else word
        # Anagrams have the same length, so both always get the same kind of key, and a str
        # key never equals a tuple key.
        if len(folded) < LONG_WORD:
            groups[join(sorted(folded))].append(word)
        else:
            groups[counted(folded)].append(word)
    return list(groups.values())


def counted(word: str) -> tuple[str, tuple[int, ...]]:
    """Key a long word by its distinct characters and how often each occurs."""
    distinct = "".join(sorted(set(word)))
    return distinct, tuple(map(word.count, distinct))
