"""What every kind of exercise answers when the pipeline asks: the rules of the ``implement`` kind.

A kind decides what the learner writes, what counts as not started, how the tests are run and
how their outcomes become the share of each category. The rubric stays 50 / 30 / 20; a kind
says what each category means for it (:attr:`Kind.meaning`, shown in the report and README).
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from grader.collect import Outcome, RunResult
    from grader.config import Config, Exercise


@dataclass(frozen=True)
class Run:
    """Where and how one exercise's tests run: what the pipeline hands a kind."""

    config: Config
    exercise: Exercise
    impl_dir: Path
    workdir: Path  # this exercise's scratch folder
    cache: Path
    stop_after: str | None = None
    on_event: Callable[[dict[str, Any]], None] | None = None
    hidden: Path | None = None
    slots: threading.Semaphore | None = None  # test processes the whole grade runs at once

    @property
    def module(self) -> Path:
        return self.impl_dir / self.exercise.module_file


class Kind:
    """The ``implement`` kind, and the defaults of every other: write a module from a stub."""

    name: ClassVar[str] = "implement"
    task: ClassVar[str] = "write the module from its stub"
    meaning: ClassVar[dict[str, str]] = {
        "correctness": "share of the correctness tests your module passes",
        "performance": "share of the timing tests passed, once every correctness test passes",
        "readability": "ruff check, ruff format and mypy --strict on your file",
    }
    # What the self-test expects of the untouched stub: "nothing" (0 points) or "below the pass
    # mark" (a debug exercise's buggy module runs, and fails the tests that reproduce its bug).
    stub_earns: ClassVar[str] = "nothing"
    # Imports a learner's file may make that the audit refuses elsewhere (test machinery).
    allowed_imports: ClassVar[frozenset[str]] = frozenset()
    performance_withheld: ClassVar[str] = (
        "performance points count only once every correctness test passes"
    )

    def learner_file(self, name: str) -> str:
        """The file the learner writes, in ``exercises/``."""
        return f"{name}.py"

    def test_file(self, name: str) -> Path:
        """The exercise's own tests, relative to the repository."""
        return Path("tests") / f"test_{name}.py"

    def given_files(self, name: str) -> tuple[str, ...]:
        """Files besides the learner's and the tests that the learner gets, relative to the root."""
        return ()

    def secret_folders(self, name: str) -> tuple[str, ...]:
        """Folders a candidate never gets and a submission never reads, relative to the root."""
        return ()

    def not_started(self, root: Path, exercise: Exercise, module: Path) -> str | None:
        """Why ``module`` is still the untouched starting point, or None when it should run."""
        if raises_not_implemented_only(module):
            return f"not started: fill in {module.name} where it says # TODO"
        return None

    def run(self, run: Run) -> RunResult:
        """Run the exercise's tests against the learner's module."""
        from grader.collect import run_tests

        return run_tests(
            run.config,
            run.exercise,
            run.impl_dir,
            run.workdir,
            run.cache,
            run.stop_after,
            run.on_event,
            run.hidden,
            run.slots,
        )

    def correctness_share(self, outcomes: Sequence[Outcome]) -> float:
        """The share of the correctness points earned; 0 means the exercise earns nothing."""
        return sum(o.passed for o in outcomes) / len(outcomes) if outcomes else 0.0

    def performance_counts(self, outcomes: Sequence[Outcome]) -> bool:
        """Whether performance points are awarded, given the correctness outcomes."""
        return bool(outcomes) and all(o.passed for o in outcomes)


def raises_not_implemented_only(module: Path) -> bool:
    """Whether ``module`` is still a stub: it raises NotImplementedError and does nothing else.

    A stub's functions raise NotImplementedError, except the trivial ones it gives away
    (``...`` in a protocol or an overload, ``return self``, a lone ``self.close()``).
    """
    try:
        tree = ast.parse(module.read_bytes())
    except (SyntaxError, ValueError):
        return False
    bodies = [
        [s for s in node.body if not _is_constant(s)]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    todo = [body for body in bodies if len(body) == 1 and _raises_not_implemented(body[0])]
    return bool(todo) and all(body in todo or _trivial(body) for body in bodies)


def same_code(module: Path, original: Path) -> bool:
    """Whether two modules are the same program: equal syntax trees, comments and layout aside."""
    try:
        mine = ast.dump(ast.parse(module.read_bytes()))
        theirs = ast.dump(ast.parse(original.read_bytes()))
    except (OSError, SyntaxError, ValueError):
        return False
    return mine == theirs


def _is_constant(statement: ast.stmt) -> bool:
    """A docstring or ``...``."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _raises_not_implemented(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.Raise):
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def _trivial(body: list[ast.stmt]) -> bool:
    """Nothing, ``pass``, ``return self`` or one call of a method without arguments."""
    if not body:
        return True
    if len(body) > 1:
        return False
    statement = body[0]
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Return):
        return isinstance(statement.value, ast.Name)
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and not statement.value.args
        and isinstance(statement.value.func, ast.Attribute)
    )
