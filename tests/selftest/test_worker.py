"""The warm worker forks runs that behave exactly like fresh processes, and keep nothing.

Each test here runs a small pytest file twice, through the worker and as a fresh process, or
twice through the same worker, and compares what the runs saw.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from grader import worker
from grader.collect import GRADER_HOME, _wait
from tests.selftest.conftest import in_a_process_of_its_own

PROBE = """\
import json, os, sys, tempfile
from pathlib import Path

import hypothesis


def test_probe() -> None:
    seen = {
        "cwd": os.getcwd(),
        "path": sys.path[:2],
        "tmp": tempfile.gettempdir(),
        "pycache_prefix": sys.pycache_prefix,
        "session_leader": os.getsid(0) == os.getpid(),
        "leaked": getattr(hypothesis, "kata_leak", None),
        "variable": os.environ.get("KATA_PROBE"),
        "hash": hash("the same on every run"),
    }
    Path(os.environ["PROBE_OUT"]).write_text(json.dumps(seen))
    hypothesis.kata_leak = "from an earlier run"  # what the next run must not see
    os.environ["KATA_PROBE"] = "changed by a run"
"""


def environment(tmp_path: Path, out: Path) -> dict[str, str]:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": str(GRADER_HOME),
        "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"),
        "TMPDIR": str(scratch),
        "PROBE_OUT": str(out),
        "KATA_PROBE": "as given",
        "PYTHONHASHSEED": "0",
    }


def probe_once(tmp_path: Path, name: str, *, warm: bool) -> dict[str, object]:
    """Run the probe test in ``tmp_path``; return what it saw."""
    (tmp_path / "test_probe.py").write_text(PROBE)
    out = tmp_path / f"{name}.json"
    env = environment(tmp_path, out)
    argv = ["test_probe.py", "-q", "-p", "no:cacheprovider", f"--rootdir={tmp_path}"]
    if warm:
        run = worker.launch(argv, tmp_path, env, tmp_path / f"{name}.txt")
        assert run is not None, "no worker could be started"
        code = run.wait(timeout=60)
    else:
        code = subprocess.run(
            [sys.executable, "-m", "pytest", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            check=False,
            start_new_session=True,
        ).returncode
    assert code == 0, (tmp_path / f"{name}.txt").read_text() if warm else code
    seen: dict[str, object] = json.loads(out.read_text())
    return seen


def test_a_warm_run_sees_what_a_fresh_process_sees(tmp_path: Path) -> None:
    fresh = probe_once(tmp_path, "fresh", warm=False)
    warm = probe_once(tmp_path, "warm", warm=True)
    assert warm == fresh
    assert fresh["session_leader"] is True
    assert fresh["tmp"] == str(tmp_path / "scratch")
    assert fresh["leaked"] is None


def test_nothing_of_one_run_reaches_the_next(tmp_path: Path) -> None:
    first = probe_once(tmp_path, "first", warm=True)
    second = probe_once(tmp_path, "second", warm=True)
    assert first["leaked"] is None and second["leaked"] is None
    assert second["variable"] == "as given"


def test_a_killed_run_reports_its_signal_and_a_timeout_is_a_timeout(tmp_path: Path) -> None:
    (tmp_path / "test_hang.py").write_text("import time\n\ndef test_hang():\n    time.sleep(60)\n")
    argv = ["test_hang.py", "-q", "-p", "no:cacheprovider", f"--rootdir={tmp_path}"]
    env = environment(tmp_path, tmp_path / "unused")
    run = worker.launch(argv, tmp_path, env, tmp_path / "hang.txt")
    assert run is not None
    with pytest.raises(subprocess.TimeoutExpired):
        run.wait(timeout=0.5)
    os.killpg(run.pid, signal.SIGKILL)
    assert run.wait(timeout=10) == -signal.SIGKILL


def test_without_a_worker_runs_are_fresh_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KATA_WORKER", "0")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    assert worker.launch(["--version"], tmp_path, env, tmp_path / "out.txt") is None


def test_a_run_that_hashes_strings_at_random_is_a_fresh_process(tmp_path: Path) -> None:
    """A fork would hash strings with its worker's seed, not at random as a new process does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    assert worker.launch(["--version"], tmp_path, env, tmp_path / "out.txt") is None


def test_a_worker_of_another_version_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    before = worker.socket_path()
    worker.version.cache_clear()
    monkeypatch.setattr(worker, "GRADER_HOME", Path("/elsewhere"))
    try:
        assert worker.socket_path() != before
    finally:
        worker.version.cache_clear()


def answers(path: Path) -> bool:
    """Whether a worker listens at ``path``."""
    connection = worker.connect(path)
    if connection is None:
        return False
    connection.close()
    return True


def test_a_stopped_worker_is_replaced(tmp_path: Path) -> None:
    # In a process of its own, with a worker of its own (TMPDIR chooses the worker's folder): the
    # workers of this process serve the self-test's background gradings, and killing one, or
    # pointing this process at another, would end their runs. Short: a socket's path is.
    private = tempfile.mkdtemp(prefix="kw-", dir="/tmp")
    try:
        in_a_process_of_its_own(
            stopped_and_replaced, str(tmp_path), env={**os.environ, "TMPDIR": private}
        )
    finally:
        shutil.rmtree(private, ignore_errors=True)


def stopped_and_replaced(folder: str) -> None:
    """Kill the warm worker; the next run starts another. Run by the test above, in its process."""
    tmp_path = Path(folder)
    try:
        probe_once(tmp_path, "before", warm=True)
        pid = int(worker.socket_path().with_suffix(".pid").read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while answers(worker.socket_path()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert probe_once(tmp_path, "after", warm=True)["variable"] == "as given"
    finally:
        worker.stop_all()


class ReapedRun:
    """A worker's run whose child exited, and was reaped by the worker, before its status came."""

    def __init__(self) -> None:
        self.pid = _finished_pid()
        self.returncode: int | None = None
        self.waits = 0

    def wait(self, timeout: float | None = None) -> int:
        self.waits += 1
        if self.waits == 1:
            raise subprocess.TimeoutExpired("run", timeout or 0)
        return 0


def _finished_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_stopping_a_run_that_has_just_ended_is_not_an_error() -> None:
    run = ReapedRun()
    assert _wait(run, 0) is True  # stopped, and no ProcessLookupError from the kill
    assert run.waits == 2
