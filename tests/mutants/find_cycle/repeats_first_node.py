"""Mutant: the cycle comes back closed, its first node repeated at the end.

A reviewer would say: the statement returns [v0, ..., vk] with the closing edge vk -> v0 implied
and every node once; [a, b, a] is the graphlib and textbook-print format, and a self-loop must be
[a], not [a, a].

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
                    return [*path[position[child] :], child]
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
