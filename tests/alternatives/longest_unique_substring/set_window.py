"""A correct design unlike the reference: two pointers around a set of the window's characters.

On a repeat the left pointer walks forwards, removing characters from the set, until the repeated
character has left the window. Each character enters and leaves the set once, so it is O(n); the
timing tests must accept it.
"""

from __future__ import annotations


def longest_unique_substring(text: str) -> str:
    """Return the first longest substring of ``text`` with no repeated character."""
    window: set[str] = set()
    left = best_left = best_length = 0
    for right, char in enumerate(text):
        while char in window:
            window.remove(text[left])
            left += 1
        window.add(char)
        if right + 1 - left > best_length:
            best_left, best_length = left, right + 1 - left
    return text[best_left : best_left + best_length]
