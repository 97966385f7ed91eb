"""Mutant: after Kahn's algorithm, the cycle is sought by walking forward from a leftover node.

A reviewer would say: the nodes Kahn's algorithm leaves include everything downstream of a
cycle, and those may have no successor left at all: in a -> b -> a, b -> z, z is left over and
the forward walk dead-ends. Every leftover node has a leftover predecessor: walk backwards.

Caught by: correctness
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    indegree: dict[N, int] = dict.fromkeys(graph, 0)
    for successors in graph.values():
        for node in successors:
            indegree[node] = indegree.get(node, 0) + 1
    ready = deque(node for node, count in indegree.items() if count == 0)
    while ready:
        node = ready.popleft()
        del indegree[node]
        for successor in graph.get(node, ()):
            indegree[successor] -= 1
            if indegree[successor] == 0:
                ready.append(successor)
    if not indegree:
        return None
    following: dict[N, N] = {}
    for node, successors in graph.items():
        if node in indegree:
            for successor in successors:
                if successor in indegree:
                    following[node] = successor
    seen: dict[N, int] = {}
    node = next(iter(indegree))
    while node not in seen:
        seen[node] = len(seen)
        node = following[node]
    return list(seen)[seen[node] :]
