"""Mutant: "is it on the path?" is asked of the path list itself.

A reviewer would say: `child in path` scans the path, so a chain of n nodes costs O(n^2);
keep a dict (or set) of the nodes on the path beside the list.

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
        path = [root]
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            for child in successors[-1]:
                if child in path:
                    return path[path.index(child) :]
                if child not in finished:
                    path.append(child)
                    successors.append(iter(graph.get(child, ())))
                    break
            else:
                successors.pop()
                node = path.pop()
                finished.add(node)
    return None
