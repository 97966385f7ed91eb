"""``python -m grader.pack DIR``: a starter pack of hidden tests, one file per exercise, to edit.

Each ``DIR/test_NAME.py`` holds one correctness test and one timing test, written as the suite's
own tests are: the module under test comes from ``load("NAME")``, the timing test is marked
``@pytest.mark.timing`` and bounds its cost relative to work timed in the same run. To start
from something that runs, each calls a test of the suite that needs no arguments; replace them
with checks of your own. Grade with ``nox -s grade -- --hidden DIR``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError
from grader.config import ConfigError, Exercise, load_config

TEMPLATE = '''"""Hidden tests of {name}: graded like the suite's, never shown to candidates.

Replace the two examples with your own checks. Load the module with load("{name}"); mark a
timing test with @pytest.mark.timing and bound it relative to work timed in the same run (see
tests/timing.py: best_times, growth_ratio, check_ratio, deadline).
"""

from __future__ import annotations

import pytest

from tests.submission import load
from tests.test_{name} import {correctness} as _suite_correctness
from tests.test_{name} import {timing} as _suite_timing

exercise = load("{name}")


def test_my_correctness_check() -> None:
    """An example to replace: it repeats {correctness} of the suite."""
    _suite_correctness()


@pytest.mark.timing
def test_my_timing_check() -> None:
    """An example to replace: it repeats {timing} of the suite."""
    _suite_timing()
'''


def plain_tests(test_file: Path) -> tuple[str | None, str | None]:
    """The first correctness test and the first timing test that take no arguments."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    correctness = timing = None
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
            continue
        if node.args.args or node.args.kwonlyargs:
            continue
        decorators = [ast.unparse(d) for d in node.decorator_list]
        if decorators == ["pytest.mark.timing"] and timing is None:
            timing = node.name
        elif not decorators and correctness is None:
            correctness = node.name
    return correctness, timing


def write_pack(root: Path, dest: Path, exercises: Sequence[Exercise]) -> list[Path]:
    if dest.exists():
        raise UsageError(f"{dest} exists already; choose a new folder (nothing was written)")
    written = []
    for exercise in exercises:
        correctness, timing = plain_tests(root / exercise.test_file)
        if correctness is None or timing is None:
            continue  # no example to start from: the lead writes this one from scratch
        dest.mkdir(parents=True, exist_ok=True)
        path = dest / f"test_{exercise.name}.py"
        path.write_text(
            TEMPLATE.format(name=exercise.name, correctness=correctness, timing=timing),
            encoding="utf-8",
        )
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s new-pack --", description="Write a starter hidden pack.")
    parser.add_argument("dest", type=Path, metavar="DIR", help="a folder that does not exist yet")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        config = load_config(args.root.resolve())
        written = write_pack(config.root, args.dest, config.published)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(f"Wrote {len(written)} hidden test files to {args.dest}; edit them, then grade with")
    print(f"  nox -s grade -- --hidden {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
