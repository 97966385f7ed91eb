"""Mutant: Kahn's algorithm keeps its ready nodes in a list and takes them with list.pop(0).

A reviewer would say: pop(0) shifts every other element, O(n) a call; with 25,000 nodes ready at
once (a wide DAG) that is quadratic. Use collections.deque and popleft(), or pop() from the end.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph``, or None."""
    indegree: dict[N, int] = dict.fromkeys(graph, 0)
    for successors in graph.values():
        for node in successors:
            indegree[node] = indegree.get(node, 0) + 1
    ready = [node for node, count in indegree.items() if count == 0]
    while ready:
        node = ready.pop(0)
        del indegree[node]
        for successor in graph.get(node, ()):
            indegree[successor] -= 1
            if indegree[successor] == 0:
                ready.append(successor)
    if not indegree:
        return None
    predecessor: dict[N, N] = {}
    for node, successors in graph.items():
        if node in indegree:
            for successor in successors:
                if successor in indegree:
                    predecessor[successor] = node
    seen: dict[N, int] = {}
    node = next(iter(indegree))
    while node not in seen:
        seen[node] = len(seen)
        node = predecessor[node]
    cycle = list(seen)[seen[node] :]
    cycle.reverse()
    return cycle
