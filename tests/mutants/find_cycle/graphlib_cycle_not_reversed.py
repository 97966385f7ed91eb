"""Mutant: graphlib's CycleError cycle is returned as it comes, only its repeated end dropped.

A reviewer would say: TopologicalSorter reads the mapping as node -> predecessors, so its cycle
runs against the edges: for a -> b -> c -> a it reports [a, c, b, a]. Reverse it. (A two-node
cycle reads the same both ways, which is why small tests miss this.)

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from graphlib import CycleError, TopologicalSorter
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        closed: list[N] = error.args[1]
        return closed[:-1]
    return None
