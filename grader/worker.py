"""A warm worker: pytest and hypothesis imported once, a fresh fork for every test run.

A cold test process spends about 0.7 s importing pytest, hypothesis and their plugins before its
first test. The worker imports them once, then forks a child per run. The child makes itself the
process a fresh interpreter would have been (arguments, import path, environment, working
folder, a session of its own, output to the run's file) and runs pytest. Whatever the tests and
the submission do happens in the child, which exits at the end of its run; the worker itself never
imports a test module or a submission, so nothing of one run reaches the next.

Workers are shared by the grader processes of one user: a worker listens on a Unix socket named
for its version (interpreter, grader source, test tools), in a folder only that user can open, so a
changed grader never reuses an old worker. It exits after :data:`IDLE_SECONDS` without a run.
``KATA_WORKER=0`` turns it off; so does anything that stops it from starting: every run is then a
fresh process, as before, and grades the same.

Protocol: the client sends one JSON line ``{"argv", "cwd", "env", "output"}``; the worker answers
``{"pid": N}`` once the child runs and ``{"status": CODE}`` when it has exited (a negative code
for a signal, as :class:`subprocess.Popen` reports it).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gc
import hashlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from importlib import import_module, metadata
from pathlib import Path
from typing import Any, Protocol

IDLE_SECONDS = 300.0
START_SECONDS = 10.0  # how long a client waits for a new worker before running cold
REPLY_SECONDS = 5.0  # how long a client waits for the fork's pid
SOCKET_FOLDER_LENGTH = 70  # leaves room for the socket's name within the limit of 104 bytes
# Imported by every run: the test tools, the plugins pytest always loads, and the standard modules
# they and the test modules import (20 ms of a run). Not the plugins that runs name with -p:
# pytest rewrites their asserts as it imports them, which it cannot do twice.
WARM = (
    "pytest", "hypothesis", "hypothesis.strategies", "hypothesis.stateful",
    "_pytest._argcomplete", "_pytest.faulthandler", "_pytest.helpconfig", "_pytest.junitxml",
    "_pytest.pastebin", "_pytest.setuponly", "_pytest.setupplan", "_pytest.skipping",
    "_pytest.threadexception", "_pytest.tracemalloc", "_pytest.unittest",
    "_pytest.unraisableexception", "_pytest.warnings",
    "asyncio", "concurrent.futures", "encodings.unicode_escape", "faulthandler", "pdb", "pickle",
    "readline", "resource", "runpy", "statistics", "tomllib", "tracemalloc",
    "xml.etree.ElementTree", "packaging.version",
    "grader.collect", "grader.config", "grader.guard",
)  # fmt: skip
TOOLS = ("pytest", "hypothesis", "pytest-timeout")
GRADER_HOME = Path(__file__).resolve().parent.parent


class Closable(Protocol):
    def close(self) -> None: ...


def enabled() -> bool:
    """Whether runs may use a worker (``KATA_WORKER=0`` says no)."""
    return os.environ.get("KATA_WORKER", "1") != "0" and hasattr(os, "fork")


def folder() -> Path:
    """This user's folder of worker sockets, private to them.

    A socket's path must be short (104 bytes on macOS): a long temporary folder gives way to /tmp.
    """
    for base in (tempfile.gettempdir(), "/tmp"):
        chosen = Path(base) / f"kata-workers-{os.getuid()}"
        if len(str(chosen)) <= SOCKET_FOLDER_LENGTH:
            return chosen
    return chosen


@functools.cache
def version() -> str:
    """What a worker must match to serve a client: interpreter, tools and the grader's source."""
    digest = hashlib.sha256()
    digest.update(f"{sys.executable}\0{sys.version}\0{GRADER_HOME}\0".encode())
    for tool in TOOLS:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{tool}={metadata.version(tool)}\0".encode())
    for path in sorted((GRADER_HOME / "grader").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def socket_path(hash_seed: str = "0") -> Path:
    """Where the worker of this version whose string hashing is seeded ``hash_seed`` listens."""
    return folder() / f"{version()}-{hash_seed}.sock"


# --- the client side: what grader.collect starts a run with -----------------------------------


class WorkerRun:
    """A test run in a forked child of the worker, waited for like a :class:`subprocess.Popen`."""

    def __init__(self, connection: socket.socket, pid: int) -> None:
        self.connection = connection
        self.pid = pid
        self.returncode: int | None = None
        self.buffer = b""

    def wait(self, timeout: float | None = None) -> int:
        """The child's exit code; :class:`subprocess.TimeoutExpired` after ``timeout`` s."""
        if self.returncode is not None:
            return self.returncode
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(["worker run"], timeout or 0)
            self.connection.settimeout(left)
            try:
                data = self.connection.recv(4096)
            except TimeoutError:
                continue
            if not data:  # the worker went away: the child was killed with it
                self.buffer += b'{"status": -9}\n'
            self.buffer += data
        line = self.buffer.split(b"\n", 1)[0]
        self.connection.close()
        self.returncode = int(json.loads(line)["status"])
        return self.returncode


_start_lock = threading.Lock()
_unavailable = threading.Event()


def launch(argv: Sequence[str], cwd: Path, env: dict[str, str], output: Path) -> WorkerRun | None:
    """Run ``pytest argv`` in a fork of the warm worker; None when no worker can be had.

    A fork hashes strings as the worker does, which is fixed when an interpreter starts: only a
    run that fixes ``PYTHONHASHSEED`` can be served, by a worker started with the same seed.
    """
    hash_seed = env.get("PYTHONHASHSEED")
    if not enabled() or _unavailable.is_set() or not hash_seed or hash_seed == "random":
        return None
    try:
        path = socket_path(hash_seed)
        connection = connect(path)
        if connection is None:
            with _start_lock:
                connection = connect(path) or _start(path, env)
    except OSError:
        return None  # the run goes ahead as a fresh process
    if connection is None:
        _unavailable.set()  # no worker would start: the rest of this grade runs cold
        return None
    request = {"argv": list(argv), "cwd": str(cwd), "env": env, "output": str(output)}
    try:
        connection.settimeout(REPLY_SECONDS)
        connection.sendall(json.dumps(request).encode() + b"\n")
        reply = b""
        while b"\n" not in reply:
            data = connection.recv(4096)
            if not data:
                raise ValueError("the worker closed the connection")
            reply += data
        line, rest = reply.split(b"\n", 1)
        run = WorkerRun(connection, int(json.loads(line)["pid"]))
    except (OSError, ValueError, KeyError):
        connection.close()
        return None  # the run goes ahead as a fresh process
    run.buffer = rest
    return run


def connect(path: Path) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        return None
    return connection


def _start(path: Path, env: dict[str, str]) -> socket.socket | None:
    """Start a worker for ``path`` with a run's ``env``, and connect to it once it listens."""
    path.parent.mkdir(mode=0o700, exist_ok=True)
    info = path.parent.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # someone else's folder: no worker
    subprocess.run(
        [sys.executable, "-m", "grader.worker", "--detach", str(path)],
        cwd="/",  # holds no one's folder
        env={k: v for k, v in env.items() if k != "TMPDIR"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        check=False,
    )  # returns at once: the worker is a detached child of that process
    give_up_at = time.monotonic() + START_SECONDS
    while time.monotonic() < give_up_at:
        connection = connect(path)
        if connection is not None:
            return connection
        time.sleep(0.02)
    return None


def stop_all() -> int:
    """Stop every worker of this user; return how many were stopped."""
    stopped = 0
    for pid_file in folder().glob("*.pid"):
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
            stopped += 1
    return stopped


# --- the worker side -------------------------------------------------------------------------


def serve(path: Path) -> None:
    """Warm up, then fork a child per request until idle for :data:`IDLE_SECONDS`."""
    lock = open(path.with_suffix(".lock"), "w")  # noqa: SIM115  (held for the worker's life)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another worker of this version is starting or serving
    for module in WARM:
        import_module(module)
    # What is imported now lives as long as the worker: left out of the collector's passes, a
    # child neither spends time scanning it nor copies the pages a scan would touch (20 ms a run).
    gc.freeze()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a socket left by a worker that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(64)
    pid_file = path.with_suffix(".pid")
    pid_file.write_text(str(os.getpid()))
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}
    try:
        while True:
            ready = selector.select(timeout=None if children else IDLE_SECONDS)
            if not ready and not children:
                return
            for key, _ in ready:
                if key.fileobj is listener:
                    connection, _ = listener.accept()
                    held: list[int | Closable] = [wake_read, wake_write, selector, listener, lock]
                    pid = _fork_run(connection, [*held, *children.values()])
                    if pid is not None:
                        children[pid] = connection
                else:
                    with contextlib.suppress(BlockingIOError):
                        os.read(wake_read, 4096)
            _reap(children)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        with contextlib.suppress(OSError):
            pid_file.unlink()


def _reap(children: dict[int, socket.socket]) -> None:
    """Tell each finished child's client its exit code."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = children.pop(pid, None)
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps({"status": _exit_code(status)}).encode() + b"\n")
            connection.close()


def _exit_code(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _fork_run(connection: socket.socket, close: list[int | Closable]) -> int | None:
    """Read one request from ``connection`` and fork its child; None if the request is bad."""
    connection.settimeout(REPLY_SECONDS)
    try:
        data = b""
        while b"\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                raise ValueError("no request")
            data += chunk
        request: dict[str, Any] = json.loads(data.split(b"\n", 1)[0])
    except (OSError, ValueError):
        connection.close()
        return None
    pid = os.fork()
    if pid == 0:  # the child: never returns
        connection.close()
        _run_child(request, close)
    try:
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    except OSError:
        os.killpg(pid, signal.SIGKILL)  # its client is gone
    return pid


def _run_child(request: dict[str, Any], close: list[int | Closable]) -> None:
    """Become the fresh pytest process ``request`` describes, run it, and exit."""
    code = 70  # EX_SOFTWARE: the set-up itself failed
    try:
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        for held in close:  # the worker's: its socket, its lock and other runs' connections
            if isinstance(held, int):
                os.close(held)
            else:
                held.close()
        os.setsid()  # a session of its own, so a timeout kills all it started
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        cwd = request["cwd"]
        os.chdir(cwd)
        env: dict[str, str] = request["env"]
        os.environ.clear()
        os.environ.update(env)
        _as_fresh_interpreter(cwd, env)
        import pytest

        code = int(pytest.main(request["argv"]))
    except BaseException:  # whatever happened, the child must exit here
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _as_fresh_interpreter(cwd: str, env: dict[str, str]) -> None:
    """Set what ``python -m pytest`` would have read from ``env`` at start-up, in ``cwd``."""
    extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    base = [p for p in sys.path[1:] if p not in extra and p != str(GRADER_HOME)]
    sys.path[:] = [cwd, *extra, *base]
    sys.argv = ["pytest"]
    sys.pycache_prefix = env.get("PYTHONPYCACHEPREFIX") or None
    sys.dont_write_bytecode = bool(env.get("PYTHONDONTWRITEBYTECODE"))
    tempfile.tempdir = None  # found again from TMPDIR


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m grader.worker [--detach] SOCKET`` serves; ``--stop`` ends this user's workers.

    ``--detach`` serves from a child and returns at once, so the worker belongs to no grader.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--stop"]:
        print(f"stopped {stop_all()} worker(s)")
        return 0
    detach = args[:1] == ["--detach"]
    if detach:
        args = args[1:]
    if len(args) != 1:
        print("usage: python -m grader.worker [--detach] SOCKET | --stop", file=sys.stderr)
        return 2
    if detach and os.fork():
        return 0
    serve(Path(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
