"""Mutant: the edge back to the node we came from is skipped, as an undirected search does.

A reviewer would say: in a directed graph a -> b and b -> a are two edges and a cycle of two
nodes; skipping the parent is right only for undirected graphs, where it is the same edge.

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
                if len(path) >= 2 and child == path[-2]:
                    continue
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
