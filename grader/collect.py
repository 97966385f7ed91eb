"""Run one exercise's tests in pytest processes of their own and collect what each test did.

The processes are isolated from the grader: a submission that hangs, crashes or exits costs its
own exercise the tests it did not finish, nothing more. Results come back through the event
stream of :mod:`grader.pytest_plugin`, so whatever finished before a crash still counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from grader import worker
from grader.config import Config, Exercise

GRADER_HOME = Path(__file__).resolve().parent.parent
OUTPUT_TAIL = 1_500  # characters of pytest's own output kept to explain a broken run
FOLLOW_SECONDS = 0.05  # how often a followed run's new events are read
FILE_LINE = re.compile(r'File "([^"]+)", line (\d+)')
CATEGORIES = ("correctness", "performance")  # the tests' categories, in the order they run
NOT_TIMED = "not timed: performance counts only once every correctness test passes"


@dataclass(frozen=True)
class Outcome:
    """One test's result, in the rubric's terms."""

    name: str
    category: str
    passed: bool
    message: str = ""
    hidden: bool = False  # from a lead's hidden pack: named, never explained
    tags: tuple[str, ...] = ()  # markers a kind weighs by, such as ``reproduces``


@dataclass(frozen=True)
class RunResult:
    """The outcome of every test of one exercise, and why the run broke off, if it did."""

    outcomes: tuple[Outcome, ...]
    problem: str | None = None
    refused: bool = False  # the audit refused the module: it never ran and earns nothing
    not_started: bool = False  # an untouched stub: nothing ran


class TestProcess(Protocol):
    """A running test process: a :class:`subprocess.Popen` or a :class:`worker.WorkerRun`."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int: ...


# Test processes now running, so that Ctrl-C can end them: each runs in a session of its own,
# out of reach of the terminal's signal.
_running: set[TestProcess] = set()
_running_lock = threading.Lock()


_interrupted = threading.Event()  # Ctrl-C: no new test process starts


def kill_running() -> None:
    """End every test process still running, with whatever it started; start no more."""
    _interrupted.set()
    with _running_lock:
        for process in _running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def run_tests(
    config: Config,
    exercise: Exercise,
    impl_dir: Path,
    workdir: Path,
    cache_dir: Path,
    stop_after: str | None = None,
    on_event: Callable[[dict[str, Any]], None] | None = None,
    hidden: Path | None = None,
    slots: threading.Semaphore | None = None,
) -> RunResult:
    """Run ``exercise``'s tests against ``impl_dir``; scratch files in ``workdir``.

    Each category's tests run in the exercise's :class:`~grader.config.Processes`, side by side,
    each process taking one of ``slots`` (the grade's processes at once); the correctness
    processes take theirs first.
    Timing counts only once every correctness test passes, so the timing processes end at the
    first correctness test that fails, and their tests read "not timed", as in one process.

    ``stop_after`` names a category whose first failed test ends that category's processes (the
    self-test's mutants need no more to be caught). With ``stop_after="correctness"`` the timing
    processes start only once every correctness process has ended, and only if none failed: they
    could not count otherwise, and would only slow the correctness processes down. ``on_event``
    hears each event as a process writes it, for a watcher that shows the first failure at once.
    """
    shards = exercise.processes
    parts = [(category, shard) for category in CATEGORIES for shard in range(shards.of(category))]
    # Set by a failed test: a correctness failure ends the timing processes, which cannot count;
    # a failure in the ``stop_after`` category ends that category's processes.
    stop = {category: threading.Event() for category in CATEGORIES}
    begun = {part: threading.Event() for part in parts if part[0] == "correctness"}
    ended = {part: threading.Event() for part in begun}
    # What a timing process waits for before it takes a slot.
    awaited = ended if stop_after == "correctness" else begun

    def follow(category: str, event: dict[str, Any]) -> None:
        if _fails(event):
            if category == "correctness":
                stop["performance"].set()
            if category == stop_after:
                stop[category].set()
        if on_event is not None:
            on_event(event)

    def run_part(part: tuple[str, int]) -> RunResult:
        category, shard = part
        if category != "correctness":
            for event in awaited.values():
                event.wait()
        try:
            folder = workdir / f"{category}-{shard}"
            folder.mkdir()
            return run_pytest(
                config,
                [config.root / exercise.test_file, *hidden_tests(hidden, exercise)],
                impl_dir / exercise.module_file,
                workdir=folder,
                cache_dir=cache_dir,
                options=[
                    f"--impl={impl_dir}",
                    f"--kata-part={category}",
                    f"--kata-shard={shard}/{shards.of(category)}",
                    *([f"--kata-hidden={hidden}"] if hidden else []),
                    *([f"--kata-stop-after={stop_after}"] if stop_after else []),
                ],
                on_event=partial(follow, category),
                slots=slots,
                cancel=stop[category],
                on_start=begun[part].set if part in begun else None,
            )
        finally:
            if part in begun:
                begun[part].set()  # even if this process could not start
                ended[part].set()

    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        return combine(dict(zip(parts, pool.map(run_part, parts), strict=True)))


def _fails(event: dict[str, Any]) -> bool:
    """Whether ``event`` shows that its process's category cannot earn every point."""
    kind = event.get("event")
    return kind in ("collect_error", "tampered") or (kind == "result" and not event.get("passed"))


def combine(runs: Mapping[tuple[str, int], RunResult]) -> RunResult:
    """One exercise's result from its processes, keyed by ``(category, shard)``.

    Every process collects every test, in the same order, and runs the tests of its category
    whose rank within the category leaves ``shard`` modulo the category's number of processes.
    A test whose process did not finish it reads "not run", with that process's reason; once a
    correctness test fails, every timing test reads "not timed".
    """
    in_order = sorted(runs, key=lambda part: (CATEGORIES.index(part[0]), part[1]))
    ordered = [runs[part] for part in in_order]
    refused = next((run for run in ordered if run.refused), None)
    if refused is not None:
        return refused
    base = next((run for run in ordered if run.outcomes), None)
    if base is None:  # nothing was collected: the first process says why
        return ordered[0]
    shards = Counter(category for category, _ in runs)
    ranks: Counter[str] = Counter()
    outcomes = []
    for index, announced in enumerate(base.outcomes):
        rank = ranks[announced.category]
        ranks[announced.category] += 1
        owner = runs[(announced.category, rank % shards[announced.category])]
        if len(owner.outcomes) == len(base.outcomes):
            outcomes.append(owner.outcomes[index])
        else:
            why = owner.problem or "the run ended before this test"
            outcomes.append(replace(announced, passed=False, message=f"not run: {why}"))
    correct = all(o.passed for o in outcomes if o.category == "correctness")
    if not correct:
        outcomes = [
            o if o.category == "correctness" else replace(o, passed=False, message=NOT_TIMED)
            for o in outcomes
        ]
    # Once a correctness test failed, what became of a timing process no longer matters.
    problems = [runs[p].problem for p in in_order if correct or p[0] == "correctness"]
    return RunResult(tuple(outcomes), next(filter(None, problems), None))


def run_pytest(
    config: Config,
    tests: Sequence[Path],
    submission: Path,
    *,
    workdir: Path,
    cache_dir: Path,
    options: Sequence[str] = (),
    on_event: Callable[[dict[str, Any]], None] | None = None,
    suite: Path | None = None,
    slots: threading.Semaphore | None = None,
    cancel: threading.Event | None = None,
    on_start: Callable[[], None] | None = None,
) -> RunResult:
    """Run ``tests`` with the grader's plugin, guarding the process against ``submission``.

    ``suite`` is the folder of a learner's own test suite (the ``tests`` kind): the run is rooted
    there, with the settings the grader wrote into it, and the suite may import the test
    machinery that a module under test never may. The process waits for one of ``slots``; once
    ``cancel`` is set it is not started, or is ended, and its result does not count.
    """
    events_path = workdir / "events.jsonl"
    output_path = workdir / "pytest-output.txt"
    scratch_tmp = workdir / "tmp"
    scratch_tmp.mkdir(exist_ok=True)
    root = config.root if suite is None else suite
    command = [
        sys.executable,
        "-m",
        "pytest",
        *map(str, tests),
        *([f"--config-file={suite / 'pytest.ini'}", "--kata-suite"] if suite else []),
        "-p",
        "grader.pytest_plugin",
        f"--kata-events={events_path}",
        f"--kata-memory-mb={config.memory_limit_mb:g}",
        f"--kata-submission={submission}",
        f"--kata-writable={cache_dir}",
        "--hypothesis-profile=grade",
        f"--timeout={config.test_timeout:g}",
        "-p",
        "no:cacheprovider",
        f"--rootdir={root}",
        "-q",
        "--no-header",
        "--color=no",
        "--tb=short",  # the plugin explains failures itself; long tracebacks only cost time
        *options,
    ]
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        # The plugin ships with the grader, which need not live in the repository it grades.
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(GRADER_HOME), os.environ.get("PYTHONPATH")])
        ),
        # Compiled bytecode goes to the cache, never beside the learner's files. Reusing it saves
        # a second per run where packages were installed without bytecode (uv's default).
        "PYTHONPYCACHEPREFIX": str(cache_dir / "pycache"),
        # Only caches live here (a Unicode table, constants mined from source: 2.3 s to rebuild);
        # the grade profile keeps no example database, so nothing here can change a grade.
        "HYPOTHESIS_STORAGE_DIRECTORY": str(cache_dir / "hypothesis"),
        # Strings hash alike in every test process, and in the worker they are forked from: code
        # that iterates a set of strings does so in the same order on every run and machine.
        "PYTHONHASHSEED": "0",
        # Temporary files (pytest's capture among them) stay in this run's scratch folder, the
        # only place besides the caches where the guard lets anything be written.
        "TMPDIR": str(scratch_tmp),
    }
    with slots or contextlib.nullcontext():
        if on_start is not None:
            on_start()
        if (cancel is not None and cancel.is_set()) or _interrupted.is_set():
            return RunResult((), "cancelled")
        process = start(command, root, env, output_path)
        with _running_lock:
            _running.add(process)
        try:
            if on_event is None:
                timed_out = _wait(process, config.exercise_timeout)
            else:
                timed_out = _follow(process, config.exercise_timeout, events_path, on_event, cancel)
        finally:
            with _running_lock:
                _running.discard(process)
    events = _read_events(events_path)
    code = process.wait()  # already ended: this is its exit code
    return interpret(events, code, timed_out, config, _tail(output_path))


def start(command: list[str], cwd: Path, env: dict[str, str], output: Path) -> TestProcess:
    """Start ``python -m pytest ...``: a fork of the warm worker, or else a fresh process.

    Either way it runs in a session of its own, so that a timeout can kill whatever the
    submission started, with its output in ``output``.
    """
    warm = worker.launch(command[3:], cwd, env, output)
    if warm is not None:
        return warm
    with output.open("wb") as file:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait(process: TestProcess, timeout: float) -> bool:
    """Wait for the process; kill its whole session after ``timeout`` s. Return True if killed."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        # A worker's child may have exited, and been reaped by the worker, since: nothing to kill.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True
    return False


def hidden_tests(pack: Path | None, exercise: Exercise) -> list[Path]:
    """A hidden pack's test files for ``exercise``: ``test_NAME.py`` and ``test_NAME_*.py``."""
    if pack is None:
        return []
    return sorted(
        {*pack.glob(f"test_{exercise.name}.py"), *pack.glob(f"test_{exercise.name}_*.py")}
    )


def _follow(
    process: TestProcess,
    timeout: float,
    events_path: Path,
    on_event: Callable[[dict[str, Any]], None],
    cancel: threading.Event | None = None,
) -> bool:
    """Like :func:`_wait`, passing each complete event line on as soon as it is written.

    Once ``cancel`` is set, the process is ended as if it had timed out.
    """
    give_up_at = time.monotonic() + timeout
    offset = 0
    while True:
        try:
            process.wait(timeout=FOLLOW_SECONDS)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
        offset = _pass_on_new_events(events_path, offset, on_event)
        if finished:
            return False
        if time.monotonic() > give_up_at or (cancel is not None and cancel.is_set()):
            return _wait(process, 0)


def _pass_on_new_events(path: Path, offset: int, on_event: Callable[[dict[str, Any]], None]) -> int:
    """Hand ``on_event`` the complete lines written after ``offset``; return the new offset."""
    try:
        with path.open("rb") as file:
            file.seek(offset)
            data = file.read()
    except FileNotFoundError:
        return offset
    complete = data[: data.rfind(b"\n") + 1]
    for line in complete.decode("utf-8", errors="replace").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            event = json.loads(line)
            if isinstance(event, dict):
                on_event(event)
    return offset + len(complete)


def _read_events(path: Path) -> list[dict[str, Any]]:
    """Parse the event stream, ignoring a last line cut short by a killed process."""
    events = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    for line in lines:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def _tail(path: Path) -> str:
    with path.open("rb") as file:
        file.seek(max(0, path.stat().st_size - OUTPUT_TAIL))
        return file.read().decode("utf-8", errors="replace").strip()


def interpret(
    events: list[dict[str, Any]], returncode: int, timed_out: bool, config: Config, tail: str
) -> RunResult:
    """Turn the event stream into outcomes; tests a broken run never finished count as failed."""
    tampered = next((e["reason"] for e in events if e.get("event") == "tampered"), None)
    if tampered:
        return RunResult((), f"refused: {tampered}", refused=True)
    collected = next((e["tests"] for e in events if e.get("event") == "collected"), None)
    stopped = next((e["reason"] for e in events if e.get("event") == "stopped"), None)
    if not collected:
        return RunResult(
            (), _why_no_test_ran(events, collected, returncode, timed_out, config, tail)
        )
    results = {e["id"]: e for e in events if e.get("event") == "result"}
    started = [e["id"] for e in events if e.get("event") == "start"]
    running = started[-1] if started and started[-1] not in results else None
    problem = stopped
    if timed_out:
        problem = _stopped(config)
    elif problem is None and not any(e.get("event") == "finish" for e in events):
        problem = (
            f"the test process ended early (exit code {returncode}): "
            "sys.exit(), os._exit() or a crash?"
        )
    outcomes = []
    for test in collected:
        name, category = short_name(test["id"]), test["category"]
        hidden = bool(test.get("hidden"))
        name = f"hidden: {name}" if hidden else name
        result = results.get(test["id"])
        if result is not None:
            passed, message = bool(result["passed"]), result["message"]
        elif test["id"] == running:
            passed, message = False, f"{problem} while this test ran"
        else:
            passed, message = False, f"not run: {problem or 'the run ended before this test'}"
        tags = tuple(test.get("tags", ()))
        outcomes.append(Outcome(name, category, passed, message, hidden, tags))
    return RunResult(tuple(outcomes), problem)


def _why_no_test_ran(
    events: list[dict[str, Any]],
    collected: list[Any] | None,
    returncode: int,
    timed_out: bool,
    config: Config,
    tail: str,
) -> str:
    collect_errors = [e["message"] for e in events if e.get("event") == "collect_error"]
    if collect_errors:
        return f"the module could not be imported: {one_line(collect_errors[0])}"
    if collected is not None:
        return f"no tests were collected (exit code {returncode}): {_last_line(tail)}"
    if timed_out:
        return _stopped(config) + " before any test started (endless loop at import?)"
    return (
        f"the test process ended before any test ran (exit code {returncode}): "
        f"os._exit() at import, or a crash? {_last_line(tail)}"
    )


def one_line(message: str) -> str:
    """The last line of an error (``SyntaxError: ...``), with the file and line it names."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return "no details"
    where = next((m for line in lines if (m := FILE_LINE.search(line))), None)
    suffix = f" ({Path(where.group(1)).name}, line {where.group(2)})" if where else ""
    return lines[-1] + suffix


def _stopped(config: Config) -> str:
    return f"the test run was stopped after the exercise's limit of {config.exercise_timeout:g}s"


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def short_name(nodeid: str) -> str:
    """Name a test for the learner: ``tests/test_x.py::TestMachine::runTest`` -> ``TestMachine``."""
    parts = nodeid.split("::")[1:]
    if parts and parts[-1] == "runTest":
        parts = parts[:-1]
    return ".".join(parts) or nodeid
