"""Work that begins as the self-test starts, in background threads, and whose tests run last.

The self-test's heaviest work is grading: the hostile corpus, the mutants and the alternatives.
Their gradings need nothing from the other self-tests, which often leave a core idle (waiting for a
timeout, an install, a process starting), so they begin with the session (conftest) and the tests
that read them run last.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future
from pathlib import Path

import pytest

Job = Callable[[], object]


def selected(items: list[pytest.Item], test_file: str, *params: str) -> list[object]:
    """The values of ``params`` in the selected tests of ``test_file``, in the order they run."""
    return [
        item.callspec.params[name]
        for item in items
        if hasattr(item, "callspec") and item.path.name == Path(test_file).name
        for name in params
        if name in item.callspec.params
    ]


class Background:
    """Jobs under way in background threads, each result read by a test.

    One job at a time while the other self-tests run; one per core once a test waits for a
    result, when nothing else is left to run.
    """

    def __init__(self, jobs: Mapping[Hashable, Job]) -> None:
        self.jobs = dict(jobs)
        self.futures: dict[Hashable, Future[object]] = {key: Future() for key in self.jobs}
        self.waiting: queue.SimpleQueue[Hashable] = queue.SimpleQueue()
        for key in self.jobs:
            self.waiting.put(key)
        self.threads: list[threading.Thread] = []
        self.run_with(threads=1)

    def run_with(self, threads: int) -> None:
        """Run jobs in this many threads from now on (never fewer than before)."""
        while len(self.threads) < threads:
            thread = threading.Thread(target=self._work, name="background", daemon=True)
            thread.start()
            self.threads.append(thread)

    def _work(self) -> None:
        while True:
            try:
                key = self.waiting.get_nowait()
            except queue.Empty:
                return
            future = self.futures[key]
            if not future.set_running_or_notify_cancel():  # cancelled by close()
                continue
            try:
                future.set_result(self.jobs[key]())
            except BaseException as error:  # a crash of the job: the test that reads it shows it
                future.set_exception(error)

    def result(self, key: Hashable) -> object:
        """The result of the job ``key``, once done: every core works on what is left."""
        self.run_with(threads=os.cpu_count() or 1)
        return self.futures[key].result()

    def close(self) -> None:
        """Start no more jobs, and wait for those under way (an interrupted self-test)."""
        for future in self.futures.values():
            future.cancel()
        for thread in self.threads:
            thread.join()
