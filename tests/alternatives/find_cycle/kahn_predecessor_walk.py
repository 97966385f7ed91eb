"""A correct design unlike the reference: Kahn's algorithm, then a walk back along predecessors.

Kahn's algorithm removes nodes with no incoming edge until none is left to remove; the graph is
acyclic exactly when every node goes. Every node left over still has a predecessor left over, so
walking backwards from any of them must come back to a node it has seen: the walk between the
two visits, reversed, is a cycle. It reads each successor collection twice, which the statement
allows, and uses no depth-first search at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def find_cycle(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Return one directed cycle of ``graph`` as a list of distinct nodes, or None."""
    # How many edges point at each node, nodes that are only successors included.
    indegree: dict[N, int] = dict.fromkeys(graph, 0)
    for successors in graph.values():
        for node in successors:
            indegree[node] = indegree.get(node, 0) + 1
    ready = deque(node for node, count in indegree.items() if count == 0)
    while ready:
        node = ready.popleft()
        del indegree[node]  # what stays in indegree is what Kahn's algorithm could not remove
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
    seen: dict[N, int] = {}  # node -> step of the backward walk at which it was met
    node = next(iter(indegree))
    while node not in seen:
        seen[node] = len(seen)
        node = predecessor[node]
    cycle = list(seen)[seen[node] :]  # each node here is a successor of the next one
    cycle.reverse()
    return cycle
