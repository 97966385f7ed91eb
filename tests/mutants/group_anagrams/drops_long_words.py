"""Mutant: long words are filed into a dict of their own that never reaches the result.

A reviewer would say: every input word must appear in exactly one group; here a word of 80
characters or more (over a small alphabet) simply vanishes.

Caught by: correctness
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

# From about this length on, counting each distinct character (str.count runs in C) beats
# sorting every character: 9 vs 12 us at 150 letters, 0.27 vs 1.4 ms at 10,000. Counting costs
# a scan of the word per distinct character, so it is kept for words over a small alphabet:
# with thousands of distinct characters it would be quadratic in the word's length.
LONG_WORD = 80
FEW_DISTINCT = 64

Key = str | tuple[str, tuple[int, ...]]


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram, groups and members in input order."""
    # dict keeps insertion order, so groups come out in the order of their first word.
    groups: defaultdict[Key, list[str]] = defaultdict(list)
    long_groups: defaultdict[Key, list[str]] = defaultdict(list)
    join = "".join  # bound once: on short words this loop is the whole cost
    for word in words:
        folded = word.casefold() if ignore_case else word
        # Anagrams have the same length and the same distinct characters, so both always get
        # the same kind of key, and a str key never equals a tuple key.
        if len(folded) < LONG_WORD or len(distinct := set(folded)) > FEW_DISTINCT:
            groups[join(sorted(folded))].append(word)
        else:
            long_groups[counted(folded, distinct)].append(word)
    return list(groups.values())


def counted(word: str, distinct: set[str]) -> tuple[str, tuple[int, ...]]:
    """Key a long word by its distinct characters and how often each occurs."""
    letters = "".join(sorted(distinct))
    return letters, tuple(map(word.count, letters))
