"""Mutant: successors are read with graph[node], which fails for nodes without a key.

A reviewer would say: a node that appears only as a successor is a node with no outgoing edges;
graph[node] raises KeyError for it (and grows a defaultdict). Use graph.get(node, ()).

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
                    return path[position[child] :]
                if child not in finished:
                    position[child] = len(path)
                    path.append(child)
                    successors.append(iter(graph[child]))
                    break
            else:
                successors.pop()
                node = path.pop()
                del position[node]
                finished.add(node)
    return None
