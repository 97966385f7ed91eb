"""A pytest plugin that streams each test's outcome to a file, one JSON object per line.

The grader loads it with ``-p grader.pytest_plugin --kata-events PATH`` into the pytest process of
one exercise. Events are written and flushed as they happen, so when a submission hangs, crashes or
exits in the middle of a run the grader still knows which tests finished and which one was running.

Events, in order: ``collected`` (every test with its category) or ``collect_error``; then per test
``start`` and ``result``; ``stopped`` if the run is cut short (two timeouts, or a test that
outlived its timeout); ``tampered`` if a guarded function was replaced or the submission did
something :mod:`grader.guard` refuses; ``finish`` when the session ends normally.
``--kata-memory-mb`` caps the process's address space, so a submission that allocates without end
gets a MemoryError instead of the machine's OOM killer. ``--kata-submission PATH`` installs the
run-time guard against that module before it is imported; ``--kata-writable DIR`` names a folder
the grader's own machinery writes to (its caches) beside the event stream's.
Timing tests run last and are not run at all once a correctness test has failed, since the rubric
would withhold their points.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import resource
import threading
from collections.abc import Collection, Generator
from pathlib import Path
from time import monotonic
from types import TracebackType
from typing import IO, Any

import pytest

from grader.collect import NOT_TIMED
from grader.guard import Guard

PERFORMANCE_MARKER = "timing"
TAGS = ("reproduces",)  # markers a kind weighs by (a debug exercise's reproducing tests)
MESSAGE_LIMIT = 4_000
NOISE = re.compile(r"^\s*\+.* at 0x[0-9a-f]+>")

TIMED_OUT = "the test did not finish in time"
TIMEOUTS_BEFORE_STOP = 2  # a submission that hangs twice would hang in every test: stop early
HIDDEN_FAILED = "failed (a hidden test: what it checks stays with the lead)"
UNSTOPPABLE = "the test did not finish in time and could not be interrupted, so the run was stopped"

failure_key = pytest.StashKey[str]()

# What a submission could replace to fake its results. The static audit refuses code that tries;
# this run-time check after every test backs it up, and a change voids the whole exercise.
GUARDED = (
    ("time", ("perf_counter", "monotonic", "thread_time", "process_time", "time", "sleep")),
    ("_pytest.runner", ("call_and_report", "runtestprotocol", "call_runtest_hook")),
    ("_pytest.reports", ("TestReport",)),
    ("json", ("dumps",)),
)


def guarded_objects() -> dict[str, object]:
    """The current object behind every guarded name, by dotted name."""
    found = {}
    for module_name, names in GUARDED:
        module = importlib.import_module(module_name)
        for name in names:
            found[f"{module_name}.{name}"] = getattr(module, name, None)
    return found


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--kata-events PATH`` and ``--kata-memory-mb MB``."""
    group = parser.getgroup("kata-grader", "kata grader")
    group.addoption("--kata-events", metavar="PATH", help="write test outcomes here as JSON lines")
    group.addoption(
        "--kata-memory-mb", type=float, metavar="MB", help="cap the process's address space"
    )
    group.addoption(
        "--kata-submission",
        action="append",
        default=[],
        metavar="PATH",
        help="a submitted module: guard the process against it (repeatable)",
    )
    group.addoption(
        "--kata-stop-after",
        choices=["correctness", "performance"],
        metavar="CATEGORY",
        help="end the run at the first failed test of this category",
    )
    group.addoption(
        "--kata-no-shrink",
        action="store_true",
        help="find failing hypothesis examples without shrinking them: only whether a test "
        "fails matters",
    )
    group.addoption(
        "--kata-part",
        choices=["correctness", "performance"],
        metavar="CATEGORY",
        help="run only the tests of this category (the grader runs the two side by side)",
    )
    group.addoption(
        "--kata-shard",
        default="0/1",
        metavar="K/N",
        help="with --kata-part: run only every Nth test of the category, from the Kth (from 0)",
    )
    group.addoption(
        "--kata-hidden",
        action="append",
        default=[],
        metavar="DIR",
        help="a lead's hidden tests: report whether each passed, never why (repeatable)",
    )
    group.addoption(
        "--kata-suite",
        action="store_true",
        help="the submission is a test suite: it may import pytest and hypothesis, and write "
        "to the scratch folder",
    )
    group.addoption(
        "--kata-writable",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder the grader itself writes to while tests run (repeatable)",
    )


@pytest.hookimpl(trylast=True)  # after hypothesis's plugin has loaded the grade profile
def pytest_configure(config: pytest.Config) -> None:
    """Start streaming events when ``--kata-events`` is given."""
    memory = config.getoption("kata_memory_mb")
    if memory:
        limit = int(memory * 2**20)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    path = config.getoption("kata_events")
    if path:
        stream = EventStream(open(path, "a", encoding="utf-8"))  # noqa: SIM115
        stream.stop_after = config.getoption("kata_stop_after")
        draw_only_from_the_tests()
        if stream.stop_after or config.getoption("kata_no_shrink"):
            find_without_shrinking()
        stream.part = config.getoption("kata_part")
        stream.shard, stream.shards = shard(config.getoption("kata_shard"))
        stream.hidden = tuple(Path(folder).resolve() for folder in config.getoption("kata_hidden"))
        submissions = config.getoption("kata_submission")
        if submissions:  # before any test module, so before the submission is imported
            writable = [Path(path).parent, *map(Path, config.getoption("kata_writable"))]
            secret = [Path(folder) for folder in config.getoption("kata_hidden")]
            suite = bool(config.getoption("kata_suite"))
            stream.guard = Guard(map(Path, submissions), writable, secret, suite=suite)
            stream.guard.install()
        config.pluginmanager.register(stream)
        seconds = float(config.getoption("timeout", None) or 0)
        stream.test_timeout = seconds
        if seconds:  # pytest-timeout's limit, then as long again for it to take effect
            stream.watchdog = Watchdog(stream, grace=seconds + max(seconds, 1.0))


def shard(text: str) -> tuple[int, int]:
    """``K/N`` as ``(K, N)``: this process runs the Kth of every N tests of its category."""
    try:
        index, count = map(int, text.split("/"))
    except ValueError:
        raise pytest.UsageError(f"--kata-shard takes K/N, such as 0/2, not {text!r}") from None
    if not 0 <= index < count:
        raise pytest.UsageError(f"--kata-shard {text}: K must be from 0 to N - 1")
    return index, count


def draw_only_from_the_tests() -> None:
    """Keep hypothesis from drawing the literals of whatever local modules are loaded.

    Besides its strategies, hypothesis sometimes draws a string or number found in the source of
    the local modules imported so far: the submission's, and the grader's own. Which modules
    those are depends on the grader's version and on when each happens to be imported, so the
    examples, and with them a grade, could change from one run or release to the next. Grading
    draws from the tests' strategies alone: every submission faces the same examples.
    """
    from hypothesis.internal.conjecture import providers
    from hypothesis.internal.constants_ast import Constants

    nothing = Constants()
    providers._get_local_constants = lambda: nothing


def find_without_shrinking() -> None:
    """Find a failing hypothesis example but do not shrink it (``--kata-no-shrink``).

    A run that stops at its first failure only has to show that a test fails; shrinking the
    example (seconds for a state machine) would change nothing but the time it takes.
    """
    from hypothesis import Phase, settings

    current = settings()  # the profile loaded, with no changes
    quick = [phase for phase in current.phases if phase is not Phase.shrink]
    settings.register_profile("kata-stop-early", current, phases=quick)
    settings.load_profile("kata-stop-early")


def is_property(item: pytest.Item) -> bool:
    """Whether ``item`` is a hypothesis test: ``@given``, or a state machine's ``runTest``."""
    function = getattr(item, "obj", None)
    return bool(getattr(function, "is_hypothesis_test", False)) or item.name == "runTest"


def category(item: pytest.Item) -> str:
    """Return the rubric category of a test: its marker decides."""
    return "performance" if item.get_closest_marker(PERFORMANCE_MARKER) else "correctness"


class EventStream:
    """The hooks that write events; registered only when there is somewhere to write them."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.correctness_failed = False
        self.timeouts = 0
        self.guarded = guarded_objects()
        self.dumps = json.dumps
        self.write = stream.write
        self.lock = threading.Lock()  # the watchdog writes from its own thread
        self.watchdog: Watchdog | None = None
        self.guard: Guard | None = None
        self.stop_after: str | None = None
        self.test_timeout = 0.0  # pytest-timeout's limit per test (0: none)
        self.part: str | None = None  # run only this category's tests
        self.shard, self.shards = 0, 1  # and of those, only every shards-th from the shard-th
        self.announced: list[pytest.Item] = []  # every test collected, run here or not
        self.hidden: tuple[Path, ...] = ()

    def is_hidden(self, item: pytest.Item) -> bool:
        """Whether ``item`` comes from a lead's hidden pack."""
        return any(item.path.is_relative_to(folder) for folder in self.hidden)

    def emit(self, **event: Any) -> None:
        with self.lock:
            self.write(self.dumps(event) + "\n")
            self.stream.flush()

    def check_guarded(self, session: pytest.Session) -> None:
        """Void the run if anything guarded was replaced since the session started."""
        now = guarded_objects()
        replaced = [name for name, original in self.guarded.items() if now[name] is not original]
        if self.guard is not None and self.guard.violations:
            reason = str(self.guard.violations[0])
        elif replaced or type(self).emit is not GENUINE_EMIT:
            what = ", ".join(replaced) or "the grader's event stream"
            reason = f"the submission replaced {what} while tests ran"
        else:
            return
        self.emit(event="tampered", reason=reason)
        session.shouldstop = "tampering"

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Report a test module that could not be collected, usually a failed import."""
        if report.failed:
            self.emit(event="collect_error", message=collect_error_lines(report.longreprtext))

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Run the timing tests last, so they can be left out once a correctness test failed.

        Property tests and state machines run after the example tests of their category: a
        failing example shows at once, while a failing property is still being shrunk. With
        ``--kata-part``, only that category's tests run, and with ``--kata-shard K/N`` only every
        Nth of them, from the Kth: the grader runs a category's tests in N processes at once.
        """
        items.sort(key=lambda item: (category(item) == "performance", is_property(item)))
        self.announced = list(items)
        if self.part is not None:
            ours = [item for item in items if category(item) == self.part]
            mine = set(ours[self.shard :: self.shards])
            config.hook.pytest_deselected(items=[i for i in items if i not in mine])
            items[:] = [item for item in items if item in mine]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Announce every test, with its category, including those the other part runs."""
        tests = [
            {
                "id": item.nodeid,
                "category": category(item),
                "hidden": self.is_hidden(item),
                "tags": [tag for tag in TAGS if item.get_closest_marker(tag)],
            }
            for item in self.announced
        ]
        self.emit(event="collected", tests=tests, part=self.part)
        self.check_guarded(session)  # the submission was imported during collection
        # From here on pytest formats a failed test only for the process's output, which nobody
        # reads: explain() says why a test failed. Its usual format parses the test module again
        # for every frame, 0.4 s of the 0.7 s a run of failing tests takes; one line costs none.
        # Collection errors, which the grader does read, keep their format.
        session.config.option.tbstyle = "line"

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Generator[None, object, object]:
        """Emit ``start`` before a test, and its ``result`` once its teardown is done."""
        self.emit(event="start", id=item.nodeid)
        started = monotonic()
        if self.watchdog:
            self.watchdog.watch(item.nodeid)
        try:
            outcome = yield
        except BaseException as error:  # KeyboardInterrupt or Exit from the submission ends the run
            message = f"{type(error).__name__} raised in the test stopped the whole run"
            self.emit(event="result", id=item.nodeid, passed=False, message=message)
            raise
        if self.watchdog:
            self.watchdog.watch(None)
        failure = item.stash.get(failure_key, None)
        if failure is not None and category(item) == "correctness":
            self.correctness_failed = True
        message = failure or ""
        if failure is not None and self.is_hidden(item):
            message = HIDDEN_FAILED  # its code and message never leave this process
        self.emit(event="result", id=item.nodeid, passed=failure is None, message=message)
        self.check_guarded(item.session)
        if failure is not None and category(item) == self.stop_after:
            reason = f"stopped at the first failed {self.stop_after} test, as asked"
            self.emit(event="stopped", reason=reason)
            item.session.shouldstop = reason
        elif failure is not None and (
            failure.startswith(TIMED_OUT) or 0 < self.test_timeout <= monotonic() - started
        ):  # also a test that caught pytest-timeout's exception and failed on it
            self.timeouts += 1
            if self.timeouts == TIMEOUTS_BEFORE_STOP:
                reason = f"{self.timeouts} tests did not finish in time, so the rest were not run"
                self.emit(event="stopped", reason=reason)
                item.session.shouldstop = reason
        return outcome

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """Leave a timing test out once a correctness test failed: its points are withheld."""
        if category(item) == "performance" and self.correctness_failed:
            pytest.skip(NOT_TIMED)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Keep the first failure of a test (setup, call or teardown), explained.

        A skip counts as a failure: an exercise test that does not run has not passed.
        """
        report = yield
        if (report.failed or report.skipped) and failure_key not in item.stash:
            submissions = self.guard.submissions if self.guard else set()
            item.stash[failure_key] = explain(call, report, submissions)
        return report

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        """Mark a run that reached its end, then close the stream."""
        self.emit(event="finish", exitstatus=int(exitstatus))
        self.stream.close()


def collect_error_lines(text: str) -> str:
    """Keep the lines of a collection traceback that say what went wrong (pytest's ``E`` lines)."""
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    if not lines:
        lines = text.strip().splitlines()[-1:]
    return truncate("\n".join(lines[-6:]))


def explain(
    call: pytest.CallInfo[None], report: pytest.TestReport, submissions: Collection[str] = ()
) -> str:
    """Say why a test failed in the learner's terms: the message, then hypothesis's example.

    An exception raised in the learner's own code says where: their file, line and function.
    """
    if call.excinfo is None:
        return truncate(report.longreprtext)
    error = call.excinfo.value
    text = str(error).strip()
    if isinstance(error, pytest.skip.Exception):
        return text
    if isinstance(error, pytest.fail.Exception) and text.startswith("Timeout"):
        text = f"{TIMED_OUT} ({text}): an endless loop or a hang?"
    elif not isinstance(error, AssertionError | pytest.fail.Exception) or not text:
        text = f"{type(error).__name__}: {text}" if text else type(error).__name__
        text += where_raised(error.__traceback__, submissions)
    notes = [note for note in getattr(error, "__notes__", ()) if isinstance(note, str)]
    return truncate("\n".join([_without_noise(text), *notes]).strip())


def where_raised(traceback: TracebackType | None, submissions: Collection[str]) -> str:
    """`` (raised at lru_cache.py, line 42, in put)``: the learner's innermost frame, if any."""
    found = ""
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if code.co_filename in submissions:
            name = Path(code.co_filename).name
            found = f" (raised at {name}, line {traceback.tb_lineno}, in {code.co_name})"
        traceback = traceback.tb_next
    return found


def _without_noise(text: str) -> str:
    """Drop assertion-rewrite lines that name memory addresses (they differ on every run)."""
    lines = text.splitlines()
    return "\n".join(
        line
        for line in lines
        if not NOISE.search(line) and line.strip() != "Use -v to get more diff"
    )


def truncate(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Cut ``text`` to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\n... ({len(text) - limit:,} more characters left out)"


class Watchdog:
    """Ends the run when a test outlives pytest-timeout's limit by ``grace`` seconds.

    pytest-timeout interrupts a test once. Code that survives that (hypothesis calls a hanging
    function again while it shrinks; a submission may ignore the alarm) would otherwise hold
    the whole exercise until the grader kills it. The watchdog reports the test as failed,
    reports the run as stopped, and exits the process; the grader counts the rest as not run.
    """

    def __init__(self, stream: EventStream, grace: float) -> None:
        self.stream = stream
        self.grace = grace
        self.current: tuple[str, float] | None = None
        threading.Thread(target=self.run, name="kata-watchdog", daemon=True).start()

    def watch(self, nodeid: str | None) -> None:
        """Start timing ``nodeid`` (None: no test is running)."""
        self.current = None if nodeid is None else (nodeid, monotonic() + self.grace)

    def run(self) -> None:
        tick = threading.Event()  # never set: waiting on it is a sleep no submission can patch
        while not tick.wait(0.25):
            current = self.current
            if current is not None and monotonic() > current[1]:
                self.stream.emit(event="result", id=current[0], passed=False, message=UNSTOPPABLE)
                self.stream.emit(event="stopped", reason=UNSTOPPABLE)
                os._exit(0)


GENUINE_EMIT = EventStream.emit  # to notice a replaced method
