"""The find_cycle reference against the answers people write, on graphs with and without cycles.

Contenders: the textbook recursive three-colour depth-first search (run with the recursion limit
raised, which the exercise forbids, so that it survives deep graphs), Kahn's algorithm with a
walk back along predecessors, and the standard library's graphlib.TopologicalSorter, whose
prepare() raises CycleError with a cycle. Target: on each load the reference is within 1.5x of
the fastest of them.
"""

from __future__ import annotations

import random
import sys
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import partial
from graphlib import CycleError, TopologicalSorter
from typing import TypeVar

from bench.common import best_seconds, print_table
from solutions.find_cycle import find_cycle

N = TypeVar("N", bound=Hashable)
Graph = dict[int, list[int]]


def chain(n: int) -> Graph:
    return {i: [i + 1] for i in range(n - 1)}


def ring(n: int) -> Graph:
    return {i: [(i + 1) % n] for i in range(n)}


def random_dag(n: int, degree: int) -> Graph:
    """Edges only from lower to higher numbers, keys in a shuffled order."""
    rng = random.Random(7)
    keys = list(range(n))
    rng.shuffle(keys)
    return {u: [rng.randrange(u + 1, n) for _ in range(degree)] for u in keys if u < n - 1}


def random_dag_then_a_cycle(n: int, degree: int) -> Graph:
    """A random DAG, then a separate three-node cycle listed last: every search sees it all."""
    graph = random_dag(n - 3, degree)
    graph.update({n - 3: [n - 2], n - 2: [n - 1], n - 1: [n - 3]})
    return graph


def recursive_three_colour(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """The textbook answer: white, grey and black nodes, one Python call per node on the path."""
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


def with_deep_recursion(search: Callable[[Graph], object], graph: Graph) -> object:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 2 * len(graph) + 1_000))
    try:
        return search(graph)
    finally:
        sys.setrecursionlimit(limit)


def kahn(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """Kahn's algorithm; what it cannot remove holds a cycle, found walking back predecessors."""
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
    predecessor = {
        successor: node
        for node, successors in graph.items()
        if node in indegree
        for successor in successors
        if successor in indegree
    }
    seen: dict[N, int] = {}
    node = next(iter(indegree))
    while node not in seen:
        seen[node] = len(seen)
        node = predecessor[node]
    cycle = list(seen)[seen[node] :]
    cycle.reverse()
    return cycle


def graphlib_sorter(graph: Mapping[N, Iterable[N]]) -> list[N] | None:
    """graphlib reads node -> predecessors, so its cycle comes back reversed and closed."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        closed: list[N] = error.args[1]
        return closed[:0:-1]
    return None


CONTENDERS: dict[str, Callable[[Graph], object]] = {
    "reference": find_cycle,
    "recursive three-colour DFS": partial(with_deep_recursion, recursive_three_colour),
    "Kahn's algorithm": kahn,
    "graphlib.TopologicalSorter": graphlib_sorter,
}


def main() -> None:
    loads = [
        ("a chain of 100,000 nodes (no cycle)", chain(100_000)),
        ("a cycle of 100,000 nodes", ring(100_000)),
        ("a random DAG, 100,000 nodes, 3 edges each", random_dag(100_000, 3)),
        ("a random DAG, then a small cycle listed last", random_dag_then_a_cycle(100_000, 3)),
    ]
    for title, graph in loads:
        answers = {name: search(graph) for name, search in CONTENDERS.items()}
        assert len({answer is None for answer in answers.values()}) == 1, answers.keys()
        timings = best_seconds({name: partial(f, graph) for name, f in CONTENDERS.items()})
        print_table(f"find_cycle: {title}", len(graph), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.5 else "NOT met"
        print(f"  target: within 1.5x of the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
