"""A correct design unlike the reference: the standard library's graphlib.TopologicalSorter.

TopologicalSorter reads a mapping as node -> predecessors, so it sees every edge reversed;
``prepare()`` raises CycleError when there is a cycle, with the cycle as its second argument,
closed (its first node repeated at the end). Reversed and opened, that is a cycle of ``graph``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from graphlib import CycleError, TopologicalSorter
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph`` as a list of distinct nodes, or None."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        # [x0, x1, ..., x0], where each node is a successor of the next one in ``graph``.
        closed: list[N] = error.args[1]
        cycle = closed[1:]
        cycle.reverse()
        return cycle
    return None
