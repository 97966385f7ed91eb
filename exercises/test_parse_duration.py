"""Write the tests for ``parse_duration`` and ``format_duration``.

The module ``parse_duration.py`` is finished and documented: its docstring is the whole
contract (the grammar, the value, the canonical form, what raises). Your task is to write, in
this file, the tests that tell an implementation of that contract from a wrong one.

How it is graded
----------------
- Correctness: your suite runs against hidden implementations of the same module. Some are
  correct, written in other designs (a single regular expression, a hand-written scanner, ...):
  your suite must pass on every one of them, as on the module you were given, since a test that
  fails a correct implementation is a false alarm. Each of the others has one bug of the kind
  real duration parsers have; your score is the share of them your suite catches (fails on).
  The report names, in words, the kinds of bug your suite missed.
- Performance: the whole suite must finish within a bound measured against the reference
  suite, so keep hypothesis's example counts reasonable.
- Readability: ruff check, ruff format and mypy --strict on this file.

Test the contract and nothing else. What the docstring leaves open is not yours to pin: the text
of an error message, which subclass of ValueError is raised, how the module is written inside.
Import the two public functions (``from parse_duration import ...``) and use the standard library,
pytest and hypothesis; never read other files or try to guess which implementation is loaded.

Run your suite with ``nox -s tests -- exercises/test_parse_duration.py``.
"""

from __future__ import annotations

from datetime import timedelta

from parse_duration import format_duration, parse_duration


def test_parses_and_formats_one_example() -> None:
    assert parse_duration("1h30m") == timedelta(hours=1, minutes=30)
    assert format_duration(timedelta(hours=1, minutes=30)) == "1h30m"
    # TODO: write your tests here and in more test functions (examples, errors, properties),
    # then delete the next line.
    raise NotImplementedError
