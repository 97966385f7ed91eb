"""``python -m grader.mutation [NAME ...] [--jobs N]``: do an exercise's tests kill every mutant?

A contributor's command (``nox -s mutation``): it proves the tests of an exercise the way a strong
reviewer would, by breaking the reference in every small way and checking that the tests notice.
cosmic-ray's mutation operators (every operator of its core provider that needs no arguments,
and three more written here on its operator interface: a statement of a function body deleted,
a returned value made None, ``min`` and ``max`` swapped) rewrite ``solutions/<name>.py`` one
change at a time. Each mutant is written as ``<name>.py`` into
a folder of its own and the exercise's tests run against it with ``--impl FOLDER``, like a
learner's submission: ``solutions/`` is never touched. As in the grade, the correctness tests
run first (in parallel, ``--jobs``) and the timing tests only for the mutants that survive them
(one at a time, so that they measure an otherwise idle machine; a timing kill counts only when a
second run confirms it).

Why cosmic-ray and not mutmut: cosmic-ray exposes its operators as a library,
``MutationVisitor.mutate_code(source, operator, occurrence)``, which returns the mutated source as
a string, so a mutant is an ordinary module that the tests load by file, exactly as they load a
submission. mutmut 3 instead rewrites a copy of the package into trampolines that import mutmut
and pick the mutant through an environment variable at run time; the tests would then import the
reference as a package, not by file from ``--impl``, and every mutant would carry mutmut's code.

Left out: mutants that are not Python (cosmic-ray reads the ``*`` of a signature as an operator),
and mutations that cannot change behaviour: inside annotations (never evaluated under ``from
__future__ import annotations``) and inside ``@overload`` stubs (replaced by the real definition).

A mutant that no test can kill, because it behaves like the reference, is listed with the reason
in ``tests/mutants/<name>/equivalent.toml``, keyed by the operator and the line it changes
(``"ReplaceBinaryOperator_Add_Sub: x = a + b -> x = a - b"``; ``#2`` marks a second mutant with
the same key), so that the listing survives edits elsewhere in the reference. Exit status 0 when
every survivor is listed, 1 when one is not (or a reference fails its own tests), 2 on usage
errors.
"""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from grader.cli import USAGE_ERROR, OneLineParser, UsageError
from grader.config import ConfigError, load_config

EQUIVALENTS = "equivalent.toml"
ROOT = Path(__file__).resolve().parent.parent
PYTEST_USAGE_ERROR, PYTEST_NO_TESTS = 4, 5  # pytest.ExitCode, without importing pytest here


@dataclass(frozen=True)
class Mutant:
    """One mutated version of a reference module."""

    key: str  # the operator and the changed line, before -> after: stable across edits elsewhere
    line: int  # 1-based, in the reference
    source: str


class Verdict(Enum):
    """What the tests made of a mutant."""

    CORRECTNESS = "killed by correctness"
    PERFORMANCE = "killed by performance"
    SURVIVED = "survived"


@dataclass(frozen=True)
class Settings:
    """How the tests are run: the limits of the grade, read from ``[tool.kata]``."""

    root: Path
    test_timeout: float
    run_timeout: float
    memory_limit_mb: float
    scratch: Path  # bytecode and the mutants' folders, deleted at the end


@dataclass
class Report:
    """The verdicts on every mutant of one exercise."""

    name: str
    verdicts: dict[Mutant, Verdict] = field(default_factory=dict)
    equivalents: dict[str, str] = field(default_factory=dict)  # key -> reason
    seconds: float = 0.0
    broken: str | None = None  # why the exercise could not be tested at all

    @property
    def unexplained(self) -> list[Mutant]:
        """Survivors not listed as equivalent: each is a gap in the tests, or needs a reason."""
        return [
            mutant
            for mutant, verdict in self.verdicts.items()
            if verdict is Verdict.SURVIVED and mutant.key not in self.equivalents
        ]

    def count(self, *verdicts: Verdict, listed: bool | None = None) -> int:
        """How many mutants got one of ``verdicts`` (and are, or are not, listed equivalent)."""
        return sum(
            1
            for mutant, verdict in self.verdicts.items()
            if verdict in verdicts
            and (listed is None or (mutant.key in self.equivalents) == listed)
        )


# --- Generating the mutants -------------------------------------------------------------------

Generate = Callable[[str], list[Mutant]]


def cosmic_ray_mutants(source: str) -> list[Mutant]:
    """Every mutant cosmic-ray's core operators make of ``source``, but the ones left out."""
    # Imported here: only this command needs cosmic-ray (the mutation dependency group).
    import cosmic_ray.plugins
    from cosmic_ray.ast import ast_nodes, get_ast
    from cosmic_ray.mutating import mutate_code

    operators: list[tuple[str, Any]] = []
    for operator_name in cosmic_ray.plugins.operator_names():
        operator_class = cosmic_ray.plugins.get_operator(operator_name)
        if not operator_class.arguments():  # VariableReplacer and the like need a configuration
            operators.append((operator_name.split("/")[-1], operator_class()))
    operators += [(op.name, op) for op in (DeleteStatement(), ReturnNone(), SwapMinMax())]
    found: list[Mutant] = []
    keys: Counter[str] = Counter()
    for operator_name, operator in operators:
        positions = [
            node for node in ast_nodes(get_ast(source)) for _ in operator.mutation_positions(node)
        ]
        for occurrence, node in enumerate(positions):
            if _in_annotation(node) or _in_overload_stub(node):
                continue
            mutated = mutate_code(source, operator, occurrence)
            if mutated is None or mutated == source or not compiles(str(mutated)):
                continue  # no mutation, or not Python (``*`` in a signature made ``+``)
            line, change = describe_change(source, str(mutated))
            key = f"{operator_name}: {change}"
            keys[key] += 1
            if keys[key] > 1:
                key = f"{key} #{keys[key]}"
            found.append(Mutant(key, line, str(mutated)))
    return found


# Three operators of our own, on cosmic-ray's operator interface (``mutation_positions`` and
# ``mutate`` over parso nodes): the mutations that showed the gaps of issue 11.


class DeleteStatement:
    """Replace one statement of a function body with ``pass``: an assignment, a call, a raise.

    Module and class bodies are left alone: deleting a definition there only makes the module
    fail to import, or (``__slots__``) changes nothing.
    """

    name = "DeleteStatement"
    KINDS = frozenset({"expr_stmt", "atom_expr", "power", "raise_stmt", "del_stmt", "assert_stmt"})

    def mutation_positions(self, node: Any) -> Iterator[tuple[Any, Any]]:
        parent = node.parent
        statement = parent is not None and parent.type == "simple_stmt"
        if node.type in self.KINDS and statement and _in_function(node):
            yield node.start_pos, node.end_pos

    def mutate(self, node: Any, index: int) -> Any:
        from parso.python.tree import Keyword

        return Keyword("pass", node.start_pos, prefix=node.get_first_leaf().prefix)


class ReturnNone:
    """Make ``return value`` return None."""

    name = "ReturnNone"

    def mutation_positions(self, node: Any) -> Iterator[tuple[Any, Any]]:
        children = node.children if node.type == "return_stmt" else []
        if len(children) == 2 and children[1].get_code().strip() != "None":
            yield node.start_pos, node.end_pos

    def mutate(self, node: Any, index: int) -> Any:
        from parso.python.tree import Keyword

        value = node.children[1]
        none = Keyword("None", value.start_pos, prefix=value.get_first_leaf().prefix)
        none.parent = node
        node.children[1] = none
        return node


class SwapMinMax:
    """Call ``max`` where the code calls ``min``, and the other way round."""

    name = "SwapMinMax"

    def mutation_positions(self, node: Any) -> Iterator[tuple[Any, Any]]:
        if node.type == "name" and node.value in ("min", "max"):
            after = node.get_next_sibling()
            if after is not None and after.type == "trailer" and after.children[0].value == "(":
                yield node.start_pos, node.end_pos

    def mutate(self, node: Any, index: int) -> Any:
        node.value = "max" if node.value == "min" else "min"
        return node


def _in_function(node: Any) -> bool:
    parent = node.parent
    while parent is not None and parent.type not in ("funcdef", "classdef", "file_input"):
        parent = parent.parent
    return parent is not None and parent.type == "funcdef"


def compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


def _in_annotation(node: Any) -> bool:
    """Whether a parso node sits in an annotation: of a parameter, a return or a variable."""
    child, parent = node, node.parent
    while parent is not None:
        children = parent.children
        if parent.type == "tfpdef" and len(children) == 3 and children[2] is child:
            return True
        if parent.type == "annassign" and children[1] is child:
            return True
        if parent.type == "funcdef":
            arrows = [i for i, c in enumerate(children) if getattr(c, "value", None) == "->"]
            if arrows and children[arrows[0] + 1] is child:
                return True
        child, parent = parent, parent.parent
    return False


def _in_overload_stub(node: Any) -> bool:
    """Whether a parso node sits in a function decorated with ``@overload``."""
    parent = node.parent
    while parent is not None:
        if parent.type == "decorated":
            decorators = parent.children[0]
            if "overload" in str(decorators.get_code()):
                return True
        parent = parent.parent
    return False


def describe_change(before: str, after: str) -> tuple[int, str]:
    """Return the first changed line (1-based) and ``old line -> new line``, both stripped."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed = " ".join(line.strip() for line in old[i1:i2]) or "(nothing)"
            added = " ".join(line.strip() for line in new[j1:j2]) or "(nothing)"
            return i1 + 1, f"{removed} -> {added}"
    return 1, "(no change)"


# --- Running the tests -------------------------------------------------------------------------


class Run(Enum):
    """The outcome of one pytest run against one module."""

    PASSED = "passed"
    FAILED = "failed"  # a test failed, the module did not import, or the run timed out


def run_tests(settings: Settings, name: str, impl: Path, marker: str) -> Run:
    """Run ``tests/test_<name>.py -m marker`` against ``impl/<name>.py``; stop at a failure."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(settings.root / "tests" / f"test_{name}.py"),
        f"--impl={impl}",
        "-m",
        marker,
        "-x",
        "-q",
        "--no-header",
        "-p",
        "no:cacheprovider",
        "-p",
        "grader.pytest_plugin",  # for its address-space cap: a mutant may allocate without end
        f"--kata-memory-mb={settings.memory_limit_mb:g}",
        "--hypothesis-profile=grade",
        "-p",
        "grader.mutation",  # this module: the grade's profile, without shrinking
        f"--timeout={settings.test_timeout:g}",
        f"--rootdir={settings.root}",
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONPYCACHEPREFIX": str(settings.scratch / "pycache"),
        "HYPOTHESIS_STORAGE_DIRECTORY": str(settings.root / ".kata" / "cache" / "hypothesis"),
    }
    process = subprocess.Popen(
        command,
        cwd=settings.root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so that a timeout ends whatever the mutant started
    )
    try:
        code = process.wait(timeout=settings.run_timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return Run.FAILED
    if code == PYTEST_USAGE_ERROR:
        raise UsageError(f"pytest refused the command for {name}: {' '.join(command)}")
    # No test collected: a timing run of an exercise without timing tests passes.
    return Run.PASSED if code in (0, PYTEST_NO_TESTS) else Run.FAILED


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """As a pytest plugin (``-p grader.mutation``): the grade's profile, without shrinking.

    The examples tried are the grade's (derandomized), so a mutant is killed exactly when the
    grade would fail it; shrinking the failing example, seconds per mutant, tells nobody here.
    """
    from hypothesis import Phase, settings  # only the tests' process needs it

    if settings().derandomize:  # --hypothesis-profile=grade was given
        phases = [Phase.explicit, Phase.reuse, Phase.generate]
        settings.register_profile("mutation", settings(), phases=phases)
        settings.load_profile("mutation")


def with_module(settings: Settings, name: str, source: str, action: Callable[[Path], Run]) -> Run:
    """Write ``source`` as ``<name>.py`` into a folder of its own and run ``action`` on it."""
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=settings.scratch))
    try:
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
        return action(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def correctness(settings: Settings, name: str, source: str) -> Run:
    return with_module(
        settings, name, source, lambda folder: run_tests(settings, name, folder, "not timing")
    )


def performance(settings: Settings, name: str, source: str, tries: int = 2) -> Run:
    """Run the timing tests; a failure counts only if every one of ``tries`` runs fails."""

    def timed(folder: Path) -> Run:
        for _ in range(tries):
            if run_tests(settings, name, folder, "timing") is Run.PASSED:
                return Run.PASSED
        return Run.FAILED

    return with_module(settings, name, source, timed)


def prove(
    settings: Settings, name: str, jobs: int, generate: Generate = cosmic_ray_mutants
) -> Report:
    """Judge every mutant of ``solutions/<name>.py`` against the exercise's tests."""
    started = time.monotonic()
    report = Report(name, equivalents=read_equivalents(settings.root, name))
    source = (settings.root / "solutions" / f"{name}.py").read_text(encoding="utf-8")
    if correctness(settings, name, source) is Run.FAILED:
        report.broken = "the reference fails its own correctness tests"
        return report
    if performance(settings, name, source, tries=1) is Run.FAILED:
        report.broken = "the reference fails its own timing tests"
        return report
    mutants = generate(source)
    print(f"{name}: {len(mutants)} mutants, tested {jobs} at a time", flush=True)
    finished: list[Run] = []
    lock = threading.Lock()

    def judge(mutant: Mutant) -> Run:
        run = correctness(settings, name, mutant.source)
        with lock:
            finished.append(run)
            if len(finished) % 25 == 0:
                print(f"  correctness tests: {len(finished)} of {len(mutants)} done", flush=True)
        return run

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(judge, mutants))
    survivors = runs.count(Run.PASSED)
    print(f"  timing tests, one at a time, on the {survivors} that passed", flush=True)
    for mutant, run in zip(mutants, runs, strict=True):
        if run is Run.FAILED:
            report.verdicts[mutant] = Verdict.CORRECTNESS
        elif performance(settings, name, mutant.source) is Run.FAILED:
            report.verdicts[mutant] = Verdict.PERFORMANCE
        else:
            report.verdicts[mutant] = Verdict.SURVIVED
    report.seconds = time.monotonic() - started
    return report


def read_equivalents(root: Path, name: str) -> dict[str, str]:
    """The checked-in list of equivalent mutants of ``name``: key -> reason."""
    path = root / "tests" / "mutants" / name / EQUIVALENTS
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path.relative_to(root)}: {error}") from None
    bad = [key for key, reason in table.items() if not isinstance(reason, str) or not reason]
    if bad:
        raise UsageError(f"{path.relative_to(root)}: give each mutant a reason (see {bad[0]!r})")
    return dict(table)


# --- Reporting ---------------------------------------------------------------------------------


def summary(report: Report) -> str:
    """One line: the counts, the share of non-equivalent mutants killed, and the time taken."""
    if report.broken:
        return f"{report.name}: not tested: {report.broken}"
    killed = report.count(Verdict.CORRECTNESS, Verdict.PERFORMANCE, listed=False)
    equivalent = report.count(Verdict.SURVIVED, listed=True)
    survived = len(report.unexplained)
    share = f"{100 * killed / (killed + survived):.1f}%" if killed + survived else "-"
    minutes, seconds = divmod(round(report.seconds), 60)
    return (
        f"{report.name}: {len(report.verdicts)} mutants: {killed} killed "
        f"({report.count(Verdict.CORRECTNESS, listed=False)} by correctness, "
        f"{report.count(Verdict.PERFORMANCE, listed=False)} by performance), "
        f"{survived} survived, {equivalent} equivalent; {share} of the non-equivalent killed "
        f"({minutes}m{seconds:02d}s)"
    )


def details(report: Report) -> list[str]:
    """The survivors to explain, and the listed equivalents that no longer match a survivor."""
    lines = [f"  survived, line {m.line}: {m.key}" for m in report.unexplained]
    if report.unexplained:
        path = f"tests/mutants/{report.name}/{EQUIVALENTS}"
        lines.append(
            f"  Strengthen the tests until they kill it, or, if no test can tell it from the "
            f"reference, add it to {path} with the reason:"
        )
        lines += [f'  "{toml_escape(m.key)}" = "..."' for m in report.unexplained]
    survivors = {m.key for m, v in report.verdicts.items() if v is Verdict.SURVIVED}
    stale = [key for key in report.equivalents if key not in survivors]
    if stale and not report.broken:
        lines.append(f"  note: listed as equivalent, but killed or no longer made: {stale}")
    return lines


def toml_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# --- The command -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, generate: Generate = cosmic_ray_mutants) -> int:
    summary = (__doc__ or "").split("\n\n")[0].split(": ", 1)[-1]
    parser = OneLineParser(prog="nox -s mutation --", description=summary)
    parser.add_argument("names", nargs="*", metavar="NAME", help="exercises (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (2)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (this one)")
    try:
        args = parser.parse_args(argv)
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        return mutation_test(args.root.resolve(), args.names, args.jobs, generate)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR


def mutation_test(root: Path, names: Iterable[str], jobs: int, generate: Generate) -> int:
    """Prove each exercise's tests; return 0 if no survivor is unexplained, else 1."""
    config = load_config(root)
    chosen = list(names) or [e.name for e in config.active]
    unknown = [n for n in chosen if config.exercise(n) is None]
    if unknown:
        raise UsageError(f"unknown exercise(s): {', '.join(unknown)}")
    missing = [n for n in chosen if not (root / "solutions" / f"{n}.py").is_file()]
    if missing:
        raise UsageError(f"no reference to mutate: solutions/{missing[0]}.py")
    reports = []
    with tempfile.TemporaryDirectory(prefix="kata-mutation-") as scratch:
        settings = Settings(
            root=root,
            test_timeout=config.test_timeout,
            run_timeout=config.exercise_timeout,
            memory_limit_mb=config.memory_limit_mb,
            scratch=Path(scratch),
        )
        for name in chosen:
            report = prove(settings, name, jobs, generate)
            reports.append(report)
            print(summary(report), flush=True)
            for line in details(report):
                print(line, flush=True)
    failed = [r.name for r in reports if r.broken or r.unexplained]
    if failed:
        print(f"mutation testing failed for: {', '.join(failed)}")
        return 1
    print("every mutant was killed or is a listed equivalent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
