"""Mutant: the textbook recursive three-colour depth-first search.

A reviewer would say: each node on the path is a Python call, and Python stops at about 1,000
nested calls: a chain of 5,000 nodes raises RecursionError. Keep an explicit stack.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    finished: set[N] = set()
    path: list[N] = []
    position: dict[N, int] = {}

    def visit(node: N) -> list[N] | None:
        position[node] = len(path)
        path.append(node)
        for child in graph.get(node, ()):
            if child in position:
                return path[position[child] :]
            if child not in finished:
                cycle = visit(child)
                if cycle is not None:
                    return cycle
        path.pop()
        del position[node]
        finished.add(node)
        return None

    for root in graph:
        if root not in finished:
            cycle = visit(root)
            if cycle is not None:
                return cycle
    return None
