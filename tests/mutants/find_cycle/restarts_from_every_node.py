"""Mutant: each start node gets a fresh set of finished nodes.

A reviewer would say: what one search learned stays true for the next: a finished node lies on
no cycle. Forgetting it re-walks everything reachable from every start, O(V * E): a chain of
50,000 nodes costs over a billion steps.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    for root in graph:
        finished: set[N] = set()
        path = [root]
        position = {root: 0}
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            for child in successors[-1]:
                if child in position:
                    return path[position[child] :]
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
