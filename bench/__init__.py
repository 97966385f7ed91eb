"""Benchmarks of the reference solutions against well-known libraries: ``nox -s bench``.

They run in one process each, print ops/s and ratios, and are never part of the timed tests.
"""
