"""A pytest plugin that streams each test's outcome to a file, one JSON object per line.

The grader loads it with ``-p grader.pytest_plugin --kata-events PATH`` into the pytest process of
one exercise. Events are written and flushed as they happen, so when a submission hangs, crashes or
exits in the middle of a run the grader still knows which tests finished and which one was running.

Events, in order: ``collected`` (every test with its category) or ``collect_error``; then per test
``start`` and ``result``; ``finish`` when the session ends normally. Timing tests run last and are
not run at all once a correctness test has failed, since the rubric would withhold their points.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator
from typing import IO, Any

import pytest

PERFORMANCE_MARKER = "timing"
MESSAGE_LIMIT = 4_000
NOISE = re.compile(r"^\s*\+.* at 0x[0-9a-f]+>")

NOT_TIMED = "not timed: performance counts only once every correctness test passes"

failure_key = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--kata-events PATH``."""
    group = parser.getgroup("kata-grader", "kata grader")
    group.addoption("--kata-events", metavar="PATH", help="write test outcomes here as JSON lines")


def pytest_configure(config: pytest.Config) -> None:
    """Start streaming events when ``--kata-events`` is given."""
    path = config.getoption("kata_events")
    if path:
        config.pluginmanager.register(EventStream(open(path, "a", encoding="utf-8")))  # noqa: SIM115


def category(item: pytest.Item) -> str:
    """Return the rubric category of a test: its marker decides."""
    return "performance" if item.get_closest_marker(PERFORMANCE_MARKER) else "correctness"


class EventStream:
    """The hooks that write events; registered only when there is somewhere to write them."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.correctness_failed = False

    def emit(self, **event: Any) -> None:
        self.stream.write(json.dumps(event) + "\n")
        self.stream.flush()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Report a test module that could not be collected, usually a failed import."""
        if report.failed:
            self.emit(event="collect_error", message=collect_error_lines(report.longreprtext))

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Run the timing tests last, so they can be left out once a correctness test failed."""
        items.sort(key=lambda item: category(item) == "performance")

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Announce every test that will run, with its category."""
        tests = [{"id": item.nodeid, "category": category(item)} for item in session.items]
        self.emit(event="collected", tests=tests)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Generator[None, object, object]:
        """Emit ``start`` before a test, and its ``result`` once its teardown is done."""
        self.emit(event="start", id=item.nodeid)
        try:
            outcome = yield
        except BaseException as error:  # KeyboardInterrupt or Exit from the submission ends the run
            message = f"{type(error).__name__} raised in the test stopped the whole run"
            self.emit(event="result", id=item.nodeid, passed=False, message=message)
            raise
        failure = item.stash.get(failure_key, None)
        if failure is not None and category(item) == "correctness":
            self.correctness_failed = True
        self.emit(event="result", id=item.nodeid, passed=failure is None, message=failure or "")
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
            item.stash[failure_key] = explain(call, report)
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


def explain(call: pytest.CallInfo[None], report: pytest.TestReport) -> str:
    """Say why a test failed in the learner's terms: the message, then hypothesis's example."""
    if call.excinfo is None:
        return truncate(report.longreprtext)
    error = call.excinfo.value
    text = str(error).strip()
    if isinstance(error, pytest.skip.Exception):
        return text
    if isinstance(error, pytest.fail.Exception) and text.startswith("Timeout"):
        text = f"the test did not finish in time ({text}): an endless loop or a hang?"
    elif not isinstance(error, AssertionError | pytest.fail.Exception) or not text:
        text = f"{type(error).__name__}: {text}" if text else type(error).__name__
    notes = [note for note in getattr(error, "__notes__", ()) if isinstance(note, str)]
    return truncate("\n".join([_without_noise(text), *notes]).strip())


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
