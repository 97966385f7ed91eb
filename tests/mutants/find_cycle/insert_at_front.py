"""Mutant: the cycle is rebuilt from parent links, each node inserted at the front of the list.

A reviewer would say: list.insert(0, x) shifts the whole list, so a cycle of k nodes costs
O(k^2) to build: a 50,000-node cycle is over a billion element moves. Append, then reverse once
(or slice the path you already have).

Caught by: performance
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
        parent: dict[N, N] = {}
        path = [root]
        on_path = {root}
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            node = path[-1]
            for child in successors[-1]:
                if child in on_path:
                    cycle = [node]
                    while cycle[0] != child:
                        cycle.insert(0, parent[cycle[0]])
                    return cycle
                if child not in finished:
                    parent[child] = node
                    on_path.add(child)
                    path.append(child)
                    successors.append(iter(graph.get(child, ())))
                    break
            else:
                successors.pop()
                path.pop()
                on_path.discard(node)
                finished.add(node)
    return None
