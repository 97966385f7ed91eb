"""Run-time enforcement in the test process: a submission may compute, never change the world.

CPython's audit hooks (PEP 578, :func:`sys.addaudithook`) see what code does, whatever it calls it:
``getattr(os, "re" + "move")``, ``io.open``, ``os.open`` with ``O_WRONLY``, a ``Path`` method
reached through an alias and ``os.posix_spawn`` all raise the same events as the plain spelling.
The hook is installed before the submission is imported and cannot be removed. It refuses, by
raising ``PermissionError`` inside the submission and recording a :class:`Violation` that voids
the exercise:

- while a frame of the submission is on the stack: any change to the file system, any new
  process or signal to another process, native code (``ctypes``), and imports of the test
  machinery or the references;
- when the submission asks itself (or through ``inspect``): tracing and audit hooks, the garbage
  collector's view of other objects, restricted attributes (``__code__``, the frames of
  tracebacks and generators), ``sys._getframe``, sockets and resource limits. The standard
  library asks for some of these for innocent reasons on the submission's behalf;
- at any time: a change to a file outside the folders the grader writes to (its scratch folder
  and its caches), so that callbacks a submission leaves behind (``atexit``, ``weakref.finalize``)
  cannot reach the repository, the learner's files or another candidate's.

The grader's own writes go to files it opened before the hook, or to those folders.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

FILE_EVENTS = {
    "open", "os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.symlink", "os.link",
    "os.chmod", "os.chown", "os.truncate", "os.utime", "os.setxattr", "os.removexattr",
    "os.chflags", "os.lchflags", "shutil.rmtree", "shutil.copyfile", "shutil.copymode",
    "shutil.copystat", "shutil.copytree", "shutil.move", "shutil.chown",
    "shutil.make_archive", "shutil.unpack_archive",
}  # fmt: skip
PROCESS_EVENTS = {
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "os.kill", "os.killpg", "signal.pthread_kill", "os.startfile", "pty.spawn",
}  # fmt: skip
INTERPRETER_EVENTS = {
    "sys.settrace", "sys.setprofile", "sys.addaudithook", "sys._current_frames",
    "sys._current_exceptions", "gc.get_objects", "gc.get_referrers", "gc.get_referents",
    "object.__getattr__", "function.__new__", "code.__new__", "resource.setrlimit",
    "resource.prlimit", "socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto",
    "sys._getframe",
}  # fmt: skip
WATCHED = FILE_EVENTS | PROCESS_EVENTS | INTERPRETER_EVENTS | {"import"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
WRITE_MODE = set("wax+")
IMPORT_SYSTEM = {"importlib._bootstrap_external", "_frozen_importlib_external"}
# What a submission never imports, even by a name computed at run time.
MACHINERY = {"_pytest", "pytest", "pluggy", "hypothesis", "grader", "tests", "solutions"}
SUITE_MACHINERY = {"_pytest", "pytest", "pluggy", "hypothesis"}


@dataclass(frozen=True)
class Violation:
    """Something the submission tried: what, and where in its file when that is known."""

    what: str
    file: str | None
    line: int | None

    def __str__(self) -> str:
        if self.file is None:
            return f"{self.what}, from a callback the submission left behind"
        return f"{Path(self.file).name}, line {self.line}: {self.what}"


class Guard:
    """The audit hook and what it found; one per test process."""

    def __init__(
        self,
        submissions: Iterable[Path],
        writable: Iterable[Path],
        secret: Iterable[Path] = (),
        *,
        suite: bool = False,
    ) -> None:
        self.submissions = {str(path) for path in submissions}
        # A learner's test suite (the ``tests`` kind) runs the test machinery and may use
        # pytest's tmp_path: it imports pytest and hypothesis and writes to the scratch folder.
        self.machinery = MACHINERY - SUITE_MACHINERY if suite else MACHINERY
        self.suite = suite
        self.writable = (os.devnull, *(str(path.resolve()) for path in writable))
        self.secret = tuple(str(path.resolve()) for path in secret)  # not even to be read
        self.violations: list[Violation] = []
        self._busy = threading.local()

    def install(self) -> None:
        """Add the hook to this interpreter, for good."""
        sys.addaudithook(self.hook)

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        watched = event in WATCHED or event.startswith("ctypes.")
        if not watched or getattr(self._busy, "active", False):
            return
        self._busy.active = True
        try:
            refused = self.judge(event, args)
        finally:
            self._busy.active = False
        if refused is not None:
            self.violations.append(refused)
            raise PermissionError(f"the kata grader refused this: {refused.what}")

    def judge(self, event: str, args: tuple[Any, ...]) -> Violation | None:
        """Return the violation ``event`` is, or None when it is allowed."""
        caller = sys._getframe(2)  # judge <- hook <- (the audited C function) <- its caller
        if event in INTERPRETER_EVENTS:
            # Judged by the code that asked directly: the standard library reads frames and code
            # objects for innocent reasons (inspect.iscoroutinefunction reads __code__).
            direct = caller.f_back if caller.f_globals.get("__name__") == "inspect" else caller
            if direct is None or direct.f_code.co_filename not in self.submissions:
                return None
            return Violation(f"{describe(event, args)}: it reaches into the interpreter",
                             *where(direct))  # fmt: skip
        culprit = self.submission_frame(caller)
        if event == "import":
            top = str(args[0]).split(".")[0]
            if culprit is not None and top in self.machinery:
                return Violation(f"import of {args[0]} (the grading machinery)", *where(culprit))
            return None
        if event == "open" and culprit is not None and self.is_secret(args[0]):
            return Violation(f"{describe(event, args)}: the hidden tests stay hidden",
                             *where(culprit))  # fmt: skip
        if event in FILE_EVENTS:
            if not changes_files(event, args):
                return None
            if self.is_writable(event, args) and (
                culprit is None or self.suite or importing(caller)
            ):
                return None
            return Violation(f"{describe(event, args)}: an exercise never changes files",
                             *where(culprit))  # fmt: skip
        if culprit is None:
            return None
        if event.startswith("ctypes."):
            return Violation(f"{event}: native code", *where(culprit))
        return Violation(f"{describe(event, args)}: an exercise never runs other programs",
                         *where(culprit))  # fmt: skip

    def submission_frame(self, frame: FrameType | None) -> FrameType | None:
        """The innermost frame of the submission's code on the stack, if any."""
        while frame is not None:
            if frame.f_code.co_filename in self.submissions:
                return frame
            frame = frame.f_back
        return None

    def is_writable(self, event: str, args: tuple[Any, ...]) -> bool:
        """Whether every path the event changes lies in a folder the grader writes to."""
        if event == "open" or (event.startswith("shutil.") and event != "shutil.move"):
            args = args[1:2] if event == "shutil.copyfile" else args[:1]
        paths = [arg for arg in args[:2] if isinstance(arg, str | bytes | os.PathLike)]
        if not paths:
            return True  # an open file descriptor: it was judged when it was opened
        dir_fd = args[-1] if event.startswith("os.") and isinstance(args[-1], int) else -1
        return all(self.inside_writable(os.fsdecode(path), dir_fd) for path in paths)

    def is_secret(self, path: object) -> bool:
        if not isinstance(path, str | bytes | os.PathLike) or not self.secret:
            return False
        full = os.path.realpath(os.fsdecode(path))
        return any(full == root or full.startswith(root + os.sep) for root in self.secret)

    def inside_writable(self, path: str, dir_fd: int) -> bool:
        if not os.path.isabs(path) and dir_fd not in (-1, None):
            return True  # relative to a directory opened by an event already judged
        full = os.path.realpath(path)
        return any(full == root or full.startswith(root + os.sep) for root in self.writable)


def importing(frame: FrameType) -> bool:
    """Whether the import system itself asks: it caches bytecode for what a submission imports."""
    return frame.f_globals.get("__name__") in IMPORT_SYSTEM


def changes_files(event: str, args: tuple[Any, ...]) -> bool:
    """Whether a file event writes; ``open`` only does with a write mode or write flags."""
    if event != "open":
        return True
    _, mode, flags = (*args, None, None)[:3]
    if isinstance(mode, str):
        return bool(WRITE_MODE & set(mode))
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def where(frame: FrameType | None) -> tuple[str | None, int | None]:
    if frame is None:
        return None, None
    return frame.f_code.co_filename, frame.f_lineno


def describe(event: str, args: tuple[Any, ...]) -> str:
    """``os.remove('/repo/tests/x.py')``: the event as the call it stands for."""
    if event == "object.__getattr__":
        return f"reading .{args[1]}"
    if event == "sys._getframe":
        return "sys._getframe()"
    shown = ", ".join(_short(arg) for arg in args[:2] if arg is not None)
    return f"{event}({shown})"


def _short(value: object) -> str:
    text = repr(os.fsdecode(value)) if isinstance(value, bytes | os.PathLike) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
