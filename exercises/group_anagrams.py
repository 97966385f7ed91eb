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

from collections.abc import Iterable


def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:
    """Return ``words`` grouped by anagram, groups and members in input order."""
    # TODO: group the words; read the statement above for the order and case rules.
    raise NotImplementedError
