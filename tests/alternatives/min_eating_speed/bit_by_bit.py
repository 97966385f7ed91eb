"""A correct design unlike the reference: the answer built bit by bit, from the highest bit down.

No interval is kept. The largest speed that is too slow (one less than the answer) is assembled
one bit at a time: a bit is kept when the speed with it set is still too slow. That takes one
pass over the piles per bit of the largest pile, counted with a plain generator expression.
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles:
        raise ValueError("no piles")
    if hours < len(piles):
        raise ValueError(f"{hours} hours cannot finish {len(piles)} piles")
    if any(pile < 1 for pile in piles):
        raise ValueError("a pile holds fewer than one banana")

    def too_slow(speed: int) -> bool:
        return sum((pile + speed - 1) // speed for pile in piles) > hours

    # Speed max(piles) is always fast enough, so every too-slow speed is below 2**bit_length.
    slow = 0  # the largest speed known to be too slow so far (0: none yet)
    for bit in reversed(range(max(piles).bit_length())):
        if too_slow(slow | 1 << bit):
            slow |= 1 << bit
    return slow + 1
