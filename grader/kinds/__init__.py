"""The kinds of exercise, one module each, that the pipeline asks rather than branching on.

- ``implement`` (:mod:`grader.kinds.base`): write a module from its stub;
- ``tests`` (:mod:`grader.kinds.suite`): write the tests of a finished module;
- ``speedup``, ``memory`` and ``debug`` (:mod:`grader.kinds.rewrite`): make a working module
  faster, leaner, or correct where a bug report says it is not.

An exercise names its kind in the catalogue (``kind = "tests"``); the default is ``implement``.
"""

from __future__ import annotations

from grader.kinds.base import Kind, Run
from grader.kinds.rewrite import Debug, Memory, Speedup
from grader.kinds.suite import Tests

KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (Kind(), Tests(), Speedup(), Debug(), Memory())
}
DEFAULT = "implement"

__all__ = ["DEFAULT", "KINDS", "Kind", "Run", "kind_named"]


def kind_named(name: str) -> Kind:
    """The kind called ``name``; the catalogue has checked that it exists."""
    return KINDS[name]
