"""Mutant: only the nodes on the current path are remembered; finished ones are searched again.

A reviewer would say: a node whose descendants have all been searched lies on no cycle, so
searching it again is wasted: in a stack of k diamonds the bottom is reached 2^k times.
Three colours (new, on the path, finished), not two.

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
        position = {root: 0}
        successors: list[Iterator[N]] = [iter(graph[root])]
        while successors:
            for child in successors[-1]:
                if child in position:
                    return path[position[child] :]
                if child not in position:
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
