"""Mutant: a recursive search that raises the recursion limit for deep graphs, then restores it.

A reviewer would say: sys.setrecursionlimit changes the whole program, and deep enough recursion
crashes the interpreter instead of raising; the statement forbids it. Keep an explicit stack.

Caught by: correctness
"""

from __future__ import annotations

import sys
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

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 2 * len(graph) + 100))
    try:
        for root in graph:
            if root not in finished:
                cycle = visit(root)
                if cycle is not None:
                    return cycle
        return None
    finally:
        sys.setrecursionlimit(limit)
