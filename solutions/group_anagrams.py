"""Group anagrams: put words made of the same characters together, keeping the input's order.

Task
----
Write ``group_anagrams(words, *, ignore_case=False)``, which returns the words grouped so that two
words share a group exactly when they are anagrams:

- Two words are anagrams when they hold the same characters (Unicode code points), each the same
  number of times. No normalization is applied: "é" and "e" + a combining accent differ.
- With ``ignore_case=True``, words are compared by their ``str.casefold()`` forms. Casefolding
  may change a word's length: "ß" and "ss" are then anagrams. The words themselves come back
  unchanged.
- Every input word appears in exactly one group, duplicates included. The empty string is a word.
- Groups come in the order of their first word in the input, and the words within a group keep
  their input order. The result is a new list of new lists.
- ``words`` may be any iterable and is consumed only once, so a generator works.

Examples
--------
>>> group_anagrams(["listen", "google", "silent", "enlist", "banana"])
[['listen', 'silent', 'enlist'], ['google'], ['banana']]
>>> group_anagrams(["Tea", "eat", "ate"])
[['Tea'], ['eat', 'ate']]
>>> group_anagrams(["Tea", "eat", "ß", "SS"], ignore_case=True)
[['Tea', 'eat'], ['ß', 'SS']]
>>> group_anagrams(word for word in ["", "a", ""])
[['', ''], ['a']]

Limits (what the timing tests check)
------------------------------------
- 100,000 short words are grouped within a small factor of a plain sorted-key grouping timed in
  the same run.
- Growing the input from n to 10n words costs about 10x, not 100x: comparing words pairwise fails.
- Words of about 10,000 characters are fine: sorting each word, O(n * k log k), is fast enough;
  anything quadratic in a word's length is not.
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
    join = "".join  # bound once: on short words this loop is the whole cost
    for word in words:
        folded = word.casefold() if ignore_case else word
        # Anagrams have the same length and the same distinct characters, so both always get
        # the same kind of key, and a str key never equals a tuple key.
        if len(folded) < LONG_WORD or len(distinct := set(folded)) > FEW_DISTINCT:
            groups[join(sorted(folded))].append(word)
        else:
            groups[counted(folded, distinct)].append(word)
    return list(groups.values())


def counted(word: str, distinct: set[str]) -> tuple[str, tuple[int, ...]]:
    """Key a long word by its distinct characters and how often each occurs."""
    letters = "".join(sorted(distinct))
    return letters, tuple(map(word.count, letters))
