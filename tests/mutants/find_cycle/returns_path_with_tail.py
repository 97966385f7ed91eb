"""Mutant: on an edge back into the path, the whole path comes back, tail included.

A reviewer would say: the path from the start node to the cycle is not part of the cycle: with
s -> x -> y -> x the answer is [x, y]; [s, x, y] claims an edge y -> s that does not exist.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    finished: set[N] = set()
    for root in graph:
        if root in finished:
            continue
        path = [root]
        position = {root: 0}
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            for child in successors[-1]:
                if child in position:
                    return list(path)
                if child not in finished:
                    position[child] = len(path)
                    path.append(child)
                    successors.append(iter(graph.get(child, ())))
                    break
            else:
                successors.pop()
                node = path.pop()
                del position[node]
                finished.add(node)
    return None
