"""Mutant: an edge to any node seen before is taken for a cycle, as in an undirected graph.

A reviewer would say: in a directed graph, reaching a node again is a cycle only when that node
is still on the current path. In the diamond a -> b, a -> c, b -> d, c -> d, d is reached twice
and there is no cycle: finished nodes need a colour of their own.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    seen: set[N] = set()
    for root in graph:
        if root in seen:
            continue
        seen.add(root)
        path = [root]
        position = {root: 0}
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            for child in successors[-1]:
                if child in seen:
                    return path[position.get(child, 0) :]
                seen.add(child)
                position[child] = len(path)
                path.append(child)
                successors.append(iter(graph.get(child, ())))
                break
            else:
                successors.pop()
                del position[path.pop()]
    return None
