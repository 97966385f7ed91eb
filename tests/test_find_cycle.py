"""Tests of the ``find_cycle`` exercise: the specification in its docstring, on any design.

Correctness: random graphs on seven nodes, where cycles, diamonds, self-loops, repeated edges and
nodes with no outgoing list are all common, against a plain model that decides whether a graph
has a cycle; every list that comes back is checked to be a cycle of the graph, so any valid cycle
is accepted. Examples pin each classic bug, and graphs up to 5,000 nodes deep run under Python's
default recursion limit. Performance (``timing``): the growth from 5,000 to 50,000 nodes on five
shapes, and a chain and a cycle of 100,000 nodes against Kahn's algorithm timed alongside, all in
CPU time.
"""

from __future__ import annotations

import copy
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, thread_time

# Read before the submission is imported, so that a module that raises it at import is caught.
RECURSION_LIMIT = sys.getrecursionlimit()

if TYPE_CHECKING:
    from solutions import find_cycle as exercise
else:
    exercise = load("find_cycle")

Graph = Mapping[Any, Iterable[Any]]


def edges_of(graph: Graph) -> set[tuple[Any, Any]]:
    return {(node, successor) for node, successors in graph.items() for successor in successors}


def nodes_of(graph: Graph) -> set[Any]:
    return set(graph) | {successor for _, successor in edges_of(graph)}


def has_cycle(graph: Graph) -> bool:
    """The model: peel off nodes with no incoming edge; a cycle is what cannot be peeled."""
    edges = edges_of(graph)
    remaining = nodes_of(graph)
    while remaining:
        sources = {n for n in remaining if not any((m, n) in edges for m in remaining)}
        if not sources:
            return True
        remaining -= sources
    return False


def some_cycle(graph: Graph) -> list[Any]:
    """One cycle of a small graph, found by brute force, to show in failure messages."""
    edges = edges_of(graph)
    paths = [[node] for node in nodes_of(graph)]
    while paths:
        path = paths.pop()
        for _, successor in sorted((e for e in edges if e[0] == path[-1]), key=repr):
            if successor == path[0]:
                return path
            if successor not in path:
                paths.append([*path, successor])
    raise AssertionError("some_cycle() called on an acyclic graph")


def cycle_problem(graph: Graph, got: object) -> str | None:
    """Why ``got`` is not a cycle of ``graph`` (None when it is one)."""
    if type(got) is not list:
        return f"a {type(got).__name__} came back, not a list"
    if not got:
        return "the list is empty"
    if len(set(got)) != len(got):
        return "a node appears twice (the closing edge back to the first node is implied)"
    edges = edges_of(graph)
    for node, successor in zip(got, got[1:] + got[:1], strict=True):
        if (node, successor) not in edges:
            closing = " (the closing edge)" if successor is got[0] else ""
            return f"the graph has no edge {node!r} -> {successor!r}{closing}"
    return None


def find(graph: Graph) -> list[Any] | None:
    return exercise.find_cycle(graph)


def brief(value: object) -> str:
    """``repr(value)``, with a long list cut to its first nodes and its length."""
    if isinstance(value, list) and len(value) > 10:
        return f"[{', '.join(map(repr, value[:5]))}, ...] ({len(value):,} nodes)"
    return repr(value)


def check(graph: Graph, *, cyclic: bool, call: str | None = None, such_as: object = None) -> None:
    """Call ``find_cycle(graph)`` and check the answer against the graph."""
    call = call or f"find_cycle({graph!r})"
    got = find(graph)
    if not cyclic:
        assert got is None, f"{call} returned {brief(got)}, expected None: the graph has no cycle"
        return
    if got is None:
        example = f", such as {such_as!r}" if such_as is not None else ""
        pytest.fail(f"{call} returned None, but the graph has a cycle{example}", pytrace=False)
    problem = cycle_problem(graph, got)
    assert problem is None, (
        f"{call} returned {brief(got)}, which is not a cycle of the graph: {problem}"
    )


# --- Properties: small random graphs against the model --------------------------------------------

NODE = st.integers(min_value=0, max_value=6)
CONTAINERS: list[Callable[[list[int]], Collection[int]]] = [list, tuple, set]


@st.composite
def graphs(draw: st.DrawFn) -> Mapping[int, Collection[int]]:
    """Graphs on nodes 0..6: any edges, acyclic ones, or acyclic plus one edge (often a cycle).

    Keys come in a random order, some nodes appear only as successors, an edge may be listed
    twice, and the successor collections are lists, tuples or sets.
    """
    edges = draw(st.lists(st.tuples(NODE, NODE), max_size=14))
    shape = draw(st.sampled_from(["any", "acyclic", "acyclic plus one"]))
    if shape != "any":
        edges = [(min(u, v), max(u, v)) for u, v in edges if u != v]
        if shape == "acyclic plus one":
            edges.append(draw(st.tuples(NODE, NODE)))
    keys = {u for u, _ in edges} | draw(st.sets(NODE, max_size=3))
    order = draw(st.permutations(sorted(keys)))
    container = draw(st.sampled_from(CONTAINERS))
    graph = {key: container([v for u, v in edges if u == key]) for key in order}
    return MappingProxyType(graph) if draw(st.booleans()) else graph


@settings(max_examples=400)
@given(graph=graphs())
@example(graph={0: [1, 2], 1: [3], 2: [3]})  # a diamond: no cycle
@example(graph={0: [1], 1: [2], 2: [1]})  # a tail into a cycle
@example(graph={0: [1]})  # 1 has no outgoing list
@example(graph={0: [0]})  # a self-loop
@example(graph={0: [1], 1: [0]})  # two nodes pointing at each other
@example(graph={0: [1], 1: [2], 2: [0]})  # the cycle's direction matters
@example(graph={2: [], 0: [1, 2], 1: [0]})  # a node downstream of the cycle comes first
@example(graph={0: [1, 1], 1: [0]})  # an edge listed twice
def test_returns_a_cycle_exactly_when_there_is_one(graph: Mapping[int, Collection[int]]) -> None:
    cyclic = has_cycle(graph)
    check(graph, cyclic=cyclic, such_as=some_cycle(graph) if cyclic else None)


@given(graph=graphs())
def test_the_graph_is_not_changed(graph: Mapping[int, Collection[int]]) -> None:
    before = copy.deepcopy(dict(graph))
    find(graph)
    assert dict(graph) == before, f"find_cycle({before!r}) changed the graph to {dict(graph)!r}"


# --- Examples: one per classic bug ----------------------------------------------------------------

CYCLIC = {
    "a self-loop": {"a": ["a"]},
    "two nodes pointing at each other": {"a": ["b"], "b": ["a"]},
    "a three-node cycle: its direction matters": {"a": ["b"], "b": ["c"], "c": ["a"]},
    "a tail into a cycle: return the cycle, not the path": {"s": ["x"], "x": ["y"], "y": ["x"]},
    "a cycle reached only from a later key": {"a": ["b"], "c": ["d"], "d": ["c"]},
    "a cycle after a finished branch": {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "e": ["c"]},
    "a node downstream of the cycle comes first": {"z": [], "a": ["z", "b"], "b": ["a"]},
    "an edge listed twice on a cycle": {"a": ["b", "b"], "b": ["a"]},
    "0, '' and None are nodes": {0: [""], "": [None], None: [0]},
    "tuples, sets and frozensets of successors": {"a": ("b",), "b": {"c"}, "c": frozenset("a")},
}

ACYCLIC = {
    "a diamond": {"a": ["b", "c"], "b": ["d"], "c": ["d"]},
    "an edge into a branch already finished": {"b": ["c"], "a": ["b", "c"], "c": []},
    "a successor with no outgoing list": {"a": ["b"]},
    "successors only, several levels": {"a": ["b", "c"], "b": ["c", "d"]},
    "an edge listed twice": {"a": ["b", "b"]},
    "nodes with no edges": {"a": [], "b": ()},
    "no nodes at all": {},
    "0, '' and None on a path": {0: [""], "": [None]},
}


@pytest.mark.parametrize("graph", CYCLIC.values(), ids=CYCLIC.keys())
def test_example_with_a_cycle(graph: Graph) -> None:
    check(graph, cyclic=True, such_as=some_cycle(graph))


@pytest.mark.parametrize("graph", ACYCLIC.values(), ids=ACYCLIC.keys())
def test_example_without_a_cycle(graph: Graph) -> None:
    check(graph, cyclic=False)


def test_a_read_only_mapping_works() -> None:
    graph = MappingProxyType({"a": ["b"], "b": ["c", "a"]})
    check(graph, cyclic=True, such_as=["a", "b"])


def test_a_defaultdict_graph_does_not_grow() -> None:
    graph: defaultdict[str, list[str]] = defaultdict(list, {"a": ["b"], "b": ["c"]})
    check(graph, cyclic=False, call="find_cycle(defaultdict(list, {'a': ['b'], 'b': ['c']}))")
    assert dict(graph) == {"a": ["b"], "b": ["c"]}, (
        f"find_cycle changed its defaultdict to {dict(graph)!r}: looking up graph[node] for a "
        "node with no outgoing list adds it (use graph.get(node, ()))"
    )


def test_the_result_is_a_list() -> None:
    got = find({"a": ["b"], "b": ["a"]})
    assert type(got) is list, f"find_cycle({{'a': ['b'], 'b': ['a']}}) returned {got!r}, not a list"


# --- Deep graphs: Python's default recursion limit is about 1,000 nested calls --------------------

DEPTH = 5_000


class Watched(list[int]):
    """A successor list that notes the recursion limit whenever it is read."""

    limits: ClassVar[list[int]] = []  # one record for the whole graph

    def __iter__(self) -> Iterator[int]:
        Watched.limits.append(sys.getrecursionlimit())
        return super().__iter__()


def chain(n: int) -> dict[int, list[int]]:
    """0 -> 1 -> ... -> n-1."""
    return {i: [i + 1] for i in range(n - 1)}


def ring(n: int) -> dict[int, list[int]]:
    """0 -> 1 -> ... -> n-1 -> 0."""
    return {i: [(i + 1) % n] for i in range(n)}


def test_a_path_5000_deep_into_a_cycle_under_the_default_recursion_limit() -> None:
    Watched.limits = []
    graph = {i: Watched([i + 1]) for i in range(DEPTH - 1)}
    graph[DEPTH - 1] = Watched([DEPTH - 2])
    call = f"find_cycle(a path 0 -> 1 -> ... -> {DEPTH - 1} -> {DEPTH - 2})"
    check(graph, cyclic=True, call=call, such_as=[DEPTH - 2, DEPTH - 1])
    raised = max(Watched.limits, default=RECURSION_LIMIT)
    assert raised == RECURSION_LIMIT == sys.getrecursionlimit(), (
        f"the recursion limit was {RECURSION_LIMIT} before find_cycle was imported, "
        f"{raised} while it ran and {sys.getrecursionlimit()} after: the statement forbids "
        "changing it (use an explicit stack instead of recursion)"
    )


def test_a_chain_2000_deep_has_no_cycle() -> None:
    # Shorter than the others: a correct search that restarts from every node (quadratic, and
    # caught by the timing tests) must still pass here.
    check(chain(2_000), cyclic=False, call="find_cycle(a chain 0 -> 1 -> ... -> 1999)")


def test_a_cycle_of_5000_nodes_comes_back_whole() -> None:
    # The only cycle is the whole graph, so checking that a cycle came back is enough.
    check(ring(DEPTH), cyclic=True, call=f"find_cycle(a cycle 0 -> 1 -> ... -> {DEPTH - 1} -> 0)")


def test_a_long_tail_into_a_long_cycle() -> None:
    half = DEPTH // 2
    graph = {i: [i + 1] for i in range(DEPTH - 1)}
    graph[DEPTH - 1] = [half]
    call = f"find_cycle(a path 0 -> ... -> {half} into the cycle {half} -> ... -> {DEPTH - 1})"
    check(graph, cyclic=True, call=call)  # the cycle is unique: any tail node makes it invalid


# --- Performance ----------------------------------------------------------------------------------


def wide_dag(n: int) -> dict[int, list[int]]:
    """n/2 nodes with no incoming edge, each pointing at two of n/2 nodes with no outgoing list."""
    half = n // 2
    return {i: [half + i, half + (i + 1) % half] for i in range(half)}


def diamonds(n: int) -> dict[int, list[int]]:
    """n/3 diamonds stacked: 2 ** (n/3) paths from top to bottom."""
    graph = {}
    for top in range(0, n - 2, 3):
        graph[top] = [top + 1, top + 2]
        graph[top + 1] = graph[top + 2] = [top + 3]
    return graph


def components(n: int) -> dict[int, list[int]]:
    """n/3 separate paths of three nodes."""
    return {i: [i + 1] if i % 3 < 2 else [] for i in range(n)}


SHAPES: dict[str, Callable[[int], dict[int, list[int]]]] = {
    "a chain": chain,
    "a wide DAG": wide_dag,
    "a stack of diamonds": diamonds,
    "many small components": components,
    "a cycle": ring,
}


def kahn(graph: Graph) -> bool:
    """The calibration: Kahn's algorithm with a deque, O(V + E); True when a cycle remains."""
    indegree: dict[Any, int] = dict.fromkeys(graph, 0)
    for successors in graph.values():
        for successor in successors:
            indegree[successor] = indegree.get(successor, 0) + 1
    ready = deque(node for node, count in indegree.items() if count == 0)
    removed = 0
    while ready:
        node = ready.popleft()
        removed += 1
        for successor in graph.get(node, ()):
            indegree[successor] -= 1
            if indegree[successor] == 0:
                ready.append(successor)
    return removed < len(indegree)


THROUGHPUT_LIMIT = 15  # the reference measures 1-2x, graphlib.TopologicalSorter about 7x
GROWTH_LIMIT = 25  # 10x the nodes should cost about 10x; quadratic costs 100x
SMALL, LARGE = 5_000, 50_000


def kahn_on_a_chain(n: int) -> Callable[[], object]:
    """The calibration: Kahn's algorithm on a chain of ``n`` nodes, where it removes every node.

    One baseline for every shape: on a cycle Kahn's algorithm removes nothing, and would make a
    baseline too cheap to compare with.
    """
    graph = chain(n)
    return lambda: kahn(graph)


def allowance(baseline: Callable[[], object]) -> float:
    """Seconds one call may take before it is stopped: a multiple of the baseline timed now."""
    (calibration,) = best_times([baseline], repeat=1)
    return 2 * THROUGHPUT_LIMIT * calibration + 0.05


@pytest.mark.timing
@pytest.mark.parametrize("shape", SHAPES)
def test_ten_times_the_nodes_cost_about_ten_times_as_much(shape: str) -> None:
    small, large = SHAPES[shape](SMALL), SHAPES[shape](LARGE)
    with deadline(allowance(kahn_on_a_chain(LARGE)), f"find_cycle on {shape} ({LARGE:,} nodes)"):
        find(large)  # a quadratic search is stopped here, in well under a second
    small_time, large_time = best_times(
        [lambda: find(small), lambda: find(large)],
        repeat=5,
        clock=thread_time,
        stop_above=GROWTH_LIMIT,
    )
    check_ratio(
        large_time / small_time,
        limit=GROWTH_LIMIT,
        message=f"find_cycle on {shape}: {LARGE:,} nodes cost far more than 10x {SMALL:,} nodes, "
        "so the cost grows faster than the graph",
    )


@pytest.mark.timing
@pytest.mark.parametrize("shape", ["a chain", "a cycle"])
def test_100k_nodes_within_a_factor_of_kahns_algorithm(shape: str) -> None:
    graph, baseline = SHAPES[shape](100_000), kahn_on_a_chain(100_000)
    with deadline(allowance(baseline), f"find_cycle on {shape} ({100_000:,} nodes)"):
        find(graph)
    theirs, ours = best_times(
        [baseline, lambda: find(graph)], repeat=3, clock=thread_time, stop_above=THROUGHPUT_LIMIT
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message=f"find_cycle on {shape} of 100,000 nodes was slower than Kahn's algorithm on a "
        "chain of 100,000 nodes in this run",
    )
