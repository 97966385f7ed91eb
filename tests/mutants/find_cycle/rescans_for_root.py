"""Mutant: each new search starts from the first unfinished node, looked for from the beginning.

A reviewer would say: the scan passes over every finished node again, so n/3 small components
cost O(n^2) in scanning alone. Loop over the nodes once and skip the finished ones.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    finished: set[N] = set()
    nodes = list(graph)
    while True:
        root = next((node for node in nodes if node not in finished), None)
        if root is None:
            return None
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
